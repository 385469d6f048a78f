"""The geocoding chain: override -> gazetteer -> cache -> online provider, against a real local HTTP server."""

from __future__ import annotations

import socket
import subprocess
import sys
import textwrap
import threading
import time
from pathlib import Path

import pytest
from nominatim_server import NominatimServer, Reply

from geo.cache import GeocodeCache
from geo.errors import ConflictMapError, GeocoderError, InputError
from geo.geocoder import MAX_QUERY_CHARS, RESULT_KEYS, Geocoder, geocode
from geo.online import OnlineProvider, map_nominatim
from geo.settings import load_settings

ROOT = Path(__file__).resolve().parent.parent
# Names the Nominatim stand-in knows and the offline gazetteer does not (checked in `absent`).
GHULAM_KHAN, RAZMAK, BAB_AL_HAWA = "Ghulam Khan", "Razmak", "Bab al-Hawa"
NOWHERE = "Qqxzv Nowhere"
# Client-side the limiter spaces request starts by >= 1 s; server-side arrival adds a few ms of jitter.
MIN_GAP = 0.95


@pytest.fixture
def server():
    with NominatimServer() as s:
        yield s


@pytest.fixture
def absent(gazetteer):
    """Assert a name is unknown offline, so a test that needs the online path really takes it."""
    def check(*names: str) -> None:
        for name in names:
            assert gazetteer.search(name) == [], f"the gazetteer now knows {name!r}: pick another name for this test"
    check(GHULAM_KHAN, RAZMAK, BAB_AL_HAWA, NOWHERE)
    return check


def _settings(tmp_path: Path, server: NominatimServer | None = None, **overrides):
    base = {"cache_dir": tmp_path, "online": False, "geocoder": "nominatim", "timeout": 5.0, "max_retries": 2,
            "user_agent": "conflict-map-tests/1 (+tests@example.org)"}
    if server is not None:
        base.update(geocoder_domain=server.domain, geocoder_scheme="http")
    base.update(overrides)
    return load_settings(**base)


@pytest.fixture
def make(gazetteer, tmp_path):
    """A Geocoder over the session's gazetteer, with its own cache file under tmp_path."""
    def build(server: NominatimServer | None = None, *, cache_name: str = "geocode.sqlite", **overrides) -> Geocoder:
        return Geocoder(settings=_settings(tmp_path, server, **overrides), gazetteer=gazetteer,
                        cache=GeocodeCache(tmp_path / cache_name))
    return build


# -- offline --------------------------------------------------------------------------------------
def test_a_candidate_has_the_documented_keys_and_types(make):
    [best, *_] = make().geocode("Kandahār")
    assert set(best) == {*RESULT_KEYS, "geonameid"}
    assert (best["country_code"], best["kind"], best["precision"], best["provider"]) == ("AF", "place", "place",
                                                                                         "gazetteer")
    assert isinstance(best["latitude"], float)
    assert isinstance(best["longitude"], float)
    assert isinstance(best["population"], int)
    assert "GeoNames" in best["source"]


def test_ranking_and_hints_come_through(make):
    geocoder = make()
    assert geocoder.geocode("Tripoli")[0]["country_code"] == "LY"
    assert geocoder.geocode("Tripoli", country_hint="LB")[0]["country_code"] == "LB"
    georgia = geocoder.geocode("Georgia", country_hint="us")[0]
    assert (georgia["country_code"], georgia["kind"]) == ("US", "admin1")
    assert len(geocoder.geocode("San Jose", limit=2)) == 2


def test_offline_an_unknown_name_is_empty_and_asks_no_one(make, server, absent):
    geocoder = make(server)  # an online provider is configured, but online is off
    assert geocoder.geocode(NOWHERE) == []
    assert geocoder.geocode(GHULAM_KHAN, online=False) == []
    assert server.arrivals == []
    assert len(geocoder.cache) == 0  # offline misses are not cached: a later gazetteer may know the name


@pytest.mark.parametrize("text", ["", "   ", "\x00\x07\x1b", "😀🔥", '"', "''", "'; DROP TABLE answers; --",
                                  'Robert"); DELETE FROM overrides;--', "%s%s%n", "../../etc/passwd", "\u202e"])
def test_odd_input_gives_a_list_never_a_traceback(make, text):
    geocoder = make()
    found = geocoder.geocode(text)
    assert isinstance(found, list)
    assert geocoder.geocode("Kabul")[0]["country_code"] == "AF"  # and nothing was damaged


def test_names_wrapped_in_noise_still_resolve(make):
    geocoder = make()
    for text in ('"Kabul"', "Kabul\x00", " Kabul 😀 ", "KABUL!!"):
        assert geocoder.geocode(text)[0]["country_code"] == "AF", text


@pytest.mark.parametrize(("kwargs", "message"), [
    ({"name": "x" * 10_000}, "too long"),
    ({"name": "Kabul " * 40}, "too long"),
    ({"name": "\ud800Kabul"}, "not valid Unicode"),
    ({"name": None}, "must be text"),
    ({"name": b"Kabul"}, "must be text"),
    ({"name": "Kabul", "limit": 0}, "limit"),
    ({"name": "Kabul", "limit": 51}, "limit"),
    ({"name": "Kabul", "limit": "5"}, "limit"),
    ({"name": "Kabul", "limit": True}, "limit"),
    ({"name": "Kabul", "country_hint": "PAK"}, "two-letter"),
    ({"name": "Kabul", "country_hint": "Afghanistan"}, "two-letter"),
])
def test_unusable_input_is_an_input_error_with_a_clear_message(make, kwargs, message):
    with pytest.raises(InputError, match=message) as caught:
        make().geocode(**kwargs)
    assert isinstance(caught.value, ConflictMapError)


def test_the_length_limit_is_on_the_name_not_on_padding(make):
    assert make().geocode(" " * 500 + "Kabul" + " " * 500)[0]["country_code"] == "AF"
    assert len("x" * MAX_QUERY_CHARS) == MAX_QUERY_CHARS
    assert make().geocode("x" * MAX_QUERY_CHARS) == []


def test_the_module_function_uses_a_shared_geocoder(gazetteer_cache_dir):
    settings = load_settings(cache_dir=gazetteer_cache_dir, online=False)
    assert geocode("Peshawar", settings=settings)[0]["country_code"] == "PK"
    assert geocode("", settings=settings) == []


# -- overrides ------------------------------------------------------------------------------------
def test_an_override_comes_first_until_removed(make):
    geocoder = make()
    before = geocoder.geocode("Kurram")
    geocoder.cache.set_override("Kurram", place={"name": "Kurram", "kind": "admin2", "country_code": "PK",
                                                 "latitude": 33.8, "longitude": 70.1, "source": "field report"})
    after = geocoder.geocode("KURRAM")
    assert after[0]["provider"] == "override"
    assert (after[0]["latitude"], after[0]["longitude"]) == (33.8, 70.1)
    assert after[0]["source"] == "user correction; field report"
    assert (after[0]["kind"], after[0]["precision"]) == ("admin2", "admin2")
    assert after[1:] == before[: len(after) - 1]  # the gazetteer's candidates follow
    assert geocoder.cache.remove_override("Kurram")
    assert geocoder.geocode("Kurram") == before


def test_an_override_respects_the_country_hint(make):
    geocoder = make()
    geocoder.cache.set_override("Georgia", country_hint="US", place={"country_code": "US", "latitude": 33.0,
                                                                      "longitude": -83.0})
    assert geocoder.geocode("Georgia", country_hint="US")[0]["provider"] == "override"
    assert geocoder.geocode("Georgia")[0]["provider"] == "gazetteer"
    geocoder.cache.set_override("Tripoli", place={"country_code": "LY", "latitude": 32.9, "longitude": 13.2})
    assert geocoder.geocode("Tripoli")[0]["provider"] == "override"
    assert geocoder.geocode("Tripoli", country_hint="LY")[0]["provider"] == "override"
    assert geocoder.geocode("Tripoli", country_hint="LB")[0]["provider"] == "gazetteer"


def test_an_override_answers_a_name_without_going_online(make, server, absent):
    geocoder = make(server, online=True)
    geocoder.cache.set_override(GHULAM_KHAN, place={"latitude": 33.24, "longitude": 69.86})
    [only] = geocoder.geocode(GHULAM_KHAN)
    assert only["provider"] == "override"
    assert server.arrivals == []


# -- never a socket offline ------------------------------------------------------------------------
def test_offline_geocoding_opens_no_socket(make, monkeypatch, absent):
    opened: list[tuple] = []

    class NoSocket(socket.socket):
        def __init__(self, *args, **kwargs):
            opened.append(args)
            raise OSError("a socket was opened")

    geocoder = make(geocoder_domain="127.0.0.1:9", geocoder_scheme="http", max_retries=0)
    monkeypatch.setattr(socket, "socket", NoSocket)
    for name in ("Kabul", "Tripoli", NOWHERE, GHULAM_KHAN, "", "Georgia"):
        geocoder.geocode(name)
        geocoder.geocode(name, online=False)
    assert opened == []
    # The trap works: going online is caught by it.
    with pytest.raises(GeocoderError):
        geocoder.geocode(GHULAM_KHAN, online=True)
    assert opened


def test_offline_geocoding_in_a_fresh_process_raises_no_socket_event(gazetteer_cache_dir, tmp_path):
    script = textwrap.dedent("""
        import sys
        def refuse(event, args):
            if event.startswith("socket."):
                raise RuntimeError(f"offline geocoding touched the network: {event}")
        sys.addaudithook(refuse)
        from geo.cache import GeocodeCache
        from geo.geocoder import Geocoder
        from geo.settings import load_settings
        g = Geocoder(settings=load_settings(online=False), cache=GeocodeCache(sys.argv[1]))
        for name in ["Kabul", "Qqxzv Nowhere", "Georgia", "", "Ghulam Khan"]:
            g.geocode(name)
        print("requests" in sys.modules, "geopy" in sys.modules)
    """)
    env = {"PATH": "/usr/bin:/bin", "CONFLICT_MAP_CACHE_DIR": str(gazetteer_cache_dir), "HOME": str(tmp_path)}
    done = subprocess.run([sys.executable, "-c", script, str(tmp_path / "c.sqlite")], cwd=ROOT, env=env,
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    assert done.stdout.split() == ["False", "False"]  # no HTTP stack was even imported


# -- online: answers and the cache -----------------------------------------------------------------
def test_an_online_hit_is_mapped_like_a_gazetteer_answer(make, server, absent):
    [hit] = make(server).geocode(GHULAM_KHAN, country_hint="PK", online=True)
    assert hit == {
        "name": "Ghulam Khan", "kind": "place", "country_code": "PK", "admin1": "Khyber Pakhtunkhwa",
        "admin2": "North Waziristan District", "latitude": 33.244152, "longitude": 69.8603817, "population": 3120,
        "precision": "place", "provider": "nominatim", "geonameid": None,
        "source": "nominatim: OpenStreetMap node 6125389176; © OpenStreetMap contributors, ODbL",
    }
    [request] = server.arrivals
    assert request.path == "/search"
    assert request.params["q"] == GHULAM_KHAN
    assert request.params["countrycodes"] == "pk"
    assert request.params["addressdetails"] == "1"
    assert request.user_agent == "conflict-map-tests/1 (+tests@example.org)"


def test_a_repeated_lookup_is_served_from_the_cache_with_no_request(make, server, absent):
    geocoder = make(server, online=True)
    first = geocoder.geocode(RAZMAK)
    assert len(server.arrivals) == 1
    assert [c["name"] for c in first] == ["Razmak", "Razmak Tehsil"]
    assert geocoder.geocode("razmak") == first
    assert geocoder.geocode("RAZMAK", limit=1) == first[:1]
    # A new process would open the same file: a fresh Geocoder on it asks no one either.
    again = make(server, online=True).geocode(" Razmak ")
    assert again == first
    assert len(server.arrivals) == 1


def test_cached_online_answers_serve_offline_without_a_socket(make, server, monkeypatch, absent):
    found = make(server, online=True).geocode(GHULAM_KHAN)
    monkeypatch.setattr(socket, "socket", None)  # any attempt to open one would fail loudly
    assert make(server, online=False).geocode(GHULAM_KHAN) == found
    assert make(server, online=True).geocode("ghulam khan", online=False) == found
    assert len(server.arrivals) == 1


def test_a_miss_is_cached_too(make, server, absent):
    geocoder = make(server, online=True)
    assert geocoder.geocode(NOWHERE) == []
    assert geocoder.geocode(NOWHERE) == []
    assert len(server.arrivals) == 1
    assert geocoder.cache.get(NOWHERE, provider="nominatim") == []


def test_an_expired_miss_is_asked_again(gazetteer, server, tmp_path, absent):
    cache = GeocodeCache(tmp_path / "c.sqlite", miss_ttl_days=0.2 / 86400)
    geocoder = Geocoder(settings=_settings(tmp_path, server, online=True), gazetteer=gazetteer, cache=cache)
    assert geocoder.geocode(NOWHERE) == []
    time.sleep(0.3)
    assert geocoder.geocode(NOWHERE) == []
    assert len(server.arrivals) == 2


def test_online_is_enabled_by_the_environment(gazetteer, server, tmp_path, monkeypatch, absent):
    monkeypatch.setenv("CONFLICT_MAP_GEOCODER_DOMAIN", server.domain)
    monkeypatch.setenv("CONFLICT_MAP_GEOCODER_SCHEME", "http")
    monkeypatch.setenv("CONFLICT_MAP_GEOCODER", "nominatim")
    monkeypatch.setenv("CONFLICT_MAP_ONLINE", "0")
    off = Geocoder(settings=load_settings(cache_dir=tmp_path), gazetteer=gazetteer, cache=GeocodeCache(":memory:"))
    assert off.geocode(BAB_AL_HAWA) == []
    assert server.arrivals == []
    monkeypatch.setenv("CONFLICT_MAP_ONLINE", "1")
    on = Geocoder(settings=load_settings(cache_dir=tmp_path), gazetteer=gazetteer, cache=GeocodeCache(":memory:"))
    [crossing] = on.geocode(BAB_AL_HAWA)
    assert (crossing["country_code"], crossing["admin1"]) == ("SY", "Idlib Governorate")
    assert len(server.arrivals) == 1


def test_the_gazetteer_answers_before_any_request(make, server):
    assert make(server, online=True).geocode("Kabul")[0]["provider"] == "gazetteer"
    assert server.arrivals == []


# -- online: failures and retries ------------------------------------------------------------------
def test_429_waits_for_retry_after_then_succeeds(make, server, absent):
    # Retry-After: 2 rather than 1, so honouring it is distinguishable from the 1 s rate limit.
    server.script(Reply(status=429, body="Too Many Requests", headers={"Retry-After": "2"}))
    [hit] = make(server, online=True).geocode(GHULAM_KHAN)
    assert hit["name"] == "Ghulam Khan"
    assert len(server.arrivals) == 2
    assert server.gaps()[0] >= 1.95


@pytest.mark.parametrize("status", [500, 502, 503, 504])
def test_a_server_error_is_retried_then_succeeds(make, server, status, absent):
    server.script(Reply(status=status))
    [hit] = make(server, online=True).geocode(GHULAM_KHAN)
    assert hit["name"] == "Ghulam Khan"
    assert len(server.arrivals) == 2


def test_persistent_server_errors_end_in_one_geocoder_error_and_nothing_cached(make, server, absent):
    server.script(*[Reply(status=503)] * 3)
    geocoder = make(server, online=True, max_retries=2)
    with pytest.raises(GeocoderError, match="after 3 attempts"):
        geocoder.geocode(GHULAM_KHAN)
    assert len(server.arrivals) == 3
    gaps = server.gaps()
    assert gaps[1] > gaps[0] + 0.5, "backoff grows between retries"
    assert geocoder.cache.get(GHULAM_KHAN, provider="nominatim") is None


def test_a_timeout_is_retried_then_reported(make, server, absent):
    server.script(Reply(delay=2.0), Reply(delay=2.0))
    geocoder = make(server, online=True, timeout=0.5, max_retries=1)
    with pytest.raises(GeocoderError, match="TimedOut"):
        geocoder.geocode(GHULAM_KHAN)
    assert len(server.arrivals) == 2  # no hidden retries inside the HTTP library
    assert geocoder.cache.get(GHULAM_KHAN, provider="nominatim") is None


def test_a_timeout_then_an_answer_succeeds(make, server, absent):
    server.script(Reply(delay=2.0))
    [hit] = make(server, online=True, timeout=0.5).geocode(GHULAM_KHAN)
    assert hit["name"] == "Ghulam Khan"


@pytest.mark.parametrize("body", ['[{"place_id": 1, "lat": "33.2", "lo', "<html>Service unavailable</html>", ""])
def test_malformed_json_is_a_geocoder_error_not_retried_not_cached(make, server, body, absent):
    server.script(Reply(status=200, body=body))
    geocoder = make(server, online=True)
    with pytest.raises(GeocoderError, match="not valid JSON"):
        geocoder.geocode(GHULAM_KHAN)
    assert len(server.arrivals) == 1
    assert geocoder.cache.get(GHULAM_KHAN, provider="nominatim") is None


def test_json_of_the_wrong_shape_is_a_geocoder_error(make, server, absent):
    server.script(Reply(status=200, body='{"unexpected": "object"}'))
    with pytest.raises(GeocoderError, match="unexpected shape"):
        make(server, online=True).geocode(GHULAM_KHAN)


def test_a_refused_query_is_not_retried(make, server, absent):
    server.script(Reply(status=400, body='{"error": "bad request"}'))
    with pytest.raises(GeocoderError, match="refused"):
        make(server, online=True).geocode(GHULAM_KHAN)
    assert len(server.arrivals) == 1


def test_a_very_long_retry_after_is_given_up_at_once(make, server, absent):
    server.script(Reply(status=429, headers={"Retry-After": "3600"}))
    started = time.monotonic()
    with pytest.raises(GeocoderError, match="wait 3600 s"):
        make(server, online=True).geocode(GHULAM_KHAN)
    assert time.monotonic() - started < 30
    assert len(server.arrivals) == 1


def test_an_unknown_provider_name_is_a_geocoder_error(make, absent):
    with pytest.raises(GeocoderError, match="unknown geocoder"):
        make(geocoder="no-such-service").geocode(GHULAM_KHAN, online=True)


# -- online: pacing ---------------------------------------------------------------------------------
def test_no_two_requests_within_a_second_across_threads_and_geocoders(make, server, absent):
    geocoders = [make(server, online=True, cache_name="one.sqlite"), make(server, online=True, cache_name="two.sqlite")]
    names = [GHULAM_KHAN, RAZMAK, BAB_AL_HAWA, NOWHERE]
    errors: list[BaseException] = []

    def look(i: int) -> None:
        try:
            geocoders[i % 2].geocode(names[i])
        except BaseException as exc:
            errors.append(exc)

    threads = [threading.Thread(target=look, args=(i,)) for i in range(len(names))]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    assert len(server.arrivals) == len(names)
    assert min(server.gaps()) >= MIN_GAP, server.gaps()


def test_pacing_holds_across_retries_too(make, server, absent):
    server.script(Reply(status=503), Reply(status=429, headers={"Retry-After": "0"}))
    make(server, online=True, max_retries=3).geocode(GHULAM_KHAN)
    assert len(server.arrivals) == 3
    assert min(server.gaps()) >= MIN_GAP, server.gaps()


# -- the Nominatim mapping ---------------------------------------------------------------------------
def test_a_province_answer_is_an_admin1(server, tmp_path):
    provider = OnlineProvider(settings=_settings(tmp_path, server))
    [kunar] = provider.search("Kunar")
    assert (kunar["kind"], kunar["precision"], kunar["admin1"], kunar["admin2"]) == ("admin1", "admin1", "Kunar", None)
    assert kunar["country_code"] == "AF"
    assert server.arrivals[0].params["format"] in ("json", "jsonv2")


@pytest.mark.parametrize(("raw", "kind"), [
    ({"addresstype": "country", "place_rank": 4}, "country"),
    ({"addresstype": "state", "place_rank": 8}, "admin1"),
    ({"addresstype": "county", "place_rank": 12}, "admin2"),
    ({"addresstype": "city", "place_rank": 16}, "place"),
    ({"category": "boundary", "type": "administrative", "place_rank": 4}, "country"),
    ({"class": "boundary", "type": "administrative", "place_rank": 10}, "admin2"),
    ({"class": "place", "type": "village"}, "place"),
])
def test_nominatim_kinds_map_to_gazetteer_kinds(raw, kind):
    mapped = map_nominatim({"lat": "1.5", "lon": "2.5", "display_name": "X, Y", **raw})
    assert mapped["kind"] == kind
    assert mapped["name"] == "X"
    assert (mapped["latitude"], mapped["longitude"]) == (1.5, 2.5)
