"""Analyst corrections: stored as a log, applied to the events they name, undoable in any order.

An event row always shows its current values. The first correction saves the values it had before
(``events.base``); every change of corrections (a new one, an undo, a re-ingest or re-extraction that
refreshes the event) then recomputes the row as base + the active corrections in order. So undoing an
early correction keeps a later one, and a re-ingest never overwrites what an analyst decided.

Corrections name their event by id and carry no foreign key: if re-extraction drops an event and a later
one brings it back, the corrections apply again (:func:`recompute` runs on every new event).
"""

from __future__ import annotations

import json
import math
from datetime import date
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from geo.errors import InputError, StoreError
from geo.store import rows
from geo.store.schema import corrections, events

_table = corrections


def normalise_changes(changes: dict[str, Any]) -> dict[str, Any]:
    """Check a correction's fields and bring values to stored form (dates as ``date``, codes upper-case).

    Raises
    ------
    InputError
        An empty correction, a field that cannot be corrected, or a value of the wrong kind.
    """
    if not changes:
        raise InputError("a correction needs at least one change")
    unknown = sorted(set(changes) - set(rows.CORRECTABLE))
    if unknown:
        raise InputError(f"cannot correct {', '.join(unknown)}: correctable fields are {', '.join(rows.CORRECTABLE)}")
    out: dict[str, Any] = {}
    for name, value in changes.items():
        if isinstance(value, str):
            value = value.strip() or None
        try:
            if name in ("event_date", "date_end"):
                value = rows.as_date(value)
            elif name in ("latitude", "longitude") and value is not None:
                value = float(value)
            elif name == "fatalities" and value is not None:
                if isinstance(value, float) and not value.is_integer():
                    raise ValueError(f"{value} is not a whole number")
                value = int(value)
            elif name == "country_code" and value is not None:
                value = value.upper()
        except (TypeError, ValueError) as exc:
            raise InputError(f"{name}: {exc}") from None
        if isinstance(value, float) and not math.isfinite(value):
            raise InputError(f"{name}: {value} is not a number")
        out[name] = value
    if out.get("event_date") is None and "event_date" in out:
        raise InputError("event_date cannot be emptied")
    return out


def add(conn: Connection, event_id: str, *, action: str, changes: dict[str, Any], author: str | None) -> int:
    """Record a correction and apply it; returns its id."""
    current = conn.execute(sa.select(events).where(events.c.id == event_id)).mappings().one_or_none()
    if current is None:
        raise StoreError(f"no event {event_id!r}")
    if current["deleted"]:
        raise StoreError(f"event {event_id} is deleted: undo the deletion before correcting it")
    previous = {name: current[name] for name in changes}
    if action == "change":
        if all(_same(previous[name], value) for name, value in changes.items()):
            raise InputError(f"event {event_id}: the correction changes nothing")
        merged = {**dict(current), **changes}
        if "event_date" in changes and "date_end" not in changes and current["date_end"] == current["event_date"]:
            merged["date_end"] = changes["event_date"]  # a one-day event moved stays a one-day event
            changes = {**changes, "date_end": changes["event_date"]}
            previous["date_end"] = current["date_end"]
        problem = rows.check(merged)
        if problem:
            raise InputError(f"event {event_id}: {problem}")
    result = conn.execute(sa.insert(_table).values(
        event_id=event_id, action=action, changes=rows.to_json(changes), previous=rows.to_json(previous),
        author=author, created=rows.now()))
    recompute(conn, event_id)
    return int(result.inserted_primary_key[0])


def undo(conn: Connection, correction_id: int, *, author: str | None = None) -> str:
    """Mark a correction undone and recompute its event; returns the event id."""
    row = conn.execute(sa.select(_table).where(_table.c.id == correction_id)).mappings().one_or_none()
    if row is None:
        raise StoreError(f"no correction {correction_id}")
    if row["undone"] is not None:
        raise StoreError(f"correction {correction_id} was already undone on {row['undone']:%Y-%m-%d %H:%M} UTC")
    conn.execute(sa.update(_table).where(_table.c.id == correction_id).values(undone=rows.now(), undone_by=author))
    recompute(conn, row["event_id"])
    return row["event_id"]


def recompute(conn: Connection, event_id: str) -> None:
    """Rewrite an event's row as its base values plus its active corrections, in order."""
    row = conn.execute(sa.select(events).where(events.c.id == event_id)).mappings().one_or_none()
    if row is None:
        return
    active = conn.execute(sa.select(_table.c.action, _table.c.changes)
                          .where(_table.c.event_id == event_id, _table.c.undone.is_(None))
                          .order_by(_table.c.id)).all()
    if not active and row["base"] is None:
        return  # never corrected: nothing to do (the common case, on every ingest)
    base = rows.from_json(row["base"]) if row["base"] else {name: row[name] for name in rows.CORRECTABLE}
    current = dict(base)
    deleted = False
    for action, changes in active:
        if action == "delete":
            deleted = True
        else:
            current.update(rows.from_json(changes))
    conn.execute(sa.update(events).where(events.c.id == event_id).values(
        **current, corrected=bool(active), deleted=deleted, base=rows.to_json(base) if active else None,
        updated=rows.now()))


def pending(conn: Connection, event_ids: list[str]) -> set[str]:
    """Which of these ids have active corrections (for events that come back after being dropped)."""
    found: set[str] = set()
    for i in range(0, len(event_ids), 500):
        chunk = event_ids[i:i + 500]
        found.update(conn.execute(sa.select(_table.c.event_id).distinct()
                                  .where(_table.c.event_id.in_(chunk), _table.c.undone.is_(None))).scalars())
    return found


def _same(a: Any, b: Any) -> bool:
    if isinstance(a, float) and isinstance(b, float):
        return math.isclose(a, b, rel_tol=0, abs_tol=1e-9)
    if isinstance(a, date) or isinstance(b, date):
        return rows.as_date(a) == rows.as_date(b)
    return a == b


def log(conn: Connection, event_id: str | None) -> list[dict[str, Any]]:
    """Every correction (of one event, or all), oldest first, with its changes decoded."""
    query = sa.select(_table).order_by(_table.c.id)
    if event_id is not None:
        query = query.where(_table.c.event_id == event_id)
    out = []
    for row in conn.execute(query).mappings():
        changes, previous = json.loads(row["changes"]), json.loads(row["previous"])
        out.append({
            "correction_id": row["id"], "event_id": row["event_id"], "action": row["action"],
            "changes": changes, "previous": previous,
            "summary": "deleted" if row["action"] == "delete" else "; ".join(
                f"{k}: {previous.get(k)!r} -> {v!r}" for k, v in changes.items()),
            "author": row["author"], "created": row["created"], "undone": row["undone"],
            "undone_by": row["undone_by"], "active": row["undone"] is None,
        })
    return out
