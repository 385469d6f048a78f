"""What every page shares: the cached store and events, the sidebar filters (kept in the URL), the editor lock.

Streamlit-only glue; everything it computes comes from ``geo/``. ``app.py`` draws the sidebar once per
run with :func:`sidebar_filters` and the pages read the result with :func:`current_view`.
"""

from __future__ import annotations

import hmac
import logging
import os
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pandas as pd
import streamlit as st

from geo import dashboard
from geo.filters import EventFilter
from geo.offline_assets import OfflineAssets, prepare_static_assets
from geo.record import EVENT_TYPES
from geo.samples import sample_readings
from geo.settings import load_settings

log = logging.getLogger(__name__)
ROOT = Path(__file__).resolve().parents[1]
SAMPLES_DIR = ROOT / "assets" / "samples"
_VIEW_KEY = "_conflict_map_view"
_UNLOCKED_KEY = "_editor_unlocked"


@dataclass(frozen=True)
class View:
    """What the sidebar selected: all events, the filtered ones, the filter and the options offered."""

    all_events: pd.DataFrame
    events: pd.DataFrame
    flt: EventFilter
    options: dashboard.FilterOptions


# --- settings and secrets ------------------------------------------------------------------------

def secret(name: str, default: Any = None) -> Any:
    """A value from ``st.secrets``, or ``default`` when there is no secrets file or no such key."""
    try:
        return st.secrets.get(name, default)
    except Exception:  # no secrets.toml at all: Streamlit raises rather than returning the default
        return default


def map_tiles() -> str | None:
    """The map's tiles: ``CONFLICT_MAP_TILES`` or the ``tiles`` secret; ``none`` for no tiles (offline)."""
    value = os.environ.get("CONFLICT_MAP_TILES") or secret("tiles") or "OpenStreetMap"
    return None if str(value).strip().lower() in ("", "none", "off") else str(value)


# --- cached resources ------------------------------------------------------------------------------

@st.cache_resource(show_spinner=False)
def offline_assets() -> OfflineAssets:
    """Leaflet and plugins copied from installed packages into ``static/vendor`` (once per process)."""
    return prepare_static_assets(ROOT / "static")


@st.cache_resource(show_spinner="Opening the event store…")
def get_store():
    """The event store (``db_url`` or ``[connections.sql] url`` secret, else ``CONFLICT_MAP_DB``, else a
    local SQLite file).

    A store with no events gets the sample reports from ``assets/samples/`` so the map is never empty.
    """
    from geo.store import EventStore

    connection = secret("connections") or {}
    store = EventStore(url=secret("db_url") or (connection.get("sql") or {}).get("url"))
    if store.is_empty() and SAMPLES_DIR.is_dir():
        # Read once per version of the reader and kept (geo/samples.py): a fresh store skips the gazetteer.
        for reading in sample_readings(SAMPLES_DIR, cache_dir=load_settings().cache_dir):
            try:
                store.ingest_reading(reading, author="samples")
            except Exception:  # one bad sample must not keep the app from starting
                log.exception("cannot store sample report %r", reading.report.title)
    return store


@st.cache_resource(show_spinner="Loading events…", ttl=600)
def load_events() -> pd.DataFrame:
    """Every event in the store, prepared for filtering; shared read-only by all sessions.

    ``cache_resource`` rather than ``cache_data``: a 100k-row frame is not copied on every rerun.
    Call :func:`data_changed` after writing to the store.
    """
    return dashboard.prepare_events(get_store().events())


@st.cache_resource(show_spinner=False, ttl=600)
def load_options() -> dashboard.FilterOptions:
    """What the sidebar offers (date bounds, countries, origins), computed once per load of the events."""
    return dashboard.filter_options(load_events())


def data_changed() -> None:
    """Forget cached events after the store changed, so every page shows the change."""
    load_events.clear()
    load_options.clear()


# --- the sidebar -----------------------------------------------------------------------------------

def _type_key(event_type: str) -> str:
    return "f_type_" + "".join(ch if ch.isalnum() else "_" for ch in event_type.lower())


_LIST_PARAMS = ("event_types", "sub_event_types", "countries", "origins")


def _url_filter() -> EventFilter:
    """The filter in the page's URL: list fields with every value given, the others with their last."""
    params = {name: st.query_params.get_all(name) if name in _LIST_PARAMS else st.query_params.get(name)
              for name in st.query_params}
    return EventFilter.from_query_params(params)


def _init_state(options: dashboard.FilterOptions) -> None:
    """Fill the filter widgets from the URL once per session, so a shared link opens the same view."""
    if st.session_state.get("_filters_ready"):
        return
    flt = dashboard.clamp_filter(_url_filter(), options)
    if options.first_day and options.last_day:
        st.session_state["f_dates"] = (flt.date_from or options.first_day, flt.date_to or options.last_day)
        st.session_state["_f_bounds"] = (options.first_day, options.last_day)
    for kind in EVENT_TYPES:
        st.session_state[_type_key(kind)] = not flt.event_types or kind in flt.event_types
    st.session_state["f_subtypes"] = list(flt.sub_event_types)
    st.session_state["f_countries"] = list(flt.countries)
    st.session_state["f_origins"] = list(flt.origins)
    st.session_state["f_text"] = flt.text
    st.session_state["_filters_ready"] = True


def _date_slider(options: dashboard.FilterOptions) -> tuple[date | None, date | None]:
    first, last = options.first_day, options.last_day
    if first is None or last is None:
        st.caption("No dated events yet.")
        return None, None
    if first == last:
        st.caption(f"All events are on {first:%d %b %Y}.")
        return None, None
    old_bounds = st.session_state.get("_f_bounds")
    low, high = st.session_state.get("f_dates", (first, last))
    if old_bounds and (low, high) == tuple(old_bounds):  # the whole range stays the whole range
        low, high = first, last
    low, high = min(max(low, first), last), max(min(high, last), first)
    st.session_state["f_dates"] = (min(low, high), max(low, high))
    st.session_state["_f_bounds"] = (first, last)
    low, high = st.slider("Dates", min_value=first, max_value=last, step=timedelta(days=1), format="D MMM YYYY",
                          key="f_dates", help="Events whose first day falls in this range.")
    return (low if low > first else None), (high if high < last else None)


def sidebar_filters() -> View:
    """Draw the shared filters in the sidebar, mirror them into the URL, and return the view.

    The pages call :func:`current_view` to read what this returned on the same run.
    """
    try:
        all_events = load_events()
    except Exception as exc:  # a wrong URL, a database that is down: say so instead of a traceback
        log.exception("cannot open the event store")
        st.error(f"The event store cannot be opened ({type(exc).__name__}: {str(exc)[:300]}). Check the "
                 "`db_url` secret or `CONFLICT_MAP_DB`, then reload the page.", icon=":material/error:")
        st.stop()
    options = load_options()
    _init_state(options)
    with st.sidebar:
        st.subheader("Filters")
        date_from, date_to = _date_slider(options)
        st.markdown("**Event types**")
        chosen_types = [kind for kind in EVENT_TYPES
                        if st.checkbox(dashboard.type_markdown(kind), key=_type_key(kind))]
        offered_subtypes = dashboard.sub_types_for(chosen_types)
        st.session_state["f_subtypes"] = [s for s in st.session_state.get("f_subtypes", []) if s in offered_subtypes]
        sub_types = st.multiselect("Sub-types", offered_subtypes, key="f_subtypes", placeholder="All sub-types")
        countries_offered = sorted(set(options.countries) | set(st.session_state.get("f_countries", [])))
        countries = st.multiselect("Countries", countries_offered, key="f_countries", format_func=country_name,
                                   placeholder="All countries")
        origins_offered = sorted(set(options.origins) | set(st.session_state.get("f_origins", [])))
        origins = st.multiselect("Origin", origins_offered, key="f_origins", format_func=dashboard.origin_label,
                                 placeholder="Reports and imports")
        text = st.text_input("Search places, actors, sentences", key="f_text", placeholder="e.g. Kurram")
    all_types = len(chosen_types) == len(EVENT_TYPES)
    flt = EventFilter(date_from=date_from, date_to=date_to,
                      event_types=() if all_types else tuple(chosen_types), sub_event_types=tuple(sub_types),
                      countries=tuple(countries), origins=tuple(origins), text=text.strip())
    _write_url(flt)
    events = dashboard.apply_filter(all_events, flt) if chosen_types else all_events.iloc[0:0]
    if not chosen_types:
        st.sidebar.warning("No event type is ticked, so no event is shown.")
    view = View(all_events=all_events, events=events, flt=flt, options=options)
    st.session_state[_VIEW_KEY] = view
    return view


def _write_url(flt: EventFilter) -> None:
    wanted = flt.to_query_params()
    current = {name: st.query_params.get_all(name) for name in st.query_params}
    normal = {k: v if isinstance(v, list) else [v] for k, v in wanted.items()}
    if current != normal:
        st.query_params.from_dict(wanted)


def current_view() -> View:
    """The view the sidebar selected on this run."""
    view = st.session_state.get(_VIEW_KEY)
    return view if view is not None else sidebar_filters()


def country_name(code: str) -> str:
    """``PK`` -> ``Pakistan (PK)``; the bare code when the name is unknown."""
    try:
        from geo.formats.countries import name_of
        name = name_of(code)
    except Exception:
        name = None
    return f"{name} ({code})" if name else code


# --- shared deployments ----------------------------------------------------------------------------

def editor_password() -> str | None:
    """The ``editor_password`` secret; when set, adding, editing and importing need it."""
    value = secret("editor_password")
    return str(value) if value else None


def can_edit() -> bool:
    """Whether this session may change the store."""
    return editor_password() is None or bool(st.session_state.get(_UNLOCKED_KEY))


def editor_unlock() -> None:
    """The sidebar's password box, shown only on a deployment with an editor password."""
    password = editor_password()
    if password is None:
        return
    with st.sidebar:
        st.divider()
        if st.session_state.get(_UNLOCKED_KEY):
            st.caption(":material/lock_open: Editing unlocked for this session.")
            return
        entered = st.text_input("Editor password", type="password", key="editor_password_input",
                                help="This deployment is shared: viewers can filter, read and download; "
                                     "adding, editing and importing need the editor password.")
        if entered:
            if hmac.compare_digest(entered.encode(), password.encode()):
                st.session_state[_UNLOCKED_KEY] = True
                st.rerun()
            st.error("That is not the editor password.")


def require_editor(action: str) -> bool:
    """Show why ``action`` is locked and return ``False``, or return ``True`` when editing is allowed."""
    if can_edit():
        return True
    st.info(f":material/lock: {action} is locked on this shared deployment. "
            "Enter the editor password in the sidebar to unlock it.")
    return False
