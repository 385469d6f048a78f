"""geo.dates: date expressions resolved against the publication date, with their precision.

Most cases are read as published on Thursday 13 March 2025; the weekday arithmetic is spelled out
beside each expectation.
"""

from __future__ import annotations

from datetime import date

import pytest

from geo.dates import DateMention, easter_sunday, find_dates, lower_precision, publication_week

THURSDAY = date(2025, 3, 13)


def _only(text: str, published: date = THURSDAY) -> DateMention:
    found = find_dates(text, published=published)
    assert len(found) == 1, [m.text for m in found]
    return found[0]


def _spans(text: str, published: date = THURSDAY) -> list[tuple[str, str, str, str]]:
    return [(m.text, m.date_from.isoformat(), m.date_to.isoformat(), m.precision)
            for m in find_dates(text, published=published)]


# -- weekdays ------------------------------------------------------------------------------------
@pytest.mark.parametrize(("text", "expected"), [
    ("Rebels attacked the base on Monday.", date(2025, 3, 10)),
    ("The convoy was hit on Wednesday.", date(2025, 3, 12)),
    ("Protesters gathered on Thursday.", THURSDAY),  # the publication's own weekday is that very day
    ("The talks collapsed on Friday.", date(2025, 3, 7)),
    ("Shelling resumed late on Friday.", date(2025, 3, 7)),
    ("Fighting broke out early on Saturday.", date(2025, 3, 8)),
    ("Troops withdrew on Sunday night.", date(2025, 3, 9)),
    ("The town fell last Thursday.", date(2025, 3, 6)),  # "last" + today's weekday: a week ago
])
def test_weekday_is_the_last_one_up_to_publication(text, expected):
    found = _only(text)
    assert (found.date_from, found.date_to, found.precision, found.relation) == (expected, expected, "day", "weekday")
    assert not found.future


def test_late_on_friday_keeps_its_words():
    assert _only("Shelling resumed late on Friday.").text == "late on Friday"


@pytest.mark.parametrize(("text", "expected"), [
    ("The envoys will meet again on Monday.", date(2025, 3, 17)),
    ("Talks are scheduled to resume on Friday.", date(2025, 3, 14)),
    ("The ministers meet next Tuesday.", date(2025, 3, 18)),
    ("The envoy is due in Ankara on Monday for talks.", date(2025, 3, 17)),
])
def test_weekday_announced_for_later_is_future(text, expected):
    found = _only(text)
    assert found.date_from == expected
    assert found.future


def test_next_to_something_plans_nothing():
    found = _only("A car bomb went off next to a bus late on Tuesday.")
    assert (found.date_from, found.future) == (date(2025, 3, 11), False)


# Read in March 2025, before that year's Easter: the feasts are names here, not last year's dates.
@pytest.mark.parametrize("text", [
    "Worshippers gathered on Palm Sunday.",
    "Pilgrims walked on Good Friday.",
    "Markets were busy before Easter Sunday.",
])
def test_named_days_are_not_dates(text):
    assert find_dates(text, published=THURSDAY) == []


def test_a_newspaper_named_for_a_weekday_is_not_a_date():
    assert find_dates("The Sunday Times reported the clashes.", published=THURSDAY) == []


# -- overnight ---------------------------------------------------------------------------------------
def test_overnight_is_the_night_before_publication():
    found = _only("Drones hit a fuel depot overnight.")
    assert (found.date_from, found.date_to, found.precision) == (date(2025, 3, 12), THURSDAY, "day")


def test_overnight_is_the_night_before_the_statement_day():
    found = find_dates("Drones hit a fuel depot overnight, the governor said on Tuesday.", published=THURSDAY)
    overnight, said = found
    assert said.text == "on Tuesday"
    assert said.reporting
    assert (overnight.date_from, overnight.date_to) == (date(2025, 3, 10), date(2025, 3, 11))


# -- calendar dates -------------------------------------------------------------------------------
@pytest.mark.parametrize(("text", "expected_text", "expected"), [
    ("Clashes erupted on March 2.", "on March 2", date(2025, 3, 2)),
    ("Clashes erupted on 2 March 2025.", "on 2 March 2025", date(2025, 3, 2)),
    ("Clashes erupted on Mar. 2.", "on Mar. 2", date(2025, 3, 2)),
    ("Clashes erupted on Feb. 27.", "on Feb. 27", date(2025, 2, 27)),
    ("Clashes erupted on the 4th of March.", "on the 4th of March", date(2025, 3, 4)),
    ("Clashes erupted on March 2nd.", "on March 2nd", date(2025, 3, 2)),
    ("Clashes erupted on Sept. 30, 2024.", "on Sept. 30, 2024", date(2024, 9, 30)),
    ("The strike came on 2025-03-02.", "2025-03-02", date(2025, 3, 2)),
])
def test_calendar_dates(text, expected_text, expected):
    found = _only(text)
    assert (found.text, found.date_from, found.date_to, found.precision, found.relation) == \
        (expected_text, expected, expected, "day", "absolute")


def test_a_january_report_about_december_means_last_year():
    found = _only("Gunmen raided a village on December 15.", published=date(2026, 1, 4))
    assert found.date_from == date(2025, 12, 15)
    assert not found.future


def test_a_past_event_never_gets_a_date_after_publication():
    found = _only("Rebels attacked the garrison on March 20.")
    assert found.date_from == date(2024, 3, 20)
    assert not found.future


def test_a_meeting_announced_for_a_later_date_is_future():
    found = _only("The delegations will meet again in Muscat on March 20.")
    assert found.date_from == date(2025, 3, 20)
    assert found.future


@pytest.mark.parametrize("text", ["It happened on February 30.", "Scores rose by 12 percent."])
def test_impossible_or_numeric_phrases_are_not_dates(text):
    assert find_dates(text, published=THURSDAY) == []


# -- relative expressions -------------------------------------------------------------------------
def test_a_day_earlier_counts_back_from_the_date_before_it():
    text = "Militants stormed the post on Sunday. A day earlier, troops had shelled the ridge."
    assert _spans(text) == [("on Sunday", "2025-03-09", "2025-03-09", "day"),
                            ("A day earlier", "2025-03-08", "2025-03-08", "day")]


def test_two_days_later_counts_on_from_the_date_before_it():
    text = "Militants stormed the post on Sunday. Two days later, troops retook it."
    assert _spans(text)[1] == ("Two days later", "2025-03-11", "2025-03-11", "day")


def test_the_following_day_counts_on_from_the_date_before_it():
    text = "Talks opened on March 3 and ended the following day."
    assert _spans(text)[1] == ("the following day", "2025-03-04", "2025-03-04", "day")


@pytest.mark.parametrize(("text", "expected"), [
    ("Troops moved in yesterday.", ("yesterday", "2025-03-12", "2025-03-12", "day")),
    ("Troops moved in today.", ("today", "2025-03-13", "2025-03-13", "day")),
    ("Militants struck three days ago.", ("three days ago", "2025-03-10", "2025-03-10", "day")),
    ("Militants struck two weeks ago.", ("two weeks ago", "2025-02-27", "2025-02-27", "week")),
    ("Protests spread earlier this week.", ("earlier this week", "2025-03-10", "2025-03-13", "week")),
    ("Protests spread last week.", ("last week", "2025-03-03", "2025-03-09", "week")),
    ("Protests spread last month.", ("last month", "2025-02-01", "2025-02-28", "month")),
    ("Protests spread this month.", ("this month", "2025-03-01", "2025-03-13", "month")),
    ("Protests spread last year.", ("last year", "2024-01-01", "2024-12-31", "year")),
])
def test_relative_to_publication(text, expected):
    assert _spans(text) == [expected]


def test_next_week_is_future():
    found = _only("Talks resume next week.")
    assert (found.date_from, found.date_to, found.precision) == (date(2025, 3, 17), date(2025, 3, 23), "week")
    assert found.future


# -- months and years -------------------------------------------------------------------------
@pytest.mark.parametrize(("text", "expected"), [
    ("Fighting flared in February 2025.", ("in February 2025", "2025-02-01", "2025-02-28", "month")),
    ("Fighting flared in late January 2024.", ("in late January 2024", "2024-01-01", "2024-01-31", "month")),
    ("The insurgency began in 2019.", ("in 2019", "2019-01-01", "2019-12-31", "year")),
])
def test_months_and_years(text, expected):
    assert _spans(text) == [expected]


def test_the_current_year_ends_at_publication():
    assert _spans("Attacks rose in 2025.") == [("in 2025", "2025-01-01", "2025-03-13", "year")]


# -- statements ---------------------------------------------------------------------------------
def test_a_statements_date_is_marked_reporting():
    found = find_dates("Jets struck the depot on Monday, the army said on Wednesday.", published=THURSDAY)
    assert [(m.text, m.reporting) for m in found] == [("on Monday", False), ("on Wednesday", True)]


def test_a_future_cue_in_another_clause_does_not_move_a_past_weekday():
    found = find_dates("Leaders will meet next week, after militants clashed with troops in the hills on Monday.",
                       published=THURSDAY)
    monday = next(m for m in found if m.text == "on Monday")
    assert monday.date_from == date(2025, 3, 10)
    assert not monday.future


# -- helpers ----------------------------------------------------------------------------------
def test_lower_precision_steps_down_once_and_stops_at_year():
    day = _only("Troops moved in yesterday.")
    week = lower_precision(day)
    assert (week.precision, week.relation, week.date_from) == ("week", "inherited", day.date_from)
    assert lower_precision(lower_precision(week)).precision == "year"
    assert lower_precision(lower_precision(lower_precision(week))).precision == "year"


def test_publication_week_is_the_seven_days_up_to_publication():
    assert publication_week(THURSDAY) == (date(2025, 3, 7), THURSDAY)


def test_mentions_come_in_text_order_with_offsets():
    text = "Rebels advanced on Monday; on March 2 they had withdrawn; last month talks failed."
    found = find_dates(text, published=THURSDAY)
    assert [m.text for m in found] == ["on Monday", "on March 2", "last month"]
    assert all(text[m.start:m.end] == m.text for m in found)


@pytest.mark.parametrize(("text", "expected"), [
    ("Over the weekend, troops retook two villages.", [("Over the weekend", "2025-03-08", "2025-03-09", "week")]),
    ("Clashes flared at the weekend.", [("at the weekend", "2025-03-08", "2025-03-09", "week")]),
    # "the weekend of March 1" is that date's, not the last weekend's
    ("On the weekend of March 1 gunmen struck.", [("March 1", "2025-03-01", "2025-03-01", "day")]),
])
def test_the_weekend_is_the_last_one_before_publication(text, expected):
    assert _spans(text) == expected


def test_a_day_after_something_told_after_a_date_is_the_day_before_it():
    assert _spans("Crowds looted shops on Friday, a day after riots in Juba.") == [
        ("on Friday", "2025-03-07", "2025-03-07", "day"), ("a day after", "2025-03-06", "2025-03-06", "day")]


def test_christmas_day_in_a_january_report_is_last_year_s():
    assert _spans("Inmates escaped on Christmas Day.", published=date(2025, 1, 2)) == [
        ("on Christmas Day", "2024-12-25", "2024-12-25", "day")]


@pytest.mark.parametrize(("year", "easter"), [(2019, "2019-04-21"), (2024, "2024-03-31"), (2025, "2025-04-20"),
                                              (2000, "2000-04-23"), (2038, "2038-04-25")])
def test_easter_sunday_follows_the_gregorian_computus(year, easter):
    assert easter_sunday(year).isoformat() == easter


@pytest.mark.parametrize(("text", "published", "expected"), [
    ("Bombers struck two churches on Easter Sunday.", date(2019, 4, 22), ("on Easter Sunday", "2019-04-21")),
    ("Gunmen raided a church on Good Friday.", date(2024, 4, 2), ("on Good Friday", "2024-03-29")),
    ("Crowds gathered for Palm Sunday.", date(2025, 4, 14), ("Palm Sunday", "2025-04-13")),
])
def test_easter_and_its_feasts_are_dates(text, published, expected):
    assert [(m.text, m.date_from.isoformat()) for m in find_dates(text, published=published)] == [expected]


@pytest.mark.parametrize("text", ["The toll from this morning's strike rose to 12.",
                                  "Shelling hit the port early this afternoon.", "Sirens sounded this evening."])
def test_this_morning_is_the_day_of_publication(text):
    (found,) = _spans(text)
    assert found[1:] == ("2025-03-13", "2025-03-13", "day")


@pytest.mark.parametrize(("text", "published", "expected"), [
    # a week of a month counts from its first day, the last from its end; a weekend is Saturday and Sunday
    ("Raids in the last week of March killed 40.", date(2024, 4, 10), ("2024-03-25", "2024-03-31")),
    ("Raids in the second week of this month.", date(2024, 8, 20), ("2024-08-08", "2024-08-14")),
    ("Riots during the first weekend of the year.", date(2022, 1, 20), ("2022-01-01", "2022-01-02")),
    ("Clashes on the last weekend of June 2024.", date(2024, 8, 1), ("2024-06-29", "2024-06-30")),
    ("Clashes on the last weekend of August.", date(2024, 9, 3), ("2024-08-24", "2024-08-25")),  # the 31st: Saturday
    # a month named without its year is the last one before publication
    ("Raids in the last week of March killed 40.", date(2024, 2, 10), ("2023-03-25", "2023-03-31")),
])
def test_a_week_or_weekend_of_a_period_is_a_week_long_range(text, published, expected):
    (found,) = find_dates(text, published=published)
    assert (found.date_from.isoformat(), found.date_to.isoformat(), found.precision) == (*expected, "week")


@pytest.mark.parametrize(("text", "expected"), [
    # read as published on Thursday 13 March 2025: last week ran from Monday 3 to Sunday 9 March
    ("On Tuesday last week, a drone hit the depot.", [("Tuesday last week", "2025-03-04")]),
    ("A week ago, on Thursday, a drone hit the depot.", [("A week ago, on Thursday", "2025-03-06")]),
])
def test_a_weekday_of_last_week_is_one_date(text, expected):
    assert [(m.text, m.date_from.isoformat()) for m in find_dates(text, published=THURSDAY)] == expected


def test_a_day_after_another_event_dates_that_event():
    found = find_dates("Crowds rallied on Tuesday, a day after the storm hit the coast.", published=THURSDAY)
    assert [(m.text, m.date_from.isoformat(), m.relation) for m in found] == \
        [("on Tuesday", "2025-03-11", "weekday"), ("a day after", "2025-03-10", "compared")]


@pytest.mark.parametrize(("text", "expected"), [
    # a month with no year is its last one up to publication (Thursday 13 March 2025) ...
    ("In February, gunmen raided the mine.", ("In February", "2025-02-01", "2025-02-28")),
    ("In July, gunmen raided the mine.", ("In July", "2024-07-01", "2024-07-31")),
    # ... its part, a third of it
    ("The siege began in late January.", ("in late January", "2025-01-21", "2025-01-31")),
    ("Talks broke down in mid-February.", ("in mid-February", "2025-02-11", "2025-02-20")),
])
def test_a_month_without_a_year(text, expected):
    found = _only(text)
    assert (found.text, found.date_from.isoformat(), found.date_to.isoformat(), found.precision) == (*expected, "month")


def test_may_the_verb_is_no_month():
    assert find_dates("Troops may withdraw soon.", published=THURSDAY) == []


def test_friday_prayers_date_a_friday_only_when_nothing_else_does():
    assert _spans("Gunmen struck the mosque after Friday prayers.") == \
        [("after Friday prayers", "2025-03-07", "2025-03-07", "day")]
    assert [m.text for m in find_dates("Last month, gunmen struck during Friday prayers.", published=THURSDAY)] == \
        ["Last month"]


def test_the_previous_evening_is_the_evening_before_the_last_date_told():
    # Tuesday 11 March; the evening before it is Monday 10 March, not the publication day
    spans = _spans("Police said on Tuesday that a bomb had gone off the previous evening.")
    assert spans[-1] == ("the previous evening", "2025-03-10", "2025-03-10", "day")


def test_a_day_is_counted_from_the_last_day_told_not_a_month_named_in_passing():
    # Tuesday 11 March; "in November" is the collapse the rally is about; a day before Tuesday is Monday 10 March
    spans = _spans("Crowds rallied on Tuesday over a collapse in November. A day earlier, students blocked a bridge.")
    assert spans[-1] == ("A day earlier", "2025-03-10", "2025-03-10", "day")


def test_what_came_days_after_counts_from_the_event_not_a_statement():
    # Sunday 9 March; nine days before it is Friday 28 February (not nine before Tuesday's statement)
    spans = _spans("A missile struck the city on Sunday. Officials said on Tuesday it was deliberate. "
                   "The strike came nine days after a drone hit a market.")
    assert spans[-1] == ("nine days after", "2025-02-28", "2025-02-28", "day")
