"""Finding place mentions in text and resolving each to one gazetteer entry.

Finding: the text's word tokens are matched against every gazetteer name by hashing token n-grams,
longest first (a multi-pattern match aligned on word boundaries, so "Iran" is never found inside
"Tirana" and accents or punctuation inside a name cost nothing). Around that sit the rules a reader
applies: capitalisation, datelines, possessives, shared heads ("North and South Waziristan"),
qualifiers ("Tripoli, Libya", "Afghanistan's Paktika province"), and what is not a place (titles and
surnames, organisation names, months, common words).

Resolving: every candidate entry is scored from the report's own context, in the spirit of CLAVIN
and CLIFF: explicit qualifiers first, then the countries the report names (also through demonyms),
then closeness to the report's unambiguous places, then population, kind and capital status.
"""

from __future__ import annotations

import itertools
import re
from collections import Counter
from dataclasses import dataclass, field

from geo import lexicon
from geo.gazetteer import Gazetteer, km
from geo.sentences import Span, Token, sentences, tokens

_SHARED_HEAD = re.compile(
    r"\b(?P<a>North|South|East|West|Upper|Lower|Northern|Southern|Eastern|Western|Central)\s+(?:and|&|or)\s+"
    r"(?P<b>North|South|East|West|Upper|Lower|Northern|Southern|Eastern|Western|Central)\s+"
    r"(?P<head>[A-Z][\w’'-]+(?:\s+[A-Z][\w’'-]+)?)")
_DATELINE = re.compile(r"\A\s*(?P<places>[A-Z][A-Z'’.\- ]*[A-Z.](?:\s*/\s*[A-Z][A-Z'’.\- ]*[A-Z.])*)"
                       r"(?P<rest>(?:,\s*[A-Z][\w.'’ -]{1,40}?)?\s*(?:,?\s*\(?[A-Z][a-z]{2,8}\.?\s+\d{1,2}\)?)?"
                       r"\s*(?:\((?:Reuters|AP|AFP|Xinhua|dpa|ANI|IANS|APP)\)\s*)?)\s*[:\-–—]")
_NAMED_PLACE = re.compile(r"\b(?P<name>(?:[A-Z][\w'’-]+\s+){1,3}?)(?P<kind>district|neighbourhood|neighborhood|"
                          r"camp|village|town|suburb|quarter|area|township|settlement)\b")
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
        self.max_words = min(gazetteer.max_name_words, 8)
        self.demonyms = lexicon.demonyms()
        self.common = lexicon.common_words()

    # -- finding -------------------------------------------------------------------------
    def find(self, text: str, *, resolve: bool = True) -> list[Mention]:
        """All place mentions of ``text`` in order, resolved unless ``resolve`` is false."""
        toks = tokens(text)
        sents = sentences(text)
        starts = _sentence_starts(toks, sents)
        dateline_end = _dateline_end(text)
        mentions = self._shared_heads(text)
        taken = [(m.start, m.end) for m in mentions]
        i = 0
        while i < len(toks):
            found = None
            if not any(s <= toks[i].start < e for s, e in taken):
                found = self._match_at(text, toks, i, starts, dateline_end)
            if found is None:
                i += 1
                continue
            mention, width = found
            mentions.append(mention)
            i += width
        mentions.extend(self._capital_phrases(text, mentions))
        mentions.extend(self._unknown_named_places(text, mentions))
        mentions.sort(key=lambda m: (m.start, -m.end))
        for m in mentions:
            m.dateline = m.start < dateline_end
        _link_qualifiers(text, mentions, self.gaz)
        if resolve:
            self.resolve(text, mentions)
        return mentions

    def _match_at(self, text: str, toks: list[Token], i: int, starts: set[int],
                  dateline_end: int) -> tuple[Mention, int] | None:
        first = toks[i]
        if not (first.capitalised or first.is_upper) or first.text[0].isdigit():
            return None
        for width in range(min(self.max_words, len(toks) - i), 0, -1):
            span = toks[i:i + width]
            if not _joinable(text, span):
                continue
            last = span[-1]
            if not (last.capitalised or last.is_upper) or any(
                    not (t.capitalised or t.is_upper) and t.key not in lexicon.NAME_CONNECTORS for t in span):
                continue
            key = " ".join(t.key for t in span)
            if (key in self.demonyms or key in lexicon.REGION_ADJECTIVES) and width <= 2:
                return Mention(first.start, last.end, text[first.start:last.end], key,
                               self._demonym_ids(key), form="demonym"), width
            if not self.gaz.has_key(key):
                continue
            reason = self._rejection(text, toks, i, width, key, starts, dateline_end)
            if reason == "skip":
                return None
            if reason:
                continue
            mention = Mention(first.start, last.end, text[first.start:last.end], key, self.gaz.ids(key))
            self._describe(text, toks, i + width, mention)
            return mention, width
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
                   dateline_end: int) -> str | None:
        """Why the name at ``toks[i:i+width]`` is not a place here: None (it is), "skip" or "shorter"."""
        first, last = toks[i], toks[i + width - 1]
        ids = self.gaz.ids(key)
        best = max((self.gaz.importance(j) for j in ids), default=0.0)
        is_country = any(self.gaz.kind(j) == "country" for j in ids)
        if width == 1:
            if key in lexicon.NEVER_PLACES or key in lexicon.MONTH_WORDS or key in lexicon.WEEKDAY_WORDS:
                return "skip"
            if first.is_upper and len(first.text) <= 4 and not is_country and first.start >= dateline_end:
                return "skip"  # an acronym: "TTP", "ISPR", "BLA"
            if key in self.common and not is_country and (i in starts or best < 5.0):
                return "skip"  # "Police said", "Mobile phones"
        prev = toks[i - 1] if i > 0 else None
        if prev is not None and i not in starts and _adjacent(text, prev, first):
            if prev.key in lexicon.PERSON_TITLES:
                return "skip"
            if prev.capitalised and prev.key not in lexicon.FUNCTION_WORDS and prev.key not in self.demonyms \
                    and not self._is_major(prev.key) and best < 6.0 and not is_country and not first.is_upper:
                return "skip"  # a surname ("Imran Khan") or the end of an unknown name ("Abu Salim")
        nxt_i = i + width
        if nxt_i < len(toks) and _adjacent(text, last, toks[nxt_i]):
            nxt = toks[nxt_i]
            if nxt.capitalised and nxt.key not in lexicon.ORGANISATION_WORDS and nxt.key not in lexicon.DIVISION_WORDS \
                    and nxt.key not in lexicon.FACILITY_WORDS and nxt.key not in lexicon.SETTLEMENT_WORDS \
                    and not self._is_major(nxt.key) and nxt.key not in self.demonyms and best < 6.0 \
                    and not is_country and not first.is_upper:
                return "skip"  # a given name ("Jordan Peterson") or part of an unknown name ("Abu Salim")
        return None

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
        before = text[max(0, mention.start - 12):mention.start].lower()
        if re.search(r"\b(?:city|town|village) of\s+$", before):
            mention.hint = "settlement"
        elif re.search(r"\b(?:province|district|state|region|governorate) of\s+$", before):
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

    def _capital_phrases(self, text: str, mentions: list[Mention]) -> list[Mention]:
        """"the Libyan capital", "Turkey's capital": the country's capital city."""
        out = []
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
            if any(x.start <= start < x.end and x.form == "nominal" for x in mentions):
                continue
            out.append(Mention(start, m.end(), text[start:m.end()], key, (capital.id,), form="nominal",
                               place=capital.id, why=[f"capital of {code}"]))
        return out

    def _unknown_named_places(self, text: str, mentions: list[Mention]) -> list[Mention]:
        """"the Abu Salim district": a name the gazetteer lacks, that the text says is a place.

        It is located by its context (see :meth:`resolve`), at lower precision.
        """
        out = []
        for m in _NAMED_PLACE.finditer(text):
            start = m.start("name")
            end = start + len(m.group("name").rstrip())
            words = m.group("name").split()
            if words[0].lower() in lexicon.FUNCTION_WORDS or any(x.start < end and start < x.end for x in mentions):
                continue
            if any(w.lower() in lexicon.NEVER_PLACES or w.lower() in self.demonyms for w in words):
                continue
            kind = m.group("kind").lower()
            hint = "division" if kind in lexicon.DIVISION_WORDS else "settlement"
            out.append(Mention(start, end, text[start:end], " ".join(t.key for t in tokens(text[start:end])), (),
                               hint=hint, why=[f"unknown {kind}, located by its context"]))
        return out

    # -- resolving -----------------------------------------------------------------------
    def resolve(self, text: str, mentions: list[Mention]) -> None:
        """Choose one entry per mention, in two passes: context, then closeness to settled places."""
        countries = self._country_evidence(mentions)
        # Qualifiers first: "Libya" must be settled before "Tripoli, Libya" is.
        for m in sorted(mentions, key=lambda m: m.qualifies is None):
            if m.form == "name":
                self._choose(m, mentions, countries, anchors=[])
        settled = {m.place for m in mentions if m.place is not None and m.form == "name"
                   and self.gaz.kind(m.place) != "country" and (len(m.candidates) == 1 or m.margin >= 2.0)}
        anchors = sorted(settled)[:200]  # enough to place a report; bounded so a huge text stays linear
        for m in mentions:
            if m.form == "name" and len(m.candidates) > 1:
                self._choose(m, mentions, countries, anchors=[a for a in anchors if a != m.place])
        for m in mentions:
            if m.form == "demonym" and m.candidates:
                m.place = m.candidates[0]
        self._locate_unknown(text, mentions)

    def _locate_unknown(self, text: str, mentions: list[Mention]) -> None:
        """An unknown named place lies near the last settled place before it in its paragraph."""
        for n, m in enumerate(mentions):
            if m.candidates or m.place is not None or m.form != "name":
                continue
            paragraph_start = text.rfind("\n", 0, m.start) + 1
            context = [x for x in mentions[:n] if x.place is not None and x.start >= paragraph_start
                       and x.form != "demonym" and self.gaz.kind(x.place) != "country"]
            if context:
                m.place = context[-1].place
                m.near = True

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
            if m.dateline and len(codes) == 1:
                weight[next(iter(codes))] += 1.0
        return weight

    def _choose(self, m: Mention, mentions: list[Mention], countries: Counter[str], anchors: list[int]) -> None:
        qual = mentions[m.qualifier] if m.qualifier is not None else None
        qual_place = qual.place if qual is not None else None
        scores = self.gaz.base_scores(m.candidates, m.key)
        for i in m.candidates:
            s = scores[i]
            kind, cc = self.gaz.kind(i), self.gaz.country_of(i)
            s += min(3.0, 1.5 * countries.get(cc, 0.0))
            if qual_place is not None:
                s += self._qualifier_bonus(i, qual_place)
            if m.hint == "division":
                s += 4.0 if kind in ("admin1", "admin2", "region") else 0.0
            elif m.hint in ("settlement", "facility"):
                s += 3.0 if kind not in ("country", "admin1", "admin2", "region") else -1.0
            if m.dateline:
                s += 1.0 if kind == "place" else 0.0
            if anchors:
                s += self._closeness(i, anchors)
            scores[i] = s
        ranked = sorted(scores, key=lambda i: (-scores[i], i))
        m.place = ranked[0] if ranked else None
        m.margin = scores[ranked[0]] - scores[ranked[1]] if len(ranked) > 1 else 10.0

    def _closeness(self, i: int, anchors: list[int]) -> float:
        """How well a candidate sits with the report's settled places: near them, or containing them."""
        kind = self.gaz.kind(i)
        if kind in ("country", "admin1", "admin2", "region"):
            inside = sum(1 for a in anchors if _contains(self.gaz, i, a))
            return min(2.5, 1.0 * inside)
        lat, lon = self.gaz.point(i)
        nearest = min(km(lat, lon, *self.gaz.point(a)) for a in anchors)
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


def _sentence_starts(toks: list[Token], sents: list[Span]) -> set[int]:
    starts, j = set(), 0
    for s in sents:
        while j < len(toks) and toks[j].start < s.start:
            j += 1
        while j < len(toks) and not toks[j].text[:1].isalnum():
            j += 1
        if j < len(toks):
            starts.add(j)
            # A quote or heading marker may precede: the first word is still the start.
    return starts


def dateline_span(text: str) -> int:
    """Where the dateline ("RAWALPINDI:", "GOMA, Democratic Republic of Congo (Jan 28) -") ends; 0 for none."""
    return _dateline_end(text)


def _dateline_end(text: str) -> int:
    m = _DATELINE.match(text)
    return m.end("places") + len(m.group("rest")) if m else 0


def _joinable(text: str, span: list[Token]) -> bool:
    """Tokens of one name are separated by a space, a hyphen or an apostrophe, nothing else."""
    return all(re.fullmatch(r"[ \-'’]|\s?[-–]\s?| ", text[a.end:b.start] or " ") for a, b in itertools.pairwise(span))


def _adjacent(text: str, a: Token, b: Token) -> bool:
    return text[a.end:b.start] in (" ", "-")


#: How far a place may lie from a division's point and still count as inside it, when the data
#: does not say which division a place belongs to (curated rows).
_DIVISION_RADIUS_KM = {"admin1": 400.0, "region": 600.0, "admin2": 80.0}


def _contains(gaz: Gazetteer, division: int, place: int) -> bool:
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


def _link_qualifiers(text: str, mentions: list[Mention], gaz: Gazetteer) -> None:
    """"Tripoli, Libya", "Mir Ali, North Waziristan", "Gwoza in Borno state", "Afghanistan's Paktika"."""
    for a, m in enumerate(mentions):
        if m.form != "name":
            continue
        for b in (a + 1, a - 1):
            if not 0 <= b < len(mentions) or mentions[b].form != "name":
                continue
            q = mentions[b]
            if not any(_contains(gaz, j, i) for j in q.candidates for i in m.candidates):
                continue  # "Kandahar, Kabul" is a list, not "Tripoli, Libya"
            gap = text[m.end:q.start] if b > a else text[q.end:m.start]
            if b > a and (re.fullmatch(r"\s*,\s*", gap) or re.fullmatch(r"\s+in\s+(?:the\s+)?", gap)):
                if b == a + 1 and m.qualifies is None and (q.qualifier is None):
                    m.qualifier, q.qualifies = b, a
            elif b < a and q.possessive and re.fullmatch(r"['’]s?\s+", gap) and m.qualifier is None:
                m.qualifier, q.qualifies = b, a
