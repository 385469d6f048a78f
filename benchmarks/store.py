"""Event store benchmark: importing many events, and filtering many stored ones into a DataFrame.

Prints figures; asserts nothing. Each measured step runs in a fresh process, so its peak memory is its
own (``ru_maxrss`` at the end, against the resident size at its start). Wall time and CPU time are both
given: on a shared machine the CPU time is the steadier figure.

Synthetic events are drawn from the real UCDP GED Pakistan file (``../shared/data``): rows sampled with
replacement, given new ids and shifted by up to a year, so types, places, precisions, text lengths and the
spread over time are the real ones. Without that file the benchmark says so and stops.

Usage::

    python benchmarks/store.py            # 100k imported from a GED CSV; a filter over 1M stored events
    python benchmarks/store.py --smoke    # tiny sizes, to keep the script working in CI
"""

from __future__ import annotations

import argparse
import csv
import json
import random
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from benchmarks._synthetic import SEED, UCDP, synthetic_events  # noqa: E402  (needs ROOT on the path)


def rss_mb() -> float:
    with open("/proc/self/statm") as fh:
        return int(fh.read().split()[1]) * resource.getpagesize() / 2**20


def peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def shifted(day: str, days: int) -> str:
    return (date.fromisoformat(day[:10]) + timedelta(days=days)).isoformat() + " 00:00:00.000"


def write_synthetic_csv(path: Path, n: int) -> None:
    """A GED-format CSV of ``n`` rows drawn from the real file."""
    with UCDP.open(encoding="utf-8", newline="") as fh:
        reader = csv.DictReader(fh)
        header, real = reader.fieldnames, list(reader)
    rng = random.Random(SEED)
    with path.open("w", encoding="utf-8", newline="") as out:
        writer = csv.DictWriter(out, fieldnames=header)
        writer.writeheader()
        for i, row in enumerate(rng.choices(real, k=n)):
            days = rng.randint(-365, 365)
            start, end = shifted(row["date_start"], days), shifted(row["date_end"], days)
            writer.writerow({**row, "id": 90_000_000 + i, "date_start": start, "date_end": end, "year": start[:4]})


# --- phases, each run in its own process ---------------------------------------------------------

def phase_import_file(db: str, path: str) -> dict:
    from geo.formats import read_ucdp
    from geo.store import EventStore

    store = EventStore(db)
    start_rss = rss_mb()
    t, cpu = time.perf_counter(), time.process_time()
    result = store.import_events(read_ucdp(path), dataset="ucdp", file_name=Path(path).name)
    return {"seconds": time.perf_counter() - t, "cpu": time.process_time() - cpu, "added": result.added,
            "unchanged": result.unchanged, "start_mb": start_rss, "peak_mb": peak_mb()}


def phase_import_events(db: str, n: str) -> dict:
    from geo.store import EventStore

    events = list(synthetic_events(int(n), seed=SEED + 1))
    store = EventStore(db)
    start_rss = rss_mb()
    t, cpu = time.perf_counter(), time.process_time()
    result = store.import_events(events, dataset="synthetic", file_name="synthetic")
    return {"seconds": time.perf_counter() - t, "cpu": time.process_time() - cpu, "added": result.added,
            "start_mb": start_rss, "peak_mb": peak_mb()}


def phase_fill(db: str, n: str) -> dict:
    """Store ``n`` events in batches of 100k (setup for the filter, timed for the record)."""
    from itertools import islice

    from geo.store import EventStore

    store = EventStore(db)
    t = time.perf_counter()
    events = synthetic_events(int(n), seed=SEED + 1)
    while batch := list(islice(events, 100_000)):
        store.import_events(batch, dataset="synthetic", file_name="synthetic")
    return {"seconds": time.perf_counter() - t, "events": store.stats()["events"], "peak_mb": peak_mb()}


def phase_filter(db: str, spec: str) -> dict:
    from geo.filters import EventFilter
    from geo.store import EventStore

    first, last, kind, *columns = spec.split(",")
    flt = EventFilter(date_from=date.fromisoformat(first), date_to=date.fromisoformat(last), event_types=(kind,))
    store = EventStore(db)
    store.events(flt, limit=1)  # open the connection and warm the statement cache, as a running app has
    start_rss = rss_mb()
    times, cpus, rows = [], [], 0
    for _ in range(5):
        t, cpu = time.perf_counter(), time.process_time()
        frame = store.events(flt, columns=columns or None)
        times.append(time.perf_counter() - t)
        cpus.append(time.process_time() - cpu)
        rows = len(frame)
        del frame
    return {"seconds": statistics.median(times), "best": min(times), "cpu": statistics.median(cpus), "rows": rows,
            "start_mb": start_rss, "peak_mb": peak_mb()}


PHASES = {"import-file": phase_import_file, "import-events": phase_import_events, "fill": phase_fill,
          "filter": phase_filter}


def run(phase: str, *args: str) -> dict:
    out = subprocess.run([sys.executable, __file__, "--phase", phase, *args], check=True, capture_output=True,
                         text=True)
    return json.loads(out.stdout.strip().splitlines()[-1])


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--smoke", action="store_true", help="tiny sizes (CI)")
    parser.add_argument("--import-size", type=int, default=100_000)
    parser.add_argument("--stored", type=int, default=1_000_000)
    parser.add_argument("--phase", choices=PHASES, help=argparse.SUPPRESS)
    parser.add_argument("args", nargs="*", help=argparse.SUPPRESS)
    options = parser.parse_args()
    if options.phase:
        print(json.dumps(PHASES[options.phase](*options.args)))
        return 0
    if not UCDP.is_file():
        print(f"skipped: {UCDP} is absent (the UCDP GED Pakistan file the synthetic events are drawn from)")
        return 0
    size, stored = (2_000, 20_000) if options.smoke else (options.import_size, options.stored)
    with tempfile.TemporaryDirectory() as tmp:
        csv_path = Path(tmp) / "ged_synthetic.csv"
        write_synthetic_csv(csv_path, size)
        db = f"sqlite:///{tmp}/import.sqlite"
        r = run("import-file", db, str(csv_path))
        print(f"import {r['added']:,} events from a GED CSV ({csv_path.stat().st_size / 2**20:.0f} MB), file to "
              f"store: {r['seconds']:.2f} s, CPU {r['cpu']:.2f} s ({r['added'] / r['seconds']:,.0f}/s; target <= 10 s "
              f"for 100k), peak RSS {r['peak_mb']:.0f} MB (+{r['peak_mb'] - r['start_mb']:.0f} MB)")
        r = run("import-file", db, str(csv_path))
        print(f"same file again: {r['added']} added, {r['unchanged']:,} unchanged in {r['seconds']:.2f} s, "
              f"CPU {r['cpu']:.2f} s")
        r = run("import-events", f"sqlite:///{tmp}/events.sqlite", str(size))
        print(f"import {r['added']:,} events already parsed (store only): {r['seconds']:.2f} s, CPU {r['cpu']:.2f} s, "
              f"peak RSS {r['peak_mb']:.0f} MB (+{r['peak_mb'] - r['start_mb']:.0f} MB)")
        big = f"sqlite:///{tmp}/big.sqlite"
        r = run("fill", big, str(stored))
        print(f"store {r['events']:,} events in batches of 100k: {r['seconds']:.1f} s, peak RSS {r['peak_mb']:.0f} MB")
        map_columns = "event_date,event_type,location,latitude,longitude,fatalities"
        for label, spec in (("one month", "2009-10-01,2009-10-31,Battles"),
                            ("one year", "2009-01-01,2009-12-31,Battles"),
                            ("one year, 7 map columns", f"2009-01-01,2009-12-31,Battles,{map_columns}"),
                            ("five years", "2007-01-01,2011-12-31,Explosions/Remote violence")):
            r = run("filter", big, spec)
            first, last, kind = spec.split(",")[:3]
            per_row = r["seconds"] / max(1, r["rows"]) * 1e6
            print(f"filter {r_events(stored)} stored, {label} ({first}..{last}) + {kind}: {r['rows']:,} rows in "
                  f"{r['seconds'] * 1000:.0f} ms median of 5 (best {r['best'] * 1000:.0f}, CPU {r['cpu'] * 1000:.0f}; "
                  f"{per_row:.0f} us/row; "
                  f"target <= 200 ms), peak RSS {r['peak_mb']:.0f} MB (+{r['peak_mb'] - r['start_mb']:.0f} MB)")
    return 0


def r_events(n: int) -> str:
    return f"{n / 1e6:g}M" if n >= 1e6 else f"{n:,}"


if __name__ == "__main__":
    raise SystemExit(main())
