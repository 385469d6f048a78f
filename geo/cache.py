"""The persistent geocode cache: answers, "not found" marks and user corrections, in one SQLite file.

Keys are the normalised query (:func:`geo.text.normalise`), the country hint and the provider, so
"Kandahār" and "KANDAHAR" share one entry. Hits never expire; misses do (30 days by default), so a
name the provider did not know is asked again one day, not on every lookup.

Several processes may share the file (the dashboard, a CLI ingest): the database runs in WAL mode
with a busy timeout, writes take the write lock up front and are retried while another writer holds
it. A file that is not a readable SQLite database is renamed aside with a timestamp and rebuilt,
with a logged warning; if even that fails the cache lives in memory for this process. The cache is
best effort by design (Community Cloud's disk does not survive restarts) and never a reason to crash.

Examples
--------
>>> cache = GeocodeCache(":memory:")
>>> cache.put("Kandahār", [{"name": "Kandahar", "latitude": 31.6, "longitude": 65.7}], provider="nominatim")
>>> cache.get("KANDAHAR", provider="nominatim")[0]["name"]
'Kandahar'
>>> cache.put("Nowhereville", [], provider="nominatim")
>>> cache.get("nowhereville", provider="nominatim")
[]
>>> cache.get("never asked", provider="nominatim") is None
True
"""

from __future__ import annotations

import contextlib
import json
import logging
import math
import os
import sqlite3
import threading
import time
from collections.abc import Callable, Iterable
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, TypeVar

from geo.errors import InputError
from geo.settings import load_settings
from geo.text import normalise

log = logging.getLogger(__name__)

__all__ = ["CACHE_FILE", "DEFAULT_MISS_TTL_DAYS", "GeocodeCache", "hint_key", "shared"]

#: File name of the cache inside the settings' cache directory.
CACHE_FILE = "geocode-cache.sqlite"
DEFAULT_MISS_TTL_DAYS = 30.0
SCHEMA_VERSION = 1
_BUSY_TIMEOUT_MS = 10_000
_LOCK_RETRIES = 8
_MEMORY = ":memory:"

_SCHEMA = """
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS answers (
    query TEXT NOT NULL, country TEXT NOT NULL, provider TEXT NOT NULL,
    results TEXT NOT NULL, created REAL NOT NULL, expires REAL,
    PRIMARY KEY (query, country, provider)
);
CREATE TABLE IF NOT EXISTS overrides (
    query TEXT NOT NULL, country TEXT NOT NULL, label TEXT NOT NULL,
    place TEXT NOT NULL, created REAL NOT NULL,
    PRIMARY KEY (query, country)
);
"""

T = TypeVar("T")


def hint_key(country_hint: str | Iterable[str] | None) -> str:
    """The cache's form of a country hint: upper-case ISO alpha-2 codes, sorted, comma-joined.

    Parameters
    ----------
    country_hint : str or iterable of str, optional
        ``"pk"``, ``["AF", "PK"]`` or ``None``.

    Examples
    --------
    >>> hint_key(["pk", "AF"])
    'AF,PK'
    >>> hint_key(None)
    ''
    """
    if country_hint is None:
        return ""
    if isinstance(country_hint, str):
        codes: list = [country_hint]
    elif isinstance(country_hint, Iterable) and not isinstance(country_hint, bytes | dict):
        codes = list(country_hint)
    else:
        codes = [country_hint]  # refused below, with the message every bad hint gets
    out = set()
    for code in codes:
        if not isinstance(code, str) or len(code.strip()) != 2 or not code.strip().isascii() \
                or not code.strip().isalpha():
            raise InputError(f"country hint {code!r} is not a two-letter ISO country code (like 'PK')")
        out.add(code.strip().upper())
    return ",".join(sorted(out))


class GeocodeCache:
    """A SQLite-backed cache of geocoding answers and user overrides. Thread- and process-safe.

    Parameters
    ----------
    path : path or ``":memory:"``
        The SQLite file; its directory is created when missing.
    miss_ttl_days : float
        How long a "not found" is trusted before the provider is asked again.

    Examples
    --------
    >>> cache = GeocodeCache(":memory:", miss_ttl_days=7)
    >>> cache.set_override("Kurram", place={"name": "Kurram", "latitude": 33.7, "longitude": 70.2})
    >>> cache.get_override("kurram")["latitude"]
    33.7
    """

    def __init__(self, path: Path | str, *, miss_ttl_days: float = DEFAULT_MISS_TTL_DAYS):
        if miss_ttl_days < 0:
            raise ValueError("miss_ttl_days must be zero or more")
        self.path = path if str(path) == _MEMORY else Path(path)
        self.miss_ttl_seconds = miss_ttl_days * 86400.0
        self._lock = threading.RLock()  # one connection per cache object, used by one thread at a time
        self._conn: sqlite3.Connection | None = None
        self._pid = -1
        self._connect()

    # -- answers --------------------------------------------------------------------------
    def get(self, query: str, *, country_hint: str | Iterable[str] | None = None,
            provider: str) -> list[dict] | None:
        """The cached answer: a list of candidates, ``[]`` for a known miss, ``None`` when not cached.

        Parameters
        ----------
        query : str
            The name as asked; it is normalised here.
        country_hint : str or iterable of str, optional
            Part of the key: an answer for "Georgia" with hint "US" is not the one without.
        provider : str
            Part of the key: ``"nominatim"``, ``"photon"`` ...
        """
        key = (normalise(query), hint_key(country_hint), provider)
        row = self._run(lambda c: c.execute(
            "SELECT results, expires FROM answers WHERE query=? AND country=? AND provider=?", key).fetchone())
        if row is None or (row[1] is not None and row[1] < time.time()):
            return None
        return _json(row[0])

    def put(self, query: str, results: list[dict], *, country_hint: str | Iterable[str] | None = None,
            provider: str) -> None:
        """Store an answer; an empty ``results`` is a miss and expires after ``miss_ttl_days``."""
        now = time.time()
        payload = json.dumps(list(results), ensure_ascii=False, allow_nan=False)
        expires = None if results else now + self.miss_ttl_seconds
        row = (normalise(query), hint_key(country_hint), provider, payload, now, expires)
        self._write(lambda c: c.execute("INSERT OR REPLACE INTO answers VALUES (?, ?, ?, ?, ?, ?)", row))

    def purge_expired(self) -> int:
        """Delete expired misses; returns how many went."""
        now = time.time()
        return self._write(lambda c: c.execute(
            "DELETE FROM answers WHERE expires IS NOT NULL AND expires < ?", (now,)).rowcount)

    def clear(self, *, provider: str | None = None) -> None:
        """Forget cached answers (of one provider, or all). Overrides stay: they are user data."""
        if provider is None:
            self._write(lambda c: c.execute("DELETE FROM answers"))
        else:
            self._write(lambda c: c.execute("DELETE FROM answers WHERE provider=?", (provider,)))

    def __len__(self) -> int:
        return self._run(lambda c: c.execute("SELECT COUNT(*) FROM answers").fetchone()[0])

    # -- overrides ------------------------------------------------------------------------
    def set_override(self, query: str, *, country_hint: str | Iterable[str] | None = None, place: dict) -> None:
        """Record a user's correction: from now on ``query`` (with this hint) resolves to ``place``.

        Parameters
        ----------
        query : str
            The name being corrected, as the user saw it.
        country_hint : str or iterable of str, optional
            Limit the correction to lookups with this hint; ``None`` applies it to every lookup.
        place : dict
            At least ``latitude`` and ``longitude``; other candidate keys (``name``, ``kind``,
            ``country_code`` ...) are kept as given.

        Examples
        --------
        >>> cache = GeocodeCache(":memory:")
        >>> cache.set_override("Mir Ali", country_hint="PK", place={"latitude": 33.0, "longitude": 70.3})
        >>> cache.get_override("MIR-ALI", country_hint="pk")["name"]
        'Mir Ali'
        """
        key = normalise(query)
        if not key:
            raise InputError("an override needs a place name with at least one letter or digit")
        clean = _checked_place(query, place)
        row = (key, hint_key(country_hint), query.strip(), json.dumps(clean, ensure_ascii=False), time.time())
        self._write(lambda c: c.execute("INSERT OR REPLACE INTO overrides VALUES (?, ?, ?, ?, ?)", row))

    def get_override(self, query: str, *, country_hint: str | Iterable[str] | None = None) -> dict | None:
        """The user's correction for exactly this query and hint, or ``None``."""
        row = self._run(lambda c: c.execute("SELECT place FROM overrides WHERE query=? AND country=?",
                                            (normalise(query), hint_key(country_hint))).fetchone())
        return None if row is None else _json(row[0])

    def remove_override(self, query: str, *, country_hint: str | Iterable[str] | None = None) -> bool:
        """Drop a correction; ``True`` when there was one."""
        key = (normalise(query), hint_key(country_hint))
        return self._write(lambda c: c.execute("DELETE FROM overrides WHERE query=? AND country=?", key).rowcount) > 0

    def overrides(self) -> list[dict]:
        """Every correction, oldest first: ``{"query", "country_hint", "place", "created"}``."""
        rows = self._run(lambda c: c.execute(
            "SELECT label, country, place, created FROM overrides ORDER BY created, query").fetchall())
        out = []
        for label, country, text, created in rows:
            place = _json(text)
            if place is not None:
                out.append({"query": label, "country_hint": country or None, "place": place,
                            "created": datetime.fromtimestamp(created, UTC).isoformat(timespec="seconds")})
        return out

    # -- connection handling --------------------------------------------------------------
    def close(self) -> None:
        with self._lock:
            if self._conn is not None:
                self._conn.close()
                self._conn = None

    def _connect(self) -> None:
        """Open (or reopen) the database, setting a corrupt file aside; falls back to memory."""
        with self._lock:
            if self._conn is not None:
                self._conn.close()
            self._pid = os.getpid()
            if self.path == _MEMORY:
                self._conn = _open(_MEMORY)
                return
            reason: Exception = RuntimeError("not opened")
            for attempt in range(_LOCK_RETRIES + 1):
                try:
                    self._conn = _open(self.path)
                    return
                except sqlite3.DatabaseError as exc:
                    reason = exc
                    if not _is_locked(exc):
                        break
                    time.sleep(min(2.0, 0.05 * 2 ** attempt))  # another process is mid-write or mid-setup
                except (OSError, _SchemaMismatchError) as exc:  # nothing a rename would fix
                    reason = exc
                    break
            if type(reason) is sqlite3.DatabaseError and self._set_aside(reason):
                try:
                    self._conn = _open(self.path)
                    return
                except (sqlite3.DatabaseError, OSError) as exc:
                    reason = exc
            log.warning("geocode cache %s is unusable (%s); keeping answers in memory for this run",
                        self.path, reason)
            self._conn = _open(_MEMORY)

    def _set_aside(self, reason: Exception) -> bool:
        """Rename an unreadable cache file (and its WAL) out of the way, so a fresh one can be made."""
        stamp = datetime.now().strftime("%Y%m%dT%H%M%S")
        target = self.path.with_name(f"{self.path.name}.corrupt-{stamp}-{os.getpid()}")
        try:
            os.replace(self.path, target)
        except FileNotFoundError:
            return True  # another process already moved it
        except OSError as exc:
            log.warning("geocode cache %s is unreadable (%s) and cannot be moved aside: %s", self.path, reason, exc)
            return False
        for suffix in ("-wal", "-shm"):  # a stale log must not be replayed into the new file
            side = self.path.with_name(self.path.name + suffix)
            if side.exists():
                with contextlib.suppress(OSError):
                    os.replace(side, target.with_name(target.name + suffix))
        log.warning("geocode cache %s was unreadable (%s); moved it to %s and started a new one",
                    self.path, reason, target.name)
        return True

    def _run(self, op: Callable[[sqlite3.Connection], T], *, write: bool = False) -> T:
        """Run ``op`` on the connection: retry while locked, recover once from a corrupt file."""
        recovered = False
        for attempt in range(_LOCK_RETRIES + 1):
            with self._lock:
                if self._conn is None or self._pid != os.getpid():  # closed, or inherited through fork
                    self._connect()
                conn = self._conn
                assert conn is not None
                try:
                    if not write:
                        return op(conn)
                    conn.execute("BEGIN IMMEDIATE")  # take the write lock now: no upgrade deadlock later
                    try:
                        result = op(conn)
                    except BaseException:
                        conn.rollback()
                        raise
                    conn.commit()
                    return result
                except sqlite3.DatabaseError as exc:
                    if _is_locked(exc):
                        if attempt == _LOCK_RETRIES:
                            raise
                    elif recovered or type(exc) is not sqlite3.DatabaseError:
                        raise  # only SQLITE_CORRUPT / SQLITE_NOTADB arrive as the bare class
                    else:
                        recovered = True
                        conn.close()
                        self._conn = None
                        if self.path != _MEMORY and self._set_aside(exc):
                            self._connect()
                        continue
            time.sleep(min(2.0, 0.05 * 2 ** attempt))  # busy_timeout already waited; back off a little more
        raise AssertionError("unreachable")  # pragma: no cover

    def _write(self, op: Callable[[sqlite3.Connection], T]) -> T:
        return self._run(op, write=True)


def _open(path: Path | str) -> sqlite3.Connection:
    """Connect, switch to WAL and check the file is a sound cache; raises ``sqlite3.DatabaseError``."""
    if path != _MEMORY:
        Path(path).parent.mkdir(parents=True, exist_ok=True)
    conn = sqlite3.connect(str(path), timeout=_BUSY_TIMEOUT_MS / 1000, isolation_level=None,
                           check_same_thread=False)
    try:
        conn.execute(f"PRAGMA busy_timeout={_BUSY_TIMEOUT_MS}")
        if path != _MEMORY:
            conn.execute("PRAGMA journal_mode=WAL")
            conn.execute("PRAGMA synchronous=NORMAL")  # WAL keeps it consistent; a power cut may lose the last answer
            check = conn.execute("PRAGMA quick_check").fetchone()[0]
            if check != "ok":
                raise sqlite3.DatabaseError(f"integrity check failed: {check}")
        conn.executescript(_SCHEMA)
        version = conn.execute("SELECT value FROM meta WHERE key='schema'").fetchone()
        if version is None:
            conn.execute("INSERT OR IGNORE INTO meta VALUES ('schema', ?)", (str(SCHEMA_VERSION),))
        elif version[0] != str(SCHEMA_VERSION):  # a newer program's file: leave it (and its overrides) alone
            raise _SchemaMismatchError(f"written with cache schema {version[0]}; this program reads {SCHEMA_VERSION}")
    except BaseException:
        conn.close()
        raise
    return conn


class _SchemaMismatchError(Exception):
    """The file is a sound cache of another schema version."""


def _is_locked(exc: sqlite3.DatabaseError) -> bool:
    text = str(exc).lower()
    return isinstance(exc, sqlite3.OperationalError) and ("locked" in text or "busy" in text)


def _json(text: str) -> Any:
    """A stored value; ``None`` for one that was edited into something unreadable (treated as absent)."""
    try:
        return json.loads(text)
    except (TypeError, ValueError):
        log.warning("geocode cache holds an unreadable value; ignoring it")
        return None


def _checked_place(query: str, place: dict) -> dict[str, Any]:
    if not isinstance(place, dict):
        raise InputError("an override's place must be a dict with latitude and longitude")
    try:
        lat, lon = float(place["latitude"]), float(place["longitude"])
    except (KeyError, TypeError, ValueError) as exc:
        raise InputError("an override's place needs numeric 'latitude' and 'longitude'") from exc
    if not (math.isfinite(lat) and math.isfinite(lon) and -90 <= lat <= 90 and -180 <= lon <= 180):
        raise InputError(f"an override's point ({lat}, {lon}) is outside the globe")
    clean = {k: v for k, v in place.items() if isinstance(k, str)}
    clean.update(latitude=lat, longitude=lon)
    clean.setdefault("name", query.strip())
    return clean


_SHARED_LOCK = threading.Lock()
_SHARED: dict[str, GeocodeCache] = {}


def shared(cache_dir: Path | str | None = None) -> GeocodeCache:
    """One cache object per cache directory for the whole process.

    Examples
    --------
    >>> shared("/tmp/conflict-map-doctest") is shared("/tmp/conflict-map-doctest")   # doctest: +SKIP
    True
    """
    directory = Path(cache_dir) if cache_dir else load_settings().cache_dir
    key = str(directory.resolve())
    with _SHARED_LOCK:
        if key not in _SHARED:
            _SHARED[key] = GeocodeCache(directory / CACHE_FILE)
        return _SHARED[key]
