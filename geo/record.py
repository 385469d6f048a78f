"""The event record and ACLED's taxonomy: the vocabulary every other module speaks.

Field names follow ACLED where ACLED has one, so exports open in the tools analysts already use.
"""

from __future__ import annotations

import hashlib
from dataclasses import asdict, dataclass, field, fields
from datetime import date
from typing import Any

#: ACLED's six event types and their 25 sub-event types, in ACLED's order.
EVENT_TYPES: dict[str, tuple[str, ...]] = {
    "Battles": ("Armed clash", "Government regains territory", "Non-state actor overtakes territory"),
    "Explosions/Remote violence": (
        "Air/drone strike", "Shelling/artillery/missile attack", "Suicide bomb",
        "Remote explosive/landmine/IED", "Grenade", "Chemical weapon",
    ),
    "Violence against civilians": ("Attack", "Abduction/forced disappearance", "Sexual violence"),
    "Protests": ("Peaceful protest", "Protest with intervention", "Excessive force against protesters"),
    "Riots": ("Violent demonstration", "Mob violence"),
    "Strategic developments": (
        "Agreement", "Arrests", "Change to group/activity", "Disrupted weapons use",
        "Headquarters or base established", "Looting/property destruction",
        "Non-violent transfer of territory", "Other",
    ),
}
SUB_EVENT_TYPES: dict[str, str] = {sub: kind for kind, subs in EVENT_TYPES.items() for sub in subs}

#: ACLED's rule: where one incident mixes tactics, the higher type wins (lower number is higher).
TYPE_RANK = {
    "Battles": 0, "Explosions/Remote violence": 1, "Violence against civilians": 2,
    "Riots": 3, "Protests": 4, "Strategic developments": 5,
}

#: Sub-types that name no violence, so no deaths: deaths a sentence about talks mentions ("a ceasefire
#: after fighting that killed dozens") belong to the fighting it recounts, not to the agreement.
NON_VIOLENT_SUB_TYPES = frozenset(EVENT_TYPES["Strategic developments"]) - {"Disrupted weapons use"}

DATE_PRECISIONS = ("day", "week", "month", "year")
#: ACLED ``time_precision``: 1 day, 2 week (or a few days), 3 month or longer.
ACLED_TIME_PRECISION = {"day": 1, "week": 2, "month": 3, "year": 3}
GEO_PRECISIONS = ("place", "near place", "admin2", "admin1", "border", "country")
#: UCDP ``where_prec`` 1..6 in this project's words.
UCDP_WHERE_PREC = dict(enumerate(GEO_PRECISIONS, 1))
ORIGIN_EXTRACTED = "extracted"


@dataclass
class Event:
    """One event: what happened, where, when, who, how many died, and the words that say so."""

    event_date: str
    event_type: str
    sub_event_type: str
    location: str
    country_code: str | None
    latitude: float | None
    longitude: float | None
    date_end: str | None = None
    date_precision: str = "day"
    geo_precision: str = "place"
    admin1: str | None = None
    admin2: str | None = None
    actor1: str | None = None
    actor2: str | None = None
    fatalities: int | None = None
    source_id: str | None = None
    source_title: str | None = None
    source_url: str | None = None
    published: str | None = None
    sentence: str | None = None
    start: int | None = None
    end: int | None = None
    place_start: int | None = None
    place_end: int | None = None
    triggers: list[str] = field(default_factory=list)
    sources: int = 1
    origin: str = ORIGIN_EXTRACTED
    notes: str | None = None
    event_id: str = ""

    def __post_init__(self) -> None:
        if self.date_end is None:
            self.date_end = self.event_date
        if not self.event_id:
            self.event_id = event_key(self)

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Event:
        names = {f.name for f in fields(cls)}
        return cls(**{k: v for k, v in data.items() if k in names})


FIELD_NAMES = tuple(f.name for f in fields(Event))


def event_key(event: Event) -> str:
    """Stable id: the same type, day and place give the same id, whichever report they came from.

    That is what lets a second report about an event add a source instead of a second event.
    """
    where = (f"{event.latitude:.2f},{event.longitude:.2f}" if event.latitude is not None and event.longitude is not None
             else (event.location or "").casefold())
    basis = "|".join((event.origin, event.event_type, event.event_date, event.country_code or "", where))
    return hashlib.sha1(basis.encode("utf-8")).hexdigest()[:16]


def iso_date(value: date | str) -> str:
    return value.isoformat() if isinstance(value, date) else str(value)[:10]
