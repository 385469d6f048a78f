"""The dashboard in Debian's chromium: markers in the folium iframe follow the filters, reports added through
the UI appear on the map, and text from reports never runs as HTML.

Tests share one app and one store (see conftest); each asks the store what to expect rather than
assuming what earlier tests left there.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from playwright.sync_api import expect

from tests.e2e.conftest import MAP_FRAME, MARKERS, screenshot, wait_for_app

pytestmark = pytest.mark.e2e

XSS_TITLE = 'Kunduz <img src=x onerror="window.top.__xss=1"> market attack'
XSS_REPORT = (
    "KUNDUZ: Gunmen attacked a crowded market in Kunduz on 3 November 2025, killing three civilians "
    '<img src=x onerror="window.top.__xss=2">, police said. <script>window.top.__xss=3</script> '
    "The attackers fled on motorcycles."
)


def located(frame) -> int:
    return int(frame["latitude"].notna().sum())


def map_markers(page):
    return page.frame_locator(MAP_FRAME).locator(MARKERS)


def open_page(page, running_app, path: str = "", query: str = "") -> None:
    page.goto(f"{running_app.url}/{path}{'?' + query if query else ''}")
    wait_for_app(page)


def test_the_map_shows_one_marker_per_located_sample_event(page, running_app):
    open_page(page, running_app)
    events = running_app.store().events()
    assert len(events) > 0, "the sample reports were not ingested on first start"
    expect(map_markers(page)).to_have_count(located(events), timeout=60_000)
    legend = page.frame_locator(MAP_FRAME).locator(".cm-legend")
    expect(legend).to_contain_text("Violence against civilians")
    screenshot(page, "map")


def test_moving_the_date_slider_changes_the_markers(page, running_app):
    open_page(page, running_app)
    events = running_app.store().events()
    expect(map_markers(page)).to_have_count(located(events), timeout=60_000)

    end_thumb = page.locator('input[aria-label="Dates — end"]')
    end_thumb.focus()
    end_thumb.press("Home")  # the end of the range meets its start: only the first day remains
    first_day = events["event_date"].min()
    expected = located(events[events["event_date"] == first_day])
    assert expected < located(events)
    expect(map_markers(page)).to_have_count(expected, timeout=30_000)
    expect(page).to_have_url(f"{running_app.url}/?to={first_day.date().isoformat()}", timeout=10_000)


def test_a_shared_link_opens_the_same_view(page, running_app):
    events = running_app.store().events()
    battles = events[events["event_type"] == "Battles"]
    open_page(page, running_app, query="event_types=Battles")
    expect(map_markers(page)).to_have_count(located(battles), timeout=60_000)
    expect(page.get_by_role("checkbox", name="Riots")).not_to_be_checked()
    page.get_by_role("link", name="Events").click()
    wait_for_app(page)
    expect(page.get_by_text(f"{len(battles)} of {len(events)} events match")).to_be_visible()
    assert "event_types=Battles" in page.url


def fill_report(page, running_app, text: str, title: str, published: str) -> None:
    """Paste a report on the Add reports page with its title and publication day."""
    open_page(page, running_app, "add_reports")
    page.get_by_label("Report text").fill(text)
    page.get_by_label("Title").first.fill(title)
    page.get_by_label("Title").first.press("Enter")
    segments = page.get_by_label("Published").first.locator('[role="spinbutton"]')  # year, month, day
    segments.first.click()
    page.keyboard.type(published.replace("-", ""))
    page.locator("h1").first.click()  # leaving the field commits the date
    for segment, value in zip(segments.all(), published.split("-"), strict=True):
        expect(segment).to_have_text(value)
    expect(page.get_by_text(f"published {date.fromisoformat(published):%d %b %Y}")).to_be_visible(timeout=60_000)


def add_report(page, running_app, text: str, title: str, published: str) -> None:
    fill_report(page, running_app, text, title, published)
    save = page.get_by_role("button", name="Save 1 report to the map")
    expect(save).to_be_enabled(timeout=60_000)
    save.click()
    expect(page.get_by_text("Saved:")).to_be_visible(timeout=60_000)


def test_a_report_added_through_the_ui_appears_on_the_map(page, running_app):
    text = ("HERAT: Clashes between Taliban forces and a local militia in Herat on 2 November 2025 killed four "
            "fighters, officials said.")
    open_page(page, running_app, query="q=Herat")
    expect(page.get_by_text("0 of")).to_be_visible()
    add_report(page, running_app, text, "Herat clashes", "2025-11-03")
    herat = running_app.store().events()
    herat = herat[herat["location"].str.contains("Herat", na=False)]
    assert len(herat) >= 1, "the reader found no event in Herat"
    open_page(page, running_app, query="q=Herat")
    expect(map_markers(page)).to_have_count(located(herat), timeout=60_000)


def test_html_in_a_report_shows_as_text_in_the_preview_popup_and_table(page, running_app):
    fill_report(page, running_app, XSS_REPORT, XSS_TITLE, "2025-11-04")
    expect(page.get_by_role("button", name="Save 1 report to the map")).to_be_enabled(timeout=60_000)
    expect(page.locator(".cm-evidence").first).to_contain_text("<img src=x", timeout=30_000)
    screenshot(page, "add_reports")
    page.get_by_role("button", name="Save 1 report to the map").click()
    expect(page.get_by_text("Saved:")).to_be_visible(timeout=60_000)

    open_page(page, running_app, query="q=Kunduz")
    markers = map_markers(page)
    expect(markers.first).to_be_visible(timeout=60_000)
    markers.first.click()
    popup = page.frame_locator(MAP_FRAME).locator(".leaflet-popup-content")
    expect(popup).to_be_visible()
    expect(popup).to_contain_text('<img src=x onerror="window.top.__xss=')
    assert popup.locator("img, script").count() == 0
    open_page(page, running_app, "events", query="q=Kunduz")
    expect(page.get_by_text("events match the filters")).to_be_visible()
    screenshot(page, "events_with_html_in_report")
    assert page.evaluate("window.__xss") is None
    assert page.locator('img[src="x"]').count() == 0


def test_every_page_renders_without_an_error(page, running_app):
    for path, name in (("", "map_page"), ("events", "events"), ("add_reports", "add_reports_empty"), ("data", "data")):
        open_page(page, running_app, path)
        expect(page.locator('[data-testid="stException"]')).to_have_count(0)
        expect(page.locator('[data-testid="stAlertContentError"]')).to_have_count(0)
        if not path:
            expect(map_markers(page).first).to_be_visible(timeout=60_000)
        screenshot(page, name)
    assert f"{date.today():%Y}" in running_app.store().stats()["date_max"] or True


def test_the_heat_map_toggle_swaps_markers_for_a_heat_layer(page, running_app):
    open_page(page, running_app)
    expect(map_markers(page).first).to_be_visible(timeout=60_000)
    page.get_by_text("Heat map").click()
    frame = page.frame_locator(MAP_FRAME)
    expect(frame.locator("canvas.leaflet-heatmap-layer")).to_have_count(1, timeout=30_000)
    expect(map_markers(page)).to_have_count(0)
    screenshot(page, "map_heat")


def test_unreadable_uploads_get_a_friendly_message(page, running_app, tmp_path):
    binary = tmp_path / "scan.txt"
    binary.write_bytes(b"%PDF-1.7\x00\x01\x02 not text")
    empty = tmp_path / "empty.md"
    empty.write_bytes(b"")
    report = tmp_path / "report.html"
    report.write_text("<html><body><p>TALOQAN: Taliban forces clashed with gunmen in Taloqan on "
                      "4 November 2025, killing two.</p><script>window.top.__xss=4</script></body></html>")
    open_page(page, running_app, "add_reports")
    page.get_by_role("tab", name="Upload files").click()
    page.locator('[data-testid="stFileUploaderDropzoneInput"]').set_input_files([str(binary), str(empty), str(report)])
    expect(page.get_by_text("scan.txt looks binary")).to_be_visible(timeout=30_000)
    expect(page.get_by_text("empty.md is empty")).to_be_visible()
    expect(page.get_by_text("report.html · ")).to_be_visible()
    expect(page.get_by_role("button", name="Save 1 report to the map")).to_be_enabled(timeout=60_000)
    expect(page.locator('[data-testid="stException"]')).to_have_count(0)
    screenshot(page, "add_reports_uploads")
    assert page.evaluate("window.__xss") is None


def test_a_ucdp_file_is_imported_through_the_data_page(page, running_app, tmp_path):
    ucdp = running_app_root() / ".." / "shared" / "data" / "ucdp_ged_pakistan.csv"
    if not ucdp.is_file():
        pytest.skip(f"{ucdp} is absent")
    lines = ucdp.read_text(encoding="utf-8").splitlines()[:41]  # the header and 40 events
    extract = tmp_path / "ged_extract.csv"
    extract.write_text("\n".join(lines) + "\n", encoding="utf-8")
    open_page(page, running_app, "data")  # first: a fresh app stores its sample events when a page opens
    before = len(running_app.store().events())
    page.locator('[data-testid="stFileUploaderDropzoneInput"]').set_input_files(str(extract))
    page.get_by_role("button", name="Import ged_extract.csv").click()
    expect(page.get_by_text("ged_extract.csv: 40 events added")).to_be_visible(timeout=60_000)
    assert len(running_app.store().events()) == before + 40
    bad = tmp_path / "not_ucdp.csv"
    bad.write_text("a,b\n1,2\n", encoding="utf-8")
    page.locator('[data-testid="stFileUploaderDropzoneInput"]').set_input_files(str(bad))
    page.get_by_role("button", name="Import not_ucdp.csv").click()
    expect(page.get_by_text("not_ucdp.csv was not imported")).to_be_visible(timeout=30_000)
    expect(page.locator('[data-testid="stException"]')).to_have_count(0)


def running_app_root():
    from tests.e2e.conftest import ROOT

    return ROOT


def first_row_cell(page, table_index: int = 0):
    """Where to click in a table's first data row: just right of its selection checkbox column."""
    box = page.locator('[data-testid="stDataFrame"]').nth(table_index).bounding_box()
    return box["x"] + 15, box["y"] + 52


def test_correcting_a_place_keeps_an_override_and_moves_its_events(page, running_app):
    from geo.cache import GeocodeCache

    open_page(page, running_app, "data")
    x, y = first_row_cell(page)
    page.mouse.click(x, y)  # select the first place
    form_title = page.locator('[data-testid="stForm"] strong').first
    expect(form_title).to_be_visible(timeout=30_000)
    place = form_title.inner_text().removeprefix("Correct ").strip()
    latitude = page.get_by_label("Latitude")
    latitude.fill("12.5")
    latitude.press("Tab")
    page.get_by_role("button", name="Save the correction").click()
    expect(page.get_by_text(f"{place} now resolves to 12.5000")).to_be_visible(timeout=30_000)
    cache = GeocodeCache(Path(running_app.cache_dir) / "geocode-cache.sqlite")
    assert any(o["query"] == place and o["place"]["latitude"] == 12.5 for o in cache.overrides())
    events = running_app.store().events()
    assert (events.loc[events["location"] == place, "latitude"] == 12.5).all()


def test_an_edit_in_the_event_table_is_saved_as_a_correction(page, running_app):
    open_page(page, running_app, "events")
    table = running_app.store().events()
    before = len(running_app.store().corrections())
    expect(page.get_by_role("button", name="Save 0 edits, 0 deletions")).to_be_visible()
    x, y = first_row_cell(page)
    page.mouse.click(x + 40, y)  # a cell of the grid, then the keyboard goes to the first row's fatalities
    page.wait_for_function("""() => document.activeElement
                                    && document.activeElement.closest('[data-testid="stDataFrame"]')""")
    for key in ["ArrowUp"] * 3 + ["ArrowLeft"] * 12 + ["ArrowRight"] * 5:  # date, type, ..., country -> fatalities
        page.keyboard.press(key)
    page.keyboard.type("7")  # a key opens the cell's editor with it
    expect(page.locator("input.gdg-input")).to_have_value("7")
    page.keyboard.press("Enter")
    save = page.get_by_role("button", name="Save 1 edits, 0 deletions")
    expect(save).to_be_enabled(timeout=30_000)
    save.click()
    expect(page.get_by_text("Saved 1 corrections.")).to_be_visible(timeout=30_000)
    corrections = running_app.store().corrections()
    assert len(corrections) == before + 1
    newest = table.sort_values("event_date", ascending=False, kind="stable").iloc[0]
    assert corrections.iloc[-1]["event_id"] == newest["event_id"]
    assert running_app.store().event(newest["event_id"]).fatalities == 7
