"""geo.store: imports, ingest, merging, corrections, filters, migrations and concurrent writers.

Every test uses a real SQLite file in ``tmp_path``. Readings are built here where a test is about the
store; the tests marked "pipeline" ingest the sample reports through the real ``geo.pipeline.read_report``.
"""

from __future__ import annotations

import csv
import gc
import json
import os
import sqlite3
import subprocess
import sys
import textwrap
import time
from datetime import date
from pathlib import Path

import pandas as pd
import pytest
import sqlalchemy as sa

from geo.errors import InputError, StoreError
from geo.filters import EventFilter
from geo.formats import read_events_csv, read_geojson, read_ucdp, to_csv_bytes, to_geojson_bytes
from geo.formats.reports import read_reports
from geo.pipeline import Reading, Report, read_report
from geo.record import FIELD_NAMES, Event, event_key
from geo.store import EventStore
from geo.store.engine import make_engine
from geo.store.migrations import create_version_1
from geo.store.schema import SCHEMA_VERSION

ROOT = Path(__file__).resolve().parent.parent
UCDP_FILE = ROOT.parent / "shared" / "data" / "ucdp_ged_pakistan.csv"
SAMPLES = ROOT / "assets" / "samples"
needs_ucdp = pytest.mark.skipif(not UCDP_FILE.is_file(), reason=f"UCDP GED file absent: {UCDP_FILE} "
                                "(the real data these tests read; it is never committed)")
TABLES = ("events", "reports", "event_sources", "corrections", "imports", "schema_version")


@pytest.fixture
def db(tmp_path: Path) -> str:
    return f"sqlite:///{tmp_path / 'events.sqlite'}"


@pytest.fixture
def store(db: str) -> EventStore:
    return EventStore(db)


def counts(store: EventStore) -> dict[str, int]:
    """Row counts of every table, read with sqlite3 itself rather than through the store."""
    path = store.engine.url.database
    with sqlite3.connect(path) as conn:
        return {t: conn.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in TABLES}


def event(day: str = "2025-10-12", kind: str = "Battles", sub: str = "Armed clash", place: str = "Angoor Adda",
          lat: float | None = 32.61, lon: float | None = 69.32, country: str = "PK", **fields: object) -> Event:
    return Event(day, kind, sub, place, country, lat, lon, **fields)


def reading(text: str, *found: Event, published: date = date(2025, 10, 13), title: str = "A report") -> Reading:
    """A reading as the pipeline returns it: events carry the sentence and its offsets in ``text``."""
    report = Report(text=text, published=published, title=title, url=f"https://news.test/{abs(hash(text))}")
    for e in found:
        e.sentence = e.sentence or text
        e.start, e.end = (0, len(text)) if e.start is None else (e.start, e.end)
    return Reading(report=report, events=list(found))


# --- UCDP import: the must-show figures --------------------------------------------------------------

@pytest.fixture(scope="module")
def ucdp_store(tmp_path_factory: pytest.TempPathFactory) -> EventStore:
    store = EventStore(f"sqlite:///{tmp_path_factory.mktemp('ucdp') / 'events.sqlite'}")
    result = store.import_events(read_ucdp(UCDP_FILE), dataset="ucdp", file_name=UCDP_FILE.name)
    assert (result.added, result.unchanged) == (6416, 0)
    return store


@pytest.fixture(scope="module")
def ucdp_rows() -> dict[str, dict[str, str]]:
    with UCDP_FILE.open(encoding="utf-8", newline="") as fh:
        return {f"ucdp-{row['id']}": row for row in csv.DictReader(fh)}


@needs_ucdp
def test_ucdp_file_imports_as_6416_events_with_dates_and_coordinates(ucdp_store, ucdp_rows):
    frame = ucdp_store.events()
    assert len(frame) == 6416
    assert set(frame.columns) == {*FIELD_NAMES, "corrected"}
    assert str(frame["event_date"].dtype).startswith("datetime64")
    for row in frame.itertuples():
        raw = ucdp_rows[row.event_id]
        assert row.event_date.date().isoformat() == raw["date_start"][:10]
        assert row.date_end.date().isoformat() == raw["date_end"][:10]
        assert round(row.latitude, 4) == round(float(raw["latitude"]), 4)
        assert round(row.longitude, 4) == round(float(raw["longitude"]), 4)
    assert ucdp_store.stats()["by_origin"] == {"ucdp": 6416}


@needs_ucdp
def test_importing_the_ucdp_file_again_adds_nothing(ucdp_store):
    before = counts(ucdp_store)
    result = ucdp_store.import_events(read_ucdp(UCDP_FILE), dataset="ucdp", file_name=UCDP_FILE.name)
    assert (result.added, result.unchanged, result.updated) == (0, 6416, 0)
    after = counts(ucdp_store)
    assert after["events"] == 6416
    assert after == {**before, "imports": before["imports"] + 1}


@needs_ucdp
def test_geojson_export_of_the_ucdp_import_has_6416_features_with_the_same_coordinates(ucdp_store, ucdp_rows):
    document = json.loads(to_geojson_bytes(ucdp_store.events()))
    assert len(document["features"]) == 6416
    for feature in document["features"]:
        raw = ucdp_rows[feature["id"]]
        lon, lat = feature["geometry"]["coordinates"]
        assert (round(lat, 4), round(lon, 4)) == (round(float(raw["latitude"]), 4), round(float(raw["longitude"]), 4))


@needs_ucdp
def test_a_malformed_copy_is_refused_names_its_rows_and_changes_nothing(ucdp_store, tmp_path):
    lines = UCDP_FILE.read_text(encoding="utf-8").splitlines(keepends=True)
    header = lines[0].rstrip("\n").split(",")
    rows = list(csv.reader(lines))
    rows[100][header.index("latitude")] = "200"
    rows[4000][header.index("date_start")] = "2019-02-29 00:00:00.000"  # 2019 is no leap year
    bad = tmp_path / "ged_bad.csv"
    with bad.open("w", encoding="utf-8", newline="") as fh:
        csv.writer(fh).writerows(rows)
    before = counts(ucdp_store)
    with pytest.raises(InputError) as caught:
        ucdp_store.import_events(read_ucdp(bad), dataset="ucdp", file_name=bad.name)
    message = str(caught.value)
    assert "row 100 " in message
    assert "column 'latitude': 200 is outside -90..90" in message
    assert "row 4000 " in message
    assert "column 'date_start': '2019-02-29 00:00:00.000' is not a valid date" in message
    assert counts(ucdp_store) == before


@needs_ucdp
def test_own_csv_export_of_the_ucdp_import_round_trips_exactly(ucdp_store, tmp_path):
    first = to_csv_bytes(ucdp_store.events())
    again = EventStore(f"sqlite:///{tmp_path / 'again.sqlite'}")
    assert again.import_events(read_events_csv(first), dataset="csv", file_name="export.csv").added == 6416
    assert to_csv_bytes(again.events()) == first
    assert again.event("ucdp-372969") == ucdp_store.event("ucdp-372969")


@pytest.mark.parametrize("data", [b"", b"\x89PNG\r\n\x1a\n\x00\x00", "caf\u00e9,x\n1,2\n".encode("latin-1"),
                                  b"id,type_of_violence\n", b"id,latitude\n1,2\n"])
def test_refused_files_leave_the_store_exactly_as_it_was(store, data):
    store.import_events([event()], dataset="demo", file_name="demo.csv")
    before = counts(store)
    with pytest.raises(InputError):
        store.import_events(read_ucdp(data), dataset="ucdp", file_name="bad.csv")
    assert counts(store) == before


def test_an_event_the_store_cannot_keep_rolls_the_whole_import_back(store):
    good = [event(day=f"2025-01-{d:02d}") for d in range(1, 20)]
    with pytest.raises(InputError, match=r"row 20: event .*latitude 200"):
        store.import_events([*good, event(lat=200.0)], dataset="demo", file_name="demo.csv")
    assert counts(store)["events"] == 0
    assert counts(store)["imports"] == 0


def test_an_import_leaves_the_garbage_collector_as_it_found_it(store):
    # An import pauses the cyclic collector while it runs (geo.store.writes, with geo.memory): it must come back on,
    # after a refused import too, and stay off for a caller who had turned it off.
    assert gc.isenabled()
    store.import_events([event()], dataset="demo", file_name="demo.csv")
    assert gc.isenabled()
    with pytest.raises(InputError):
        store.import_events([event(day="2025-02-01"), event(lat=200.0)], dataset="demo", file_name="demo.csv")
    assert gc.isenabled()
    gc.disable()
    try:
        store.import_events([event(day="2025-03-01")], dataset="demo", file_name="demo.csv")
        assert not gc.isenabled()
    finally:
        gc.enable()


def test_geojson_export_round_trips_through_a_new_store(store, tmp_path):
    store.import_events([event(), event(day="2025-10-14", kind="Protests", sub="Peaceful protest", lat=None,
                                        lon=None, notes="no coordinates")], dataset="demo", file_name="d.csv")
    store.ingest_reading(reading("Shelling hit Chaman on Sunday.", event(kind="Explosions/Remote violence",
                                 sub="Shelling/artillery/missile attack", place="Chaman", triggers=["shelling"])))
    first = to_geojson_bytes(store.events())
    again = EventStore(f"sqlite:///{tmp_path / 'again.sqlite'}")
    again.import_events(read_geojson(first), dataset="geojson", file_name="x.geojson")
    assert to_geojson_bytes(again.events()) == first


# --- ingest: one event per happening, one more source per report ---------------------------------------

def test_ingest_stores_report_events_and_evidence(store):
    text = "Clashes at Angoor Adda killed 23 soldiers, the military said."
    result = store.ingest_reading(reading(text, event(fatalities=23, place_start=11, place_end=22)))
    assert (result.added, result.merged, result.skipped) == (1, 0, False)
    [stored] = store.events().itertuples()
    assert (stored.source_id, stored.sources, stored.fatalities) == (result.report_id, 1, 23)
    [source] = store.evidence(stored.event_id)
    assert source["report_id"] == result.report_id
    assert (source["sentence"], source["start"], source["end"]) == (text, 0, len(text))
    assert text[source["place_start"]:source["place_end"]] == "Angoor Adda"
    assert store.report_text(result.report_id) == text


def test_the_same_report_twice_adds_nothing(store):
    first = reading("Clashes at Angoor Adda.", event())
    store.ingest_reading(first)
    before = counts(store)
    again = store.ingest_reading(reading("Clashes at Angoor Adda.", event()))
    assert again.skipped
    assert (again.added, again.merged) == (0, 0)
    assert counts(store) == before


def test_a_second_report_about_a_stored_event_adds_a_source_not_an_event(store):
    store.ingest_reading(reading("Clashes at Angoor Adda killed 23.", event(fatalities=23)))
    result = store.ingest_reading(reading("Fighting in Angoor Adda, officials said.", event(actor1="Pakistan Army"),
                                          published=date(2025, 10, 14), title="Another paper"))
    assert (result.added, result.merged) == (0, 1)
    [stored] = store.events().itertuples()
    assert stored.sources == 2
    assert stored.fatalities == 23  # the first report's reading stands ...
    assert stored.actor1 == "Pakistan Army"  # ... and a gap it left is filled
    assert [s["title"] for s in store.evidence(stored.event_id)] == ["A report", "Another paper"]
    assert counts(store)["reports"] == 2


def test_one_report_naming_an_event_twice_counts_one_source(store):
    text = "Clashes at Angoor Adda. Later, more clashes at Angoor Adda."
    result = store.ingest_reading(reading(text, event(start=0, end=23), event(start=24, end=len(text))))
    assert (result.added, result.merged) == (1, 0)
    [stored] = store.events().itertuples()
    assert stored.sources == 1
    assert len(store.evidence(stored.event_id)) == 2


def test_ingest_runs_the_reader_once_per_new_report(store):
    report = Report(text="Nothing happened anywhere today.", published=date(2025, 1, 1))
    first = store.ingest(report)
    assert not first.skipped
    assert store.ingest(report).skipped
    assert counts(store)["reports"] == 1


# --- corrections ------------------------------------------------------------------------------------

def test_a_correction_shows_who_and_when_and_survives_re_ingest(store):
    store.ingest_reading(reading("Clashes at Angoor Adda killed 23.", event(fatalities=23)))
    [event_id] = store.events()["event_id"]
    cid = store.correct(event_id, changes={"fatalities": 25, "event_type": "Violence against civilians",
                                           "sub_event_type": "Attack"}, author="ana")
    assert store.ingest_reading(reading("Clashes at Angoor Adda killed 23.", event(fatalities=23))).skipped
    store.ingest_reading(reading("Angoor Adda: 23 dead.", event(fatalities=23), title="Later report"))
    [row] = store.events().itertuples()
    assert (row.fatalities, row.event_type, row.corrected, row.sources) == (25, "Violence against civilians", True, 2)
    log = store.corrections(event_id)
    assert log.loc[0, "author"] == "ana"
    assert log.loc[0, "correction_id"] == cid
    assert log.loc[0, "previous"] == {"fatalities": 23, "event_type": "Battles", "sub_event_type": "Armed clash"}
    assert isinstance(log.loc[0, "created"], pd.Timestamp | object)
    assert log.loc[0, "active"]


def test_undo_restores_and_later_corrections_stay(store):
    store.import_events([event(fatalities=3)], dataset="demo", file_name="d.csv")
    [event_id] = store.events()["event_id"]
    first = store.correct(event_id, changes={"fatalities": 5})
    store.correct(event_id, changes={"location": "Angur Adda", "latitude": 32.6, "longitude": 69.3})
    store.undo(first)
    corrected = store.event(event_id)
    assert (corrected.fatalities, corrected.location, corrected.latitude) == (3, "Angur Adda", 32.6)
    with pytest.raises(StoreError, match="already undone"):
        store.undo(first)
    store.undo(int(store.corrections(event_id)["correction_id"].iloc[1]))
    assert store.event(event_id) == event(fatalities=3)
    assert not store.events()["corrected"].any()


def test_moving_a_one_day_event_moves_its_end_too(store):
    store.import_events([event()], dataset="demo", file_name="d.csv")
    [event_id] = store.events()["event_id"]
    store.correct(event_id, changes={"event_date": "2025-10-11"})
    moved = store.event(event_id)
    assert (moved.event_date, moved.date_end) == ("2025-10-11", "2025-10-11")
    assert store.events(EventFilter(date_from=date(2025, 10, 11), date_to=date(2025, 10, 11)))["event_id"].tolist() \
        == [event_id]


def test_deleting_is_a_correction_that_survives_re_ingest(store):
    store.ingest_reading(reading("Clashes at Angoor Adda.", event()))
    [event_id] = store.events()["event_id"]
    cid = store.delete_event(event_id, author="ana")
    store.ingest_reading(reading("More on Angoor Adda clashes.", event()))
    assert store.events().empty
    assert store.event(event_id) is None
    assert store.event(event_id, include_deleted=True).sources == 2
    assert store.is_empty()
    with pytest.raises(StoreError, match="deleted"):
        store.correct(event_id, changes={"fatalities": 1})
    store.undo(cid)
    assert store.events()["event_id"].tolist() == [event_id]


@pytest.mark.parametrize(("changes", "message"), [
    ({}, "at least one change"),
    ({"actor1": "X"}, "cannot correct actor1"),
    ({"event_type": "Protests"}, "'Armed clash' is not a sub-event type of 'Protests'"),
    ({"latitude": 95}, "latitude 95.0 is outside"),
    ({"latitude": None}, "give both or neither"),
    ({"event_date": "2025-02-30"}, "day is out of range"),
    ({"date_end": "2025-10-01"}, "before event_date"),
    ({"fatalities": -1}, "not a whole number >= 0"),
    ({"fatalities": 2.5}, "not a whole number"),
    ({"country_code": "PAK"}, "not an ISO alpha-2 code"),
    ({"fatalities": 23}, "changes nothing"),
])
def test_bad_corrections_are_refused(store, changes, message):
    store.import_events([event(fatalities=23)], dataset="demo", file_name="d.csv")
    [event_id] = store.events()["event_id"]
    with pytest.raises(InputError, match=None) as caught:
        store.correct(event_id, changes=changes)
    assert message in str(caught.value)
    assert store.corrections().empty


def test_correcting_an_unknown_event_or_undoing_an_unknown_correction(store):
    with pytest.raises(StoreError, match="no event"):
        store.correct("nope", changes={"fatalities": 1})
    with pytest.raises(StoreError, match="no correction 99"):
        store.undo(99)


def test_a_corrected_import_keeps_its_correction_when_a_newer_release_changes_the_row(store):
    store.import_events([event(fatalities=3, actor1="A")], dataset="demo", file_name="v1.csv")
    [event_id] = store.events()["event_id"]
    store.correct(event_id, changes={"fatalities": 5})
    result = store.import_events([event(fatalities=3, actor1="B")], dataset="demo", file_name="v2.csv")
    assert (result.added, result.unchanged, result.updated) == (0, 0, 1)
    updated = store.event(event_id)
    assert (updated.actor1, updated.fatalities) == ("B", 5)
    # Its own export, imported again, brings the corrected values: no news.
    assert store.import_events(read_events_csv(to_csv_bytes(store.events())), dataset="csv").unchanged == 1


# --- reading out -------------------------------------------------------------------------------------

@pytest.fixture
def mixed(store: EventStore) -> EventStore:
    store.import_events([
        event("2024-01-05", place="Kabul", lat=34.5, lon=69.2, country="AF", origin="ucdp"),
        event("2024-02-10", "Protests", "Peaceful protest", "Lahore", 31.5, 74.3, actor1="Traders", origin="ucdp"),
        event("2024-03-15", "Explosions/Remote violence", "Air/drone strike", "Mir Ali", 33.0, 70.1, origin="ucdp"),
        event("2024-03-16", place="Mir Ali", lat=33.0, lon=70.1, date_end="2024-03-18", origin="ucdp"),
    ], dataset="ucdp", file_name="u.csv")
    store.ingest_reading(reading("Protesters gathered in Lahore.", event("2024-02-11", "Protests", "Peaceful protest",
                                                                         "Lahore", 31.5, 74.3)))
    return store


@pytest.mark.parametrize(("flt", "expected"), [
    (EventFilter(), ["Kabul", "Lahore", "Lahore", "Mir Ali", "Mir Ali"]),
    (EventFilter(date_from=date(2024, 2, 10), date_to=date(2024, 3, 15)), ["Lahore", "Lahore", "Mir Ali"]),
    (EventFilter(event_types=("Battles",)), ["Kabul", "Mir Ali"]),
    (EventFilter(sub_event_types=("Air/drone strike",)), ["Mir Ali"]),
    (EventFilter(countries=("AF",)), ["Kabul"]),
    (EventFilter(origins=("extracted",)), ["Lahore"]),
    (EventFilter(text="traders"), ["Lahore"]),
    (EventFilter(date_from=date(2024, 3, 1), event_types=("Battles", "Protests")), ["Mir Ali"]),
])
def test_filters(mixed, flt, expected):
    assert mixed.events(flt)["location"].tolist() == expected


def test_events_frame_types_limit_and_columns(mixed):
    frame = mixed.events(limit=2)
    assert len(frame) == 2
    assert list(frame.columns) == [*FIELD_NAMES, "corrected"]
    assert str(frame["fatalities"].dtype) == "Int64"
    assert frame["corrected"].dtype == bool
    assert frame.loc[0, "triggers"] == []
    narrow = mixed.events(columns=["latitude", "longitude"])
    assert list(narrow.columns) == ["latitude", "longitude", "event_id"]
    with pytest.raises(InputError, match="unknown column"):
        mixed.events(columns=["nope"])


def test_stats_places_and_bounds(mixed):
    stats = mixed.stats()
    assert stats["events"] == 5
    assert stats["by_origin"] == {"ucdp": 4, "extracted": 1}
    assert stats["by_type"] == {"Battles": 2, "Protests": 2, "Explosions/Remote violence": 1}
    assert (stats["date_min"], stats["date_max"]) == ("2024-01-05", "2024-03-18")
    assert (stats["reports"], stats["imports"], stats["corrections"]) == (1, 1, 0)
    assert mixed.date_bounds() == (date(2024, 1, 5), date(2024, 3, 18))
    places = mixed.places()
    assert list(places.columns) == ["location", "country_code", "latitude", "longitude", "geo_precision", "events"]
    assert places.set_index("location")["events"].to_dict() == {"Lahore": 2, "Mir Ali": 2, "Kabul": 1}


def test_an_empty_store(store):
    assert store.is_empty()
    assert store.date_bounds() is None
    assert store.events().empty
    assert list(store.events().columns) == [*FIELD_NAMES, "corrected"]
    assert store.stats()["events"] == 0


# --- schema versions -------------------------------------------------------------------------------

def test_a_version_1_store_is_migrated_on_opening(db):
    engine = make_engine(db)
    create_version_1(engine)
    with engine.begin() as conn:
        conn.execute(sa.text("INSERT INTO reports (id, title, published, text_hash, text, added) VALUES "
                             "('r1', 'Old', '2020-01-02', 'h', 'Clashes at Angoor Adda.', '2020-01-02 10:00:00')"))
        conn.execute(sa.text(
            "INSERT INTO events (id, origin, event_date, date_end, date_precision, event_type, sub_event_type, "
            "location, country_code, latitude, longitude, geo_precision, source_id, sentence, start, \"end\", "
            "sources, corrected, deleted, added) VALUES ('e1', 'extracted', '2020-01-01', '2020-01-01', 'day', "
            "'Battles', 'Armed clash', 'Angoor Adda', 'PK', 32.6, 69.3, 'place', 'r1', 'Clashes at Angoor Adda.', "
            "0, 23, 1, 0, 0, '2020-01-02 10:00:00')"))
        conn.execute(sa.text("INSERT INTO event_sources (event_id, report_id, sentence, start, \"end\", added) "
                             "VALUES ('e1', 'r1', 'Clashes at Angoor Adda.', 0, 23, '2020-01-02 10:00:00')"))
    engine.dispose()
    store = EventStore(db)
    assert store.schema_version == SCHEMA_VERSION == 2
    assert store.event("e1").location == "Angoor Adda"
    assert store.evidence("e1")[0]["report_id"] == "r1"
    assert counts(store) == {"events": 1, "reports": 1, "event_sources": 1, "corrections": 0, "imports": 0,
                             "schema_version": 1}
    with sqlite3.connect(store.engine.url.database) as conn:
        assert conn.execute("SELECT version FROM schema_version").fetchone() == (2,)
        assert "WITHOUT ROWID" in conn.execute("SELECT sql FROM sqlite_master WHERE name = 'events'").fetchone()[0]
    store.correct("e1", changes={"fatalities": 4}, author="ana")
    store.import_events([event()], dataset="demo", file_name="d.csv")
    assert store.stats()["events"] == 2


def test_a_store_from_a_newer_version_is_refused(store, db):
    with store.engine.begin() as conn:
        conn.execute(sa.text("UPDATE schema_version SET version = 99"))
    with pytest.raises(StoreError, match="schema version 99, newer"):
        EventStore(db)


def test_a_database_that_is_not_a_store_is_refused(tmp_path):
    path = tmp_path / "other.sqlite"
    with sqlite3.connect(path) as conn:
        conn.execute("CREATE TABLE events (x)")
    with pytest.raises(StoreError, match="not a Conflict Map store"):
        EventStore(f"sqlite:///{path}")


# --- two processes writing at once ------------------------------------------------------------------

WRITER = textwrap.dedent("""
    import sys, time
    from datetime import date
    from geo.pipeline import Reading, Report
    from geo.record import Event
    from geo.store import EventStore

    url, name, n, start = sys.argv[1], sys.argv[2], int(sys.argv[3]), float(sys.argv[4])
    store = EventStore(url)
    while time.time() < start:  # both writers begin together
        time.sleep(0.001)
    for i in range(n):
        text = f"Report {i} from {name}: clashes at place {i}, and an air strike."
        report = Report(text=text, published=date(2025, 1, 1), title=f"{name} {i}")
        lat = 30.0 if name == "a" else 35.0  # the id names the place by its coordinates
        found = [Event("2025-01-01", "Battles", "Armed clash", f"{name} place {i}", "PK", lat, 60 + i / 100,
                       sentence=text, start=0, end=len(text)),
                 Event("2025-01-02", "Explosions/Remote violence", "Air/drone strike", "Shared village", "PK", 31.0,
                       61.0, sentence=text, start=0, end=len(text))]
        store.ingest_reading(Reading(report=report, events=found))
    print("done", name)
""")


def test_two_processes_ingesting_at_once_lose_nothing(tmp_path, db):
    EventStore(db)  # the schema exists before the race starts, as in an app that has opened it
    start = time.time() + 2
    script = tmp_path / "writer.py"
    script.write_text(WRITER, encoding="utf-8")
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    writers = [subprocess.Popen([sys.executable, str(script), db, name, "60", str(start)], cwd=ROOT, env=env,
                                stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True) for name in ("a", "b")]
    outputs = [w.communicate(timeout=240) for w in writers]
    for writer, (_out, err) in zip(writers, outputs, strict=True):
        assert writer.returncode == 0, err
        assert "locked" not in err
    store = EventStore(db)
    assert counts(store)["reports"] == 120
    # 60 + 60 events of their own, and one village both writers report: one event with 120 sources.
    assert counts(store)["events"] == 121
    shared = store.events(EventFilter(text="Shared village"))
    assert shared["sources"].tolist() == [120]


# --- the sample reports, read by the real pipeline ------------------------------------------------------

def sample_reports() -> list[Report]:
    if not any(SAMPLES.glob("*.txt")):
        pytest.skip(f"no sample reports in {SAMPLES}")
    return [r for path in sorted(SAMPLES.glob("*.txt")) for r in read_reports(path)]


def test_samples_twice_then_a_correction_then_again_the_correction_stands(store):
    reports = sample_reports()
    first = [store.ingest(r) for r in reports]
    assert sum(r.added for r in first) > 0
    before = counts(store)
    assert all(store.ingest(r).skipped for r in reports)
    assert counts(store) == before
    frame = store.events()
    target = frame.loc[frame["origin"] == "extracted"].iloc[0]
    kind = "Riots" if target["event_type"] != "Riots" else "Protests"
    sub = {"Riots": "Mob violence", "Protests": "Peaceful protest"}[kind]
    store.correct(target["event_id"], changes={"event_type": kind, "sub_event_type": sub, "fatalities": 99},
                  author="analyst")
    for r in reports:
        store.ingest(r)
    result = store.reextract()
    assert result.reports == len(reports)
    after = store.event(target["event_id"])
    assert (after.event_type, after.sub_event_type, after.fatalities) == (kind, sub, 99)
    assert counts(store)["events"] == before["events"]


def test_re_extraction_carries_corrections_to_an_event_whose_id_changed(store):
    report = sample_reports()[0]
    real = read_report(report)
    if not real.events:
        pytest.skip("the reader finds no event in the first sample")
    # What an older reader might have stored: the same words, dated a day earlier, hence another id.
    old = Event.from_dict({**real.events[0].as_dict(), "event_id": ""})
    old.event_date = old.date_end = date.fromisoformat(old.event_date).replace(day=1).isoformat()
    old.event_id = event_key(old)
    assert old.event_id != real.events[0].event_id
    store.ingest_reading(Reading(report=report, events=[old]))
    store.correct(old.event_id, changes={"fatalities": 77}, author="analyst")
    result = store.reextract()
    assert result.moved_corrections == 1
    assert store.event(old.event_id) is None
    assert store.event(real.events[0].event_id).fatalities == 77
    assert store.corrections(real.events[0].event_id)["author"].tolist() == ["analyst"]
