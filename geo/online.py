"""The online geocoding provider: any geopy geocoder, rate-limited for the whole process, with retries.

Nominatim's usage policy allows one request per second per application, so every request from
every :class:`OnlineProvider` in this process passes through one shared geopy ``RateLimiter``.
Timeouts, HTTP 429 (after the ``Retry-After`` the server asks for) and 5xx answers are retried with
exponential backoff; anything else, or the last failure, becomes :class:`geo.errors.GeocoderError`,
the one error type callers catch. Answers are mapped into the candidate dicts the gazetteer gives.

Nothing here is imported until a lookup actually goes online, so offline use never loads an HTTP
stack, let alone opens a socket.

Examples
--------
>>> from geo.settings import load_settings
>>> provider = OnlineProvider(settings=load_settings(geocoder_domain="127.0.0.1:8080",
...                                                  geocoder_scheme="http"))   # doctest: +SKIP
>>> provider.search("Mir Ali", country_codes=["PK"])[0]["precision"]           # doctest: +SKIP
'place'
"""

from __future__ import annotations

import functools
import inspect
import logging
import threading
import time
from collections.abc import Callable, Sequence
from typing import Any

from geopy.adapters import AdapterHTTPError, RequestsAdapter, URLLibAdapter, get_retry_after
from geopy.exc import (
    GeocoderNotFound,
    GeocoderParseError,
    GeocoderRateLimited,
    GeocoderServiceError,
    GeocoderTimedOut,
    GeocoderUnavailable,
    GeopyError,
)
from geopy.extra.rate_limiter import RateLimiter
from geopy.geocoders import get_geocoder_for_service

from geo.errors import GeocoderError
from geo.settings import Settings

log = logging.getLogger(__name__)

__all__ = ["OnlineProvider", "map_nominatim"]

#: Candidates asked of the provider per query: one request answers any later ``limit`` up to this.
FETCH_LIMIT = 10
OSM_LICENCE = "© OpenStreetMap contributors, ODbL"


def _call(func: Callable[..., Any], /, *args: Any, **kwargs: Any) -> Any:
    return func(*args, **kwargs)


# One limiter for the process: every provider instance, every thread. Retries are ours (below), so
# the limiter only spaces requests; it re-raises instead of swallowing.
_LIMITER = RateLimiter(_call, min_delay_seconds=1.0, max_retries=0, swallow_exceptions=False)
_LIMITER_LOCK = threading.Lock()


def _tighten_limiter(min_delay_seconds: float) -> None:
    """A setting may slow the process-wide pace, never speed it past one request per second."""
    with _LIMITER_LOCK:
        _LIMITER.min_delay_seconds = max(_LIMITER.min_delay_seconds, float(min_delay_seconds))


def _adapter_factory() -> Callable[..., Any]:
    # requests' own adapter retries reads twice by default: retries that would skip the rate limiter.
    if RequestsAdapter.is_available:
        return functools.partial(RequestsAdapter, max_retries=0)
    return URLLibAdapter


class OnlineProvider:
    """One geopy geocoder, behind the process-wide rate limiter, with retries and backoff.

    Parameters
    ----------
    settings : Settings
        ``geocoder`` (a geopy service name), ``geocoder_domain``/``_scheme``, ``user_agent``,
        ``timeout``, ``max_retries``, ``min_delay_seconds`` and ``provider_options`` (extra keyword
        arguments for the geopy class, such as an ``api_key``).
    geolocator : geopy geocoder, optional
        A ready geopy geocoder, to use instead of building one from ``settings``.
    backoff_seconds : float
        The first wait before a retry; it doubles with each further attempt.
    max_wait_seconds : float
        A server asking for a longer wait than this is given up on at once.

    Examples
    --------
    >>> from geo.settings import load_settings
    >>> OnlineProvider(settings=load_settings(geocoder="photon")).name
    'photon'
    """

    def __init__(self, *, settings: Settings, geolocator: Any = None, backoff_seconds: float = 1.0,
                 max_wait_seconds: float = 60.0, sleep: Callable[[float], None] = time.sleep):
        self.name = settings.geocoder.strip().lower()
        self.max_retries = max(0, int(settings.max_retries))
        self.backoff_seconds = backoff_seconds
        self.max_wait_seconds = max_wait_seconds
        self._sleep = sleep
        self._geolocator = geolocator if geolocator is not None else build_geolocator(settings)
        _tighten_limiter(settings.min_delay_seconds)

    def search(self, query: str, *, country_codes: Sequence[str] = (), limit: int = FETCH_LIMIT) -> list[dict]:
        """Ask the provider; ranked candidate dicts, ``[]`` when it knows no such place.

        Raises
        ------
        GeocoderError
            The provider failed after the retries, refused the query, or sent an unreadable answer.
        """
        kwargs = self._query_options(country_codes=country_codes, limit=limit)
        attempts = self.max_retries + 1
        reason = ""
        for attempt in range(attempts):
            try:
                locations = _LIMITER(self._geolocator.geocode, query, **kwargs)
                return self._candidates(locations)
            except GeocoderRateLimited as exc:
                reason, wait = "too many requests (HTTP 429)", _retry_after(exc)
            except (GeocoderTimedOut, GeocoderUnavailable) as exc:  # geopy maps 503 and 504 to TimedOut
                reason, wait = f"{type(exc).__name__}: {exc}", _retry_after(exc)
            except GeocoderParseError as exc:
                raise GeocoderError(f"{self.name} sent an answer that is not valid JSON") from exc
            except GeocoderServiceError as exc:
                if (_status(exc) or 0) < 500:
                    raise GeocoderError(f"{self.name} refused the query: {exc}") from exc
                reason, wait = f"server error (HTTP {_status(exc)})", _retry_after(exc)
            except GeopyError as exc:
                raise GeocoderError(f"{self.name} failed: {exc}") from exc
            except (TypeError, ValueError, KeyError, AttributeError, IndexError) as exc:
                raise GeocoderError(f"{self.name} sent an answer of an unexpected shape: {exc}") from exc
            if attempt == attempts - 1:
                break
            wait = self.backoff_seconds * 2 ** attempt if wait is None else wait
            if wait > self.max_wait_seconds:
                raise GeocoderError(f"{self.name}: {reason}; it asks to wait {wait:.0f} s, more than "
                                    f"{self.max_wait_seconds:.0f} s, so the lookup is given up")
            log.info("%s: %s; retrying in %.1f s (attempt %d of %d)", self.name, reason, wait, attempt + 2, attempts)
            self._sleep(wait)
        raise GeocoderError(f"{self.name} failed after {attempts} attempts: {reason}")

    def _query_options(self, *, country_codes: Sequence[str], limit: int) -> dict[str, Any]:
        accepted = inspect.signature(self._geolocator.geocode).parameters
        wanted = {"exactly_one": False, "limit": limit, "addressdetails": True, "extratags": True,
                  "country_codes": [c.lower() for c in country_codes] or None}
        return {k: v for k, v in wanted.items() if k in accepted and v is not None}

    def _candidates(self, locations: Any) -> list[dict]:
        if not locations:
            return []
        if not isinstance(locations, list):
            locations = [locations]
        return [_map_location(location, provider=self.name) for location in locations]


def build_geolocator(settings: Settings) -> Any:
    """The geopy geocoder named by ``settings.geocoder``, configured from the settings.

    Examples
    --------
    >>> from geo.settings import load_settings
    >>> build_geolocator(load_settings(geocoder_domain="127.0.0.1:8080", geocoder_scheme="http")).api
    'http://127.0.0.1:8080/search'
    """
    try:
        cls = get_geocoder_for_service(settings.geocoder.strip().lower())
    except GeocoderNotFound as exc:
        raise GeocoderError(f"unknown geocoder {settings.geocoder!r}: use a geopy service name such as "
                            "'nominatim' or 'photon'") from exc
    accepted = inspect.signature(cls.__init__).parameters
    options = {"user_agent": settings.user_agent, "domain": settings.geocoder_domain,
               "scheme": settings.geocoder_scheme, "timeout": settings.timeout,
               "adapter_factory": _adapter_factory()}
    kwargs = {k: v for k, v in options.items() if v is not None and k in accepted}
    kwargs.update(settings.provider_options)
    try:
        return cls(**kwargs)
    except (GeopyError, TypeError, ValueError) as exc:
        raise GeocoderError(f"cannot configure geocoder {settings.geocoder!r}: {exc}") from exc


def _status(exc: BaseException) -> int | None:
    cause = exc.__cause__
    return cause.status_code if isinstance(cause, AdapterHTTPError) else None


def _retry_after(exc: BaseException) -> float | None:
    """Seconds the server asked us to wait: geopy reads it for 429; for 503 it is on the HTTP error."""
    seconds = getattr(exc, "retry_after", None)
    if seconds is None and isinstance(exc.__cause__, AdapterHTTPError):
        seconds = get_retry_after(exc.__cause__.headers or {})
    return None if seconds is None else max(0.0, float(seconds))


def _map_location(location: Any, *, provider: str) -> dict:
    raw = getattr(location, "raw", None)
    if isinstance(raw, dict) and ("osm_type" in raw or "place_rank" in raw or "addresstype" in raw):
        return map_nominatim(raw, provider=provider)
    # Any other provider: what every geopy Location has.
    return {"name": str(location.address).split(",")[0].strip(), "kind": "place", "country_code": None,
            "admin1": None, "admin2": None, "latitude": float(location.latitude),
            "longitude": float(location.longitude), "population": None, "precision": "place",
            "provider": provider, "source": provider, "geonameid": None}


# Nominatim's addresstype (or, failing that, its place_rank) says what sort of place an answer is.
_KIND_BY_ADDRESSTYPE = {
    "continent": "region", "country": "country",
    "state": "admin1", "province": "admin1", "region": "admin1",
    "state_district": "admin2", "county": "admin2", "district": "admin2", "municipality": "admin2",
}
_PRECISION = {"country": "country", "admin1": "admin1", "admin2": "admin2", "region": "country"}
_ADMIN1_KEYS = ("state", "province", "region")
_ADMIN2_KEYS = ("county", "state_district", "district", "municipality")


def _kind(raw: dict) -> str:
    addresstype = str(raw.get("addresstype") or "")
    if addresstype in _KIND_BY_ADDRESSTYPE:
        return _KIND_BY_ADDRESSTYPE[addresstype]
    category = raw.get("category") or raw.get("class")
    if category == "boundary" and raw.get("type") == "administrative":
        rank = int(raw.get("place_rank") or 30)
        return "country" if rank <= 4 else "admin1" if rank <= 9 else "admin2" if rank <= 12 else "place"
    return "place"


def map_nominatim(raw: dict, *, provider: str = "nominatim") -> dict:
    """Map one Nominatim record (``json`` or ``jsonv2``, with ``addressdetails``) to a candidate dict.

    Examples
    --------
    >>> map_nominatim({"lat": "33.0", "lon": "70.3", "name": "Mir Ali", "addresstype": "town",
    ...                "display_name": "Mir Ali, North Waziristan, Pakistan",
    ...                "address": {"country_code": "pk", "state": "Khyber Pakhtunkhwa"}})["admin1"]
    'Khyber Pakhtunkhwa'
    """
    address = raw.get("address") if isinstance(raw.get("address"), dict) else {}
    kind = _kind(raw)
    name = raw.get("name") or str(raw.get("display_name") or "").split(",")[0].strip()
    population = (raw.get("extratags") or {}).get("population")
    osm = " ".join(str(raw[k]) for k in ("osm_type", "osm_id") if raw.get(k))
    admin1 = next((address[k] for k in _ADMIN1_KEYS if address.get(k)), None)
    admin2 = next((address[k] for k in _ADMIN2_KEYS if address.get(k)), None)
    return {
        "name": name,
        "kind": kind,
        "country_code": (address.get("country_code") or "").upper() or None,
        "admin1": name if kind == "admin1" else admin1 if kind in ("admin2", "place") else None,
        "admin2": name if kind == "admin2" else admin2 if kind == "place" else None,
        "latitude": float(raw["lat"]),
        "longitude": float(raw["lon"]),
        "population": int(population) if str(population or "").isdigit() else None,
        "precision": _PRECISION.get(kind, "place"),
        "provider": provider,
        "source": f"{provider}: OpenStreetMap{' ' + osm if osm else ''}; {OSM_LICENCE}",
        "geonameid": None,
    }
