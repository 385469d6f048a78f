"""Events <-> table rows, and the checks an event passes before it is stored.

Kept apart from the SQL so the rules are in one place: which fields an analyst may correct, how empty
values are stored (as NULL, never as ``""``), and what makes two imports of a row "the same".
"""

from __future__ import annotations

import hashlib
import json
import math
from collections.abc import Mapping
from dataclasses import fields
from datetime import UTC, date, datetime
from operator import itemgetter
from typing import Any

from geo.errors import InputError
from geo.record import DATE_PRECISIONS, EVENT_TYPES, FIELD_NAMES, GEO_PRECISIONS, Event

#: The fields a correction may change.
CORRECTABLE = ("event_type", "sub_event_type", "event_date", "date_end", "location", "latitude", "longitude",
               "country_code", "fatalities")
DATE_FIELDS = ("event_date", "date_end", "published")
INT_FIELDS = ("fatalities", "start", "end", "place_start", "place_end")
#: Record fields stored in a column of the same name (``event_id`` is the primary key ``id``).
COLUMNS = tuple(name for name in FIELD_NAMES if name != "event_id")
_COLUMN_VALUES = itemgetter(*COLUMNS)
_TEXT_FIELDS = tuple(f.name for f in fields(Event) if f.type in ("str", "str | None") and f.name != "event_id")
_REQUIRED_TEXT = ("event_type", "sub_event_type", "location", "origin", "date_precision", "geo_precision")


def now() -> datetime:
    """Naive UTC, as every time in the store is kept."""
    return datetime.now(UTC).replace(tzinfo=None)


def as_date(value: Any) -> date | None:
    if value is None or value == "":
        return None
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    return date.fromisoformat(str(value)[:10])


def clean(event: Event) -> dict[str, Any]:
    """The event's fields as stored: text stripped, empty text as None, dates as checked ISO text.

    Raises
    ------
    InputError
        A field the store cannot keep: an unknown type, a date that is not one, latitude 200 ...
    """
    values = dict(event.__dict__)  # a dataclass's fields, without asdict()'s deep copies
    del values["event_id"]
    for name in _TEXT_FIELDS:
        value = values[name]
        if value is not None and type(value) is str:
            values[name] = value.strip() or None
    for name in _REQUIRED_TEXT:
        values[name] = values[name] or ""
    try:
        for name in DATE_FIELDS:
            values[name] = iso_date(values[name])
    except ValueError as exc:
        raise InputError(f"event {event.event_id}: {exc}") from None
    values["date_end"] = values["date_end"] or values["event_date"]
    values["triggers"] = json.dumps(list(event.triggers), ensure_ascii=False) if event.triggers else None
    values["sources"] = max(1, int(event.sources or 1))
    if values["country_code"]:
        values["country_code"] = values["country_code"].upper()
    problem = check(values)
    if problem:
        raise InputError(f"event {event.event_id or '(no id)'}: {problem}")
    return values


def iso_date(value: Any) -> str | None:
    """``YYYY-MM-DD`` for a date, a datetime or ISO text (a time part is dropped); a bad date raises ValueError."""
    if value is None or value == "":
        return None
    if type(value) is str:
        value = value[:10]
        date.fromisoformat(value)  # checks it is a real day
        return value
    if isinstance(value, datetime):
        return value.date().isoformat()
    if isinstance(value, date):
        return value.isoformat()
    raise ValueError(f"{value!r} is not a date")


def check(values: Mapping[str, Any]) -> str | None:
    """What is wrong with a record's values, or None. Used for new events and for corrections alike."""
    kind, sub = values.get("event_type"), values.get("sub_event_type")
    if kind not in EVENT_TYPES:
        return f"event_type {kind!r} is not one of ACLED's types"
    if sub not in EVENT_TYPES[kind]:
        return f"sub_event_type {sub!r} is not a sub-event type of {kind!r}"
    if values.get("event_date") is None:
        return "event_date is missing"
    if values.get("date_end") and values["date_end"] < values["event_date"]:
        return f"date_end {values['date_end']} is before event_date {values['event_date']}"
    if "date_precision" in values and values["date_precision"] not in DATE_PRECISIONS:
        return f"date_precision {values['date_precision']!r} is not one of {', '.join(DATE_PRECISIONS)}"
    if "geo_precision" in values and values["geo_precision"] not in GEO_PRECISIONS:
        return f"geo_precision {values['geo_precision']!r} is not one of {', '.join(GEO_PRECISIONS)}"
    lat, lon = values.get("latitude"), values.get("longitude")
    if (lat is None) != (lon is None):
        return "latitude and longitude go together: give both or neither"
    if lat is not None and not (isinstance(lat, int | float) and math.isfinite(lat) and -90 <= lat <= 90):
        return f"latitude {lat!r} is outside -90..90"
    if lon is not None and not (isinstance(lon, int | float) and math.isfinite(lon) and -180 <= lon <= 180):
        return f"longitude {lon!r} is outside -180..180"
    code = values.get("country_code")
    if code is not None and not (isinstance(code, str) and len(code) == 2 and code.isalpha()):
        return f"country_code {code!r} is not an ISO alpha-2 code"
    for name in INT_FIELDS:
        value = values.get(name)
        if value is not None and (not isinstance(value, int) or isinstance(value, bool) or value < 0):
            return f"{name} {value!r} is not a whole number >= 0"
    if not values.get("location"):
        return "location is empty"
    return None


def content_hash(values: Mapping[str, Any]) -> str:
    """Fingerprint of what an import wrote: re-importing an unchanged row is recognised as such.

    Values are compared as text, so a date read back from the database matches its ISO form.
    """
    return hash_columns(_COLUMN_VALUES(values))


def column_values(values: Mapping[str, Any]) -> tuple:
    """A record's values in :data:`COLUMNS` order."""
    return _COLUMN_VALUES(values)


def hash_columns(stored: tuple) -> str:
    """:func:`content_hash` of values already in :data:`COLUMNS` order (an import has them so for its INSERT)."""
    basis = "\x1f".join(map(str, stored))
    return hashlib.blake2b(basis.encode("utf-8"), digest_size=8).hexdigest()


def to_json(values: Mapping[str, Any]) -> str:
    return json.dumps({k: (v.isoformat() if isinstance(v, date) else v) for k, v in values.items()},
                      ensure_ascii=False, sort_keys=True)


def from_json(text: str) -> dict[str, Any]:
    values = json.loads(text)
    return {k: (as_date(v) if k in DATE_FIELDS else v) for k, v in values.items()}


def to_event(row: Mapping[str, Any]) -> Event:
    """A stored row (``events`` columns, ``id`` as the key) back to an :class:`Event`."""
    values = {name: row[name] for name in COLUMNS}
    for name in DATE_FIELDS:
        day = as_date(values[name])
        values[name] = day.isoformat() if day else None
    values["triggers"] = json.loads(values["triggers"]) if values["triggers"] else []
    return Event(event_id=row["id"], **values)
