"""Actors as the report names them: "Afghan Taliban", "TTP", "Pakistani security forces", "M23 rebels".

ACLED's actor names are standardised by its coders; here an actor is kept as written, so the
analyst sees the report's own words and can standardise on export.

Examples
--------
>>> find_actors("Afghan Taliban forces attacked Pakistani posts")
['Afghan Taliban forces']
"""

from __future__ import annotations

import re

_FORCE_NOUNS = (
    r"forces|troops|army|military|police|soldiers|militants|fighters|rebels|insurgents|gunmen|jets|warplanes|"
    r"aircraft|drones|protesters|demonstrators|militias?|paramilitaries|guards|commandos|separatists|jihadists|"
    r"Taliban|delegations?|government|authorities|security personnel|mob|attackers|assailants|bombers?|"
    r"gang members|gangs?|gangsters|bandits|kidnappers|pirates"
)
_MODIFIER = r"(?:(?-i:[A-Z][\w'’-]*)|security|armed|government|state|special|border|paramilitary|rebel|militant|" \
            r"allied|pro-[\w-]+|Islamist|ballistic|local|tribal)"
_ACTOR = re.compile(
    rf"\b(?:(?:{_MODIFIER})\s+){{0,3}}(?:{_FORCE_NOUNS})\b"
    rf"|\b(?-i:[A-Z][A-Z0-9]{{1,6}})\b(?:\s+(?:rebels|militants|fighters|forces|group))?", re.I)
_NOT_ACTORS = {"UN", "US", "UK", "EU", "AP", "AFP", "ISPR", "BBC", "CNN"}
_ARTICLE = re.compile(r"^(?:the|a|an|some|two|three|several|other)\s+", re.I)


def find_actors(text: str, start: int = 0, end: int | None = None) -> list[str]:
    """Actor phrases in ``text[start:end]``, in order of appearance, without duplicates."""
    end = len(text) if end is None else end
    out: list[str] = []
    for m in _ACTOR.finditer(text, start, end):
        phrase = _ARTICLE.sub("", m.group(0).strip())
        words = phrase.split()
        if not words or phrase in _NOT_ACTORS or phrase.lower() in ("forces", "government", "authorities", "military"):
            continue
        if len(words) == 1 and words[0][:1].islower():
            continue  # "militants" alone says too little to name an actor
        if phrase not in out:
            out.append(phrase)
    return out
