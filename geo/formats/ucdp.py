"""UCDP Georeferenced Event Dataset (GED) CSV -> events.

How each standard column is used (the README's "UCDP import" section gives the reasons):

| columns | become |
|---|---|
| ``id`` | ``event_id`` ``ucdp-<id>``: stable, so a second import of the file adds nothing |
| ``type_of_violence`` | ``event_type``/``sub_event_type`` (see :func:`event_type_for`) |
| ``side_a``, ``side_b`` | ``actor1``, ``actor2`` |
| ``best``, ``low``, ``high`` | ``fatalities`` = best; low and high kept in ``notes`` |
| ``date_start``, ``date_end``, ``date_prec`` | ``event_date``, ``date_end``, ``date_precision`` |
| ``latitude``, ``longitude``, ``where_prec`` | coordinates and ``geo_precision`` |
| ``where_coordinates``, ``adm_1``, ``adm_2`` | ``location``, ``admin1``, ``admin2`` |
| ``iso3`` / ``country`` | ``country_code`` (alpha-2) |
| ``source_headline``, ``source_article``, ``source_date``, ``source_office`` | the event's evidence |
| ``number_of_sources`` | ``sources`` (UCDP's -1, "not recorded", counts as 1) |
| ``relid``, ``conflict_name``, ``dyad_name``, ``where_description``, ``source_original``, ``deaths_*``, |
| ``event_clarity``, ``code_status``, ``priogrid_gid`` | ``notes`` |

Ids of conflicts, dyads and sides (``*_dset_id``, ``*_new_id``, ``gwnoa``/``gwnob``, ``country_id``),
``year``/``active_year``, ``region`` and ``geom_wkt`` repeat what the kept columns already say.

Examples
--------
>>> events = list(read_ucdp("../shared/data/ucdp_ged_pakistan.csv"))   # doctest: +SKIP
>>> len(events), events[0].origin                                      # doctest: +SKIP
(6416, 'ucdp')
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import date
from typing import Any

from geo.formats import countries
from geo.formats._table import (
    Cells,
    Problems,
    Row,
    Source,
    cell_choice,
    cell_date,
    cell_float,
    cell_int,
    open_text,
    read_rows,
    source_name,
)
from geo.record import Event

ORIGIN = "ucdp"
REQUIRED = ("id", "type_of_violence", "side_a", "side_b", "where_prec", "latitude", "longitude",
            "date_prec", "date_start", "date_end", "best")
VIOLENCE = {"1": "state-based", "2": "non-state", "3": "one-sided"}
#: UCDP ``date_prec``: 1 exact day; 2 within 2-6 days; 3 the week; 4 within 8-30 days or the month;
#: 5 within more than a month but at most the calendar year.
DATE_PREC = {"1": "day", "2": "week", "3": "week", "4": "month", "5": "year"}
#: UCDP ``where_prec`` 1..6 are this project's precisions in order; 7 (international waters or
#: airspace) has no place at all, so it is as coarse as a country.
WHERE_PREC = {"1": "place", "2": "near place", "3": "admin2", "4": "admin1", "5": "border", "6": "country",
              "7": "country"}

_EXPLOSIVE = "Explosions/Remote violence"
# Every pattern below is whole words, each starting with a letter. A letter lookahead after the word
# boundary changes no match, and lets the search skip most positions about twice as fast: these run on
# every imported row.
_WORD_START = r"\b(?=[a-z])"


def _words(pattern: str) -> re.Pattern[str]:
    return re.compile(_WORD_START + pattern)


# How an attack was carried out, read from UCDP's headlines and citations; first match wins, so a
# suicide car bomb is a suicide bomb and a drone's missile an air/drone strike.
_METHODS = (
    (_words(r"suicide\b"), "Suicide bomb"),
    (_words(r"(drones?|air ?strikes?|air[- ]raids?|aerial (bombing|bombardment|attacks?)|gunships?)\b"),
     "Air/drone strike"),
    (_words(r"(shell(s|ing|ed)?|artillery|mortars?|rockets?|missiles?)\b"), "Shelling/artillery/missile attack"),
    (_words(r"(ieds?|landmines?|bomb(s|ing|ings|ed)?|blasts?|explosions?|explosives?)\b"),
     "Remote explosive/landmine/IED"),
    (_words(r"grenades?\b"), "Grenade"),
)
# Fighting named alongside a bomb: ACLED's rule that the higher type wins keeps such events battles.
_FIGHTING = _words(r"(clash(es|ed)?|fight(ing|s)?|gun ?battles?|gunfights?|exchange of fire|"
                   r"firefights?|ambush(ed)?|offensive|encounters?)\b")
# Any of the words above, so that most rows (a bare citation) take one search instead of seven.
_ANY = _words("(?:" + "|".join(p.pattern.removeprefix(_WORD_START) for p, _ in (*_METHODS, (_FIGHTING, "")))
              + "|kidnap|abduct)")
_ABDUCTION = _words(r"(kidnap(ped|ping|s)?|abduct(ed|ion|s)?)\b")


def event_type_for(violence: str, evidence: str = "") -> tuple[str, str]:
    """ACLED type and sub-type for a UCDP ``type_of_violence`` and the event's source text.

    Parameters
    ----------
    violence : str
        ``"1"`` state-based, ``"2"`` non-state, ``"3"`` one-sided.
    evidence : str
        Headlines and citations of the event; a named method (a drone, shelling, a bomb) refines the type.

    Examples
    --------
    >>> event_type_for("1")
    ('Battles', 'Armed clash')
    >>> event_type_for("3", "Suicide bomber kills 26 in NW Pakistan")
    ('Explosions/Remote violence', 'Suicide bomb')
    >>> event_type_for("1", "Clashes and a roadside bomb kill 9")
    ('Battles', 'Armed clash')
    """
    words = evidence.lower()
    if not _ANY.search(words):
        return ("Violence against civilians", "Attack") if violence == "3" else ("Battles", "Armed clash")
    method = next((sub for pattern, sub in _METHODS if pattern.search(words)), None)
    if violence == "3":
        if method:
            return _EXPLOSIVE, method
        if _ABDUCTION.search(words):
            return "Violence against civilians", "Abduction/forced disappearance"
        return "Violence against civilians", "Attack"
    if method and not _FIGHTING.search(words):
        return _EXPLOSIVE, method
    return "Battles", "Armed clash"


def read_ucdp(source: Source) -> Iterator[Event]:
    """Read a UCDP GED CSV file (any release with the standard columns) as events.

    Parameters
    ----------
    source : path, bytes or file object
        The CSV as UCDP or HDX publish it (UTF-8).

    Raises
    ------
    InputError
        For a file that is not a GED CSV, or any malformed row: the message names each bad row (counted
        from 1 after the header), its line and column. Rows are checked to the end before raising, and
        nothing is yielded after the first bad row, so a consumer working in one transaction can roll back.

    Examples
    --------
    >>> import io
    >>> header = "id,type_of_violence,side_a,side_b,where_prec,latitude,longitude,date_prec,date_start,date_end,best"
    >>> row = "7,3,TTP,Civilians,1,34.0,71.5,1,2009-10-28 00:00:00.000,2009-10-28 00:00:00.000,118"
    >>> [(e.event_id, e.event_type, e.fatalities) for e in read_ucdp(io.BytesIO(f"{header}\\n{row}\\n".encode()))]
    [('ucdp-7', 'Violence against civilians', 118)]
    """
    name = source_name(source)
    problems = Problems(name)
    seen: dict[int, int] = {}
    text_at: _Positions | None = None  # where the text columns are, found at the first row
    with open_text(source) as fh:
        for number, line, cells in read_rows(fh, name=name, required=REQUIRED, problems=problems):
            # A well-formed row takes the fast path; any doubt goes to the checks that name the problem.
            parsed = _fast(cells)
            if parsed is None:
                parsed = _checked(Row(cells, number=number, line=line, problems=problems))
            if parsed is None:
                continue
            first = seen.setdefault(parsed["id"], number)
            if first != number:
                Row(cells, number=number, line=line, problems=problems).fail(
                    "id", f"{parsed['id']} repeats row {first}")
            elif not problems:
                text_at = text_at or tuple((name, cells.index.get(name)) for name in _TEXT)
                yield _build(cells, parsed, text_at)
    problems.raise_if_any()


def _fast(c: Cells) -> dict[str, Any] | None:
    """The row's numbers, dates and codes when every one is plainly right; None to check it properly."""
    v, at = c.values, c.index  # the REQUIRED columns are there (read_rows checked the header)
    try:
        start, end = v[at["date_start"]][:10], v[at["date_end"]][:10]
        date.fromisoformat(start)  # a day that does not exist raises
        date.fromisoformat(end)
        if end < start:
            return None
        parsed = {
            "id": int(v[at["id"]]), "violence": VIOLENCE[v[at["type_of_violence"]]], "start": start, "end": end,
            "precision": DATE_PREC[v[at["date_prec"]]], "where": WHERE_PREC[v[at["where_prec"]]],
            "latitude": float(v[at["latitude"]]), "longitude": float(v[at["longitude"]]), "best": int(v[at["best"]]),
            "low": _optional_int(c.get("low")), "high": _optional_int(c.get("high")),
            "sources": _optional_int(c.get("number_of_sources")),
        }
    except (KeyError, TypeError, ValueError):
        return None
    if not (-90 <= parsed["latitude"] <= 90 and -180 <= parsed["longitude"] <= 180) or parsed["best"] < 0 \
            or parsed["id"] < 0 or (parsed["low"] or 0) < 0 or (parsed["high"] or 0) < 0:
        return None
    return parsed


def _optional_int(value: str | None) -> int | None:
    return int(value) if value else None


def _checked(row: Row) -> dict[str, Any] | None:
    """The row's values, each cell checked; every problem is recorded against its row and column."""
    parsed = {
        "id": row.get("id", cell_int, low=0, required=True),
        "violence": row.get("type_of_violence", cell_choice, choices=VIOLENCE, what="type_of_violence (1, 2, 3)"),
        "start": row.get("date_start", cell_date),
        "end": row.get("date_end", cell_date),
        "precision": row.get("date_prec", cell_choice, choices=DATE_PREC, what="date_prec (1..5)"),
        "where": row.get("where_prec", cell_choice, choices=WHERE_PREC, what="where_prec (1..7)"),
        "latitude": row.get("latitude", cell_float, low=-90, high=90),
        "longitude": row.get("longitude", cell_float, low=-180, high=180),
        "best": row.get("best", cell_int, low=0, required=True),
        "low": row.get("low", cell_int, low=0),
        "high": row.get("high", cell_int, low=0),
        "sources": row.get("number_of_sources", cell_int),
    }
    if parsed["start"] and parsed["end"] and parsed["end"] < parsed["start"]:
        row.fail("date_end", f"{parsed['end']} is before date_start {parsed['start']}")
    return parsed if row.ok else None


_TEXT = ("source_headline", "source_article", "source_office", "source_date", "side_a", "side_b",
         "where_coordinates", "where_description", "adm_1", "adm_2", "country", "iso3", "relid", "conflict_name",
         "dyad_name", "source_original", "event_clarity", "code_status", "priogrid_gid", "deaths_a", "deaths_b",
         "deaths_civilians", "deaths_unknown")
_KIND = {v: k for k, v in VIOLENCE.items()}
# (column, its position in the file or None when the file lacks it), for each of _TEXT.
_Positions = tuple[tuple[str, int | None], ...]


def _build(c: Cells, p: dict[str, Any], text_at: _Positions) -> Event:
    v = c.values  # each cell stripped once, by position (no lookup by name per cell)
    t = {name: (v[i].strip() or None) if i is not None else None for name, i in text_at}
    headline, article = t["source_headline"], t["source_article"]
    event_type, sub_event_type = event_type_for(_KIND[p["violence"]], f"{headline or ''} {article or ''}")
    ucdp_id, sources = p["id"], p["sources"]
    return Event(
        event_id=f"{ORIGIN}-{ucdp_id}",
        event_date=p["start"], date_end=p["end"], date_precision=p["precision"],
        event_type=event_type, sub_event_type=sub_event_type,
        actor1=t["side_a"], actor2=t["side_b"],
        fatalities=p["best"],
        location=t["where_coordinates"] or t["where_description"] or t["adm_2"] or t["adm_1"] or t["country"] or "",
        country_code=countries.from_alpha3(t["iso3"]) or countries.from_name(t["country"]),
        admin1=t["adm_1"], admin2=t["adm_2"],
        latitude=p["latitude"], longitude=p["longitude"], geo_precision=p["where"],
        source_id=f"ucdp:{ucdp_id}",
        source_title=headline or t["source_office"],
        published=_first_date(t["source_date"]),
        sentence=article or headline,
        sources=sources if sources and sources > 0 else 1,
        origin=ORIGIN,
        notes=_notes(t, ucdp_id=ucdp_id, violence=p["violence"], best=p["best"], low=p["low"], high=p["high"]),
    )


def _first_date(value: str | None) -> str | None:
    for part in (value or "").split(";"):
        try:
            return cell_date(part.strip())
        except ValueError:
            continue
    return None


def _notes(t: dict[str, str | None], *, ucdp_id: int, violence: str, best: int, low: int | None,
           high: int | None) -> str:
    """What UCDP says that the record has no field for, as ``key: value`` parts a reader can scan."""
    # List comprehensions, not generators, in join: this runs for every imported row.
    deaths = ", ".join([f"{label} {n}" for label, n in (("best", best), ("low", low), ("high", high))
                        if n is not None])
    sides = ", ".join([f"{label} {t[col]}" for col, label in _SIDES if t[col]])
    parts = [f"UCDP GED {ucdp_id}" + (f" ({t['relid']})" if t["relid"] else ""), f"{violence} violence",
             f"deaths: {deaths}" + (f" ({sides})" if sides else "")]
    parts += [f"{label}: {t[col]}" for col, label in _NOTED if t[col]]
    return "; ".join(parts)


_SIDES = (("deaths_a", "side a"), ("deaths_b", "side b"), ("deaths_civilians", "civilians"),
          ("deaths_unknown", "unknown"))
_NOTED = (("conflict_name", "conflict"), ("dyad_name", "dyad"), ("where_description", "where"),
          ("source_original", "reported by"), ("event_clarity", "clarity"), ("code_status", "status"),
          ("priogrid_gid", "priogrid"))
