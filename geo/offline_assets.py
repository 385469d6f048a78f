"""Leaflet and its plugins served by the app itself, so the map renders with no network.

folium's pages load Leaflet, jQuery, Bootstrap, Font Awesome and every plugin from public CDNs;
offline the map stays blank. :func:`prepare_static_assets` copies the files that installed packages
ship into ``static/vendor/`` (Streamlit's ``server.enableStaticServing`` serves ``static/`` at
``/app/static/``, the same origin as the map's iframe) and :func:`localise` points a map or plugin
at them. Nothing here is kept in git: ``static/vendor/`` is rebuilt from the packages.

| file | from |
|---|---|
| ``leaflet/leaflet.js``, ``leaflet.css``, ``images/`` | PyPI ``django-js-lib-leaflet`` (Leaflet 1.9.4) |
| ``leaflet-heat/leaflet_heat.min.js`` | PyPI ``folium`` (its own copy of Leaflet.heat) |
| ``leaflet.timeline/...``, ``moment/...`` | npm ``leaflet.timeline``, ``moment``: :func:`fetch_npm_assets` |
| ``basemap/countries.geojson`` | npm ``world-atlas`` (Natural Earth 1:50m), decoded from TopoJSON |

What is not available locally stays on its CDN: an online deployment loses nothing.

Examples
--------
>>> assets = prepare_static_assets(Path(tempfile.mkdtemp()))   # doctest: +SKIP
>>> m = localise(folium.Map(), assets)                           # doctest: +SKIP
>>> m.default_js                                                 # doctest: +SKIP
[('leaflet', '../../app/static/vendor/leaflet/leaflet.js')]
"""

from __future__ import annotations

import importlib.util
import logging
import shutil
import subprocess
import tarfile
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

log = logging.getLogger(__name__)

#: Where ``static/`` is served, relative to the map component's iframe
#: (``<base>/component/streamlit_folium.st_folium/index.html``); relative, so a base URL path works.
STATIC_URL = "../../app/static"
#: The repository's ``static/`` folder: Streamlit serves the one beside the main script.
DEFAULT_STATIC_DIR = Path(__file__).resolve().parents[1] / "static"

#: npm packages for the time playback and the tile-less basemap: (package@version, file in the tarball,
#: file under vendor/).
NPM_ASSETS: tuple[tuple[str, str, str], ...] = (
    ("leaflet.timeline@1.6.0", "package/dist/leaflet.timeline.js", "leaflet.timeline/leaflet.timeline.js"),
    ("moment@2.18.1", "package/min/moment.min.js", "moment/moment.min.js"),
    ("world-atlas@2.0.2", "package/countries-50m.json", "world-atlas/countries-50m.json"),
)
#: folium's names for CDN links, mapped to files under vendor/.
_JS_BY_NAME = {
    "leaflet": "leaflet/leaflet.js",
    "leaflet-heat.js": "leaflet-heat/leaflet_heat.min.js",
    "timeline": "leaflet.timeline/leaflet.timeline.js",
    "moment": "moment/moment.min.js",
}
_CSS_BY_NAME = {"leaflet_css": "leaflet/leaflet.css"}
#: What folium's Map loads that plain Leaflet maps (circle markers, popups, a legend) never use.
_UNUSED_BY_MAPS = {"jquery", "bootstrap", "awesome_markers", "bootstrap_css", "glyphicons_css",
                   "awesome_markers_font_css", "awesome_markers_css", "awesome_rotate_css"}


@dataclass(frozen=True)
class OfflineAssets:
    """Which vendor files are in place, and the URL they are served under.

    Parameters
    ----------
    vendor_dir : Path
        ``static/vendor`` on disk.
    available : frozenset of str
        Paths under ``vendor_dir`` that exist, such as ``leaflet/leaflet.js``.
    url : str
        The URL of ``vendor_dir`` as the map's iframe sees it.
    """

    vendor_dir: Path
    available: frozenset[str] = field(default_factory=frozenset)
    url: str = f"{STATIC_URL}/vendor"

    def has(self, relative_path: str) -> bool:
        return relative_path in self.available

    def link(self, relative_path: str) -> str:
        return f"{self.url}/{relative_path}"

    @property
    def basemap(self) -> str | None:
        """The URL of the country outlines drawn when there are no tiles, if they are in place."""
        return self.link(BASEMAP) if self.has(BASEMAP) else None

    @property
    def playback_offline(self) -> bool:
        """Whether the time playback works without a network."""
        return self.has(_JS_BY_NAME["timeline"]) and self.has(_JS_BY_NAME["moment"])


def prepare_static_assets(static_dir: Path = DEFAULT_STATIC_DIR) -> OfflineAssets:
    """Copy Leaflet and the plugins that installed packages ship into ``static_dir/vendor``.

    Idempotent and quick: files already in place are left alone. A package that is missing is
    logged and skipped; the map then falls back to that file's CDN.

    Parameters
    ----------
    static_dir : Path
        The folder Streamlit serves at ``/app/static/``.
    """
    vendor = static_dir / "vendor"
    sources: list[tuple[Path, str]] = []
    leaflet_dir = _package_dir("js_lib_leaflet")
    if leaflet_dir is not None:
        dist = leaflet_dir / "static" / "js_lib_leaflet"
        sources += [(dist / "leaflet.js", "leaflet/leaflet.js"), (dist / "leaflet.css", "leaflet/leaflet.css")]
        sources += [(image, f"leaflet/images/{image.name}") for image in sorted((dist / "images").glob("*.png"))]
    folium_dir = _package_dir("folium")
    if folium_dir is not None:
        sources.append((folium_dir / "templates" / "leaflet_heat.min.js", "leaflet-heat/leaflet_heat.min.js"))
    for source, relative in sources:
        target = vendor / relative
        if target.exists() or not source.exists():
            continue
        try:
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(source, target)
        except OSError as exc:  # a read-only checkout: the CDNs remain
            log.warning("cannot copy %s to %s: %s", source, target, exc)
    _build_basemap(vendor)
    return scan_assets(vendor)


def scan_assets(vendor_dir: Path) -> OfflineAssets:
    """An :class:`OfflineAssets` for the files now under ``vendor_dir``."""
    if not vendor_dir.is_dir():
        return OfflineAssets(vendor_dir=vendor_dir)
    found = frozenset(p.relative_to(vendor_dir).as_posix() for p in vendor_dir.rglob("*") if p.is_file())
    return OfflineAssets(vendor_dir=vendor_dir, available=found)


def fetch_npm_assets(static_dir: Path = DEFAULT_STATIC_DIR, *, timeout: float = 120.0) -> OfflineAssets:
    """Fetch the time playback's plugins from the npm registry into ``static_dir/vendor`` (needs ``npm``).

    A setup step, never run by the app on its own: ``python -m geo.offline_assets --npm``.
    """
    npm = shutil.which("npm")
    if npm is None:
        raise RuntimeError("npm is not installed; the time playback will load its plugins from their CDN")
    vendor = static_dir / "vendor"
    with tempfile.TemporaryDirectory() as tmp:
        for spec, member, relative in NPM_ASSETS:
            subprocess.run([npm, "pack", spec, "--silent"], cwd=tmp, check=True, timeout=timeout,
                           capture_output=True)
            tarball = next(Path(tmp).glob(f"{spec.split('@')[0]}-*.tgz"))
            with tarfile.open(tarball) as archive:
                extracted = archive.extractfile(member)
                if extracted is None:
                    raise RuntimeError(f"{member} missing from {tarball.name}")
                target = vendor / relative
                target.parent.mkdir(parents=True, exist_ok=True)
                target.write_bytes(extracted.read())
    _build_basemap(vendor)
    return scan_assets(vendor)


def localise(element: Any, assets: OfflineAssets) -> Any:
    """Point a folium map or plugin at the served copies of its JavaScript and CSS.

    Links with a local copy are rewritten; a map also drops jQuery, Bootstrap and the icon fonts,
    which circle markers, popups and the legend never use. Links without a local copy stay on their
    CDN. Changes the element in place (instance attributes only) and returns it.

    Parameters
    ----------
    element : folium.Map or a folium plugin
        Anything with ``default_js`` / ``default_css``.
    assets : OfflineAssets
        From :func:`prepare_static_assets`.
    """
    element.default_js = local_links(getattr(element, "default_js", []), assets)
    element.default_css = local_links(getattr(element, "default_css", []), assets, css=True)
    return element


def local_links(links: list[tuple[str, str]], assets: OfflineAssets, *, css: bool = False) -> list[tuple[str, str]]:
    """``(name, url)`` links with each URL that has a served copy replaced by it (see :func:`localise`)."""
    local = _CSS_BY_NAME if css else _JS_BY_NAME
    out = []
    for name, url in links:
        if name in _UNUSED_BY_MAPS and assets.has(_JS_BY_NAME["leaflet"]):
            continue
        relative = local.get(name)
        out.append((name, assets.link(relative) if relative and assets.has(relative) else url))
    return out


def _package_dir(module_name: str) -> Path | None:
    spec = importlib.util.find_spec(module_name)
    if spec is None or not spec.submodule_search_locations:
        log.warning("package %s is not installed; its files stay on their CDN", module_name)
        return None
    return Path(next(iter(spec.submodule_search_locations)))


# --- a basemap without tiles ------------------------------------------------------------------------

BASEMAP = "basemap/countries.geojson"
_WORLD_ATLAS = "world-atlas/countries-50m.json"


def topojson_to_geojson(topology: dict, object_name: str = "countries", *, digits: int = 3) -> dict:
    """Decode one object of a quantised TopoJSON topology (such as npm's ``world-atlas``) into GeoJSON.

    Parameters
    ----------
    topology : dict
        A TopoJSON ``Topology`` with a ``transform`` (delta-encoded, quantised arcs).
    object_name : str
        The geometry collection to decode.
    digits : int
        Decimals kept in the coordinates (3 is about 100 m: plenty for a background map).

    Examples
    --------
    >>> topo = {"transform": {"scale": [1, 1], "translate": [0, 0]}, "arcs": [[[0, 0], [1, 0], [0, 1], [-1, -1]]],
    ...         "objects": {"countries": {"geometries": [{"type": "Polygon", "arcs": [[0]],
    ...                                                   "properties": {"name": "Square"}}]}}}
    >>> topojson_to_geojson(topo)["features"][0]["geometry"]["coordinates"]
    [[[0, 0], [1, 0], [1, 1], [0, 0]]]
    """
    (scale_x, scale_y), (shift_x, shift_y) = topology["transform"]["scale"], topology["transform"]["translate"]
    arcs = []
    for arc in topology["arcs"]:
        x = y = 0
        points = []
        for dx, dy in arc:
            x, y = x + dx, y + dy
            points.append([round(x * scale_x + shift_x, digits), round(y * scale_y + shift_y, digits)])
        arcs.append(points)

    def ring(indices: list[int]) -> list[list[float]]:
        points: list[list[float]] = []
        for position, index in enumerate(indices):
            arc = arcs[index] if index >= 0 else arcs[~index][::-1]
            points.extend(arc if position == 0 else arc[1:])
        return points

    features = []
    for geometry in topology["objects"][object_name]["geometries"]:
        if geometry["type"] == "Polygon":
            coordinates = [ring(r) for r in geometry["arcs"]]
        elif geometry["type"] == "MultiPolygon":
            coordinates = [[ring(r) for r in polygon] for polygon in geometry["arcs"]]
        else:
            continue
        features.append({"type": "Feature", "properties": {"name": (geometry.get("properties") or {}).get("name")},
                         "geometry": {"type": geometry["type"], "coordinates": coordinates}})
    return {"type": "FeatureCollection", "features": features}


def _build_basemap(vendor: Path) -> None:
    """Turn npm's world-atlas TopoJSON, when fetched, into the GeoJSON the map draws without tiles."""
    import json

    source, target = vendor / _WORLD_ATLAS, vendor / BASEMAP
    if target.exists() or not source.exists():
        return
    try:
        countries = topojson_to_geojson(json.loads(source.read_text(encoding="utf-8")))
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(json.dumps(countries, separators=(",", ":")), encoding="utf-8")
    except (OSError, ValueError, KeyError) as exc:
        log.warning("cannot build the basemap from %s: %s", source, exc)


def main(argv: list[str] | None = None) -> int:
    """``python -m geo.offline_assets [--npm] [STATIC_DIR]``: prepare ``static/vendor`` and list it."""
    import argparse

    parser = argparse.ArgumentParser(prog="python -m geo.offline_assets", description=main.__doc__)
    parser.add_argument("static_dir", nargs="?", type=Path, default=DEFAULT_STATIC_DIR)
    parser.add_argument("--npm", action="store_true",
                        help="also fetch the time playback's plugins and the basemap's outlines with npm")
    args = parser.parse_args(argv)
    assets = prepare_static_assets(args.static_dir)
    if args.npm:
        assets = fetch_npm_assets(args.static_dir)
    for relative in sorted(assets.available):
        print(assets.vendor_dir / relative)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

