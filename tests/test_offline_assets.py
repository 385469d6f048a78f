"""geo.offline_assets: Leaflet served from installed packages, plugins pointed at local copies, CDNs otherwise."""

from __future__ import annotations

from pathlib import Path

import folium
from folium.plugins import HeatMap, Timeline

from geo.offline_assets import OfflineAssets, localise, prepare_static_assets


def test_prepare_copies_leaflet_and_heat_from_installed_packages(tmp_path):
    assets = prepare_static_assets(tmp_path)
    for relative in ("leaflet/leaflet.js", "leaflet/leaflet.css", "leaflet/images/layers.png",
                     "leaflet-heat/leaflet_heat.min.js"):
        assert assets.has(relative)
        assert (tmp_path / "vendor" / relative).stat().st_size > 0
    assert "Leaflet 1.9.4" in (tmp_path / "vendor" / "leaflet" / "leaflet.js").read_text()[:200]
    again = prepare_static_assets(tmp_path)
    assert again.available == assets.available


def test_a_map_drops_the_cdns_it_does_not_need(tmp_path):
    fmap = localise(folium.Map(), prepare_static_assets(tmp_path))
    assert fmap.default_js == [("leaflet", "../../app/static/vendor/leaflet/leaflet.js")]
    assert fmap.default_css == [("leaflet_css", "../../app/static/vendor/leaflet/leaflet.css")]
    assert folium.Map().default_js != fmap.default_js  # the class keeps folium's own links


def test_plugins_use_local_copies_when_present_and_their_cdn_when_not(tmp_path):
    assets = prepare_static_assets(tmp_path)
    heat = localise(HeatMap([[30, 70]]), assets)
    assert heat.default_js == [("leaflet-heat.js", "../../app/static/vendor/leaflet-heat/leaflet_heat.min.js")]
    timeline = localise(Timeline({"type": "FeatureCollection", "features": []}), assets)
    assert all(url.startswith("https://") for _, url in timeline.default_js)
    assert not assets.playback_offline


def test_without_local_leaflet_nothing_is_dropped():
    fmap = localise(folium.Map(), OfflineAssets(vendor_dir=Path("/nonexistent")))
    assert [name for name, _ in fmap.default_js] == [name for name, _ in folium.Map().default_js]
