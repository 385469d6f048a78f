"""Putting events in: reports read by the pipeline, and whole imported files.

Both run inside one write transaction opened by the caller (:mod:`geo.store.engine`), so a failure
anywhere leaves the store as it was.

An event's id (:func:`geo.record.event_key`) names what happened: same origin, type, day and place. A
report whose event already exists adds a source to it (``sources`` + 1 and one more evidence row),
never a second event, and leaves its values alone: the first report's reading and any correction stand.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from datetime import datetime
from itertools import islice
from operator import itemgetter
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from geo.errors import InputError
from geo.memory import cycle_collection_paused
from geo.pipeline import Reading, Report, text_hash
from geo.record import Event
from geo.store import corrections, rows
from geo.store.schema import IsoDate, event_sources, events, imports, reports

#: Events per batch: each batch is checked, compared with the store and inserted in date order, so
#: larger batches write more neighbouring pages at once; 20k events hold about 40 MB.
BATCH = 20_000
# Fields a later report may fill in when the first one left them empty.
_FILLABLE = ("actor1", "actor2", "admin1", "admin2")


@dataclass(frozen=True)
class IngestResult:
    """What ingesting one report did."""

    report_id: str
    added: int = 0       #: new events
    merged: int = 0      #: existing events this report added a source to
    skipped: bool = False  #: the report was already stored: nothing done
    event_ids: tuple[str, ...] = ()


@dataclass(frozen=True)
class ImportResult:
    """What importing one file did."""

    import_id: int | None
    added: int = 0       #: new events
    unchanged: int = 0   #: rows already stored as they are
    updated: int = 0     #: rows already stored, with values that changed since (a newer release)


def report_exists(conn: Connection, report: Report) -> bool:
    query = sa.select(reports.c.id).where(sa.or_(reports.c.id == report.id,
                                                 reports.c.text_hash == text_hash(report.text))).limit(1)
    return conn.execute(query).first() is not None


def ingest_reading(conn: Connection, reading: Reading, *, author: str | None) -> IngestResult:
    """Store a report and its events (see the module docstring for how duplicates merge)."""
    report = reading.report
    if report_exists(conn, report):
        return IngestResult(report_id=report.id, skipped=True)
    conn.execute(sa.insert(reports).values(
        id=report.id, title=report.title, url=report.url, published=rows.as_date(report.published),
        text_hash=text_hash(report.text), text=report.text, added=rows.now(), added_by=author))
    added, merged, ids = add_report_events(conn, report, reading.events)
    return IngestResult(report_id=report.id, added=added, merged=merged, event_ids=tuple(ids))


def add_report_events(conn: Connection, report: Report, found: Iterable[Event]) -> tuple[int, int, list[str]]:
    """Add a report's events, or a source to each that exists; returns (added, merged, ids)."""
    added = merged = 0
    ids: list[str] = []
    for event in found:
        event.source_id = event.source_id or report.id
        event.source_title = event.source_title or report.title
        event.source_url = event.source_url or report.url
        event.published = event.published or rows.as_date(report.published).isoformat()
        values = rows.clean(event)
        stamp = rows.now()
        exists = conn.execute(sa.select(events.c.id).where(events.c.id == event.event_id)).first() is not None
        if not exists:
            conn.execute(sa.insert(events).values(id=event.event_id, **values, added=stamp))
            corrections.recompute(conn, event.event_id)  # corrections of an event that is coming back
            added += 1
        elif event.event_id not in ids:
            fill = {n: sa.func.coalesce(events.c[n], values[n]) for n in _FILLABLE if values[n] is not None}
            conn.execute(sa.update(events).where(events.c.id == event.event_id)
                         .values(sources=events.c.sources + 1, updated=stamp, **fill))
            merged += 1
        _add_source(conn, event.event_id, values, report_id=report.id)
        if event.event_id not in ids:
            ids.append(event.event_id)
    return added, merged, ids


def _add_source(conn: Connection, event_id: str, values: dict[str, Any], *, report_id: str) -> None:
    same = sa.select(event_sources.c.id).where(
        event_sources.c.event_id == event_id, event_sources.c.report_id == report_id,
        event_sources.c.start.is_(None) if values["start"] is None else event_sources.c.start == values["start"],
        event_sources.c.place_start.is_(None) if values["place_start"] is None
        else event_sources.c.place_start == values["place_start"])
    if conn.execute(same.limit(1)).first() is not None:
        return  # the same sentence of the same report, read twice
    conn.execute(sa.insert(event_sources).values(
        event_id=event_id, report_id=report_id, title=values["source_title"], url=values["source_url"],
        published=values["published"], sentence=values["sentence"], start=values["start"], end=values["end"],
        place_start=values["place_start"], place_end=values["place_end"], triggers=values["triggers"],
        added=rows.now()))


def import_events(conn: Connection, found: Iterable[Event], *, dataset: str, file_name: str | None) -> ImportResult:
    """Store every event of one imported file, in batches; existing ids are compared, not duplicated.

    Raises
    ------
    InputError
        From the reader (a malformed file) or for an event the store cannot keep; the caller's
        transaction then rolls back everything, the ``imports`` row included.
    """
    with cycle_collection_paused():  # see geo.memory: 10-15% of a large import
        return _import_events(conn, found, dataset=dataset, file_name=file_name)


def _import_events(conn: Connection, found: Iterable[Event], *, dataset: str, file_name: str | None
                   ) -> ImportResult:
    stamp = rows.now()
    import_id = int(conn.execute(sa.insert(imports).values(dataset=dataset, file_name=file_name, added=stamp))
                    .inserted_primary_key[0])
    # On SQLite, the time as SQLAlchemy's DateTime stores it, formatted once rather than per row.
    added_at = stamp.isoformat(sep=" ", timespec="microseconds") if conn.dialect.name == "sqlite" else stamp
    added = unchanged = updated = total = 0
    # Into an empty store (a first import) nothing can be known: no lookups, only this import's own ids.
    empty = conn.execute(sa.select(events.c.id).limit(1)).first() is None
    corrected_ever = conn.execute(sa.select(corrections.corrections.c.id).limit(1)).first() is not None
    seen: set[str] = set()
    for batch in _batches(found, BATCH):
        total += len(batch)
        prepared = {}
        for number, event in enumerate(batch, total - len(batch) + 1):
            try:
                values = rows.clean(event)
            except InputError as exc:
                raise InputError(f"{file_name or dataset}: row {number}: {exc}") from None
            if event.event_id not in seen:  # the same id twice in one import: the first one counts
                seen.add(event.event_id)
                prepared[event.event_id] = values
        known = {} if empty else _known(conn, list(prepared))
        new: list[tuple] = []
        changed = []
        for event_id, values in prepared.items():
            stored = rows.column_values(values)
            digest = rows.hash_columns(stored)
            if event_id not in known:  # a tuple in _NEW_COLUMNS order: no dict per row to build and unpack
                new.append((event_id, *stored, False, False, None, import_id, digest, added_at, None))
            elif _unchanged(conn, event_id, digest, *known[event_id]):
                unchanged += 1
            else:
                changed.append({"b_id": event_id, **values, "import_id": import_id, "row_hash": digest,
                                "updated": stamp, "base": None})
        unchanged += len(batch) - len(prepared)
        if new:
            # An imported event's one source is its own source_*/sentence columns: no evidence rows to write.
            # Date order: the table is clustered by date, so neighbouring rows go to neighbouring pages.
            new.sort(key=_DATE_ORDER)
            bulk_insert(conn, events, _NEW_COLUMNS, new)
        if changed:
            conn.execute(sa.update(events).where(events.c.id == sa.bindparam("b_id")), changed)
        if corrected_ever:  # an event coming back, or updated, takes its corrections again
            for event_id in corrections.pending(conn, [r[0] for r in new] + [r["b_id"] for r in changed]):
                corrections.recompute(conn, event_id)
        added += len(new)
        updated += len(changed)
    if total == 0:
        raise InputError(f"{file_name or dataset}: no events to import")
    conn.execute(sa.update(imports).where(imports.c.id == import_id).values(
        rows=total, added_events=added, updated_events=updated))
    return ImportResult(import_id=import_id, added=added, unchanged=unchanged, updated=updated)


# The columns of a new imported event, in the order import_events builds its row tuples.
_NEW_COLUMNS = ("id", *rows.COLUMNS, "corrected", "deleted", "base", "import_id", "row_hash", "added", "updated")
_DATE_ORDER = itemgetter(_NEW_COLUMNS.index("event_date"), 0)  # (event_date, id): the table's key


def bulk_insert(conn: Connection, table: sa.Table, columns: Sequence[str], records: list[tuple]) -> None:
    """INSERT many rows with the driver's executemany, skipping SQLAlchemy's per-row parameter handling.

    That handling is most of the cost of a large import. The statement is still compiled by SQLAlchemy
    for the connection's dialect; each record is a tuple of values for ``columns``, in that order. Dates
    may be ISO text (as SQLite stores them); for other databases they are turned into ``date`` objects here.
    """
    compiled = sa.insert(table).compile(dialect=conn.dialect, column_keys=list(columns))
    sqlite = conn.dialect.name == "sqlite"
    position = {name: i for i, name in enumerate(columns)}
    if compiled.positiontup is None:  # a named paramstyle (psycopg, ...): dicts by bind name
        binds = {name: position[compiled.binds[name].key] for name in compiled.binds}
        params: list[Any] = [{bind: r[i] for bind, i in binds.items()} for r in records]
        dates = [b for b in binds if isinstance(table.c[compiled.binds[b].key].type, IsoDate)]
        for row in params:
            for bind in dates:
                row[bind] = rows.as_date(row[bind])
    else:
        order = [position[compiled.binds[name].key] for name in compiled.positiontup]
        params = records if order == list(range(len(columns))) else list(map(itemgetter(*order), records))
        first = params[0]
        convert = [i for i, k in enumerate(order)  # judged on the first record: every record is built alike
                   if (sqlite and isinstance(first[i], datetime))
                   or (not sqlite and isinstance(first[i], str) and isinstance(table.c[columns[k]].type, IsoDate))]
        if convert:
            params = [_plain_dates(row, convert, sqlite=sqlite) for row in params]
    conn.exec_driver_sql(str(compiled), params)


def _plain_dates(row: tuple, positions: list[int], *, sqlite: bool) -> tuple:
    """Times as the ISO text SQLAlchemy's SQLite types store; dates as ``date`` for other drivers."""
    values = list(row)
    for i in positions:
        value = values[i]
        if value is None:
            continue
        if isinstance(value, datetime):
            values[i] = value.isoformat(sep=" ", timespec="microseconds") if sqlite else value
        else:
            values[i] = rows.as_date(value)
    return tuple(values)


def _known(conn: Connection, ids: list[str]) -> dict[str, tuple[str | None, bool]]:
    """``id -> (row_hash, corrected)`` for the ids already stored."""
    if conn.dialect.name == "sqlite":
        # One JSON parameter instead of an IN list: no statement to rebuild for every batch of ids.
        query = sa.text("SELECT id, row_hash, corrected FROM events WHERE id IN (SELECT value FROM json_each(:ids))")
        return {r.id: (r.row_hash, bool(r.corrected)) for r in conn.execute(query, {"ids": json.dumps(ids)})}
    known: dict[str, tuple[str | None, bool]] = {}
    for i in range(0, len(ids), 900):
        query = sa.select(events.c.id, events.c.row_hash, events.c.corrected).where(events.c.id.in_(ids[i:i + 900]))
        known.update((r.id, (r.row_hash, r.corrected)) for r in conn.execute(query))
    return known


def _unchanged(conn: Connection, event_id: str, digest: str, stored: str | None, corrected: bool) -> bool:
    """Whether an imported row leaves a stored event as it is.

    Events read from reports (no import hash) are never overwritten by an import; a corrected event
    re-imported from this project's own export arrives with its corrected values, which are no news.
    """
    if stored is None or stored == digest:
        return True
    if not corrected:
        return False
    current = conn.execute(sa.select(events).where(events.c.id == event_id)).mappings().one()
    return rows.content_hash(current) == digest


def _batches(items: Iterable[Event], size: int) -> Iterator[list[Event]]:
    iterator = iter(items)
    while batch := list(islice(iterator, size)):
        yield batch
