"""Paragraphs, sentences, clauses and word tokens, all with character offsets into the report."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from geo.text import normalise

# A sentence ends at . ! ? (and closing quotes) before whitespace and an upper-case letter or a quote.
_SENTENCE_END = re.compile(r"(?<=[.!?])(?P<close>[\"'”’)]*)\s+(?=[\"'“‘(]?[A-Z0-9])")
_ABBREVIATIONS = frozenset(
    "mr mrs ms dr gen lt col maj capt sgt st no vs etc inc ltd co corp jr sr prof rev gov sen rep jan feb "
    "mar apr jun jul aug sep sept oct nov dec u.s u.k u.n e.g i.e approx est fig al".split())
# Clauses: a comma or semicolon before a conjunction that starts a new statement.
_CLAUSE_BREAK = re.compile(r"(?:;|,\s+(?=(?:but|while|whereas|although|though|and then|yet)\b)|"
                           r"\s+(?=(?:but|whereas)\s))", re.I)
# Word tokens: letters with inner apostrophes (but not a possessive 's), or dotted initials (U.S.).
_TOKEN = re.compile(r"(?:[A-Z]\.){2,}|[^\W\d_]+(?:['’](?![sS]\b)[^\W\d_]+)*|\d+(?:[.,]\d+)*")


class Coverage:
    """Which characters of a text are already taken by a match: overlap tests in constant time.

    Examples
    --------
    >>> c = Coverage(10); c.add(2, 5); (c.overlaps(4, 6), c.overlaps(5, 9))
    (True, False)
    """

    def __init__(self, length: int):
        self._mask = bytearray(length + 1)

    def add(self, start: int, end: int) -> None:
        self._mask[start:end] = b"\x01" * (end - start)

    def overlaps(self, start: int, end: int) -> bool:
        return self._mask.find(1, start, end) >= 0

    def covers(self, offset: int) -> bool:
        return bool(self._mask[offset])


@dataclass(frozen=True)
class Span:
    start: int
    end: int
    paragraph: int = 0

    def contains(self, start: int, end: int) -> bool:
        return self.start <= start and end <= self.end


class Token:
    """A word with its offsets and lookup key (:func:`geo.text.normalise`). Read-only by convention.

    Its case is worked out once: name matching asks each word for it many times.
    """

    __slots__ = ("capitalised", "end", "is_upper", "key", "start", "text")

    def __init__(self, start: int, end: int, text: str, key: str):
        self.start = start
        self.end = end
        self.text = text
        self.key = key
        self.capitalised = text[:1].isupper()
        self.is_upper = text.isupper() and len(text) > 1

    def __repr__(self) -> str:
        return f"Token({self.start}, {self.end}, {self.text!r}, {self.key!r})"


def paragraphs(text: str) -> list[Span]:
    """Paragraphs: runs of text between line breaks."""
    out, n = [], 0
    for m in re.finditer(r"[^\n]+", text):
        if m.group(0).strip():
            start = m.start() + len(m.group(0)) - len(m.group(0).lstrip())
            out.append(Span(start, m.end() - (len(m.group(0)) - len(m.group(0).rstrip())), n))
            n += 1
    return out


@lru_cache(maxsize=4)
def sentences(text: str) -> tuple[Span, ...]:
    """Sentences with their paragraph index. Abbreviations ("Gen.", "Oct.", "U.S.") do not end one.

    Cached for the last few texts: the place finder and the event reader both cut the same report.
    """
    out: list[Span] = []
    for para in paragraphs(text):
        chunk = text[para.start:para.end]
        start = 0
        for m in _SENTENCE_END.finditer(chunk):
            before = chunk[start:m.start()].rsplit(None, 1)
            last_word = before[-1].rstrip(".!?\"'”’)").lower() if before else ""
            if last_word in _ABBREVIATIONS or (len(last_word) == 1 and last_word.isalpha()):
                continue
            out.append(Span(para.start + start, para.start + m.end("close"), para.paragraph))
            start = m.end()
        if chunk[start:].strip():
            out.append(Span(para.start + start, para.end, para.paragraph))
    return tuple(out)


def clauses(text: str, sentence: Span) -> list[Span]:
    """A sentence cut at the conjunctions that start a new statement ("..., but ...", "; ...")."""
    out, start = [], sentence.start
    for m in _CLAUSE_BREAK.finditer(text, sentence.start, sentence.end):
        if m.start() > start:
            out.append(Span(start, m.start(), sentence.paragraph))
        start = m.end()
    if start < sentence.end:
        out.append(Span(start, sentence.end, sentence.paragraph))
    return out


def tokens(text: str) -> list[Token]:
    return [Token(m.start(), m.end(), m.group(0), normalise(m.group(0))) for m in _TOKEN.finditer(text)]
