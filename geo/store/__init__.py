"""The event store (SQLAlchemy; a SQLite file by default, any SQLAlchemy URL such as PostgreSQL).

| module | owns |
|---|---|
| :mod:`geo.store.core` | :class:`EventStore`, the facade |
| :mod:`geo.store.engine` | opening a database; SQLite WAL, busy timeout, ``BEGIN IMMEDIATE`` |
| :mod:`geo.store.schema` | the tables |
| :mod:`geo.store.migrations` | schema versions and the path from each to the next |
| :mod:`geo.store.rows` | events <-> rows, the checks a stored event passes |
| :mod:`geo.store.writes` | ingest of readings, imports of files |
| :mod:`geo.store.corrections` | corrections: log, apply, undo |
| :mod:`geo.store.queries` | filtered tables, evidence, places, counts |

Examples
--------
>>> from geo.store import EventStore
>>> store = EventStore("sqlite://")
>>> store.is_empty()
True
"""

from geo.store.core import EventStore, ReextractResult
from geo.store.writes import ImportResult, IngestResult

__all__ = ["EventStore", "ImportResult", "IngestResult", "ReextractResult"]
