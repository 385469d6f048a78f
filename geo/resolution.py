"""Resolving place mentions: one gazetteer entry per mention, chosen from the report's own context.

In the spirit of CLAVIN and CLIFF: explicit qualifiers first ("Tripoli, Libya"), then the countries
the report names (also through demonyms and its dateline), then closeness to the report's unambiguous
places, then population, kind and capital status. A name read ten times in one context is decided once.
"""

from __future__ import annotations

import math
import re
from collections import Counter, deque
from typing import TYPE_CHECKING

from geo import lexicon
from geo.gazetteer import Gazetteer, km

if TYPE_CHECKING:  # toponyms imports this module; the dataclass is only needed for annotations here
    from geo.toponyms import Mention


#: How far a place may lie from a division's point and still count as inside it, when the data
#: does not say which division a place belongs to (curated rows).
_DIVISION_RADIUS_KM = {"admin1": 400.0, "region": 600.0, "admin2": 80.0}


def contains(gaz: Gazetteer, division: int, place: int) -> bool:
    """Whether entry ``place`` lies in entry ``division`` (a country or a first/second-level division)."""
    kind = gaz.kind(division)
    if division == place or kind not in ("country", "admin1", "admin2", "region"):
        return False
    if gaz.country_of(division) != gaz.country_of(place):
        return False
    if kind == "country":
        return gaz.kind(place) != "country"
    d1, d2 = gaz.admin_ids(division)
    p1, p2 = gaz.admin_ids(place)
    if (kind == "admin1" and p1 >= 0 and d1 >= 0) or (kind == "admin2" and p2 >= 0 and d2 >= 0):
        return (p1 == d1) if kind == "admin1" else (p2 == d2)
    return km(*gaz.point(division), *gaz.point(place)) <= _DIVISION_RADIUS_KM.get(kind, 100.0)


#: Why a mention was added for a name the text showed elsewhere to be a place the gazetteer lacks.
REPEATED_UNKNOWN = "unknown place, named so elsewhere in the report"

_QUALIFIER_AFTER = re.compile(
    r"(?:\s+(?:village|town|city|camp|district|township))?(?:"
    r"\s*,\s*|\s+in\s+(?:the\s+)?|"
    r"\s*,\s*(?:(?:in|of)\s+)?(?:the\s+)?(?:(?:[a-z][\w-]*|north|south|east|west)\s+){0,3}|"
    r"\s*,\s*(?:a|an|the)\s+(?:[\w-]+\s+){0,4}(?:in|of|near)\s+(?:the\s+)?(?:[a-z][\w-]*\s+){0,2}|"
    r"\s+(?:townships?|districts?|county|counties|provinces?|regions?|states?|governorates?|municipality|sectors?|"
    r"areas?|neighbou?rhoods?|quarters?|suburbs?)\s*,?\s*(?:of|in)\s+(?:the\s+)?)")
_PART_OF_CITY = re.compile(r"\s+(?:neighbou?rhoods?|quarters?|suburbs?)\s+of\s+(?:the\s+)?")
# "Kang district of Afghanistan's Nimroz province", "Zakho district of Iraq's Kurdistan region"
_PART_OF = re.compile(r"\s+(?:tehsil|sub-?division|district|county|township)\s+of\s+(?:the\s+)?"
                      r"(?:[A-Z][\w-]*['’]s\s+)?")
_OWN_PART = re.compile(r"\s+(?:tehsil|sub-?division|area|district|town|village|valley|county|township)\b", re.I)
_EXPLICIT_IN = re.compile(r"(?:\s+(?:village|town|city|camp))?\s*,\s*in\s+(?:the\s+)?(?:[a-z][\w-]*\s+){0,3}")
# "Afghanistan's Paktika province", "Kathua district's Hiranagar area"
_QUALIFIER_BEFORE = re.compile(r"(?:\s+(?:district|province|state|region|county|governorate))?['’]s?\s+"
                               r"(?:[a-z][\w-]*\s+){0,2}")


def link_qualifiers(text: str, mentions: list[Mention], gaz: Gazetteer) -> None:
    """"Tripoli, Libya", "Mir Ali, North Waziristan", "Gwoza in Borno state", "Afghanistan's Paktika",
    "Kagara, in Nigeria's north-central Niger state", "Wad Madani, the capital of Gezira state"."""
    names = [m for m in mentions if m.form == "name"]
    index = {id(m): n for n, m in enumerate(mentions)}
    for a, m in enumerate(names):
        for b in (a + 1, a - 1):
            if not 0 <= b < len(names):
                continue
            q = names[b]
            if not q.candidates:
                continue
            after = b > a and _QUALIFIER_AFTER.fullmatch(text, m.end, q.start)
            before = b < a and _QUALIFIER_BEFORE.fullmatch(text, q.end, m.start)
            if not (after or before):
                continue  # cheap test first: most neighbours are not qualifiers
            if after and q.possessive and b + 1 < len(names) \
                    and _QUALIFIER_BEFORE.fullmatch(text, q.end, names[b + 1].start) \
                    and any(gaz.kind(j) in ("admin1", "admin2", "region") for j in names[b + 1].candidates):
                q = names[b + 1]  # "Komanda, in Congo's Ituri province": Ituri says where Komanda is
            if after and _PART_OF_CITY.fullmatch(text, m.end, q.start):
                m.why.append("part of a city")  # "the Barrio Nuevo neighbourhood of Irapuato"
            elif m.candidates and not any(contains(gaz, j, i) for j in q.candidates for i in m.candidates):
                # "Kandahar, Kabul" is a list, not "Tripoli, Libya"; but "Nasir, in Upper Nile state" says
                # where Nasir is even when no Nasir we know lies there.
                explicit = b > a and (_EXPLICIT_IN.fullmatch(text, m.end, q.start) or _PART_OF.fullmatch(
                    text, m.end, q.start)) and any(
                    gaz.kind(j) in ("admin1", "admin2", "region", "country") for j in q.candidates)
                # "Khyber's Bara tehsil": a division's own part is in it, whatever namesakes lie elsewhere
                owned = b < a and _OWN_PART.match(text, m.end) is not None and any(
                    gaz.kind(j) in ("admin1", "admin2", "region") for j in q.candidates)
                if not (explicit or owned):
                    continue
                m.why.append("qualified by a division that holds none of its namesakes")
            if m.candidates == () and not any(gaz.kind(j) != "place" for j in q.candidates) and b < a:
                continue
            if after:
                if m.qualifier is None and q.qualifies is None and q.qualifier is None:
                    m.qualifier, q.qualifies = index[id(q)], index[id(m)]
            elif m.qualifier is None:
                m.qualifier, q.qualifies = index[id(q)], index[id(m)]


#: After a place: ", about 30 km from the northern city of", " 25 miles north-west of the".
_MEASURED = re.compile(
    r",?\s+(?:about\s+|some\s+|around\s+|roughly\s+|nearly\s+|almost\s+|just\s+)?(?P<km>\d[\d,]*)\s*"
    r"(?P<unit>km|kilometres|kilometers|miles)\s+(?:\(\d+\s*(?:miles|km)\)\s+)?(?:to\s+the\s+)?"
    r"(?:(?:north|south|east|west)(?:-?(?:east|west))?(?:ern)?\s+)?(?:of|from)\s+(?:the\s+)?"
    r"(?:(?:[a-z]+\s+)?(?:city|town|village|capital|port)\s+of\s+)?", re.I)


def _rough_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Equirectangular distance: within a few percent of the great circle below 1,000 km, and cheap."""
    dlon = abs(lon2 - lon1)
    dlon = min(dlon, 360.0 - dlon) * math.cos(math.radians((lat1 + lat2) / 2))
    return 111.19 * math.hypot(lat2 - lat1, dlon)


def _nearest_km(lat: float, lon: float, points: list[tuple[float, float]], *, enough: float = 0.0) -> float:
    """The smallest :func:`_rough_km` from (lat, lon) to ``points``; stops early below ``enough`` km.

    A point whose latitude alone puts it farther than the best so far is skipped before any trigonometry.
    :func:`_rough_km` is written out in the loop (the same arithmetic): this runs for every candidate of
    every ambiguous name, and the call was a third of its cost.
    """
    best = math.inf
    for plat, plon in points:
        if abs(plat - lat) * 111.19 >= best:
            continue
        dlon = abs(plon - lon)
        dlon = (dlon if dlon <= 360.0 - dlon else 360.0 - dlon) * math.cos(math.radians((lat + plat) / 2))
        d = 111.19 * math.hypot(plat - lat, dlon)
        if d < best:
            best = d
            if best < enough:
                break
    return best


class MentionResolver:
    """Chooses one gazetteer entry for each mention of a report.

    Parameters
    ----------
    gazetteer : Gazetteer
        The loaded offline index the mentions' candidates come from.

    Examples
    --------
    >>> mentions = finder.find(text, resolve=False)                       # doctest: +SKIP
    >>> MentionResolver(finder.gaz).resolve(text, mentions)               # doctest: +SKIP
    """

    def __init__(self, gazetteer: Gazetteer):
        self.gaz = gazetteer

    def resolve(self, text: str, mentions: list[Mention]) -> None:
        """Choose one entry per mention, in two passes: context, then closeness to settled places."""
        countries = self._country_evidence(mentions)
        # Qualifiers first: "Libya" must be settled before "Tripoli, Libya" is.
        done: dict[tuple, tuple[int | None, float, bool]] = {}
        for m in sorted(mentions, key=lambda m: m.qualifies is None):
            if m.form == "name":
                self._choose_cached(m, mentions, countries, [], done)
        settled = dict.fromkeys(m.place for m in mentions if m.place is not None and m.form == "name"
                                and self.gaz.kind(m.place) != "country" and (len(m.candidates) == 1 or m.margin >= 2.0))
        anchors = list(settled)[:40]  # the report's first settled places: enough to place it, and bounded
        done.clear()
        for m in mentions:
            if m.form == "name" and len(m.candidates) > 1:
                self._choose_cached(m, mentions, countries, [a for a in anchors if a != m.place], done)
        self._follow_dateline(mentions)
        self._measured_from(text, mentions)
        self._follow_qualified(mentions)
        evidence_without: dict[tuple[str, bool], Counter[str]] = {}  # the same names recur: weigh once
        for m in mentions:
            if m.form == "demonym" and m.candidates:
                m.place = m.candidates[0]
            elif m.form == "name" and m.place is not None \
                    and self._foreign_namesake(m, mentions, countries, evidence_without):
                m.why.append(f"only a namesake in {self.gaz.country_of(m.place)}, a country the report never names")
                m.place, m.candidates = None, ()  # located by its context below, like a name the gazetteer lacks
                evidence_without.clear()  # (its candidates no longer count as evidence)
        self._locate_unknown(text, mentions)
        self._resolve_nominals(text, mentions)

    def _measured_from(self, text: str, mentions: list[Mention]) -> None:
        """"Kobe, about 30 km from the northern city of Gao": a place measured from another lies within
        reach of it. A reading beyond reach (Kobe in Japan) gives way to a namesake within it, else to
        the place it is measured from, at lower precision."""
        for n, m in enumerate(mentions[:-1]):
            if m.form != "name" or m.place is None:
                continue
            measure = _MEASURED.match(text, m.end)
            origin = mentions[n + 1]
            if measure is None or origin.start != measure.end() or origin.place is None:
                continue
            distance = float(measure.group("km").replace(",", "")) * (1.6 if measure.group("unit")[0] == "m" else 1.0)
            reach = 3.0 * distance + 50  # distances in reports are rough, and points are centres
            if km(*self.gaz.point(m.place), *self.gaz.point(origin.place)) <= reach:
                continue
            within = [i for i in m.candidates if km(*self.gaz.point(i), *self.gaz.point(origin.place)) <= reach]
            if within:
                m.place = max(within, key=self.gaz.importance)
            else:
                m.place, m.near = origin.place, True
            m.why.append("measured from a place nearby")

    def _follow_dateline(self, mentions: list[Mention]) -> None:
        """A name the dateline gives is, said again bare, the dateline's place: "MOPTI — ... In Mopti,
        traders ..." is the city both times, not the city then its region (which the report's other places,
        all in that region, would otherwise favour). A qualifier or a division word still decides."""
        dateline = next((m for m in mentions if m.dateline and m.form == "name" and m.place is not None
                         and m.qualifies is None), None)
        if dateline is None:
            return
        for m in mentions:
            if m.form == "name" and not m.dateline and m.key == dateline.key and m.place != dateline.place \
                    and m.qualifier is None and m.hint is None and m.country_hint is None:
                m.place = dateline.place
                m.why.append("the dateline's place")

    def _follow_qualified(self, mentions: list[Mention]) -> None:
        """"Ber, in the Timbuktu region ... positions near Ber": a name the report has placed by a qualifier is
        that place wherever it is named again bare, not the bare name's likeliest reading (Berlin)."""
        placed: dict[str, Mention] = {}
        for m in mentions:
            qualifier = mentions[m.qualifier] if m.qualifier is not None else None
            if m.form == "name" and m.place is not None and qualifier is not None and qualifier.place is not None \
                    and self.gaz.kind(qualifier.place) != "country":  # (a country only says which country)
                placed.setdefault(m.key, m)
        for m in mentions:
            first = placed.get(m.key)
            if first is None or m is first or m.form != "name" or m.dateline or m.qualifier is not None \
                    or m.hint is not None or m.country_hint or m.place == first.place or (
                        m.place is not None and self._is_major_reading(m.place)):
                continue
            m.place, m.near = first.place, first.near
            m.why.append("the place the report qualified before")

    def _is_major_reading(self, place: int) -> bool:
        """A country, a first-level division, a capital or a city of a million: no local qualifier outweighs it."""
        return self.gaz.kind(place) in ("country", "admin1") or self._is_famous_city(place)

    def _is_famous_city(self, place: int) -> bool:
        """A capital or a city of a million: "Kiev" in a report about Moscow is still Kyiv."""
        return self.gaz.is_capital(place) or self.gaz.population(place) >= 1_000_000

    def _foreign_namesake(self, m: Mention, mentions: list[Mention], countries: Counter[str],
                          evidence_without: dict[tuple[str, bool], Counter[str]]) -> bool:
        """Whether the reading chosen is only a foreign spelling of somewhere else: "Mahas" (a Somali town
        the gazetteer lacks) read as Jordan's Māḩiş, "Boni" (Mali) as an old name of Bonn, in a report
        that is plainly about another country and never names theirs.

        Only for a spelling variant or an alternate name, and never for a capital or a city of a million:
        "Kiev" in a report about Moscow is still Kyiv.
        """
        place = m.place
        cc = self.gaz.country_of(place)
        if not countries or m.qualifier is not None or m.country_hint or self.gaz.kind(place) == "country":
            return False
        top, weight = countries.most_common(1)[0]
        if top == cc or weight < 2.0 or self._is_famous_city(place):
            return False
        if not self._evidence_without(m.key, mentions, evidence_without, dateline=False):
            return False  # only the dateline says so: "BEIRUT -" reports on Syria's Jableh as often as on Lebanon
        if "spelling variant" not in m.why and self.gaz.primary_key(place) == m.key:
            return False
        # The name's own candidates count as evidence for their country: ask the rest of the report.
        others = self._evidence_without(m.key, mentions, evidence_without, dateline=True)
        return others.get(cc, 0.0) == 0.0

    def _evidence_without(self, key: str, mentions: list[Mention], memo: dict[tuple[str, bool], Counter[str]],
                          *, dateline: bool) -> Counter[str]:
        """The report's country evidence from every name but ``key`` (and but the dateline, unless asked)."""
        if (key, dateline) not in memo:
            memo[key, dateline] = self._country_evidence(
                [x for x in mentions if x.key != key and (dateline or not x.dateline)])
        return memo[key, dateline]

    def _locate_unknown(self, text: str, mentions: list[Mention]) -> None:
        """An unknown named place lies in the place that qualifies it, else near the closest settled
        place of its sentence, else the last one before it in its paragraph, else near the dateline."""
        # A dateline that is not a capital is a local report's: what it cannot otherwise place is near it.
        # A capital's dateline ("MOGADISHU") says nothing about where in the country a place lies.
        dateline = next((x for x in mentions if x.dateline and x.place is not None
                         and self.gaz.kind(x.place) == "place" and not self.gaz.is_capital(x.place)), None)
        located: dict[str, Mention] = {}  # an unknown name, where it was first located
        repeats = [m for m in mentions if m.why == [REPEATED_UNKNOWN]]
        repeated = {id(m) for m in repeats}
        for m in mentions:
            if m.candidates or m.place is not None or m.form != "name" or id(m) in repeated:
                continue
            located.setdefault(m.key, m)
            qualifier = mentions[m.qualifier] if m.qualifier is not None else None
            if qualifier is not None and qualifier.place is not None and self.gaz.kind(qualifier.place) != "country":
                m.place, m.near = qualifier.place, True
                continue  # (a country says too little: "a village in northern Lebanon" looks on, then falls back)
            named_after = self._named_after(m, mentions)
            if named_after is not None:
                m.place, m.near = named_after, True
                continue
            paragraph_start = text.rfind("\n", 0, m.start) + 1
            sentence_start = max(text.rfind(". ", 0, m.start) + 2, paragraph_start)
            sentence_end = text.find(". ", m.end)
            sentence_end = len(text) if sentence_end < 0 else sentence_end
            # (not a country or a continent: "near Qoryoley", after "U.S. Africa Command", is not in Africa at large)
            context = [x for x in mentions if x is not m and x.place is not None and paragraph_start <= x.start
                       and x.start < sentence_end and x.form != "demonym" and self.gaz.kind(x.place) != "country"
                       and self.gaz.country_of(x.place) and not x.dateline]
            if context:
                # Its own sentence first, wherever in it, and a settlement there before a division (the
                # camp "in El Fasher, the last army-held city in Darfur" is at El Fasher); then the
                # paragraph before it.
                m.place = min(context, key=lambda x: abs(x.start - m.start)
                              + (0 if x.start >= sentence_start else 10_000)
                              + (1_000 if self.gaz.place(x.place).is_division else 0)).place
                m.near = True
            elif dateline is not None and (qualifier is None or qualifier.place is None or self.gaz.country_of(
                    dateline.place) == self.gaz.country_of(qualifier.place)):
                # Nothing else around it: near where a local report was filed ("SAINT-MARC, Haiti — Gang
                # members attacked the town of Pont-Sondé").
                m.place, m.near = dateline.place, True
            elif qualifier is not None and qualifier.place is not None:
                m.place, m.near = qualifier.place, True
        for m in repeats:  # where the text said what the place is, not wherever else it is named
            first = located.get(m.key)
            if first is not None and first.place is not None:
                m.place, m.near = first.place, True

    def _named_after(self, m: Mention, mentions: list[Mention]) -> int | None:
        """The report's settled place an unknown name ends with after an article: "Amiriyat al-Fallujah"
        (Amiriyat of Fallujah) is near the Fallujah the report names."""
        words = m.key.split()
        if len(words) < 3 or words[-2] not in lexicon.NAME_ARTICLES:
            return None
        return next((x.place for x in mentions if x.key == words[-1] and x.form == "name" and x.place is not None
                     and self.gaz.kind(x.place) == "place"), None)

    def _resolve_nominals(self, text: str, mentions: list[Mention]) -> None:
        """"the town" is the last town named before it; "the capital" the last capital, else the capital of
        the country the report is about."""
        countries: Counter[str] = Counter(self.gaz.country_of(m.place) for m in mentions
                                          if m.place is not None and m.form != "nominal")
        window: deque[Mention] = deque()  # resolved names within 1,500 characters before the current mention
        for m in mentions:
            while window and m.start - window[0].end >= 1500:
                window.popleft()
            if m.form != "nominal" or m.place is not None:
                if m.place is not None and m.form != "demonym" and not m.reference:
                    window.append(m)
                continue
            before = list(window)
            kinds = {"town": ("place",), "city": ("place",), "village": ("place",), "capital": ("place",),
                     "district": ("admin2", "place"), "province": ("admin1",), "region": ("admin1", "region"),
                     "country": ("country",)}[m.key]
            fitting = [x for x in before if self.gaz.kind(x.place) in kinds]
            if before and _MEASURED.fullmatch(text, before[-1].end, m.start):
                # "Sake, about 25 km west of the city": the city is where Sake is measured from, not Sake
                fitting = [x for x in fitting if x is not before[-1]]
            if m.key in ("town", "village"):
                fitting = [x for x in fitting if not x.dateline]  # "KYIV - ... the town": not the dateline's
            if m.key == "capital" and re.search(r"\b(?:state|provincial|regional)\s+capital", m.text, re.I):
                # "the state capital": the city the last-named state is named after (Kaduna, in Kaduna
                # state), else the city just named
                seat = self._namesake_seat([x for x in before if self.gaz.kind(x.place) == "admin1"])
                if seat is not None:
                    m.place = seat
                    window.append(m)
                    continue
                fitting = [x for x in fitting if not x.dateline]
            elif m.key == "capital":
                fitting = [x for x in fitting if self.gaz.is_capital(x.place)] or []
                if not fitting and countries:
                    capital = self.gaz.capital(countries.most_common(1)[0][0])
                    if capital:
                        m.place = capital.id
                        window.append(m)
                    continue
            if fitting:
                m.place = fitting[-1].place
                window.append(m)

    def _namesake_seat(self, divisions: list[Mention]) -> int | None:
        """The city the last of ``divisions`` is named after and holds, if the index has one."""
        if not divisions:
            return None
        last = divisions[-1].place
        key, division = self.gaz.primary_key(last), self.gaz.admin_ids(last)[0]
        cities = [i for i in self.gaz.ids(key) if self.gaz.kind(i) == "place" and self.gaz.admin_ids(i)[0] == division]
        return max(cities, key=self.gaz.importance, default=None)

    def _country_evidence(self, mentions: list[Mention]) -> Counter[str]:
        weight: Counter[str] = Counter()
        for m in mentions:
            codes = {self.gaz.country_of(i) for i in m.candidates}
            if m.form == "demonym" or (m.form == "name" and any(self.gaz.kind(i) == "country" for i in m.candidates)):
                for i in m.candidates:
                    if self.gaz.kind(i) == "country":
                        weight[self.gaz.country_of(i)] += 1.0
            elif len(codes) == 1:
                weight[next(iter(codes))] += 0.5
            if m.dateline and m.candidates and m.qualifies is None:
                # A report filed from Beirut is about Lebanon first (the dateline's likeliest reading).
                # Reports are filed from towns: "GAZA" is the city, not Mozambique's Gaza province.
                towns = [i for i in m.candidates if self.gaz.kind(i) == "place"] or m.candidates
                weight[self.gaz.country_of(max(towns, key=self.gaz.importance))] += 2.0
        return weight

    def _choose_cached(self, m: Mention, mentions: list[Mention], countries: Counter[str], anchors: list[int],
                       done: dict[tuple, tuple[int | None, float, bool]]) -> None:
        """:meth:`_choose`, once per distinct name and context: "Pakistan" named ten times is settled once."""
        qual = mentions[m.qualifier].place if m.qualifier is not None else None
        signature = (m.key, m.candidates, qual, m.hint, m.dateline, tuple(anchors), tuple(m.why), m.country_hint,
                     m.qualifies)
        if signature in done:
            m.place, m.margin, m.near = done[signature]
            return
        self._choose(m, mentions, countries, anchors)
        done[signature] = (m.place, m.margin, m.near)

    def _choose(self, m: Mention, mentions: list[Mention], countries: Counter[str], anchors: list[int]) -> None:
        qual = mentions[m.qualifier] if m.qualifier is not None else None
        qualified = mentions[m.qualifies] if m.qualifies is not None else None
        qual_place = qual.place if qual is not None else None
        scores = self.gaz.base_scores(m.candidates, m.key)
        anchor_points = [self.gaz.point(a) for a in anchors]
        # A division can only hold anchors of its own country: the others are never tested.
        anchors_by_country: dict[str, list[int]] = {}
        for a in anchors:
            anchors_by_country.setdefault(self.gaz.country_of(a), []).append(a)
        # Context can lift a candidate by some points, not by orders of magnitude: the 25 strongest by
        # themselves are the only ones that can win, so only they are scored in context (all, when no more).
        if len(scores) > 25:
            keep = set(sorted(scores, key=scores.__getitem__, reverse=True)[:25])
            keep |= {i for i in scores if self.gaz.country_of(i) in countries
                     or self.gaz.country_of(i) == m.country_hint}
            if qual_place is not None:
                keep |= {i for i in scores if contains(self.gaz, qual_place, i)}
            for i in [i for i in scores if i not in keep]:
                del scores[i]
        for i in list(scores):
            s = scores[i]
            kind, cc = self.gaz.kind(i), self.gaz.country_of(i)
            s += min(4.5, 2.0 * countries.get(cc, 0.0))
            if m.country_hint:
                s += 8.0 if cc == m.country_hint else -4.0
            if qualified is not None and any(contains(self.gaz, i, j) for j in qualified.candidates[:50]):
                s += 6.0  # "Atlanta, Georgia": the Georgia that holds an Atlanta
            if qual_place is not None:
                s += self._qualifier_bonus(i, qual_place)
                if "part of a city" in m.why and km(*self.gaz.point(i), *self.gaz.point(qual_place)) <= 30:
                    s += 6.0  # "the Crown Heights neighborhood of Brooklyn": the Crown Heights in Brooklyn
            if m.hint == "division":
                s += 4.0 if kind in ("admin1", "admin2", "region") else 0.0
            elif m.hint in ("settlement", "facility"):
                s += 3.0 if kind not in ("country", "admin1", "admin2", "region", "sea") else -1.0
            if m.dateline:
                s += 1.0 if kind == "place" else 0.0
            if anchors:
                s += self._closeness(i, anchors_by_country.get(cc, []), anchor_points)
            scores[i] = s
        ranked = sorted(scores, key=lambda i: (-scores[i], i))
        m.place = ranked[0] if ranked else None
        if qual_place is not None and m.place is not None and not contains(self.gaz, qual_place, m.place) \
                and "qualified by a division that holds none of its namesakes" in m.why:
            m.place, m.near = qual_place, True  # Nasir, in Upper Nile state: somewhere in that state
        if qual_place is not None and m.place is not None and "part of a city" in m.why \
                and km(*self.gaz.point(m.place), *self.gaz.point(qual_place)) > 30:
            m.place, m.near = qual_place, True  # a neighbourhood is in its city, whatever its namesakes
        m.margin = scores[ranked[0]] - scores[ranked[1]] if len(ranked) > 1 else 10.0

    def _closeness(self, i: int, compatriots: list[int], anchor_points: list[tuple[float, float]]) -> float:
        """How well a candidate sits with the report's settled places: near them (``anchor_points``), or
        containing them (``compatriots``: the settled places of the candidate's own country).

        Only the bands matter (inside 1, 2, 3+; nearer than 50, 200, 600 km), so both loops stop as soon
        as the best band is reached: this runs for every candidate of every ambiguous name.
        """
        kind = self.gaz.kind(i)
        if kind in ("country", "admin1", "admin2", "region"):
            inside = 0
            for a in compatriots:
                if contains(self.gaz, i, a):
                    inside += 1
                    if inside >= 3:
                        break
            return min(2.5, 1.0 * inside)
        nearest = _nearest_km(*self.gaz.point(i), anchor_points, enough=50.0)
        return 2.5 if nearest < 50 else 1.5 if nearest < 200 else 0.5 if nearest < 600 else 0.0

    def _qualifier_bonus(self, i: int, qualifier: int) -> float:
        if i == qualifier:
            return -8.0
        q_kind = self.gaz.kind(qualifier)
        if self.gaz.country_of(i) != self.gaz.country_of(qualifier):
            return -6.0
        if q_kind == "country":
            return 6.0
        q_a1, q_a2 = self.gaz.admin_ids(qualifier)
        a1, a2 = self.gaz.admin_ids(i)
        if (q_kind == "admin1" and a1 == q_a1) or (q_kind == "admin2" and a2 == q_a2):
            return 9.0
        return 3.0
