"""The sample reports' kept readings (geo/samples.py): used only when current, never trusted when damaged."""

from __future__ import annotations

import json
import os
import shutil
from datetime import date
from pathlib import Path

import pytest

from geo import samples

SAMPLES = Path(__file__).resolve().parents[1] / "assets" / "samples"


def _events(readings) -> list[list[dict]]:
    return [[event.as_dict() for event in reading.events] for reading in readings]


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    """Three sample reports and no snapshot."""
    target = tmp_path / "samples"
    target.mkdir()
    for path in sorted(SAMPLES.glob("*.txt"))[:3]:
        shutil.copy2(path, target / path.name)
    return target


def test_sample_reports_are_read_with_their_headers():
    reports = samples.sample_reports(SAMPLES)
    if not reports:
        pytest.skip("no sample reports in assets/samples")
    first = reports[0]
    assert first.title
    assert not first.text.startswith("Title:")
    assert isinstance(first.published, date)


@pytest.mark.slow
def test_the_kept_snapshot_when_current_is_what_the_reader_finds(gazetteer):
    reports = samples.sample_reports(SAMPLES)
    snapshot = json.loads((SAMPLES / samples.SNAPSHOT_NAME).read_text(encoding="utf-8"))
    if snapshot["fingerprint"] != samples.fingerprint(reports):
        message = "assets/samples/readings.json is stale: refresh it with `python -m geo.samples`"
        if os.environ.get("CI"):
            pytest.fail(message)  # what lands must ship a current snapshot
        pytest.skip(message + " (the app reads the samples itself meanwhile)")
    kept = samples.sample_readings(SAMPLES)
    assert [r.report.id for r in kept] == [r.id for r in reports]
    assert _events(kept) == _events(samples.read_samples(reports))


def test_without_a_snapshot_the_samples_are_read_then_kept_in_the_cache(folder, tmp_path, monkeypatch, gazetteer):
    cache = tmp_path / "cache"
    first = samples.sample_readings(folder, cache_dir=cache)
    assert len(first) == 3
    assert any(r.events for r in first)
    assert len(list(cache.glob("samples-*.json"))) == 1

    def no_reader(reports):
        raise AssertionError("the samples were read again")

    monkeypatch.setattr(samples, "read_samples", no_reader)
    again = samples.sample_readings(folder, cache_dir=cache)
    assert [r.report.id for r in again] == [r.report.id for r in first]
    assert _events(again) == _events(first)


def test_a_changed_report_makes_the_snapshot_stale(folder, tmp_path, monkeypatch):
    kept = samples.sample_reports(folder)
    samples.write_snapshot(folder / samples.SNAPSHOT_NAME, [], samples.fingerprint(kept))
    calls = []
    monkeypatch.setattr(samples, "read_samples", lambda found: calls.append(found) or [])
    assert samples.sample_readings(folder) == []
    assert not calls
    path = sorted(folder.glob("*.txt"))[0]
    path.write_text(path.read_text(encoding="utf-8") + "\nA later paragraph.\n", encoding="utf-8")
    samples.sample_readings(folder)
    assert len(calls) == 1, "a report that changed was not read again"


def test_a_damaged_snapshot_is_ignored(folder, monkeypatch):
    (folder / samples.SNAPSHOT_NAME).write_text('{"fingerprint": ', encoding="utf-8")
    calls = []
    monkeypatch.setattr(samples, "read_samples", lambda found: calls.append(found) or [])
    assert samples.sample_readings(folder) == []
    assert len(calls) == 1


def test_the_fingerprint_follows_the_readers_code_not_the_dashboards():
    assert "dashboard.py" in samples._NOT_READER
    assert "maps.py" in samples._NOT_READER
    reader = {p.name for p in (samples.ROOT / "geo").glob("*.py")} - samples._NOT_READER
    assert {"pipeline.py", "gazetteer.py", "toponyms.py", "events.py", "record.py"} <= reader
