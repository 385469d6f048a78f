"""geo.dashboard: filtering, options, tables, the events-per-day counts, uploads and table edits."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pandas as pd
import pytest

from geo import dashboard
from geo.errors import InputError
from geo.filters import EventFilter
from geo.record import EVENT_TYPES, FIELD_NAMES


@pytest.fixture
def events() -> pd.DataFrame:
    return dashboard.prepare_events(pd.DataFrame({
        "event_id": ["a", "b", "c", "d"],
        "event_date": ["2025-10-01", "2025-10-05", "2025-10-10", "2025-10-15"],
        "event_type": ["Battles", "Battles", "Protests", "Riots"],
        "sub_event_type": ["Armed clash", "Government regains territory", "Peaceful protest", "Mob violence"],
        "country_code": ["PK", "AF", "AF", "PK"],
        "origin": ["extracted", "ucdp", "extracted", "acled"],
        "location": ["Kurram", "Kandahar", "Kabul", "Peshawar"],
        "actor1": ["Army", None, "Students", None],
        "sentence": [None, "Taliban retook the district.", None, "A mob burned shops."],
        "latitude": [33.7, 31.6, 34.5, None], "longitude": [70.2, 65.7, 69.2, None],
    }))


def ids(frame: pd.DataFrame) -> list[str]:
    return sorted(frame["event_id"])


def test_prepare_events_adds_every_column_with_usable_dtypes(events):
    assert set(FIELD_NAMES) <= set(events.columns)
    assert str(events["event_date"].dtype) == "datetime64[ns]"
    assert events["fatalities"].dtype == "Int64"
    assert [dashboard.as_word_list(t) for t in events["triggers"]] == [[], [], [], []]
    assert dashboard.empty_events().empty


@pytest.mark.parametrize(("flt", "expected"), [
    (EventFilter(), ["a", "b", "c", "d"]),
    (EventFilter(date_from=date(2025, 10, 5), date_to=date(2025, 10, 10)), ["b", "c"]),
    (EventFilter(event_types=("Battles",)), ["a", "b"]),
    (EventFilter(event_types=("Battles",), sub_event_types=("Armed clash",)), ["a"]),
    (EventFilter(countries=("AF",)), ["b", "c"]),
    (EventFilter(origins=("ucdp", "acled")), ["b", "d"]),
    (EventFilter(text="TALIBAN"), ["b"]),
    (EventFilter(text="army"), ["a"]),
    (EventFilter(text="nowhere"), []),
])
def test_apply_filter_selects_exactly(events, flt, expected):
    assert ids(dashboard.apply_filter(events, flt)) == expected


def test_filter_options_come_from_the_data(events):
    options = dashboard.filter_options(events)
    assert (options.first_day, options.last_day) == (date(2025, 10, 1), date(2025, 10, 15))
    assert options.countries == ("AF", "PK")
    assert options.origins == ("acled", "extracted", "ucdp")


def test_clamp_filter_drops_dates_at_or_beyond_the_data(events):
    options = dashboard.filter_options(events)
    flt = dashboard.clamp_filter(EventFilter(date_from=date(2020, 1, 1), date_to=date(2025, 10, 9)), options)
    assert (flt.date_from, flt.date_to) == (None, date(2025, 10, 9))
    flt = dashboard.clamp_filter(EventFilter(date_from=date(2026, 1, 1)), options)
    assert flt.date_from is None


def test_sub_types_follow_the_chosen_types():
    assert dashboard.sub_types_for(["Riots"]) == ["Violent demonstration", "Mob violence"]
    assert len(dashboard.sub_types_for([])) == 25


def test_every_type_has_a_distinct_colour_and_icon():
    assert set(dashboard.TYPE_STYLES) == set(EVENT_TYPES)
    assert len({s.colour for s in dashboard.TYPE_STYLES.values()}) == 6
    assert len({s.icon for s in dashboard.TYPE_STYLES.values()}) == 6
    assert dashboard.type_markdown("Battles") == ":red[⚔] Battles"


def test_the_theme_gives_each_type_its_map_colour():
    config = (Path(__file__).resolve().parents[1] / ".streamlit" / "config.toml").read_text()
    for style in dashboard.TYPE_STYLES.values():
        assert f'{style.theme_colour}TextColor = "{style.colour}"' in config


def test_table_is_newest_first_and_limited(events):
    table = dashboard.table_frame(events, limit=2)
    assert table["event_id"].tolist() == ["d", "c"]
    assert list(table.columns) == list(dashboard.TABLE_COLUMNS)


def test_events_per_day_counts_by_type_and_widens_long_ranges(events):
    counts = dashboard.events_per_day(events)
    assert counts["events"].sum() == 4
    assert dashboard.period_name(counts) == "day"
    long_range = dashboard.prepare_events(pd.DataFrame({
        "event_date": pd.date_range("2000-01-01", periods=3000, freq="D"), "event_type": "Battles"}))
    monthly = dashboard.events_per_day(long_range)
    assert monthly["events"].sum() == 3000
    assert dashboard.period_name(monthly) == "month"  # 3000 days is more than 400 weeks


@pytest.mark.parametrize(("name", "data", "message"), [
    ("empty.txt", b"  \n", "is empty"),
    ("big.txt", b"a" * 2_000_001, "2 MB"),
    ("scan.txt", b"%PDF-1.4\x00\x00binary", "binary"),
    ("blank.html", b"<html><script>x()</script></html>", "no readable text"),
])
def test_uploads_that_cannot_be_read_say_why(name, data, message):
    with pytest.raises(InputError, match=message):
        dashboard.report_from_upload(name, data, published=date(2025, 10, 28))


def test_uploads_are_decoded_and_their_headers_read():
    today = date(2025, 10, 28)
    assert dashboard.report_from_upload("latin.txt", "Café bombing".encode("cp1252"), published=today).text \
        == "Café bombing"  # Windows-1252 is read, not refused
    assert dashboard.report_from_upload("a.txt", "\ufeffKabul".encode(), published=today).text == "Kabul"
    assert dashboard.report_from_upload("a.md", "Kabul".encode("utf-16"), published=today).text == "Kabul"
    report = dashboard.report_from_upload(
        "b.txt", b"Title: Clashes\nPublished: 2025-10-12\nURL: https://example.org/x\n\nFighting in Kurram.",
        published=today)
    assert (report.title, report.published, report.url, report.text) == (
        "Clashes", date(2025, 10, 12), "https://example.org/x", "Fighting in Kurram.")
    page = dashboard.report_from_upload(
        "c.html", b"<h1>Title</h1><p>First <b>para</b>.</p><style>p{}</style><p>Second.</p>", published=today)
    assert page.text == "Title\n\nFirst para.\n\nSecond."
    assert page.published == today


def test_editor_edits_become_corrections(events):
    table = dashboard.table_frame(events)  # d, c, b, a
    state = {"edited_rows": {0: {"fatalities": 4, "actor1": "ignored"}, 1: {"event_date": "2025-10-11"},
                             2: {"event_type": "Battles"}, 3: {"location": "Kurram Agency"}},
             "deleted_rows": [3], "added_rows": []}
    edits = dashboard.editor_edits(table, state)
    assert edits.changes == {"d": {"fatalities": 4}, "c": {"event_date": "2025-10-11"}}
    assert edits.deletions == ("a",)
    assert not dashboard.editor_edits(table, {})
