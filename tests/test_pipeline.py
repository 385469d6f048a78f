"""geo.pipeline: a report in, events and places out (the JSON shape the CLI prints), ids, and bad input."""

from __future__ import annotations

import json
from datetime import date

import pytest

from geo.errors import InputError
from geo.pipeline import MAX_TEXT_CHARS, Report, check_text, fold_name, read_report, text_hash

PUBLISHED = date(2025, 3, 13)
REPORT = ("KABUL: Pakistani jets struck hideouts in Kunar on Monday, killing 12 militants, officials said.\n"
          "Protesters rallied in Lahore on Tuesday.")
PLACE_KEYS = {"name", "start", "end", "role", "latitude", "longitude", "country_code"}
EVENT_KEYS = {"event_id", "event_date", "date_end", "date_precision", "event_type", "sub_event_type", "actor1",
              "actor2", "fatalities", "location", "country_code", "admin1", "admin2", "latitude", "longitude",
              "geo_precision", "source_id", "source_title", "source_url", "published", "sentence", "start", "end",
              "sources", "triggers"}


@pytest.fixture(scope="module")
def reading(gazetteer):
    return read_report(Report(text=REPORT, published=PUBLISHED, title="Strikes", url="https://example.org/a"),
                       gazetteer=gazetteer)


def test_reading_as_dict_has_the_issues_json_shape(reading):
    data = json.loads(json.dumps(reading.as_dict()))
    assert set(data) == {"events", "places"}
    assert all(set(e) >= EVENT_KEYS for e in data["events"])
    assert all(set(p) >= PLACE_KEYS for p in data["places"])


def test_reading_finds_the_events_and_places(reading):
    assert [(e.event_date, e.sub_event_type, e.location, e.country_code, e.fatalities) for e in reading.events] == [
        ("2025-03-10", "Air/drone strike", "Kunar", "AF", 12),
        ("2025-03-11", "Peaceful protest", "Lahore", "PK", None),
    ]
    assert [(p.name, p.role, p.country_code) for p in reading.places] == [
        ("KABUL", "dateline", "AF"), ("Pakistani", "other", "PK"), ("Kunar", "event", "AF"),
        ("Lahore", "event", "PK")]


def test_offsets_are_valid_for_every_event_and_place(reading):
    for e in reading.events:
        assert REPORT[e.start:e.end] == e.sentence
        assert REPORT[e.place_start:e.place_end] == e.location
    for p in reading.places:
        assert REPORT[p.start:p.end] == p.name
        assert (p.latitude is None) == (p.longitude is None)


def test_report_fields_are_on_every_event(reading):
    for e in reading.events:
        assert (e.source_title, e.source_url, e.published, e.source_id) == (
            "Strikes", "https://example.org/a", "2025-03-13", text_hash(REPORT))


def test_report_id_is_the_given_id_or_a_hash_of_the_text():
    assert Report(text="a b", published=PUBLISHED, source_id="r-1").id == "r-1"
    assert Report(text="Clashes  in\nGoma.", published=PUBLISHED).id == \
        Report(text="Clashes in Goma.", published=PUBLISHED).id  # whitespace does not change the id
    assert Report(text="Clashes in Goma.", published=PUBLISHED).id != Report(text="Clashes in Beni.",
                                                                           published=PUBLISHED).id
    assert len(text_hash("x")) == 16


@pytest.mark.parametrize(("name", "folded"), [
    ("North Wazīristān District", "North Waziristan"),
    ("Paktīkā Province", "Paktika"),
    ("Kharkivs’ka Oblast", "Kharkivs’ka"),
    ("Goma", "Goma"),
])
def test_fold_name(name, folded):
    assert fold_name(name) == folded


# -- bad input ---------------------------------------------------------------------------------------
@pytest.mark.parametrize(("value", "message"), [
    (b"Clashes in Goma", "bytes, not text"),
    (None, "must be text"),
    (42, "must be text"),
    ("Clashes\x00in Goma", "looks binary"),
    ("x" * (MAX_TEXT_CHARS + 1), "the limit is"),
])
def test_check_text_refuses_with_a_message(value, message):
    with pytest.raises(InputError, match=message):
        check_text(value)


@pytest.mark.timeout(60)
@pytest.mark.parametrize("text", [
    "",
    "   \n\n\t ",
    "اندلعت اشتباكات عنيفة في المدينة يوم الاثنين وقتل اثنا عشر جنديا.",
    "周一，该市爆发激烈冲突，造成十二名士兵死亡。",
    "Привет, мир. Это не новости.",
    "".join(chr(c) for c in range(1, 32)) * 20,
    "\ufeff\u200b\u202e",
])
def test_text_without_english_reports_reads_as_nothing(gazetteer, text):
    reading = read_report(Report(text=text, published=PUBLISHED), gazetteer=gazetteer)
    assert reading.events == []
    assert reading.places == []


@pytest.mark.timeout(60)
def test_a_french_report_gives_its_places_and_no_made_up_events(gazetteer):
    text = "Des affrontements ont éclaté à Goma lundi, selon l'armée."
    reading = read_report(Report(text=text, published=PUBLISHED), gazetteer=gazetteer)
    assert reading.events == []
    assert ("Goma", "CD") in [(p.name, p.country_code) for p in reading.places]


@pytest.mark.timeout(60)
@pytest.mark.parametrize("value", ["Clashes\x00in Goma", "x" * (5 * 1024 * 1024)])
def test_binary_and_oversized_text_are_refused(gazetteer, value):
    with pytest.raises(InputError):
        read_report(Report(text=value, published=PUBLISHED), gazetteer=gazetteer)


@pytest.mark.timeout(60)
def test_html_given_as_text_is_read_as_its_visible_text(gazetteer):
    html = ("<html><head><script>var headline = 'Clashes erupted in Kabul on Monday.';</script></head>"
            "<body><p>Rebels attacked a checkpoint in <b>Beni</b> on Monday.</p></body></html>")
    reading = read_report(Report(text=html, published=PUBLISHED), gazetteer=gazetteer)
    assert [(e.location, e.event_date) for e in reading.events] == [("Beni", "2025-03-10")]


def _big_report(size: int, *, paragraphs: bool) -> str:
    if paragraphs:
        chunk = ("Rebels attacked a checkpoint in Beni on Monday, killing three soldiers. "
                 "Protesters rallied in Kinshasa on Tuesday, and police fired tear gas.\n")
    else:
        chunk = "KINSHASA: Rebels attacked a checkpoint in Beni on Monday. Protesters rallied in Kinshasa. "
    return (chunk * (size // len(chunk) + 1))[:size]


@pytest.mark.slow
@pytest.mark.timeout(60)
def test_a_5_mb_text_is_a_clear_error_or_a_result_within_a_minute(gazetteer):
    text = _big_report(5_000_000, paragraphs=True)
    reading, error = None, ""
    try:
        reading = read_report(Report(text=text, published=PUBLISHED), gazetteer=gazetteer)
    except InputError as exc:
        error = str(exc)
    if reading is None:
        assert "split it" in error
    else:
        assert {e.location for e in reading.events} == {"Beni", "Kinshasa"}


@pytest.mark.slow
@pytest.mark.timeout(60)
@pytest.mark.parametrize("paragraphs", [True, False], ids=["many paragraphs", "one paragraph"])
def test_a_text_just_under_the_limit_is_read_within_a_minute(gazetteer, paragraphs):
    text = _big_report(MAX_TEXT_CHARS - 1000, paragraphs=paragraphs)
    reading = read_report(Report(text=text, published=PUBLISHED), gazetteer=gazetteer)
    assert {e.location for e in reading.events} == {"Beni", "Kinshasa"}
