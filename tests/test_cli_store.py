"""``python -m geo ingest|import|export|stats``, run as real subprocesses against SQLite files in tmp_path."""

from __future__ import annotations

import csv
import json
import os
import shutil
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest

from geo.filters import EventFilter
from geo.store import EventStore

ROOT = Path(__file__).resolve().parent.parent
UCDP_FILE = ROOT.parent / "shared" / "data" / "ucdp_ged_pakistan.csv"
SAMPLES = ROOT / "assets" / "samples"
needs_ucdp = pytest.mark.skipif(not UCDP_FILE.is_file(), reason=f"UCDP GED file absent: {UCDP_FILE} "
                                "(the real data these tests read; it is never committed)")


@pytest.fixture
def cli(tmp_path, gazetteer_cache_dir):
    """Run ``python -m geo ...`` in a subprocess, with no user settings and the test gazetteer."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("CONFLICT_MAP_")}
    env.update(CONFLICT_MAP_CACHE_DIR=str(gazetteer_cache_dir),
               CONFLICT_MAP_DB=f"sqlite:///{tmp_path / 'default.sqlite'}")

    def run(*args: str | Path, wait: bool = True) -> subprocess.CompletedProcess | subprocess.Popen:
        command = [sys.executable, "-m", "geo", *map(str, args)]
        if not wait:
            return subprocess.Popen(command, cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                                    text=True)
        return subprocess.run(command, cwd=ROOT, env=env, capture_output=True, text=True, timeout=600)

    return run


def stats(cli, db: Path) -> dict:
    done = cli("stats", "--db", db, "--format", "json")
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)


@needs_ucdp
def test_import_ucdp_twice_then_export_geojson(cli, tmp_path):
    db = tmp_path / "events.sqlite"
    done = cli("import", UCDP_FILE, "--format", "ucdp", "--db", db)
    assert done.returncode == 0, done.stderr
    assert "6416 event(s) added, 0 unchanged" in done.stdout
    done = cli("import", UCDP_FILE, "--format", "ucdp", "--db", f"sqlite:///{db}")
    assert "0 event(s) added, 6416 unchanged" in done.stdout
    figures = stats(cli, db)
    assert figures["events"] == 6416
    assert figures["by_origin"] == {"ucdp": 6416}
    assert (figures["date_min"], figures["date_max"]) == ("1989-01-25", "2021-12-31")
    assert figures["imports"] == 2
    out = tmp_path / "all.geojson"
    done = cli("export", out, "--db", db)
    assert done.returncode == 0, done.stderr
    document = json.loads(out.read_text(encoding="utf-8"))
    assert len(document["features"]) == 6416
    with UCDP_FILE.open(encoding="utf-8", newline="") as fh:
        raw = {f"ucdp-{r['id']}": (float(r["longitude"]), float(r["latitude"])) for r in csv.DictReader(fh)}
    for feature in document["features"]:
        lon, lat = feature["geometry"]["coordinates"]
        assert (round(lon, 4), round(lat, 4)) == tuple(round(v, 4) for v in raw[feature["id"]])


@needs_ucdp
def test_filtered_csv_export_matches_the_store(cli, tmp_path):
    db = tmp_path / "events.sqlite"
    cli("import", UCDP_FILE, "--format", "ucdp", "--db", db)
    out = tmp_path / "battles.csv"
    done = cli("export", out, "--format", "csv", "--from", "2009-01-01", "--to", "2009-12-31", "--type", "Battles",
               "--country", "pk", "--origin", "ucdp", "--db", db)
    assert done.returncode == 0, done.stderr
    with out.open(encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh))
    expected = EventStore(f"sqlite:///{db}").events(EventFilter(
        date_from=date(2009, 1, 1), date_to=date(2009, 12, 31), event_types=("Battles",), countries=("PK",)))
    assert [r["event_id_cnty"] for r in rows] == expected["event_id"].tolist()
    assert len(rows) > 100
    assert {r["event_type"] for r in rows} == {"Battles"}
    assert {r["time_precision"] for r in rows} <= {"1", "2", "3"}
    assert f"{len(rows)} event(s) written" in done.stderr


@needs_ucdp
def test_a_malformed_import_is_refused_with_its_rows_named(cli, tmp_path):
    db = tmp_path / "events.sqlite"
    cli("import", UCDP_FILE, "--format", "ucdp", "--db", db)
    before = stats(cli, db)
    lines = UCDP_FILE.read_text(encoding="utf-8").splitlines(keepends=True)
    rows = list(csv.reader(lines))
    rows[7][rows[0].index("latitude")] = "200"
    rows[9][rows[0].index("date_end")] = "2020-13-01"
    bad = tmp_path / "bad.csv"
    with bad.open("w", encoding="utf-8", newline="") as fh:
        csv.writer(fh).writerows(rows)
    done = cli("import", bad, "--format", "ucdp", "--db", db)
    assert done.returncode == 2
    assert done.stderr.startswith("error: bad.csv: refused, nothing imported (2 problems)")
    assert "row 7 (line 8), column 'latitude'" in done.stderr
    assert "row 9 (line 10), column 'date_end'" in done.stderr
    assert "Traceback" not in done.stderr
    assert stats(cli, db) == before


def test_import_of_a_missing_or_binary_file_is_one_line(cli, tmp_path):
    binary = tmp_path / "x.csv"
    binary.write_bytes(b"PK\x03\x04" + bytes(range(256)))
    for path, expected in ((tmp_path / "absent.csv", "absent.csv: no such file"), (binary, "ZIP archive")):
        done = cli("import", path, "--format", "acled", "--db", tmp_path / "e.sqlite")
        assert done.returncode == 2
        assert expected in done.stderr
        assert len(done.stderr.strip().splitlines()) == 1


def test_ingest_the_samples_twice(cli, tmp_path):
    if not any(SAMPLES.glob("*.txt")):
        pytest.skip(f"no sample reports in {SAMPLES}")
    count = len(list(SAMPLES.glob("*.txt")))
    db = tmp_path / "events.sqlite"
    done = cli("ingest", SAMPLES, "--db", db)
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith(f"{count} report(s) read: {count} new, 0 already stored")
    first = stats(cli, db)
    assert first["reports"] == count
    assert first["events"] > 0
    done = cli("ingest", SAMPLES, "--db", db)
    assert done.stdout.startswith(f"{count} report(s) read: 0 new, {count} already stored; 0 event(s) added")
    assert stats(cli, db) == first


def test_two_ingest_processes_at_once(cli, tmp_path):
    files = sorted(SAMPLES.glob("*.txt"))
    if len(files) < 4:
        pytest.skip(f"fewer than 4 sample reports in {SAMPLES}")
    halves = [tmp_path / "a", tmp_path / "b"]
    for i, path in enumerate(files):
        halves[i % 2].mkdir(exist_ok=True)
        shutil.copy(path, halves[i % 2] / path.name)
    db = tmp_path / "events.sqlite"
    cli("stats", "--db", db)  # create the store first, as an app that has opened it would have
    running = [cli("ingest", half, "--db", db, wait=False) for half in halves]
    for process in running:
        _out, err = process.communicate(timeout=600)
        assert process.returncode == 0, err
        assert "locked" not in err
    assert stats(cli, db)["reports"] == len(files)


def test_ingest_formats_and_errors(cli, tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a.md").write_text("# Talks\n\nDelegations met in Doha on Sunday to agree a ceasefire.\n",
                                 encoding="utf-8")
    (folder / "b.html").write_text("<html><head><title>B</title><script>x()</script></head><body><p>Shelling hit "
                                   "Chaman on Monday.</p></body></html>", encoding="utf-8")
    (folder / "c.jsonl").write_text(json.dumps({"title": "C", "published": "2025-10-20",
                                                "text": "Protesters marched in Lahore on Saturday."}) + "\n",
                                    encoding="utf-8")
    db = tmp_path / "events.sqlite"
    done = cli("ingest", folder, "--db", db)
    assert done.returncode == 1
    assert "a.md: no publication date" in done.stderr
    assert "b.html: no publication date" in done.stderr
    assert done.stdout.startswith("1 report(s) read: 1 new")
    done = cli("ingest", folder, "--db", db, "--published", "2025-10-28")
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("3 report(s) read: 2 new, 1 already stored")
    assert stats(cli, db)["reports"] == 3
    done = cli("ingest", tmp_path / "nothing-here", "--db", db)
    assert done.returncode == 2
    assert "no such file or folder" in done.stderr


def test_stats_table_and_default_store(cli, tmp_path):
    done = cli("stats")
    assert done.returncode == 0, done.stderr
    assert done.stdout.splitlines()[0].split() == ["events", "0"]
    assert (tmp_path / "default.sqlite").is_file()  # CONFLICT_MAP_DB chose it
    assert "dates" in done.stdout
