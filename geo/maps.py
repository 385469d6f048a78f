"""Folium maps of events: circle markers coloured by type, a legend, popups with the evidence.

The dashboard keeps one base map per store (:func:`base_map`, identical from run to run, so the
browser never remounts it) and sends the filtered events as a feature group (:func:`event_layer`).
Up to ``max_markers`` events are drawn one marker each; past that they are aggregated on a grid on
the server, so 100k events make a page of about a thousand circles. :func:`heat_layer` draws the
same events as a heat map and :func:`add_playback` adds folium's ``Timeline`` with its slider.

Every text that came from a report or a file is HTML-escaped before it reaches a popup or tooltip;
links keep only ``http``/``https`` targets. Markers are SVG circle markers (no icon fonts, no
canvas), drawn by one ``L.geoJSON`` layer so that a thousand of them cost one element to render.

Examples
--------
>>> assets = OfflineAssets(vendor_dir=Path("static/vendor"))
>>> m = base_map(assets, tiles=None)
>>> layer = event_layer(prepare_events(pd.DataFrame({"event_date": ["2025-10-12"], "event_type": ["Battles"],
...                     "location": ["Kurram"], "latitude": [33.8], "longitude": [70.1]})))
>>> layer.layer_name
'Events'
"""

from __future__ import annotations

import html
import math
import re
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

import folium
import pandas as pd
from branca.element import MacroElement
from folium.plugins import HeatMap, Timeline, TimelineSlider
from folium.template import Template
from folium.utilities import JsCode

from geo.dashboard import MAX_MARKERS, TYPE_STYLES, as_word_list, event_id_from_popup, prepare_events, type_style
from geo.offline_assets import OfflineAssets, local_links, localise

DEFAULT_CENTER = (30.0, 60.0)
OSM_TILES = "OpenStreetMap"
_SAFE_URL = re.compile(r"^https?://", re.IGNORECASE)
_POPUP_CSS = """
.cm-popup{font:13px/1.4 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:#1f2933;max-width:340px}
.cm-popup .cm-type{font-weight:600;margin-bottom:2px}
.cm-popup .cm-place{font-size:14px;font-weight:600}
.cm-popup .cm-muted{color:#5f6b7a}
.cm-popup blockquote{margin:6px 0;padding:4px 8px;border-left:3px solid #cbd2d9;background:#f5f7fa}
.cm-popup mark{background:#ffe58f;padding:0 1px;border-radius:2px}
.cm-popup mark.cm-place-mark{background:#b3d4ff}
.cm-popup .cm-id{font-size:11px;color:#8a94a3;margin-top:4px}
.cm-legend{background:rgba(255,255,255,.93);padding:8px 10px;border-radius:6px;box-shadow:0 1px 4px rgba(0,0,0,.3);
 font:12px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:#1f2933}
.cm-legend b{display:block;margin-bottom:2px;font-size:12px}
.cm-legend .cm-swatch{display:inline-block;width:11px;height:11px;border-radius:50%;margin-right:6px;
 vertical-align:-1px;border:1px solid #fff;box-shadow:0 0 0 1px rgba(0,0,0,.25)}
.cm-legend .cm-icon{display:inline-block;width:16px;text-align:center;margin-right:2px}
"""


def base_map(assets: OfflineAssets, *, tiles: str | None = OSM_TILES,
             bounds: Sequence[Sequence[float]] | None = None, height: str = "100%",
             legend_position: str = "bottomright") -> folium.Map:
    """The map every rerun shares: tiles, legend, popup styles and the view over all events.

    Parameters
    ----------
    assets : OfflineAssets
        Where the app serves Leaflet (see :mod:`geo.offline_assets`).
    tiles : str or None
        A folium tile name, or ``None`` for no tiles (offline, tests).
    bounds : [[south, west], [north, east]], optional
        The view to open on; the whole store's extent, so filtering never moves the map.
    height : str
        CSS height of the map.
    legend_position : str
        A Leaflet control corner; the playback's slider takes the bottom of the map.

    Examples
    --------
    >>> m = base_map(OfflineAssets(vendor_dir=Path("x")), tiles=None, bounds=[[30, 60], [35, 72]])
    >>> isinstance(m, folium.Map)
    True
    """
    fmap = folium.Map(location=DEFAULT_CENTER, zoom_start=4, tiles=tiles, height=height,
                      control_scale=True, prefer_canvas=False, world_copy_jump=True)
    localise(fmap, assets)
    # Plugins that a later rerun may switch on load with the map: streamlit-folium loads scripts only
    # when the component mounts, and the base map must not change (it would remount).
    fmap.default_js = [*fmap.default_js, *local_links(HeatMap.default_js, assets)]
    if bounds is not None:
        (south, west), (north, east) = bounds
        if north - south < 1 and east - west < 1:  # one place: do not zoom to the street
            south, north, west, east = south - 1, north + 1, west - 1, east + 1
        fmap.fit_bounds([[south, west], [north, east]], padding=(20, 20))
    fmap.get_root().header.add_child(folium.Element(f"<style>{_POPUP_CSS}</style>"))
    if tiles is None and assets.basemap:
        Basemap(assets.basemap).add_to(fmap)
    Legend(position=legend_position).add_to(fmap)
    return fmap


def data_bounds(events: pd.DataFrame) -> list[list[float]] | None:
    """``[[south, west], [north, east]]`` of the events with coordinates, or ``None``."""
    located = events.dropna(subset=["latitude", "longitude"])
    if located.empty:
        return None
    return [[float(located["latitude"].min()), float(located["longitude"].min())],
            [float(located["latitude"].max()), float(located["longitude"].max())]]


class Basemap(MacroElement):
    """Country outlines under the markers when there are no tiles (offline): fetched from the app, not drawn
    into the page, in a pane below the markers, not clickable."""

    _template = Template("""
        {% macro script(this, kwargs) %}
        (function (map) {
            var pane = map.createPane("cm-basemap");
            pane.style.zIndex = 150;
            pane.style.pointerEvents = "none";
            map.getContainer().style.background = "#d7e6f0";
            map.attributionControl.addAttribution("Borders: Natural Earth");
            fetch({{ this.url|tojson }}).then(function (answer) { return answer.json(); }).then(function (data) {
                L.geoJSON(data, {pane: "cm-basemap", interactive: false,
                                 style: {color: "#a3adb8", weight: 0.8, fillColor: "#f6f4ee", fillOpacity: 1}})
                 .addTo(map);
            }).catch(function () {});
        })({{ this._parent.get_name() }});
        {% endmacro %}
    """)

    def __init__(self, url: str) -> None:
        super().__init__()
        self._name = "Basemap"
        self.url = url


class Legend(MacroElement):
    """The six ACLED types with their colour and icon, as a Leaflet control in the map's corner."""

    _template = Template("""
        {% macro script(this, kwargs) %}
        var {{ this.get_name() }} = L.control({position: {{ this.position|tojson }}});
        {{ this.get_name() }}.onAdd = function () {
            var div = L.DomUtil.create("div", "cm-legend");
            div.innerHTML = {{ this.html|tojson }};
            L.DomEvent.disableClickPropagation(div);
            return div;
        };
        {{ this.get_name() }}.addTo({{ this._parent.get_name() }});
        {% endmacro %}
    """)

    def __init__(self, title: str = "Event types", position: str = "bottomright") -> None:
        super().__init__()
        self._name = "Legend"
        self.html = legend_html(title)
        self.position = position


def legend_html(title: str = "Event types") -> str:
    """The legend's HTML: one line per type, a coloured dot, the icon and the name."""
    rows = "".join(
        f'<div><span class="cm-swatch" style="background:{style.colour}"></span>'
        f'<span class="cm-icon" style="color:{style.colour}">{html.escape(style.icon)}</span>{html.escape(kind)}</div>'
        for kind, style in TYPE_STYLES.items()
    )
    return f"<b>{html.escape(title)}</b>{rows}"


class EventGeoJson(MacroElement):
    """Point features drawn as SVG circle markers, each with its own colour, radius, popup and tooltip.

    The properties ``colour``, ``radius``, ``popup`` (HTML, already escaped) and ``tooltip`` (HTML,
    already escaped) of each feature say how it looks; ``selected`` draws a dark ring.
    """

    _template = Template("""
        {% macro script(this, kwargs) %}
        var {{ this.get_name() }} = L.geoJSON({{ this.data|tojson }}, {
            pointToLayer: function (feature, latlng) {
                var p = feature.properties;
                return L.circleMarker(latlng, {
                    radius: p.radius, fillColor: p.colour, fillOpacity: 0.85,
                    color: p.selected ? "#111" : "#ffffff", weight: p.selected ? 3 : 1, opacity: 1
                });
            },
            onEachFeature: function (feature, layer) {
                // An element, not a string: streamlit-folium reads a clicked popup's innerText.
                var popup = document.createElement("div");
                popup.innerHTML = feature.properties.popup;
                layer.bindPopup(popup, {maxWidth: 360});
                layer.bindTooltip(feature.properties.tooltip, {sticky: true});
            }
        });
        {{ this.get_name() }}.addTo({{ this._parent.get_name() }});
        {% endmacro %}
    """)

    def __init__(self, features: list[dict[str, Any]]) -> None:
        super().__init__()
        self._name = "EventGeoJson"
        self.data = {"type": "FeatureCollection", "features": features}


def event_layer(events: pd.DataFrame, *, max_markers: int = MAX_MARKERS,
                selected_id: str | None = None) -> folium.FeatureGroup:
    """The filtered events as one feature group: a marker each, or grid aggregates past ``max_markers``.

    Parameters
    ----------
    events : pandas.DataFrame
        A frame from :func:`geo.dashboard.prepare_events`; rows without coordinates are skipped.
    max_markers : int
        The most individual markers drawn; more events are aggregated on a grid.
    selected_id : str, optional
        An event to ring in black (the row selected in the table).

    Examples
    --------
    >>> df = prepare_events(pd.DataFrame({"event_date": ["2025-10-12"] * 3, "event_type": ["Battles"] * 3,
    ...     "location": ["A", "B", "C"], "latitude": [33.0, 33.5, 34.0], "longitude": [70.0, 70.0, 70.0]}))
    >>> len(marker_features(event_layer(df)))
    3
    >>> len(marker_features(event_layer(df, max_markers=2)))   # three events, two grid cells
    2
    """
    located = events.dropna(subset=["latitude", "longitude"])
    if len(located) <= max_markers:
        features = [event_feature(row, selected=row["event_id"] == selected_id)
                    for row in located.to_dict("records")]
        name = "Events"
    else:
        features = [cell_feature(cell) for cell in aggregate_cells(located, max_cells=max_markers)]
        name = "Events (grouped)"
    group = folium.FeatureGroup(name=name)
    EventGeoJson(features).add_to(group)
    return group


def marker_features(group: folium.FeatureGroup) -> list[dict[str, Any]]:
    """The GeoJSON features a layer from :func:`event_layer` draws (for tests and benchmarks)."""
    return [f for child in group._children.values() if isinstance(child, EventGeoJson)
            for f in child.data["features"]]


def event_feature(event: dict[str, Any], *, selected: bool = False) -> dict[str, Any]:
    """One event as a GeoJSON point with its style, escaped popup and tooltip."""
    style = type_style(event["event_type"])
    tooltip = f"{style.icon} {event['event_type']} · {event.get('location') or '?'} · {_day(event['event_date'])}"
    return {
        "type": "Feature",
        "geometry": {"type": "Point", "coordinates": [round(float(event["longitude"]), 5),
                                                      round(float(event["latitude"]), 5)]},
        "properties": {"colour": style.colour, "radius": 8 if selected else 7, "selected": selected,
                       "popup": popup_html(event), "tooltip": html.escape(tooltip), "event_id": event["event_id"]},
    }


def popup_html(event: dict[str, Any]) -> str:
    """An event's popup: type, place and precision, dates, fatalities, actors, evidence, source.

    Every value is escaped; the evidence sentence has the place and trigger words highlighted.

    Examples
    --------
    >>> popup = popup_html({"event_type": "Battles", "sub_event_type": "Armed clash", "location": "<b>X</b>",
    ...     "event_date": "2025-10-12", "sentence": "Clashes at X.", "source_url": "javascript:alert(1)"})
    >>> "<b>X</b>" in popup, "&lt;b&gt;X&lt;/b&gt;" in popup, "javascript:" in popup
    (False, True, False)
    """
    style = type_style(str(event.get("event_type") or ""))
    esc = _escape
    sub = f" · {esc(event.get('sub_event_type'))}" if _present(event.get("sub_event_type")) else ""
    parts = [f'<div class="cm-popup"><div class="cm-type" style="color:{style.colour}">'
             f"{esc(style.icon)} {esc(event.get('event_type'))}{sub}</div>"]
    where = esc(event.get("location") or "Unknown place")
    detail = ", ".join(esc(v) for v in (event.get("admin1"), event.get("country_code")) if _present(v))
    precision = f' <span class="cm-muted">({esc(event.get("geo_precision"))})</span>' \
        if _present(event.get("geo_precision")) else ""
    parts.append(f'<div class="cm-place">{where}</div><div class="cm-muted">{detail}{precision}</div>')
    when = _day(event.get("event_date"))
    end = _day(event.get("date_end"))
    if end and end != when:
        when = f"{when} – {end}"
    if _present(event.get("date_precision")) and event.get("date_precision") != "day":
        when += f" (to the {esc(event.get('date_precision'))})"
    fatalities = event.get("fatalities")
    deaths = "not reported" if not _present(fatalities) else f"{int(fatalities)}"
    parts.append(f"<div>{esc(when)} · fatalities: {esc(deaths)}</div>")
    actors = [esc(a) for a in (event.get("actor1"), event.get("actor2")) if _present(a)]
    if actors:
        parts.append(f"<div>Actors: {' vs '.join(actors)}</div>")
    if _present(event.get("sentence")):
        parts.append(f"<blockquote>{highlight_evidence(event)}</blockquote>")
    parts.append(source_html(event))
    if _present(event.get("event_id")):
        parts.append(f'<div class="cm-id">Event {esc(event.get("event_id"))}</div>')
    parts.append("</div>")
    return "".join(parts)


def event_summary_html(event: dict[str, Any]) -> str:
    """One line about an event, escaped: icon and type in its colour, sub-type, date, place, fatalities.

    Examples
    --------
    >>> event_summary_html({"event_type": "Riots", "sub_event_type": "Mob violence", "event_date": "2025-10-12",
    ...                     "location": "<i>X</i>", "geo_precision": "place", "fatalities": 2})[-60:]
    ' <b>2025-10-12</b> · &lt;i&gt;X&lt;/i&gt; (place) · 2 killed'
    """
    style = type_style(str(event.get("event_type") or ""))
    parts = [f'<span style="color:{style.colour};font-weight:600">{_escape(style.icon)} '
             f"{_escape(event.get('event_type'))}</span>"]
    if _present(event.get("sub_event_type")):
        parts.append(_escape(event.get("sub_event_type")))
    parts.append(f"<b>{_escape(_day(event.get('event_date')))}</b>")
    place = _escape(event.get("location") or "Unknown place")
    if _present(event.get("geo_precision")):
        place += f" ({_escape(event.get('geo_precision'))})"
    parts.append(place)
    if _present(event.get("fatalities")):
        parts.append(f"{int(event['fatalities'])} killed")
    return " · ".join(parts)


def source_html(event: dict[str, Any]) -> str:
    """``Source: <title linked to its URL> (published)``, escaped; only http(s) links are kept."""
    title = event.get("source_title") if _present(event.get("source_title")) else None
    url = str(event.get("source_url")) if _present(event.get("source_url")) else ""
    origin = event.get("origin") or ""
    label = _escape(title or (url if _SAFE_URL.match(url) else None) or
                    (f"{str(origin).upper()} dataset" if origin and origin != "extracted" else "report"))
    linked = (f'<a href="{html.escape(url, quote=True)}" target="_blank" rel="noopener noreferrer">{label}</a>'
              if _SAFE_URL.match(url) else label)
    published = f" ({_day(event.get('published'))})" if _present(event.get("published")) else ""
    sources = int(event.get("sources") or 1)
    more = f" · {sources} reports" if sources > 1 else ""
    return f'<div class="cm-muted">Source: {linked}{_escape(published)}{more}</div>'


def highlight_evidence(event: dict[str, Any]) -> str:
    """The evidence sentence, escaped, with the place (blue) and trigger words (yellow) marked.

    The place is found from the event's ``place_start``/``place_end`` offsets (report offsets, the
    sentence starting at ``start``), else by its name; triggers by whole-word, case-insensitive match.

    Examples
    --------
    >>> highlight_evidence({"sentence": "Troops <killed> 3 in Kurram.", "location": "Kurram",
    ...                     "triggers": ["killed"], "start": 0})
    'Troops &lt;<mark>killed</mark>&gt; 3 in <mark class="cm-place-mark">Kurram</mark>.'
    """
    sentence = str(event.get("sentence") or "")
    spans: list[tuple[int, int, str]] = []
    place_span = _place_span(event, sentence)
    if place_span:
        spans.append((*place_span, "place"))
    for word in as_word_list(event.get("triggers")):
        for match in re.finditer(rf"(?<!\w){re.escape(word)}(?!\w)", sentence, flags=re.IGNORECASE):
            spans.append((match.start(), match.end(), "trigger"))
    out, cursor = [], 0
    for begin, end, kind in sorted(spans):
        if begin < cursor:
            continue  # overlaps a span already marked
        out.append(html.escape(sentence[cursor:begin]))
        css = ' class="cm-place-mark"' if kind == "place" else ""
        out.append(f"<mark{css}>{html.escape(sentence[begin:end])}</mark>")
        cursor = end
    out.append(html.escape(sentence[cursor:]))
    return "".join(out)


def _place_span(event: dict[str, Any], sentence: str) -> tuple[int, int] | None:
    start, place_start, place_end = event.get("start"), event.get("place_start"), event.get("place_end")
    if _present(start) and _present(place_start) and _present(place_end):
        begin, end = int(place_start) - int(start), int(place_end) - int(start)
        if 0 <= begin < end <= len(sentence):
            return begin, end
    name = str(event.get("location") or "").strip()
    if name:
        match = re.search(rf"(?<!\w){re.escape(name)}(?!\w)", sentence, flags=re.IGNORECASE)
        if match:
            return match.start(), match.end()
    return None


# --- many events -------------------------------------------------------------------------------

def grid_size(events: pd.DataFrame, *, max_cells: int) -> float:
    """The smallest cell edge in degrees (0.05, 0.1, 0.2, ...) that leaves at most ``max_cells`` cells."""
    size = 0.05
    while size < 90:
        cells = (events["latitude"] // size).astype("int64") * 100_000 + (events["longitude"] // size).astype("int64")
        if cells.nunique() <= max_cells:
            return size
        size *= 2
    return size


def aggregate_cells(events: pd.DataFrame, *, max_cells: int = MAX_MARKERS) -> list[dict[str, Any]]:
    """Events grouped on a square grid: per cell its count, centre, main type, types, dates and places.

    Parameters
    ----------
    events : pandas.DataFrame
        Events with coordinates.
    max_cells : int
        The grid widens until no more cells than this are occupied.

    Examples
    --------
    >>> df = prepare_events(pd.DataFrame({"event_date": ["2025-10-12", "2025-10-13"],
    ...     "event_type": ["Battles", "Riots"], "location": ["A", "A"], "latitude": [33.0, 33.01],
    ...     "longitude": [70.0, 70.01]}))
    >>> [(c["count"], c["main_type"]) for c in aggregate_cells(df, max_cells=1)]
    [(2, 'Battles')]
    """
    if events.empty:
        return []
    size = grid_size(events, max_cells=max_cells)
    frame = events.assign(cell_y=(events["latitude"] // size).astype("int64"),
                          cell_x=(events["longitude"] // size).astype("int64"))
    by_cell = frame.groupby(["cell_y", "cell_x"], sort=True)
    summary = by_cell.agg(count=("event_id", "size"), latitude=("latitude", "mean"), longitude=("longitude", "mean"),
                          first=("event_date", "min"), last=("event_date", "max"),
                          fatalities=("fatalities", "sum"))
    type_counts = frame.groupby(["cell_y", "cell_x", "event_type"]).size().rename("n").reset_index()
    top_places = (frame.groupby(["cell_y", "cell_x", "location"]).size().rename("n").reset_index()
                  .sort_values(["cell_y", "cell_x", "n", "location"], ascending=[True, True, False, True])
                  .groupby(["cell_y", "cell_x"]).head(3))
    types_by_cell: dict[tuple[int, int], list[tuple[str, int]]] = {}
    for cell_y, cell_x, kind, n in type_counts.sort_values(["n", "event_type"], ascending=[False, True]).itertuples(
            index=False):
        types_by_cell.setdefault((cell_y, cell_x), []).append((kind, int(n)))
    places_by_cell: dict[tuple[int, int], list[str]] = {}
    for cell_y, cell_x, place, _ in top_places.itertuples(index=False):
        places_by_cell.setdefault((cell_y, cell_x), []).append(place)
    cells = []
    for (cell_y, cell_x), count, latitude, longitude, first, last, fatalities in zip(
            summary.index, summary["count"], summary["latitude"], summary["longitude"], summary["first"],
            summary["last"], summary["fatalities"], strict=True):
        types = types_by_cell.get((cell_y, cell_x), [])
        cells.append({
            "count": int(count), "latitude": float(latitude), "longitude": float(longitude),
            "first": first, "last": last, "fatalities": int(fatalities or 0),
            "types": types, "main_type": types[0][0] if types else "",
            "places": places_by_cell.get((cell_y, cell_x), []), "size_degrees": size,
        })
    return cells


def cell_feature(cell: dict[str, Any]) -> dict[str, Any]:
    """One grid cell as a GeoJSON point: radius grows with the log of its count."""
    style = type_style(cell["main_type"])
    radius = round(5 + 2.5 * math.log2(cell["count"]), 1)
    places = ", ".join(cell["places"])
    tooltip = f"{cell['count']} events · {places}" if places else f"{cell['count']} events"
    type_rows = "".join(
        f'<div><span style="color:{type_style(kind).colour}">{html.escape(type_style(kind).icon)}</span> '
        f"{html.escape(kind)}: {n}</div>" for kind, n in cell["types"])
    popup = (f'<div class="cm-popup"><div class="cm-place">{cell["count"]} events</div>'
             f'<div class="cm-muted">{html.escape(_day(cell["first"]))} – {html.escape(_day(cell["last"]))}'
             f" · fatalities: {cell['fatalities']}</div>{type_rows}"
             f'<div class="cm-muted">Places: {html.escape(places) or "—"}</div>'
             f'<div class="cm-id">Grouped on a {cell["size_degrees"]:g}° grid; '
             "narrow the filters to see single events.</div></div>")
    return {
        "type": "Feature",
        "geometry": {"type": "Point", "coordinates": [round(cell["longitude"], 4), round(cell["latitude"], 4)]},
        "properties": {"colour": style.colour, "radius": radius, "selected": False, "popup": popup,
                       "tooltip": html.escape(tooltip)},
    }


def heat_layer(events: pd.DataFrame, assets: OfflineAssets) -> folium.FeatureGroup:
    """The events as a heat map (Leaflet.heat, served locally), weighted by events per ~1 km spot."""
    located = events.dropna(subset=["latitude", "longitude"])
    spots = (located.assign(lat=located["latitude"].round(2), lon=located["longitude"].round(2))
             .groupby(["lat", "lon"]).size().rename("n").reset_index())
    peak = float(spots["n"].max()) if len(spots) else 1.0
    points = [[float(r.lat), float(r.lon), round(0.3 + 0.7 * float(r.n) / peak, 3)] for r in spots.itertuples()]
    group = folium.FeatureGroup(name="Heat map")
    heat = HeatMap(points, radius=18, blur=15, min_opacity=0.35, max_zoom=10)
    localise(heat, assets)
    heat.add_to(group)
    return group


def add_playback(fmap: folium.Map, events: pd.DataFrame, assets: OfflineAssets, *,
                 duration_ms: int = 20000) -> folium.Map:
    """Add a time playback of the events to a map: folium's ``Timeline`` and ``TimelineSlider``.

    Each event shows from its first to its last day. ``TimestampedGeoJson`` does not render inside
    ``st_folium``; these do. The slider belongs to the map, so this map is not the shared base map.
    """
    located = events.dropna(subset=["latitude", "longitude", "event_date"])
    features = []
    for row in located.to_dict("records"):
        feature = event_feature(row)
        end = row.get("date_end") if _present(row.get("date_end")) else row["event_date"]
        feature["properties"].update(start=_day(row["event_date"]),
                                     end=(pd.Timestamp(end) + pd.Timedelta(days=1)).date().isoformat())
        features.append(feature)
    timeline = Timeline(
        {"type": "FeatureCollection", "features": features},
        pointToLayer=JsCode("""function (feature, latlng) {
            var p = feature.properties;
            return L.circleMarker(latlng, {radius: p.radius, fillColor: p.colour, fillOpacity: 0.85,
                                           color: "#ffffff", weight: 1});
        }"""),
        onEachFeature=JsCode("""function (feature, layer) {
            layer.bindPopup(feature.properties.popup, {maxWidth: 360});
            layer.bindTooltip(feature.properties.tooltip, {sticky: true});
        }"""),
    )
    slider = TimelineSlider(auto_play=False, date_options="YYYY-MM-DD", playback_duration=duration_ms,
                            show_ticks=False, enable_keyboard_controls=True)
    localise(timeline, assets)
    localise(slider, assets)
    timeline.add_to(fmap)
    slider.add_timelines(timeline).add_to(fmap)
    return fmap


def events_at(events: pd.DataFrame, event_ids: Iterable[str]) -> pd.DataFrame:
    """The rows of the given event ids, in the order given."""
    wanted = list(dict.fromkeys(event_ids))
    found = events[events["event_id"].isin(wanted)]
    return found.set_index("event_id").loc[[i for i in wanted if i in set(found["event_id"])]].reset_index()


def _escape(value: object) -> str:
    return html.escape("" if value is None else str(value), quote=True)


def _present(value: object) -> bool:
    if value is None:
        return False
    try:
        if pd.isna(value):
            return False
    except (TypeError, ValueError):
        pass
    return str(value).strip() != ""


def _day(value: object) -> str:
    if not _present(value):
        return ""
    try:
        return pd.Timestamp(value).date().isoformat()
    except (TypeError, ValueError):
        return str(value)[:10]


__all__ = ["MAX_MARKERS", "EventGeoJson", "Legend", "OfflineAssets", "Path", "add_playback", "aggregate_cells",
           "base_map", "data_bounds", "event_feature", "event_id_from_popup", "event_layer", "events_at",
           "heat_layer", "highlight_evidence", "marker_features", "popup_html", "prepare_events"]
