"""A Nominatim look-alike on 127.0.0.1 for the online geocoding tests: real HTTP, no internet.

It answers ``/search`` like Nominatim does (``format=json`` or ``jsonv2``, ``limit``,
``countrycodes``, ``addressdetails``), from a small table of real-looking records, and can be
scripted to misbehave: answer 429 or 503 first, stall past the client's timeout, send broken JSON.
Every request's arrival time is recorded server-side, so tests can check the client's pacing.

Examples
--------
>>> with NominatimServer() as server:                       # doctest: +SKIP
...     server.script(Reply(status=429, headers={"Retry-After": "1"}))
...     Nominatim(user_agent="test", domain=server.domain, scheme="http").geocode("Ghulam Khan")
"""

from __future__ import annotations

import itertools
import json
import threading
import time
from collections import deque
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlsplit

LICENCE = "Data © OpenStreetMap contributors, ODbL 1.0. http://osm.org/copyright"

# jsonv2 records, shaped like nominatim.openstreetmap.org answers with addressdetails=1.
RECORDS: dict[str, list[dict]] = {
    "ghulam khan": [{
        "place_id": 243871902, "licence": LICENCE, "osm_type": "node", "osm_id": 6125389176,
        "lat": "33.2441520", "lon": "69.8603817", "category": "place", "type": "village", "place_rank": 19,
        "importance": 0.2751, "addresstype": "village", "name": "Ghulam Khan",
        "display_name": "Ghulam Khan, North Waziristan District, Bannu Division, Khyber Pakhtunkhwa, Pakistan",
        "address": {"village": "Ghulam Khan", "county": "North Waziristan District",
                    "state_district": "Bannu Division", "state": "Khyber Pakhtunkhwa",
                    "ISO3166-2-lvl4": "PK-KP", "country": "Pakistan", "country_code": "pk"},
        "extratags": {"population": "3120"},
        "boundingbox": ["33.2241520", "33.2641520", "69.8403817", "69.8803817"],
    }],
    "razmak": [{
        "place_id": 241208876, "licence": LICENCE, "osm_type": "node", "osm_id": 1926427813,
        "lat": "32.6052966", "lon": "69.8457421", "category": "place", "type": "town", "place_rank": 18,
        "importance": 0.3529, "addresstype": "town", "name": "Razmak",
        "display_name": "Razmak, North Waziristan District, Bannu Division, Khyber Pakhtunkhwa, Pakistan",
        "address": {"town": "Razmak", "county": "North Waziristan District", "state_district": "Bannu Division",
                    "state": "Khyber Pakhtunkhwa", "ISO3166-2-lvl4": "PK-KP", "country": "Pakistan",
                    "country_code": "pk"},
        "boundingbox": ["32.5852966", "32.6252966", "69.8257421", "69.8657421"],
    }, {
        "place_id": 318734512, "licence": LICENCE, "osm_type": "relation", "osm_id": 8450151,
        "lat": "32.6310004", "lon": "69.8123180", "category": "boundary", "type": "administrative",
        "place_rank": 16, "importance": 0.2101, "addresstype": "city_district", "name": "Razmak Tehsil",
        "display_name": "Razmak Tehsil, North Waziristan District, Khyber Pakhtunkhwa, Pakistan",
        "address": {"city_district": "Razmak Tehsil", "county": "North Waziristan District",
                    "state": "Khyber Pakhtunkhwa", "country": "Pakistan", "country_code": "pk"},
        "boundingbox": ["32.4706380", "32.7693040", "69.6219861", "70.0325447"],
    }],
    "bab al hawa": [{
        "place_id": 197735634, "licence": LICENCE, "osm_type": "node", "osm_id": 2400931416,
        "lat": "36.2288396", "lon": "36.6716063", "category": "barrier", "type": "border_control",
        "place_rank": 30, "importance": 0.2913, "addresstype": "barrier", "name": "Bab al-Hawa",
        "display_name": "Bab al-Hawa, Sarmada, Harem District, Idlib Governorate, Syria",
        "address": {"barrier": "Bab al-Hawa", "town": "Sarmada", "county": "Harem District",
                    "state": "Idlib Governorate", "ISO3166-2-lvl4": "SY-ID", "country": "Syria",
                    "country_code": "sy"},
        "boundingbox": ["36.2287896", "36.2288896", "36.6715563", "36.6716563"],
    }],
    "kunar": [{
        "place_id": 299231764, "licence": LICENCE, "osm_type": "relation", "osm_id": 1675005,
        "lat": "34.8465893", "lon": "71.0973170", "category": "boundary", "type": "administrative",
        "place_rank": 8, "importance": 0.5232, "addresstype": "province", "name": "Kunar",
        "display_name": "Kunar, Afghanistan",
        "address": {"province": "Kunar", "ISO3166-2-lvl4": "AF-KNR", "country": "Afghanistan",
                    "country_code": "af"},
        "boundingbox": ["34.4180712", "35.5022163", "70.4290419", "71.6425657"],
    }],
}


@dataclass
class Reply:
    """One scripted answer. ``body=None`` answers from :data:`RECORDS` for the query asked."""

    status: int = 200
    body: str | bytes | None = None
    headers: dict[str, str] = field(default_factory=dict)
    delay: float = 0.0  # seconds to stall before answering: longer than the client's timeout is a timeout


@dataclass
class Arrival:
    """A request as the server saw it."""

    at: float  # time.monotonic() on arrival
    path: str
    params: dict[str, str]
    user_agent: str


class NominatimServer:
    """A threaded HTTP server on a free port of 127.0.0.1; use as a context manager."""

    def __init__(self, records: dict[str, list[dict]] | None = None):
        self.records = RECORDS if records is None else records
        self.arrivals: list[Arrival] = []
        self._script: deque[Reply] = deque()
        self._lock = threading.Lock()
        self._server = ThreadingHTTPServer(("127.0.0.1", 0), self._handler())
        self._server.daemon_threads = True  # a stalled answer must not keep the test process alive
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)

    @property
    def domain(self) -> str:
        host, port = self._server.server_address[:2]
        return f"{host}:{port}"

    def script(self, *replies: Reply) -> None:
        """Queue answers for the next requests, in order; afterwards the server answers normally."""
        with self._lock:
            self._script.extend(replies)

    def gaps(self) -> list[float]:
        """Seconds between consecutive request arrivals."""
        times = [a.at for a in self.arrivals]
        return [b - a for a, b in itertools.pairwise(times)]

    def __enter__(self) -> NominatimServer:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._server.shutdown()
        self._server.server_close()

    def _next(self) -> Reply:
        with self._lock:
            return self._script.popleft() if self._script else Reply()

    def _answer(self, params: dict[str, str]) -> list[dict]:
        query = " ".join(params.get("q", "").lower().replace("-", " ").split())
        found = list(self.records.get(query, []))
        codes = [c for c in params.get("countrycodes", "").lower().split(",") if c]
        if codes:
            found = [r for r in found if r["address"]["country_code"] in codes]
        found = found[: int(params.get("limit", 10))]
        out = []
        for record in found:
            record = dict(record)
            if params.get("addressdetails") != "1":
                record.pop("address")
            if params.get("extratags") not in ("1", "True", "true"):
                record.pop("extratags", None)
            if params.get("format") != "jsonv2":  # format=json says "class" where jsonv2 says "category"
                record["class"] = record.pop("category")
            out.append(record)
        return out

    def _handler(self) -> type[BaseHTTPRequestHandler]:
        server = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:
                url = urlsplit(self.path)
                params = {k: v[-1] for k, v in parse_qs(url.query).items()}
                with server._lock:
                    server.arrivals.append(Arrival(time.monotonic(), url.path, params,
                                                   self.headers.get("User-Agent", "")))
                reply = server._next()
                if reply.delay:
                    time.sleep(reply.delay)
                if url.path != "/search":
                    reply = Reply(status=404, body='{"error": "unknown path"}')
                body = reply.body
                if body is None:
                    body = json.dumps(server._answer(params)) if reply.status == 200 else "<html>error</html>"
                data = body.encode("utf-8") if isinstance(body, str) else body
                try:
                    self.send_response(reply.status)
                    self.send_header("Content-Type", "application/json; charset=utf-8")
                    self.send_header("Content-Length", str(len(data)))
                    for key, value in reply.headers.items():
                        self.send_header(key, value)
                    self.end_headers()
                    self.wfile.write(data)
                except (BrokenPipeError, ConnectionResetError):
                    pass  # the client gave up waiting: that is the point of a stalled reply

            def log_message(self, format: str, *args: object) -> None:  # keep pytest's output clean
                pass

        return Handler
