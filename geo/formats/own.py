"""This project's own CSV and GeoJSON: what ``export`` writes and ``import --format csv|geojson`` reads back.

Columns carry ACLED's names where ACLED has one (``event_id_cnty``, ``time_precision`` 1/2/3,
``geo_precision`` 1/2/3, ``iso``, ``country``, ``source``, ...), so exports open in tools built for ACLED,
plus this project's fields under their own names (``date_end``, ``date_precision``,
``location_precision``, ``sentence`` and its offsets, ``origin`` ...), so an export read back gives the
same events and, exported again, the same bytes. GeoJSON follows RFC 7946: one Point feature per event,
longitude first, WGS 84, flat properties (the CSV's columns without latitude and longitude).
"""

from __future__ import annotations

import csv
import io
import json
import math
import os
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from datetime import date, datetime
from pathlib import Path
from typing import IO, Any

import pandas as pd

from geo.errors import InputError
from geo.formats import countries
from geo.formats._table import (
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
from geo.record import ACLED_TIME_PRECISION, DATE_PRECISIONS, EVENT_TYPES, FIELD_NAMES, GEO_PRECISIONS, Event

#: Export columns in order; ``None`` marks a column derived from others (written, never read back).
COLUMNS: dict[str, str | None] = {
    "event_id_cnty": "event_id", "event_date": "event_date", "date_end": "date_end", "year": None,
    "time_precision": None, "date_precision": "date_precision", "event_type": "event_type",
    "sub_event_type": "sub_event_type", "actor1": "actor1", "actor2": "actor2", "fatalities": "fatalities",
    "iso": None, "country": None, "country_code": "country_code", "admin1": "admin1", "admin2": "admin2",
    "location": "location", "latitude": "latitude", "longitude": "longitude", "geo_precision": None,
    "location_precision": "geo_precision", "source": "source_title", "source_id": "source_id",
    "source_url": "source_url", "published": "published", "sentence": "sentence", "start": "start", "end": "end",
    "place_start": "place_start", "place_end": "place_end", "triggers": "triggers", "sources": "sources",
    "origin": "origin", "notes": "notes",
}
#: This project's place precision -> ACLED ``geo_precision`` (1 the place, 2 near it or part of a
#: region, 3 only a larger region).
ACLED_GEO_PRECISION = {"place": 1, "near place": 2, "admin2": 2, "border": 3, "admin1": 3, "country": 3}
REQUIRED = ("event_date", "event_type", "sub_event_type", "location", "latitude", "longitude")
TRIGGER_SEPARATOR = "; "
_INT_FIELDS = ("fatalities", "start", "end", "place_start", "place_end", "sources")
_GEO_CODES = {"1": "place", "2": "near place", "3": "admin1"}
_TIME_CODES = {"1": "day", "2": "week", "3": "month"}

Records = pd.DataFrame | Iterable[Event] | Iterable[dict[str, Any]]


# --- writing -------------------------------------------------------------------------------------

def rows(data: Records) -> Iterator[dict[str, Any]]:
    """Export rows (column -> plain Python value) for a DataFrame from ``EventStore.events()`` or events."""
    if isinstance(data, pd.DataFrame):
        records: Iterable[Any] = data.to_dict("records")
    else:
        records = data
    for record in records:
        fields = record.as_dict() if isinstance(record, Event) else record
        plain = {name: _plain(fields.get(name)) for name in FIELD_NAMES}
        for name in _INT_FIELDS:  # a frame column with gaps may hold counts as floats (10.0)
            if isinstance(plain[name], float):
                plain[name] = int(plain[name])
        yield _export_row(plain)


def _export_row(f: dict[str, Any]) -> dict[str, Any]:
    out = {column: f.get(field) for column, field in COLUMNS.items() if field}
    day = f.get("event_date")
    out["year"] = int(day[:4]) if day else None
    out["time_precision"] = ACLED_TIME_PRECISION.get(f.get("date_precision") or "")
    out["iso"] = countries.numeric_of(f.get("country_code"))
    out["country"] = countries.name_of(f.get("country_code"))
    out["geo_precision"] = ACLED_GEO_PRECISION.get(f.get("geo_precision") or "")
    out["triggers"] = TRIGGER_SEPARATOR.join(f.get("triggers") or ()) or None
    return {column: out[column] for column in COLUMNS}


def _plain(value: Any) -> Any:
    """A value as JSON and CSV want it: None for every kind of missing, ISO strings for dates."""
    if value is None or value is pd.NA or value is pd.NaT:
        return None
    if isinstance(value, float) and math.isnan(value):
        return None
    if isinstance(value, datetime | pd.Timestamp):
        return value.date().isoformat()
    if isinstance(value, date):
        return value.isoformat()
    if hasattr(value, "item") and not isinstance(value, list | tuple | str):  # numpy scalars
        return _plain(value.item())
    if hasattr(value, "tolist"):
        return value.tolist()
    return value


def write_csv(data: Records, out: str | os.PathLike | IO[str]) -> int:
    """Write events as CSV with ACLED's column names; returns the number of rows.

    Parameters
    ----------
    data : DataFrame or iterable of Event
        What ``EventStore.events()`` returns, or events.
    out : path or text file

    Examples
    --------
    >>> buffer = io.StringIO()
    >>> write_csv([Event("2025-10-12", "Battles", "Armed clash", "Angoor Adda", "PK", 32.6, 69.3)], buffer)
    1
    >>> buffer.getvalue().splitlines()[0][:48]
    'event_id_cnty,event_date,date_end,year,time_prec'
    """
    with _open_out(out) as fh:
        writer = csv.writer(fh, lineterminator="\n")
        writer.writerow(COLUMNS)
        count = 0
        for row in rows(data):
            writer.writerow("" if v is None else v for v in row.values())
            count += 1
    return count


def write_geojson(data: Records, out: str | os.PathLike | IO[str]) -> int:
    """Write events as an RFC 7946 FeatureCollection (one feature per line); returns the number of features.

    Parameters
    ----------
    data : DataFrame or iterable of Event
        What ``EventStore.events()`` returns, or events.
    out : path or text file

    Examples
    --------
    >>> buffer = io.StringIO()
    >>> write_geojson([Event("2025-10-12", "Battles", "Armed clash", "Angoor Adda", "PK", 32.6, 69.3)], buffer)
    1
    >>> json.loads(buffer.getvalue())["features"][0]["geometry"]
    {'type': 'Point', 'coordinates': [69.3, 32.6]}
    """
    with _open_out(out) as fh:
        fh.write('{"type": "FeatureCollection", "features": [')
        count = 0
        for row in rows(data):
            lat, lon = row.pop("latitude"), row.pop("longitude")
            geometry = None if lat is None or lon is None else {"type": "Point", "coordinates": [lon, lat]}
            feature = {"type": "Feature", "id": row["event_id_cnty"], "geometry": geometry, "properties": row}
            fh.write(("\n" if count == 0 else ",\n") + json.dumps(feature, ensure_ascii=False))
            count += 1
        fh.write("\n]}\n")
    return count


def to_csv_bytes(data: Records) -> bytes:
    """The CSV export as UTF-8 bytes, for a download button.

    Examples
    --------
    >>> st.download_button("CSV", to_csv_bytes(store.events()), file_name="events.csv")   # doctest: +SKIP
    """
    buffer = io.StringIO()
    write_csv(data, buffer)
    return buffer.getvalue().encode("utf-8")


def to_geojson_bytes(data: Records) -> bytes:
    """The GeoJSON export as UTF-8 bytes, for a download button.

    Examples
    --------
    >>> to_geojson_bytes([])
    b'{"type": "FeatureCollection", "features": [\\n]}\\n'
    """
    buffer = io.StringIO()
    write_geojson(data, buffer)
    return buffer.getvalue().encode("utf-8")


@contextmanager
def _open_out(out: str | os.PathLike | IO[str]) -> Iterator[IO[str]]:
    if isinstance(out, str | os.PathLike):
        with Path(out).open("w", encoding="utf-8", newline="") as fh:
            yield fh
    else:
        yield out


# --- reading -------------------------------------------------------------------------------------

def read_events_csv(source: Source, *, origin: str = "csv") -> Iterator[Event]:
    """Read this project's CSV export back as events (ACLED-named columns are understood too).

    Parameters
    ----------
    source : path, bytes or file object
    origin : str
        Origin for rows without an ``origin`` column.

    Raises
    ------
    InputError
        Missing columns or malformed rows, each named by row, line and column.

    Examples
    --------
    >>> events = [Event("2025-10-12", "Battles", "Armed clash", "Angoor Adda", "PK", 32.6, 69.3)]
    >>> list(read_events_csv(to_csv_bytes(events))) == events
    True
    """
    name = source_name(source)
    problems = Problems(name)
    seen: dict[str, int] = {}
    with open_text(source) as fh:
        for number, line, cells in read_rows(fh, name=name, required=REQUIRED, problems=problems):
            event = _event(Row(cells, number=number, line=line, problems=problems), origin=origin, seen=seen)
            if event is not None and not problems:
                yield event
    problems.raise_if_any()


def read_geojson(source: Source, *, origin: str = "geojson") -> Iterator[Event]:
    """Read a GeoJSON FeatureCollection of Point features (this project's export, or alike) as events.

    Parameters
    ----------
    source : path, bytes or file object
    origin : str
        Origin for features without an ``origin`` property.

    Raises
    ------
    InputError
        Not JSON, not a FeatureCollection, or malformed features, each named by its number (from 1).
    """
    name = source_name(source)
    with open_text(source) as fh:
        try:
            document = json.load(fh)
        except UnicodeDecodeError as exc:
            raise InputError(f"{name}: not UTF-8 text (byte {exc.object[exc.start]:#04x})") from None
        except json.JSONDecodeError as exc:
            raise InputError(f"{name}: not valid JSON (line {exc.lineno}, column {exc.colno}: {exc.msg})") from None
    if not isinstance(document, dict) or document.get("type") != "FeatureCollection":
        raise InputError(f"{name}: refused: not a GeoJSON FeatureCollection")
    features = document.get("features")
    if not isinstance(features, list) or not features:
        raise InputError(f"{name}: refused: the FeatureCollection has no features")
    problems = Problems(name)
    seen: dict[str, int] = {}
    missing = [c for c in REQUIRED if c not in ("latitude", "longitude")
               and not any(isinstance(f, dict) and c in (f.get("properties") or {}) for f in features[:1])]
    if missing:
        raise InputError(f"{name}: refused, nothing imported: features lack properties {', '.join(missing)}")
    for number, feature in enumerate(features, 1):
        cells = _feature_cells(feature, number, problems)
        if cells is None:
            continue
        event = _event(Row(cells, number=number, line=None, problems=problems, label="feature"),
                       origin=origin, seen=seen)
        if event is not None and not problems:
            yield event
    problems.raise_if_any()


def _feature_cells(feature: Any, number: int, problems: Problems) -> dict[str, Any] | None:
    if not isinstance(feature, dict) or feature.get("type") != "Feature":
        problems.add(f"feature {number}: not a GeoJSON Feature")
        return None
    properties = feature.get("properties")
    if not isinstance(properties, dict):
        problems.add(f"feature {number}: no properties object")
        return None
    cells = dict(properties)
    geometry = feature.get("geometry")
    cells["latitude"] = cells["longitude"] = None
    if geometry is not None:
        coords = geometry.get("coordinates") if isinstance(geometry, dict) else None
        if not (isinstance(geometry, dict) and geometry.get("type") == "Point" and isinstance(coords, list)
                and len(coords) in (2, 3) and all(isinstance(v, int | float) for v in coords)):
            problems.add(f"feature {number}, geometry: not a Point with [longitude, latitude]")
            return None
        cells["longitude"], cells["latitude"] = coords[0], coords[1]
    if cells.get("event_id_cnty") is None and feature.get("id") is not None:
        cells["event_id_cnty"] = feature["id"]
    return cells


def _event(row: Row, *, origin: str, seen: dict[str, int]) -> Event | None:
    c = row.cells
    day = row.get("event_date", cell_date)
    end = row.get("date_end", cell_date, required=False)
    if day and end and end < day:
        row.fail("date_end", f"{end} is before event_date {day}")
    event_type = row.get("event_type", cell_choice, choices=tuple(EVENT_TYPES), what="ACLED event type")
    sub = text(c.get("sub_event_type"))
    if event_type and sub not in EVENT_TYPES[event_type]:
        row.fail("sub_event_type", f"{sub!r} is not a sub-event type of {event_type!r}")
    if text(c.get("date_precision")) is not None:
        precision = row.get("date_precision", cell_choice, choices=DATE_PRECISIONS, what="date precision")
    else:
        precision = row.get("time_precision", cell_choice, choices=_TIME_CODES, what="time_precision") \
            if text(c.get("time_precision")) is not None else "day"
    if text(c.get("location_precision")) is not None:
        where = row.get("location_precision", cell_choice, choices=GEO_PRECISIONS, what="location precision")
    else:
        where = row.get("geo_precision", cell_choice, choices=_GEO_CODES, what="geo_precision") \
            if text(c.get("geo_precision")) is not None else "place"
    latitude = row.get("latitude", cell_float, low=-90, high=90, required=False)
    longitude = row.get("longitude", cell_float, low=-180, high=180, required=False)
    if (latitude is None) != (longitude is None) and row.ok:
        row.fail("longitude" if longitude is None else "latitude", "given without its partner coordinate")
    ints = {f: row.get(f, cell_int, low=0) for f in _INT_FIELDS}
    published = row.get("published", cell_date, required=False)
    code = text(c.get("country_code"))
    if code is not None and not (len(code) == 2 and code.isalpha()):
        row.fail("country_code", f"{code!r} is not an ISO alpha-2 code")
    if not row.ok:
        return None
    event = Event(
        event_id=text(c.get("event_id_cnty")) or "",
        event_date=day, date_end=end, date_precision=precision, event_type=event_type, sub_event_type=sub,
        actor1=text(c.get("actor1")), actor2=text(c.get("actor2")), fatalities=ints["fatalities"],
        location=text(c.get("location")) or "",
        country_code=code.upper() if code else countries.from_numeric(c.get("iso")) or countries.from_name(
            text(c.get("country"))),
        admin1=text(c.get("admin1")), admin2=text(c.get("admin2")),
        latitude=latitude, longitude=longitude, geo_precision=where,
        source_id=text(c.get("source_id")), source_title=text(c.get("source")), source_url=text(c.get("source_url")),
        published=published, sentence=text(c.get("sentence")),
        start=ints["start"], end=ints["end"], place_start=ints["place_start"], place_end=ints["place_end"],
        triggers=[t for t in (text(c.get("triggers")) or "").split(TRIGGER_SEPARATOR) if t],
        sources=ints["sources"] or 1, origin=text(c.get("origin")) or origin, notes=text(c.get("notes")),
    )
    if event.event_id in seen:
        row.fail("event_id_cnty", f"{event.event_id} repeats {row.label} {seen[event.event_id]}")
        return None
    seen[event.event_id] = row.number
    return event
