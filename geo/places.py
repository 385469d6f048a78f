"""Geoparsing on its own: find a text's places, or resolve spans someone else found.

This is what ``python -m geo places`` runs, and what public geoparsing corpora score (GeoWebNews,
LGL): detection finds every place mention; resolution gives each given span one point, using the
whole text as context, exactly as :mod:`geo.toponyms` does for reports.

Examples
--------
>>> [p.name for p in find_places("Clashes in Tripoli, Libya.")]              # doctest: +SKIP
['Tripoli', 'Libya']
>>> resolve_spans("Clashes in Tripoli, Libya.", [(11, 18)])[0]["country_code"]  # doctest: +SKIP
'LY'
"""

from __future__ import annotations

import re
from collections import Counter

from geo import lexicon
from geo.gazetteer import Gazetteer, km, shared
from geo.lexicon import US_STATE_ABBREVIATIONS
from geo.pipeline import PlaceMention, check_text
from geo.roles import assign_roles
from geo.text import normalise
from geo.toponyms import Mention, ToponymFinder

#: Common nouns that name a place by its kind: location expressions in GeoWebNews' annotation scheme.
_EXPRESSION = re.compile(r"\b(?:country|countries|city|cities|town|towns|village|villages|area|areas|region|regions|"
                         r"province|provinces|district|districts|county|counties|territory|territories|continent|"
                         r"island|islands|capital|border|borders|world|neighbourhood|neighborhood|coast|coastline)\b")
_LEADING = re.compile(r"^(?:the|a|an)\s+", re.I)
_TRAILING_TYPE = re.compile(r"\s+(?:province|district|state|region|county|city|town|village|governorate|oblast|"
                            r"municipality|prefecture|department|area|territory)$", re.I)
_POSSESSIVE = re.compile(r"['’]s?$")

_FINDERS: dict[int, ToponymFinder] = {}


def _finder(gaz: Gazetteer) -> ToponymFinder:
    finder = _FINDERS.get(id(gaz))
    if finder is None or finder.gaz is not gaz:
        finder = _FINDERS[id(gaz)] = ToponymFinder(gaz)
    return finder


def find_places(text: str, *, gazetteer: Gazetteer | None = None, expressions: bool = False) -> list[PlaceMention]:
    """Every place mention in ``text``, resolved, with its role (``dateline``, ``metonym`` or ``other``).

    Roles here come from the sentence alone; :func:`geo.pipeline.read_report` also marks ``event``.

    Parameters
    ----------
    expressions : bool
        Also list common-noun place expressions ("the country", "the border"), as geoparsing corpora
        such as GeoWebNews count them. They carry no coordinates.
    """
    from geo.pipeline import ReportReader

    gaz = gazetteer or shared()
    text = check_text(text)
    finder = _finder(gaz)
    mentions = finder.find(text)
    reader = ReportReader(gaz)
    assign_roles(text, mentions, is_government_seat=reader._is_government_seat)
    places = [reader._place(m) for m in mentions]
    if expressions:
        places += _expressions(text, mentions)
        places.sort(key=lambda p: p.start)
    return places


def _expressions(text: str, mentions: list[Mention]) -> list[PlaceMention]:
    """Common-noun place expressions ("the country", "border areas", "the world"): place mentions in
    GeoWebNews' sense, without a point of their own unless a name before them gives one."""
    spans = [(m.start, m.end) for m in mentions]
    out = []
    for m in _EXPRESSION.finditer(text):
        if any(s < m.end() and m.start() < e for s, e in spans):
            continue
        out.append(PlaceMention(m.group(0), m.start(), m.end(), "other", kind="expression",
                                why="a common-noun place expression"))
    return out


def resolve_spans(text: str, spans: list[tuple[int, int]], *, gazetteer: Gazetteer | None = None) -> list[dict]:
    """One place per given span, in order; ``None`` coordinates where nothing fits.

    Parameters
    ----------
    text : str
        The whole document: its other places are the context that decides ambiguous names.
    spans : list of (start, end)
        Character offsets of the mentions to resolve, found by someone else.
    """
    gaz = gazetteer or shared()
    text = check_text(text)
    finder = _finder(gaz)
    context = finder.find(text, resolve=False)
    by_span = {(m.start, m.end): m for m in context}
    given: list[Mention] = []
    for start, end in spans:
        start, end = max(0, int(start)), min(len(text), int(end))
        found = by_span.get((start, end))
        if found is not None and found.candidates:
            given.append(found)
            continue
        surface = text[start:end]
        key, candidates, partial = _candidates(gaz, finder, surface)
        given.append(Mention(start, end, surface, key, candidates, form="name",
                             why=["given span", "a part of the name"] if partial else ["given span"]))
    extra = [m for m in given if not any(m is c for c in context)]
    everything = sorted([*context, *extra], key=lambda m: (m.start, -m.end))
    finder.resolve(text, everything)
    focus = _focus(gaz, everything)
    out = []
    for m in given:
        place = m.place
        why = m.why
        if place is not None and "a part of the name" in why and focus is not None and not _near(gaz, place, focus):
            place = None  # "Royal Street" is not the English town of Street: a part far from the text's places
        if place is None and focus is not None:
            # A span someone marked as a place that the gazetteer lacks ("Frenchmen Street", "Meydan
            # Racecourse") is located like any unknown name: by the text's main place, at lower precision.
            place, why = focus, [*why, "unknown place, located by the text's main place"]
        if place is None:
            out.append({"start": m.start, "end": m.end, "name": m.text, "latitude": None, "longitude": None,
                        "country_code": None})
            continue
        p = gaz.place(place)
        out.append({"start": m.start, "end": m.end, "name": m.text, "latitude": p.latitude, "longitude": p.longitude,
                    "country_code": p.country_code, "resolved_name": p.name, "kind": p.kind,
                    "why": "; ".join(why) or None})
    return out


def _near(gaz: Gazetteer, place: int, focus: int, *, km_limit: float = 300.0) -> bool:
    """Whether a place fits the document's main place: close to it, or a division around it."""
    if gaz.kind(place) in ("country", "region", "admin1") and gaz.country_of(place) == gaz.country_of(focus):
        return True
    return km(*gaz.point(place), *gaz.point(focus)) <= km_limit


def _candidates(gaz: Gazetteer, finder: ToponymFinder, surface: str) -> tuple[str, tuple[int, ...], bool]:
    """Gazetteer entries a given span may name, trying its usual variants and then its parts."""
    cleaned = _POSSESSIVE.sub("", _LEADING.sub("", surface.strip()))
    variants = [cleaned, _TRAILING_TYPE.sub("", cleaned), US_STATE_ABBREVIATIONS.get(cleaned.replace(" ", ""), "")]
    for variant in variants:
        key = normalise(variant)
        if not key:
            continue
        if gaz.has_key(key):
            return key, gaz.ids(key), False
        for form in (key, key.rstrip("s")):  # "Mexicans" is a demonym's plural
            if form in finder.demonyms or form in lexicon.REGION_ADJECTIVES:
                ids = finder._demonym_ids(form)
                if ids:
                    return key, ids, False
    # "Cauvery Water Regulation Committee" names the Cauvery; "Royal Street" names no place we know,
    # and "Street" must not become a town called Street: parts that are common words do not count.
    words = [w for w in re.split(r"[^\w'’.-]+", cleaned) if w][:12]
    keys = [normalise(w) for w in words]
    for width in range(min(len(words) - 1, 6), 0, -1):
        for i in range(len(words) - width + 1):
            part = words[i:i + width]
            key = " ".join(k for k in keys[i:i + width] if k)
            if not part[0][:1].isupper() or not gaz.has_key(key) or key in finder.common:
                continue
            if width == 1 and (key in lexicon.NEVER_PLACES or len(key) < 4):
                continue
            return key, gaz.ids(key), True
    return normalise(cleaned), (), False


def _focus(gaz: Gazetteer, mentions: list[Mention]) -> int | None:
    """The document's main place: its most named resolved place below country level."""
    counts = Counter(m.place for m in mentions if m.place is not None and gaz.kind(m.place) != "country"
                     and m.form == "name")
    if counts:
        return counts.most_common(1)[0][0]
    countries = Counter(m.place for m in mentions if m.place is not None)
    return countries.most_common(1)[0][0] if countries else None
