"""Reading events out: filtered tables for the map and exports, one event, its evidence, counts.

:func:`events_frame` is on the dashboard's every rerun, so it stays lean: the filter runs in SQL on
indexed columns, rows come back as plain tuples, and columns are typed in bulk by pandas.
"""

from __future__ import annotations

import json
from typing import Any

import numpy as np
import pandas as pd
import sqlalchemy as sa
from sqlalchemy.engine import Connection

from geo.filters import EventFilter
from geo.record import FIELD_NAMES
from geo.store.schema import IsoDate, corrections, event_sources, events, imports, reports

_INT_COLUMNS = ("fatalities", "start", "end", "place_start", "place_end")
PLACE_KEY = ("location", "country_code", "latitude", "longitude", "geo_precision")


def where(flt: EventFilter | None) -> list[sa.ColumnElement[bool]]:
    """SQL conditions for a filter; deleted events are always left out."""
    conditions: list[sa.ColumnElement[bool]] = [events.c.deleted.is_(False)]
    if flt is None:
        return conditions
    if flt.date_from:  # bounds on event_date, as EventFilter documents (and the index serves)
        conditions.append(events.c.event_date >= flt.date_from)
    if flt.date_to:
        conditions.append(events.c.event_date <= flt.date_to)
    for column, values in ((events.c.event_type, flt.event_types), (events.c.sub_event_type, flt.sub_event_types),
                           (events.c.country_code, flt.countries), (events.c.origin, flt.origins)):
        if values:
            conditions.append(column.in_(list(values)))
    if flt.text:
        pattern = f"%{flt.text.strip()}%"
        conditions.append(sa.or_(*(events.c[name].ilike(pattern)
                                   for name in ("location", "actor1", "actor2", "sentence", "admin1", "admin2"))))
    return conditions


#: What :func:`events_frame` returns: the record's fields, then whether an analyst corrected the event.
FRAME_COLUMNS = (*FIELD_NAMES, "corrected")


def _column(name: str) -> sa.ColumnElement[Any]:
    column = events.c.id if name == "event_id" else events.c[name]
    # Plain values from the driver: pandas converts whole columns at once, far faster than per value.
    kind = sa.String if isinstance(column.type, IsoDate) else sa.Integer if name == "corrected" else column.type
    return sa.type_coerce(column, kind).label(name)


def events_frame(conn: Connection, flt: EventFilter | None, *, limit: int | None,
                 columns: tuple[str, ...] = FRAME_COLUMNS) -> pd.DataFrame:
    """Events matching ``flt`` as a DataFrame (see :data:`FRAME_COLUMNS`), in date order."""
    query = sa.select(*(_column(n) for n in columns)).where(*where(flt)).order_by(events.c.event_date, events.c.id)
    if limit is not None:
        query = query.limit(limit)
    result = conn.execute(query)
    # The driver's own tuples: every column is already a plain value (see _column), so SQLAlchemy's
    # Row objects would only add a third to the cost of a large selection.
    rows = result.cursor.fetchall() if result.cursor is not None else []
    result.close()
    data = list(zip(*rows, strict=True)) if rows else [()] * len(columns)
    return pd.DataFrame({name: _typed(name, values) for name, values in zip(columns, data, strict=True)},
                        columns=list(columns))


def _typed(name: str, values: tuple) -> Any:
    """One column with its type; text stays ``object`` (an Arrow string column costs ~1 µs a value to build)."""
    if name in ("event_date", "date_end"):
        # ISO text from SQLite, dates from other drivers: numpy parses both in C.
        return np.array(values, dtype="datetime64[D]").astype("datetime64[us]")
    if name in _INT_COLUMNS:
        return _nullable_ints(values)
    if name in ("latitude", "longitude"):
        return np.array(values, dtype="float64")  # None becomes NaN
    if name == "sources":
        return np.array(values, dtype="int64")
    if name == "corrected":
        return np.array(values, dtype=bool)
    if name == "triggers":
        return pd.Series([json.loads(v) if v else [] for v in values], dtype=object)
    if name == "published":
        values = tuple(None if v is None else str(v)[:10] for v in values)
    return pd.Series(values, dtype=object)


def _nullable_ints(values: tuple) -> pd.arrays.IntegerArray:
    column = np.array(values, dtype=object)
    missing = np.equal(column, None)
    numbers = np.zeros(len(column), dtype="int64") if missing.all() else np.where(missing, 0, column).astype("int64")
    return pd.arrays.IntegerArray(numbers, missing)


def evidence(conn: Connection, event_id: str) -> list[dict[str, Any]]:
    """Every source of an event, oldest publication first.

    A report's events have one evidence row per sentence; an imported event's one source is in its own
    row (with the dataset and file it came from).
    """
    query = (sa.select(event_sources.c.report_id, event_sources.c.title, event_sources.c.url,
                       event_sources.c.published, event_sources.c.sentence, event_sources.c.start,
                       event_sources.c.end, event_sources.c.place_start, event_sources.c.place_end,
                       event_sources.c.triggers)
             .where(event_sources.c.event_id == event_id)
             .order_by(event_sources.c.published.is_(None), event_sources.c.published, event_sources.c.id))
    found = [dict(row) for row in conn.execute(query).mappings()]
    if not found:
        query = (sa.select(events.c.source_id.label("report_id"), events.c.source_title.label("title"),
                           events.c.source_url.label("url"), events.c.published, events.c.sentence, events.c.start,
                           events.c.end, events.c.place_start, events.c.place_end, events.c.triggers,
                           imports.c.dataset, imports.c.file_name)
                 .select_from(events.outerjoin(imports, events.c.import_id == imports.c.id))
                 .where(events.c.id == event_id, events.c.import_id.is_not(None)))
        found = [dict(row) for row in conn.execute(query).mappings()]
        for item in found:
            item["report_id"] = None  # an imported source is no stored report
    for item in found:
        item["published"] = item["published"].isoformat() if item["published"] else None
        item["triggers"] = json.loads(item["triggers"]) if item["triggers"] else []
    return found


def places(conn: Connection) -> pd.DataFrame:
    """One row per distinct place of the (not deleted) events, with how many events it has."""
    key = [events.c[name] for name in PLACE_KEY]
    query = (sa.select(*key, sa.func.count().label("events")).where(events.c.deleted.is_(False))
             .group_by(*key).order_by(sa.func.count().desc(), events.c.location))
    result = conn.execute(query)
    return pd.DataFrame.from_records(result.fetchall(), columns=list(result.keys()))


def stats(conn: Connection) -> dict[str, Any]:
    """Counts: events by origin and type, the date range, reports, imports, corrections."""
    live = events.c.deleted.is_(False)

    def grouped(column: sa.Column) -> dict[str, int]:
        query = sa.select(column, sa.func.count()).where(live).group_by(column).order_by(sa.func.count().desc())
        return {str(k): int(n) for k, n in conn.execute(query)}

    total, first, last = conn.execute(sa.select(sa.func.count(), sa.func.min(events.c.event_date),
                                                sa.func.max(events.c.date_end)).where(live)).one()
    count = lambda table, *cond: int(conn.execute(sa.select(sa.func.count()).select_from(table).where(*cond))  # noqa: E731
                                     .scalar_one())
    return {
        "events": int(total), "by_origin": grouped(events.c.origin), "by_type": grouped(events.c.event_type),
        "date_min": first.isoformat() if first else None, "date_max": last.isoformat() if last else None,
        "reports": count(reports), "imports": count(imports), "deleted": count(events, events.c.deleted.is_(True)),
        "corrections": count(corrections, corrections.c.undone.is_(None)),
    }
