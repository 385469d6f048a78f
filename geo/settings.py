"""Run-time settings, read from the environment with keyword overrides.

The Streamlit app passes its secrets in as overrides; nothing here imports Streamlit.

| variable | meaning | default |
|---|---|---|
| ``CONFLICT_MAP_CACHE_DIR`` | gazetteer index and geocode cache | the user's cache dir |
| ``CONFLICT_MAP_DB`` | SQLAlchemy URL of the event store | SQLite file in the user's data dir |
| ``CONFLICT_MAP_ONLINE`` | ``1``/``true`` lets the geocoder ask an online provider | off |
| ``CONFLICT_MAP_GEOCODER`` | geopy provider name (``nominatim``, ``photon``, ...) | ``nominatim`` |
| ``CONFLICT_MAP_GEOCODER_DOMAIN`` / ``_SCHEME`` | where the provider lives (tests: 127.0.0.1) | provider's |
| ``CONFLICT_MAP_USER_AGENT`` | sent to the provider, as Nominatim's policy asks | ``conflict-map/<version> (...)`` |
| ``CONFLICT_MAP_TIMEOUT`` | seconds per online request | 10 |
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

import platformdirs

APP_NAME = "conflict-map"
VERSION = "0.1.0"
DEFAULT_USER_AGENT = f"{APP_NAME}/{VERSION} (+https://github.com/conflict-map/conflict-map)"
_TRUE = {"1", "true", "yes", "on"}


@dataclass(frozen=True)
class Settings:
    """Everything configurable, resolved once. Use :func:`load_settings` to build one."""

    cache_dir: Path
    db_url: str
    online: bool = False
    geocoder: str = "nominatim"
    geocoder_domain: str | None = None
    geocoder_scheme: str | None = None
    user_agent: str = DEFAULT_USER_AGENT
    timeout: float = 10.0
    min_delay_seconds: float = 1.0
    max_retries: int = 3
    provider_options: dict[str, Any] = field(default_factory=dict)

    def with_overrides(self, **overrides: Any) -> Settings:
        """A copy with the given fields replaced (``None`` values are ignored)."""
        return replace(self, **{k: v for k, v in overrides.items() if v is not None})


def _default_db_url() -> str:
    data_dir = Path(platformdirs.user_data_dir(APP_NAME))
    return f"sqlite:///{data_dir / 'events.sqlite'}"


def load_settings(**overrides: Any) -> Settings:
    """Read the environment, then apply keyword overrides.

    Examples
    --------
    >>> load_settings(online=False).online
    False
    """
    env = os.environ
    settings = Settings(
        cache_dir=Path(env.get("CONFLICT_MAP_CACHE_DIR") or platformdirs.user_cache_dir(APP_NAME)),
        db_url=env.get("CONFLICT_MAP_DB") or _default_db_url(),
        online=env.get("CONFLICT_MAP_ONLINE", "").strip().lower() in _TRUE,
        geocoder=env.get("CONFLICT_MAP_GEOCODER") or "nominatim",
        geocoder_domain=env.get("CONFLICT_MAP_GEOCODER_DOMAIN") or None,
        geocoder_scheme=env.get("CONFLICT_MAP_GEOCODER_SCHEME") or None,
        user_agent=env.get("CONFLICT_MAP_USER_AGENT") or DEFAULT_USER_AGENT,
        timeout=float(env.get("CONFLICT_MAP_TIMEOUT") or 10.0),
    )
    if isinstance(overrides.get("cache_dir"), str):
        overrides["cache_dir"] = Path(overrides["cache_dir"])
    return settings.with_overrides(**overrides)
