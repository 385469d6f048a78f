"""Synthetic events for the store and dashboard benchmarks, drawn from the real UCDP GED extract.

Rows are sampled with replacement, given new ids and shifted by up to a year, so event types,
places, precisions and text lengths stay the real ones while the count grows to 100k or 1M.
"""

from __future__ import annotations

import random
from collections.abc import Iterator
from dataclasses import replace
from datetime import date, timedelta
from pathlib import Path

from geo.record import Event

UCDP = Path(__file__).resolve().parents[2] / "shared" / "data" / "ucdp_ged_pakistan.csv"
SEED = 20251028


def synthetic_events(n: int, *, seed: int = SEED) -> Iterator[Event]:
    """``n`` events drawn from the UCDP file with replacement, dates shifted by up to a year."""
    from geo.formats import read_ucdp

    real = list(read_ucdp(UCDP))
    rng = random.Random(seed)
    for i in range(n):
        event = rng.choice(real)
        days = timedelta(days=rng.randint(-365, 365))
        yield replace(event, event_id=f"synthetic-{i}",
                      event_date=(date.fromisoformat(event.event_date) + days).isoformat(),
                      date_end=(date.fromisoformat(event.date_end) + days).isoformat())
