"""Finding place mentions in text and resolving each to one gazetteer entry.

Finding: the text's word tokens are matched against every gazetteer name by hashing token n-grams,
longest first (a multi-pattern match aligned on word boundaries, so "Iran" is never found inside
"Tirana" and accents or punctuation inside a name cost nothing). Around that sit the rules a reader
applies: capitalisation, datelines, possessives, shared heads ("North and South Waziristan"),
qualifiers ("Tripoli, Libya", "Afghanistan's Paktika province"), and what is not a place (titles and
surnames, organisation names, months, common words).

Resolving each mention to one entry is :mod:`geo.resolution`'s work; :meth:`ToponymFinder.find` runs it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

from geo import lexicon
from geo.gazetteer import Gazetteer
from geo.resolution import REPEATED_UNKNOWN, MentionResolver, link_qualifiers
from geo.sentences import Coverage, Token, sentences, tokens
from geo.text import normalise

_SHARED_HEAD = re.compile(
    r"\b(?P<a>North|South|East|West|Upper|Lower|Northern|Southern|Eastern|Western|Central|Middle)\s+(?:and|&|or)\s+"
    r"(?P<b>North|South|East|West|Upper|Lower|Northern|Southern|Eastern|Western|Central|Middle)\s+"
    r"(?P<head>[A-Z][\w’'-]+(?:\s+[A-Z][\w’'-]+)?)")
# A hyphen between letters is inside the name ("PORT-AU-PRINCE"); one beside a space ends the dateline.
_DATELINE_HEAD = re.compile(r"[^\W\d_](?:[^,:(\-–—\n]|-(?=[^\W\d_])){0,50}?(?=\s*(?:[,:(–—]|-(?![^\W\d_])))")
_DATELINE_TAIL = re.compile(r"(?:,\s*[^\W\d_][\w.'’ -]{1,40}?)?\s*(?:,?\s*\(?[A-Z][a-z]{2,8}\.?\s+\d{1,2}\)?)?"
                            r"\s*(?:\((?:Reuters|AP|AFP|Xinhua|dpa|ANI|IANS|APP|UPI)\)\s*)?(?=[:\-–—])")
_NAMED_PLACE = re.compile(r"\b(?P<name>(?:[A-Z][\w'’-]+\s+){1,3}?)(?P<kind>district|neighbourhood|neighborhood|"
                          r"camp|village|town|suburb|quarter|area|township|settlement)\b")
_KIND_OF = re.compile(r"\b(?P<adj>[A-Z][a-z]+(?:\s[A-Z][a-z]+)?)\s+(?:(?:northern|southern|eastern|western|central|"
                      r"border|coastal|port)\s+)?(?:city|town|village|port|capital|province|region|district|state)"
                      r"\s+of\s+$")
_SETTLEMENT_OF = re.compile(r"\b(?:city|town|village) of\s+$|\bcapital,?\s+$")  # "the regional capital Kayes"
_DIVISION_OF = re.compile(r"\b(?:province|district|state|region|governorate) of\s+$")
# A given name or title, up to two middle names, initials or a quoted nickname, then the surname:
# "Scott Kelly", "President Ruto", "Defence Secretary Luis Cresencio Sandoval", 'Joaquín "El Chapo" Guzmán'.
_UPPER, _WORD_REST = r"[A-ZÀ-ÖØ-ÞĀ-Ž]", r"[^\W\d_]+"
# Matched at every capitalised word (a lookahead), so "Prime Minister Tony Blair" is tried from each word.
_PERSON = re.compile(
    rf"\b(?=(?P<first>{_UPPER}{_WORD_REST}\.?)\s+"
    rf"(?:(?:{_UPPER}\.|[\"“]{_UPPER}[^\"”\n]{{1,20}}[\"”]|{_UPPER}{_WORD_REST})\s+){{0,2}}"
    rf"(?!(?:Jr|Sr|II|III)\b)(?P<last>{_UPPER}{_WORD_REST}(?:-{_UPPER}{_WORD_REST})?)\b"
    rf"(?:,?[ \t]+(?:Jr|Sr|II|III)\b\.?)?(?![ \t]+{_UPPER}))")
_LOCATIVE_WORD = re.compile(r"\b(?:in|at|near|from|to|into|outside|toward|towards|across|of)\s+$", re.I)
# Capitalised words, an Arabic article allowed before one: "Wad al-Noura", "Kafr el-Sheikh"
_ARTICLE = r"(?:(?:al|el|ad|ar|as|an|at|ash|az|ul|ur|ez|es|ed|er|esh|ath|adh)-)?"
_NAME = rf"(?P<name>(?:{_ARTICLE}[A-Z][\w'’-]+[\s-]+){{0,3}}{_ARTICLE}[A-Z][\w'’-]+)"
_UNKNOWN_PLACE_PATTERNS = [
    # "the Abu Salim district", "the Abu Shouk displacement camp", "Tarmuwa local government area"
    # (after a possessive that locates it: "Bajaur's Mamund tehsil", "Bogotá's Fontibón district")
    re.compile(rf"(?:\b[A-Z][\w-]+['’]s\s+)?\b(?P<name>(?:{_ARTICLE}[A-Z][\w'’-]+\s+){{1,3}}?)"
               r"(?:(?:displacement|refugee|military|army|border|IDP|fuel|oil|naval)\s+)?"
               r"(?P<kind>district|neighbourhood|neighborhood|camp|village|town|suburb|quarter|township|settlement|"
               r"commune|chiefdom|local government area|municipality|subdistrict|upazila|tehsil|"
               r"area(?=\s+(?:of|in)\b)|port|airport|air base|airbase|refinery)\b"),
    # "the Cal Miskaad mountains", "Manda Island": a named feature the gazetteer lacks
    re.compile(r"\b(?P<name>(?:[A-Z][\w'’-]+\s+){1,3}?)(?P<kind>[Mm]ountains|[Hh]ills|[Ff]orest|[Dd]esert|[Pp]lateau|"
               r"Island|Islands|Valley)\b"),
    # "Barangay Anas", "Colonia Juárez", "Kebele 04": the word for a village or quarter before its name
    re.compile(r"\b(?P<kind>Barangay|Brgy\.|Barrio|Colonia|Sitio|Kebele|Mohalla)\s+"
               r"(?P<name>(?:[A-Z][\w'’-]+\s+){0,2}[A-Z][\w'’-]+)\b"),
    # "Barsalogho, a town in Burkina Faso's Centre-Nord region"
    # (the kind word heads the appositive: "Francisco Tapia, the secretary of the city government" is no town)
    re.compile(rf"\b{_NAME},\s+(?:a|an|the)\s+(?:(?!of\b)[\w-]+\s+){{0,3}}(?P<kind>town|village|city|district|settlement|"
               r"hamlet|locality|municipality|suburb|camp|commune|chiefdom|community)\b"
               # ... and heads its noun phrase: "Prin, a city partnerships manager" is no city, but "a town
               # overlooking the border" and "a town in" are towns
               r"(?!\s+(?!(?:in|of|on|near|north|south|east|west|outside|about|some|close|where|which|that|and|"
               r"with|along|by|just|across|between|under|known|home|famous|once|now|long|so|whose|from|to)\b)"
               r"(?![a-z]+(?:ing|ed)\b)[a-z]+)"),
    # "in Misterei, about 45 km south-west of El Geneina": located by the place it is measured from
    re.compile(rf"\b(?:in|at|near|outside)\s+{_NAME},?\s+(?:about\s+|some\s+|around\s+|roughly\s+|nearly\s+)?"
               r"\d+\s*(?:km|kilometres|kilometers|miles)\s+(?:\(\d+\s*miles\)\s+)?(?:to\s+the\s+)?"
               r"(?:north|south|east|west|northeast|northwest|southeast|southwest|north-east|north-west|south-east|"
               r"south-west)\b"),
    # "at Gagangir in central Kashmir's Ganderbal district": located by the division that follows
    re.compile(rf"\b(?:in|at|near)\s+{_NAME}\s+in\s+(?:the\s+)?(?:[a-z]+\s+)?(?:[A-Z][\w-]+['’]s\s+)?"
               r"(?:[A-Z][\w-]+\s+){1,2}(?:district|province|state|region|county|governorate)\b"),
    # "in Enayetpur, in Sirajganj district", "near Walikale"
    re.compile(rf"\b(?:in|at|near|outside)\s+{_NAME}(?=,\s+(?:in\s+)?(?:the\s+)?(?:[a-z][\w-]*\s+){{0,2}}[A-Z])"),
    re.compile(rf"\b(?:near|outside|the (?:town|village|city|hamlet|settlement|commune|locality) of)\s+{_NAME}\b"),
]
_NOMINAL = re.compile(
    r"\b(?:the|that|this)\s+(?:(?:northern|southern|eastern|western|central|besieged|embattled|strategic|border|"
    r"frontline|key|small|nearby|same|coastal|provincial|state|regional|national)\s+)*"
    r"(?P<noun>town|city|village|capital|district|province|region|country)(?P<poss>['’]s)?\b(?!\s+(?:of|council|hall)\b)",
    re.I)
_CAPITAL_PHRASE = re.compile(r"\b(?:(?:the|a)\s+(?P<adj>[A-Z][a-z]+(?:\s[A-Z][a-z]+)?)\s+capital|"
                             r"(?P<owner>[A-Z][\w ]{2,30}?)['’]s?\s+capital)\b")


@dataclass
class Mention:
    """One place mention: where it is in the text, what it may be, what it was resolved to."""

    start: int
    end: int
    text: str
    key: str
    candidates: tuple[int, ...]
    form: str = "name"  # name | demonym | nominal
    place: int | None = None
    hint: str | None = None  # division | settlement | facility: the word after the name
    qualifier: int | None = None  # index of the mention that qualifies this one ("Tripoli, Libya")
    qualifies: int | None = None  # index of the mention this one qualifies
    dateline: bool = False
    embedded: bool = False  # inside an organisation's name: "Pakistan Army", "Kabul University"
    possessive: bool = False
    role: str = "other"
    margin: float = 0.0
    near: bool = False  # located near a known place, not at it: an unknown district of a known city
    country_hint: str | None = None  # "the Lebanese city of Tripoli": the text says which country
    reference: bool = False  # names where another place is ("40 km north of X"), or where people came from
    why: list[str] = field(default_factory=list)


class ToponymFinder:
    """Finds and resolves place mentions with one gazetteer.

    Parameters
    ----------
    gazetteer : Gazetteer
        The loaded offline index.

    Examples
    --------
    >>> finder = ToponymFinder(gazetteer.shared())                       # doctest: +SKIP
    >>> [(m.text, m.place) for m in finder.find("Clashes in Tripoli, Libya.")]   # doctest: +SKIP
    """

    def __init__(self, gazetteer: Gazetteer):
        self.gaz = gazetteer
        self.resolver = MentionResolver(gazetteer)
        self.max_words = min(gazetteer.max_name_words, 8)
        self.demonyms = lexicon.demonyms()
        self.common = lexicon.common_words()
        self.first_names = lexicon.first_names()
        self._persons: frozenset[str] = frozenset()
        self._starts: set[int] = set()
        # A name's readings are weighed once, not at every mention: the same names recur report after report.
        self._weight = lru_cache(maxsize=16384)(self._weigh)

    # -- finding -------------------------------------------------------------------------
    def find(self, text: str, *, resolve: bool = True) -> list[Mention]:
        """All place mentions of ``text`` in order, resolved unless ``resolve`` is false."""
        starts = _sentence_start_offsets(text)
        self._starts = starts
        dateline = dateline_span(text)
        self._persons = self._person_words(text)
        mentions = self._shared_heads(text)
        taken = Coverage(len(text))
        for m in mentions:
            taken.add(m.start, m.end)
        for toks in _name_runs(text):
            # toks: the word before a run of name-like words, the run, and the word after it.
            reach = _reach(text, toks)
            i = 1
            while i < len(toks) - 1:
                found = None
                if reach[i] and not taken.covers(toks[i].start):
                    found = self._match_at(text, toks, i, starts, dateline, reach)
                if found is None:
                    i += 1
                    continue
                mention, width = found
                mentions.append(mention)
                i += width
        covered = Coverage(len(text))
        for m in mentions:
            covered.add(m.start, m.end)
        for finder in (self._capital_phrases, self._unknown_named_places, self._repeated_unknown_names,
                       self._nominal_references):
            found = finder(text, covered, dateline, mentions)
            for m in found:
                covered.add(m.start, m.end)
            mentions.extend(found)
        mentions.sort(key=lambda m: (m.start, -m.end))
        for m in mentions:
            m.dateline = m.start in dateline
            if text[max(0, m.start - 5):m.start].lower().endswith(("pro-", "anti-")):
                m.embedded = True  # "pro-European Union demonstrators": an adjective, not a place
        link_qualifiers(text, mentions, self.gaz)
        mark_references(text, mentions)
        if resolve:
            self.resolve(text, mentions)
        return mentions

    def _match_at(self, text: str, toks: list[Token], i: int, starts: set[int], dateline: range,
                  reach: list[int]) -> tuple[Mention, int] | None:
        """The longest place name starting at token ``i``: exact first, then a spelling variant.

        ``reach[i]`` is how many tokens from ``i`` can form one name (capitalised or connectors, joined by
        a space, hyphen or apostrophe): no n-gram beyond it is ever tried.
        """
        first = toks[i]
        starts_name = first.capitalised or first.is_upper or (
            _leading_article(text, (first.start, first.end)) and not _prev_word_joins(text, toks, i))
        if not starts_name or first.text[0].isdigit() or _tail_of_longer_name(toks, i):
            return None  # (an article starts a name, "al-Qaim", but not inside one: "Hayat Tahrir al-Sham")
        longest = min(self.max_words, reach[i], len(toks) - 1 - i)
        for width in range(longest, 0, -1):
            span = toks[i:i + width]
            last = span[-1]
            if not (last.capitalised or last.is_upper):
                continue
            key = " ".join(t.key for t in span)
            if (key in self.demonyms or key in lexicon.REGION_ADJECTIVES) and width <= 2:
                if self._inside_name(text, toks, i):
                    return None  # "Datu Saudi-Ampatuan": part of a longer name, not the Saudi demonym
                return Mention(first.start, last.end, text[first.start:last.end], key,
                               self._demonym_ids(key), form="demonym"), width
            ids = self.gaz.ids(key)
            variant = False
            if not ids and width == 2 and text[first.end:last.start] == "-" \
                    and min(len(first.key), len(last.key)) >= 4 and self.gaz.has_key(first.key + last.key):
                key = first.key + last.key  # "Pétion-Ville" for Pétionville
                ids = self.gaz.ids(key)
            if not ids and width >= 2 and key not in self.common and first.key != "the":
                # "Ras al-Ain" for Ra's al 'Ayn (but "The Machala prison" is not a spelling of Machala)
                ids, variant = self.gaz.loose_ids(key), True
            if not ids:
                continue
            reason = self._rejection(text, toks, i, width, key, starts, dateline, ids)
            if reason == "skip":
                return None
            if reason:
                continue
            nxt = toks[i + width] if i + width < len(toks) else _EDGE
            if nxt.key in lexicon.DIVISION_WORDS and not nxt.capitalised and text[last.end:nxt.start] == " ":
                # "Iraq's Kurdistan region" is the gazetteer's "Kurdistan Region" (Iraqi Kurdistan), not Iran's
                # Kurdistan province: a division word written in lower case belongs to the name when it names
                # another entry (for "Kaduna state" the word only says which Kaduna: the hint below does that)
                longer = self.gaz.ids(f"{key} {nxt.key}")
                if not set(longer).issubset(ids):
                    key, ids, last, width = f"{key} {nxt.key}", longer, nxt, width + 1
            mention = Mention(first.start, last.end, text[first.start:last.end], key, ids,
                              why=["spelling variant"] if variant else [])
            self._describe(text, toks, i + width, mention)
            return mention, width
        # (a loose reading of a name's first word is no reading: "the Qabul Khel area" is not Kabul)
        if len(first.key) >= 5 and first.key not in self.common and first.key not in lexicon.NEVER_PLACES \
                and not _ends_longer_name(toks, i) and not _continues_name(text, toks, i):
            ids = self.gaz.loose_ids(first.key)
            if ids and self._rejection(text, toks, i, 1, first.key, starts, dateline, ids) is None:
                mention = Mention(first.start, first.end, first.text, first.key, ids, why=["spelling variant"])
                self._describe(text, toks, i + 1, mention)
                return mention, 1
        return None

    def _demonym_ids(self, key: str) -> tuple[int, ...]:
        """The country of a demonym ("Afghan"), or the region of a regional adjective ("European")."""
        code = self.demonyms.get(key)
        country = self.gaz.country(code) if code else None
        if country:
            return (country.id,)
        region = lexicon.REGION_ADJECTIVES.get(key)
        ids = [i for i in self.gaz.ids(region) if self.gaz.kind(i) in ("region", "admin1")] if region else []
        return tuple(sorted(ids, key=self.gaz.importance, reverse=True)[:1])

    def _rejection(self, text: str, toks: list[Token], i: int, width: int, key: str, starts: set[int],
                   dateline: range, ids: tuple[int, ...]) -> str | None:
        """Why the name at ``toks[i:i+width]`` is not a place here: None (it is), "skip" or "shorter"."""
        first, last = toks[i], toks[i + width - 1]
        best, is_country = self._weight(ids)
        if width == 1:
            if key in lexicon.NEVER_PLACES or key in lexicon.MONTH_WORDS or key in lexicon.WEEKDAY_WORDS \
                    or key in _NAME_TAILS:
                return "skip"  # (and "Khel" alone is the end of a clan's village's name)
            if len(first.text) <= 2 and not first.is_upper and text[first.end:first.end + 1] != ".":
                # "the Kuki-Zo militants": a two-letter word is a syllable of a name, not a town (but
                # "Manassas, Va." abbreviates Virginia)
                return "skip"
            person = (key in self._persons and self._importance_by_own_name(ids, key) < 6.0) \
                or (key in self.first_names and best < 6.0)
            if person and not is_country and not _LOCATIVE_WORD.search(text, max(0, first.start - 12), first.start):
                # "Kelly said", after "Scott Kelly": a person, unless "in Kelly"; and "Sandoval said" is
                # not Sandoval County, which only its short alias names so
                return "skip"
            if first.is_upper and len(first.text) <= 4 and first.start not in dateline and not any(
                    self.gaz.kind(j) in ("country", "region") for j in ids):
                return "skip"  # an acronym: "TTP", "ISPR", "BLA"; but "EU", "UAE", "DRC" are places
            if key in self.common and not is_country and (first.start in starts or best < 5.0) and (
                    first.start in starts or not _PLACE_BEFORE.search(text, max(0, first.start - 10), first.start)):
                return "skip"  # "Police said", "Mobile phones"; but "fighting around Sake" is the town
            if key in self.common and not is_country and toks[i - 1].text == "the" and first.start not in starts \
                    and text[first.end:first.end + 1] != "-" and not _PLACE_WORD_AFTER.match(text, first.end):
                return "skip"  # "the Centre said", "the State argued": a body, not the Centre region of Burkina Faso
            if key in _NAME_HEAD_WORDS and not is_country and _prev_word_joins(text, toks, i):
                return "skip"  # "the Swat Valley": the head of the name before it, not a Valley of its own
            if key in self.common and not is_country and best < 6.0 and _ends_longer_name(toks, i):
                return "skip"  # "Department of Labor": the end of a longer name
        prev = toks[i - 1] if i > 0 else None
        if prev is not None and prev.key in lexicon.PERSON_TITLES and text[prev.end:first.start] in (" ", ". "):
            return "skip"  # "President Ruto", "Mr. Jackson"
        if width == 1 and key in lexicon.ORGANISATION_WORDS and prev is not None and prev.capitalised \
                and text[prev.end:first.start] == " " and prev.key not in lexicon.FUNCTION_WORDS:
            return "skip"  # "African Union", "Security Council": the head of an organisation's name
        if prev is not None and first.start not in starts and _adjacent(text, prev, first):
            hyphen = text[prev.end:first.start] == "-"
            if hyphen and self.gaz.has_key(prev.key):
                pass  # "Chaman-Spin Boldak": two places joined
            elif hyphen and prev.capitalised and best < 6.0 and not is_country:
                return "skip"  # "Saudi-Ampatuan": the end of a hyphenated name the gazetteer lacks
            elif prev.key in self.first_names and prev.capitalised and not hyphen:
                return "skip"  # "George Washington": a person, whatever the place of that name
            elif prev.capitalised and prev.key not in lexicon.FUNCTION_WORDS and prev.key not in self.demonyms \
                    and not self._is_major(prev.key) and best < 6.0 and not is_country and not first.is_upper:
                return "skip"  # a surname ("Imran Khan") or the end of an unknown name ("Abu Salim")
        nxt_i = i + width
        if _IZAFE_TO_CAPITAL.match(text, last.end) and not is_country:
            return "skip"  # "Dasht-e-Barchi": a Persian izafe joins the name to what follows; Dasht alone is not it
        if nxt_i < len(toks) and _adjacent(text, last, toks[nxt_i]) and text[last.end:toks[nxt_i].start] == " ":
            nxt = toks[nxt_i]
            if nxt.key in _NAME_TAILS:
                return "skip"  # "Mali Khel", "Mada Khel": a Pashto clan's village, not the country Mali
            # A capitalised word after it that is neither a place-type word ("district", "Army") nor a
            # major place continues the name.
            continued = nxt.capitalised and not first.is_upper and nxt.key not in _NAME_HEAD_WORDS \
                and not self._is_major(nxt.key)
            if nxt.key in _HYPHENED_ARTICLES and _hyphened_to_capital(text, nxt.end) and not is_country:
                return "skip"  # "Tal as-Sultan": an article hyphened to a capitalised word continues the name
            if continued and width == 1 and key in self.first_names:
                return "skip"  # "Paris Hilton", "Chad Daniels": a given name before a surname
            if continued and nxt.key not in self.demonyms and not is_country and (
                    best < 6.0 or _KIND_OF_BEFORE.search(text, max(0, first.start - 30), first.start)):
                # a given name ("Jordan Peterson") or part of an unknown name ("Abu Salim"), however weighty
                # its first word after "the town of" ("the town of Adan Yabaal" is not Aden)
                return "skip"
        if nxt_i < len(toks) and text[last.end:toks[nxt_i].start] == "-" and toks[nxt_i].capitalised \
                and best < 6.0 and not is_country and not first.is_upper \
                and not any(self.gaz.has_key(" ".join(t.key for t in toks[nxt_i:nxt_i + n])) for n in (1, 2, 3)):
            return "skip"  # "Pont-Sondé": the start of a hyphenated name the gazetteer lacks (not "Chaman-Spin Boldak")
        return None

    def _importance_by_own_name(self, ids: tuple[int, ...], key: str) -> float:
        """The weightiest entry whose own name (not an alias) is ``key``."""
        return max((self.gaz.importance(j) for j in ids if self.gaz.primary_key(j) == key), default=0.0)

    def _weigh(self, ids: tuple[int, ...]) -> tuple[float, bool]:
        """The importance of a name's strongest reading, and whether one of its readings is a country."""
        return max((self.gaz.importance(j) for j in ids), default=0.0), any(self.gaz.kind(j) == "country" for j in ids)

    def _inside_name(self, text: str, toks: list[Token], i: int) -> bool:
        """Whether the word at ``i`` continues a capitalised name begun before it ("Datu Saudi")."""
        prev = toks[i - 1]
        return bool(prev.text) and prev.capitalised and toks[i].start not in self._starts \
            and _adjacent(text, prev, toks[i]) and prev.key not in lexicon.FUNCTION_WORDS \
            and prev.key not in lexicon.PERSON_TITLES and not self.gaz.has_key(prev.key) \
            and prev.key not in self.demonyms

    def _person_words(self, text: str) -> frozenset[str]:
        """Surnames this text gives to people: the word after a given name or a title ("Scott Kelly",
        "President Ruto"), so that a later "Kelly" alone is not taken for a town."""
        out = set()
        for m in _PERSON.finditer(text):
            first = normalise(m.group("first"))
            if first in self.first_names or first in lexicon.PERSON_TITLES:
                out.add(normalise(m.group("last")))
        return frozenset(out)

    def _is_major(self, key: str) -> bool:
        """Whether a word names a country or first-level division: "Kabul Kandahar highway" is two places."""
        return any(self.gaz.kind(i) in ("country", "admin1") for i in self.gaz.ids(key))

    def _describe(self, text: str, toks: list[Token], after: int, mention: Mention) -> None:
        """Note the possessive, and the place-type or organisation word that follows the name."""
        tail = text[mention.end:mention.end + 3]
        mention.possessive = tail.startswith(("'s", "’s", "’ ", "' "))
        if after < len(toks):
            nxt = toks[after]
            gap = text[mention.end:nxt.start]
            if len(gap) <= 4 and "," not in gap and "." not in gap:
                if nxt.key in lexicon.DIVISION_WORDS:
                    mention.hint = "division"
                elif nxt.key in lexicon.SETTLEMENT_WORDS:
                    mention.hint = "settlement"
                elif nxt.key in lexicon.FACILITY_WORDS:
                    mention.hint = "facility"
                elif nxt.capitalised and nxt.key in lexicon.ORGANISATION_WORDS and not mention.possessive:
                    mention.embedded = True
        if _BUILDING_NAME.match(text, mention.end):
            mention.embedded = True  # "St. Sebastian's Church", "the Zion Church": a building's name
        owner = _KIND_OF.search(text, max(0, mention.start - 40), mention.start)
        if owner and normalise(owner.group("adj")) in self.demonyms:
            mention.country_hint = self.demonyms[normalise(owner.group("adj"))] or None
        before = text[max(0, mention.start - 12):mention.start].lower()
        if _SETTLEMENT_OF.search(before):
            mention.hint = "settlement"
        elif _DIVISION_OF.search(before):
            mention.hint = "division"

    def _shared_heads(self, text: str) -> list[Mention]:
        """"North and South Waziristan" names two districts; each gets a mention."""
        out = []
        for m in _SHARED_HEAD.finditer(text):
            head = m.group("head")
            for part in ("a", "b"):
                name = f"{m.group(part)} {head}"
                key = " ".join(t.key for t in tokens(name))
                if not self.gaz.has_key(key):
                    head_key = tokens(head)[0].key
                    key = f"{tokens(m.group(part))[0].key} {head_key}"
                    if not self.gaz.has_key(key):
                        continue
                start = m.start(part) if part == "b" else m.start()
                out.append(Mention(start, m.end(), text[start:m.end()], key, self.gaz.ids(key),
                                   why=["shared head"]))
        return out

    def _capital_phrases(self, text: str, covered: Coverage, dateline: range, found: list[Mention]) -> list[Mention]:
        """"the Libyan capital", "Turkey's capital": the country's capital city (beside the name "Turkey")."""
        out = []
        phrases = Coverage(len(text))
        for m in _CAPITAL_PHRASE.finditer(text):
            words = m.group("adj") or m.group("owner")
            key = " ".join(t.key for t in tokens(words))
            code = self.demonyms.get(key)
            if code is None:
                country = next((self.gaz.place(i) for i in self.gaz.ids(key) if self.gaz.kind(i) == "country"), None)
                code = country.country_code if country else None
            capital = self.gaz.capital(code) if code else None
            if capital is None:
                continue
            start = m.start("adj") if m.group("adj") else m.start("owner")
            if phrases.covers(start):
                continue
            phrases.add(start, m.end())
            out.append(Mention(start, m.end(), text[start:m.end()], key, (capital.id,), form="nominal",
                               place=capital.id, why=[f"capital of {code}"]))
        return out

    def _unknown_named_places(self, text: str, covered: Coverage, dateline: range,
                              found: list[Mention]) -> list[Mention]:
        """Names the gazetteer lacks that the text says are places: "the Abu Salim district",
        "Barsalogho, a town in ...", "in Enayetpur, in Sirajganj district", "near Walikale".

        They are located by the place that qualifies them, else by their context (see :meth:`resolve`),
        at lower precision.
        """
        out: list[Mention] = []
        for pattern in _UNKNOWN_PLACE_PATTERNS:
            for m in pattern.finditer(text):
                start = m.start("name")
                end = start + len(m.group("name").rstrip())
                if start in dateline or covered.overlaps(start, end):
                    continue
                words = [t.key for t in tokens(text[start:end])]
                # "Old Fangak", "Upper Dir": the opener is part of the name, not a word that rules it out
                checked = words[1:] if len(words) > 1 and words[0] in _NAME_OPENERS else words
                if not checked or checked[0] in lexicon.FUNCTION_WORDS or any(
                        w in lexicon.NEVER_PLACES or w in self.demonyms or w in lexicon.MONTH_WORDS
                        or w in lexicon.WEEKDAY_WORDS or w in lexicon.PERSON_TITLES
                        for w in _words_that_rule_out(checked, lower_head=text[start].islower())):
                    continue
                if len(words) > 1 and words[0] in self.first_names and not _HYPHENED_ARTICLES.intersection(words):
                    continue  # "Francisco Tapia, the city's secretary": a person (but "Tal as-Sultan" is a place)
                if words[-1] in _ADJECTIVE_TAILS:
                    continue  # "the Houthi-held port": who holds it, not its name
                kind = (m.groupdict().get("kind") or "place").lower()
                hint = "division" if kind in lexicon.DIVISION_WORDS else "settlement"
                out.append(Mention(start, end, text[start:end], " ".join(words), (), hint=hint,
                                   why=[f"unknown {kind}, located by its context"]))
                covered.add(start, end)
        return out

    def _repeated_unknown_names(self, text: str, covered: Coverage, dateline: range,
                                found: list[Mention]) -> list[Mention]:
        """A name the text has shown to be a place the gazetteer lacks ("Kishishe, a village in ...") is
        that place wherever else the report names it: in the headline, and in "killed in Kishishe" later."""
        unknown = {m.text: m for m in found if m.form == "name" and not m.candidates and m.why
                   and m.why[0].startswith("unknown")}
        out: list[Mention] = []
        for name, first in unknown.items():
            for hit in re.finditer(rf"(?<![\w'’-]){re.escape(name)}(?![\w-])", text):
                if covered.overlaps(hit.start(), hit.end()):
                    continue
                out.append(Mention(hit.start(), hit.end(), name, first.key, (), hint=first.hint,
                                   why=[REPEATED_UNKNOWN]))
                covered.add(hit.start(), hit.end())
        return out

    def _nominal_references(self, text: str, covered: Coverage, dateline: range, found: list[Mention]) -> list[Mention]:
        """"the town", "the city's airport", "the capital": the place the text has just named."""
        out = []
        for m in _NOMINAL.finditer(text):
            start, noun = m.start(), m.group("noun").lower()
            if covered.overlaps(start, m.end()):
                continue
            out.append(Mention(start, m.end("noun"), text[start:m.end("noun")], noun, (), form="nominal",
                               possessive=bool(m.group("poss")), why=[f"refers to the {noun} named before"]))
        return out

    def resolve(self, text: str, mentions: list[Mention]) -> None:
        """Choose one entry per mention: see :class:`geo.resolution.MentionResolver`."""
        self.resolver.resolve(text, mentions)


_WORD_SPAN = re.compile(r"(?:[A-Z]\.){2,}|[^\W\d_]+(?:['’](?![sS]\b)[^\W\d_]+)*|\d+(?:[.,]\d+)*")


def _name_runs(text: str) -> list[list[Token]]:
    """Runs of words that can form names (capitalised words and connectors joined by a space, hyphen or
    apostrophe), each with one word of context before and after (or an empty placeholder).

    Only these few tokens are built: most of a report's words are lower-case and never looked up.
    """
    spans = [(m.start(), m.end()) for m in _WORD_SPAN.finditer(text)]
    runs: list[list[Token]] = []
    i, n = 0, len(spans)
    while i < n:
        s, _e = spans[i]
        if not (text[s].isupper() or _leading_article(text, spans[i])):
            i += 1
            continue
        j = i
        while j + 1 < n:
            a_end, (b_start, b_end) = spans[j][1], spans[j + 1]
            if _JOIN.fullmatch(text, a_end, b_start) is None and not _abbreviated(text, spans[j], b_start):
                break
            word = text[b_start:b_end]
            if not (word[0].isupper() or word.lower() in lexicon.NAME_CONNECTORS):
                break
            j += 1
        local = [_token(text, *spans[k]) if 0 <= k < n else _EDGE for k in range(i - 1, j + 2)]
        runs.append(local)
        i = j + 1
    return runs


#: Words after a name that make a longer name or a place phrase of it ("Kabul University", "Kurram district").
_NAME_HEAD_WORDS = (lexicon.ORGANISATION_WORDS | lexicon.DIVISION_WORDS | lexicon.FACILITY_WORDS
                    | lexicon.SETTLEMENT_WORDS)

#: Capitalised after a name, the name is a building's, possessive or not: "St. Anthony's Shrine".
_BUILDING_NAME = re.compile(r"(?:['’]s)?\s(?:Church|Cathedral|Chapel|Shrine|Basilica|Temple|Synagogue|Monastery)\b")

_EDGE = Token(-1, -1, "", "")
_NAME_ABBREVIATIONS = frozenset({"St", "Ste", "Mt", "Ft", "Pt"})


#: Second words of South Asian place names ("Datta Khel", "Kot Addu" aside): a word before them is not a
#: place of its own, even a country's name.
_NAME_TAILS = frozenset("khel kheyl kalay kili killi zai kor".split())
_IZAFE_TO_CAPITAL = re.compile(rf"-(?:{'|'.join(sorted(lexicon.IZAFE))})-[A-Z]")
_NAME_OPENERS = frozenset("old new upper lower north south east west greater little".split())
_HYPHENED_ARTICLES = lexicon.NAME_ARTICLES | {"as", "an", "at"}
_ADJECTIVE_TAILS = frozenset("held controlled run led backed based linked allied occupied owned".split())
_PLACE_WORD_AFTER = re.compile(r"\s+(?:region|province|district|county|department|state|governorate|valley)\b", re.I)
_PLACE_BEFORE = re.compile(r"\b(?:near|around|outside|towards?)\s+$")
_KIND_OF_BEFORE = re.compile(r"\b(?:town|village|city|hamlet|settlement|locality|area|district)\s+of\s+$", re.I)


def _words_that_rule_out(words: list[str], *, lower_head: bool) -> list[str]:
    """The words of an unknown name that can show it is no place: not its articles, nor the word after one
    ("Wad al-Noura", "Tal as-Sultan": no sultan), nor a lower-case article heading it ("al-Maqwas")."""
    head = [] if lower_head else words[:1]
    return head + [w for k, w in enumerate(words[1:]) if w not in _HYPHENED_ARTICLES
                   and words[k] not in _HYPHENED_ARTICLES]


def _continues_name(text: str, toks: list[Token], i: int) -> bool:
    """Whether a capitalised word that is not a place-type word follows the word at ``i``: "Qabul Khel"."""
    nxt = toks[i + 1] if i + 1 < len(toks) else _EDGE
    return bool(nxt.text) and nxt.capitalised and text[toks[i].end:nxt.start] == " " \
        and nxt.key not in _NAME_HEAD_WORDS


def _hyphened_to_capital(text: str, end: int) -> bool:
    """Whether the word ending at ``end`` is joined by a hyphen to a capitalised word ("al-Qaim")."""
    return text[end:end + 1] == "-" and text[end + 1:end + 2].isupper()


def _leading_article(text: str, word: tuple[int, int]) -> bool:
    """"al-Qaim", "as-Suwayda": a lower-case article hyphened to a capitalised word starts a name."""
    s, e = word
    return _hyphened_to_capital(text, e) and text[s:e] in lexicon.NAME_ARTICLES


def _abbreviated(text: str, word: tuple[int, int], next_start: int) -> bool:
    """"St. Louis", "Mt. Kenya": an abbreviation's full stop joins a name."""
    return text[word[0]:word[1]] in _NAME_ABBREVIATIONS and text[word[1]:next_start] == ". "


def _token(text: str, start: int, end: int) -> Token:
    word = text[start:end]
    return Token(start, end, word, normalise(word))


def _sentence_start_offsets(text: str) -> set[int]:
    """Offsets of the first word of every sentence."""
    out = set()
    for s in sentences(text):
        m = _WORD_SPAN.search(text, s.start, s.end)
        if m:
            out.add(m.start())
    return out


def dateline_span(text: str) -> range:
    """The offsets of the dateline ("RAWALPINDI:", "GOMA, Democratic Republic of Congo (Jan 28) -"), empty for none.

    It opens the report, or the first line after a headline and a byline ("Diafarabé: families demand
    answers" then "MOPTI — Relatives of ..."). It ends at the separator after the place and its qualifiers.

    Examples
    --------
    >>> text = "KYIV, March 12 (Reuters) - Drones struck Odesa."
    >>> span = dateline_span(text); text[span.start:span.stop]
    'KYIV, March 12 (Reuters) '
    """
    start = len(text) - len(text.lstrip())
    for _ in range(_HEADLINE_LINES + 1):
        end = _dateline_end(text, start)
        if end:
            return range(start, end)
        line_end = text.find("\n", start)
        if line_end < 0 or line_end - start > _HEADLINE_CHARS:
            break
        start = _LINE_BREAKS.match(text, line_end).end()
    return range(0)


#: A dateline may follow this many short lines (a headline, a byline) of at most this many characters.
_HEADLINE_LINES, _HEADLINE_CHARS = 2, 160
_LINE_BREAKS = re.compile(r"\s+")


def _dateline_end(text: str, start: int) -> int:
    """Offset of the separator after an all-capitals dateline at ``start`` and its qualifiers, else 0."""
    head = _DATELINE_HEAD.match(text, start)
    if head is None or not head.group(0).isupper() or len(head.group(0)) < 3:
        return 0
    tail = _DATELINE_TAIL.match(text, head.end())
    return tail.end() if tail else 0


_JOIN = re.compile(r"[ \-'’]|\s?[-–]\s?")


def _reach(text: str, toks: list[Token]) -> list[int]:
    """For each token, how many tokens from it can belong to one name (computed right to left)."""
    reach = [0] * len(toks)
    for i in range(len(toks) - 1, -1, -1):
        t = toks[i]
        if not (t.capitalised or t.is_upper or t.key in lexicon.NAME_CONNECTORS):
            continue
        joined = i + 1 < len(toks) and toks[i + 1].start >= 0 and (
            _JOIN.fullmatch(text, t.end, toks[i + 1].start) is not None
            or _abbreviated(text, (t.start, t.end), toks[i + 1].start))
        reach[i] = 1 + (reach[i + 1] if joined else 0)
    return reach


def _prev_word_joins(text: str, toks: list[Token], i: int) -> bool:
    """Whether a capitalised word stands right before the word at ``i``, one space apart."""
    if i < 1:
        return False
    prev = toks[i - 1]
    return bool(prev.text) and prev.capitalised and text[prev.end:toks[i].start] == " " \
        and prev.key not in lexicon.FUNCTION_WORDS


def _ends_longer_name(toks: list[Token], i: int) -> bool:
    """Whether the word at ``i`` follows a capitalised word and a connector: "Line of Control"."""
    return i >= 2 and toks[i - 1].key in lexicon.NAME_CONNECTORS and toks[i - 2].capitalised


def _tail_of_longer_name(toks: list[Token], i: int) -> bool:
    """"Wad al-Noura", "Kafr el-Dawwar", "Dasht-e-Barchi": the word after the article or the izafe is not a
    place by itself (the gazetteer's Noura is in Guinea). "Gulf of Aden" is not such a name: "of" is English."""
    return _ends_longer_name(toks, i) and (toks[i - 1].key in lexicon.NAME_ARTICLES or toks[i - 1].key in lexicon.IZAFE)


def _adjacent(text: str, a: Token, b: Token) -> bool:
    return text[a.end:b.start] in (" ", "-")


_REFERENCE_BEFORE = re.compile(
    r"(?:\b(?:north|south|east|west|north-?east|north-?west|south-?east|south-?west)(?:ern)?\s+of\s+|"
    r"\b(?:km|kilometres|kilometers|miles|mi)\b[^,.;]{0,30}\bfrom\s+|\bfrom\s+|"
    # where people went, not where it happened: "sought refuge in Gao", "fled to Cucuta", "flown to Ankara"
    r"\b(?:refuge|shelter|fled|flee|fleeing|evacuated|relocated|transferred|flown|flew|taken|moved)\s+"
    r"(?:\w+\s+){0,2}(?:in|to|into|towards?)\s+|"
    # where a march goes, not where it is: "protesters marching towards Muzaffarabad clashed with police in ..."
    r"\b(?:marching|marched|march|headed|heading)\s+(?:\w+\s+){0,2}?(?:to|towards?|on)\s+|"
    # where a group comes from: "gang members based in Canaan looted homes in Arcahaie"
    r"\bbased\s+in\s+|"
    # a landmark: "near the border with Niger"
    r"\bborders?\s+with\s+|"
    # background: "its biggest gain since the fall of Bakhmut"
    r"\bsince\s+(?:the\s+)?(?:fall|capture|loss|liberation|seizure|battle|siege)\s+of\s+|"
    # what a deal or a push is for, not where it was made: "aimed at ending the fighting in eastern Congo"
    r"\b(?:aimed\s+at|meant\s+to|intended\s+to|designed\s+to|bid\s+to|efforts?\s+to)\s+(?:end|ending|halt|"
    r"halting|stop|stopping|resolve|resolving|calm|calming)\s+(?:\w+\s+){0,3}?in\s+(?:(?:north|south|east|west)"
    r"[\w-]*\s+)?)(?:the\s+)?$", re.I)


_LAST_WORDS = re.compile(r"\w+")
_REFERENCE_LAST_WORDS = frozenset("of from in to into toward towards with".split())
_APPOSITIVE_BEFORE = re.compile(r",\s+(?:the|a|an)\s+[^,.;]{0,80}$")


def mark_references(text: str, mentions: list[Mention]) -> None:
    """Places named to locate another ("40 km north of Culiacán", "fled from Quetta", "Douma, the last
    rebel-held town ... near Damascus") are not where anything happened."""
    for n, m in enumerate(mentions):
        # Every reference phrase ends in one of a few words ("north of", "fled to the"): look for them first.
        last_words = _LAST_WORDS.findall(text, max(0, m.start - 30), m.start)[-2:]
        if any(w.lower() in _REFERENCE_LAST_WORDS for w in last_words) \
                and _REFERENCE_BEFORE.search(text, max(0, m.start - 60), m.start):
            m.reference = True
            continue
        if n == 0 or m.form != "name":
            continue
        appositive = _APPOSITIVE_BEFORE.search(text, max(0, m.start - 90), m.start)
        if appositive:
            head = mentions[n - 1]
            if head.end <= appositive.start() and text.rfind(".", head.end, m.start) < 0 \
                    and appositive.start() - head.end <= 3:
                m.reference = True
