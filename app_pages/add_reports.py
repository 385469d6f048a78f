"""Add reports: paste or upload, preview the places and events found (evidence highlighted), then save."""

import html
from datetime import date

import pandas as pd
import streamlit as st

from app_pages._shared import data_changed, get_store, require_editor
from geo import dashboard
from geo.documents import looks_english
from geo.errors import ConflictMapError
from geo.maps import event_summary_html, highlight_evidence
from geo.pipeline import Report, read_report

st.title("Add reports")
st.caption("Paste a news report or upload files; check what was found; then save the events to the map.")
if not require_editor("Adding reports"):
    st.stop()


@st.cache_data(show_spinner=False, max_entries=200)
def preview(text: str, published: date, title: str | None, url: str | None):
    """Read one report (cached: a rerun does not read it again)."""
    return read_report(Report(text=text, published=published, title=title, url=url))


PLACE_COLUMNS = {
    "name": "Mention", "role": "Role", "resolved_name": "Resolved to", "country_code": "Country",
    "precision": "Precision", "latitude": st.column_config.NumberColumn("Lat", format="%.4f"),
    "longitude": st.column_config.NumberColumn("Lon", format="%.4f"), "why": "Why",
}


def plural(count: int, noun: str) -> str:
    return f"{count} {noun}{'' if count == 1 else 's'}"


paste_tab, upload_tab = st.tabs([":material/edit_note: Paste text", ":material/upload_file: Upload files"])
drafts: list[Report] = []
with paste_tab:
    pasted = st.text_area("Report text", height=220, key="paste_text",
                          placeholder="RAWALPINDI: Pakistan's military said on Sunday that …")
    cols = st.columns([2, 2, 1])
    title = cols[0].text_input("Title", key="paste_title")
    url = cols[1].text_input("URL", key="paste_url", placeholder="https://…")
    published = cols[2].date_input("Published", value=date.today(), key="paste_published", format="YYYY-MM-DD")
    if pasted.strip():
        drafts.append(Report(text=pasted.strip(), published=published, title=title.strip() or None,
                             url=url.strip() or None))
with upload_tab:
    files = st.file_uploader("Reports (.txt, .md, .html)", type=["txt", "md", "html", "htm"],
                             accept_multiple_files=True, key="upload_files")
    for number, upload in enumerate(files or []):
        try:
            found = dashboard.report_from_upload(upload.name, upload.getvalue(), published=date.today())
        except ConflictMapError as exc:
            st.warning(f":material/warning: {exc}")
            continue
        with st.expander(f"{upload.name} · {len(found.text):,} characters", expanded=len(files) == 1):
            cols = st.columns([2, 2, 1])
            file_title = cols[0].text_input("Title", value=found.title or "", key=f"upload_title_{number}")
            file_url = cols[1].text_input("URL", value=found.url or "", key=f"upload_url_{number}")
            file_published = cols[2].date_input("Published", value=found.published, key=f"upload_published_{number}",
                                                format="YYYY-MM-DD")
        drafts.append(Report(text=found.text, published=file_published, title=file_title.strip() or None,
                             url=file_url.strip() or None))

if not drafts:
    st.info("Paste a report or upload files to see what will be added.")
    st.stop()

st.subheader(f"Preview of {len(drafts)} report{'s' if len(drafts) > 1 else ''}")
readings = []
progress = st.progress(0.0, text="Reading…") if len(drafts) > 1 else None
for number, report in enumerate(drafts, 1):
    try:
        readings.append(preview(report.text, report.published, report.title, report.url))
    except ConflictMapError as exc:
        st.error(f"{report.title or 'The pasted report'}: {exc}")
    except Exception:  # the reader failing on one report must not hide the others
        st.error(f"{report.title or 'The pasted report'} could not be read. Check that it is a news report in "
                 "English; if it is, please report the problem with the text attached.")
    if progress:
        progress.progress(number / len(drafts), text=f"Read {number} of {len(drafts)}")
if progress:
    progress.empty()

for reading in readings:
    report = reading.report
    with st.container(border=True):
        st.html(f"<b>{html.escape(report.title or 'Pasted report')}</b> · published {report.published:%d %b %Y}"
                f'<div class="cm-muted">{plural(len(reading.events), "event")}, '
                f'{plural(len(reading.places), "place mention")}</div>')
        if not looks_english(report.text):
            st.warning(":material/translate: This report does not read as English. The reader knows English "
                       "reports: places and events may be missing or wrong.")
        for event in reading.events:
            st.html(f'<div>{event_summary_html(event.as_dict())}</div>'
                    f'<div class="cm-evidence">{highlight_evidence(event.as_dict())}</div>')
        if reading.places:
            places = pd.DataFrame([p.as_dict() for p in reading.places])
            st.dataframe(places.reindex(columns=list(PLACE_COLUMNS)), hide_index=True, column_config=PLACE_COLUMNS,
                         placeholder="—")
        if not reading.events:
            st.caption("No event was found in this report. Check its publication date: the dates in the text "
                       "(\"on Sunday\", \"last week\") are read from it.")

if st.button(f"Save {len(readings)} report{'s' if len(readings) != 1 else ''} to the map", type="primary",
             disabled=not readings):
    store, added, merged = get_store(), 0, 0
    bar = st.progress(0.0, text="Saving…")
    for number, reading in enumerate(readings, 1):
        try:
            result = store.ingest_reading(reading, author="dashboard")
        except ConflictMapError as exc:
            st.error(f"{reading.report.title or 'Report'}: {exc}")
            continue
        added, merged = added + result.added, merged + result.merged
        bar.progress(number / len(readings), text=f"Saved {number} of {len(readings)}")
    data_changed()
    bar.empty()
    st.success(f"Saved: {added} new events, {merged} merged with events already on the map.")
    st.page_link("app_pages/map.py", label="See them on the map", icon=":material/map:")
