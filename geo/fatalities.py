"""Fatality figures by ACLED's rules.

- the lowest reported figure counts: "15 to 20" is 15, "at least 12" and "more than 100" are 12 and 100;
- vague quantities have fixed values: "dozens" = 12, "several" = 3, "hundreds" = 100, "scores" = 20;
- different groups killed in one incident add up ("over 200 militants" and "23 soldiers" = 223;
  "ten soldiers and 19 gang members were killed" = 29); a figure repeated for the same group keeps
  the lowest; "including two children" adds nothing;
- wounded and injured are not fatalities; nothing reported is ``None``, not 0.

Examples
--------
>>> total(find_fatalities("killing seven soldiers and wounding 12"))
7
>>> total(find_fatalities("Ten soldiers and 19 suspected gang members were killed"))
29
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
_QUALIFIER = r"(?:at least|more than|over|nearly|almost|about|around|some|up to|as many as|an estimated|" \
             r"a total of|all|all of the|another)"
_GROUPS = {
    "security": r"soldiers?|troops|servicem[ae]n|service members?|security (?:personnel|officials|men|forces?)|"
                r"police(?:m[ae]n|officers?)?|officers?|personnel|guards?|paramilitar(?:y|ies)|recruits?|"
                r"generals?|commanders?|colonels?|majors?|sergeants?|conscripts?|peacekeepers?|pilots?|"
                r"gendarmes?|marines?|sailors?|airmen|militia members?|constables?|(?:sub-)?inspectors?|"
                r"levies|rangers|frontier corps",
    "militants": r"militants?|fighters?|insurgents?|terrorists?|rebels?|attackers?|gunmen|taliban|jihadists?|"
                 r"assailants?|combatants?|militiam[ae]n|gang members?|bandits?|gunm[ae]n|kidnappers?|raiders?|"
                 r"(?:suspected )?members of [\w' -]{2,40}",
    # (after a figure, nationals too: "274 Palestinians", "two Afghans", "five Somalis"; see _NATIONALS below)
    "civilians": r"civilians?|people|persons?|residents?|villagers?|children|child|women|woman|men|man|boys?|"
                 r"girls?|teenagers?|youths?|schoolchildren|labou?rers?|"
                 r"travell?ers?|commuters?|motorists?|worshippers|passengers?|students?|"
                 r"protesters?|demonstrators?|workers?|farmers?|"
                 r"bystanders?|family members?|pilgrims?|journalists?|aid workers?|patients?|migrants?|refugees?|"
                 r"crew members?|shoppers?|doctors?|nurses?|teachers?|traders?|fishermen|herders?|brothers?|"
                 r"sisters?|infants?|babies|baby|nationals|citizens|foreigners|inmates|prisoners|detainees|"
                 r"tourists?|mourners|guests|spectators|voters|priests?|imams?|pastors?|clerics?|monks?|nuns?|"
                 r"engineers?|technicians?|contractors?|employees?|shopkeepers?|miners?|vendors?|"
                 r"polio workers?|health workers?|lawyers?|elders?|companions|relatives|"
                 r"others",
}
#: Who counts as a civilian, a security or an armed victim: geo.event_types types an attack by its victims ("two
#: engineers were killed when ...", "two policemen were shot dead", "troops killed three gunmen").
CIVILIAN_WORDS, SECURITY_WORDS, MILITANT_WORDS = _GROUPS["civilians"], _GROUPS["security"], _GROUPS["militants"]
# A national's plural is a civilian group only after a figure: bare, "[a-z]+is" would take "debris" for Israelis.
_NATIONALS = r"[a-z]+(?:ians|ans|is|ese)"
_GROUPS["civilians"] += "|" + _NATIONALS
_GROUP = "|".join(f"(?P<{name}>{pattern})" for name, pattern in _GROUPS.items())
_GROUP_PLAIN = "|".join(_GROUPS.values())
_ADJ = r"(?:[\w'’.-]+ ){0,3}?"  # "13 U.S. service members"
_ITEM = re.compile(rf"\b(?:(?P<q>{_QUALIFIER}) )?(?P<n>{_NUMBER})(?:\s+(?:to|-|–|or)\s+(?P<n2>{_NUMBER}))?"
                   rf"\s+(?:of\s+(?:the\s+)?(?:[\w'’-]+['’]s\s+)?)?{_ADJ}(?:{_GROUP})\b"
                   rf"(?:\s+(?:{_GROUP_PLAIN})\b)*", re.I)
_JOINER = re.compile(r"\s*(?:,\s*(?:and\s+)?|\s+and\s+)", re.I)
_KILLED_AFTER = re.compile(
    # "25 police officers and soldiers were killed": a second group with no figure of its own
    rf"(?:\s+and\s+(?:their\s+|other\s+)?(?:{_GROUP_PLAIN})\b)?"
    # "two policemen guarding a polio team were shot dead": what they were doing, then their fate
    r"(?:\s+(?:guarding|escorting|protecting|manning|patrolling|travell?ing|returning|riding|carrying|"
    r"stationed|posted|deployed)\b[^,.;]{0,40}?(?=\s(?:were|was|had been|have been)\s))?"
    r"\s*(?:,[^,.;]{0,40},\s*)?(?:were |have been |had been |was |are |being |reportedly )?(?:also |reportedly )?"
    # "nine passengers were pulled off a bus and shot dead"
    r"(?:(?<=were )(?!(?:wounded|injured|hurt)\b)(?:[a-z]+ ){1,6}?and (?:then |later )?)?"
    r"(?:killed|dead|died|slain|"
    r"lost (?:their|his|her) lives|martyred|perished|massacred|executed|shot dead|"
    # the military's press releases: "nine soldiers embraced shahadat", "three terrorists were sent to hell"
    r"embraced (?:shahadat|martyrdom)|sent to hell)\b", re.I)
# An opening quote may follow: killing "dozens of terrorists", as a claim is often quoted.
_KILLING = re.compile(r"\b(?:killing|killed|kills|leaving|left|claimed the lives of|shot dead|shooting dead|"
                      r"(?:hacked|hacking|stabbed|stabbing|beat|beaten|beating|burned|burnt|burning) to death|"
                      r"martyring|martyred|"
                      r"gunned down|gunning down|massacred|massacring|executed|executing|beheaded|beheading|"
                      r"slaughtered)\s+[\"“‘']?", re.I)
# "the death toll rose to 18", "the death toll from Friday's strike on Kryvyi Rih has risen to 18"
_TOLL = re.compile(rf"\bdeath toll\s+(?:(?:has\s+)?(?:stood at|stands at|of|to|at)|(?:[\w'’-]+\s+){{0,8}}?(?:has\s+)?"
                   rf"(?:rose to|risen to|rises to|reached|climbed to|jumped to|increased to))\s+"
                   rf"(?:(?:{_QUALIFIER})\s+)?(?P<n>{_NUMBER})", re.I)
# "the bodies of four men were found": a killing's trace counts its dead
_BODIES = re.compile(rf"\bbod(?:y|ies)\s+of\s+(?:(?:{_QUALIFIER})\s+)?(?P<n>{_NUMBER})\s+(?:[\w'’-]+\s+){{0,2}}?"
                     rf"(?:{_GROUP_PLAIN})\b", re.I)
_BARE = re.compile(rf"\b(?:(?:{_QUALIFIER})\s+)?(?P<n>\d{{1,3}}(?:,\d{{3}})*|\d+|{_WORDS})\s+(?:people\s+|of them\s+)?"
                   r"(?:(?:were|have been|had been|are)\s+(?:also\s+)?)?(?:dead|killed|died)\b", re.I)
#: A bare "killed" with an object after it is active: "two gunmen killed four Israelis", "killed a policeman".
_ACTIVE = re.compile(r"\s*killed", re.I)
_OBJECT = re.compile(rf"\s+(?:(?:{_QUALIFIER})\s+)?(?:{_NUMBER})\s", re.I)
_EXCLUDE_BEFORE = re.compile(r"\b(?:including|among them|of whom|of them|among whom)\s+$", re.I)
_NOT_FATAL = re.compile(r"\s*(?:people\s+)?(?:were |are |have been )?(?:wounded|injured|hurt|missing|arrested|"
                        r"detained)\b", re.I)


@dataclass(frozen=True)
class Fatalities:
    """A figure of dead found in the text."""

    start: int
    end: int
    text: str
    count: int
    group: str  # security | militants | civilians | unspecified


def parse_number(token: str) -> int | None:
    token = " ".join(token.strip().lower().split())
    if token.replace(",", "").isdigit():
        return int(token.replace(",", ""))
    return WORD_NUMBERS.get(token)


def _item_count(m: re.Match[str]) -> tuple[int, str] | None:
    numbers = [parse_number(g) for g in (m.group("n"), m.group("n2")) if g]
    numbers = [n for n in numbers if n is not None]
    if not numbers:
        return None
    group = next((g for g in _GROUPS if m.group(g)), "unspecified")
    return min(numbers), group


_MONTH_BEFORE = re.compile(r"\b(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.?\s+$")
_HAZARD_BEFORE = re.compile(r"\b(?:floods?|flooding|earthquakes?|quakes?|storms?|cyclones?|landslides?|hurricanes?|"
                            r"typhoons?|heatwaves?|wildfires?|disease|cholera|famine)\s+(?:\w+\s+)?$", re.I)
_SPEAKS = re.compile(r"\s+(?:said|says|told|reported|added|confirmed)\b", re.I)
_SUBSET = re.compile(r"(?:[\w-]+\s+){1,3}?(?:of|among)\s+(?:them|whom)\b", re.I)


def _items(text: str, pos: int, end: int) -> tuple[list[tuple[int, str]], int]:
    """A list of counted groups from ``pos``: "a crew member, an army general and several soldiers"."""
    out, here = [], pos
    while True:
        m = _ITEM.match(text, here, end)
        if m is None:
            break
        count = _item_count(m)
        if count and _SPEAKS.match(text, m.end(), end):
            break  # "killing four passengers, a health worker said": the last is who said so
        if count:
            out.append(count)
        here = m.end()
        j = _JOINER.match(text, here, end)
        if j is None or _ITEM.match(text, j.end(), end) is None or _SUBSET.match(text, j.end(), end):
            break  # "seven people, five of them schoolchildren": a part of the seven, not more
        here = j.end()
    return out, here


def _figures(start: int, end: int, text: str, items: list[tuple[int, str]]) -> list[Fatalities]:
    by_group: dict[str, int] = {}
    for count, group in items:
        by_group[group] = by_group.get(group, 0) + count  # one list: its groups and members add up
    return [Fatalities(start, end, text[start:end], count, group) for group, count in by_group.items()]


_DEATH_WORD = re.compile(r"\b(?:kill|dead|died|death|lives|slain|martyr|perish|massacr|execut|gunn|behead|slaughter|"
                         r"bod(?:y|ies) of|shahadat|sent to hell)",
                         re.I)
# The words without which _KILLED_AFTER and _BARE cannot match: a sentence without them skips those scans.
_KILLED_WORD = re.compile(r"killed|dead|died|slain|lives|martyred|perished|massacred|executed|shahadat|martyrdom|"
                          r"sent to hell", re.I)
_DEAD_OR_KILLED = re.compile(r"dead|killed", re.I)
# A bare number after "killing": "killing 35".
_NUMBER_AFTER = re.compile(rf"(?:(?:{_QUALIFIER})\s+)?(?P<n>\d[\d,]*|{_WORDS})\b", re.I)


def find_fatalities(text: str, start: int = 0, end: int | None = None) -> list[Fatalities]:
    """Fatality figures in ``text[start:end]``, the lowest of each stated range."""
    end = len(text) if end is None else end
    found: list[Fatalities] = []
    if not _DEATH_WORD.search(text, start, end):
        return found  # most sentences count no dead: skip the costly patterns
    taken: list[tuple[int, int]] = []

    def free(s: int, e: int) -> bool:
        return not any(a < e and s < b for a, b in taken)

    # "23 soldiers lost their lives", "Ten soldiers and 19 suspected gang members were killed"
    for m in _ITEM.finditer(text, start, end) if _KILLED_WORD.search(text, start, end) else ():
        if _MONTH_BEFORE.search(text, max(start, m.start() - 12), m.start()):
            # "ABIDJAN, June 14 - fighters killed": a day of the month counts nobody, nor is it a range's
            # start ("Feb 19 - Six soldiers were killed" is six)
            m = _ITEM.match(text, m.start("n2"), end) if m.group("n2") else None
            if m is None:
                continue
        if not free(m.start(), m.end()) or _EXCLUDE_BEFORE.search(text, max(start, m.start() - 20), m.start()):
            continue
        items, after = _items(text, m.start(), end)
        killed = _KILLED_AFTER.match(text, after, end) if items else None
        if killed and not (_ACTIVE.fullmatch(killed.group(0)) and _OBJECT.match(text, killed.end(), end)):
            # (but "two gunmen killed four Israelis": the figure is who killed, the object who died)
            found += _figures(m.start(), killed.end(), text, items)
            taken.append((m.start(), killed.end()))
    # "killing seven soldiers", "killed at least 12 civilians", "killing a crew member, an army general and ..."
    for m in _KILLING.finditer(text, start, end):
        if _HAZARD_BEFORE.search(text, max(start, m.start() - 25), m.start()):
            continue  # "a week after floods killed thousands": no one's violence
        items, after = _items(text, m.end(), end)
        if not items or not free(m.start(), after) or _NOT_FATAL.match(text, after, end):
            if not items:
                number = _NUMBER_AFTER.match(text[m.end():end])
                value = parse_number(number.group("n")) if number else None
                if value and number.group("n").lower() not in ("a", "an") and free(m.start(), m.end() + number.end()) \
                        and not _NOT_FATAL.match(text, m.end() + number.end(), end):
                    stop = m.end() + number.end()
                    found.append(Fatalities(m.start(), stop, text[m.start():stop], value, "unspecified"))
                    taken.append((m.start(), stop))
            continue
        found += _figures(m.start(), after, text, items)
        taken.append((m.start(), after))
    for pattern in (_TOLL, _BODIES, _BARE) if _DEAD_OR_KILLED.search(text, start, end) else (_TOLL, _BODIES):
        for m in pattern.finditer(text, start, end):
            value = parse_number(m.group("n"))
            if value and free(m.start(), m.end()):
                found.append(Fatalities(m.start(), m.end(), m.group(0), value, "unspecified"))
                taken.append((m.start(), m.end()))
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
