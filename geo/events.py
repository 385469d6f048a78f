"""Events from a report's sentences: what happened, where, when, who, how many died.

Reading goes clause by clause. A clause with a trigger ("clashes erupted", "jets struck") and a place
it happened at ("in Kandahar", "at the Chaman border crossing") gives an event; a clause that refers
back ("10 civilians were killed in the strikes", "the talks") adds to the event it refers to. Then
events are merged the way ACLED merges them: one event per type, place and day.

Every decision keeps its evidence: the sentence, its offsets, the trigger words.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date

from geo import fatalities as fat
from geo.actors import find_actors
from geo.dates import DateMention, publication_week
from geo.event_types import Trigger, dominant, find_triggers
from geo.gazetteer import Gazetteer, km
from geo.record import Event
from geo.sentences import Span, clauses, sentences
from geo.toponyms import Mention, _contains

_PRECISION_ORDER = ("day", "week", "month", "year")
# Words before a trigger that make it something not done: planned, called for, denied, hypothetical.
_NOT_DONE = re.compile(
    r"\b(?:will|would|could|might|may|shall|plans?\s+to|planning|planned|threaten(?:ed|s)?\s+to|vow(?:ed|s)?\s+to|"
    r"urg(?:ed|es|ing)|calls?\s+for|called\s+for|calling\s+for|demand(?:ed|s|ing)|appeal(?:ed|s)?\s+for|push(?:ed|es|ing)?\s+for|"
    r"seek(?:s|ing)?|sought|warn(?:ed|s)?\s+(?:of|against)|ready\s+to|prepared\s+to|intends?\s+to|expected\s+to|"
    r"set\s+to|scheduled|to\s+hold|to\s+resume|aimed\s+at|aim(?:ed|s)?\s+to|proposed|proposal|committed\s+to|"
    r"no\s+|not\s+|never\s+|denied|deny|without|prevent(?:ed)?|avoid(?:ed)?|fear(?:ed|s)?|risk\s+of|"
    r"possible|potential|hope(?:s|d)?\s+(?:for|to)|if\s+|unless\s+|agree(?:d)?\s+to\s+(?:hold|resume|meet))\b"
    r"[^.;]{0,40}$", re.I)
_DESCRIPTIVE = re.compile(r"^\s*(?:it|this|that)\s+(?:was|is|were|had been|marked)\b", re.I)
_LOCATIVE = re.compile(
    r"(?:\b(?i:in|at|near|on|across|inside|outside|around|into|through|along|over|against|to the (?:north|south|"
    r"east|west) of|(?:areas?|parts?|centre|center|outskirts|city|town|village|district|province|region|north|"
    r"south|east|west|heart|suburbs?|edge|vicinity|capital|streets) of)\s+"
    r"(?:the\s+)?(?:(?:[a-z][\w-]*|\w+['’]s)\s+){0,3})$")
_LIST_JOIN = re.compile(r"^\s*(?:,\s*(?:and\s+|or\s+)?|\s+(?:and|or)\s+)(?:the\s+)?(?:(?:[a-z][\w-]*)\s+){0,4}$")
_TERRITORY = re.compile(r"^\s+(?:territory|soil|side|airspace|border|land|waters|towns?|villages?|posts?|positions?)\b",
                        re.I)


@dataclass
class Draft:
    """An event being read: grows as later sentences add to it, becomes an :class:`Event` at the end."""

    trigger: Trigger
    place: int | None  # gazetteer entry
    mention: Mention | None
    sentence: Span
    date_from: date
    date_to: date
    precision: str
    dated: bool  # the clause gave its own date
    triggers: list[str] = field(default_factory=list)
    figures: list[fat.Fatalities] = field(default_factory=list)
    actors: list[str] = field(default_factory=list)
    places: list[Mention] = field(default_factory=list)  # every mention merged into it
    country_level: bool = False


class EventReader:
    """Reads events from one report's text, given its resolved place mentions and dates.

    Parameters
    ----------
    gazetteer : Gazetteer
        For the resolved places' names, kinds and points.
    """

    def __init__(self, gazetteer: Gazetteer):
        self.gaz = gazetteer
        self.dateline_end = 0

    def read(self, text: str, *, published: date, mentions: list[Mention], dates: list[DateMention],
             dateline_end: int = 0) -> list[Draft]:
        self.dateline_end = dateline_end
        drafts: list[Draft] = []
        sents = sentences(text)
        for sentence in sents:
            made_here: list[Draft] = []
            for clause in clauses(text, sentence):
                made_here += self._read_clause(text, clause, sentence, sents, published, mentions, dates,
                                               drafts + made_here)
            self._add_fatalities(text, sentence, made_here, drafts)
            drafts += [d for d in made_here if d not in drafts]
        return self._merge(drafts)

    # -- one clause ----------------------------------------------------------------------
    def _read_clause(self, text: str, clause: Span, sentence: Span, sents: list[Span], published: date,
                     mentions: list[Mention], dates: list[DateMention], drafts: list[Draft]) -> list[Draft]:
        own_dates = [d for d in dates if clause.contains(d.start, d.end)]
        if any(d.future for d in own_dates):
            return []  # planned, not happened: "will meet again in Istanbul on October 25"
        triggers = [t for t in find_triggers(text, clause.start, clause.end)
                    if not _NOT_DONE.search(text[clause.start:t.start])]
        if not triggers:
            return []
        descriptive = bool(_DESCRIPTIVE.match(text[clause.start:clause.end]))
        places = self._event_places(text, clause, mentions, triggers)
        lead = dominant(triggers)
        if lead is None:
            return []
        if not places or descriptive:
            target = self._referent(drafts, lead, sentence)
            if target is not None:
                self._extend(target, text, clause, triggers, own_dates)
            return []
        when = self._date(clause, sentence, sents, own_dates, dates, published)
        out = []
        for m, country_level in places:
            if country_level and not when[3]:
                continue  # "recent attacks in Pakistan": a country with no date is background, not an event
            draft = Draft(lead, m.place, m, sentence, when[0], when[1], when[2], when[3],
                          triggers=[t.text for t in triggers], places=[m], country_level=country_level)
            draft.actors = find_actors(text, max(clause.start, self.dateline_end), clause.end)
            out.append(draft)
        return out

    def _event_places(self, text: str, clause: Span, mentions: list[Mention],
                      triggers: list[Trigger]) -> list[tuple[Mention, bool]]:
        """The mentions in a clause that say where it happened: after "in/at/near...", or a list of them."""
        out: list[tuple[Mention, bool]] = []
        previous_ok: Mention | None = None
        for m in mentions:
            if not clause.contains(m.start, m.end) or m.place is None or m.start < self.dateline_end:
                continue
            if m.role in ("dateline", "metonym") or m.embedded or m.qualifies is not None:
                previous_ok = None
                continue
            before = text[clause.start:m.start]
            kind = self.gaz.kind(m.place)
            if m.form == "demonym":
                on_territory = re.search(r"\b(?:on|in|into|inside|across)\s+$", before)
                if on_territory and _TERRITORY.match(text[m.end:m.end + 20]):
                    out.append((m, True))
                continue
            # "captured Goma", "taken control of the Abu Salim district": the place is the trigger's object.
            after_trigger = any(t.start < m.start and (t.end >= m.start or re.fullmatch(r"\s*(?:the\s+)?",
                                                                                         text[t.end:m.start]))
                                for t in triggers)
            premodifier = any(m.end <= t.start and re.fullmatch(r"['’]?s?\s*", text[m.end:t.start]) for t in triggers)
            listed = previous_ok is not None and (m.start < previous_ok.end  # "North and South Waziristan"
                                                  or _LIST_JOIN.match(text[previous_ok.end:m.start]))
            ok = bool(_LOCATIVE.search(before) or listed or premodifier or after_trigger)
            if ok and kind == "country" and not re.search(r"\b(?:in|inside|across|into|on)\s+(?:the\s+)?$", before):
                ok = False  # a country is where it happened only "in" it; otherwise it is a party
            if ok:
                out.append((m, kind == "country"))
                previous_ok = m
            else:
                previous_ok = None
        return out

    def _date(self, clause: Span, sentence: Span, sents: list[Span], own: list[DateMention],
              dates: list[DateMention], published: date) -> tuple[date, date, str, bool]:
        """The clause's own date; else the nearest one its paragraph gives, less precise; else the week."""
        event_dates = [d for d in own if not d.reporting] or own
        if event_dates:
            d = event_dates[0]
            return d.date_from, min(d.date_to, published), d.precision, True
        paragraph = [d for d in dates if not d.future and not d.reporting and _paragraph_of(d.start, sents) ==
                     sentence.paragraph and not sentence.contains(d.start, d.end)]
        if paragraph:
            before = [d for d in paragraph if d.end <= sentence.start]
            d = before[-1] if before else paragraph[0]
            i = min(_PRECISION_ORDER.index(d.precision) + 1, len(_PRECISION_ORDER) - 1)
            return d.date_from, min(d.date_to, published), _PRECISION_ORDER[i], False
        start, end = publication_week(published)
        return start, end, "week", False

    def _referent(self, drafts: list[Draft], lead: Trigger, sentence: Span) -> Draft | None:
        """The event a placeless clause talks about: the latest of the same type, in the same paragraph first."""
        same_type = [d for d in drafts if d.trigger.event_type == lead.event_type]
        in_paragraph = [d for d in same_type if d.sentence.paragraph == sentence.paragraph]
        pool = in_paragraph or same_type
        return pool[-1] if pool else None

    def _extend(self, target: Draft, text: str, clause: Span, triggers: list[Trigger], own: list[DateMention]) -> None:
        target.triggers += [t.text for t in triggers if t.text not in target.triggers]
        dated = [d for d in own if not d.reporting]
        if dated and not target.dated:
            d = dated[0]
            target.date_from, target.date_to, target.precision, target.dated = d.date_from, d.date_to, d.precision, True
        for actor in find_actors(text, max(clause.start, self.dateline_end), clause.end):
            if actor not in target.actors:
                target.actors.append(actor)

    # -- fatalities ----------------------------------------------------------------------
    def _add_fatalities(self, text: str, sentence: Span, made_here: list[Draft], drafts: list[Draft]) -> None:
        figures = fat.find_fatalities(text, sentence.start, sentence.end)
        if not figures:
            return
        if made_here:
            target: Draft | None = made_here[0]
        else:
            triggers = find_triggers(text, sentence.start, sentence.end)
            lead = dominant(triggers)
            in_paragraph = [d for d in drafts if d.sentence.paragraph == sentence.paragraph]
            typed = [d for d in in_paragraph if lead and d.trigger.event_type == lead.event_type]
            target = (typed or in_paragraph or [None])[-1]
        if target is not None:
            target.figures += figures

    # -- merging -------------------------------------------------------------------------
    def _merge(self, drafts: list[Draft]) -> list[Draft]:
        """ACLED's unit: one event per type, place and day. Vaguer copies fold into precise ones."""
        merged: list[Draft] = []
        for d in sorted(drafts, key=lambda d: (not d.dated, d.country_level)):
            home = next((m for m in merged if self._same_event(m, d)), None)
            if home is None:
                merged.append(d)
                continue
            home.triggers += [t for t in d.triggers if t not in home.triggers]
            home.figures += d.figures
            home.actors += [a for a in d.actors if a not in home.actors]
            home.places += d.places
            if d.trigger.rank < home.trigger.rank:
                home.trigger = d.trigger  # the higher type wins within one incident
            if self._more_specific(d, home) and d.sentence == home.sentence:
                home.place, home.mention = d.place, d.mention
        return sorted(merged, key=lambda d: d.sentence.start)

    def _same_event(self, a: Draft, b: Draft) -> bool:
        if a.trigger.event_type != b.trigger.event_type:
            return False
        same_day = a.date_from == b.date_from
        if a.place == b.place:
            return same_day or not b.dated
        if b.country_level and not a.country_level:
            return same_day and self.gaz.country_of(a.place) == self.gaz.country_of(b.place)
        if a.sentence == b.sentence and same_day and a.place is not None and b.place is not None:
            pa, pb = self.gaz.point(a.place), self.gaz.point(b.place)
            nested = _contains(self.gaz, a.place, b.place) or _contains(self.gaz, b.place, a.place)
            return nested or km(*pa, *pb) <= 25.0
        return False

    def _more_specific(self, d: Draft, home: Draft) -> bool:
        rank = {"place": 0, "admin2": 1, "admin1": 2, "region": 2, "country": 3}
        kd, kh = rank.get(self.gaz.kind(d.place), 0), rank.get(self.gaz.kind(home.place), 0)
        if kd != kh:
            return kd < kh
        return self.gaz.population(d.place) < self.gaz.population(home.place)


def _paragraph_of(offset: int, sents: list[Span]) -> int:
    for s in sents:
        if s.start <= offset <= s.end:
            return s.paragraph
    return -1


def to_event(draft: Draft, gaz: Gazetteer, *, text: str, label: str, report_fields: dict) -> Event:
    """The finished record: ACLED's fields from a draft and its place."""
    place = gaz.place(draft.place)
    actors = draft.actors
    return Event(
        event_date=draft.date_from.isoformat(), date_end=draft.date_to.isoformat(), date_precision=draft.precision,
        event_type=draft.trigger.event_type, sub_event_type=draft.trigger.sub_event_type,
        location=label, country_code=place.country_code, admin1=place.admin1 or None, admin2=place.admin2 or None,
        latitude=place.latitude, longitude=place.longitude,
        geo_precision="country" if draft.country_level else ("near place" if draft.mention and draft.mention.near
                                                             else place.precision),
        actor1=actors[0] if actors else None, actor2=actors[1] if len(actors) > 1 else None,
        fatalities=fat.total(draft.figures),
        sentence=text[draft.sentence.start:draft.sentence.end], start=draft.sentence.start, end=draft.sentence.end,
        place_start=draft.mention.start if draft.mention else None,
        place_end=draft.mention.end if draft.mention else None,
        triggers=list(dict.fromkeys(draft.triggers)), **report_fields)
