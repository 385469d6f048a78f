"""``python -m geo extract`` and ``python -m geo places`` in real processes: the forms the scorers rely on,
batch streaming, and bad input answered with a clear result or exit code 2 and one line on stderr."""

from __future__ import annotations

import csv
import io
import json
import os
import selectors
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
REPORT = ("KABUL: Pakistani jets struck hideouts in Kunar on Monday, killing 12 militants.\n"
          "Police fired tear gas at protesters in Lahore on Tuesday.\n")
PUBLISHED = "2025-03-13"
PLACE_KEYS = {"name", "start", "end", "role", "latitude", "longitude", "country_code"}


def _env(cache_dir: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("CONFLICT_MAP_")}
    env["CONFLICT_MAP_CACHE_DIR"] = str(cache_dir)
    return env


@pytest.fixture
def cli(gazetteer_cache_dir):
    """``cli(*args, stdin=None, timeout=60)`` -> CompletedProcess of ``python -m geo ARGS``."""
    def run(*args: str, stdin: bytes | None = None, timeout: float = 60) -> subprocess.CompletedProcess:
        done = subprocess.run([sys.executable, "-m", "geo", *args], cwd=ROOT, env=_env(gazetteer_cache_dir),
                              input=stdin, capture_output=True, timeout=timeout)
        done.stdout, done.stderr = done.stdout.decode("utf-8"), done.stderr.decode("utf-8")
        return done
    return run


def _one_line_error(done: subprocess.CompletedProcess, *words: str) -> None:
    assert done.returncode == 2, done.stderr
    assert "Traceback" not in done.stderr
    assert done.stderr.count("\n") == 1, done.stderr
    assert done.stderr.startswith("error: "), done.stderr
    for word in words:
        assert word in done.stderr


@pytest.fixture
def report_file(tmp_path):
    path = tmp_path / "report.txt"
    path.write_text(REPORT, encoding="utf-8")
    return path


def _write_jsonl(path: Path, rows: list[dict]) -> Path:
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), encoding="utf-8")
    return path


# -- extract FILE ----------------------------------------------------------------------------------------
def test_extract_json(cli, report_file):
    done = cli("extract", str(report_file), "--published", PUBLISHED, "--format", "json")
    assert done.returncode == 0, done.stderr
    data = json.loads(done.stdout)
    assert set(data) == {"events", "places"}
    assert [(e["event_date"], e["sub_event_type"], e["location"], e["fatalities"]) for e in data["events"]] == [
        ("2025-03-10", "Air/drone strike", "Kunar", 12),
        ("2025-03-11", "Protest with intervention", "Lahore", None),
    ]
    assert [(p["name"], p["role"]) for p in data["places"]] == [
        ("KABUL", "dateline"), ("Pakistani", "other"), ("Kunar", "event"), ("Lahore", "event")]
    for p in data["places"]:
        assert set(p) >= PLACE_KEYS
        assert REPORT[p["start"]:p["end"]] == p["name"]
    for e in data["events"]:
        assert REPORT[e["start"]:e["end"]] == e["sentence"]
        assert e["published"] == PUBLISHED


def test_extract_reads_standard_input_and_the_files_header(cli):
    text = f"Title: Strikes\nPublished: {PUBLISHED}\nURL: https://example.org/s\n\n{REPORT}"
    done = cli("extract", "-", stdin=text.encode("utf-8"))
    assert done.returncode == 0, done.stderr
    events = json.loads(done.stdout)["events"]
    assert {(e["source_title"], e["source_url"], e["published"]) for e in events} == {
        ("Strikes", "https://example.org/s", PUBLISHED)}
    assert events[0]["event_date"] == "2025-03-10"


def test_extract_options_override_the_header(cli):
    text = f"Title: Strikes\nPublished: 2020-01-01\n\n{REPORT}"
    done = cli("extract", "-", "--published", PUBLISHED, "--title", "Other", stdin=text.encode("utf-8"))
    events = json.loads(done.stdout)["events"]
    assert {(e["source_title"], e["published"]) for e in events} == {("Other", PUBLISHED)}


_FORMAT_BUG = ("reader bug: `extract --format csv|geojson` crashes with a traceback: cli/extract.py calls "
               "geo.formats.events_frame, which no longer exists (to_csv_bytes/to_geojson_bytes take events)")


def test_extract_csv(cli, report_file):
    done = cli("extract", str(report_file), "--published", PUBLISHED, "--format", "csv")
    assert done.returncode == 0, done.stderr
    rows = list(csv.DictReader(io.StringIO(done.stdout)))
    assert [(r["event_date"], r["sub_event_type"], r["location"], r["country_code"]) for r in rows] == [
        ("2025-03-10", "Air/drone strike", "Kunar", "AF"), ("2025-03-11", "Protest with intervention", "Lahore", "PK")]


def test_extract_geojson(cli, report_file):
    done = cli("extract", str(report_file), "--published", PUBLISHED, "--format", "geojson")
    assert done.returncode == 0, done.stderr
    data = json.loads(done.stdout)
    assert data["type"] == "FeatureCollection"
    assert [f["properties"]["location"] for f in data["features"]] == ["Kunar", "Lahore"]
    lon, lat = data["features"][0]["geometry"]["coordinates"]
    assert 34 < lat < 36
    assert 70 < lon < 72


# -- extract errors and bad input ------------------------------------------------------------------------
def test_bad_publication_date(cli, report_file):
    _one_line_error(cli("extract", str(report_file), "--published", "2025-13-45"), "2025-13-45", "YYYY-MM-DD")


def test_missing_file(cli, tmp_path):
    _one_line_error(cli("extract", str(tmp_path / "nowhere.txt"), "--published", PUBLISHED), "cannot read")


def test_no_file_and_no_jsonl(cli):
    _one_line_error(cli("extract"), "FILE")


@pytest.mark.parametrize(("data", "words"), [
    (b"", ("is empty",)),
    (b"   \n\n", ("empty",)),
    (bytes(range(256)) * 64, ("looks binary",)),
    (b"%PDF-1.7\n\x00\x00\x01\x02stream", ("looks binary",)),
    (b"Clashes in Goma. " * (5 * 1024 * 1024 // 17 + 1), ("the limit is 5 MB",)),
])
def test_unusable_files_are_one_line_errors(cli, tmp_path, data, words):
    path = tmp_path / "input.txt"
    path.write_bytes(data)
    _one_line_error(cli("extract", str(path), "--published", PUBLISHED), *words)


@pytest.mark.parametrize("text", [
    "اندلعت اشتباكات عنيفة في المدينة يوم الاثنين وقتل اثنا عشر جنديا.\n",
    "周一，该市爆发激烈冲突，造成十二名士兵死亡。\n",
])
def test_non_english_text_is_a_clear_empty_result(cli, tmp_path, text):
    path = tmp_path / "report.txt"
    path.write_text(text, encoding="utf-8")
    done = cli("extract", str(path), "--published", PUBLISHED)
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout) == {"events": [], "places": []}


def test_a_report_not_in_english_is_read_with_a_note(cli, tmp_path):
    path = tmp_path / "fr.txt"
    path.write_text("Des combats ont éclaté à Goma lundi, faisant douze morts selon la police et les habitants.",
                    encoding="utf-8")
    done = cli("extract", str(path), "--published", PUBLISHED)
    assert done.returncode == 0, done.stderr
    assert "does not read as English" in done.stderr
    assert set(json.loads(done.stdout)) == {"events", "places"}


@pytest.mark.parametrize("name", ["page.html", "page.txt"])
def test_raw_html_file_is_read_as_its_visible_text(cli, tmp_path, name):
    html = ("<!DOCTYPE html><html><head><title>Raid</title>"
            "<script>document.write('Clashes erupted in Kabul on Monday.');</script></head>"
            "<body><p>Rebels attacked a checkpoint in <b>Beni</b> on Monday.</p></body></html>")
    path = tmp_path / name
    path.write_text(html, encoding="utf-8")
    done = cli("extract", str(path), "--published", PUBLISHED)
    assert done.returncode == 0, done.stderr
    events = json.loads(done.stdout)["events"]
    assert [(e["location"], e["event_date"], e["source_title"]) for e in events] == [("Beni", "2025-03-10", "Raid")]


@pytest.mark.slow
def test_a_file_under_the_byte_limit_but_over_the_text_limit_is_a_prompt_error(cli, tmp_path):
    paragraph = "Rebels attacked a checkpoint in Beni on Monday, killing three soldiers.\n"
    path = tmp_path / "big.txt"
    path.write_text(paragraph * (4_900_000 // len(paragraph)), encoding="utf-8")
    done = cli("extract", str(path), "--published", PUBLISHED, timeout=60)
    if done.returncode == 0:  # read: fine too, if within the minute
        assert [e["location"] for e in json.loads(done.stdout)["events"]] == ["Beni"]
    else:
        _one_line_error(done, "split it")


@pytest.mark.slow
def test_a_file_at_the_text_limit_is_read_within_a_minute(cli, tmp_path):
    from geo.pipeline import MAX_TEXT_CHARS

    paragraph = "Rebels attacked a checkpoint in Beni on Monday, killing three soldiers.\n"
    path = tmp_path / "big.txt"
    path.write_text(paragraph * ((MAX_TEXT_CHARS - 1000) // len(paragraph)), encoding="utf-8")
    done = cli("extract", str(path), "--published", PUBLISHED, timeout=60)
    assert done.returncode == 0, done.stderr
    assert [e["location"] for e in json.loads(done.stdout)["events"]] == ["Beni"]


# -- extract --jsonl ----------------------------------------------------------------------------------
def test_jsonl_prints_one_line_per_report_in_order_with_ids(cli, tmp_path):
    rows = [
        {"id": "first", "text": "Jets struck hideouts in Kunar on Monday.", "published": PUBLISHED},
        {"id": 2, "text": "", "published": PUBLISHED},
        {"id": "binary", "text": "Clashes\u0000in Goma", "published": PUBLISHED},
        {"id": "last", "text": "Protesters rallied in Lahore on Tuesday.", "published": PUBLISHED,
         "title": "Rally", "url": "https://example.org/r"},
    ]
    done = cli("extract", "--jsonl", str(_write_jsonl(tmp_path / "in.jsonl", rows)))
    assert done.returncode == 0, done.stderr
    lines = [json.loads(line) for line in done.stdout.splitlines()]
    assert [line["id"] for line in lines] == ["first", 2, "binary", "last"]
    assert all({"id", "events", "places"} <= set(line) for line in lines)
    assert [e["location"] for e in lines[0]["events"]] == ["Kunar"]
    assert lines[0]["events"][0]["source_id"] == "first"
    assert (lines[1]["events"], lines[1]["places"]) == ([], [])
    assert "binary" in lines[2]["error"]
    assert lines[2]["events"] == []
    assert [(e["location"], e["source_title"], e["source_url"]) for e in lines[3]["events"]] == [
        ("Lahore", "Rally", "https://example.org/r")]


def test_jsonl_streams_each_result_before_the_next_report_arrives(gazetteer_cache_dir):
    row = {"id": "a", "text": "Jets struck hideouts in Kunar on Monday.", "published": PUBLISHED}
    proc = subprocess.Popen([sys.executable, "-m", "geo", "extract", "--jsonl", "-"], cwd=ROOT,
                            env=_env(gazetteer_cache_dir), stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True)
    try:
        proc.stdin.write(json.dumps(row) + "\n")
        proc.stdin.flush()
        with selectors.DefaultSelector() as sel:
            sel.register(proc.stdout, selectors.EVENT_READ)
            assert sel.select(timeout=60), "no result line while the input was still open"
        first = json.loads(proc.stdout.readline())
        assert first["id"] == "a"
        assert [e["location"] for e in first["events"]] == ["Kunar"]
        assert proc.poll() is None  # still waiting for more input: it streams
        rest, err = proc.communicate(json.dumps({**row, "id": "b"}) + "\n", timeout=60)
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
    assert proc.returncode == 0, err
    assert [json.loads(line)["id"] for line in rest.splitlines()] == ["b"]


def test_jsonl_bad_line_is_a_one_line_error_after_the_good_lines(cli, tmp_path):
    path = tmp_path / "in.jsonl"
    path.write_text(json.dumps({"id": 1, "text": "Jets struck Kunar on Monday.", "published": PUBLISHED})
                    + "\nnot json\n", encoding="utf-8")
    done = cli("extract", "--jsonl", str(path))
    assert [json.loads(line)["id"] for line in done.stdout.splitlines()] == [1]
    _one_line_error(done, "line 2", "not JSON")


def test_jsonl_bad_publication_date_is_a_one_line_error(cli, tmp_path):
    path = _write_jsonl(tmp_path / "in.jsonl", [{"id": 1, "text": "x", "published": "last week"}])
    _one_line_error(cli("extract", "--jsonl", str(path)), "last week")


# -- places --jsonl ---------------------------------------------------------------------------------------
PLACES_ROWS = [
    {"id": "p1", "text": "Militias fought in Tripoli, Libya, and Jets struck Kunar.", "spans": [[19, 26], [28, 33]]},
    {"id": "p2", "text": "Qqxzv officials met in Zzyzx.", "spans": [[0, 5], [23, 28]]},
    {"id": "p3", "text": "Nothing to see.", "spans": []},
]


def test_places_with_given_spans_resolves_exactly_those_spans(cli, tmp_path):
    done = cli("places", "--jsonl", str(_write_jsonl(tmp_path / "p.jsonl", PLACES_ROWS)), "--given-spans")
    assert done.returncode == 0, done.stderr
    lines = [json.loads(line) for line in done.stdout.splitlines()]
    assert [line["id"] for line in lines] == ["p1", "p2", "p3"]
    p1, p2, p3 = (line["places"] for line in lines)
    assert [(p["start"], p["end"], p["name"], p["country_code"]) for p in p1] == [
        (19, 26, "Tripoli", "LY"), (28, 33, "Libya", "LY")]  # Kunar is not a given span
    assert [(p["name"], p["latitude"], p["longitude"], p["country_code"]) for p in p2] == [
        ("Qqxzv", None, None, None), ("Zzyzx", None, None, None)]
    assert p3 == []


def test_places_without_given_spans_finds_the_places(cli, tmp_path):
    done = cli("places", "--jsonl", str(_write_jsonl(tmp_path / "p.jsonl", PLACES_ROWS)))
    assert done.returncode == 0, done.stderr
    lines = [json.loads(line) for line in done.stdout.splitlines()]
    assert [line["id"] for line in lines] == ["p1", "p2", "p3"]
    named = [p for p in lines[0]["places"] if p.get("kind") != "expression"]
    assert [(p["name"], p["country_code"]) for p in named] == [("Tripoli", "LY"), ("Libya", "LY"), ("Kunar", "AF")]
    assert all(PLACES_ROWS[0]["text"][p["start"]:p["end"]] == p["name"] for p in lines[0]["places"])
    assert lines[1]["places"] == []
    assert lines[2]["places"] == []


def test_places_bad_row_keeps_its_id_and_says_why(cli, tmp_path):
    path = _write_jsonl(tmp_path / "p.jsonl", [{"id": "x", "text": "Kabul\u0000", "spans": [[0, 5]]}])
    for flags in ((), ("--given-spans",)):
        done = cli("places", "--jsonl", str(path), *flags)
        assert done.returncode == 0, done.stderr
        (line,) = [json.loads(s) for s in done.stdout.splitlines()]
        assert line["id"] == "x"
        assert line["places"] == []
        assert "binary" in line["error"]
