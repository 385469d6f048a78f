"""Shared fixtures. Keep each small and say what it is for."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from geo.gazetteer import Gazetteer
from geo.settings import load_settings


# -- gazetteer (geocoding, toponyms) ------------------------------------------------------------
@pytest.fixture(scope="session")
def gazetteer() -> Gazetteer:
    """The compiled offline gazetteer, loaded once per session.

    It lives in the user's cache directory (or ``CONFLICT_MAP_CACHE_DIR``), like the app's, so the
    ~20 s build happens at most once per machine and version, not once per test run.
    """
    return Gazetteer.load(load_settings().cache_dir)


@pytest.fixture(scope="session")
def gazetteer_cache_dir(gazetteer: Gazetteer, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A fresh cache directory holding the current gazetteer index and nothing else.

    For code that takes a whole cache directory (the CLI in a subprocess): it gets the index
    without a rebuild, but never a user's geocode cache or overrides.
    """
    source = load_settings().cache_dir
    target = tmp_path_factory.mktemp("conflict-map-cache")
    for index in source.glob("gazetteer*.pickle"):
        try:
            os.link(index, target / index.name)  # instant; the loader replaces files, never edits them
        except OSError:
            shutil.copy2(index, target / index.name)
    return target
