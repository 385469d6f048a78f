"""The event table: read, correct (stored as corrections), delete, and download the filtered view."""

import streamlit as st

from app_pages._shared import can_edit, current_view, data_changed, get_store, require_editor
from geo import dashboard
from geo.errors import ConflictMapError
from geo.formats import to_csv_bytes, to_geojson_bytes
from geo.record import EVENT_TYPES, GEO_PRECISIONS, SUB_EVENT_TYPES

EDIT_ROWS = 2000

view = current_view()
events = view.events

st.title("Events")
st.markdown(f"**{len(events):,}** of {len(view.all_events):,} events match the filters.")

downloads = st.columns([1, 1, 3])
downloads[0].download_button(":material/download: CSV", to_csv_bytes(events), file_name="conflict-map-events.csv",
                             mime="text/csv", help="ACLED column names; opens in the tools analysts use.",
                             disabled=events.empty, width="stretch")
downloads[1].download_button(":material/download: GeoJSON", to_geojson_bytes(events),
                             file_name="conflict-map-events.geojson", mime="application/geo+json",
                             disabled=events.empty, width="stretch")

table = dashboard.table_frame(events, limit=EDIT_ROWS)
if len(events) > EDIT_ROWS:
    st.caption(f"Showing the newest {EDIT_ROWS:,}; narrow the filters to reach the others (downloads hold all).")

column_config = {
    "event_date": st.column_config.DateColumn("Date", format="YYYY-MM-DD", required=True),
    "date_end": st.column_config.DateColumn("Until", format="YYYY-MM-DD"),
    "event_type": st.column_config.SelectboxColumn("Type", options=list(EVENT_TYPES), required=True, width="medium"),
    "sub_event_type": st.column_config.SelectboxColumn("Sub-type", options=list(SUB_EVENT_TYPES), required=True),
    "location": st.column_config.TextColumn("Place", required=True),
    "country_code": st.column_config.TextColumn("Country", max_chars=2, validate=r"^[A-Za-z]{2}$"),
    "admin1": "Province", "actor1": "Actor 1", "actor2": "Actor 2",
    "fatalities": st.column_config.NumberColumn("Fatalities", min_value=0, step=1, format="%d"),
    "latitude": st.column_config.NumberColumn("Lat", min_value=-90, max_value=90, format="%.4f"),
    "longitude": st.column_config.NumberColumn("Lon", min_value=-180, max_value=180, format="%.4f"),
    "geo_precision": st.column_config.SelectboxColumn("Precision", options=list(GEO_PRECISIONS)),
    "date_precision": "Date precision", "source_title": "Source",
    "source_url": st.column_config.LinkColumn("Link", display_text="open"),
    "sentence": st.column_config.TextColumn("Evidence", width="large"), "origin": "Origin", "sources": "Reports",
    "corrected": st.column_config.CheckboxColumn("Corrected"), "event_id": "Id",
}
column_order = ["event_date", "event_type", "sub_event_type", "location", "country_code", "fatalities", "actor1",
                "actor2", "source_title", "source_url", "sentence", "admin1", "latitude", "longitude", "origin",
                "corrected", "event_id"]
table_height = min(560, 38 + 35 * max(len(table), 1))  # a short table is drawn short

if not can_edit():
    st.dataframe(table, hide_index=True, column_config=column_config, column_order=column_order, height=table_height,
                 placeholder="—")
    require_editor("Editing events")
    st.stop()

st.caption("Edit a type, date, place, coordinates or fatalities, or delete rows (select them, then the bin "
           "icon), and save: every change is kept as a correction that survives re-reading the reports.")
editor_key = f"events_editor_{st.session_state.get('events_editor_version', 0)}"
st.data_editor(table, key=editor_key, hide_index=True, num_rows="delete", height=table_height, placeholder="—",
               column_config=column_config, column_order=column_order,
               disabled=[c for c in table.columns if c not in dashboard.EDITABLE_COLUMNS])
edits = dashboard.editor_edits(table, st.session_state.get(editor_key))

save, discard, _ = st.columns([1, 1, 3])
if save.button(f"Save {len(edits.changes)} edits, {len(edits.deletions)} deletions", type="primary",
               disabled=not edits, width="stretch"):
    store, failed = get_store(), []
    for event_id, changes in edits.changes.items():
        try:
            store.correct(event_id, changes=changes, author="dashboard")
        except ConflictMapError as exc:
            failed.append(f"{event_id}: {exc}")
    for event_id in edits.deletions:
        try:
            store.delete_event(event_id, author="dashboard")
        except ConflictMapError as exc:
            failed.append(f"{event_id}: {exc}")
    data_changed()
    st.session_state["events_editor_version"] = st.session_state.get("events_editor_version", 0) + 1
    st.session_state["events_saved"] = (len(edits.changes) + len(edits.deletions) - len(failed), failed)
    st.rerun()
if discard.button("Discard", disabled=not edits, width="stretch"):
    st.session_state["events_editor_version"] = st.session_state.get("events_editor_version", 0) + 1
    st.rerun()

saved = st.session_state.pop("events_saved", None)
if saved:
    count, failed = saved
    if count:
        st.success(f"Saved {count} corrections.")
    for message in failed:
        st.error(f"Not saved: {message}")

with st.expander("Corrections log"):
    log = get_store().corrections()
    if log.empty:
        st.caption("No corrections yet.")
    else:
        st.dataframe(log[["correction_id", "event_id", "summary", "author", "created", "active"]], hide_index=True)
        active = log[log["active"].astype(bool)]
        if not active.empty:
            choice = st.selectbox("Undo a correction", active["correction_id"].tolist(),
                                  format_func=lambda cid: f"#{cid}: " + str(
                                      active.loc[active["correction_id"] == cid, "summary"].iloc[0]))
            if st.button("Undo"):
                try:
                    get_store().undo(int(choice), author="dashboard")
                except ConflictMapError as exc:
                    st.error(str(exc))
                else:
                    data_changed()
                    st.rerun()
