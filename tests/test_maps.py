"""geo.maps: markers by type, grouping past the marker limit, escaped popups, a map the same from run to run."""

from __future__ import annotations

import json
import re

import pandas as pd
import pytest
from streamlit_folium import _get_feature_group_string, generate_js_hash, generate_leaflet_string

from geo import maps
from geo.dashboard import TYPE_STYLES, prepare_events
from geo.offline_assets import OfflineAssets

ASSETS = OfflineAssets(vendor_dir=maps.Path("static/vendor"), available=frozenset({"leaflet/leaflet.js",
                                                                                 "leaflet/leaflet.css"}))
SCRIPT = '<script>window.__xss=1</script>'
IMG = '<img src=x onerror="window.__xss=2">'


def frame(n: int, **columns) -> pd.DataFrame:
    data = {"event_date": ["2025-10-12"] * n, "event_type": ["Battles"] * n, "sub_event_type": ["Armed clash"] * n,
            "location": [f"Place {i}" for i in range(n)], "latitude": [30 + i * 0.01 for i in range(n)],
            "longitude": [70 + i * 0.01 for i in range(n)], "event_id": [f"e{i}" for i in range(n)]}
    data.update(columns)
    return prepare_events(pd.DataFrame(data))


def test_one_marker_per_located_event_coloured_by_type():
    events = frame(3, event_type=["Battles", "Riots", "Protests"], latitude=[30.0, None, 31.0])
    features = maps.marker_features(maps.event_layer(events))
    assert [f["properties"]["event_id"] for f in features] == ["e0", "e2"]
    assert [f["properties"]["colour"] for f in features] == [TYPE_STYLES["Battles"].colour,
                                                             TYPE_STYLES["Protests"].colour]
    assert features[0]["geometry"]["coordinates"] == [70.0, 30.0]


def test_past_the_marker_limit_events_are_grouped_and_none_is_lost():
    events = frame(5000)
    features = maps.marker_features(maps.event_layer(events, max_markers=100))
    assert 0 < len(features) <= 100
    counts = [int(re.match(r"(\d+) events", f["properties"]["tooltip"]).group(1)) for f in features]
    assert sum(counts) == 5000


def test_aggregate_cells_count_types_and_pick_the_main_one():
    events = frame(3, event_type=["Riots", "Riots", "Battles"], latitude=[30.0, 30.001, 30.002],
                   longitude=[70.0, 70.001, 70.002])
    [cell] = maps.aggregate_cells(events, max_cells=1)
    assert cell["count"] == 3
    assert cell["main_type"] == "Riots"
    assert cell["types"] == [("Riots", 2), ("Battles", 1)]


@pytest.mark.parametrize("field", ["location", "sentence", "actor1", "source_title", "sub_event_type", "admin1"])
def test_report_text_is_escaped_in_popups_and_tooltips(field):
    events = frame(1, **{field: [f"Kabul {SCRIPT} {IMG}"]},
                   **({} if field == "sentence" else {"sentence": ["Fighting in Kabul."]}))
    [feature] = maps.marker_features(maps.event_layer(events))
    for html_text in (feature["properties"]["popup"], feature["properties"]["tooltip"]):
        assert "<script" not in html_text
        assert "<img" not in html_text
    assert "&lt;script&gt;" in feature["properties"]["popup"]


def test_grouped_popups_escape_place_names_too():
    events = frame(10, location=[f"{IMG} {i}" for i in range(10)])
    features = maps.marker_features(maps.event_layer(events, max_markers=1))
    assert all("<img" not in f["properties"]["popup"] + f["properties"]["tooltip"] for f in features)


def test_only_web_links_are_linked():
    bad = maps.source_html({"source_title": "T", "source_url": "javascript:alert(1)"})
    good = maps.source_html({"source_title": "T", "source_url": "https://example.org/a?b=1&c=2"})
    assert "href" not in bad
    assert 'href="https://example.org/a?b=1&amp;c=2"' in good


def test_evidence_highlights_place_by_offsets_and_triggers_by_word():
    event = {"sentence": "Militants attacked posts in Kurram; attackers fled.", "start": 100,
             "place_start": 128, "place_end": 134, "triggers": json.dumps(["attacked"]), "location": "Kurram"}
    assert maps.highlight_evidence(event) == (
        'Militants <mark>attacked</mark> posts in <mark class="cm-place-mark">Kurram</mark>; attackers fled.')


def test_the_embedded_map_data_cannot_close_its_script_tag():
    events = frame(1, location=["</script><script>alert(1)</script>"])
    fmap = maps.base_map(ASSETS, tiles=None)
    maps.event_layer(events).add_to(fmap)
    page = fmap.get_root().render()
    assert "</script><script>alert(1)" not in page


def test_the_base_map_is_the_same_from_run_to_run():
    """streamlit-folium keys the component on the map's script: a changed script remounts (flickers)."""
    def script_hash() -> str:
        fmap = maps.base_map(ASSETS, tiles=None, bounds=[[30, 60], [35, 72]])
        return generate_js_hash(generate_leaflet_string(fmap), key="event_map")

    assert script_hash() == script_hash()


def test_the_event_layer_renders_as_a_streamlit_folium_feature_group():
    fmap = maps.base_map(ASSETS, tiles=None)
    script = _get_feature_group_string(maps.event_layer(frame(2)), map=fmap)
    assert "L.geoJSON(" in script
    assert "L.circleMarker" in script


def test_the_base_map_loads_leaflet_from_the_app_not_a_cdn():
    fmap = maps.base_map(ASSETS, tiles=None)
    links = [url for _, url in fmap.default_js + fmap.default_css]
    assert links == ["../../app/static/vendor/leaflet/leaflet.js", maps.HeatMap.default_js[0][1],
                     "../../app/static/vendor/leaflet/leaflet.css"]


def test_the_legend_names_all_six_types():
    html_text = maps.legend_html()
    assert all(kind in html_text for kind in TYPE_STYLES)


def test_a_marker_popup_ends_with_its_event_id():
    [feature] = maps.marker_features(maps.event_layer(frame(1)))
    text = re.sub(r"<[^>]+>", "", feature["properties"]["popup"])
    assert maps.event_id_from_popup(text) == "e0"
    assert maps.event_id_from_popup("12 events · Kabul") is None


def test_heat_layer_weights_spots_and_playback_adds_a_timeline():
    events = frame(3, latitude=[30.0, 30.0, 31.0], longitude=[70.0, 70.0, 71.0])
    heat = maps.heat_layer(events, ASSETS)
    [heat_map] = list(heat._children.values())
    assert sorted(point[2] for point in heat_map.data) == [0.65, 1.0]
    fmap = maps.add_playback(maps.base_map(ASSETS, tiles=None), events, ASSETS)
    page = fmap.get_root().render()
    assert "L.timeline(" in page
    assert "L.timelineSliderControl(" in page
