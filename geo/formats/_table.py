"""Reading a delimited file safely: one place for encodings, binary files, missing columns and bad cells.

Every importer reads rows through :func:`read_rows` and converts cells with the ``cell_*`` helpers, so
each refusal reads the same way: the row (counted from 1, the header not counted), its line in the file,
the column and what was wrong. Problems are collected (up to :data:`MAX_PROBLEMS`) so a user fixes a file
in one pass rather than one error per attempt.
"""

from __future__ import annotations

import csv
import io
import math
import os
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import IO, Any

from geo.errors import InputError

#: Stop listing problems after this many: past that the file is simply not of the expected kind.
MAX_PROBLEMS = 10
# Magic numbers of files users pick by mistake, so the refusal can say what the file really is.
_MAGIC = {b"PK\x03\x04": "a ZIP archive (an .xlsx workbook or a zipped CSV?)", b"%PDF": "a PDF document",
          b"\xd0\xcf\x11\xe0": "an old Excel/Office document", b"\x1f\x8b": "a gzip archive",
          b"SQLite format 3": "an SQLite database"}

Source = str | os.PathLike | bytes | IO[bytes] | IO[str]


@dataclass
class Problems:
    """Collects what is wrong with a file, then raises them all at once."""

    name: str
    items: list[str] = field(default_factory=list)
    more: int = 0

    def add(self, message: str) -> None:
        if len(self.items) < MAX_PROBLEMS:
            self.items.append(message)
        else:
            self.more += 1

    def __bool__(self) -> bool:
        return bool(self.items)

    def raise_if_any(self) -> None:
        if not self.items:
            return
        extra = f"; and {self.more} more" if self.more else ""
        noun = "problem" if len(self.items) + self.more == 1 else "problems"
        raise InputError(f"{self.name}: refused, nothing imported ({len(self.items) + self.more} {noun}): "
                         + "; ".join(self.items) + extra)


class CellError(ValueError):
    """One cell that cannot be used; the reader adds the row and column to the message."""


def source_name(source: Source) -> str:
    if isinstance(source, str | os.PathLike):
        return Path(source).name
    return str(getattr(source, "name", None) or "the file")


@contextmanager
def open_text(source: Source) -> Iterator[IO[str]]:
    """Open a path, bytes or a file object as UTF-8 text, refusing binary files before reading on.

    Decoding is strict: a file in another encoding fails where its first non-UTF-8 byte is, and the
    caller turns that into a message naming the line.
    """
    name = source_name(source)
    if isinstance(source, str | os.PathLike):
        path = Path(source)
        if not path.is_file():
            raise InputError(f"{name}: no such file")
        with path.open("rb") as fh:
            _refuse_binary(fh.read(4096), name)
        with path.open("r", encoding="utf-8-sig", newline="", errors="strict") as fh:
            yield fh
        return
    if isinstance(source, bytes | bytearray):
        source = io.BytesIO(bytes(source))
    if hasattr(source, "seek"):
        source.seek(0)
    head = source.read(4096)
    source.seek(0)
    if isinstance(head, str):
        yield source  # already text: the caller decoded it
        return
    _refuse_binary(head, name)
    wrapper = io.TextIOWrapper(source, encoding="utf-8-sig", newline="", errors="strict")
    try:
        yield wrapper
    finally:
        wrapper.detach()  # leave the caller's file object open


def _refuse_binary(head: bytes, name: str) -> None:
    if not head.strip():
        raise InputError(f"{name}: the file is empty")
    for magic, what in _MAGIC.items():
        if head.startswith(magic):
            raise InputError(f"{name}: this is {what}, not a CSV text file")
    if b"\x00" in head:
        raise InputError(f"{name}: this is a binary file (or UTF-16 text), not a UTF-8 CSV file")


class Cells:
    """One CSV row, read by column name without building a dict per row (GED rows have 50 columns)."""

    __slots__ = ("index", "values")

    def __init__(self, values: list[str], index: dict[str, int]) -> None:
        self.values = values
        self.index = index

    def get(self, name: str, default: Any = None) -> Any:
        i = self.index.get(name)
        return default if i is None else self.values[i]

    def text(self, name: str) -> str | None:
        """The stripped cell, or None when empty or when the file has no such column."""
        i = self.index.get(name)
        return None if i is None else (self.values[i].strip() or None)

    __getitem__ = text


def read_rows(fh: IO[str], *, name: str, required: Iterable[str], problems: Problems,
              ) -> Iterator[tuple[int, int, Cells]]:
    """Yield ``(row number, line number, cells)`` for each data row of a CSV file.

    Raises
    ------
    InputError
        Empty file, header only, missing required columns, or text that is not UTF-8.
    """
    reader = csv.reader(fh)
    try:
        header = next(reader, None)
    except UnicodeDecodeError as exc:
        raise InputError(f"{name}: not UTF-8 text (byte {exc.object[exc.start]:#04x} in the header); "
                         "save it as UTF-8 CSV and try again") from None
    except csv.Error as exc:
        raise InputError(f"{name}: not a readable CSV file ({exc})") from None
    if not header or not any(h.strip() for h in header):
        raise InputError(f"{name}: the file is empty")
    header = [h.strip() for h in header]
    index = {h: i for i, h in reversed(list(enumerate(header)))}  # a repeated name: the first one counts
    missing = [c for c in required if c not in index]
    if missing:
        raise InputError(f"{name}: refused, nothing imported: missing column(s) {', '.join(missing)} "
                         f"(found: {', '.join(header[:12])}{' ...' if len(header) > 12 else ''})")
    width = len(header)
    number = 0
    while True:
        try:
            values = next(reader)
        except StopIteration:
            break
        except UnicodeDecodeError as exc:
            raise InputError(f"{name}: not UTF-8 text (byte {exc.object[exc.start]:#04x} after row {number}, "
                             f"line {reader.line_num + 1}); save it as UTF-8 CSV and try again") from None
        except csv.Error as exc:
            raise InputError(f"{name}: row {number + 1} (line {reader.line_num}): unreadable CSV ({exc})") from None
        if not values:
            continue  # a blank line
        number += 1
        if len(values) != width:
            if len(values) > width and not any(v.strip() for v in values[width:]):
                values = values[:width]  # trailing empty cells, as spreadsheets write them
            else:
                problems.add(f"row {number} (line {reader.line_num}): {len(values)} cells for {width} columns")
                continue
        yield number, reader.line_num, Cells(values, index)
    if number == 0:
        raise InputError(f"{name}: refused: a header but no rows")


# --- cells ---------------------------------------------------------------------------------------

def text(value: Any) -> str | None:
    """A stripped string, or None for an empty cell."""
    if type(value) is str:  # nearly every call: a CSV cell
        return value.strip() or None
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return None
    return str(value).strip() or None


def cell_date(value: Any, *, required: bool = True, formats: tuple[str, ...] = ()) -> str | None:
    """An ISO date string from ``YYYY-MM-DD`` (a time part is ignored) or one of ``formats``."""
    raw = text(value)
    if raw is None:
        if required:
            raise CellError("empty, a date is required")
        return None
    try:
        return date.fromisoformat(raw[:10]).isoformat()
    except ValueError:
        pass
    for fmt in formats:
        try:
            return datetime.strptime(raw, fmt).date().isoformat()
        except ValueError:
            continue
    raise CellError(f"{raw!r} is not a valid date (expected YYYY-MM-DD)")


def cell_float(value: Any, *, low: float, high: float, required: bool = True) -> float | None:
    raw = text(value)
    if raw is None:
        if required:
            raise CellError("empty, a number is required")
        return None
    try:
        number = float(raw)
    except (TypeError, ValueError):
        raise CellError(f"{raw!r} is not a number") from None
    if not math.isfinite(number) or not low <= number <= high:
        raise CellError(f"{raw} is outside {low:g}..{high:g}")
    return number


def cell_int(value: Any, *, low: int | None = None, required: bool = False) -> int | None:
    raw = text(value)
    if raw is None:
        if required:
            raise CellError("empty, a whole number is required")
        return None
    try:
        number = int(float(raw)) if "." in raw else int(raw)
    except (TypeError, ValueError):
        raise CellError(f"{raw!r} is not a whole number") from None
    if low is not None and number < low:
        raise CellError(f"{number} is below {low}")
    return number


def cell_choice(value: Any, choices: dict[str, Any] | Iterable[str], *, what: str) -> Any:
    raw = text(value)
    lookup = choices if isinstance(choices, dict) else {c: c for c in choices}
    if raw not in lookup:
        allowed = ", ".join(map(str, list(lookup)[:8]))
        raise CellError(f"{raw!r} is not a known {what} ({allowed}{' ...' if len(lookup) > 8 else ''})")
    return lookup[raw]


class Row:
    """One data row being converted; a bad cell is recorded against its row and column, not raised.

    Examples
    --------
    >>> problems = Problems("f.csv")
    >>> row = Row({"latitude": "200"}, number=3, line=4, problems=problems)
    >>> row.get("latitude", cell_float, low=-90, high=90) is None, row.ok
    (True, False)
    >>> problems.items
    ["row 3 (line 4), column 'latitude': 200 is outside -90..90"]
    """

    def __init__(self, cells: Cells | dict[str, Any], *, number: int, line: int | None, problems: Problems,
                 label: str = "row") -> None:
        self.cells = cells
        self.number = number
        self.line = line
        self.problems = problems
        self.label = label
        self.ok = True

    @property
    def where(self) -> str:
        return f"{self.label} {self.number}" + (f" (line {self.line})" if self.line else "")

    def fail(self, column: str, message: str) -> None:
        self.ok = False
        self.problems.add(f"{self.where}, column {column!r}: {message}")

    def get(self, column: str, convert: Any = text, **options: Any) -> Any:
        try:
            return convert(self.cells.get(column), **options)
        except CellError as exc:
            self.fail(column, str(exc))
            return None
