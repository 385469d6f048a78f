"""ACLED CSV exports -> events.

Two layouts are understood: the current export, whose ``inter1``/``inter2``/``interaction`` are words
("State forces", "Rebel group - Civilians") and which adds ``disorder_type``, ``civilian_targeting`` and
``tags``; and the older one (2019-2023), whose actor types are numbers (1 State forces .. 8 External/Other
forces; ``interaction`` two digits such as 12). Both become the same words in ``notes``.

ACLED's terms forbid redistributing its rows: the project ships none, and imports what a user brings.

Examples
--------
>>> events = list(read_acled("acled_export.csv"))    # doctest: +SKIP
"""

from __future__ import annotations

from collections.abc import Iterator

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
    text,
)
from geo.record import EVENT_TYPES, Event

ORIGIN = "acled"
REQUIRED = ("event_id_cnty", "event_date", "event_type", "sub_event_type", "country", "location",
            "latitude", "longitude")
#: Dates as ACLED has written them over the years: ISO, then "03 May 2021" and "03-May-2021".
DATE_FORMATS = ("%d %B %Y", "%d %b %Y", "%d-%B-%Y", "%d-%b-%Y")
TIME_PRECISION = {"1": "day", "2": "week", "3": "month"}
#: ACLED ``geo_precision``: 1 the place itself, 2 near it or part of a region, 3 only a larger region.
GEO_PRECISION = {"1": "place", "2": "near place", "3": "admin1"}
#: The older export's actor-type codes, in the current export's words.
INTER_CODES = {"0": "", "1": "State forces", "2": "Rebel group", "3": "Political militia", "4": "Identity militia",
               "5": "Rioters", "6": "Protesters", "7": "Civilians", "8": "External/Other forces"}
_EXTRAS = ("disorder_type", "civilian_targeting", "assoc_actor_1", "assoc_actor_2", "admin3", "region",
           "source_scale", "tags", "timestamp")


def inter_words(value: str | None) -> str | None:
    """An actor type in words, whichever export it came from.

    Examples
    --------
    >>> inter_words("2"), inter_words("Rebel group"), inter_words("17")
    ('Rebel group', 'Rebel group', 'State forces - Civilians')
    """
    value = text(value)
    if value is None:
        return None
    if value.isdigit():
        if len(value) == 2:  # older ``interaction``: the two actors' codes side by side
            return " - ".join(INTER_CODES.get(d) or "none" for d in value)
        return INTER_CODES.get(value) or None
    return value


def read_acled(source: Source) -> Iterator[Event]:
    """Read an ACLED CSV export (current or older layout) as events.

    Parameters
    ----------
    source : path, bytes or file object
        The CSV as ACLED's export tool or API writes it (UTF-8).

    Raises
    ------
    InputError
        Missing columns or malformed rows; the message names each row, line and column.

    Examples
    --------
    >>> import io
    >>> csv = ("event_id_cnty,event_date,event_type,sub_event_type,country,location,latitude,longitude,inter1\\n"
    ...        "FAKE1,2024-01-02,Protests,Peaceful protest,Pakistan,Lahore,31.55,74.34,6\\n")
    >>> [(e.event_id, e.country_code, e.notes) for e in read_acled(io.BytesIO(csv.encode()))]
    [('acled-FAKE1', 'PK', 'inter1: Protesters')]
    """
    name = source_name(source)
    problems = Problems(name)
    seen: dict[str, int] = {}
    with open_text(source) as fh:
        for number, line, cells in read_rows(fh, name=name, required=REQUIRED, problems=problems):
            row = Row(cells, number=number, line=line, problems=problems)
            event = _event(row, seen)
            if event is not None and row.ok and not problems:
                yield event
    problems.raise_if_any()


def _event(row: Row, seen: dict[str, int]) -> Event | None:
    acled_id = row.get("event_id_cnty")
    if acled_id is None:
        row.fail("event_id_cnty", "empty, an id is required")
    elif acled_id in seen:
        row.fail("event_id_cnty", f"{acled_id} repeats row {seen[acled_id]}")
    else:
        seen[acled_id] = row.number
    day = row.get("event_date", cell_date, formats=DATE_FORMATS)
    event_type = row.get("event_type", cell_choice, choices=tuple(EVENT_TYPES), what="ACLED event type")
    sub = text(row.cells.get("sub_event_type"))
    if event_type and sub not in EVENT_TYPES[event_type]:
        row.fail("sub_event_type", f"{sub!r} is not a sub-event type of {event_type!r}")
    precision = row.get("time_precision", _optional_choice, choices=TIME_PRECISION, default="day",
                        what="time_precision (1, 2, 3)")
    where = row.get("geo_precision", _optional_choice, choices=GEO_PRECISION, default="place",
                    what="geo_precision (1, 2, 3)")
    latitude = row.get("latitude", cell_float, low=-90, high=90)
    longitude = row.get("longitude", cell_float, low=-180, high=180)
    fatalities = row.get("fatalities", cell_int, low=0)
    if not row.ok:
        return None
    c = row.cells
    return Event(
        event_id=f"{ORIGIN}-{acled_id}",
        event_date=day, date_precision=precision,
        event_type=event_type, sub_event_type=sub,
        actor1=c.text("actor1"), actor2=c.text("actor2"), fatalities=fatalities,
        location=c.text("location") or "",
        country_code=countries.from_numeric(c.text("iso")) or countries.from_alpha3(c.text("iso3"))
        or countries.from_name(c.text("country")),
        admin1=c.text("admin1"), admin2=c.text("admin2"),
        latitude=latitude, longitude=longitude, geo_precision=where,
        source_id=f"acled:{acled_id}", source_title=c.text("source"),
        sentence=c.text("notes"),  # ACLED's notes describe the event from its sources: the evidence
        origin=ORIGIN, notes=_notes(c),
    )


def _optional_choice(value: str | None, *, choices: dict[str, str], default: str, what: str) -> str:
    return default if text(value) is None else cell_choice(value, choices, what=what)


def _notes(c: Cells) -> str | None:
    parts = [f"{col}: {words}" for col in ("inter1", "inter2", "interaction") if (words := inter_words(c.text(col)))]
    parts += [f"{col}: {c[col]}" for col in _EXTRAS if c.text(col)]
    return "; ".join(parts) or None
