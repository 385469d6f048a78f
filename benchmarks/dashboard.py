"""Dashboard benchmark: cold start to the first marker, a rerun after a slider move, map page weight, app memory.

Prints figures; asserts nothing. Targets (issue 5): first marker <= 5 s after ``streamlit run`` with
the sample reports; with 100k events a slider-move rerun <= 1 s of server time, a map page <= 10 MB
and an app process peak <= 600 MB.

The 100k events are drawn from the real UCDP GED Pakistan file (``../shared/data``): rows sampled
with replacement, new ids, dates shifted by up to a year, so types, places, precisions and text
lengths are the real ones. The browser steps use Debian's chromium and are skipped without it.

Usage::

    python benchmarks/dashboard.py            # sample reports, then 100k synthetic events
    python benchmarks/dashboard.py --smoke    # tiny sizes, to keep the script working in CI
"""

from __future__ import annotations

import argparse
import os
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from datetime import timedelta
from itertools import islice
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from benchmarks._synthetic import UCDP, synthetic_events  # noqa: E402  (needs ROOT on the path)

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run",
                 "--host-resolver-rules=MAP * ~NOTFOUND , EXCLUDE localhost , EXCLUDE 127.0.0.1"]
MAP_FRAME = 'iframe[src*="streamlit_folium.st_folium"]'


# --- data ------------------------------------------------------------------------------------------

def fill_store(db_url: str, n: int) -> float:
    from geo.store import EventStore

    store = EventStore(db_url)
    started = time.perf_counter()
    events = synthetic_events(n)
    while batch := list(islice(events, 50_000)):
        store.import_events(batch, dataset="ucdp", file_name="synthetic")
    return time.perf_counter() - started


def gazetteer_cache(into: Path) -> Path:
    """A cache folder holding the user's compiled gazetteer (built once if there is none)."""
    from geo.gazetteer import Gazetteer
    from geo.settings import load_settings

    source = load_settings().cache_dir
    Gazetteer.load(source)
    into.mkdir(parents=True, exist_ok=True)
    for index in source.glob("gazetteer*.pickle"):
        shutil.copy2(index, into / index.name)
    return into


def snapshot_state() -> str:
    """Whether a fresh store gets the samples from their kept readings or reads them (a second more)."""
    import json

    from geo import samples

    path = samples.SAMPLES_DIR / samples.SNAPSHOT_NAME
    if not path.is_file():
        return "absent (the app reads the samples itself)"
    current = json.loads(path.read_text(encoding="utf-8")).get("fingerprint")
    if current != samples.fingerprint(samples.sample_reports()):
        return "stale (the app reads the samples itself; refresh with `python -m geo.samples`)"
    return "current"


# --- the real app ----------------------------------------------------------------------------------

class App:
    """``streamlit run app.py`` on a free port against a given store and cache."""

    def __init__(self, db_url: str, cache_dir: Path, log: Path) -> None:
        with socket.socket() as sock:
            sock.bind(("127.0.0.1", 0))
            self.port = sock.getsockname()[1]
        env = {**os.environ, "CONFLICT_MAP_DB": db_url, "CONFLICT_MAP_CACHE_DIR": str(cache_dir),
               "CONFLICT_MAP_TILES": "none"}
        self.process = subprocess.Popen(
            [sys.executable, "-m", "streamlit", "run", "app.py", "--server.port", str(self.port),
             "--server.address", "127.0.0.1", "--server.headless", "true"],
            cwd=ROOT, env=env, stdout=log.open("w"), stderr=subprocess.STDOUT)
        self.url = f"http://127.0.0.1:{self.port}"

    def wait_healthy(self, timeout: float = 60) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            try:
                with urllib.request.urlopen(f"{self.url}/_stcore/health", timeout=2):
                    return
            except OSError:
                time.sleep(0.05)
        raise RuntimeError("the app did not start")

    def peak_mb(self) -> float:
        """Peak resident memory of the app process (VmHWM), in MB."""
        for line in Path(f"/proc/{self.process.pid}/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
        return float("nan")

    def stop(self) -> None:
        self.process.terminate()
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.process.kill()


def wait_markers(page, *, other_than: int | None = None, timeout: float = 180) -> int:
    """Wait until the map shows markers (a count other than ``other_than``, if given); return the count."""
    markers = page.frame_locator(MAP_FRAME).locator(".leaflet-interactive")
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        count = markers.count()
        if count and count != other_than:
            return count
        time.sleep(0.02)
    raise RuntimeError("no markers appeared")


def cold_start(browser, db_url: str, cache_dir: Path, log: Path) -> tuple[float, int]:
    """Seconds from launching ``streamlit run`` to the first marker in the browser, and the marker count."""
    started = time.perf_counter()
    app = App(db_url, cache_dir, log)
    try:
        app.wait_healthy()
        page = browser.new_page(viewport={"width": 1400, "height": 1000})
        page.goto(app.url)
        count = wait_markers(page)
        elapsed = time.perf_counter() - started
        page.close()
        return elapsed, count
    finally:
        app.stop()


def browser_round(browser, db_url: str, cache_dir: Path, log: Path) -> dict:
    """Open the map on a big store, move the slider, and read the app's peak memory."""
    app = App(db_url, cache_dir, log)
    try:
        app.wait_healthy()
        page = browser.new_page(viewport={"width": 1400, "height": 1000})
        started = time.perf_counter()
        page.goto(app.url)
        before = wait_markers(page)
        first_view = time.perf_counter() - started
        thumb = page.locator('input[aria-label="Dates — end"]')
        thumb.focus()
        started = time.perf_counter()
        thumb.press("PageDown")
        after = wait_markers(page, other_than=before, timeout=60)
        moved = time.perf_counter() - started
        page.close()
        return {"first_view": first_view, "markers": before, "markers_after": after, "slider_round_trip": moved,
                "peak_mb": app.peak_mb()}
    finally:
        app.stop()


# --- server-side measurements ----------------------------------------------------------------------

def rerun_seconds(db_url: str, cache_dir: Path, moves: int = 5) -> tuple[float, float, float]:
    """Server time of the map page's first run and of reruns after slider moves (AppTest, in process)."""
    os.environ.update({"CONFLICT_MAP_DB": db_url, "CONFLICT_MAP_CACHE_DIR": str(cache_dir),
                       "CONFLICT_MAP_TILES": "none"})
    from streamlit.testing.v1 import AppTest

    app = AppTest.from_file(str(ROOT / "app.py"), default_timeout=600)
    started = time.perf_counter()
    app.run()
    first = time.perf_counter() - started
    low, high = app.slider(key="f_dates").value
    span = (high - low).days
    times = []
    for step in range(1, moves + 1):
        new_high = high - timedelta(days=span * step // (moves * 4) or step)
        started = time.perf_counter()
        app.slider(key="f_dates").set_value((low, new_high)).run()
        times.append(time.perf_counter() - started)
    if app.exception:
        raise RuntimeError(app.exception[0].value)
    return first, statistics.median(times), max(times)


def map_page_bytes(db_url: str) -> tuple[int, int, int]:
    """Sizes of the map page as one HTML document: markers (aggregated past 1000), and the heat map."""
    from geo import dashboard, maps
    from geo.offline_assets import prepare_static_assets
    from geo.store import EventStore

    events = dashboard.prepare_events(EventStore(db_url).events())
    assets = prepare_static_assets(ROOT / "static")
    sizes = []
    for layer in (maps.event_layer(events), maps.heat_layer(events, assets)):
        fmap = maps.base_map(assets, tiles=None, bounds=maps.data_bounds(events))
        layer.add_to(fmap)
        sizes.append(len(fmap.get_root().render().encode("utf-8")))
    return len(events), sizes[0], sizes[1]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--smoke", action="store_true", help="tiny sizes (CI)")
    parser.add_argument("--events", type=int, default=100_000)
    options = parser.parse_args()
    size = 3_000 if options.smoke else options.events
    browser_ok = CHROMIUM.exists()
    load = os.getloadavg()[0]
    print(f"machine: {os.cpu_count()} cores, load average {load:.1f} at start"
          + (" (other work is running: times below are slower than on an idle machine)" if load > 1 else ""))
    with tempfile.TemporaryDirectory() as tmp_name:
        tmp = Path(tmp_name)
        cache_dir = gazetteer_cache(tmp / "cache")
        print(f"sample readings kept in assets/samples/readings.json: {snapshot_state()}")
        if browser_ok:
            from playwright.sync_api import sync_playwright

            with sync_playwright() as playwright:
                browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
                samples = f"sqlite:///{tmp / 'samples.sqlite'}"
                seconds, count = cold_start(browser, samples, cache_dir, tmp / "cold.log")
                print(f"cold start, fresh store (gets the sample reports): first of {count} markers "
                      f"{seconds:.2f} s after `streamlit run` (target <= 5 s)")
                seconds, count = cold_start(browser, samples, cache_dir, tmp / "warm.log")
                print(f"cold start, samples already stored: first of {count} markers {seconds:.2f} s")
                browser.close()
        else:
            print(f"skipped browser steps: {CHROMIUM} is not installed")
        if not UCDP.is_file():
            print(f"skipped {size:,} events: {UCDP} is absent")
            return 0
        big = f"sqlite:///{tmp / 'big.sqlite'}"
        print(f"storing {size:,} synthetic events from the UCDP distribution: {fill_store(big, size):.1f} s")
        count, marker_bytes, heat_bytes = map_page_bytes(big)
        print(f"map page HTML with {count:,} events: {marker_bytes / 2**20:.2f} MB with grouped markers, "
              f"{heat_bytes / 2**20:.2f} MB as a heat map (target <= 10 MB)")
        if browser_ok:
            with sync_playwright() as playwright:
                browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
                r = browser_round(browser, big, cache_dir, tmp / "big.log")
                browser.close()
            print(f"browser, {size:,} events: map drawn {r['first_view']:.2f} s after opening "
                  f"({r['markers']:,} markers); slider move to redrawn map {r['slider_round_trip']:.2f} s "
                  f"({r['markers_after']:,} markers); app process peak memory {r['peak_mb']:.0f} MB "
                  "(target <= 600 MB)")
        first, median, worst = rerun_seconds(big, cache_dir)
        print(f"server time, {size:,} events: first run {first:.2f} s (loads the store); rerun after a slider "
              f"move {median:.3f} s median of 5, worst {worst:.3f} s (target <= 1 s)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
