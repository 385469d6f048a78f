"""The dashboard's pages through Streamlit's AppTest: they run, filter exactly, restore the URL, lock editing."""

from __future__ import annotations

from datetime import date

import pytest
from streamlit.testing.v1 import AppTest

from geo.store import EventStore
from tests.app.conftest import FIXTURE_EVENTS, new_app

PAGES = ("map", "events", "add_reports", "data")
ALL_IDS = {e.event_id for e in FIXTURE_EVENTS}


def table_ids(app: AppTest) -> set[str]:
    """The event ids in the map page's table."""
    return set(app.dataframe[0].value["event_id"])


def assert_clean(app: AppTest) -> None:
    assert not app.exception, [e.value for e in app.exception]
    assert not app.error, [e.value for e in app.error]


# --- every page ----------------------------------------------------------------------------------

def _reader_ready() -> bool:
    from datetime import date as day

    from geo.pipeline import Report, read_report
    try:
        read_report(Report(text="Clashes in Kabul on Monday killed two.", published=day(2025, 10, 28)))
    except NotImplementedError:
        return False
    return True


@pytest.mark.slow
def test_a_fresh_store_gets_the_sample_reports_and_every_page_runs(app_env):
    if not _reader_ready():
        pytest.skip("geo.pipeline.read_report has not landed yet: the sample reports cannot be read")
    app = new_app()
    app.run()
    assert_clean(app)
    store = EventStore(f"sqlite:///{app_env}")
    assert not store.is_empty(), "the sample reports were not ingested into the empty store"
    assert len(app.dataframe[0].value) == len(store.events())
    for page in PAGES[1:]:
        app.switch_page(f"app_pages/{page}.py").run()
        assert_clean(app)


@pytest.mark.parametrize("page", PAGES)
def test_every_page_runs_on_a_store_with_events(seeded_store, page):
    app = new_app(page)
    app.run()
    assert_clean(app)
    assert app.title[0].value == {"map": "Map", "events": "Events", "add_reports": "Add reports",
                                  "data": "Data"}[page]


# --- filters -----------------------------------------------------------------------------------------

def test_the_date_slider_and_the_type_filter_select_exactly_the_matching_rows(seeded_store):
    app = new_app()
    app.run()
    assert table_ids(app) == ALL_IDS
    assert app.slider(key="f_dates").value == (date(2025, 10, 1), date(2025, 10, 25))

    app.slider(key="f_dates").set_value((date(2025, 10, 4), date(2025, 10, 16))).run()
    assert_clean(app)
    assert table_ids(app) == {"e2-strike", "e3-protest", "e4-riot"}

    app.checkbox(key="f_type_protests").uncheck().run()
    assert table_ids(app) == {"e2-strike", "e4-riot"}
    assert app.query_params["from"] == "2025-10-04"
    assert app.query_params["to"] == "2025-10-16"
    assert set(app.query_params["event_types"]) == {
        "Battles", "Explosions/Remote violence", "Violence against civilians", "Riots", "Strategic developments"}


def test_countries_origin_and_text_search_filter_the_table(seeded_store):
    app = new_app()
    app.run()
    app.multiselect(key="f_countries").select("AF").run()
    assert table_ids(app) == {"e2-strike", "e3-protest"}
    app.multiselect(key="f_countries").unselect("AF").run()
    app.multiselect(key="f_origins").select("acled").run()
    assert table_ids(app) == {"e3-protest", "e4-riot", "e6-ceasefire"}
    app.text_input(key="f_text").input("peshawar").run()
    assert table_ids(app) == {"e4-riot"}


def test_unticking_every_type_shows_nothing_and_says_why(seeded_store):
    app = new_app()
    app.run()
    for key in [c.key for c in app.sidebar.checkbox if c.key and c.key.startswith("f_type_")]:
        app.checkbox(key=key).uncheck()
    app.run()
    assert table_ids(app) == set()
    assert any("No event type" in w.value for w in app.sidebar.warning)


def test_query_params_restore_the_filters_on_any_page(seeded_store):
    app = new_app()
    app.query_params.update({"from": "2025-10-04", "to": "2025-10-21",
                             "event_types": ["Riots", "Violence against civilians"], "countries": "PK"})
    app.run()
    assert_clean(app)
    assert app.slider(key="f_dates").value == (date(2025, 10, 4), date(2025, 10, 21))
    assert app.checkbox(key="f_type_riots").value is True
    assert app.checkbox(key="f_type_battles").value is False
    assert app.multiselect(key="f_countries").value == ["PK"]
    assert table_ids(app) == {"e4-riot", "e5-attack"}

    app.switch_page("app_pages/events.py").run()
    assert_clean(app)
    assert app.query_params["event_types"] == ["Violence against civilians", "Riots"]
    assert "**2** of 6 events" in app.markdown[0].value


def test_a_link_with_a_text_search_opens_with_that_search(seeded_store):
    app = new_app()
    app.query_params["q"] = "kabul"
    app.run()
    assert app.text_input(key="f_text").value == "kabul"
    assert table_ids(app) == {"e3-protest"}


def test_a_stale_link_with_bad_values_still_opens(seeded_store):
    app = new_app()
    app.query_params.update({"from": "not-a-date", "to": "2031-01-01", "event_types": "Volcanoes", "countries": "ZZ"})
    app.run()
    assert_clean(app)
    assert table_ids(app) == set()  # ZZ is a well-formed code with no events: nothing matches, nothing breaks
    app.multiselect(key="f_countries").unselect("ZZ").run()
    assert table_ids(app) == ALL_IDS


def test_a_store_that_cannot_be_opened_is_explained_not_traced(app_env, monkeypatch):
    monkeypatch.setenv("CONFLICT_MAP_DB", "nosuchdatabase://somewhere/events")
    app = new_app()
    app.run()
    assert not app.exception
    assert "event store cannot be opened" in app.error[0].value


def test_the_store_url_can_come_from_the_secrets(app_env, tmp_path):
    db = tmp_path / "from-secrets.sqlite"
    EventStore(f"sqlite:///{db}").import_events(list(FIXTURE_EVENTS[:2]), dataset="fixtures", file_name="f.csv")
    app = new_app()
    app.secrets["connections"] = {"sql": {"url": f"sqlite:///{db}"}}
    app.run()
    assert_clean(app)
    assert table_ids(app) == {"e1-battle", "e2-strike"}


def test_a_marker_click_puts_that_event_first_in_the_table(seeded_store):
    """st_folium hands back the clicked marker's popup text, which ends with the event's id."""
    app = new_app()
    app.run()
    assert app.dataframe[0].value["event_id"].iloc[0] == "e6-ceasefire"  # newest first
    app.session_state["event_map"] = {"last_object_clicked_popup": "⚑ Protests · Kabul ... Event e3-protest"}
    app.run()
    assert_clean(app)
    assert app.dataframe[0].value["event_id"].iloc[0] == "e3-protest"
    assert table_ids(app) == ALL_IDS


# --- shared deployments ------------------------------------------------------------------------------

@pytest.mark.parametrize(("page", "editing_widget"), [
    ("add_reports", "paste_text"), ("data", "import_file"), ("events", None),
])
def test_with_an_editor_password_editing_is_hidden_until_it_is_entered(seeded_store, page, editing_widget):
    app = new_app(page)
    app.secrets["editor_password"] = "s3cret"
    app.run()
    assert_clean(app)
    assert any("locked" in i.value for i in app.info)
    save_buttons = [b for b in app.button if b.label.startswith("Save")]
    assert not save_buttons
    if editing_widget == "paste_text":
        assert not [t for t in app.text_area if t.key == "paste_text"]

    app.text_input(key="editor_password_input").input("wrong").run()
    assert any("not the editor password" in e.value for e in app.error)
    app.text_input(key="editor_password_input").input("s3cret").run()
    assert_clean(app)
    assert not any("locked" in i.value for i in app.info)
    if editing_widget == "paste_text":
        assert [t for t in app.text_area if t.key == "paste_text"]
    if page == "events":
        assert [b for b in app.button if b.label.startswith("Save")]


def test_without_a_password_everything_is_open(seeded_store):
    app = new_app("events")
    app.run()
    assert not any("locked" in i.value for i in app.info)
    assert not [t for t in app.sidebar.text_input if t.key == "editor_password_input"]


# --- adding a report ---------------------------------------------------------------------------------

@pytest.mark.slow
def test_a_pasted_report_is_previewed_then_saved_to_the_store(seeded_store, app_env):
    if not _reader_ready():
        pytest.skip("geo.pipeline.read_report has not landed yet")
    app = new_app("add_reports")
    app.run()
    text = ("KABUL: Clashes between Taliban forces and armed men in Herat on Monday killed four people, "
            "officials said.")
    app.text_area(key="paste_text").input(text)
    app.date_input(key="paste_published").set_value(date(2025, 10, 28))
    app.text_input(key="paste_title").input("Herat <b>clashes</b>").run()
    assert_clean(app)
    save = next(b for b in app.button if b.label.startswith("Save"))
    before = len(seeded_store.events())
    save.click().run()
    assert_clean(app)
    assert any(s.value.startswith("Saved:") for s in app.success)
    after = EventStore(f"sqlite:///{app_env}").events()
    assert len(after) > before
    assert "Herat" in set(after["location"])


@pytest.mark.slow
def test_a_pasted_report_in_another_language_is_previewed_with_a_warning(seeded_store, app_env):
    app = new_app("add_reports")
    app.run()
    app.text_area(key="paste_text").input("Des combats ont éclaté à Goma lundi, faisant douze morts selon la "
                                          "police et les habitants.").run()
    assert_clean(app)
    assert any("does not read as English" in w.value for w in app.warning)
