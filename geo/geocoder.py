"""Place name in, ranked candidate places out: the geocoding chain.

The chain, first answer wins:

1. a user's override (:meth:`geo.cache.GeocodeCache.set_override`), always ranked first;
2. the offline gazetteer (provider ``"gazetteer"``);
3. the geocode cache, for names the gazetteer lacks: earlier online answers and "not found" marks
   (a local read, so they serve offline too);
4. the online provider (:mod:`geo.online`), only when online lookups are enabled; its answer,
   found or not, goes into the cache so the same question is never asked twice.

The gazetteer is consulted before the SQLite cache on purpose: it is itself a compiled in-memory
cache, faster than a database read, and it must win when a curated row is added for a name that
was once looked up online. It is also why gazetteer answers are not copied into the cache: they
would go stale each time the index is rebuilt.

Online is off unless ``online=True`` is passed, ``settings.online`` is set, or the environment has
``CONFLICT_MAP_ONLINE=1``. Offline, no socket is opened and no HTTP library is imported.

Examples
--------
>>> geocode("Kandahār")[0]["country_code"]            # doctest: +SKIP
'AF'
>>> geocode("Georgia", country_hint="US")[0]["kind"]  # doctest: +SKIP
'admin1'
"""

from __future__ import annotations

import logging
import re
import sqlite3
import threading
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from geo import cache as cache_module
from geo import gazetteer as gazetteer_module
from geo.cache import GeocodeCache, hint_key
from geo.errors import InputError
from geo.settings import Settings, load_settings
from geo.text import normalise

if TYPE_CHECKING:
    from geo.gazetteer import Gazetteer, Place
    from geo.online import OnlineProvider

log = logging.getLogger(__name__)

__all__ = ["MAX_QUERY_CHARS", "RESULT_KEYS", "Geocoder", "clean_query", "geocode", "shared_geocoder"]

#: Every candidate has these keys (plus ``geonameid``, ``None`` when not from GeoNames).
RESULT_KEYS = ("name", "kind", "country_code", "admin1", "admin2", "latitude", "longitude", "population",
               "precision", "provider", "source")
#: Longer "names" are sentences or pasted documents, not places.
MAX_QUERY_CHARS = 200
MAX_LIMIT = 50
GAZETTEER = "gazetteer"
OVERRIDE = "override"
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029]+")


def clean_query(name: Any) -> str:
    """Check and tidy a place name: control characters become spaces, whitespace is collapsed.

    Parameters
    ----------
    name : str
        What the user or a report gave.

    Raises
    ------
    InputError
        ``name`` is not text, is longer than ``MAX_QUERY_CHARS``, or is not valid Unicode.

    Examples
    --------
    >>> clean_query("  Spin\\tBoldak\\n")
    'Spin Boldak'
    >>> clean_query("x" * 300)
    Traceback (most recent call last):
    ...
    geo.errors.InputError: a place name of 300 characters is too long: at most 200 are accepted
    """
    if not isinstance(name, str):
        raise InputError(f"a place name must be text, not {type(name).__name__}")
    text = " ".join(_CONTROL.sub(" ", name).split())
    if len(text) > MAX_QUERY_CHARS:
        raise InputError(f"a place name of {len(text)} characters is too long: at most {MAX_QUERY_CHARS} are accepted")
    try:
        text.encode("utf-8")
    except UnicodeEncodeError as exc:
        raise InputError("the place name is not valid Unicode text (it holds an unpaired surrogate)") from exc
    return text


def _checked_limit(limit: Any) -> int:
    if isinstance(limit, bool) or not isinstance(limit, int) or not 1 <= limit <= MAX_LIMIT:
        raise InputError(f"limit must be a whole number from 1 to {MAX_LIMIT}, not {limit!r}")
    return limit


def _from_place(place: Place) -> dict:
    row = place.as_dict()
    out = {key: row.get(key) for key in RESULT_KEYS}
    out["provider"] = GAZETTEER
    out["geonameid"] = row.get("geonameid")
    return out


def _from_override(place: dict) -> dict:
    out = {key: place.get(key) for key in RESULT_KEYS}
    out.update(provider=OVERRIDE, source=f"user correction{'; ' + place['source'] if place.get('source') else ''}",
               geonameid=place.get("geonameid"))
    out["kind"] = out["kind"] or "place"
    out["precision"] = out["precision"] or (out["kind"] if out["kind"] in ("country", "admin1", "admin2") else "place")
    return out


class Geocoder:
    """The geocoding chain with swappable parts. Thread-safe; one per process is enough.

    Parameters
    ----------
    settings : Settings, optional
        Defaults to :func:`geo.settings.load_settings` (the environment).
    gazetteer : Gazetteer, optional
        Defaults to the process's shared index for ``settings.cache_dir``, loaded on first use.
    cache : GeocodeCache, optional
        Defaults to the process's shared cache file in ``settings.cache_dir``, opened on first use.
    provider : OnlineProvider, optional
        Defaults to one built from ``settings`` the first time a lookup goes online.

    Examples
    --------
    >>> from geo.cache import GeocodeCache
    >>> geocoder = Geocoder(cache=GeocodeCache(":memory:"))            # doctest: +SKIP
    >>> geocoder.geocode("Tripoli", limit=2)[0]["country_code"]       # doctest: +SKIP
    'LY'
    """

    def __init__(self, *, settings: Settings | None = None, gazetteer: Gazetteer | None = None,
                 cache: GeocodeCache | None = None, provider: OnlineProvider | None = None):
        self.settings = settings or load_settings()
        self._gazetteer = gazetteer
        self._cache = cache
        self._provider = provider
        self._lock = threading.Lock()

    @property
    def gazetteer(self) -> Gazetteer:
        if self._gazetteer is None:
            self._gazetteer = gazetteer_module.shared(self.settings.cache_dir)
        return self._gazetteer

    @property
    def cache(self) -> GeocodeCache:
        if self._cache is None:
            self._cache = cache_module.shared(self.settings.cache_dir)
        return self._cache

    @property
    def provider(self) -> OnlineProvider:
        with self._lock:
            if self._provider is None:
                from geo.online import OnlineProvider  # imported only when going online

                self._provider = OnlineProvider(settings=self.settings)
            return self._provider

    def geocode(self, name: str, *, country_hint: str | Iterable[str] | None = None, limit: int = 5,
                online: bool | None = None) -> list[dict]:
        """Ranked candidates for a place name, best first; ``[]`` when nothing is known.

        Parameters
        ----------
        name : str
            A place name as written; case, accents and punctuation do not matter.
        country_hint : str or iterable of str, optional
            ISO alpha-2 codes the context points to: ``"US"`` makes "Georgia" the state.
        limit : int
            At most this many candidates (1 to 50).
        online : bool, optional
            Ask the online provider when the offline sources know nothing. ``None`` follows
            ``settings.online``.

        Returns
        -------
        list of dict
            Keys ``name, kind, country_code, admin1, admin2, latitude, longitude, population,
            precision, provider, source`` (and ``geonameid``).

        Raises
        ------
        InputError
            ``name``, ``country_hint`` or ``limit`` cannot be used; the message says why.
        GeocoderError
            The online provider failed after its retries (only when online).

        Examples
        --------
        >>> Geocoder().geocode("Türkiye")[0]["name"]   # doctest: +SKIP
        'Turkey'
        """
        query = clean_query(name)
        hints = hint_key(country_hint)
        limit = _checked_limit(limit)
        if not normalise(query):
            return []  # nothing that could name a place: punctuation, emoji, blanks
        codes = hints.split(",") if hints else []
        results: list[dict] = []
        override = self._override(query, hints, codes)
        if override is not None:
            results.append(_from_override(override))
        found = [_from_place(p) for p in self.gazetteer.search(query, country_hint=codes or None, limit=limit)]
        if not found and override is None:
            cached = self._cached(query, codes)  # a local read: earlier online answers serve offline too
            if cached is not None:
                found = cached
            elif self.settings.online if online is None else online:
                found = self._online(query, codes)
        results.extend(found)
        return results[:limit]

    def _override(self, query: str, hints: str, codes: list[str]) -> dict | None:
        """The correction for this exact hint, else a hint-less one that does not contradict the hint."""
        try:
            place = self.cache.get_override(query, country_hint=codes or None)
            if place is None and hints:
                place = self.cache.get_override(query)
                if place is not None and place.get("country_code") and str(place["country_code"]).upper() not in codes:
                    place = None
        except sqlite3.Error as exc:  # the cache is best effort; a lookup still answers without it
            log.warning("geocode cache unavailable for overrides: %s", exc)
            return None
        return place

    def _provider_name(self) -> str:
        if self._provider is not None:
            return self._provider.name
        return self.settings.geocoder.strip().lower()  # what OnlineProvider will call itself, without building it

    def _cached(self, query: str, codes: list[str]) -> list[dict] | None:
        try:
            return self.cache.get(query, country_hint=codes or None, provider=self._provider_name())
        except sqlite3.Error as exc:  # the cache is best effort
            log.warning("geocode cache unavailable: %s", exc)
            return None

    def _online(self, query: str, codes: list[str]) -> list[dict]:
        provider = self.provider
        found = provider.search(query, country_codes=codes)
        try:
            self.cache.put(query, found, country_hint=codes or None, provider=provider.name)
        except sqlite3.Error as exc:
            log.warning("could not cache the answer for %r: %s", query, exc)
        return found


_SHARED_LOCK = threading.Lock()
_SHARED: dict[str, Geocoder] = {}


def shared_geocoder(settings: Settings | None = None) -> Geocoder:
    """One :class:`Geocoder` per distinct settings for the whole process.

    Without ``settings`` the environment is read once, at the first call.
    """
    key = "" if settings is None else repr(settings)
    with _SHARED_LOCK:
        if key not in _SHARED:
            _SHARED[key] = Geocoder(settings=settings)
        return _SHARED[key]


def geocode(name: str, *, country_hint: str | Iterable[str] | None = None, limit: int = 5,
            online: bool | None = None, settings: Settings | None = None) -> list[dict]:
    """Ranked candidates for a place name through the process's shared :class:`Geocoder`.

    Parameters
    ----------
    name : str
        A place name as written.
    country_hint : str or iterable of str, optional
        ISO alpha-2 codes the context points to.
    limit : int
        At most this many candidates.
    online : bool, optional
        Override ``settings.online`` for this call.
    settings : Settings, optional
        The Streamlit app passes its secrets in here (``load_settings(online=True, ...)``).

    Examples
    --------
    >>> [c["country_code"] for c in geocode("Tripoli", limit=2)]   # doctest: +SKIP
    ['LY', 'LB']
    >>> geocode("")
    []
    """
    return shared_geocoder(settings).geocode(name, country_hint=country_hint, limit=limit, online=online)
