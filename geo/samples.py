"""The sample reports a fresh store starts with, read once and kept: the app's cold start skips the reader.

Reading the ten reports in ``assets/samples/`` means loading the gazetteer index and running the whole
reader: a second or more of a fresh app's start, every time the store is new (a new deployment, a
test, a deleted database). :func:`sample_readings` instead takes the readings from a snapshot when one
is current: ``assets/samples/readings.json`` (kept in git, written by ``python -m geo.samples``), else
``samples-<fingerprint>.json`` in the cache directory (written the first time the samples are read).

A snapshot is current when its fingerprint matches: the reports as parsed (text, date, title, URL),
the reader's code (every module directly in ``geo/`` except the dashboard's own), the word lists and
place tables in ``assets/`` and the gazetteer's sources. Any change there makes the snapshot stale and
the samples are read again, so a snapshot never shows what the current reader would not find; a stale
one only costs the time it was meant to save. Nothing here imports Streamlit.

Examples
--------
>>> readings = sample_readings(Path("assets/samples"), cache_dir=Path("/tmp/cache"))  # doctest: +SKIP
>>> sum(len(r.events) for r in readings)                                               # doctest: +SKIP
27
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import tempfile
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from geo.pipeline import Reading, Report

log = logging.getLogger(__name__)

ROOT = Path(__file__).resolve().parents[1]
SAMPLES_DIR = ROOT / "assets" / "samples"
SNAPSHOT_NAME = "readings.json"
#: Modules directly in ``geo/`` that the reader never runs: editing them leaves a snapshot current.
_NOT_READER = frozenset({"__init__.py", "__main__.py", "cache.py", "dashboard.py", "maps.py",
                         "offline_assets.py", "online.py", "samples.py", "settings.py"})
_SNAPSHOT_FORMAT = 1


def sample_reports(folder: Path = SAMPLES_DIR) -> list[Report]:
    """Every ``*.txt`` sample report in a folder, in name order, its ``Title:``/``Published:``/``URL:``
    header read (:func:`geo.formats.reports.parse_text`); a file without a date is dated by its mtime."""
    from geo.formats.reports import parse_text

    return [parse_text(path.read_text(encoding="utf-8"), name=path.name,
                       published=date.fromtimestamp(path.stat().st_mtime), title=path.stem)
            for path in sorted(folder.glob("*.txt"))]


def fingerprint(reports: list[Report]) -> str:
    """What the readings of ``reports`` depend on, as a hex digest (see the module docstring)."""
    from geo.gazetteer_build import source_fingerprint

    digest = hashlib.sha256(f"format {_SNAPSHOT_FORMAT}\n{source_fingerprint()}\n".encode())
    code = sorted(p for p in (ROOT / "geo").glob("*.py") if p.name not in _NOT_READER)
    data = sorted(p for p in (ROOT / "assets").iterdir() if p.suffix in (".csv", ".txt", ".json") and p.is_file())
    for path in (*code, *data):
        digest.update(f"{path.relative_to(ROOT).as_posix()}\n".encode())
        digest.update(path.read_bytes())
    for report in reports:
        fields = (report.id, str(report.published), report.title or "", report.url or "", report.text)
        digest.update("\x1f".join(fields).encode("utf-8") + b"\x1e")
    return digest.hexdigest()


def sample_readings(folder: Path = SAMPLES_DIR, *, cache_dir: Path | None = None) -> list[Reading]:
    """The readings of the sample reports: from a current snapshot if there is one, else read now.

    Reading them now writes a snapshot into ``cache_dir`` (when given and writable), so the next fresh
    store on this machine starts without the reader. A report the reader fails on is logged and left out.
    """
    reports = sample_reports(folder)
    if not reports:
        return []
    key = fingerprint(reports)
    candidates = [folder / SNAPSHOT_NAME]
    if cache_dir is not None:
        candidates.append(Path(cache_dir) / f"samples-{key[:16]}.json")
    for path in candidates:
        readings = _load(path, key, reports)
        if readings is not None:
            return readings
    readings = read_samples(reports)
    if cache_dir is not None:
        try:
            write_snapshot(candidates[-1], readings, key)
        except OSError as exc:  # a read-only cache: the samples are read again next time
            log.warning("cannot keep the sample readings in %s: %s", cache_dir, exc)
    return readings


def read_samples(reports: list[Report]) -> list[Reading]:
    """Run the reader over the reports; one that fails is logged and skipped."""
    from geo.pipeline import read_report

    readings = []
    for report in reports:
        try:
            readings.append(read_report(report))
        except Exception:  # one bad sample must not keep the app from starting
            log.exception("cannot read sample report %r", report.title)
    return readings


def write_snapshot(path: Path, readings: list[Reading], key: str) -> None:
    """Keep readings as JSON (their reports' ids and events; the reports themselves are re-read)."""
    payload = {"fingerprint": key,
               "readings": [{"report_id": r.report.id, "events": [e.as_dict() for e in r.events]} for r in readings]}
    path.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.NamedTemporaryFile("w", encoding="utf-8", dir=path.parent, suffix=".tmp", delete=False) as fh:
        json.dump(payload, fh, ensure_ascii=False, indent=0, sort_keys=True)
    os.chmod(fh.name, 0o644)  # readable like any checked-out file (a temporary file is private)
    os.replace(fh.name, path)


def _load(path: Path, key: str, reports: list[Report]) -> list[Reading] | None:
    if not path.is_file():
        return None
    try:
        payload = json.loads(path.read_text(encoding="utf-8"))
        if payload.get("fingerprint") != key:
            log.info("sample snapshot %s is stale: reading the samples again", path)
            return None
        from geo.pipeline import Reading
        from geo.record import Event

        by_id = {report.id: report for report in reports}
        return [Reading(report=by_id[item["report_id"]], events=[Event.from_dict(e) for e in item["events"]])
                for item in payload["readings"]]
    except (OSError, ValueError, KeyError, TypeError) as exc:  # a damaged snapshot is ignored, never trusted
        log.warning("sample snapshot %s is unreadable (%s): reading the samples again", path, exc)
        return None


def main() -> int:
    """``python -m geo.samples``: read the sample reports and write ``assets/samples/readings.json``."""
    reports = sample_reports(SAMPLES_DIR)
    readings = read_samples(reports)
    write_snapshot(SAMPLES_DIR / SNAPSHOT_NAME, readings, fingerprint(reports))
    print(f"{SAMPLES_DIR / SNAPSHOT_NAME}: {len(readings)} reports, {sum(len(r.events) for r in readings)} events")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
