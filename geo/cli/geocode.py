"""``python -m geo geocode NAME [NAME ...]``: look place names up, offline unless asked otherwise.

Examples
--------
::

    python -m geo geocode Kandahar "North Waziristan" --offline
    python -m geo geocode Georgia --country US --format json
"""

from __future__ import annotations

import argparse
import json
import sys

from geo.cache import hint_key
from geo.errors import InputError
from geo.geocoder import Geocoder
from geo.settings import load_settings

#: What each result holds in the JSON output, in this order.
CLI_KEYS = ("name", "kind", "country_code", "admin1", "admin2", "latitude", "longitude", "population", "precision",
            "provider")
_TABLE = (("query", "query"), ("#", "rank"), ("name", "name"), ("kind", "kind"), ("cc", "country_code"),
          ("admin1", "admin1"), ("admin2", "admin2"), ("lat", "latitude"), ("lon", "longitude"),
          ("population", "population"), ("precision", "precision"), ("provider", "provider"))
_MAX_CELL = 32


def register(subparsers: argparse._SubParsersAction) -> None:
    """Add the ``geocode`` command to the ``python -m geo`` parser."""
    parser = subparsers.add_parser(
        "geocode", help="look place names up: offline gazetteer first, online provider only if enabled",
        description="Resolve place names to ranked candidate places. Offline unless --online is given or "
                    "CONFLICT_MAP_ONLINE=1 is set.")
    parser.add_argument("names", nargs="+", metavar="NAME", help="place names, as written anywhere")
    parser.add_argument("--country", metavar="XX", help="ISO alpha-2 code(s) the context points to, "
                                                        "comma-separated (US makes Georgia the state)")
    mode = parser.add_mutually_exclusive_group()
    mode.add_argument("--offline", dest="online", action="store_false", default=None,
                      help="never ask an online provider (the default unless settings enable it)")
    mode.add_argument("--online", dest="online", action="store_true",
                      help="ask the online provider for names the offline gazetteer does not know")
    parser.add_argument("--limit", type=int, default=5, metavar="N", help="candidates per name (default 5)")
    parser.add_argument("--format", choices=("table", "json"), default="table", help="output format")
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    """Geocode every name in order and print the answers."""
    geocoder = Geocoder(settings=load_settings())
    hints = [c for c in (args.country or "").split(",") if c.strip()] or None
    try:
        hint_key(hints)
    except InputError as exc:
        raise InputError(f"--country: {exc}") from exc
    answers = []
    for i, name in enumerate(args.names, 1):
        try:
            found = geocoder.geocode(name, country_hint=hints, limit=args.limit, online=args.online)
        except InputError as exc:
            preview = name if len(name) <= 40 else name[:37] + "..."
            raise InputError(f"name {i} ({preview!r}): {exc}") from exc
        answers.append({"query": name, "results": [{k: c.get(k) for k in CLI_KEYS} for c in found]})
    if args.format == "json":
        utf8 = (sys.stdout.encoding or "").lower().replace("-", "") == "utf8"
        print(json.dumps(answers, ensure_ascii=not utf8, indent=2))
    else:
        if hasattr(sys.stdout, "reconfigure"):
            sys.stdout.reconfigure(errors="replace")  # a non-UTF-8 terminal gets '?', not a traceback
        print(format_table(answers))
    return 0


def format_table(answers: list[dict]) -> str:
    """An aligned plain-text table: one row per candidate, "(not found)" for a name with none.

    Examples
    --------
    >>> print(format_table([{"query": "Nowhere", "results": []}]))
    query    #  name
    Nowhere  -  (not found)
    """
    rows = []
    for answer in answers:
        if not answer["results"]:
            rows.append({"query": answer["query"], "rank": "-", "name": "(not found)"})
        for rank, result in enumerate(answer["results"], 1):
            rows.append({"query": answer["query"] if rank == 1 else "", "rank": rank, **result})
    columns = [(title, key) for title, key in _TABLE if any(row.get(key) not in (None, "") for row in rows)]
    cells = [[title for title, _ in columns]] + [[_cell(row.get(key)) for _, key in columns] for row in rows]
    widths = [max(len(line[i]) for line in cells) for i in range(len(columns))]
    return "\n".join("  ".join(c.ljust(w) for c, w in zip(line, widths, strict=True)).rstrip() for line in cells)


def _cell(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, float):
        return f"{value:.5f}"
    text = "".join(ch if ch.isprintable() else " " for ch in str(value))
    return text if len(text) <= _MAX_CELL else text[: _MAX_CELL - 1] + "…"
