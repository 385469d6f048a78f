"""The store's tables, current version.

| table | holds |
|---|---|
| ``events`` | one row per event, as shown: corrections already applied (``base`` keeps the values before); |
| | an imported event's one source is its own ``source_*``/``sentence`` columns |
| ``reports`` | every ingested report, with its text (the offsets of its events point into it) |
| ``imports`` | every imported file: dataset, name, when, how many rows |
| ``event_sources`` | the evidence: event <-> report <-> sentence and character offsets |
| ``corrections`` | every analyst correction, undone or not, with author and time |
| ``schema_version`` | one row: the layout version, see :mod:`geo.store.migrations` |

Dates are ``DATE`` columns (ISO text in SQLite); times are naive UTC ``DATETIME``s.
"""

from __future__ import annotations

from datetime import date
from typing import Any

import sqlalchemy as sa

SCHEMA_VERSION = 2


class IsoDate(sa.TypeDecorator):
    """A DATE column that also takes ISO text: events carry their dates as ``YYYY-MM-DD`` strings."""

    impl = sa.Date
    cache_ok = True

    def process_bind_param(self, value: Any, dialect: sa.Dialect) -> date | None:
        return date.fromisoformat(value[:10]) if isinstance(value, str) else value


metadata = sa.MetaData()
_ID = sa.String(80)

schema_version = sa.Table(
    "schema_version", metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("version", sa.Integer, nullable=False),
    sa.Column("migrated", sa.DateTime, nullable=False),
)

reports = sa.Table(
    "reports", metadata,
    sa.Column("id", _ID, primary_key=True),
    sa.Column("title", sa.Text),
    sa.Column("url", sa.Text),
    sa.Column("published", IsoDate),
    sa.Column("text_hash", sa.String(40), nullable=False, index=True),
    sa.Column("text", sa.Text, nullable=False),
    sa.Column("added", sa.DateTime, nullable=False),
    sa.Column("added_by", sa.Text),
)

imports = sa.Table(
    "imports", metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("dataset", sa.String(40), nullable=False),
    sa.Column("file_name", sa.Text),
    sa.Column("added", sa.DateTime, nullable=False),
    sa.Column("rows", sa.Integer, nullable=False, default=0),
    sa.Column("added_events", sa.Integer, nullable=False, default=0),
    sa.Column("updated_events", sa.Integer, nullable=False, default=0),
)

# Clustered by date: on SQLite the table is stored in (event_date, id) order (WITHOUT ROWID), so a date
# range reads neighbouring pages instead of one scattered page per event: twice as fast at 1M events.
events = sa.Table(
    "events", metadata,
    sa.Column("id", _ID, nullable=False),
    sa.Column("origin", sa.String(40), nullable=False),
    sa.Column("event_date", IsoDate, nullable=False),
    sa.Column("date_end", IsoDate, nullable=False),
    sa.Column("date_precision", sa.String(8), nullable=False),
    sa.Column("event_type", sa.String(40), nullable=False),
    sa.Column("sub_event_type", sa.String(60), nullable=False),
    sa.Column("actor1", sa.Text),
    sa.Column("actor2", sa.Text),
    sa.Column("fatalities", sa.Integer),
    sa.Column("location", sa.Text, nullable=False),
    sa.Column("country_code", sa.String(2)),
    sa.Column("admin1", sa.Text),
    sa.Column("admin2", sa.Text),
    sa.Column("latitude", sa.Float),
    sa.Column("longitude", sa.Float),
    sa.Column("geo_precision", sa.String(16), nullable=False),
    sa.Column("source_id", sa.Text),
    sa.Column("source_title", sa.Text),
    sa.Column("source_url", sa.Text),
    sa.Column("published", IsoDate),
    sa.Column("sentence", sa.Text),
    sa.Column("start", sa.Integer),
    sa.Column("end", sa.Integer),
    sa.Column("place_start", sa.Integer),
    sa.Column("place_end", sa.Integer),
    sa.Column("triggers", sa.Text),  # JSON list, NULL for none
    sa.Column("sources", sa.Integer, nullable=False, default=1),
    sa.Column("notes", sa.Text),
    sa.Column("corrected", sa.Boolean, nullable=False, default=False),
    sa.Column("deleted", sa.Boolean, nullable=False, default=False),
    sa.Column("base", sa.Text),  # JSON: correctable fields before corrections; NULL when never corrected
    sa.Column("import_id", sa.Integer, sa.ForeignKey("imports.id")),  # v2: the import that last wrote it
    sa.Column("row_hash", sa.String(16)),  # v2: what that import wrote, to tell unchanged rows from updated
    sa.Column("added", sa.DateTime, nullable=False),
    sa.Column("updated", sa.DateTime),
    sa.PrimaryKeyConstraint("event_date", "id", name="pk_events"),  # v2 (v1: id)
    sa.Index("ux_events_id", "id", unique=True),
    # The filters the app runs: a date range (the primary key), alone or with types or countries.
    sa.Index("ix_events_type_date", "event_type", "event_date"),  # v2
    sa.Index("ix_events_country_date", "country_code", "event_date"),
    sa.Index("ix_events_origin", "origin"),
    sqlite_with_rowid=False,
)

event_sources = sa.Table(
    "event_sources", metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    # No foreign key to events (v2): the events table is rebuilt by migrations, and evidence rows are
    # written and removed with their event by geo.store.writes.
    sa.Column("event_id", _ID, nullable=False, index=True),
    sa.Column("report_id", _ID, sa.ForeignKey("reports.id"), index=True),
    sa.Column("title", sa.Text),
    sa.Column("url", sa.Text),
    sa.Column("published", IsoDate),
    sa.Column("sentence", sa.Text),
    sa.Column("start", sa.Integer),
    sa.Column("end", sa.Integer),
    sa.Column("place_start", sa.Integer),
    sa.Column("place_end", sa.Integer),
    sa.Column("triggers", sa.Text),
    sa.Column("added", sa.DateTime, nullable=False),
)

corrections = sa.Table(
    "corrections", metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    # No foreign key: a correction outlives its event being re-extracted away, and applies again
    # if the event comes back (see geo.store.corrections).
    sa.Column("event_id", _ID, nullable=False, index=True),
    sa.Column("action", sa.String(8), nullable=False),  # "change" or "delete"
    sa.Column("changes", sa.Text, nullable=False),  # JSON {field: new value}
    sa.Column("previous", sa.Text, nullable=False),  # JSON {field: value before}
    sa.Column("author", sa.Text),
    sa.Column("created", sa.DateTime, nullable=False),
    sa.Column("undone", sa.DateTime),
    sa.Column("undone_by", sa.Text),
)
