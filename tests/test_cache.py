"""The persistent geocode cache: keys, misses and their expiry, overrides, concurrency, corruption."""

from __future__ import annotations

import logging
import sqlite3
import subprocess
import sys
import textwrap
import threading
import time
from pathlib import Path

import pytest

from geo.cache import CACHE_FILE, GeocodeCache, hint_key
from geo.errors import InputError

ROOT = Path(__file__).resolve().parent.parent
KABUL = {"name": "Kabul", "kind": "place", "country_code": "AF", "latitude": 34.52813, "longitude": 69.17233}


@pytest.fixture
def cache_path(tmp_path: Path) -> Path:
    return tmp_path / "cache" / CACHE_FILE


@pytest.fixture
def cache(cache_path: Path):
    c = GeocodeCache(cache_path)
    yield c
    c.close()


# -- answers --------------------------------------------------------------------------------------
def test_a_stored_answer_comes_back_under_any_spelling_of_the_name(cache):
    cache.put("Kābul", [KABUL], provider="nominatim")
    assert cache.get("KABUL", provider="nominatim") == [KABUL]
    assert cache.get(" kabul! ", provider="nominatim") == [KABUL]


def test_provider_and_country_hint_are_part_of_the_key(cache):
    cache.put("Georgia", [{"name": "Georgia", "country_code": "US"}], country_hint="us", provider="nominatim")
    assert cache.get("Georgia", provider="nominatim") is None
    assert cache.get("Georgia", country_hint="US", provider="photon") is None
    assert cache.get("Georgia", country_hint="US", provider="nominatim")[0]["country_code"] == "US"
    cache.put("Dera", [{"name": "Dera"}], country_hint=["PK", "AF"], provider="nominatim")
    assert cache.get("Dera", country_hint=("af", "pk"), provider="nominatim") == [{"name": "Dera"}]


def test_a_miss_is_remembered_until_it_expires(cache_path):
    cache = GeocodeCache(cache_path, miss_ttl_days=0.5 / 86400)  # half a second
    cache.put("Qqxzv", [], provider="nominatim")
    assert cache.get("Qqxzv", provider="nominatim") == []
    time.sleep(0.6)
    assert cache.get("Qqxzv", provider="nominatim") is None
    assert cache.purge_expired() == 1
    assert len(cache) == 0


def test_hits_never_expire(cache_path):
    cache = GeocodeCache(cache_path, miss_ttl_days=0)
    cache.put("Kabul", [KABUL], provider="nominatim")
    time.sleep(0.01)
    assert cache.get("Kabul", provider="nominatim") == [KABUL]
    assert cache.purge_expired() == 0


def test_answers_survive_a_reopen_and_the_file_is_in_wal_mode(cache_path):
    GeocodeCache(cache_path).put("Kabul", [KABUL], provider="nominatim")
    assert GeocodeCache(cache_path).get("kabul", provider="nominatim") == [KABUL]
    with sqlite3.connect(cache_path) as raw:
        assert raw.execute("PRAGMA journal_mode").fetchone()[0] == "wal"


def test_clear_forgets_answers_but_keeps_overrides(cache):
    cache.put("Kabul", [KABUL], provider="nominatim")
    cache.put("Kabul", [KABUL], provider="photon")
    cache.set_override("Kurram", place={"latitude": 33.7, "longitude": 70.2})
    cache.clear(provider="photon")
    assert cache.get("Kabul", provider="photon") is None
    assert cache.get("Kabul", provider="nominatim") == [KABUL]
    cache.clear()
    assert len(cache) == 0
    assert cache.get_override("Kurram") is not None


@pytest.mark.parametrize("text", ["'; DROP TABLE answers; --", 'Robert"); DELETE FROM overrides;--', "\x00\x1b[2J",
                                  "😀", "x" * 10_000])
def test_hostile_keys_are_just_keys(cache, text):
    cache.put(text, [KABUL], provider="nominatim")
    assert cache.get(text, provider="nominatim") == [KABUL]
    assert cache.get("Kabul", provider="nominatim") is None or text == "Kabul"


@pytest.mark.parametrize("hint", ["PAK", "1", "", "P K", ["PK", "Pakistan"], 42])
def test_a_bad_country_hint_is_an_input_error(hint):
    with pytest.raises(InputError, match="two-letter"):
        hint_key(hint)


# -- overrides ------------------------------------------------------------------------------------
def test_an_override_is_stored_listed_and_removed(cache):
    cache.set_override("Mir Ali", country_hint="PK", place={"latitude": "32.97", "longitude": 70.27, "kind": "place"})
    place = cache.get_override("MIR-ALI", country_hint="pk")
    assert place == {"latitude": 32.97, "longitude": 70.27, "kind": "place", "name": "Mir Ali"}
    assert cache.get_override("Mir Ali") is None  # the hint is part of the key
    [listed] = cache.overrides()
    assert listed["query"] == "Mir Ali"
    assert listed["country_hint"] == "PK"
    assert listed["place"] == place
    assert listed["created"].endswith("+00:00")
    assert cache.remove_override("mir ali", country_hint="PK") is True
    assert cache.remove_override("mir ali", country_hint="PK") is False
    assert cache.overrides() == []


def test_an_override_replaces_the_previous_one(cache_path):
    GeocodeCache(cache_path).set_override("Kurram", place={"latitude": 33.0, "longitude": 70.0})
    GeocodeCache(cache_path).set_override("kurram", place={"latitude": 33.7, "longitude": 70.2})
    reopened = GeocodeCache(cache_path)
    assert reopened.get_override("Kurram")["latitude"] == 33.7
    assert len(reopened.overrides()) == 1


@pytest.mark.parametrize(("query", "place"), [
    ("Kurram", {"latitude": 95, "longitude": 70}),
    ("Kurram", {"latitude": 33, "longitude": "east"}),
    ("Kurram", {"longitude": 70}),
    ("Kurram", {"latitude": float("nan"), "longitude": 70}),
    ("Kurram", [33, 70]),
    ("!!!", {"latitude": 33, "longitude": 70}),
])
def test_an_unusable_override_is_refused_with_a_clear_message(cache, query, place):
    with pytest.raises(InputError, match="override"):
        cache.set_override(query, place=place)
    assert cache.overrides() == []


# -- concurrency ----------------------------------------------------------------------------------
WRITER = textwrap.dedent("""
    import sys, time
    from pathlib import Path
    from geo.cache import GeocodeCache
    path, tag, go, n = Path(sys.argv[1]), sys.argv[2], Path(sys.argv[3]), int(sys.argv[4])
    cache = GeocodeCache(path)
    while not go.exists():
        time.sleep(0.001)
    for i in range(n):
        cache.put(f"{tag} place {i}", [{"name": f"{tag}{i}", "latitude": 1.0, "longitude": 2.0}], provider="p")
        if i % 10 == 0:
            cache.set_override(f"{tag} fix {i}", place={"latitude": 3.0, "longitude": 4.0})
    print("done", tag)
""")


def test_two_processes_writing_at_once_lose_nothing(cache_path, tmp_path):
    n = 400
    go = tmp_path / "go"
    GeocodeCache(cache_path).close()  # the file exists before the race, as in real use
    procs = [subprocess.Popen([sys.executable, "-c", WRITER, str(cache_path), tag, str(go), str(n)], cwd=ROOT,
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True) for tag in ("a", "b")]
    time.sleep(0.5)  # both are importing and waiting at the start line
    go.touch()
    for proc in procs:
        _out, err = proc.communicate(timeout=120)
        assert proc.returncode == 0, err
    cache = GeocodeCache(cache_path)
    assert len(cache) == 2 * n
    for tag in ("a", "b"):
        missing = [i for i in range(n) if cache.get(f"{tag} place {i}", provider="p") is None]
        assert missing == []
    assert len(cache.overrides()) == 2 * len(range(0, n, 10))


def test_threads_sharing_one_cache_lose_nothing(cache):
    def work(tag: str) -> None:
        for i in range(100):
            cache.put(f"{tag}-{i}", [{"name": tag}], provider="p")

    threads = [threading.Thread(target=work, args=(f"t{k}",)) for k in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert len(cache) == 400


# -- damage ---------------------------------------------------------------------------------------
def _fill(path: Path, n: int = 300) -> None:
    cache = GeocodeCache(path)
    for i in range(n):
        cache.put(f"place {i}", [{"name": f"place {i}", "note": "x" * 200}], provider="p")
    cache.close()  # checkpoints the WAL into the main file


def _set_aside(path: Path) -> list[Path]:
    return sorted(path.parent.glob(f"{path.name}.corrupt-*"))


def test_a_file_of_garbage_is_set_aside_and_rebuilt_with_a_warning(cache_path, caplog):
    _fill(cache_path)
    cache_path.write_bytes(b"\x00garbage, not SQLite\xff" * 500)
    with caplog.at_level(logging.WARNING, logger="geo.cache"):
        cache = GeocodeCache(cache_path)
    assert any("unreadable" in r.getMessage() and "moved it" in r.getMessage() for r in caplog.records)
    [aside] = [p for p in _set_aside(cache_path) if not p.name.endswith(("-wal", "-shm"))]
    assert aside.read_bytes().startswith(b"\x00garbage")
    assert cache.get("place 1", provider="p") is None  # a new, empty cache ...
    cache.put("Kabul", [KABUL], provider="p")  # ... that works and persists
    assert GeocodeCache(cache_path).get("Kabul", provider="p") == [KABUL]


def test_damage_inside_an_otherwise_valid_file_is_caught_too(cache_path, caplog):
    _fill(cache_path)
    data = bytearray(cache_path.read_bytes())
    assert len(data) > 8 * 4096, "the test needs a file of several pages"
    data[4096:len(data) - 4096] = b"\xde\xad\xbe\xef" * ((len(data) - 8192) // 4)  # header intact, pages not
    cache_path.write_bytes(bytes(data))
    with caplog.at_level(logging.WARNING, logger="geo.cache"):
        cache = GeocodeCache(cache_path)
    assert _set_aside(cache_path), "the damaged file was not moved aside"
    assert any("unreadable" in r.getMessage() for r in caplog.records)
    cache.put("Kabul", [KABUL], provider="p")
    assert cache.get("kabul", provider="p") == [KABUL]


def test_a_file_damaged_while_open_is_recovered_on_the_next_call(cache_path, caplog):
    _fill(cache_path, n=50)
    cache = GeocodeCache(cache_path)
    assert cache.get("place 1", provider="p") is not None
    cache_path.write_bytes(b"not a database at all " * 400)
    with caplog.at_level(logging.WARNING, logger="geo.cache"):
        cache.put("Kabul", [KABUL], provider="p")
    assert cache.get("Kabul", provider="p") == [KABUL]
    assert _set_aside(cache_path)


def test_an_unusable_location_falls_back_to_memory(tmp_path, caplog):
    blocker = tmp_path / "not-a-dir"
    blocker.write_text("a file where the cache directory should be")
    with caplog.at_level(logging.WARNING, logger="geo.cache"):
        cache = GeocodeCache(blocker / CACHE_FILE)
    assert any("in memory" in r.getMessage() for r in caplog.records)
    cache.put("Kabul", [KABUL], provider="p")
    assert cache.get("Kabul", provider="p") == [KABUL]
    assert blocker.read_text().startswith("a file")  # nothing of the user's was touched


def test_a_writer_holding_the_lock_is_waited_for_not_failed(cache_path):
    cache = GeocodeCache(cache_path)
    other = sqlite3.connect(cache_path, isolation_level=None, check_same_thread=False)
    other.execute("BEGIN IMMEDIATE")  # another process mid-write
    other.execute("INSERT INTO meta VALUES ('other', 'writer')")
    release = threading.Timer(1.0, other.execute, args=("COMMIT",))
    release.start()
    cache.put("Kabul", [KABUL], provider="p")  # raises "database is locked" without busy handling
    release.join()
    other.close()
    assert cache.get("Kabul", provider="p") == [KABUL]


def test_a_cache_from_a_newer_schema_is_left_alone(cache_path, caplog):
    GeocodeCache(cache_path).set_override("Kurram", place={"latitude": 33.7, "longitude": 70.2})
    with sqlite3.connect(cache_path) as raw:
        raw.execute("UPDATE meta SET value='99' WHERE key='schema'")
    before = cache_path.read_bytes()
    with caplog.at_level(logging.WARNING, logger="geo.cache"):
        cache = GeocodeCache(cache_path)
    assert any("in memory" in r.getMessage() for r in caplog.records)
    cache.put("Kabul", [KABUL], provider="p")
    assert cache.get("Kabul", provider="p") == [KABUL]
    assert _set_aside(cache_path) == []
    assert cache_path.read_bytes() == before  # the user's overrides are still in it


def test_an_unreadable_stored_value_counts_as_absent(cache, cache_path):
    cache.put("Kabul", [KABUL], provider="p")
    cache.set_override("Kurram", place={"latitude": 33.7, "longitude": 70.2})
    with sqlite3.connect(cache_path) as raw:
        raw.execute("UPDATE answers SET results='{broken'")
        raw.execute("UPDATE overrides SET place='[unfinished'")
    assert cache.get("Kabul", provider="p") is None
    assert cache.get_override("Kurram") is None
    assert cache.overrides() == []
