"""Events from a report's sentences: what happened, where, when, who, how many died.

Reading goes clause by clause. In a clause, triggers ("clashes erupted", "jets struck") are grouped
into incidents, and each place the clause says something happened at ("in Kandahar", "at the Chaman
border crossing", "struck Odesa") belongs to the incident nearest before it; its date is the date
expression nearest to it. A clause without a place refers to an event already told ("10 civilians
were killed in the strikes") and adds to it, or, with a new date of its own, tells a new event at the
place the paragraph is about. Then events are merged the way ACLED merges them: one event per type,
place and day.

Every decision keeps its evidence: the sentence, its offsets, the trigger words.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass, field, replace
from datetime import date, timedelta

from geo import fatalities as fat
from geo.actors import find_actors
from geo.dates import DateMention, publication_week
from geo.event_types import Trigger, dominant, find_triggers
from geo.gazetteer import Gazetteer, km
from geo.record import NON_VIOLENT_SUB_TYPES, Event
from geo.resolution import contains
from geo.sentences import Span, clauses, sentences
from geo.toponyms import Mention

_PRECISION_ORDER = ("day", "week", "month", "year")
#: Events older than this, told in passing, are background to the report, not its events.
BACKGROUND_DAYS = 180
# A depiction of an attack ("a video circulated showing an attack on a shrine") and a campaign's toll so far
# ("the offensive in eastern Ghouta has killed more than 1,600 civilians") tell no event of their own.
_DEPICTS = r"(?:videos?|footage|images?|photos?|pictures)\s+(?:\w+\s+){0,4}(?:showing|depicting|of)"
_CAMPAIGN_SO_FAR = (r"\b(?:offensive|campaign|war|conflict|fighting|violence|insurgency|bombardment|siege|crackdown|"
                    r"unrest)\b[^.;,]{0,60}\b(?:has|have)\s+(?:\w+\s+)?")
# Words before a trigger that make it something not done: planned, called for, denied, hypothetical.
_NOT_DONE = re.compile(
    r"\b(?:will|would|could|might|(?-i:may)(?!\s+\d)|shall|plans?\s+to|planning|planned|threaten(?:ed|s)?\s+to|vow(?:ed|s)?\s+to|"
    r"urg(?:ed|es|ing)|calls?\s+for|called\s+for|calling\s+for|demand(?:ed|s|ing)|appeal(?:ed|s)?\s+for|"
    r"push(?:ed|es|ing)?\s+for|(?:seek(?:s|ing)?|sought)\s+to|warn(?:ed|s)?\s+(?:of|against)|ready\s+to|prepared\s+to|"
    r"intends?\s+to|expected\s+to|set\s+to|scheduled|to\s+hold|to\s+resume|aimed\s+at|aim(?:ed|s)?\s+to|proposed|"
    r"proposal|committed\s+to|no\s+|not\s+|never\s+|denied|deny|denies|without|prevent(?:ed)?|avoid(?:ed)?|"
    r"fear(?:ed|s)?|risk\s+of|possible|potential|hope(?:s|d)?\s+(?:for|to)|if\s+|unless\s+|accus(?:ed|es|ing)|"
    r"blam(?:ed|es|ing)|suspend(?:ed|s|ing)|cancel(?:led|ed|s)|postpon(?:ed|es)|respond\s+to\s+any|"
    r"agree(?:d)?\s+to\s+(?:hold|resume|meet)|due\s+to|retaliation\s+for|"
    # what a deal stops: "agreed to stop attacks on shipping and to halt strikes on energy facilities"
    r"(?:stop|halt|end|cease|suspend|pause)\s+(?:all\s+|further\s+)?|"
    # what is left of or leads to another time: "a landmine left over from earlier fighting", "a step towards
    # retaking Mosul"
    r"left\s+over\s+from|remnants?\s+of|from\s+(?:earlier|previous|past)|steps?\s+towards?|"
    r"want(?:s|ed)?\s+|wish(?:es|ed)?\s+for|" + _DEPICTS + r")"
    # a word boundary, or the space of "no\s+" right before the trigger ("there had been no fighting")
    r"(?:\b|(?<=\s))[^.;,]{0,40}$"
    # what keeps happening is a trend, not an event: "frequent attacks", "a spate of bombings"
    r"|\b(?:frequent|repeated|regular|recurring|routine|daily|weekly|increasing|rising|growing|sporadic\s+and|"
    r"(?:a|the)\s+(?:series|spate|wave|rise|surge|string)\s+of|an\s+increase\s+in|(?:has|have|had)\s+(?:\w+\s+)?"
    r"(?:stepped\s+up|intensified|escalated|increased))\s+(?:[\w-]+\s+)?$"
    # what a protest is against is its cause, not an event of its own: "went on strike to protest against
    # kidnappings", "marched to denounce the killings"
    r"|\b(?:protest(?:s|ed|ing)?|demonstrat(?:e|ed|ing|ions?)|rall(?:y|ies|ied|ying)|march(?:ed|es|ing)?)\s+"
    r"(?:against|over)\s+(?:[\w-]+\s+){0,3}$"
    r"|\b(?:denounc(?:e|ed|es|ing)|condemn(?:ed|s|ing)?|mourn(?:ed|s|ing)?)\s+(?:[\w-]+\s+){0,3}$"
    # arms sent or made are no attack: "speed up deliveries of artillery shells"
    r"|\b(?:deliver(?:y|ies)|suppl(?:y|ies)|shipments?|stocks?|stockpiles?|production|purchases?|sales?|transfers?)"
    r"\s+of\s+(?:[\w-]+\s+){0,2}$"
    r"|" + _CAMPAIGN_SO_FAR + r"$", re.I)
# The figure of a campaign's toll, and a place inside a depiction, are not this clause's event's either.
_CAMPAIGN_TOLL = re.compile(_CAMPAIGN_SO_FAR + r"(?:(?:killed|left)\s+)?$", re.I)
_DEPICTION = re.compile(r"\b" + _DEPICTS + r"\b[^.;,]{0,80}$", re.I)
_DESCRIPTIVE = re.compile(r"\s*(?:it|this|that)\s+(?:was|is|were|had been|marked)\b", re.I)
# After a trigger: how long something has gone on, which makes it background ("has fought ... for a decade").
_DURATION = re.compile(r"\bfor\s+(?:more\s+than\s+|nearly\s+|almost\s+|over\s+)?(?:a|an|\d+|two|three|several|many)"
                       r"\s+(?:years?|decades?|months?)\b|\bsince\s+(?:19|20)\d\d\b", re.I)
# After a toll: "183 people had been killed in the region since July" counts so far, it tells no event.
_SINCE = re.compile(r"\bsince\s+(?:(?:early|late|mid-?)\s*)?(?:January|February|March|April|May|June|July|August|"
                    r"September|October|November|December|the\s+start|the\s+beginning|last)\b", re.I)
_CUMULATIVE = re.compile(r"\b(?:since|so\s+far|to\s+date|in\s+total|overall|altogether|nationwide|countrywide|"
                         r"across\s+the\s+country|in\s+the\s+(?:war|conflict|insurgency))\b", re.I)
# Phrases that end where a trigger or a place begins are looked for this far back, not from the clause's
# start: none is longer, and a long clause would otherwise be searched from every character.
_LOOKBACK = 200
# "on the road between Kachia and Kaduna": where it happened, at the road's first end (see _event_places)
_ROAD_BETWEEN = r"on\s+the\s+(?:road|highway)\s+(?:between|linking|connecting|from)"
#: Before a country that is where something happened: "in", "across the", "in southern" (Lebanon).
_IN_COUNTRY = re.compile(r"\b(?:in|inside|across|into|on)\s+(?:the\s+)?"
                         r"(?:(?:far\s+)?(?:(?:north|south)(?:-?(?:east|west))?|east|west|central)(?:ern)?\s+)?$")
_LOCATIVE = re.compile(
    r"(?:\b(?i:in|at|near|on\s+the\s+(?:outskirts|edge|border|road|highway|front\s*line|frontline)\s+(?:of|to)|"
    + _ROAD_BETWEEN + r"|across|"
    r"inside|outside|around|into|through|along|over|against|onto|upon|spread\s+to|including|such\s+as|"
    r"spread\s+into|(?:areas?|parts?|centre|center|outskirts|city|cities|towns?|villages?|districts?|provinces?|"
    r"regions?|port|resort|heart|suburbs?|edge|vicinity|capital|streets|centre|county|state|side|"
    r"neighbou?rhoods?|quarters?) of)\s+"
    # a gerund ends the phrase ("in retaliation for attacking"), but not an adjective that looks like one
    r"(?:the\s+)?(?:(?:neighbou?ring|surrounding|adjoining|outlying|[a-z][\w-]*(?<!ing)|\w+['’]s|"
    r"Barangay|Brgy\.|Barrio|Colonia|Sitio|Kebele|Mohalla)\s+){0,3}"
    r"|\b(?i:struck|hit|pounded|shelled|bombed|targeted|attacked|raided|stormed|seized|captured|overran|overrun|"
    r"besieged|encircled|entered|retook|recaptured|took|shelling|bombing|strikes?\s+on|attacks?\s+on)\s+"
    r"(?:the\s+)?(?:(?:[a-z][\w-]*(?<!ing))\s+){0,2})$")
_ASIDE_OPENS = r",\s+(?:which|where|whose)\s"  # a relative clause between two listed places
_RELATIVE_ASIDE = re.compile(_ASIDE_OPENS)
_LIST_JOIN = re.compile(r"\s*[-–]\s*|(?:\s+(?:province|state|district|region|county|governorate|oblast))?"
                        # a relative clause between two items: "overran Maarat al-Numan, which troops had
                        # retaken in 2020, and Khan Sheikhoun"
                        r"(?:" + _ASIDE_OPENS + r"[^,;.:()]{0,80}(?=,))?"
                        r"\s*(?:,\s*(?:and\s+|or\s+)?|\s+(?:and|or)\s+)(?:in\s+)?(?:the\s+)?"
                        r"(?:(?:[a-z][\w-]*)\s+){0,4}(?:capital,\s+)?")
# Between a qualifier and a place that goes on describing where the qualified place is: "Douma, a town in
# the Eastern Ghouta near Damascus", "El Fasher, the capital of North Darfur and the army's last stronghold
# in the Darfur region" (but not "Mir Ali, North Waziristan, and in Bannu").
_NEAR_JOIN = re.compile(r"\s+(?:near|outside|close\s+to|not\s+far\s+from|(?:north|south|east|west)(?:-?(?:east|west))?"
                        r"\s+of)\s+(?:the\s+)?|\s+and\s+(?:the|a|an)\s+[^,.;:()]{0,60}?\b(?:in|of|near)\s+(?:the\s+)?",
                        re.I)
_ON_THE = re.compile(r"\bon\s+the\s+(?:[A-Z][\w'’]*[\s-]+){0,4}$")
_ROAD_AFTER = re.compile(r"(?:[\s-]+[A-Z][\w'’]*){0,4}\s+(?:road|highway|motorway|expressway)\b")
_VIOLENT_AT_SEA = frozenset({"Battles", "Explosions/Remote violence"})
_ROAD_FROM = re.compile(r"\b" + _ROAD_BETWEEN + r"\s+$", re.I)
_ROAD_END = re.compile(r"\s+(?:and|to|with)\s+", re.I)
_EARLIER_AGREEMENT = re.compile(r"\bthe\s+(?:\w+\s+){0,2}(?:cease-?fire|truce|deal|agreement|accord|talks)\s+"
                                r"(?:reached|brokered|agreed|signed|struck|sealed|held|agreed\s+upon)\s+in\s+$", re.I)
_TRIGGER_OBJECT = re.compile(r"\s*(?:the\s+)?|\s+(?:\w+\s+){0,2}(?:on|upon|against)\s+(?:the\s+)?", re.I)
# "struck Afghan territory", "captured several Afghan border posts", "air strikes on Iranian nuclear sites"
_ON_TERRITORY = re.compile(r"\b(?:on|in|into|inside|across|attacked|attacking|struck|shelled|targeted|hit|overran|"
                           r"raided|stormed|captured|seized|destroyed)\s+(?:(?:several|some|two|three|four|five|"
                           r"many|\d+)\s+)?$")
_TERRITORY = re.compile(r"\s+(?:[a-z]+\s+)?(?:territory|soil|side|airspace|border|land|waters|towns?|villages?|posts?|"
                        r"positions?|sites?|targets?|facilities|bases?|cities)\b", re.I)
_SUBJECT_HIT = re.compile(r"(?:['’]s\s+\w+|\s+(?:[Cc]antonment|[Aa]irport|[Aa]ir\s+[Bb]ase|[Gg]arrison|[Bb]azaar|"
                          r"[Mm]arket|[Cc]ity|[Cc]amp))?\s*(?:,[^,]{0,60},\s*)?(?:has|had|was|were|is|have)?\s*(?:been\s+)?"
                          r"(?:came|come|coming|hit|struck|shelled|bombed|attacked|targeted|pounded|rocked|under)\b",
                          re.I)


@dataclass(eq=False)  # drafts are compared by identity: two reads of one sentence are still two drafts
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
    reported: bool = False  # dated only by when it was reported ("the ministry said on Monday")
    own_day: bool = False  # one of several days the clause names ("on Tuesday and Wednesday"): never merged


class EventReader:
    """Reads events from one report's text, given its resolved place mentions and dates.

    Parameters
    ----------
    gazetteer : Gazetteer
        For the resolved places' names, kinds and points.
    """

    def __init__(self, gazetteer: Gazetteer):
        self.gaz = gazetteer

    def read(self, text: str, *, published: date, mentions: list[Mention], dates: list[DateMention],
             dateline: range = range(0)) -> list[Draft]:
        ctx = _Context(text, published, mentions, dates, dateline)
        drafts: list[Draft] = []
        for sentence in ctx.sents:
            made_here: list[Draft] = []
            for clause in clauses(text, sentence):
                made_here += self._read_clause(ctx, clause, sentence, drafts + made_here)
            self._add_fatalities(ctx, sentence, made_here, drafts)
            drafts += made_here
        drafts = self._without_retold_headline(ctx, drafts)
        cutoff = published - timedelta(days=BACKGROUND_DAYS)
        # Old events, and those a report can only place in a year ("this year"), are its background.
        return self._merge([d for d in drafts if d.date_to >= cutoff and d.precision != "year"])

    @staticmethod
    def _without_retold_headline(ctx: _Context, drafts: list[Draft]) -> list[Draft]:
        """A headline ("Suicide blast at Hangu mosque kills five") tells in short what the body tells with its
        date and place: an undated headline event is dropped when the body has one of its type."""
        if not ctx.sents:
            return drafts
        first = ctx.sents[0]
        headline = ctx.text[first.start:first.end].rstrip()[-1:] not in ".!?\"”'’" \
            and _LINE_END.match(ctx.text, first.end) is not None
        if not headline:
            return drafts
        body_types = {d.trigger.event_type for d in drafts if d.sentence != first}
        return [d for d in drafts if not (d.sentence == first and not d.dated and d.trigger.event_type in body_types)]

    # -- one clause ----------------------------------------------------------------------
    def _read_clause(self, ctx: _Context, clause: Span, sentence: Span, drafts: list[Draft]) -> list[Draft]:
        text = ctx.text
        # ("fighting the group in the mountains since late December": a start is no date of what is told)
        own_dates = [d for d in ctx.dates_in(clause.start, clause.end) if text[d.start:d.start + 6].lower() != "since "]
        triggers = [t for t in find_triggers(text, clause.start, clause.end)
                    if not _NOT_DONE.search(text, max(ctx.read_from(clause), t.start - _LOOKBACK), t.start)
                    # "Power cuts hit Erbil after the attack": an event told before, as a time, is no trigger
                    and not (t.referring and _TIME_OF_TOLD.search(text, max(clause.start, t.start - 30), t.start))
                    and not _DURATION.search(text, t.end, min(clause.end, t.end + 80))
                    and not (t.toll and _SINCE.search(text, t.end, min(clause.end, t.end + 80)))]
        if not triggers:
            return []
        # "On the same day as the ambush, thousands protested in Homs": what is told again does not type
        # what is new beside it.
        triggers = [t for t in triggers if not t.referring] or triggers
        if any(t.toll for t in triggers):
            triggers = _typed_by_told(triggers, drafts, sentence)
        if any(d.future for d in own_dates) and not any(d for d in own_dates if not d.future):
            return []  # planned, not happened: "will meet again in Istanbul on October 25"
        own_dates = [d for d in own_dates if not d.future]
        places = self._event_places(ctx, clause, triggers)
        descriptive = bool(_DESCRIPTIVE.match(text, clause.start))
        if not places or descriptive:
            return self._placeless(ctx, clause, sentence, triggers, own_dates, drafts, descriptive)
        out = []
        clusters = _clusters(triggers, [m for m, _, _ in places])
        last_place = max(m.start for m, _, _ in places)
        # "rallied in Dhaka on Monday, and police fired tear gas": a trailing trigger of the same kind,
        # with no place of its own, is more of the same incident (but "sparking protests" is not).
        # "Four people were killed in Sambhal when residents clashed with police": a toll, or a bare raid,
        # is the incident its clause goes on to tell ("... as warplanes and tanks pounded the area").
        # "A protester was shot dead in Cotacachi during clashes ... in Imbabura": what happened "during" an
        # incident is part of it, wherever the incident is placed.
        while len(clusters) > 1 and (_DURING.search(text, clusters[-2][-1].end, clusters[-1][0].start) or (
                clusters[-1][0].start > last_place
                and (_family(clusters[-1]) == _family(clusters[-2]) or _arrest_after_violence(text, *clusters[-2:])
                     or all(t.toll or t.generic for t in clusters[-2])))):
            tail = clusters.pop()
            clusters[-1] += tail
        actors = find_actors(text, ctx.read_from(clause), clause.end)
        read_at: dict[int, tuple[list[Trigger], tuple[date, date, str, bool]]] = {}  # id(mention) -> how read
        for m, country_level, listed_after in places:
            compared = [d for d in own_dates if d.relation == "compared" and d.end <= m.start]
            if compared and not any(compared[-1].end <= t.start < m.start for t in triggers):
                continue  # "rallied in Derna on Monday, a week after floods killed thousands in the city"
            if listed_after is not None and id(listed_after) in read_at:
                # "overran A, which troops had retaken in 2020, and B": B is read as A, not by the aside
                cluster, when = read_at[id(listed_after)]
            else:
                cluster = _governing(clusters, m)
                when = self._date(ctx, sentence, own_dates, anchor=m.start)
            read_at[id(m)] = (cluster, when)
            told = _referent(drafts, dominant(cluster), sentence) if all(t.referring for t in cluster) else None
            if told is not None and (not when[3] or when[0] == told.date_from) \
                    and not _retold_closer(self.gaz, told, m, sentence):
                continue  # "in the most serious attack on the Russian capital": the strike already told
            if country_level and not when[3]:
                continue  # "recent attacks in Pakistan": a country with no date is background, not an event
            lead = dominant(cluster)
            # "attacked Kidal on Monday and again on Wednesday": one event a day (ACLED's rule).
            days = [when] + [(d.date_from, min(d.date_to, ctx.published), d.precision, True)
                             for d in _coordinated(ctx, own_dates, when)]
            reported = self._reported_date(ctx, own_dates, m.start)
            for day in days:
                out.append(Draft(lead, m.place, m, sentence, day[0], day[1], day[2], day[3], reported=reported,
                                 triggers=[t.text for t in cluster], actors=list(actors), places=[m],
                                 country_level=country_level, own_day=len(days) > 1))
        return out

    def _event_places(self, ctx: _Context, clause: Span,
                      triggers: list[Trigger]) -> list[tuple[Mention, bool, Mention | None]]:
        """The mentions in a clause that say where it happened: after "in/at/near...", the object of an
        attack, the subject of "came under fire", or a list of them. Each comes with whether it is a
        country, and the item it is listed after when a relative clause stands between the two."""
        text = ctx.text
        out: list[tuple[Mention, bool, Mention | None]] = []
        previous_ok: Mention | None = None
        describing: Mention | None = None  # the last qualifier: "Douma, a town in the Eastern Ghouta"
        road_from: Mention | None = None  # "on the road between Kachia and Kaduna": one event, at its first end
        for m in ctx.mentions_in(clause.start, clause.end):
            if road_from is not None and _ROAD_END.fullmatch(text, road_from.end, m.start):
                road_from = None
                continue
            road_from = None
            if describing is not None and _NEAR_JOIN.fullmatch(text, describing.end, m.start):
                describing = m
                continue  # "... in the Eastern Ghouta near Damascus": still saying where Douma is
            if m.form != "demonym":  # "... and the Sudanese army's last stronghold in": still describing
                describing = m if m.qualifies is not None else None
            if m.place is None or m.start in ctx.dateline or m.reference:
                previous_ok = None
                continue
            if m.qualifies is not None and previous_ok is not None and ctx.mentions[m.qualifies] is previous_ok:
                previous_ok = m  # "Muridke, in Punjab province, and Muzaffarabad": the list goes on after it
                continue
            if m.role in ("dateline", "metonym") or m.qualifies is not None:
                previous_ok = None
                continue
            # The phrases searched for before a place end at it, or at the division before it that says
            # where it is: "in Kathua district's Hiranagar area" happened in Hiranagar.
            head = ctx.mentions[m.qualifier] if m.qualifier is not None else None
            anchor = head.start if head is not None and head.end <= m.start else m.start
            lo = max(clause.start, anchor - _LOOKBACK)
            before = text[lo:anchor]
            if _DEPICTION.search(before):
                previous_ok = None
                continue  # "after a video circulated showing an attack on a shrine in Aleppo"
            if _EARLIER_AGREEMENT.search(before) and not ctx.dates_in(m.end, min(clause.end, m.end + 30)):
                previous_ok = None
                continue  # "to continue the ceasefire reached in Doha": that agreement is told, not new
            if m.embedded and not re.search(r"\b(?:at|in)\s+the\s+$", before):
                previous_ok = None
                continue  # "Pakistan Army"; but "at the Islamabad High Court" happened in Islamabad
            kind = self.gaz.kind(m.place)
            if m.form == "demonym":
                on_territory = _ON_TERRITORY.search(before)
                if on_territory and _TERRITORY.match(text, m.end):
                    out.append((m, True, None))
                continue
            if kind == "region" and not self.gaz.country_of(m.place):
                continue  # a continent is not where an event happened (but a ship struck in the Red Sea is)
            if kind == "sea" and not any(t.event_type in _VIOLENT_AT_SEA for t in triggers):
                continue  # nor is a sea, for a protest or a deal ("agreed to stop attacks in the Black Sea")
            premodifier = any(m.end <= t.start and re.fullmatch(r"['’]?s?\s*", text[m.end:t.start]) for t in triggers)
            # "captured Goma", "air strikes and artillery fire on Ras al-Ain", "marched on Dhaka": the place
            # is what the trigger acts on.
            object_of = any(t.start < m.start and (t.end >= m.start or _TRIGGER_OBJECT.fullmatch(text, t.end, m.start))
                            for t in triggers)
            listed = previous_ok is not None and (m.start < previous_ok.end  # "North and South Waziristan"
                                                  or _LIST_JOIN.fullmatch(text, previous_ok.end, m.start))
            subject_hit = _SUBJECT_HIT.match(text, m.end) is not None  # "Kyiv came under attack"
            if previous_ok is not None and text[previous_ok.end:m.start] == "-" and _ROAD_AFTER.match(text, m.end):
                previous_ok = None
                continue  # "the Tank-Dera Ismail Khan road": one event, at the road's first end
            # "on the Tank-Dera Ismail Khan road": a road named by the places it joins
            on_road = _ON_THE.search(before) is not None and _ROAD_AFTER.match(text, m.end) is not None
            ok = bool(_LOCATIVE.search(before) or listed or premodifier or object_of or subject_hit or on_road)
            if ok and kind == "country":
                ok = _IN_COUNTRY.search(before) is not None  # only "in" it; otherwise a country is a party
            if ok:
                aside = listed and _RELATIVE_ASIDE.match(text, previous_ok.end, m.start) is not None
                out.append((m, kind == "country", previous_ok if aside else None))
                previous_ok = m
                if _ROAD_FROM.search(before):
                    road_from, previous_ok = m, None
            else:
                previous_ok = None
        if any(not is_country for _m, is_country, _a in out):
            # A country is where it happened when nothing nearer is named: "strikes on militias in Iraq and
            # Syria ... in and around al-Qaim" happened at al-Qaim; "Dagestan, a republic in southern
            # Russia" only describes Dagestan.
            out = [item for item in out if not item[1]]
        return out

    def _date(self, ctx: _Context, sentence: Span, own: list[DateMention], *,
              anchor: int) -> tuple[date, date, str, bool]:
        """The date nearest the place in its clause; else the nearest its paragraph gives, less precise;
        else the week up to publication."""
        if own:
            # "in Wau on Friday, a day after riots in Juba": Friday for Wau, the day before for Juba
            candidates = [d for d in own if d.relation != "compared" or anchor > d.start] or own
            d = min(candidates, key=lambda d: _date_distance(ctx.text, d, anchor))
            return d.date_from, min(d.date_to, ctx.published), d.precision, True
        d = ctx.paragraph_date(sentence.paragraph, sentence)
        if d is None and _CLOCK_TIME.match(ctx.text, ctx.text.rfind("\n", 0, sentence.start) + 1):
            return ctx.published, ctx.published, "day", False  # a live blog's "16:20 —" entry: that day's news
        if d is None and sentence.paragraph > 0:
            # A paragraph with no date of its own goes on with the one before it ("Officials named the
            # sectors where fighting took place" after "... attacked posts late on Saturday").
            d = ctx.paragraph_date(sentence.paragraph - 1, sentence)
        if d is not None:
            # one step less precise, but a month's range stays a month ("earlier this month" told, then
            # "loyalists ambushed a patrol near Jableh": an event of this month, not background of the year)
            i = max(min(_PRECISION_ORDER.index(d.precision) + 1, 2), _PRECISION_ORDER.index(d.precision))
            if (ctx.published - d.date_to).days <= 14:  # an old date is background, not this sentence's
                return d.date_from, min(d.date_to, ctx.published), _PRECISION_ORDER[i], False
        start, end = publication_week(ctx.published)
        return start, end, "week", False

    def _reported_date(self, ctx: _Context, own: list[DateMention], anchor: int) -> bool:
        """Whether the date a place took is a statement's ("the ministry said on Monday it had struck")."""
        if not own:
            return False
        return min(own, key=lambda d: _date_distance(ctx.text, d, anchor)).reporting

    def _placeless(self, ctx: _Context, clause: Span, sentence: Span, triggers: list[Trigger],
                   own: list[DateMention], drafts: list[Draft], descriptive: bool) -> list[Draft]:
        """A clause with a trigger but no place: more about an event already told, or a new one at the
        place the paragraph is about when it has a date of its own ("on Wednesday night, security forces
        fired on the crowds")."""
        lead = dominant(triggers)
        referring = descriptive or all(t.referring for t in triggers)
        target = _referent(drafts, lead, sentence)
        dated = [d for d in own if not d.reporting] or own
        if target is not None and dated and not referring:
            d = min(dated, key=lambda d: abs(d.start - lead.start))
            if d.date_from != target.date_from and target.mention is not None \
                    and target.sentence.paragraph == sentence.paragraph:
                new = Draft(lead, target.place, target.mention, sentence, d.date_from, min(d.date_to, ctx.published),
                            d.precision, True, triggers=[t.text for t in triggers])
                new.actors = find_actors(ctx.text, ctx.read_from(clause), clause.end)
                return [new]
        typed = _referent([x for x in drafts if x.trigger.event_type == lead.event_type], lead, sentence)
        if typed is None:
            if drafts or not dated or referring:
                return []
            return self._at_the_dateline(ctx, clause, sentence, triggers, dated)
        typed.triggers += [t.text for t in triggers if t.text not in typed.triggers]
        if dated and not typed.dated:
            d = dated[0]
            typed.date_from, typed.date_to, typed.precision, typed.dated = d.date_from, d.date_to, d.precision, True
        for actor in find_actors(ctx.text, ctx.read_from(clause), clause.end):
            if actor not in typed.actors:
                typed.actors.append(actor)
        return []

    def _at_the_dateline(self, ctx: _Context, clause: Span, sentence: Span, triggers: list[Trigger],
                         dated: list[DateMention]) -> list[Draft]:
        """"CHAMAN: Thousands of traders protested on Saturday against the border closure": a local report's
        first event, in a sentence that names no place (countries, governments and destinations aside), is
        where the report was filed."""
        landmark = _CAPITAL_LANDMARK.search(ctx.text, clause.start, clause.end) is not None
        local = self._local_dateline(ctx, capital_landmark=landmark)
        if local is None or any(m.form == "name" and not m.dateline and m.role != "metonym" and not m.reference
                                and (m.place is None or self.gaz.kind(m.place) != "country")
                                for m in ctx.mentions_in(sentence.start, sentence.end)):
            return []
        lead = dominant(triggers)
        d = min(dated, key=lambda d: abs(d.start - lead.start))
        new = Draft(lead, local.place, local, sentence, d.date_from, min(d.date_to, ctx.published), d.precision,
                    True, triggers=[t.text for t in triggers])
        new.actors = find_actors(ctx.text, ctx.read_from(clause), clause.end)
        return [new]

    def _local_dateline(self, ctx: _Context, *, capital_landmark: bool = False) -> Mention | None:
        """The dateline's town when it is not a capital: a local report is about the place it comes from
        (a capital's dateline, "KYIV -", files news from the whole country; even a deal reported from
        "BAKU" may have been struck elsewhere). A capital's own landmark ("outside parliament") places
        it there."""
        m = next((m for m in ctx.mentions if m.dateline and m.place is not None and m.form == "name"), None)
        if m is None or self.gaz.kind(m.place) != "place" or (self.gaz.is_capital(m.place) and not capital_landmark):
            return None
        return m

    # -- fatalities ----------------------------------------------------------------------
    def _add_fatalities(self, ctx: _Context, sentence: Span, made_here: list[Draft], drafts: list[Draft]) -> None:
        text = ctx.text
        for figure in fat.find_fatalities(text, sentence.start, sentence.end):
            clause_start = max(text.rfind(",", sentence.start, figure.start), text.rfind(";", sentence.start,
                                                                                          figure.start))
            # the figure's own clause: "killing 13 officers, as 90 died across the country" is not a toll
            tail_end = min(sentence.end, figure.end + 60)
            tail_end = min([i for i in (text.find(",", figure.end, tail_end), text.find(";", figure.end, tail_end))
                            if i >= 0], default=tail_end)
            tail = text[figure.start:tail_end]
            if _CUMULATIVE.search(tail) or _CUMULATIVE.search(text, max(sentence.start, clause_start), figure.start) \
                    or _CAMPAIGN_TOLL.search(text, max(sentence.start, clause_start), figure.start):
                continue  # "more than 30,000 people since 2009", "40 killed nationwide": a toll, not this event
            target = None
            if made_here:
                violent = [d for d in made_here if d.trigger.sub_event_type not in NON_VIOLENT_SUB_TYPES]
                before = [d for d in violent if d.mention is not None and d.mention.start < figure.start]
                # "killing at least 148 people in Bokkos": the place named right after the figure
                named = [d for d in violent if d.mention is not None
                         and _FIGURE_PLACE.fullmatch(text, figure.end, d.mention.start)]
                target = named[0] if named else before[-1] if before else violent[0] if violent else None
            else:
                lead = dominant(find_triggers(text, sentence.start, sentence.end))
                in_paragraph = [d for d in drafts if d.sentence.paragraph == sentence.paragraph
                                and d.trigger.sub_event_type not in NON_VIOLENT_SUB_TYPES]
                typed = [d for d in in_paragraph if lead and d.trigger.event_type == lead.event_type]
                pool = typed or in_paragraph
                target = pool[-1] if pool else None
                # A day the sentence gives before the figure, and not the event's: "On Thursday, a strike hit a
                # car, killing two" is not Friday's 52 dead (a day after it, "the next day", may be another clause's).
                own_days = [d for d in ctx.dates_in(sentence.start, figure.start) if not d.reporting and not d.future]
                if target is not None and own_days and not any(
                        d.date_from <= target.date_from <= d.date_to for d in own_days):
                    target = None
            if target is not None and target.figures and _CLAIM.search(text, max(sentence.start, figure.start - 50),
                                                                       figure.start):
                continue  # "Al-Shabaab said it had killed 20 soldiers": a side's claim is no toll beside a count
            if target is not None:
                target.figures.append(figure)

    # -- merging -------------------------------------------------------------------------
    def _merge(self, drafts: list[Draft]) -> list[Draft]:
        """ACLED's unit: one event per type, place and day. Vaguer copies fold into precise ones."""
        merged: list[Draft] = []
        # Only drafts that share a place, lie a paragraph apart at most (one sentence; a lede and its
        # retelling, see _same_event), or (for a country-level one) share a country can be one event:
        # look only at those, so merging stays linear in a long report.
        by_key: dict[tuple, list[Draft]] = {}

        def keys(d: Draft) -> list[tuple]:
            return [("place", d.place), ("paragraph", d.sentence.paragraph), ("country", self.gaz.country_of(d.place))]

        def lookups(d: Draft) -> list[tuple]:
            paragraphs = [("paragraph", d.sentence.paragraph + k) for k in (-1, 0, 1)]
            country = [("country", self.gaz.country_of(d.place))] if d.country_level else []
            return [("place", d.place), *paragraphs, *country]

        order: dict[int, int] = {}
        for d in sorted(drafts, key=lambda d: (not d.dated, d.country_level)):
            near = {id(m): m for k in lookups(d) for m in by_key.get(k, [])}
            home = next((m for m in sorted(near.values(), key=lambda m: order[id(m)]) if self._same_event(m, d)), None)
            if home is None:
                order[id(d)] = len(merged)
                merged.append(d)
                for k in keys(d):
                    by_key.setdefault(k, []).append(d)
                continue
            home.triggers += [t for t in d.triggers if t not in home.triggers]
            home.figures += d.figures
            home.actors += [a for a in d.actors if a not in home.actors]
            home.places += d.places
            home.trigger = dominant([home.trigger, d.trigger])  # the higher type wins within one incident
            if self._more_specific(d, home) and (d.sentence == home.sentence or self._nested(d, home)):
                if d.sentence != home.sentence:
                    # The evidence becomes the passage that tells both: the lede and the precise place.
                    first, last = sorted((home.sentence, d.sentence), key=lambda x: x.start)
                    home.sentence = Span(first.start, last.end, first.paragraph)
                home.place, home.mention = d.place, d.mention
                for k in keys(home):
                    by_key.setdefault(k, []).append(home)
        return sorted(merged, key=lambda d: d.sentence.start)

    def _same_event(self, a: Draft, b: Draft) -> bool:
        same_day = a.date_from == b.date_from
        same_type = a.trigger.event_type == b.trigger.event_type or {a.trigger.event_type, b.trigger.event_type} \
            == {"Protests", "Riots"}  # one crowd, one day, one place: a protest that turned violent
        if a.own_day and b.own_day and not same_day:
            return False  # "clashed on Tuesday and Wednesday": one event a day, told so
        if a.place == b.place:
            if same_type:  # one sentence about one place tells one incident, overnight or not
                # A later statement about a strike is the strike, not a second one a day after it.
                told_later = (a.reported or b.reported) and abs((a.date_from - b.date_from).days) <= 2
                close = abs((a.date_from - b.date_from).days) <= 1  # "overnight ... on Tuesday" is one
                return same_day or not b.dated or (a.sentence == b.sentence and close) or told_later
            # The same incident told again without a date of its own: "the rebels said they had withdrawn".
            return not b.dated and b.sentence.paragraph == a.sentence.paragraph
        if not same_type:
            return False
        if b.country_level and not a.country_level:
            return same_day and self.gaz.country_of(a.place) == self.gaz.country_of(b.place)
        if not same_day or a.place is None or b.place is None:
            return False
        if a.sentence == b.sentence:
            return self._nested(a, b) or km(*self.gaz.point(a.place), *self.gaz.point(b.place)) <= 25.0
        # A lede's "an attack on a village in Mopti region" and the next paragraph's "gunmen ... opened fire
        # in Bandiagara": one incident told twice, the second time more precisely.
        return self._nested(a, b) and abs(a.sentence.paragraph - b.sentence.paragraph) <= 1

    def _nested(self, a: Draft, b: Draft) -> bool:
        """Whether one draft's place is a division that holds the other's."""
        return contains(self.gaz, a.place, b.place) or contains(self.gaz, b.place, a.place)

    def _more_specific(self, d: Draft, home: Draft) -> bool:
        rank = {"place": 0, "admin2": 1, "admin1": 2, "region": 2, "sea": 2, "country": 3}
        kd, kh = rank.get(self.gaz.kind(d.place), 0), rank.get(self.gaz.kind(home.place), 0)
        if kd != kh:
            return kd < kh
        return self.gaz.population(d.place) < self.gaz.population(home.place)


class _Context:
    """One report's text with its mentions and dates indexed by offset, so lookups stay fast."""

    def __init__(self, text: str, published: date, mentions: list[Mention], dates: list[DateMention],
                 dateline: range):
        self.text, self.published, self.dateline = text, published, dateline
        self.sents = sentences(text)
        self.mentions = sorted(mentions, key=lambda m: m.start)
        self._mention_starts = [m.start for m in self.mentions]
        self.dates = sorted(dates, key=lambda d: d.start)
        self._date_starts = [d.start for d in self.dates]
        self._by_paragraph: dict[int, list[DateMention]] = {}
        self._lending: dict[int, tuple[list[DateMention], list[int], list[int]]] = {}
        starts = [s.start for s in self.sents]
        for d in self.dates:
            i = bisect_right(starts, d.start) - 1
            if i >= 0:
                self._by_paragraph.setdefault(self.sents[i].paragraph, []).append(d)

    def read_from(self, clause: Span) -> int:
        """Where a clause's own words begin: after the dateline, in the clause that holds it."""
        return max(clause.start, self.dateline.stop) if clause.start >= self.dateline.start else clause.start

    def mentions_in(self, start: int, end: int) -> list[Mention]:
        lo, hi = bisect_left(self._mention_starts, start), bisect_left(self._mention_starts, end)
        return [m for m in self.mentions[lo:hi] if m.end <= end]

    def dates_in(self, start: int, end: int) -> list[DateMention]:
        lo, hi = bisect_left(self._date_starts, start), bisect_left(self._date_starts, end)
        return [d for d in self.dates[lo:hi] if d.end <= end]

    def dates_in_paragraph(self, paragraph: int) -> list[DateMention]:
        return self._by_paragraph.get(paragraph, [])

    def paragraph_date(self, paragraph: int, sentence: Span) -> DateMention | None:
        """The date a paragraph lends a sentence with none of its own: the last one before the sentence,
        else the first after it. Statements' dates, planned dates and possessive ones ("last month's
        killing of 26 tourists", another thing's day) lend nothing."""
        if paragraph not in self._lending:
            lending = [d for d in self.dates_in_paragraph(paragraph) if not d.future and not d.reporting
                       and not _POSSESSIVE_DATE.match(self.text, d.end)]
            self._lending[paragraph] = (lending, [d.end for d in lending], [d.start for d in lending])
        lending, ends, starts = self._lending[paragraph]
        i = bisect_right(ends, sentence.start)  # one pass per report, not one per sentence: long reports
        if i:
            return lending[i - 1]
        j = bisect_left(starts, sentence.end)
        return lending[j] if j < len(lending) else None


# A date inside a relative clause about something that is not this event: "the ceasefire that took effect on
# October 10" (but "an operation that began on Tuesday" dates the operation).
_RELATIVE_CLAUSE = re.compile(r"\b(?:cease-?fire|truce|deal|agreement|accord|talks|election|vote|war|law|curfew|"
                              r"deadline)\s+(?:that|which)\s+(?:[a-z]+\s+){1,3}$", re.I)


def _date_distance(text: str, d: DateMention, anchor: int) -> int:
    """How far a date is from a place, for choosing the place's date: the nearest, but a statement's date
    ("said on Sunday"), a start ("launched in late November") or another thing's date ("the ceasefire that
    took effect on October 10") only when nothing closer says when it happened."""
    return abs(d.start - anchor) + (60 if d.reporting else 0) \
        + (80 if d.precision != "day" and _LAUNCHED.search(text, max(0, d.start - 30), d.start) else 0) \
        + (80 if _PLUPERFECT_ASIDE.search(text, max(0, d.start - 120), d.start) else 0) \
        + (80 if _RELATIVE_CLAUSE.search(text, max(0, d.start - 50), d.start) else 0)


# "the offensive, launched in late November, took Hama on Thursday": when it began, not when this happened
# (but "an operation that began on Tuesday with drone strikes" began with this)
_LAUNCHED = re.compile(r"\b(?:launched|begun|began|started|starting|beginning)\s+$", re.I)
# "in Leh, where he had begun a hunger strike earlier this month": the aside's date, not the arrest's
_PLUPERFECT_ASIDE = re.compile(r",\s+(?:where|who|which)\s+[^,.;]{0,60}\bhad\s+[^,.;]{0,50}$")
_CLOCK_TIME = re.compile(r"\s*(?:\d{1,2}[:.]\d{2}|\d{1,2}(?:[:.]\d{2})?\s?(?:am|pm|a\.m\.|p\.m\.))"
                         r"(?:\s?(?:GMT|UTC|BST|CET|EET|EEST|IST|ET|EST|EDT|PT|local(?:\s+time)?))?\s*[-–—:|]", re.I)
_POSSESSIVE_DATE = re.compile(r"['’]s?\b")
_FIGURE_PLACE = re.compile(r"\s+(?:in|at|near)\s+(?:the\s+)?(?:[a-z][\w-]*\s+){0,3}", re.I)
_AND_AGAIN = re.compile(r"\s*,?\s*(?:and|&)\s+(?:again\s+)?(?:on\s+)?|\s*,\s*", re.I)


def _coordinated(ctx: _Context, own: list[DateMention], when: tuple) -> list[DateMention]:
    """Other days joined to the date a place took: "on Monday and again on Wednesday", "Sunday and Monday",
    "late on Saturday and again on Sunday" (whichever of them the place took)."""
    chosen = next((d for d in own if d.date_from == when[0] and d.precision == when[2] and not d.reporting), None)
    if chosen is None or chosen.relation == "compared":
        return []
    # ("on Friday, a day after riots in Juba" joins no second day: the day after is the riots')
    ordered = sorted((d for d in own if not d.reporting and d.relation != "compared"), key=lambda d: d.start)
    k = ordered.index(chosen)
    out = []
    for a, b in zip(ordered[k:], ordered[k + 1:], strict=False):  # the days joined after it
        if not _joined_days(ctx.text, a, b):
            break
        out.append(b)
    for a, b in zip(reversed(ordered[:k]), reversed(ordered[:k + 1]), strict=False):  # and before it
        if not _joined_days(ctx.text, a, b):
            break
        out.append(a)
    return [d for d in out if d.date_from != chosen.date_from]


def _joined_days(text: str, a: DateMention, b: DateMention) -> bool:
    """Whether date ``b`` is another day of what date ``a`` dates ("on Monday and again on Wednesday")."""
    join = _AND_AGAIN.fullmatch(text, a.end, b.start) if b.start >= a.end else None
    if join is None or a.date_from == b.date_from:
        return False
    # "on Friday, a day after riots in Juba": the day of what follows, not another day of this
    return not (b.relation == "relative" and "," in join.group(0) and "and" not in join.group(0).lower())


#: Landmarks only a capital has: "rallied outside parliament", "a car bomb near the presidential palace".
_CAPITAL_LANDMARK = re.compile(r"\b(?:parliament|national assembly|presidential (?:palace|residence|compound)|"
                               r"state house|supreme court|(?:foreign|interior|defen[cs]e|finance) ministry|"
                               r"ministry of (?:foreign affairs|the interior|interior|defen[cs]e)|"
                               r"prime minister['’]s office|(?:[A-Z]\w+ )?embassy)\b", re.I)
_CLAIM = re.compile(r"\b(?:said|says|claimed|claims|boasted)\s+(?:that\s+)?(?:it|they|its\s+[\w-]+|their\s+[\w-]+|"
                    r"the\s+group)\s+(?:had\s+|has\s+|have\s+)?$", re.I)
_LINE_END = re.compile(r"[ \t]*\r?\n")
_TIME_OF_TOLD = re.compile(r"\b(?:after|following|since|before|until)\s+(?:the|this|that|these|those)\s+"
                           r"(?:[\w-]+\s+){0,2}$", re.I)
_DURING = re.compile(r"\b(?:during|amid|amidst)\s+(?:an?\s+|the\s+)?(?:[\w-]+\s+){0,2}$", re.I)
_AFTER = re.compile(r"\b(?:after|following|during|in)\s+(?:an?\s+|the\s+)?(?:[\w-]+\s+){0,2}$", re.I)


def _arrest_after_violence(text: str, lead: list[Trigger], tail: list[Trigger]) -> bool:
    """"arrested an operative in Culiacan after a shootout": the arrest closes a violent incident at that
    place, and ACLED codes the incident (the higher type wins)."""
    arrest = dominant(lead)
    violence = dominant(tail)
    return arrest.sub_event_type == "Arrests" and violence.event_type in (
        "Battles", "Explosions/Remote violence", "Violence against civilians") \
        and _AFTER.search(text, arrest.end, violence.start) is not None


def _family(cluster: list[Trigger]) -> str:
    kind = dominant(cluster).event_type
    return "Protests" if kind == "Riots" else kind


def _typed_by_told(triggers: list[Trigger], drafts: list[Draft], sentence: Span) -> list[Trigger]:
    """"Missiles hit nine sites ... 26 civilians were killed, 13 of them in Bahawalpur": a toll with no
    killer named is the incident its paragraph has just told, and takes that incident's type."""
    before = [d for d in drafts if d.sentence.paragraph == sentence.paragraph and d.sentence.start < sentence.start]
    if not before:
        return triggers
    # The latest incident told, not a background one beside it ("linked to last month's killing of tourists").
    told = max(before, key=lambda d: d.date_from).trigger
    return [replace(t, event_type=told.event_type, sub_event_type=told.sub_event_type) if t.toll else t
            for t in triggers]


def _clusters(triggers: list[Trigger], places: list[Mention]) -> list[list[Trigger]]:
    """Triggers of one incident: consecutive ones with no place between them."""
    out: list[list[Trigger]] = []
    for t in triggers:
        if out and not any(out[-1][-1].end <= m.start and m.end <= t.start for m in places):
            out[-1].append(t)
        else:
            out.append([t])
    return out


def _governing(clusters: list[list[Trigger]], m: Mention) -> list[Trigger]:
    """The incident a place belongs to: the last one starting before it, else the first after it."""
    before = [c for c in clusters if c[0].start < m.start]
    return before[-1] if before else clusters[0]


def _retold_closer(gaz: Gazetteer, told: Draft, m: Mention, sentence: Span) -> bool:
    """Whether a retelling ("the gunmen opened fire in Bandiagara") places the told event ("an attack in
    Mopti region", the paragraph before) more precisely: a place inside the told one. It is then read as a
    draft of its own, which the merge folds into the told event (see ``EventReader._same_event``)."""
    if told.place is None or m.place is None:
        return False
    near = abs(told.sentence.paragraph - sentence.paragraph) <= 1
    if told.country_level:  # "struck three sites in Iran ... The bombers hit Fordow and Natanz"
        return near and gaz.country_of(told.place) == gaz.country_of(m.place) and gaz.kind(m.place) == "place"
    return near and contains(gaz, told.place, m.place)


def _referent(drafts: list[Draft], lead: Trigger | None, sentence: Span) -> Draft | None:
    """The event a placeless clause talks about: the latest of the same type, in the same paragraph first."""
    if lead is None:
        return None
    same_type = [d for d in drafts if d.trigger.event_type == lead.event_type]
    in_paragraph = [d for d in drafts if d.sentence.paragraph == sentence.paragraph]
    same_type_here = [d for d in same_type if d.sentence.paragraph == sentence.paragraph]
    for pool in (same_type_here, in_paragraph, same_type, drafts):
        if pool:
            return pool[-1]
    return None


def to_event(draft: Draft, gaz: Gazetteer, *, text: str, label: str, report_fields: dict) -> Event:
    """The finished record: ACLED's fields from a draft and its place."""
    place = gaz.place(draft.place)
    actors = draft.actors
    near = draft.mention is not None and draft.mention.near
    return Event(
        event_date=draft.date_from.isoformat(), date_end=draft.date_to.isoformat(), date_precision=draft.precision,
        event_type=draft.trigger.event_type, sub_event_type=draft.trigger.sub_event_type,
        location=label, country_code=place.country_code, admin1=place.admin1 or None, admin2=place.admin2 or None,
        latitude=place.latitude, longitude=place.longitude,
        geo_precision="country" if draft.country_level else ("near place" if near else place.precision),
        actor1=actors[0] if actors else None, actor2=actors[1] if len(actors) > 1 else None,
        fatalities=fat.total(draft.figures),
        sentence=text[draft.sentence.start:draft.sentence.end], start=draft.sentence.start, end=draft.sentence.end,
        place_start=draft.mention.start if draft.mention else None,
        place_end=draft.mention.end if draft.mention else None,
        triggers=list(dict.fromkeys(draft.triggers)), **report_fields)
