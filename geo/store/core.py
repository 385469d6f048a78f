"""The event store: :class:`EventStore`, the one object the CLI and the dashboard talk to."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from typing import Any

import pandas as pd
import sqlalchemy as sa

from geo.errors import InputError
from geo.filters import EventFilter
from geo.pipeline import Reading, Report, read_report
from geo.record import Event
from geo.settings import load_settings
from geo.store import corrections, queries, rows, writes
from geo.store.engine import make_engine, reading, writing
from geo.store.migrations import ensure_schema
from geo.store.schema import event_sources, events, reports
from geo.store.writes import ImportResult, IngestResult


@dataclass(frozen=True)
class ReextractResult:
    """What reading stored reports again did."""

    reports: int = 0
    added: int = 0                 #: events that are new after re-reading
    removed: int = 0               #: events no report supports any more
    moved_corrections: int = 0     #: corrections carried to an event whose id changed


class EventStore:
    """Events, the reports and files they came from, and the corrections made to them.

    Parameters
    ----------
    url : str, optional
        A SQLAlchemy URL; default :func:`geo.settings.load_settings` ``().db_url`` (a SQLite file).
        The schema is created, or migrated from an older version, on opening.

    Examples
    --------
    >>> store = EventStore("sqlite://")
    >>> store.import_events([Event("2025-10-12", "Battles", "Armed clash", "Angoor Adda", "PK", 32.6, 69.3)],
    ...                     dataset="demo", file_name="demo.csv").added
    1
    >>> store.stats()["events"], store.is_empty()
    (1, False)
    """

    def __init__(self, url: str | None = None) -> None:
        self.url = url or load_settings().db_url
        self.engine = make_engine(self.url)
        self.schema_version = ensure_schema(self.engine)

    def __repr__(self) -> str:
        return f"EventStore({self.engine.url.render_as_string(hide_password=True)!r})"

    def close(self) -> None:
        """Release the store's connections."""
        self.engine.dispose()

    # --- writing ---------------------------------------------------------------------------------

    def ingest(self, report: Report, *, author: str | None = None) -> IngestResult:
        """Read a report with :func:`geo.pipeline.read_report` and store it with its events.

        A report already stored (same id, or same text) is skipped without being read again.

        Examples
        --------
        >>> store.ingest(Report(text=open("a.txt").read(), published=date(2025, 10, 28)))  # doctest: +SKIP
        IngestResult(report_id='3f0c...', added=7, merged=0, skipped=False, ...)
        """
        with reading(self.engine) as conn:
            if writes.report_exists(conn, report):
                return IngestResult(report_id=report.id, skipped=True)
        return self.ingest_reading(read_report(report), author=author)

    def ingest_reading(self, reading_: Reading, *, author: str | None = None) -> IngestResult:
        """Store a report already read (the dashboard previews a reading, then saves it).

        Examples
        --------
        >>> reading = read_report(report)                        # doctest: +SKIP
        >>> store.ingest_reading(reading, author="ana").added    # doctest: +SKIP
        7
        """
        with writing(self.engine) as conn:
            return writes.ingest_reading(conn, reading_, author=author)

    def import_events(self, events_: Iterable[Event], *, dataset: str, file_name: str | None = None) -> ImportResult:
        """Store the events of one file in one transaction: all of them, or (on any error) none.

        Parameters
        ----------
        events_ : iterable of Event
            Typically a reader from :mod:`geo.formats`, which raises InputError on a malformed row.
        dataset : str
            ``ucdp``, ``acled``, ``csv`` ...: recorded with the import.
        file_name : str, optional
            Recorded with the import and named in error messages.

        Raises
        ------
        InputError
            The file or an event in it is malformed; the store is left exactly as it was.
        """
        with writing(self.engine) as conn:
            return writes.import_events(conn, events_, dataset=dataset, file_name=file_name)

    def reextract(self, *, report_ids: Iterable[str] | None = None) -> ReextractResult:
        """Read stored reports again (after the reader improved); corrections survive.

        An event that a report still yields keeps its id, gets the new reading's values and its corrections
        on top. An event whose id changed (the reader now dates or places it differently) takes the
        corrections of the old event read from the same words of the same report. Events no report
        supports any more are removed; their corrections stay on record.
        """
        with reading(self.engine) as conn:
            query = sa.select(reports)
            if report_ids is not None:
                query = query.where(reports.c.id.in_(list(report_ids)))
            stored = conn.execute(query).mappings().all()
        totals = {"reports": 0, "added": 0, "removed": 0, "moved_corrections": 0}
        for row in stored:
            report = Report(text=row["text"], published=row["published"], title=row["title"], url=row["url"],
                            source_id=row["id"])
            found = read_report(report).events
            with writing(self.engine) as conn:
                for key, value in _reextract_one(conn, report, found).items():
                    totals[key] += value
            totals["reports"] += 1
        return ReextractResult(**totals)

    # --- corrections -----------------------------------------------------------------------------

    def correct(self, event_id: str, *, changes: dict[str, Any], author: str | None = None) -> int:
        """Correct an event's type, date, place or fatalities; returns the correction's id.

        Parameters
        ----------
        event_id : str
        changes : dict
            Among ``event_type``, ``sub_event_type``, ``event_date``, ``date_end``, ``location``,
            ``latitude``, ``longitude``, ``country_code``, ``fatalities``.
        author : str, optional
            Who corrected it, shown with the record.

        Raises
        ------
        InputError
            An unknown field or a value the record cannot take (the message says which).
        StoreError
            No such event, or it is deleted.

        Examples
        --------
        >>> cid = store.correct(event_id, changes={"fatalities": 12}, author="ana")   # doctest: +SKIP
        >>> store.undo(cid)                                                             # doctest: +SKIP
        """
        normalised = corrections.normalise_changes(changes)
        with writing(self.engine) as conn:
            return corrections.add(conn, event_id, action="change", changes=normalised, author=author)

    def delete_event(self, event_id: str, *, author: str | None = None) -> int:
        """Delete an event (a correction like any other: it survives re-ingest and can be undone).

        Examples
        --------
        >>> cid = store.delete_event(event_id, author="ana")   # doctest: +SKIP
        >>> store.undo(cid)                                     # doctest: +SKIP
        """
        with writing(self.engine) as conn:
            return corrections.add(conn, event_id, action="delete", changes={}, author=author)

    def undo(self, correction_id: int, *, author: str | None = None) -> None:
        """Undo one correction; later corrections of the same event stay in force."""
        with writing(self.engine) as conn:
            corrections.undo(conn, correction_id, author=author)

    def corrections(self, event_id: str | None = None) -> pd.DataFrame:
        """Every correction (of one event, or all): who, when, what changed, whether still in force.

        Columns: ``correction_id``, ``event_id``, ``action`` (change/delete), ``changes`` and ``previous``
        (dicts), ``summary``, ``author``, ``created`` (UTC), ``undone``, ``undone_by``, ``active``.

        Examples
        --------
        >>> store.corrections(event_id)[["summary", "author", "created", "active"]]   # doctest: +SKIP
        """
        with reading(self.engine) as conn:
            log = corrections.log(conn, event_id)
        columns = ["correction_id", "event_id", "action", "changes", "previous", "summary", "author", "created",
                   "undone", "undone_by", "active"]
        return pd.DataFrame(log, columns=columns)

    # --- reading ---------------------------------------------------------------------------------

    def events(self, flt: EventFilter | None = None, *, limit: int | None = None,
               columns: Iterable[str] | None = None) -> pd.DataFrame:
        """Events matching a filter, corrections applied, deleted ones left out, by date.

        Parameters
        ----------
        flt : EventFilter, optional
        limit : int, optional
            At most this many events (the earliest).
        columns : iterable of str, optional
            Only these columns (``event_id`` always comes too): a map needs a handful, and fetching
            fewer columns is proportionally faster on large selections.

        Returns
        -------
        DataFrame
            One column per :data:`geo.record.FIELD_NAMES` plus ``corrected``; ``event_date`` and
            ``date_end`` are ``datetime64``, text columns ``object``, counts nullable ``Int64``.

        Examples
        --------
        >>> store.events(EventFilter(event_types=("Battles",)), limit=10)   # doctest: +SKIP
        """
        chosen = queries.FRAME_COLUMNS
        if columns is not None:
            wanted = set(columns) | {"event_id"}
            unknown = wanted - set(queries.FRAME_COLUMNS)
            if unknown:
                raise InputError(f"unknown column(s) {', '.join(sorted(unknown))}")
            chosen = tuple(n for n in queries.FRAME_COLUMNS if n in wanted)
        with reading(self.engine) as conn:
            return queries.events_frame(conn, flt, limit=limit, columns=chosen)

    def event(self, event_id: str, *, include_deleted: bool = False) -> Event | None:
        """One event as shown (corrections applied), or None."""
        with reading(self.engine) as conn:
            row = conn.execute(sa.select(events).where(events.c.id == event_id)).mappings().one_or_none()
        if row is None or (row["deleted"] and not include_deleted):
            return None
        return rows.to_event(row)

    def evidence(self, event_id: str) -> list[dict[str, Any]]:
        """Every source of an event: report (or imported dataset), title, url, date, sentence, offsets.

        Examples
        --------
        >>> source = store.evidence(event_id)[0]                             # doctest: +SKIP
        >>> text = store.report_text(source["report_id"])                    # doctest: +SKIP
        >>> text[source["start"]:source["end"]] == source["sentence"]        # doctest: +SKIP
        True
        """
        with reading(self.engine) as conn:
            return queries.evidence(conn, event_id)

    def report_text(self, report_id: str) -> str | None:
        """The stored text of a report: the text the evidence offsets point into."""
        with reading(self.engine) as conn:
            return conn.execute(sa.select(reports.c.text).where(reports.c.id == report_id)).scalar_one_or_none()

    def places(self) -> pd.DataFrame:
        """One row per distinct (location, country_code, latitude, longitude, geo_precision), with ``events``."""
        with reading(self.engine) as conn:
            return queries.places(conn)

    def stats(self) -> dict[str, Any]:
        """``{"events", "by_origin", "by_type", "date_min", "date_max", "reports", "imports", "deleted",
        "corrections"}``; dates as ISO strings."""
        with reading(self.engine) as conn:
            return queries.stats(conn)

    def date_bounds(self) -> tuple[date, date] | None:
        """Earliest event date and latest end date of the events shown, or None for an empty store."""
        with reading(self.engine) as conn:
            first, last = conn.execute(sa.select(sa.func.min(events.c.event_date), sa.func.max(events.c.date_end))
                                       .where(events.c.deleted.is_(False))).one()
        return (first, last) if first is not None else None

    def is_empty(self) -> bool:
        """Whether the store has no event to show."""
        with reading(self.engine) as conn:
            return conn.execute(sa.select(events.c.id).where(events.c.deleted.is_(False)).limit(1)).first() is None


def _reextract_one(conn: sa.Connection, report: Report, found: list[Event]) -> dict[str, int]:
    old = conn.execute(sa.select(event_sources.c.event_id, event_sources.c.start, event_sources.c.end,
                                 event_sources.c.place_start).where(event_sources.c.report_id == report.id)).all()
    conn.execute(sa.delete(event_sources).where(event_sources.c.report_id == report.id))
    old_ids = list(dict.fromkeys(r.event_id for r in old))
    for event_id in old_ids:
        conn.execute(sa.update(events).where(events.c.id == event_id).values(sources=events.c.sources - 1))
    # Events this report was the first source of take the new reading's values (corrections re-applied).
    new_ids = {e.event_id for e in found}
    for event in found:
        if event.event_id in old_ids:
            _refresh(conn, event, report)
    added, _, _ = writes.add_report_events(conn, report, found)  # each old event still read: sources + 1 again
    removed = moved = 0
    for event_id in old_ids:
        if event_id in new_ids:
            continue
        left = conn.execute(sa.select(sa.func.count()).select_from(event_sources)
                            .where(event_sources.c.event_id == event_id)).scalar_one()
        if left:
            continue
        spans = [(r.start, r.end, r.place_start) for r in old if r.event_id == event_id]
        heir = _heir(found, spans)
        if heir is not None and not corrections.pending(conn, [heir]):
            moved += conn.execute(sa.update(corrections.corrections).where(
                corrections.corrections.c.event_id == event_id).values(event_id=heir)).rowcount
            corrections.recompute(conn, heir)
        conn.execute(sa.delete(events).where(events.c.id == event_id))
        removed += 1
    return {"added": added, "removed": removed, "moved_corrections": moved}


def _refresh(conn: sa.Connection, event: Event, report: Report) -> None:
    first = conn.execute(sa.select(events.c.source_id).where(events.c.id == event.event_id)).scalar_one_or_none()
    if first != report.id:
        return  # another report was first: its reading stands
    event.source_id = report.id
    try:
        values = rows.clean(event)
    except InputError:
        return
    values.pop("sources")
    conn.execute(sa.update(events).where(events.c.id == event.event_id).values(**values, base=None,
                                                                            updated=rows.now()))
    corrections.recompute(conn, event.event_id)


def _heir(found: list[Event], spans: list[tuple[int | None, int | None, int | None]]) -> str | None:
    """The new event read from the same words as an old one: same place mention, else overlapping sentence."""
    for start, end, place_start in spans:
        for event in found:
            if place_start is not None and event.place_start == place_start:
                return event.event_id
        for event in found:
            if None not in (start, end, event.start, event.end) and event.start < end and start < event.end:
                return event.event_id
    return None
