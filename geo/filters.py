"""What the user filters by, shared by the store (SQL), the exports and the dashboard (URL state).

A filter round-trips through URL query parameters, so a copied link reopens the same view.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, fields
from datetime import date

from geo.record import EVENT_TYPES, SUB_EVENT_TYPES

_LIST_FIELDS = ("event_types", "sub_event_types", "countries", "origins")


@dataclass(frozen=True)
class EventFilter:
    """A selection of events. Empty fields select everything.

    Parameters
    ----------
    date_from, date_to : date, optional
        Inclusive bounds on ``event_date``.
    event_types, sub_event_types : tuple of str
        ACLED types and sub-types to keep.
    countries : tuple of str
        ISO alpha-2 codes.
    origins : tuple of str
        ``extracted`` or the name of an imported dataset (``ucdp``, ``acled``, ...).
    text : str
        Case-insensitive search over location, actors and sentence.

    Examples
    --------
    >>> f = EventFilter(event_types=("Battles",), text="Kabul")
    >>> EventFilter.from_query_params(f.to_query_params()) == f
    True
    """

    date_from: date | None = None
    date_to: date | None = None
    event_types: tuple[str, ...] = field(default_factory=tuple)
    sub_event_types: tuple[str, ...] = field(default_factory=tuple)
    countries: tuple[str, ...] = field(default_factory=tuple)
    origins: tuple[str, ...] = field(default_factory=tuple)
    text: str = ""

    def to_query_params(self) -> dict[str, str | list[str]]:
        """URL parameters for this filter; empty fields are left out."""
        out: dict[str, str | list[str]] = {}
        if self.date_from:
            out["from"] = self.date_from.isoformat()
        if self.date_to:
            out["to"] = self.date_to.isoformat()
        for name in _LIST_FIELDS:
            values = getattr(self, name)
            if values:
                out[name] = list(values)
        if self.text:
            out["q"] = self.text
        return out

    @classmethod
    def from_query_params(cls, params: Mapping[str, str | list[str]]) -> EventFilter:
        """Read a filter back from URL parameters, dropping values that are not valid.

        A hand-edited or stale link never raises: an unknown type or a bad date is ignored.
        """
        def values(name: str) -> tuple[str, ...]:
            raw = params.get(name, ())
            items = [raw] if isinstance(raw, str) else list(raw)
            return tuple(dict.fromkeys(v for v in items if v))

        return cls(
            date_from=_parse_date(params.get("from")),
            date_to=_parse_date(params.get("to")),
            event_types=tuple(v for v in values("event_types") if v in EVENT_TYPES),
            sub_event_types=tuple(v for v in values("sub_event_types") if v in SUB_EVENT_TYPES),
            countries=tuple(v.upper() for v in values("countries") if len(v) == 2 and v.isalpha()),
            origins=values("origins"),
            text=_last(params.get("q"))[:200],
        )

    def is_empty(self) -> bool:
        return all(not getattr(self, f.name) for f in fields(self))


def _last(value: object) -> str:
    """One text value from a URL parameter that may have been given more than once."""
    if isinstance(value, list | tuple):
        value = value[-1] if value else ""
    return str(value or "")


def _parse_date(value: object) -> date | None:
    if isinstance(value, list):
        value = value[0] if value else None
    if not value:
        return None
    try:
        return date.fromisoformat(str(value)[:10])
    except ValueError:
        return None
