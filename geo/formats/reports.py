"""Report files -> :class:`~geo.pipeline.Report`: what ``python -m geo ingest`` reads.

Plain text and Markdown may start with a header block (``Title:``, ``Published:``, ``URL:`` lines, then a
blank line), as the sample reports in ``assets/samples`` do; the header is not part of the report's text,
so the offsets of every event point into the body that the store keeps. HTML is reduced to its visible
text (scripts, styles and the head dropped, one line per block). A CSV or JSON Lines file holds many
reports, one per row, with ``title``, ``url``, ``published`` and ``text``.
"""

from __future__ import annotations

import csv
import json
from collections.abc import Iterable, Iterator
from datetime import date
from pathlib import Path

from geo.documents import decode, read_html, split_header
from geo.errors import InputError
from geo.pipeline import Report

TEXT_SUFFIXES = (".txt", ".md", ".markdown", ".text")
HTML_SUFFIXES = (".html", ".htm")
TABLE_SUFFIXES = (".csv", ".jsonl", ".ndjson")
SUFFIXES = TEXT_SUFFIXES + HTML_SUFFIXES + TABLE_SUFFIXES


def report_files(paths: list[Path]) -> list[Path]:
    """The files to ingest: each file given, and every report file inside each folder given (sorted).

    In a folder, a ``README`` and hidden files are documentation, not reports, and are left out.
    """
    found: list[Path] = []
    for path in paths:
        if path.is_dir():
            found += sorted(p for p in path.rglob("*") if p.is_file() and p.suffix.lower() in SUFFIXES
                            and not p.name.startswith((".", "_")) and p.stem.upper() != "README")
        elif path.is_file():
            found.append(path)
        else:
            raise InputError(f"{path}: no such file or folder")
    return found


def read_reports(path: Path, *, published: date | None = None) -> Iterator[Report]:
    """Read the report(s) in one file.

    Parameters
    ----------
    path : Path
        ``.txt``/``.md`` (optional header), ``.html``, or ``.csv``/``.jsonl`` with one report per row.
    published : date, optional
        Used where a report gives no publication date of its own.

    Raises
    ------
    InputError
        Not UTF-8, no text, or no publication date anywhere; the message names the file (and row).

    Examples
    --------
    >>> report = parse_text("Title: Clashes\\nPublished: 2025-10-28\\nURL: https://x.test/a\\n\\nBody.", name="a.txt")
    >>> report.title, report.published, report.text
    ('Clashes', datetime.date(2025, 10, 28), 'Body.')
    """
    suffix = path.suffix.lower()
    raw = _read(path)
    if suffix in HTML_SUFFIXES:
        yield parse_html(raw, name=path.name, published=published)
    elif suffix == ".csv":
        yield from _table(csv.DictReader(raw.splitlines()), name=path.name, published=published)
    elif suffix in (".jsonl", ".ndjson"):
        yield from _table(json_lines(raw.splitlines(), name=path.name), name=path.name, published=published)
    else:
        yield parse_text(raw, name=path.name, published=published, title=path.stem)


def _read(path: Path) -> str:
    return decode(path.read_bytes(), name=path.name)


def parse_text(raw: str, *, name: str, published: date | None = None, title: str | None = None) -> Report:
    """A plain-text or Markdown report, with its optional ``Key: value`` header block read and removed."""
    meta, body = split_header(raw.replace("\r\n", "\n"))
    body = body.strip("\n") if meta else raw
    heading = next((ln.lstrip("# ").strip() for ln in body.splitlines() if ln.startswith("# ")), None)
    return _report(body, name=name, title=meta.get("title") or heading or title, url=meta.get("url"),
                   published=meta.get("published"), default=published)


def _report(text: str, *, name: str, title: str | None, url: str | None, published: str | date | None,
            default: date | None, source_id: str | None = None) -> Report:
    if not text or not text.strip():
        raise InputError(f"{name}: no text")
    day = published if isinstance(published, date) else None
    if published and day is None:
        try:
            day = date.fromisoformat(str(published).strip()[:10])
        except ValueError:
            raise InputError(f"{name}: publication date {published!r} is not YYYY-MM-DD") from None
    day = day or default
    if day is None:
        raise InputError(f"{name}: no publication date (add a 'Published: YYYY-MM-DD' line or pass --published)")
    return Report(text=text, published=day, title=title or None, url=url or None, source_id=source_id or None)


def json_lines(lines: Iterable[str], *, name: str) -> Iterator[dict]:
    """JSON objects, one a line, read lazily (a batch is streamed, never held whole); blank lines skipped."""
    for number, line in enumerate(lines, 1):
        if not line.strip():
            continue
        try:
            item = json.loads(line)
        except json.JSONDecodeError as exc:
            raise InputError(f"{name}: line {number} is not JSON ({exc.msg})") from None
        if not isinstance(item, dict):
            raise InputError(f"{name}: line {number} is not a JSON object")
        yield item


def _table(items: Iterator[dict], *, name: str, published: date | None) -> Iterator[Report]:
    for number, item in enumerate(items, 1):
        if "text" not in item:
            raise InputError(f"{name}: row {number} has no 'text' column/field")
        yield _report(str(item.get("text") or ""), name=f"{name} row {number}", title=item.get("title"),
                      url=item.get("url"), published=item.get("published"), default=published,
                      source_id=item.get("id") or item.get("source_id"))


def parse_html(raw: str, *, name: str, published: date | None = None) -> Report:
    """An HTML page's visible text as a report; title, URL and date from its metadata where present.

    Examples
    --------
    >>> page = "<html><head><title>T</title><script>x()</script></head><body><p>One.</p><p>Two.</p></body></html>"
    >>> parse_html(page, name="p.html", published=date(2025, 1, 2)).text
    'One.\\n\\nTwo.'
    """
    page = read_html(raw)
    meta = page.meta
    title = meta.get("og:title") or page.title
    day = meta.get("article:published_time") or meta.get("date") or meta.get("time")
    return _report(page.text(between="\n\n"), name=name, title=title,
                   url=meta.get("og:url") or meta.get("canonical"), published=day or None, default=published)
