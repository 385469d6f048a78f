"""Store commands: ``ingest``, ``import``, ``export``, ``stats`` and ``reextract``.

Examples
--------
::

    python -m geo ingest assets/samples --db sqlite:///events.sqlite
    python -m geo import ../shared/data/ucdp_ged_pakistan.csv --format ucdp
    python -m geo export events.geojson --format geojson --from 2009-01-01 --type Battles --country PK
    python -m geo stats --format json
"""

from __future__ import annotations

import argparse
import json
import sys
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from geo.errors import InputError
from geo.filters import EventFilter
from geo.record import EVENT_TYPES

if TYPE_CHECKING:
    from geo.store import EventStore

# Heavy modules (pandas, SQLAlchemy, the reader) are imported inside the commands: every
# ``python -m geo ...`` builds this parser, and ``extract`` needs none of them.
IMPORT_FORMATS = ("acled", "csv", "geojson", "ucdp")


def register(subparsers: argparse._SubParsersAction) -> None:
    """Add the store's commands to the ``python -m geo`` parser."""
    p = subparsers.add_parser("ingest", help="read reports into the event store",
                              description="Read reports (.txt, .md, .html, a folder, or a CSV/JSONL of reports with "
                                          "title, url, published, text) and store their events.")
    p.add_argument("paths", nargs="+", type=Path, metavar="PATH")
    p.add_argument("--published", type=_date, help="publication date for reports that give none (YYYY-MM-DD)")
    p.add_argument("--author", help="who is ingesting (kept with each report)")
    _db(p)
    p.set_defaults(handler=ingest)

    p = subparsers.add_parser("import", help="import a UCDP, ACLED, CSV or GeoJSON file of events",
                              description="Import a file of events in one transaction: all rows or none.")
    p.add_argument("file", type=Path)
    p.add_argument("--format", required=True, choices=IMPORT_FORMATS)
    _db(p)
    p.set_defaults(handler=import_file)

    p = subparsers.add_parser("export", help="write stored events as CSV (ACLED columns) or GeoJSON",
                              description="Write the stored events (filtered) as CSV with ACLED's column names "
                                          "or as RFC 7946 GeoJSON. OUT '-' writes to standard output.")
    p.add_argument("out", metavar="OUT")
    p.add_argument("--format", choices=("csv", "geojson"), help="default: from OUT's suffix, else csv")
    p.add_argument("--from", dest="date_from", type=_date, metavar="DATE")
    p.add_argument("--to", dest="date_to", type=_date, metavar="DATE")
    p.add_argument("--type", dest="types", action="append", default=[], choices=list(EVENT_TYPES), metavar="TYPE",
                   help="an ACLED event type (repeatable)")
    p.add_argument("--country", dest="countries", action="append", default=[], metavar="CC",
                   help="ISO alpha-2 code (repeatable)")
    p.add_argument("--origin", dest="origins", action="append", default=[], metavar="ORIGIN",
                   help="'extracted' or an imported dataset such as ucdp (repeatable)")
    _db(p)
    p.set_defaults(handler=export)

    p = subparsers.add_parser("stats", help="what is in the event store")
    p.add_argument("--format", choices=("table", "json"), default="table")
    _db(p)
    p.set_defaults(handler=stats)

    p = subparsers.add_parser("reextract", help="read every stored report again (corrections survive)")
    _db(p)
    p.set_defaults(handler=reextract)


def _db(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--db", metavar="URL", help="SQLAlchemy URL or SQLite file path (default: the settings' store)")


def _date(value: str) -> date:
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{value!r} is not a date (YYYY-MM-DD)") from None


def open_store(db: str | None) -> EventStore:
    """The store at ``db`` (a URL, or a path taken as a SQLite file), else the settings' default."""
    from geo.store import EventStore

    if db and "://" not in db:
        db = f"sqlite:///{Path(db).expanduser().resolve()}"
    return EventStore(db)


class Progress:
    """``[12/40] name`` on one rewritten stderr line, only when stderr is a terminal."""

    def __init__(self, total: int) -> None:
        self.total = total
        self.live = total > 1 and sys.stderr.isatty()

    def step(self, done: int, label: str) -> None:
        if self.live:
            print(f"\r\033[K[{done}/{self.total}] {label[:60]}", end="", file=sys.stderr, flush=True)

    def close(self) -> None:
        if self.live:
            print("\r\033[K", end="", file=sys.stderr, flush=True)


def ingest(args: argparse.Namespace) -> int:
    from geo.formats.reports import read_reports, report_files

    files = report_files(args.paths)
    if not files:
        raise InputError("no report files found (.txt, .md, .html, .csv, .jsonl)")
    store = open_store(args.db)
    totals = {"reports": 0, "skipped": 0, "added": 0, "merged": 0}
    failed: list[str] = []
    progress = Progress(len(files))
    for done, path in enumerate(files, 1):
        progress.step(done, path.name)
        try:
            for report in read_reports(path, published=args.published):
                result = store.ingest(report, author=args.author)
                totals["reports"] += 1
                totals["skipped"] += result.skipped
                totals["added"] += result.added
                totals["merged"] += result.merged
        except InputError as exc:
            failed.append(str(exc))
            progress.close()
            print(f"error: {exc}", file=sys.stderr)
    progress.close()
    print(f"{totals['reports']} report(s) read: {totals['reports'] - totals['skipped']} new, "
          f"{totals['skipped']} already stored; {totals['added']} event(s) added, "
          f"{totals['merged']} source(s) added to stored events")
    if failed:
        print(f"{len(failed)} file(s) failed", file=sys.stderr)
        return 1
    return 0


def import_file(args: argparse.Namespace) -> int:
    from geo.formats import READERS

    store = open_store(args.db)
    result = store.import_events(READERS[args.format](args.file), dataset=args.format, file_name=args.file.name)
    print(f"{args.file.name}: {result.added} event(s) added, {result.unchanged} unchanged, {result.updated} updated")
    return 0


def export(args: argparse.Namespace) -> int:
    from geo.formats import write_csv, write_geojson

    fmt = args.format or ("geojson" if args.out.lower().endswith((".geojson", ".json")) else "csv")
    flt = EventFilter(date_from=args.date_from, date_to=args.date_to, event_types=tuple(args.types),
                      countries=tuple(c.upper() for c in args.countries), origins=tuple(args.origins))
    frame = open_store(args.db).events(flt)
    writer = write_geojson if fmt == "geojson" else write_csv
    if args.out == "-":
        count = writer(frame, sys.stdout)
    else:
        count = writer(frame, Path(args.out))
    print(f"{count} event(s) written to {args.out} ({fmt})", file=sys.stderr)
    return 0


def stats(args: argparse.Namespace) -> int:
    figures = open_store(args.db).stats()
    if args.format == "json":
        print(json.dumps(figures, indent=2))
    else:
        print(format_table(figures))
    return 0


def format_table(figures: dict[str, Any]) -> str:
    """The stats as aligned text.

    Examples
    --------
    >>> print(format_table({"events": 2, "by_origin": {"ucdp": 2}, "by_type": {"Battles": 2}, "date_min": "2020-01-01",
    ...                     "date_max": "2020-01-02", "reports": 0, "imports": 1, "deleted": 0, "corrections": 0}))
    events       2
      ucdp       2
    types
      Battles    2
    dates        2020-01-01 .. 2020-01-02
    reports      0
    imports      1
    corrections  0
    deleted      0
    """
    lines = [("events", f"{figures['events']:,}")]
    lines += [(f"  {k}", f"{v:,}") for k, v in figures["by_origin"].items()]
    lines += [("types", "")] + [(f"  {k}", f"{v:,}") for k, v in figures["by_type"].items()]
    span = f"{figures['date_min']} .. {figures['date_max']}" if figures["date_min"] else "-"
    lines += [("dates", span)] + [(k, f"{figures[k]:,}") for k in ("reports", "imports", "corrections", "deleted")]
    width = max(len(k) for k, _ in lines) + 2
    return "\n".join(f"{k:<{width}}{v}".rstrip() for k, v in lines)


def reextract(args: argparse.Namespace) -> int:
    result = open_store(args.db).reextract()
    print(f"{result.reports} report(s) read again: {result.added} event(s) added, {result.removed} removed, "
          f"{result.moved_corrections} correction(s) carried to a re-identified event")
    return 0
