"""Schema versions and the path from each to the next.

A store records its layout version in ``schema_version``. Opening a store at an older version runs the
steps in :data:`MIGRATIONS` in order, in one write transaction, so a store is never left half-migrated;
a store written by a newer version of this code is refused rather than damaged.

Version history:

1. The first layout: events, reports, event_sources, corrections.
2. Events are stored in date order (primary key (event_date, id), SQLite ``WITHOUT ROWID``) with an
   index on (event_type, event_date): date-range filters over a million events read neighbouring pages.
   Imports are recorded (``imports``); each imported event names the import that wrote it
   (``events.import_id``) and keeps a hash of what it wrote (``events.row_hash``, to tell an unchanged
   row from an updated one). Evidence rows no longer hold a foreign key to events.

Examples
--------
>>> engine = make_engine("sqlite://")
>>> ensure_schema(engine)
2
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime

import sqlalchemy as sa
from sqlalchemy.engine import Connection, Engine

from geo.errors import StoreError
from geo.store import schema
from geo.store.engine import make_engine, reading, writing

__all__ = ["MIGRATIONS", "create_version_1", "ensure_schema", "make_engine", "stored_version"]


def _v1_to_v2(conn: Connection) -> None:
    schema.imports.create(conn)
    # Children first: once event_sources no longer refers to events, events can be dropped and rebuilt.
    _rebuild(conn, schema.event_sources, {})
    _rebuild(conn, schema.events, {"import_id": sa.null(), "row_hash": sa.null()})


def _rebuild(conn: Connection, table: sa.Table, new_columns: dict[str, sa.ColumnElement]) -> None:
    """Replace a table by its current definition, keeping its rows (SQLite cannot alter a primary key).

    The steps SQLite documents for any schema change ALTER TABLE cannot make: create the new table
    under another name, copy, drop the old one, rename, create the indexes.
    """
    scratch = sa.MetaData()  # the table's copy, with the tables its foreign keys name
    for other in schema.metadata.sorted_tables:
        if other is not table:
            other.to_metadata(scratch)
    staging = table.to_metadata(scratch, name=f"{table.name}_v_new")
    conn.execute(sa.schema.CreateTable(staging))
    names = [c.name for c in table.columns]
    old = sa.table(table.name, *(sa.column(n) for n in names if n not in new_columns))
    source = sa.select(*(new_columns[n].label(n) if n in new_columns else old.c[n] for n in names))
    conn.execute(sa.insert(staging).from_select(names, source))
    conn.execute(sa.text(f"DROP TABLE {table.name}"))
    conn.execute(sa.text(f"ALTER TABLE {staging.name} RENAME TO {table.name}"))
    for index in table.indexes:
        index.create(conn)


#: ``MIGRATIONS[n]`` turns a version-n store into version n + 1.
MIGRATIONS: dict[int, Callable[[Connection], None]] = {1: _v1_to_v2}
assert sorted(MIGRATIONS) == list(range(1, schema.SCHEMA_VERSION)), "one step per version"


def stored_version(conn: Connection) -> int | None:
    """The version recorded in the store, or None for an empty database."""
    inspector = sa.inspect(conn)
    if not inspector.has_table("schema_version"):
        if inspector.has_table("events"):
            raise StoreError("this database has an events table but no schema_version: not a Conflict Map store")
        return None
    return conn.execute(sa.select(schema.schema_version.c.version)).scalar_one_or_none()


def ensure_schema(engine: Engine) -> int:
    """Create the tables in an empty database, or migrate an older store; return the version.

    Raises
    ------
    StoreError
        The store was written by a newer version of this code.
    """
    with reading(engine) as conn:
        version = stored_version(conn)
    if version == schema.SCHEMA_VERSION:
        return version
    with writing(engine) as conn:  # check again: another process may have got here first
        version = stored_version(conn)
        now = datetime.now(UTC).replace(tzinfo=None)
        if version is None:
            schema.metadata.create_all(conn)
            conn.execute(sa.insert(schema.schema_version).values(id=1, version=schema.SCHEMA_VERSION, migrated=now))
            return schema.SCHEMA_VERSION
        if version > schema.SCHEMA_VERSION:
            raise StoreError(f"this store has schema version {version}, newer than this code knows "
                             f"({schema.SCHEMA_VERSION}): upgrade conflict-map to open it")
        while version < schema.SCHEMA_VERSION:
            MIGRATIONS[version](conn)
            version += 1
        conn.execute(sa.update(schema.schema_version).values(version=version, migrated=now))
        return version


# --- version 1, frozen: what a version-1 store looks like, for the migration tests ---------------

def _version_1_metadata() -> sa.MetaData:
    m = sa.MetaData()
    ident, text, integer, date = sa.String(80), sa.Text, sa.Integer, sa.Date
    sa.Table("schema_version", m, sa.Column("id", integer, primary_key=True),
             sa.Column("version", integer, nullable=False), sa.Column("migrated", sa.DateTime, nullable=False))
    sa.Table("reports", m, sa.Column("id", ident, primary_key=True), sa.Column("title", text),
             sa.Column("url", text), sa.Column("published", date),
             sa.Column("text_hash", sa.String(40), nullable=False, index=True),
             sa.Column("text", text, nullable=False), sa.Column("added", sa.DateTime, nullable=False),
             sa.Column("added_by", text))
    columns = [sa.Column("id", ident, primary_key=True), sa.Column("origin", sa.String(40), nullable=False),
               sa.Column("event_date", date, nullable=False), sa.Column("date_end", date, nullable=False),
               sa.Column("date_precision", sa.String(8), nullable=False),
               sa.Column("event_type", sa.String(40), nullable=False),
               sa.Column("sub_event_type", sa.String(60), nullable=False)]
    columns += [sa.Column(n, text) for n in ("actor1", "actor2")] + [sa.Column("fatalities", integer),
                sa.Column("location", text, nullable=False), sa.Column("country_code", sa.String(2))]
    columns += [sa.Column(n, text) for n in ("admin1", "admin2")]
    columns += [sa.Column(n, sa.Float) for n in ("latitude", "longitude")]
    columns += [sa.Column("geo_precision", sa.String(16), nullable=False)]
    columns += [sa.Column(n, text) for n in ("source_id", "source_title", "source_url")]
    columns += [sa.Column("published", date), sa.Column("sentence", text)]
    columns += [sa.Column(n, integer) for n in ("start", "end", "place_start", "place_end")]
    columns += [sa.Column("triggers", text), sa.Column("sources", integer, nullable=False),
                sa.Column("notes", text), sa.Column("corrected", sa.Boolean, nullable=False),
                sa.Column("deleted", sa.Boolean, nullable=False), sa.Column("base", text),
                sa.Column("added", sa.DateTime, nullable=False), sa.Column("updated", sa.DateTime)]
    sa.Table("events", m, *columns, sa.Index("ix_events_event_date", "event_date"),
             sa.Index("ix_events_country_date", "country_code", "event_date"), sa.Index("ix_events_origin", "origin"))
    sa.Table("event_sources", m, sa.Column("id", integer, primary_key=True),
             sa.Column("event_id", ident, sa.ForeignKey("events.id"), nullable=False, index=True),
             sa.Column("report_id", ident, sa.ForeignKey("reports.id"), index=True),
             *[sa.Column(n, text) for n in ("title", "url")], sa.Column("published", date),
             sa.Column("sentence", text),
             *[sa.Column(n, integer) for n in ("start", "end", "place_start", "place_end")],
             sa.Column("triggers", text), sa.Column("added", sa.DateTime, nullable=False))
    sa.Table("corrections", m, sa.Column("id", integer, primary_key=True),
             sa.Column("event_id", ident, nullable=False, index=True),
             sa.Column("action", sa.String(8), nullable=False),
             sa.Column("changes", text, nullable=False), sa.Column("previous", text, nullable=False),
             sa.Column("author", text), sa.Column("created", sa.DateTime, nullable=False),
             sa.Column("undone", sa.DateTime), sa.Column("undone_by", text))
    return m


def create_version_1(engine: Engine) -> None:
    """Lay out an empty version-1 store (for testing the migration path)."""
    with writing(engine) as conn:
        _version_1_metadata().create_all(conn)
        conn.execute(sa.text("INSERT INTO schema_version (id, version, migrated) VALUES (1, 1, :now)"),
                     {"now": datetime.now(UTC).replace(tzinfo=None)})
