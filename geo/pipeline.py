"""Report in, events and places out: ties toponyms, dates and event typing together.

Examples
--------
>>> reading = read_report(Report(text="...", published=date(2025, 10, 28)))   # doctest: +SKIP
>>> [(e.location, e.event_type) for e in reading.events]                        # doctest: +SKIP
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field, replace
from datetime import date

from geo.dates import find_dates
from geo.documents import html_to_text, looks_like_html
from geo.errors import InputError
from geo.events import EventReader, to_event
from geo.gazetteer import Gazetteer, shared
from geo.record import Event
from geo.roles import assign_roles
from geo.toponyms import Mention, ToponymFinder, dateline_span


@dataclass(frozen=True)
class Report:
    """One news report as the user gave it."""

    text: str
    published: date
    title: str | None = None
    url: str | None = None
    source_id: str | None = None

    @property
    def id(self) -> str:
        """The given id, else a hash of the text: the same text ingested twice has the same id."""
        return self.source_id or text_hash(self.text)


@dataclass
class PlaceMention:
    """A place named in a report, resolved (or not) to one gazetteer entry, with its role."""

    name: str
    start: int
    end: int
    role: str  # event | dateline | metonym | other
    latitude: float | None = None
    longitude: float | None = None
    country_code: str | None = None
    kind: str | None = None
    precision: str | None = None
    admin1: str | None = None
    admin2: str | None = None
    resolved_name: str | None = None
    source: str | None = None
    why: str | None = None

    def as_dict(self) -> dict:
        return dict(self.__dict__)


@dataclass
class Reading:
    """What one report yields."""

    report: Report
    events: list[Event] = field(default_factory=list)
    places: list[PlaceMention] = field(default_factory=list)

    def as_dict(self) -> dict:
        return {"events": [e.as_dict() for e in self.events], "places": [p.as_dict() for p in self.places]}


def text_hash(text: str) -> str:
    return hashlib.sha1(" ".join(text.split()).encode("utf-8")).hexdigest()[:16]


class ReportReader:
    """Reads reports with one gazetteer; build once, call :meth:`read` for each report.

    Parameters
    ----------
    gazetteer : Gazetteer, optional
        Default: the process-wide shared one (:func:`geo.gazetteer.shared`).
    """

    def __init__(self, gazetteer: Gazetteer | None = None):
        self.gaz = gazetteer or shared()
        self.finder = ToponymFinder(self.gaz)
        self.events = EventReader(self.gaz)

    def read(self, report: Report) -> Reading:
        text = check_text(report.text)
        if looks_like_html(text):
            # Markup given as a report's text: read what a browser would show, never the scripts in it.
            text = html_to_text(text)
            report = replace(report, text=text)
        mentions = self.finder.find(text)
        assign_roles(text, mentions, is_government_seat=self._is_government_seat)
        dateline = dateline_span(text)
        # A dateline's date ("KYIV, April 14 -") is when the report was filed, not when anything happened.
        dates = [replace(d, reporting=True) if d.start in dateline else d
                 for d in find_dates(text, published=report.published)]
        drafts = self.events.read(text, published=report.published, mentions=mentions, dates=dates,
                                  dateline=dateline)
        for draft in drafts:
            for m in draft.places:
                m.role = "event"
                qualifier = mentions[m.qualifier] if m.qualifier is not None else None
                if qualifier is not None and qualifier.place is not None and not qualifier.dateline \
                        and self.gaz.kind(qualifier.place) != "country":
                    qualifier.role = "event"  # "Gwoza, in Borno state": it happened in Borno state too
        fields = {"source_id": report.id, "source_title": report.title, "source_url": report.url,
                  "published": report.published.isoformat()}
        events = [to_event(d, self.gaz, text=text, label=self._label(d.mention), report_fields=fields)
                  for d in drafts if d.place is not None]
        places = [self._place(m) for m in mentions]
        return Reading(report=report, events=events, places=places)

    def _is_government_seat(self, i: int) -> bool:
        return self.gaz.kind(i) in ("country", "admin1") or self.gaz.is_capital(i)

    def _label(self, m: Mention | None) -> str:
        """The place's name for the event table: as the report writes it, tidied."""
        if m is None:
            return ""
        place = self.gaz.place(m.place)
        if m.form in ("nominal", "demonym") or m.why == ["shared head"] or m.text.count(" and ") or m.text.isupper():
            return fold_name(place.name) if m.form != "name" or m.why != ["shared head"] else m.key.title()
        return m.text

    def _place(self, m: Mention) -> PlaceMention:
        if m.place is None:
            return PlaceMention(m.text, m.start, m.end, m.role, why="; ".join(m.why) or None)
        p = self.gaz.place(m.place)
        return PlaceMention(
            name=m.text, start=m.start, end=m.end, role=m.role, latitude=p.latitude, longitude=p.longitude,
            country_code=p.country_code, kind=p.kind if m.form == "name" else m.form,
            precision="near place" if m.near else p.precision,
            admin1=p.admin1 or None, admin2=p.admin2 or None, resolved_name=p.name, source=p.source,
            why="; ".join(m.why) or None)


_READERS: dict[int, ReportReader] = {}


def read_report(report: Report, *, gazetteer: Gazetteer | None = None) -> Reading:
    """Read one report: its events and its places, each with the sentence and offsets behind it.

    Parameters
    ----------
    report : Report
        The text, its publication date and where it came from.
    gazetteer : Gazetteer, optional
        Default: the process-wide shared one.
    """
    gaz = gazetteer or shared()
    reader = _READERS.get(id(gaz))
    if reader is None or reader.gaz is not gaz:
        reader = _READERS[id(gaz)] = ReportReader(gaz)
    return reader.read(report)


MAX_TEXT_CHARS = 1_000_000  # about 300 pages, read in seconds; longer texts are split by the user


def check_text(text: object) -> str:
    """The text to read, or an :class:`InputError` a user can act on."""
    if isinstance(text, bytes):
        raise InputError("the report is bytes, not text: decode it first (see geo.ingest)")
    if not isinstance(text, str):
        raise InputError(f"the report must be text, not {type(text).__name__}")
    if "\x00" in text:
        raise InputError("the report looks binary (it contains NUL characters), not like text")
    if len(text) > MAX_TEXT_CHARS:
        raise InputError(f"the report is {len(text):,} characters; the limit is {MAX_TEXT_CHARS:,}: split it")
    return text


def fold_name(name: str) -> str:
    """A gazetteer name without diacritics and generic suffixes: "North Wazīristān District" -> "North Waziristan"."""
    import unicodedata

    folded = "".join(ch for ch in unicodedata.normalize("NFKD", name) if not unicodedata.combining(ch))
    return re.sub(r"\s+(?:District|Agency|Province|Governorate|Oblast)$", "", folded)
