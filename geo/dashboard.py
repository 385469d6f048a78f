"""What the dashboard shows, computed without Streamlit: type styles, filter options, filtering, tables.

The pages in ``app_pages/`` only draw; everything they draw is computed here, so it can be tested
without a browser. The store hands over events as a DataFrame (``record.FIELD_NAMES`` plus
``corrected``); :func:`prepare_events` gives that frame the dtypes the rest of this module expects.

Examples
--------
>>> TYPE_STYLES["Battles"].colour
'#c0392b'
>>> type_label("Protests")
'⚑ Protests'
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

import pandas as pd

from geo.filters import EventFilter
from geo.record import EVENT_TYPES, FIELD_NAMES, ORIGIN_EXTRACTED

if TYPE_CHECKING:  # the reader's modules load only when a report is read, not to draw the map
    from geo.pipeline import Report


@dataclass(frozen=True)
class TypeStyle:
    """How one ACLED event type looks everywhere: map markers, legend, sidebar, chart.

    ``theme_colour`` is the Streamlit Markdown colour name whose text colour
    ``.streamlit/config.toml`` sets to ``colour``, so ``:red[⚔]`` in a label matches the map.
    """

    colour: str
    icon: str
    theme_colour: str


TYPE_STYLES: dict[str, TypeStyle] = {
    "Battles": TypeStyle("#c0392b", "⚔", "red"),
    "Explosions/Remote violence": TypeStyle("#e67e22", "✹", "orange"),
    "Violence against civilians": TypeStyle("#8e44ad", "⚠", "violet"),
    "Protests": TypeStyle("#2f80ed", "⚑", "blue"),
    "Riots": TypeStyle("#b7950b", "⚡", "yellow"),
    "Strategic developments": TypeStyle("#27ae60", "♜", "green"),
}
UNKNOWN_STYLE = TypeStyle("#7f8c8d", "•", "gray")
ORIGIN_LABELS = {ORIGIN_EXTRACTED: "Extracted from reports", "ucdp": "UCDP GED import", "acled": "ACLED import"}
#: Columns the event tables show, in order.
TABLE_COLUMNS = (
    "event_date", "event_type", "sub_event_type", "location", "country_code", "admin1", "fatalities",
    "actor1", "actor2", "geo_precision", "date_precision", "source_title", "source_url", "sentence",
    "origin", "sources", "corrected", "latitude", "longitude", "event_id",
)
#: Past this many events, the map aggregates markers on a grid (DESIGN.md: ~1000 plain markers at most).
MAX_MARKERS = 1000
_TEXT_SEARCH_COLUMNS = ("location", "actor1", "actor2", "sentence", "admin1", "admin2")


def type_style(event_type: str) -> TypeStyle:
    """The style of an event type; unknown types get a neutral grey."""
    return TYPE_STYLES.get(event_type, UNKNOWN_STYLE)


def type_label(event_type: str) -> str:
    """Icon and name, as the legend and the sidebar show a type.

    Examples
    --------
    >>> type_label("Battles")
    '⚔ Battles'
    """
    return f"{type_style(event_type).icon} {event_type}"


def type_markdown(event_type: str) -> str:
    """A Streamlit Markdown label: the icon in the type's colour, then the name."""
    style = type_style(event_type)
    return f":{style.theme_colour}[{style.icon}] {event_type}"


def origin_label(origin: str) -> str:
    """How an origin reads in the sidebar: ``ucdp`` -> ``UCDP GED import``."""
    return ORIGIN_LABELS.get(origin, f"{origin} import")


def empty_events() -> pd.DataFrame:
    """An event frame with no rows and every column, in the dtypes :func:`prepare_events` gives."""
    return prepare_events(pd.DataFrame(columns=[*FIELD_NAMES, "corrected"]))


def prepare_events(frame: pd.DataFrame) -> pd.DataFrame:
    """Give a store frame the dtypes the dashboard relies on.

    Dates become ``datetime64`` (day precision), coordinates floats, fatalities nullable integers,
    ``corrected`` a boolean, the columns filtered on strings; missing columns are added empty. Rows
    without coordinates are kept (the table shows them; the map skips them).

    Parameters
    ----------
    frame : pandas.DataFrame
        As returned by ``EventStore.events``.

    Examples
    --------
    >>> df = prepare_events(pd.DataFrame({"event_date": ["2025-10-12"], "latitude": ["33.1"]}))
    >>> str(df["event_date"].dtype), df.loc[0, "latitude"]
    ('datetime64[ns]', np.float64(33.1))
    """
    df = frame.copy()
    for column in (*FIELD_NAMES, "corrected"):
        if column not in df.columns:
            df[column] = None
    for column in ("event_date", "date_end", "published"):
        df[column] = pd.to_datetime(df[column], errors="coerce").astype("datetime64[ns]").dt.normalize()
    for column in ("latitude", "longitude"):
        df[column] = pd.to_numeric(df[column], errors="coerce").astype("float64")
    for column in ("fatalities", "start", "end", "place_start", "place_end"):
        df[column] = pd.to_numeric(df[column], errors="coerce").astype("Int64")
    df["sources"] = pd.to_numeric(df["sources"], errors="coerce").fillna(1).astype("int64")
    df["corrected"] = df["corrected"].fillna(False).astype(bool)
    for column in ("event_type", "sub_event_type", "location", "origin", "event_id"):
        df[column] = df[column].fillna("")
        if not pd.api.types.is_string_dtype(df[column]):
            df[column] = df[column].astype(str)
    # ``triggers`` stays as the store gives it (lists, JSON or nothing): :func:`as_word_list` reads any of
    # them where a popup needs them, instead of converting 100k cells on every load.
    return df.reset_index(drop=True)


def as_word_list(value: object) -> list[str]:
    """Trigger words as a list, whether the store kept a list, a JSON string or nothing.

    Examples
    --------
    >>> as_word_list('["killed", "clashes"]')
    ['killed', 'clashes']
    >>> as_word_list(None)
    []
    """
    if isinstance(value, list | tuple):
        return [str(v) for v in value if v]
    if isinstance(value, str) and value.strip():
        try:
            parsed = json.loads(value)
        except ValueError:
            return [w.strip() for w in value.split(",") if w.strip()]
        return as_word_list(parsed) if isinstance(parsed, list) else [str(parsed)]
    return []


def apply_filter(events: pd.DataFrame, flt: EventFilter) -> pd.DataFrame:
    """The events a filter selects, in the frame's order.

    Dates are inclusive; a sub-type selection narrows the chosen types; the text search is
    case-insensitive over place, division, actors and the evidence sentence.

    Parameters
    ----------
    events : pandas.DataFrame
        A frame from :func:`prepare_events`.
    flt : EventFilter
        What to keep; an empty filter keeps everything.

    Examples
    --------
    >>> df = prepare_events(pd.DataFrame({"event_date": ["2025-10-12", "2025-10-19"],
    ...                                   "event_type": ["Battles", "Strategic developments"]}))
    >>> len(apply_filter(df, EventFilter(date_from=date(2025, 10, 13))))
    1
    """
    keep = pd.Series(True, index=events.index)
    if flt.date_from:
        keep &= events["event_date"] >= pd.Timestamp(flt.date_from)
    if flt.date_to:
        keep &= events["event_date"] <= pd.Timestamp(flt.date_to)
    if flt.event_types:
        keep &= events["event_type"].isin(flt.event_types)
    if flt.sub_event_types:
        keep &= events["sub_event_type"].isin(flt.sub_event_types)
    if flt.countries:
        keep &= events["country_code"].isin(flt.countries)
    if flt.origins:
        keep &= events["origin"].isin(flt.origins)
    if flt.text.strip():
        needle = flt.text.strip().casefold()
        hit = pd.Series(False, index=events.index)
        for column in _TEXT_SEARCH_COLUMNS:
            hit |= events[column].fillna("").astype(str).str.casefold().str.contains(needle, regex=False)
        keep &= hit
    return events[keep]


@dataclass(frozen=True)
class FilterOptions:
    """What the sidebar offers, taken from the events in the store."""

    first_day: date | None
    last_day: date | None
    countries: tuple[str, ...]
    origins: tuple[str, ...]


def filter_options(events: pd.DataFrame) -> FilterOptions:
    """Date bounds, countries and origins present in the events (types always offer all six).

    Examples
    --------
    >>> opts = filter_options(prepare_events(pd.DataFrame(
    ...     {"event_date": ["2025-10-12", "2025-10-27"], "country_code": ["PK", "TR"], "origin": ["extracted"] * 2})))
    >>> opts.first_day, opts.countries
    (datetime.date(2025, 10, 12), ('PK', 'TR'))
    """
    dates = events["event_date"].dropna()
    return FilterOptions(
        first_day=dates.min().date() if len(dates) else None,
        last_day=dates.max().date() if len(dates) else None,
        countries=tuple(sorted(c for c in events["country_code"].dropna().unique() if c)),
        origins=tuple(sorted(o for o in events["origin"].dropna().unique() if o)),
    )


def sub_types_for(event_types: Iterable[str]) -> list[str]:
    """Sub-types of the chosen types (of all six when none is chosen), in ACLED's order."""
    chosen = list(event_types) or list(EVENT_TYPES)
    return [sub for kind in chosen for sub in EVENT_TYPES.get(kind, ())]


def clamp_filter(flt: EventFilter, options: FilterOptions) -> EventFilter:
    """Drop date bounds that are outside the data or equal to its edges (they select nothing more).

    A link made on a fuller store still opens; a slider at its ends leaves no dates in the URL.
    """
    date_from, date_to = flt.date_from, flt.date_to
    if options.first_day is None or options.last_day is None:
        return EventFilter(**{**flt.__dict__, "date_from": None, "date_to": None})
    if date_from is not None and date_from <= options.first_day:
        date_from = None
    if date_to is not None and date_to >= options.last_day:
        date_to = None
    if date_from is not None and date_from > options.last_day:
        date_from = None
    if date_to is not None and date_to < options.first_day:
        date_to = None
    return EventFilter(**{**flt.__dict__, "date_from": date_from, "date_to": date_to})


def table_frame(events: pd.DataFrame, *, limit: int | None = None, first: str | None = None) -> pd.DataFrame:
    """The columns the event tables show, newest first.

    Parameters
    ----------
    events : pandas.DataFrame
        A frame from :func:`prepare_events`.
    limit : int, optional
        Keep only the newest rows; a browser table of 100k rows helps nobody.
    first : str, optional
        An event id to put on top (the marker just clicked), wherever its date puts it.

    Examples
    --------
    >>> df = prepare_events(pd.DataFrame({"event_id": ["a", "b", "c"],
    ...                                   "event_date": ["2025-10-01", "2025-10-03", "2025-10-02"]}))
    >>> table_frame(df)["event_id"].tolist(), table_frame(df, limit=2, first="a")["event_id"].tolist()
    (['b', 'c', 'a'], ['a', 'b'])
    """
    # Order on the date alone (stable: the store's order breaks ties), then take the rows shown: sorting
    # 100k full rows, or by the text ids, costs a good part of a rerun.
    order = events["event_date"].sort_values(ascending=False, kind="stable", na_position="last").index
    if first is not None:
        on_top = events.loc[order, "event_id"].to_numpy() == first
        order = order[on_top].append(order[~on_top])
    if limit is not None:
        order = order[:limit]
    return events.loc[order, list(TABLE_COLUMNS)].reset_index(drop=True)


def events_per_day(events: pd.DataFrame, *, max_bars: int = 400) -> pd.DataFrame:
    """Counts per day (or per week or month when the range is long) and type, for a stacked chart.

    Returns columns ``period`` (the bar's first day), ``event_type`` and ``events``. The period
    widens so that there are at most about ``max_bars`` bars.

    Examples
    --------
    >>> df = prepare_events(pd.DataFrame({"event_date": ["2025-10-12", "2025-10-12"],
    ...                                   "event_type": ["Battles", "Battles"]}))
    >>> events_per_day(df).to_dict("records")
    [{'period': Timestamp('2025-10-12 00:00:00'), 'event_type': 'Battles', 'events': 2}]
    """
    dated = events.dropna(subset=["event_date"])
    if dated.empty:
        return pd.DataFrame({"period": pd.Series(dtype="datetime64[ns]"), "event_type": pd.Series(dtype=str),
                             "events": pd.Series(dtype="int64")})
    span_days = (dated["event_date"].max() - dated["event_date"].min()).days + 1
    if span_days <= max_bars:
        period = dated["event_date"]
    elif span_days <= max_bars * 7:
        period = dated["event_date"].dt.to_period("W").dt.start_time
    elif span_days <= max_bars * 31:
        period = dated["event_date"].dt.to_period("M").dt.start_time
    else:
        period = dated["event_date"].dt.to_period("Y").dt.start_time
    counts = (dated.assign(period=period).groupby(["period", "event_type"]).size()
              .rename("events").reset_index())
    return counts


def period_name(counts: pd.DataFrame) -> str:
    """``day``, ``week``, ``month`` or ``year``: the width of the bars :func:`events_per_day` made."""
    days = counts["period"].drop_duplicates().sort_values().diff().dropna().dt.days
    if days.empty or days.min() < 7:
        return "day"
    if days.min() < 28:
        return "week"
    return "month" if days.min() < 365 else "year"


def events_chart(counts: pd.DataFrame) -> dict:
    """A Vega-Lite spec for :func:`events_per_day` counts: bars stacked by type, in the legend's colours.

    A plain spec for ``st.vega_lite_chart(counts, spec)`` rather than an altair chart: importing altair
    took about 0.4 s of the map page's first run, for a chart that needs none of it.

    Examples
    --------
    >>> counts = pd.DataFrame({"period": pd.to_datetime(["2025-10-12"]), "event_type": ["Riots"], "events": [2]})
    >>> spec = events_chart(counts)
    >>> spec["mark"]["type"], spec["encoding"]["y"]["aggregate"]
    ('bar', 'sum')
    """
    period = period_name(counts)
    return {
        "mark": {"type": "bar"},
        "encoding": {
            "x": {"field": "period", "type": "temporal", "title": period.capitalize()},
            "y": {"field": "events", "type": "quantitative", "aggregate": "sum", "stack": "zero",
                  "title": f"Events per {period}"},
            "color": {"field": "event_type", "type": "nominal", "title": "Type",
                      "scale": {"domain": list(TYPE_STYLES), "range": [s.colour for s in TYPE_STYLES.values()]},
                      "legend": {"orient": "bottom", "columns": 3, "labelLimit": 0}},
            "tooltip": [{"field": "period", "type": "temporal", "title": period.capitalize()},
                        {"field": "event_type", "type": "nominal", "title": "Type"},
                        {"field": "events", "type": "quantitative", "title": "Events"}],
        },
        "height": 240,
    }


def event_id_from_popup(text: str | None) -> str | None:
    """The event id in a clicked marker's popup text (``Event 0123456789abcdef``), if any.

    Here rather than in :mod:`geo.maps` (which writes that text) so that a page can read a click
    before it imports folium.

    Examples
    --------
    >>> event_id_from_popup("Battles ... Event 0a1b2c3d4e5f6789")
    '0a1b2c3d4e5f6789'
    """
    match = re.search(r"Event ([0-9A-Za-z_:.-]{1,64})\s*$", text or "")
    return match.group(1) if match else None


# --- uploaded reports -----------------------------------------------------------------------------

MAX_REPORT_BYTES = 2_000_000
REPORT_SUFFIXES = (".txt", ".md", ".html", ".htm")


def report_from_upload(name: str, data: bytes, *, published: date) -> Report:
    """An uploaded report file as a :class:`~geo.pipeline.Report`, or an :class:`~geo.errors.InputError`
    saying, for a user, why not.

    Empty, huge (over 2 MB), binary and undecodable files are refused with a message that says what to
    do. Text and Markdown may carry a ``Title:``/``Published:``/``URL:`` header; HTML is reduced to its
    visible text, its title and date taken from its metadata (:mod:`geo.formats.reports`).

    Parameters
    ----------
    name : str
        The file's name; its suffix says how to read it.
    data : bytes
        The file's content.
    published : date
        The publication date when the file does not give one.

    Examples
    --------
    >>> report_from_upload("a.html", b"<title>T</title><p>Clashes in <b>Kabul</b></p><script>x()</script>",
    ...                    published=date(2025, 10, 28)).text
    'Clashes in Kabul'
    >>> report_from_upload("a.txt", b"", published=date(2025, 10, 28))
    Traceback (most recent call last):
    ...
    geo.errors.InputError: a.txt is empty
    """
    from geo.documents import decode
    from geo.errors import InputError
    from geo.formats.reports import parse_html, parse_text

    text = decode(data, name=name, max_bytes=MAX_REPORT_BYTES)  # refuses empty, huge and binary files
    is_html = Path(name).suffix.lower() in (".html", ".htm")
    try:
        if is_html:
            return parse_html(text, name=name, published=published)
        return parse_text(text, name=name, published=published, title=Path(name).stem)
    except InputError:
        raise InputError(f"{name} has no readable text.") from None


# --- the event editor -----------------------------------------------------------------------------

#: Columns a user may correct in the event table (the store's ``correct`` accepts these).
EDITABLE_COLUMNS = ("event_type", "sub_event_type", "event_date", "date_end", "location", "country_code",
                    "latitude", "longitude", "fatalities")


@dataclass(frozen=True)
class TableEdits:
    """What a user changed in the event editor: per event the changed fields, and the deleted events."""

    changes: dict[str, dict[str, object]]
    deletions: tuple[str, ...]

    def __bool__(self) -> bool:
        return bool(self.changes or self.deletions)


def editor_edits(table: pd.DataFrame, state: dict | None) -> TableEdits:
    """Turn ``st.data_editor``'s state into store corrections.

    Parameters
    ----------
    table : pandas.DataFrame
        The frame the editor showed (row positions are what the state refers to).
    state : dict
        ``{"edited_rows": {row: {column: value}}, "deleted_rows": [row, ...], "added_rows": [...]}``.

    Only :data:`EDITABLE_COLUMNS` count; values equal to the shown ones are dropped; dates become ISO
    strings, empty cells ``None``. A deleted row's edits are ignored. Added rows are not supported.

    Examples
    --------
    >>> table = pd.DataFrame({"event_id": ["a", "b"], "fatalities": [3, None], "location": ["X", "Y"]})
    >>> edits = editor_edits(table, {"edited_rows": {0: {"fatalities": 5, "location": "X"}}, "deleted_rows": [1]})
    >>> edits.changes, edits.deletions
    ({'a': {'fatalities': 5}}, ('b',))
    """
    state = state or {}
    deleted = sorted(int(row) for row in state.get("deleted_rows", []) if int(row) < len(table))
    deletions = tuple(str(table.iloc[row]["event_id"]) for row in deleted)
    changes: dict[str, dict[str, object]] = {}
    for row_key, edited in (state.get("edited_rows") or {}).items():
        row = int(row_key)
        if row >= len(table) or row in deleted:
            continue
        shown = table.iloc[row]
        fields_changed = {}
        for column, value in edited.items():
            if column not in EDITABLE_COLUMNS:
                continue
            new, old = _cell(column, value), _cell(column, shown.get(column))
            if new != old:
                fields_changed[column] = new
        if fields_changed:
            changes[str(shown["event_id"])] = fields_changed
    return TableEdits(changes=changes, deletions=deletions)


def _cell(column: str, value: object) -> object:
    if value is None or (not isinstance(value, list | tuple) and pd.isna(value)):
        return None
    if column in ("event_date", "date_end"):
        return pd.Timestamp(value).date().isoformat()
    if column == "fatalities":
        return int(value)
    if column in ("latitude", "longitude"):
        return round(float(value), 6)
    text = str(value).strip()
    return text or None
