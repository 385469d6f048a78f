"""Reading throughput and place-finding quality, beside geotext, on the same ~3 KB reports.

Prints (nothing is asserted; see README "Performance" for recorded figures):

- start-up: importing the reader and loading the gazetteer, measured apart;
- full reading (``extract``): reports per second on one core (CPU time of this process);
- place finding alone (``places``), with and without resolution, beside geotext's place finding;
- place-mention precision and recall of both on the seed and development texts
  (``../shared/eval``), against every place-name mention in them (``benchmarks/data/place_mentions.json``).

Usage::

    python benchmarks/reading.py            # full run
    python benchmarks/reading.py --smoke    # a few reports, for CI
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import time
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
SHARED = ROOT.parent / "shared"
MENTIONS = Path(__file__).resolve().parent / "data" / "place_mentions.json"


def corpus(target_chars: int = 3000) -> list[str]:
    """~3 KB reports built from the project's own sample and evaluation reports (no shared data needed)."""
    samples = sorted((ROOT / "assets/samples").glob("*.txt"))
    texts = [p.read_text(encoding="utf-8").split("\n\n", 1)[-1] for p in samples]
    gold = ROOT / "tests/data/reading_gold.json"
    if gold.exists():
        texts += [d["text"] for d in json.loads(gold.read_text(encoding="utf-8"))["documents"]]
    reports, current = [], ""
    for text in texts * 4:
        current += text + "\n"
        if len(current) >= target_chars:
            reports.append(current)
            current = ""
    return reports


def per_second(fn, items: list, *, min_seconds: float = 2.0) -> float:
    """Items per CPU-second, repeating the list until at least ``min_seconds`` of CPU time were spent."""
    done, start = 0, time.process_time()
    while True:
        for item in items:
            fn(item)
        done += len(items)
        spent = time.process_time() - start
        if spent >= min_seconds:
            return done / spent


def gold_spans() -> dict[str, tuple[str, list[tuple[int, int]]]]:
    """Every place-name mention of the seed and development texts: doc id -> (text, spans)."""
    if not SHARED.exists() or not MENTIONS.exists():
        return {}
    names = json.loads(MENTIONS.read_text(encoding="utf-8"))
    docs = {}
    seed = json.loads((SHARED / "eval/seed_gold.json").read_text(encoding="utf-8"))["documents"]
    dev = json.loads((SHARED / "eval/dev_gold.json").read_text(encoding="utf-8"))["documents"]
    for doc in seed + dev:
        text = doc.get("text") or (SHARED / "eval" / doc["file"]).resolve().read_text(encoding="utf-8")
        spans = [m.span() for name in names.get(doc["id"], []) for m in re.finditer(rf"\b{re.escape(name)}\b", text)]
        docs[doc["id"]] = (text, spans)
    return docs


def score(predicted: list[tuple[int, int]], gold: list[tuple[int, int]]) -> tuple[int, int, int]:
    """(true positives, predicted, gold): a prediction is right when it overlaps a gold span not yet taken."""
    used, tp = set(), 0
    for s, e in predicted:
        hit = next((i for i, (gs, ge) in enumerate(gold) if i not in used and s < ge and e > gs), None)
        if hit is not None:
            used.add(hit)
            tp += 1
    return tp, len(predicted), len(gold)


def geotext_spans(geotext_cls, text: str) -> list[tuple[int, int]]:
    found = geotext_cls(text)
    names = set(found.cities) | set(found.countries)
    return [m.span() for name in names for m in re.finditer(rf"\b{re.escape(name)}\b", text)]


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--smoke", action="store_true", help="tiny sizes, for CI")
    args = ap.parse_args()
    min_seconds = 0.2 if args.smoke else 3.0

    started = time.perf_counter()
    from geo.gazetteer import shared
    from geo.pipeline import Report, read_report
    from geo.places import find_places
    from geo.toponyms import ToponymFinder

    gaz = shared()
    finder = ToponymFinder(gaz)
    print(f"start-up (imports + gazetteer load): {time.perf_counter() - started:.2f} s")

    reports = corpus()[: 3 if args.smoke else None]
    size = sum(len(r) for r in reports) / len(reports)
    print(f"reports: {len(reports)} of {size:,.0f} characters on average; one core, CPU time")
    read_report(Report(text=reports[0], published=date(2025, 10, 28)))  # warm caches once
    rate = per_second(lambda t: read_report(Report(text=t, published=date(2025, 10, 28))), reports,
                      min_seconds=min_seconds)
    print(f"full reading (extract):        {rate:8.1f} reports/s   (target >= 300)")
    rate = per_second(find_places, reports, min_seconds=min_seconds)
    print(f"places, found and resolved:    {rate:8.1f} reports/s")
    rate = per_second(lambda t: finder.find(t, resolve=False), reports, min_seconds=min_seconds)
    print(f"places, found only:            {rate:8.1f} reports/s")
    try:
        from geotext import GeoText
    except ImportError:
        print("geotext is not installed (pip install -r requirements-dev.txt): no peer figures")
        return 0
    GeoText(reports[0])  # geotext loads its city list on first use
    rate = per_second(GeoText, reports, min_seconds=min_seconds)
    print(f"geotext, found only:           {rate:8.1f} reports/s")

    docs = gold_spans()
    if not docs:
        print("../shared/eval is absent: no precision/recall figures")
        return 0
    totals = {"conflict-map": [0, 0, 0], "geotext": [0, 0, 0]}
    for text, spans in docs.values():
        ours = [(p.start, p.end) for p in find_places(text, gazetteer=gaz) if p.kind not in ("demonym", "nominal")]
        for name, predicted in (("conflict-map", ours), ("geotext", geotext_spans(GeoText, text))):
            for i, v in enumerate(score(predicted, spans)):
                totals[name][i] += v
    print(f"place mentions in the seed and development texts ({len(docs)} documents):")
    for name, (tp, pred, gold) in totals.items():
        p, r = (tp / pred if pred else 0.0), (tp / gold if gold else 0.0)
        f1 = 2 * p * r / (p + r) if p + r else 0.0
        print(f"  {name:13} precision {p:.3f}  recall {r:.3f}  F1 {f1:.3f}   ({tp} of {gold} found, {pred} predicted)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
