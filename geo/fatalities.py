"""Fatality figures by ACLED's rules.

- the lowest reported figure counts: "15 to 20" is 15, "at least 12" and "more than 100" are 12 and 100;
- vague quantities have fixed values: "dozens" = 12, "several" = 3, "hundreds" = 100, "scores" = 20;
- different groups killed in one incident add up ("over 200 militants" and "23 soldiers" = 223);
  a figure repeated for the same group keeps the lowest; "including two children" adds nothing;
- wounded and injured are not fatalities; nothing reported is ``None``, not 0.

Examples
--------
>>> [(f.count, f.group) for f in find_fatalities("killing seven soldiers and wounding 12")]
[(7, 'security')]
"""

from __future__ import annotations

import re
from dataclasses import dataclass

WORD_NUMBERS = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10,
    "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17,
    "eighteen": 18, "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60,
    "seventy": 70, "eighty": 80, "ninety": 90, "a dozen": 12, "dozen": 12, "dozens": 12, "dozens of": 12,
    "several": 3, "a few": 3, "few": 3, "hundreds": 100, "hundreds of": 100, "a hundred": 100,
    "scores": 20, "scores of": 20, "tens of": 10, "thousands": 1000, "thousands of": 1000, "a": 1, "an": 1,
}
_WORDS = "|".join(sorted((re.escape(w) for w in WORD_NUMBERS), key=len, reverse=True))
_NUMBER = rf"(?:\d{{1,3}}(?:,\d{{3}})+|\d+|{_WORDS})"
_QUALIFIER = r"(?:at least|more than|over|nearly|almost|about|around|some|up to|as many as|an estimated|a total of)"
_GROUPS = {
    "security": r"soldiers?|troops|servicemen|security (?:personnel|officials|men|forces? (?:personnel|members))|"
                r"police(?:men|officers)?|officers|personnel|guards?|paramilitar(?:y|ies)|policemen|recruits",
    "militants": r"militants?|fighters?|insurgents?|terrorists?|rebels?|attackers?|gunmen|taliban|jihadists?|"
                 r"assailants?|combatants?|members of [\w -]{2,40}",
    "civilians": r"civilians?|people|persons|residents?|villagers?|children|women|men|worshippers|passengers|"
                 r"students|protesters|demonstrators|workers|farmers|bystanders|family members|pilgrims|"
                 r"journalists|aid workers|patients|migrants|refugees",
}
_GROUP = "|".join(f"(?P<{name}>{pattern})" for name, pattern in _GROUPS.items())
_KILLED = r"(?:were |have been |had been |was |are |being )?(?:killed|dead|died|slain|lost (?:their|his|her) lives|" \
          r"martyred|perished|massacred|executed|shot dead)"
_ADJ = r"(?:[\w-]+ ){0,3}"

_PATTERNS = [
    # "23 soldiers lost their lives", "over 200 militants and Taliban fighters were killed", "35 people killed"
    re.compile(rf"\b(?P<q>{_QUALIFIER} )?(?P<n>{_NUMBER})(?:\s+(?:to|-|–|or)\s+(?P<n2>{_NUMBER}))?\s+{_ADJ}"
               rf"(?:{_GROUP})(?:\s+and\s+{_ADJ}(?:[\w-]+))?\s*(?:,[^,.]{{0,40}},\s*)?{_KILLED}", re.I),
    # "killing seven soldiers", "killed at least 12 civilians", "left 10 dead"
    re.compile(rf"\b(?:killing|killed|kills|leaving|left|claimed the lives of)\s+(?P<q>{_QUALIFIER} )?(?P<n>{_NUMBER})"
               rf"(?:\s+(?:to|-|–|or)\s+(?P<n2>{_NUMBER}))?(?:\s+{_ADJ}(?:{_GROUP}))?", re.I),
    # "the death toll rose to 40", "a death toll of 12"
    re.compile(rf"\bdeath toll\s+(?:has\s+)?(?:rose to|rises to|reached|climbed to|stood at|of|stands at|to|at)\s+"
               rf"(?P<q>{_QUALIFIER} )?(?P<n>{_NUMBER})", re.I),
    # "12 dead", "six killed"
    re.compile(rf"\b(?P<q>{_QUALIFIER} )?(?P<n>{_NUMBER})\s+(?:dead|killed)\b", re.I),
]
_EXCLUDE_BEFORE = re.compile(r"\b(?:including|among them|of whom|of them|among whom)\s+$", re.I)
_NOT_FATAL = re.compile(r"^\s*(?:were |are |have been )?(?:wounded|injured|hurt|missing|arrested|detained)\b", re.I)


@dataclass(frozen=True)
class Fatalities:
    """A figure of dead found in the text."""

    start: int
    end: int
    text: str
    count: int
    group: str  # security | militants | civilians | unspecified


def parse_number(token: str) -> int | None:
    token = token.strip().lower()
    if token.replace(",", "").isdigit():
        return int(token.replace(",", ""))
    return WORD_NUMBERS.get(token)


def find_fatalities(text: str, start: int = 0, end: int | None = None) -> list[Fatalities]:
    """Fatality figures in ``text[start:end]``, the lowest of each stated range."""
    end = len(text) if end is None else end
    found: list[Fatalities] = []
    for pattern in _PATTERNS:
        for m in pattern.finditer(text, start, end):
            if any(f.start < m.end() and m.start() < f.end for f in found):
                continue
            if _EXCLUDE_BEFORE.search(text[max(start, m.start() - 20):m.start()]):
                continue  # "including two children": already counted in the total
            if pattern is _PATTERNS[1] and _NOT_FATAL.match(text[m.end():m.end() + 30]):
                continue
            numbers = [parse_number(g) for g in (m.group("n"), m.groupdict().get("n2")) if g]
            numbers = [n for n in numbers if n is not None]
            if not numbers or (m.group("n").lower() in ("a", "an") and pattern is not _PATTERNS[0]):
                continue
            groups = [g for g in _GROUPS if m.groupdict().get(g)]
            group = groups[0] if groups else "unspecified"
            found.append(Fatalities(m.start(), m.end(), m.group(0), min(numbers), group))
    return sorted(found, key=lambda f: f.start)


def total(figures: list[Fatalities]) -> int | None:
    """ACLED's total: the lowest figure per group, summed over groups; ``None`` when nothing was reported.

    An unspecified figure ("killing 35") is a total of its own; it only adds to group figures when
    no group figure exists.
    """
    if not figures:
        return None
    by_group: dict[str, int] = {}
    for f in figures:
        by_group[f.group] = min(by_group.get(f.group, f.count), f.count)
    unspecified = by_group.pop("unspecified", None)
    grouped = sum(by_group.values()) if by_group else None
    if grouped is None:
        return unspecified
    return max(grouped, unspecified or 0) if unspecified is not None else grouped
