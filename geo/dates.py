"""Date expressions in report text, resolved against the publication date.

Every expression becomes a :class:`DateMention` with a range (``date_from``..``date_to``) and a
precision (``day``, ``week``, ``month``, ``year``). Relative expressions ("a day earlier", "the same
night") are resolved against the expression before them, the way a reader does.

Examples
--------
>>> [(m.text, m.date_from.isoformat()) for m in find_dates("Talks ended on Monday.", published=date(2025, 10, 28))]
[('on Monday', '2025-10-27')]
"""

from __future__ import annotations

import calendar
import re
from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import date, timedelta
from functools import partial

from geo.sentences import Coverage

MONTHS = {name.lower(): i for i, name in enumerate(calendar.month_name) if name}
MONTHS.update({name.lower(): i for i, name in enumerate(calendar.month_abbr) if name})
MONTHS["sept"] = 9
WEEKDAYS = {name.lower(): i for i, name in enumerate(calendar.day_name)}
NUMBER_WORDS = {"a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
                "eight": 8, "nine": 9, "ten": 10, "several": 3, "a few": 3, "few": 3}

_MONTH = r"(?P<month>January|February|March|April|May|June|July|August|September|October|November|December|" \
         r"Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)\.?"
_DAY = r"(?P<day>[0-3]?\d)(?:st|nd|rd|th)?"
_YEAR = r"(?P<year>(?:19|20)\d\d)"
_WEEKDAY = r"(?P<weekday>Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
_PART = r"(?:\s+(?:morning|afternoon|evening|night))?"
_NUM = r"(?P<n>a|an|one|two|three|four|five|six|seven|eight|nine|ten|several|a few|\d{1,2})"

# Order matters: longer, more specific patterns first; a span taken is not matched again.
_PATTERNS: list[tuple[str, re.Pattern[str]]] = [
    ("iso", re.compile(r"\b(?P<year>(?:19|20)\d\d)-(?P<m>[01]\d)-(?P<day>[0-3]\d)\b")),
    # "over the first weekend of the year", "in the last week of March", "the second week of this month"
    ("part_of_period", re.compile(
        r"\b(?:(?:over|during|in|on|at)\s+)?the\s+(?P<ord>first|second|third|fourth|last|final)\s+"
        rf"(?P<part>weekend|week)\s+of\s+(?:(?P<period>the\s+year|this\s+year|the\s+month|this\s+month)|{_MONTH}"
        rf"(?:,?\s+{_YEAR})?)\b", re.I)),
    ("month_day", re.compile(rf"\b(?:(?:on|since|from|until|by)\s+)?{_MONTH}\s+{_DAY}\b(?:,?\s+{_YEAR})?"
                             r"(?!\s*(?:percent|%))",
                             re.I)),
    ("day_month", re.compile(rf"\b(?:(?:on|since|from|until|by)\s+)?(?:the\s+)?{_DAY}\s+(?:of\s+)?{_MONTH}\b"
                             rf"(?:,?\s+{_YEAR})?",
                             re.I)),
    ("month_year", re.compile(rf"\b(?:(?:in|since|during|until)\s+)?(?:(?:early|mid|late)[- ])?{_MONTH}\s+{_YEAR}\b",
                              re.I)),
    # "In April, 51 people were killed", "since early March": a month with no year is its last one
    ("month_only", re.compile(r"\b(?:in|since|during|until|by|from|last|(?:in\s+)?(?:early|mid|late)(?=[- ]))[- ]"
                              r"(?:(?:early|mid|late)[- ])?(?P<month>January|February|March|April|May|June|July|"
                              r"August|September|October|November|December)\b(?!\s+\d)", re.I)),
    ("holiday", re.compile(r"\b(?:(?:on|since|by)\s+)?(?P<holiday>Christmas Day|Christmas Eve|New Year['’]s Day|"
                           r"New Year['’]s Eve|Boxing Day|Easter Sunday|Easter Day|Easter Monday|Good Friday|"
                           r"Palm Sunday)\b")),
    ("weekday", re.compile(rf"\b(?:(?:late|early)\s+)?(?:(?:on|since|from|until|by|last|this|next)\s+)?"
                           rf"(?:(?:late|early)\s+)?{_WEEKDAY}{_PART}\b(?!\s+(?:Times|Post|Telegraph|Express|prayers?))")),
    # "after Friday prayers" is that Friday (though "Friday prayers" alone names a rite)
    ("prayers", re.compile(r"\b(?:after|during|before|following)\s+(?P<weekday>Friday)\s+prayers\b")),
    ("relative_days", re.compile(rf"\b{_NUM}\s+(?P<unit>days?|weeks?|nights?|months?|years?)\s+"
                                 r"(?P<dir>earlier|later|before|after|ago)\b",
                                 re.I)),
    ("named_relative", re.compile(
        r"\b(?P<rel>the\s+(?:same|previous|following|next)\s+(?:day|night|morning|evening|week)|"
        r"the\s+day\s+(?:before|after)|the\s+night\s+before|"
        r"(?:late\s+)?(?:yesterday|today|tonight|last\s+night|overnight)|"
        r"(?:early\s+|earlier\s+|late\s+)?this\s+(?:morning|afternoon|evening)|"
        r"(?:earlier|later)\s+(?:this|that|last)\s+(?:week|month|year)|"
        r"(?:this|last|next)\s+(?:week|month|year)|"
        r"(?:this|last|next)\s+(?:weekend)|(?:over|at|during|on)\s+the\s+weekend(?!\s+of\b))\b", re.I)),
    ("year", re.compile(rf"\b(?:in|since|during|of)\s+{_YEAR}\b")),
]

_WEEKDAY_PATTERN = dict(_PATTERNS)["weekday"]

_REPORTING = re.compile(r"\b(?:said|says|told|announced|reported|confirmed|stated|added|claimed|denied|"
                        r"statement|according)\b[^.;:]{0,40}$", re.I)
# ("next" only before a period or a meeting: "a car bomb next to a convoy" plans nothing)
_FUTURE_CUE = re.compile(r"\b(?:will|shall|would|is\s+to|are\s+to|scheduled|planned|plans?\s+to|due\s+to|"
                         r"(?:is|are)\s+due|expected\s+to|set\s+to|to\s+be\s+held|upcoming|"
                         r"next\s+(?:week|month|year|weekend|round|session|meeting|summit|talks))\b", re.I)


@dataclass(frozen=True)
class DateMention:
    """A date expression found in the text.

    ``relation`` says how it was resolved: ``absolute`` (a calendar date), ``weekday``, ``relative``
    (against the previous mention), ``publication`` (against the publication date). ``reporting`` is
    true for the date of a statement ("the army said on Wednesday") rather than of an event.
    ``future`` is true for a date after publication: something planned, not something that happened.
    """

    start: int
    end: int
    text: str
    date_from: date
    date_to: date
    precision: str
    relation: str
    reporting: bool = False
    future: bool = False

    @property
    def is_range(self) -> bool:
        return self.date_from != self.date_to


def find_dates(text: str, *, published: date) -> list[DateMention]:
    """Every date expression in ``text``, in order, resolved against ``published``.

    Parameters
    ----------
    text : str
        The report's text.
    published : date
        The publication date: "on Monday" is the Monday before it (or that day itself).
    """
    raw: list[tuple[int, int, str, re.Match[str]]] = []
    taken = Coverage(len(text))
    starts = _candidate_starts(text)
    for kind, pattern in _PATTERNS:
        for pos in starts[kind]:
            m = pattern.match(text, pos)
            if m is None:
                continue
            s, e = m.span()
            if taken.overlaps(s, e):
                continue
            taken.add(s, e)
            raw.append((s, e, kind, m))
    raw.sort(key=lambda r: r[0])
    mentions: list[DateMention] = []
    for _, _, kind, m in raw:
        # ("The Sumy strike came nine days after ...": counted from the strike's day, not from a statement's)
        compared = kind == "relative_days" and _CAME_AFTER.search(text, max(0, m.start() - 30), m.start())
        previous = next((x for x in reversed(mentions) if not x.future and not (compared and x.reporting)), None)
        if previous is not None and previous.precision in ("month", "year"):
            # "rallied on Saturday over a collapse in November ... A day earlier": a day is counted from the
            # last day told, not from a month named in passing
            previous = next((x for x in reversed(mentions) if not x.future and x.precision == "day"
                             and not (compared and x.reporting)), previous)
        mention = _resolve(kind, m, text, published, previous)
        if mention is not None:
            mentions.append(mention)
    # "Last month, gunmen killed worshippers during Friday prayers": the rite's Friday is not this week's
    mentions = [d for n, d in enumerate(mentions) if not (d.text.endswith("prayers") and any(
        x.end <= d.start and "." not in text[x.end:d.start] for x in mentions[:n]))]
    return _weekdays_of_last_week(text, mentions, published)


def _weekdays_of_last_week(text: str, mentions: list[DateMention], published: date) -> list[DateMention]:
    """"On Thursday last week", "a week ago, on Tuesday": one date, the weekday of the week before."""
    out: list[DateMention] = []
    n = 0
    while n < len(mentions):
        d = mentions[n]
        nxt = mentions[n + 1] if n + 1 < len(mentions) else None
        if nxt is not None and d.relation == "weekday" and nxt.text.lower() == "last week" \
                and text[d.end:nxt.start].strip() == "":
            last_monday = published - timedelta(days=published.weekday() + 7)
            day = last_monday + timedelta(days=d.date_from.weekday())
            out.append(replace(d, end=nxt.end, text=text[d.start:nxt.end], date_from=day, date_to=day))
            n += 2
        elif nxt is not None and d.relation == "publication" and d.text.lower() in ("a week ago", "one week ago") \
                and nxt.relation == "weekday" and _JOINED.fullmatch(text, d.end, nxt.start):
            day = d.date_from - timedelta(days=(d.date_from.weekday() - nxt.date_from.weekday()) % 7)
            out.append(replace(nxt, start=d.start, text=text[d.start:nxt.end], date_from=day, date_to=day))
            n += 2
        else:
            out.append(d)
            n += 1
    return out


_JOINED = re.compile(r",?\s*")


# The words each pattern can start with: the patterns are tried only where one stands, which keeps
# finding dates a single pass over the words instead of eight passes over the characters.
_DIGIT = "<digit>"
_FIRST_WORDS: dict[str, frozenset[str]] = {
    "iso": frozenset({_DIGIT}),
    "part_of_period": frozenset({"over", "during", "in", "on", "at", "the"}),
    "month_day": frozenset({"on", "since", "from", "until", "by", *MONTHS}),
    "day_month": frozenset({"on", "since", "from", "until", "by", "the", _DIGIT}),
    "month_year": frozenset({"in", "since", "during", "until", "early", "mid", "late", *MONTHS}),
    "weekday": frozenset({"late", "early", "on", "since", "from", "until", "by", "last", "this", "next", *WEEKDAYS}),
    "relative_days": frozenset({*NUMBER_WORDS, "a", _DIGIT}),
    "named_relative": frozenset({"the", "late", "yesterday", "today", "tonight", "last", "overnight", "earlier",
                                 "later", "this", "next", "over", "at", "during", "on"}),
    "holiday": frozenset({"on", "since", "by", "christmas", "new", "boxing", "easter", "good", "palm"}),
    "prayers": frozenset({"after", "during", "before", "following"}),
    "month_only": frozenset({"in", "since", "during", "until", "by", "from", "last", "early", "mid", "late"}),
    "year": frozenset({"in", "since", "during", "of"}),
}
_WORD_TOKEN = re.compile(r"\w+")
_KINDS_OF_WORD: dict[str, tuple[str, ...]] = {}  # inverted: a first word -> the patterns it can start
for _kind, _firsts in _FIRST_WORDS.items():
    for _word in _firsts:
        _KINDS_OF_WORD[_word] = (*_KINDS_OF_WORD.get(_word, ()), _kind)


def _candidate_starts(text: str) -> dict[str, list[int]]:
    out: dict[str, list[int]] = {kind: [] for kind, _ in _PATTERNS}
    for w in _WORD_TOKEN.finditer(text):
        word = w.group(0)
        for kind in _KINDS_OF_WORD.get(_DIGIT if word[0].isdigit() else word.lower(), ()):
            out[kind].append(w.start())
    return out


def _future_context(text: str, start: int) -> bool:
    # Only the date's own clause: "Leaders will meet next week, after militants clashed on Monday".
    boundary = max(text.rfind(c, 0, start) for c in ".;,")
    window = text[max(0, boundary + 1, start - 120):start]
    return bool(_FUTURE_CUE.search(window))


def _mention(m: re.Match[str], text: str, d_from: date, d_to: date, precision: str, relation: str,
             published: date) -> DateMention:
    s, e = m.span()
    reporting = bool(_REPORTING.search(text[max(0, s - 60):s]))
    return DateMention(s, e, m.group(0), d_from, d_to, precision, relation, reporting=reporting,
                       future=d_from > published)


def _resolve(kind: str, m: re.Match[str], text: str, published: date,
             previous: DateMention | None) -> DateMention | None:
    g = m.groupdict()
    future_cue = _future_context(text, m.start())
    try:
        if kind == "iso":
            d = date(int(g["year"]), int(g["m"]), int(g["day"]))
            return _mention(m, text, d, d, "day", "absolute", published)
        if kind in ("month_day", "day_month", "holiday"):
            holiday = g["holiday"].lower().replace("’", "'") if kind == "holiday" else None
            if holiday:
                on_day = _holiday(holiday)
            else:
                month, day = MONTHS[g["month"].lower().rstrip(".")], int(g["day"])
                on_day = partial(_calendar_day, month, day)
            if g.get("year"):
                d = on_day(int(g["year"]))
            else:
                d = on_day(published.year)
                if d > published and not future_cue:
                    if holiday in _EASTER_OFFSETS:
                        return None  # a feast still to come this year: a name here ("Palm Sunday processions")
                    d = on_day(published.year - 1)  # "on October 12", "on Christmas Day" in January
            return _mention(m, text, d, d, "day", "absolute", published)
        if kind == "month_year":
            month, year = MONTHS[g["month"].lower().rstrip(".")], int(g["year"])
            last = calendar.monthrange(year, month)[1]
            return _mention(m, text, date(year, month, 1), date(year, month, last), "month", "absolute", published)
        if kind == "month_only":
            month = MONTHS[g["month"].lower()]
            year = published.year if month <= published.month or future_cue else published.year - 1
            first, last = 1, calendar.monthrange(year, month)[1]
            part = re.search(r"\b(early|mid|late)\b", m.group(0), re.I)
            if part:  # "late December": its last third
                first, last = {"early": (1, 10), "mid": (11, 20), "late": (21, last)}[part.group(1).lower()]
            return _mention(m, text, date(year, month, first), date(year, month, last), "month", "absolute",
                            published)
        if kind == "year":
            year = int(g["year"])
            return _mention(m, text, date(year, 1, 1), min(date(year, 12, 31), max(published, date(year, 1, 1))),
                            "year", "absolute", published)
        if kind == "part_of_period":
            return _resolve_part_of_period(m, text, published, future_cue)
        if kind in ("weekday", "prayers"):
            return _resolve_weekday(m, text, published, future_cue)
        if kind == "relative_days":
            return _resolve_relative_days(m, text, published, previous)
        if kind == "named_relative":
            return _resolve_named(m, text, published, previous)
    except (ValueError, KeyError):
        return None  # "February 30" and the like: not a date
    return None


_HOLIDAYS = {"christmas day": (12, 25), "christmas eve": (12, 24), "new year's day": (1, 1),
             "new year's eve": (12, 31), "boxing day": (12, 26)}
#: Holidays that move with (Western) Easter: days from Easter Sunday.
_EASTER_OFFSETS = {"easter sunday": 0, "easter day": 0, "easter monday": 1, "good friday": -2, "palm sunday": -7}


def _holiday(name: str) -> Callable[[int], date]:
    """The day of a named holiday, as a function of the year."""
    if name in _EASTER_OFFSETS:
        return partial(_from_easter, _EASTER_OFFSETS[name])
    return partial(_calendar_day, *_HOLIDAYS[name])


def _calendar_day(month: int, day: int, year: int) -> date:
    return date(year, month, day)


def _from_easter(days: int, year: int) -> date:
    return easter_sunday(year) + timedelta(days=days)


def easter_sunday(year: int) -> date:
    """Western Easter Sunday (the anonymous Gregorian computus, as in Meeus' *Astronomical Algorithms*)."""
    a, b, c = year % 19, year // 100, year % 100
    d, e = divmod(b, 4)
    f = (b + 8) // 25
    g = (b - f + 1) // 3
    h = (19 * a + b - d - g + 15) % 30
    i, k = divmod(c, 4)
    leap = (32 + 2 * e + 2 * i - h - k) % 7
    m = (a + 11 * h + 22 * leap) // 451
    month, day = divmod(h + leap - 7 * m + 114, 31)
    return date(year, month, day + 1)


_ORDINALS = {"first": 1, "second": 2, "third": 3, "fourth": 4, "last": -1, "final": -1}


def _resolve_part_of_period(m: re.Match[str], text: str, published: date, future_cue: bool) -> DateMention | None:
    """"the first weekend of the year", "the last week of March": a week-long (or weekend) range.

    The year, or a month named without its year, is the latest one that began by publication unless the
    clause looks ahead. A week of a month counts from its first day ("the first week" is days 1-7, "the last"
    its last 7); a weekend is a Saturday and the Sunday after it.
    """
    g = m.groupdict()
    period = " ".join((g["period"] or "").lower().split())
    if period.endswith("year"):
        months = (1, 12)
        years = [published.year] if period.startswith("this") else [published.year, published.year - 1]
    elif period.endswith("month"):
        months = (published.month, published.month)
        years = [published.year]
    else:
        month = MONTHS[g["month"].lower().rstrip(".")]
        months = (month, month)
        years = [int(g["year"])] if g["year"] else [published.year, published.year - 1]
    nth = _ORDINALS[g["ord"].lower()]
    for year in years:
        month = months[0] if nth > 0 else months[1]
        first, last = date(year, month, 1), date(year, month, calendar.monthrange(year, month)[1])
        if g["part"].lower() == "week":
            start = first + timedelta(days=7 * (nth - 1)) if nth > 0 else last - timedelta(days=6)
            end = start + timedelta(days=6)
        else:
            saturday = first + timedelta(days=(5 - first.weekday()) % 7)
            if nth < 0:
                saturday = last - timedelta(days=(last.weekday() - 5) % 7)
                saturday -= timedelta(days=7) if saturday + timedelta(days=1) > last else timedelta(0)
            start = saturday + timedelta(days=7 * (nth - 1)) if nth > 0 else saturday
            end = start + timedelta(days=1)
        if start <= published or future_cue or year == years[-1]:
            return _mention(m, text, start, end, "week", "absolute", published)
    return None


_NOT_A_WEEKDAY = ("palm", "easter", "bloody", "black", "good", "holy", "ash", "super", "maundy", "cyber", "orthodox")


def _resolve_weekday(m: re.Match[str], text: str, published: date, future_cue: bool) -> DateMention | None:
    before = text[max(0, m.start() - 12):m.start()].split()
    if before and before[-1].lower() in _NOT_A_WEEKDAY:
        return None  # "Palm Sunday", "Good Friday": a name, not a date
    target = WEEKDAYS[m.group("weekday").lower()]
    phrase = m.group(0).lower()
    back = (published.weekday() - target) % 7
    if "next" in phrase.split() or (future_cue and back != 0):
        d = published + timedelta(days=(target - published.weekday()) % 7 or 7)
    elif "last" in phrase.split() and back == 0:
        d = published - timedelta(days=7)
    else:
        d = published - timedelta(days=back)  # the same weekday as publication is that very day
    return _mention(m, text, d, d, "day", "weekday", published)


def _anchor(previous: DateMention | None, published: date) -> tuple[date, date, str]:
    if previous is None:
        return published, published, "day"
    return previous.date_from, previous.date_to, previous.precision


def _resolve_relative_days(m: re.Match[str], text: str, published: date, previous: DateMention | None) -> DateMention:
    n = NUMBER_WORDS.get(m.group("n").lower()) or int(m.group("n"))
    unit = m.group("unit").lower()
    days = n * {"w": 7, "m": 30, "y": 365}.get(unit[0], 1)
    direction = m.group("dir").lower()
    if direction == "ago":
        d = published - timedelta(days=days)
        precision = "day" if days < 7 else "week" if days < 30 else "month" if days < 365 else "year"
        return _mention(m, text, d, d, precision, "publication", published)
    base, _, precision = _anchor(previous, published)
    forward = direction in ("later", "after")
    appended = direction in ("after", "before") and previous is not None and m.start() - previous.end <= 3 \
        and text[previous.end:m.start()].strip() == ","
    if _CAME_AFTER.search(text, max(0, m.start() - 30), m.start()) or appended:
        # "The Sumy strike came nine days after a missile hit Kryvyi Rih", "looted shops on Friday, a day after
        # riots in Juba": what follows is the earlier one.
        forward = not forward
    d = base + timedelta(days=days if forward else -days)
    # "on Monday, a week after floods": the date of the other event, not of this sentence's
    return _mention(m, text, d, d, precision, "compared" if appended else "relative", published)


_CAME_AFTER = re.compile(r"\b(?:came|comes|happened|occurred|followed|was|took place)\s+(?:just\s+|only\s+)?$", re.I)


def _resolve_named(m: re.Match[str], text: str, published: date, previous: DateMention | None) -> DateMention:
    rel = " ".join(m.group("rel").lower().split())
    pub = published
    monday = pub - timedelta(days=pub.weekday())
    if rel.endswith(("yesterday", "last night")):
        d = pub - timedelta(days=1)
        return _mention(m, text, d, d, "day", "publication", pub)
    if rel.startswith(("the same", "the night before", "the previous", "the following", "the next")) \
            or rel in ("the day before", "the day after"):
        # (before the day parts below: "the previous evening" is the evening before the last date told)
        base_from, base_to, precision = _anchor(previous, pub)
        shift = -1 if ("previous" in rel or "before" in rel) else (1 if ("following" in rel or "next" in rel
                                                                         or "after" in rel) else 0)
        unit = 7 if rel.endswith("week") else 1
        return _mention(m, text, base_from + timedelta(days=shift * unit), base_to + timedelta(days=shift * unit),
                        precision, "relative", pub)
    if rel.endswith(("today", "tonight", "morning", "afternoon", "evening")):  # "this morning('s strike)"
        return _mention(m, text, pub, pub, "day", "publication", pub)
    if rel == "overnight" or rel.endswith("overnight"):
        # The night before the statement's day when the sentence gives one, else before publication.
        anchor = _statement_day(text, m.end(), pub)
        return _mention(m, text, anchor - timedelta(days=1), anchor, "day", "relative", pub)
    if rel in ("this week", "earlier this week", "later this week"):
        return _mention(m, text, monday, pub, "week", "publication", pub)
    if rel in ("last week", "earlier last week"):
        return _mention(m, text, monday - timedelta(days=7), monday - timedelta(days=1), "week", "publication", pub)
    if rel == "next week":
        return _mention(m, text, monday + timedelta(days=7), monday + timedelta(days=13), "week", "publication", pub)
    if rel in ("this weekend", "last weekend") or rel.endswith("the weekend"):
        past = rel.startswith("last") or pub.weekday() < 5
        saturday = monday - timedelta(days=2) if past else monday + timedelta(days=5)
        return _mention(m, text, saturday, saturday + timedelta(days=1), "week", "publication", pub)
    if rel == "next weekend":
        saturday = monday + timedelta(days=5)
        return _mention(m, text, saturday, saturday + timedelta(days=1), "week", "publication", pub)
    if rel.endswith("month"):
        first = pub.replace(day=1)
        if "last" in rel:
            last_end = first - timedelta(days=1)
            return _mention(m, text, last_end.replace(day=1), last_end, "month", "publication", pub)
        if "next" in rel:
            nxt = (first + timedelta(days=32)).replace(day=1)
            return _mention(m, text, nxt, (nxt + timedelta(days=32)).replace(day=1) - timedelta(days=1), "month",
                            "publication", pub)
        return _mention(m, text, first, pub, "month", "publication", pub)
    if rel.endswith("year"):
        if "last" in rel:
            return _mention(m, text, date(pub.year - 1, 1, 1), date(pub.year - 1, 12, 31), "year", "publication", pub)
        if "next" in rel:
            return _mention(m, text, date(pub.year + 1, 1, 1), date(pub.year + 1, 12, 31), "year", "publication", pub)
        return _mention(m, text, date(pub.year, 1, 1), pub, "year", "publication", pub)
    return _mention(m, text, pub, pub, "day", "publication", pub)


def _statement_day(text: str, position: int, published: date) -> date:
    """The day a statement in the rest of the sentence was made: "..., the army said on Wednesday"."""
    end = text.find(".", position)
    rest = text[position:end if end >= 0 else len(text)]
    m = _WEEKDAY_PATTERN.search(rest)
    said = _resolve_weekday(m, rest, published, future_cue=False) if m else None
    return said.date_from if said else published


def lower_precision(mention: DateMention) -> DateMention:
    """The same range, one step less precise: a date a sentence inherits from its paragraph."""
    order = ("day", "week", "month", "year")
    i = min(order.index(mention.precision) + 1, len(order) - 1)
    return replace(mention, precision=order[i], relation="inherited")


def publication_week(published: date) -> tuple[date, date]:
    """The most an undated past event can be pinned to: the week up to publication."""
    return published - timedelta(days=6), published
