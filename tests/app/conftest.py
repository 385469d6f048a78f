"""Fixtures for the AppTest suite: a temporary store and cache, and Streamlit's caches emptied per test."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
import streamlit as st
from streamlit.testing.v1 import AppTest

from geo.record import Event
from geo.store import EventStore

ROOT = Path(__file__).resolve().parents[2]
if str(ROOT) not in sys.path:  # the app imports app_pages._shared as Streamlit would, from the app's folder
    sys.path.insert(0, str(ROOT))

#: Six events, one of each type, ten days apart; the filter tests know exactly which rows to expect.
FIXTURE_EVENTS = (
    Event("2025-10-01", "Battles", "Armed clash", "Kurram", "PK", 33.7, 70.2, event_id="e1-battle",
          origin="ucdp", actor1="Military Forces of Pakistan", fatalities=23,
          sentence="Fighting in Kurram killed 23 soldiers."),
    Event("2025-10-05", "Explosions/Remote violence", "Air/drone strike", "Kandahar", "AF", 31.6, 65.7,
          event_id="e2-strike", origin="ucdp", sentence="Air strikes hit Kandahar."),
    Event("2025-10-10", "Protests", "Peaceful protest", "Kabul", "AF", 34.5, 69.2, event_id="e3-protest",
          origin="acled", sentence="Hundreds marched in Kabul."),
    Event("2025-10-15", "Riots", "Mob violence", "Peshawar", "PK", 34.0, 71.6, event_id="e4-riot",
          origin="acled", sentence="A mob attacked shops in Peshawar."),
    Event("2025-10-20", "Violence against civilians", "Attack", "Quetta", "PK", 30.2, 67.0, event_id="e5-attack",
          origin="ucdp", sentence="Gunmen attacked a bus near Quetta <script>alert(1)</script>."),
    Event("2025-10-25", "Strategic developments", "Agreement", "Doha", "QA", 25.3, 51.5, event_id="e6-ceasefire",
          origin="acled", sentence="A ceasefire was agreed in Doha."),
)


def _clear_streamlit_caches() -> None:
    st.cache_resource.clear()
    st.cache_data.clear()


@pytest.fixture
def app_env(tmp_path: Path, gazetteer_cache_dir: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """Point the app at an empty store in ``tmp_path`` and a cache holding only the gazetteer; no map tiles."""
    db = tmp_path / "events.sqlite"
    monkeypatch.setenv("CONFLICT_MAP_DB", f"sqlite:///{db}")
    monkeypatch.setenv("CONFLICT_MAP_CACHE_DIR", str(gazetteer_cache_dir))
    monkeypatch.setenv("CONFLICT_MAP_TILES", "none")
    monkeypatch.delenv("CONFLICT_MAP_ONLINE", raising=False)
    _clear_streamlit_caches()
    yield db
    _clear_streamlit_caches()


@pytest.fixture
def seeded_store(app_env: Path) -> EventStore:
    """The app's store holding :data:`FIXTURE_EVENTS` (so it does not load the sample reports)."""
    store = EventStore(f"sqlite:///{app_env}")
    store.import_events(list(FIXTURE_EVENTS), dataset="fixtures", file_name="fixtures.csv")
    return store


def new_app(page: str | None = None) -> AppTest:
    """An AppTest of ``app.py`` (optionally switched to ``app_pages/<page>.py``), not yet run."""
    app = AppTest.from_file(str(ROOT / "app.py"), default_timeout=120)
    if page:
        app.switch_page(f"app_pages/{page}.py")
    return app
