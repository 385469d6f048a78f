"""``python -m geo extract`` and ``python -m geo places``: reading reports from the command line.

The scorers in ``../shared/tools`` rely on these exact forms:

- ``extract FILE --published YYYY-MM-DD --format json|csv|geojson``
- ``extract --jsonl IN.jsonl``: one report a line in, one result a line out, streamed
- ``places --jsonl IN.jsonl [--given-spans]``
"""

from __future__ import annotations

import argparse
import json
import sys
from datetime import date
from pathlib import Path
from typing import TextIO

from geo.documents import looks_english, to_report_text
from geo.errors import InputError
from geo.formats.reports import json_lines
from geo.pipeline import Report, read_report


def register(subparsers: argparse._SubParsersAction) -> None:
    p = subparsers.add_parser("extract", help="read a report: its events and places")
    p.add_argument("file", nargs="?", help="a .txt, .md or .html report ('-' for standard input)")
    p.add_argument("--published", help="publication date, YYYY-MM-DD (default: the file's header, else today)")
    p.add_argument("--title")
    p.add_argument("--url")
    p.add_argument("--format", choices=("json", "csv", "geojson"), default="json")
    p.add_argument("--jsonl", metavar="IN.jsonl", help="batch: one report per line {id, text, published, title, url}")
    p.set_defaults(handler=run_extract)

    q = subparsers.add_parser("places", help="find and resolve the places of reports (geoparsing)")
    q.add_argument("--jsonl", metavar="IN.jsonl", required=True, help="one document per line {id, text, spans}")
    q.add_argument("--given-spans", action="store_true", help="resolve exactly the given spans, find no others")
    q.set_defaults(handler=run_places)


def parse_date(value: str | None, *, default: date | None = None) -> date:
    if not value:
        if default is None:
            raise InputError("a publication date is needed: --published YYYY-MM-DD")
        return default
    try:
        return date.fromisoformat(value.strip()[:10])
    except ValueError as exc:
        raise InputError(f"publication date {value!r} is not YYYY-MM-DD") from exc


def run_extract(args: argparse.Namespace) -> int:
    if args.jsonl:
        with _open(args.jsonl) as fh:
            for row in json_lines(fh, name=args.jsonl):
                report = Report(text=str(row.get("text") or ""), published=parse_date(row.get("published"),
                                default=date.today()), title=row.get("title"), url=row.get("url"),
                                source_id=str(row["id"]) if row.get("id") is not None else None)
                try:
                    out = {"id": row.get("id"), **read_report(report).as_dict()}
                except InputError as exc:
                    out = {"id": row.get("id"), "events": [], "places": [], "error": str(exc)}
                _emit(out)
        return 0
    if not args.file:
        raise InputError("give a FILE to read, or --jsonl IN.jsonl")
    data = sys.stdin.buffer.read() if args.file == "-" else _read_bytes(args.file)
    meta, text = to_report_text(data, name=args.file)
    report = Report(text=text, published=parse_date(args.published or meta.get("published"), default=date.today()),
                    title=args.title or meta.get("title"), url=args.url or meta.get("url"))
    reading = read_report(report)
    if not looks_english(report.text):
        print(f"note: {args.file} does not read as English; the reader knows English reports, so places and "
              "events may be missing or wrong", file=sys.stderr)
    if args.format == "json":
        json.dump(reading.as_dict(), sys.stdout, ensure_ascii=False, default=str)
        sys.stdout.write("\n")
    else:
        from geo import formats  # the exporters; imported here so `extract --format json` stays lean

        payload = (formats.to_csv_bytes(reading.events) if args.format == "csv"
                   else formats.to_geojson_bytes(reading.events))
        sys.stdout.buffer.write(payload)
    return 0


def run_places(args: argparse.Namespace) -> int:
    from geo.places import resolve_spans

    with _open(args.jsonl) as fh:
        for row in json_lines(fh, name=args.jsonl):
            text = str(row.get("text") or "")
            try:
                if args.given_spans:
                    places = resolve_spans(text, [tuple(s) for s in row.get("spans") or []])
                else:
                    places = [p.as_dict() for p in read_places(text)]
            except InputError as exc:
                _emit({"id": row.get("id"), "places": [], "error": str(exc)})
                continue
            _emit({"id": row.get("id"), "places": places})
    return 0


def read_places(text: str) -> list:
    from geo.places import find_places

    return find_places(text, expressions=True)


def _emit(obj: dict) -> None:
    sys.stdout.write(json.dumps(obj, ensure_ascii=False, default=str) + "\n")
    sys.stdout.flush()  # streamed: a consumer sees each line as soon as it is read


def _open(path: str) -> TextIO:
    if path == "-":
        return sys.stdin
    try:
        return open(path, encoding="utf-8")
    except OSError as exc:
        raise InputError(f"cannot read {path}: {exc.strerror}") from exc


def _read_bytes(path: str) -> bytes:
    try:
        return Path(path).read_bytes()
    except OSError as exc:
        raise InputError(f"cannot read {path}: {exc.strerror}") from exc
