"""Opening a database: any SQLAlchemy URL; SQLite tuned for several processes writing one file.

SQLite gets WAL (readers never wait for the writer), a busy timeout (a writer waits its turn instead of
failing with "database is locked") and ``BEGIN IMMEDIATE`` for write transactions: a transaction that
starts as a reader and later writes cannot wait for the lock (SQLite would have to break its snapshot), so
it fails at once whatever the timeout. Taking the write lock at ``BEGIN`` makes writers queue instead.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import sqlalchemy as sa
from sqlalchemy import event
from sqlalchemy.engine import Connection, Engine

from geo.errors import StoreError

#: How long a writer waits for another process's write transaction before giving up, in seconds.
BUSY_TIMEOUT_S = 60
_WRITE = "conflict_map_write"


def make_engine(url: str) -> Engine:
    """An engine for ``url``; a SQLite file's folder is created if missing.

    Parameters
    ----------
    url : str
        Any SQLAlchemy URL: ``sqlite:///path/events.sqlite``, ``postgresql+psycopg://...``.

    Raises
    ------
    StoreError
        The URL cannot be parsed or names a driver that is not installed.

    Examples
    --------
    >>> make_engine("sqlite://").dialect.name
    'sqlite'
    """
    try:
        parsed = sa.make_url(url)
    except sa.exc.ArgumentError as exc:
        raise StoreError(f"not a database URL: {url!r} ({exc})") from None
    sqlite = parsed.get_backend_name() == "sqlite"
    if sqlite and parsed.database and parsed.database != ":memory:" and not parsed.database.startswith("file:"):
        Path(parsed.database).expanduser().parent.mkdir(parents=True, exist_ok=True)
    try:
        engine = sa.create_engine(parsed, connect_args={"timeout": BUSY_TIMEOUT_S} if sqlite else {})
    except (ImportError, sa.exc.NoSuchModuleError) as exc:
        raise StoreError(f"cannot open {parsed.render_as_string(hide_password=True)}: {exc}") from None
    if sqlite:
        _tune_sqlite(engine, memory=not parsed.database or parsed.database == ":memory:")
    return engine


def _tune_sqlite(engine: Engine, *, memory: bool) -> None:
    @event.listens_for(engine, "connect")
    def _connect(dbapi_connection, _record) -> None:  # type: ignore[no-untyped-def]
        dbapi_connection.isolation_level = None  # we issue BEGIN ourselves (see the module's docstring)
        cursor = dbapi_connection.cursor()
        if not memory:
            cursor.execute("PRAGMA journal_mode=WAL")
            cursor.execute("PRAGMA synchronous=NORMAL")  # safe with WAL; a crash loses at most the last commit
        cursor.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_S * 1000}")
        cursor.execute("PRAGMA cache_size=-65536")  # 64 MB, not 2: a large import updates five B-trees
        cursor.execute("PRAGMA temp_store=MEMORY")
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _begin(connection: Connection) -> None:
        write = connection.get_execution_options().get(_WRITE)
        connection.exec_driver_sql("BEGIN IMMEDIATE" if write else "BEGIN")


@contextmanager
def writing(engine: Engine) -> Iterator[Connection]:
    """One write transaction: committed when the block ends, rolled back (all of it) on any error."""
    with engine.connect() as conn:
        conn.execution_options(**{_WRITE: True})
        with conn.begin():
            yield conn


@contextmanager
def reading(engine: Engine) -> Iterator[Connection]:
    """One read transaction: every query in the block sees the same snapshot."""
    with engine.connect() as conn, conn.begin():
        yield conn
