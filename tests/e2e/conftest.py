"""The real app in a real browser: ``streamlit run app.py`` on a free port, driven by Playwright in Debian's chromium.

One server and one browser serve the whole e2e session (starting them is the slow part). The app
runs against a temporary store and a cache holding only the gazetteer, with no map tiles; chromium
resolves no host but this machine, so nothing here can reach the internet.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from geo.store import EventStore

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = Path("/usr/bin/chromium")
ARTIFACTS = ROOT / "test-artifacts"
CHROMIUM_ARGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
    "--disable-component-update", "--disable-sync", "--no-first-run",
    # Every host name but this machine's fails to resolve: the page cannot fetch anything from outside.
    "--host-resolver-rules=MAP * ~NOTFOUND , EXCLUDE localhost , EXCLUDE 127.0.0.1",
]
MAP_FRAME = 'iframe[src*="streamlit_folium.st_folium"]'
MARKERS = ".leaflet-interactive"


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    if CHROMIUM.exists():
        return
    skip = pytest.mark.skip(reason=f"{CHROMIUM} is not installed (apt-get install chromium); .ci/run installs it")
    for item in items:
        if "e2e" in item.keywords:
            item.add_marker(skip)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@dataclass
class RunningApp:
    """A ``streamlit run app.py`` process and the store it writes to."""

    url: str
    process: subprocess.Popen
    db_url: str
    log_path: Path
    cache_dir: Path

    def store(self) -> EventStore:
        return EventStore(self.db_url)

    def log(self) -> str:
        return self.log_path.read_text(errors="replace")


def start_app(workdir: Path, cache_dir: Path, *, extra_env: dict[str, str] | None = None,
              timeout: float = 60) -> RunningApp:
    """Start the app on a free port against a store in ``workdir``; return once it answers its health check."""
    port = free_port()
    db_url = f"sqlite:///{workdir / 'events.sqlite'}"
    env = {**os.environ, "CONFLICT_MAP_DB": db_url, "CONFLICT_MAP_CACHE_DIR": str(cache_dir),
           "CONFLICT_MAP_TILES": "none", "PYTHONUNBUFFERED": "1", **(extra_env or {})}
    env.pop("CONFLICT_MAP_ONLINE", None)
    log_path = workdir / "streamlit.log"
    process = subprocess.Popen(
        [sys.executable, "-m", "streamlit", "run", "app.py", "--server.port", str(port),
         "--server.address", "127.0.0.1", "--server.headless", "true", "--browser.gatherUsageStats", "false"],
        cwd=ROOT, env=env, stdout=log_path.open("w"), stderr=subprocess.STDOUT,
    )
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"streamlit exited with {process.returncode}:\n{log_path.read_text()}")
        try:
            with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as answer:
                if answer.status == 200:
                    return RunningApp(url=url, process=process, db_url=db_url, log_path=log_path,
                                      cache_dir=cache_dir)
        except OSError:
            time.sleep(0.2)
    process.terminate()
    raise RuntimeError(f"streamlit did not answer within {timeout:.0f} s:\n{log_path.read_text()}")


def stop_app(app: RunningApp) -> None:
    app.process.terminate()
    try:
        app.process.wait(timeout=10)
    except subprocess.TimeoutExpired:
        app.process.kill()


@pytest.fixture(scope="session")
def running_app(tmp_path_factory: pytest.TempPathFactory, gazetteer_cache_dir: Path) -> Iterator[RunningApp]:
    """The app on a fresh store: its first visitor triggers the ingest of the sample reports."""
    app = start_app(tmp_path_factory.mktemp("e2e-app"), gazetteer_cache_dir)
    yield app
    stop_app(app)


@pytest.fixture(scope="session")
def browser() -> Iterator:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture
def page(browser, running_app: RunningApp) -> Iterator:
    """A fresh browser tab, 1400x1000, failing the test on any uncaught error in the page."""
    context = browser.new_context(viewport={"width": 1400, "height": 1000})
    tab = context.new_page()
    tab.set_default_timeout(30_000)
    errors: list[str] = []
    tab.on("pageerror", lambda error: errors.append(str(error)))
    tab.on("dialog", lambda dialog: (errors.append(f"dialog: {dialog.message}"), dialog.dismiss()))
    yield tab
    context.close()
    assert not errors, errors


def wait_for_app(page) -> None:
    """Wait until Streamlit has finished the current run (no 'running' indicator, the page title drawn)."""
    page.wait_for_selector('[data-testid="stAppViewContainer"]')
    page.wait_for_selector('h1', timeout=90_000)
    page.wait_for_function("""() => !document.querySelector('[data-testid="stStatusWidget"]')
                                  && !document.querySelector('[data-testid="stSkeleton"]')""", timeout=90_000)


def screenshot(page, name: str) -> Path:
    """Save a screenshot of the whole page to ``test-artifacts/<name>.png``.

    Streamlit scrolls its main area, not the document, so the window is made as tall as that area first.
    """
    ARTIFACTS.mkdir(exist_ok=True)
    path = ARTIFACTS / f"{name}.png"
    size = page.viewport_size
    height = page.evaluate("""() => {
        const main = document.querySelector('[data-testid="stMain"]');
        return main ? main.scrollHeight : document.body.scrollHeight; }""")
    page.set_viewport_size({"width": size["width"], "height": min(max(height, size["height"]), 4000)})
    page.wait_for_timeout(300)  # let the layout settle at the new size (a picture, not an assertion)
    page.screenshot(path=str(path), full_page=True)
    page.set_viewport_size(size)
    return path
