"""Turning what users bring (bytes of .txt, .md, .html files) into report text, with clear refusals.

Examples
--------
>>> html_to_text("<p>Clashes in <b>Kabul</b></p><script>alert(1)</script>")
'Clashes in Kabul'
>>> split_header("Title: Talks\\nPublished: 2025-10-28\\n\\nBody")[0]
{'title': 'Talks', 'published': '2025-10-28'}
"""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass
from html.parser import HTMLParser

from geo.errors import InputError

MAX_BYTES = 5_000_000
_BLOCK_TAGS = frozenset(
    "p div br li ul ol h1 h2 h3 h4 h5 h6 tr table section article header footer blockquote pre figcaption "
    "dd dt".split())
# Never article text: code, styling, the head, and a page's navigation, asides and forms.
_SKIPPED_TAGS = frozenset(
    "script style noscript template svg head iframe object embed canvas math nav aside form".split())
_HEADER = re.compile(r"^(?P<key>title|published|date|url|source)\s*:\s*(?P<value>.*)$", re.I)


def decode(data: bytes, *, name: str = "the file", max_bytes: int = MAX_BYTES) -> str:
    """Decode a text file's bytes: UTF-8 (with or without BOM), UTF-16 with BOM, else Windows-1252.

    Raises
    ------
    InputError
        For an empty file, a file over ``max_bytes``, or one that is binary, saying what to do.
    """
    if not data.strip():
        raise InputError(f"{name} is empty")
    if len(data) > max_bytes:
        raise InputError(f"{name} is {len(data) / 1e6:.1f} MB; the limit is {max_bytes / 1e6:.0f} MB: split it")
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return data.decode("utf-16")
    sample = data[:8192]
    if b"\x00" in sample or sum(b < 9 or 13 < b < 32 for b in sample) > len(sample) * 0.05:
        raise InputError(f"{name} looks binary, not like text (is it a PDF, an image or a Word file?)")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("cp1252")  # the usual encoding of text that is not UTF-8
    except UnicodeDecodeError as exc:
        raise InputError(f"{name} is neither UTF-8 nor Windows-1252 text; save it as UTF-8") from exc


@dataclass(frozen=True)
class HtmlPage:
    """What an HTML page says: its visible text (one line per block), its title and its metadata."""

    lines: tuple[str, ...]
    title: str | None
    meta: dict[str, str]

    def text(self, *, between: str = "\n") -> str:
        return between.join(self.lines)


class _PageReader(HTMLParser):
    """Visible text, title and metadata (Open Graph, canonical link, <time>) of an HTML page."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.skipping = 0
        self.title: list[str] = []
        self.in_title = False
        self.meta: dict[str, str] = {}

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k: v or "" for k, v in attrs}
        if tag == "title":
            self.in_title = True
        elif tag == "meta" and (key := a.get("property") or a.get("name")):
            self.meta.setdefault(key.lower(), a.get("content", ""))
        elif tag == "link" and a.get("rel") == "canonical":
            self.meta.setdefault("canonical", a.get("href", ""))
        elif tag == "time" and a.get("datetime"):
            self.meta.setdefault("time", a["datetime"])
        if tag in _SKIPPED_TAGS:
            self.skipping += 1
        elif tag in _BLOCK_TAGS:
            self.parts.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag == "title":
            self.in_title = False
        if tag in _SKIPPED_TAGS:
            self.skipping = max(0, self.skipping - 1)
        elif tag in _BLOCK_TAGS:
            self.parts.append("\n")

    def handle_data(self, data: str) -> None:
        if self.in_title:
            self.title.append(data)
        elif not self.skipping:
            self.parts.append(data)


def read_html(html: str) -> HtmlPage:
    """An HTML page's visible text (scripts, styles, navigation, forms and markup dropped), title, metadata.

    Examples
    --------
    >>> read_html("<title>T</title><p>One.</p><script>x()</script><p>Two.</p>").text(between="\\n\\n")
    'One.\\n\\nTwo.'
    """
    reader = _PageReader()
    reader.feed(html)
    reader.close()
    lines = (" ".join(line.split()) for line in "".join(reader.parts).splitlines())
    title = " ".join("".join(reader.title).split()) or None
    return HtmlPage(tuple(line for line in lines if line), title, reader.meta)


def html_to_text(html: str) -> str:
    """The readable text of an HTML page: scripts, styles and markup dropped, blocks kept as lines."""
    return read_html(html).text()


def html_title(html: str) -> str | None:
    return read_html(html).title


def looks_like_html(text: str) -> bool:
    head = text[:2000].lower()
    return "<html" in head or "<!doctype html" in head or bool(re.search(r"<(?:p|div|body|article)[\s>]", head))


def split_header(text: str) -> tuple[dict[str, str], str]:
    """A leading ``Title:``/``Published:``/``URL:`` block (the sample reports' header) and the body after it."""
    meta: dict[str, str] = {}
    lines = text.split("\n")
    i = 0
    while i < len(lines) and i < 10:
        m = _HEADER.match(lines[i].strip())
        if not m:
            break
        key = m.group("key").lower()
        meta[{"date": "published", "source": "url"}.get(key, key)] = m.group("value").strip()
        i += 1
    if not meta or (i < len(lines) and lines[i].strip()):
        return {}, text  # no header, or a "Title:" line that is part of the text
    body = "\n".join(lines[i + 1:])
    return {k: v for k, v in meta.items() if v}, body


def to_report_text(data: bytes, *, name: str = "the file") -> tuple[dict[str, str], str]:
    """Bytes of a .txt, .md or .html file -> (metadata, plain text). Raises :class:`InputError`."""
    text = decode(data, name=name)
    meta: dict[str, str] = {}
    if name.lower().endswith((".html", ".htm")) or looks_like_html(text):
        page = read_html(text)  # one parse for both the text and the title
        text = page.text()
        if page.title:
            meta["title"] = page.title
    header, body = split_header(text)
    meta.update(header)
    if not body.strip():
        raise InputError(f"{name} has no text to read")
    return meta, body


# The commonest function words of English and of the languages reports most often arrive in otherwise.
# The reader's lexicons are English: a report in another language gets a warning, not a refusal.
_ENGLISH_WORDS = frozenset("the of and to in a is was were that on for with said by at from it as have has".split())
_OTHER_WORDS = frozenset(
    "le la les des du et une un est dans sur pour par qui que au aux "  # French
    "el los las del y en por con una para se su al "  # Spanish
    "o os da do dos das em um uma com não para "  # Portuguese
    "der die das und ist nicht mit von zu den dem ein eine sich auf "  # German
    "il di che della per sono gli nel".split())  # Italian
_WORD_RE = re.compile(r"[^\W\d_]+")


def looks_english(text: str, *, sample_words: int = 2000) -> bool:
    """Whether a text reads as English: its function words are more English than not.

    Short texts (fewer than 8 words) are given the benefit of the doubt.

    Examples
    --------
    >>> looks_english("Gunmen attacked a village in the north on Monday, officials said.")
    True
    >>> looks_english("Des combats ont éclaté à Goma lundi, faisant douze morts selon la police.")
    False
    """
    words = [w.lower() for w in _WORD_RE.findall(text[:sample_words * 12])][:sample_words]
    if len(words) < 8:
        return True
    english = sum(w in _ENGLISH_WORDS for w in words)
    other = sum(w in _OTHER_WORDS and w not in _ENGLISH_WORDS for w in words)
    return english >= other
