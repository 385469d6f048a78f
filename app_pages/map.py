"""The map: filtered events coloured by type, the table under it, events per day, an optional playback."""

import streamlit as st

from app_pages._shared import current_view, map_tiles, offline_assets
from geo import dashboard

MAP_KEY = "event_map"
TABLE_ROWS = 1000

view = current_view()
events = view.events
assets = offline_assets()
selection = st.session_state.setdefault("map_selection", {"event_id": None, "clicked": None, "table": 0,
                                                          "centre": False})

st.title("Map")
located = int(events["latitude"].notna().sum())
summary = f"**{len(events):,}** of {len(view.all_events):,} events match the filters"
if located < len(events):
    summary += f" ({len(events) - located:,} without coordinates are in the table only)"
st.markdown(summary + ".")

controls = st.columns([1.1, 1.5, 3.4], vertical_alignment="center")
heat = controls[0].toggle("Heat map", key="map_heat", help="Show where events concentrate instead of markers.")
playback = controls[1].toggle("Time playback", key="map_playback", help="Play the filtered events day by day.")
if len(events) > dashboard.MAX_MARKERS and not heat:
    controls[2].caption(f"More than {dashboard.MAX_MARKERS:,} events: nearby events are grouped; "
                        "circle size shows how many. Narrow the filters to see single events.")

# A marker click (the popup's text ends with its event id) selects that event: its row comes first in the
# table, selected; each click makes a new table widget, so row numbers always refer to the order shown.
clicked = dashboard.event_id_from_popup((st.session_state.get(MAP_KEY) or {}).get("last_object_clicked_popup"))
if clicked and clicked != selection["clicked"]:
    selection.update(clicked=clicked, event_id=clicked, table=selection["table"] + 1, centre=False)
table = dashboard.table_frame(events, limit=TABLE_ROWS, first=selection["clicked"])
# A row selected in the table centres the map on that event.
table_key = f"map_table_{selection['table']}"
rows = ((st.session_state.get(table_key) or {}).get("selection") or {}).get("rows") or []
if rows and rows[0] < len(table) and table.loc[rows[0], "event_id"] != selection["event_id"]:
    selection.update(event_id=table.loc[rows[0], "event_id"], centre=True)

selected = events[events["event_id"] == selection["event_id"]]
centre = None
if selection["centre"] and not selected.empty and selected["latitude"].notna().iloc[0]:
    centre = (float(selected["latitude"].iloc[0]), float(selected["longitude"].iloc[0]))

# The table and the chart are drawn first, into their places under the map: the browser fetches their
# (large) scripts while folium loads here, then has nothing else to do when the map arrives. Drawn last,
# they held up the map's first markers by a second or two on a cold start.
map_area, details = st.container(), st.container()

with details:
    default_rows = [0] if selection["clicked"] and table["event_id"].head(1).eq(selection["clicked"]).all() else []
    st.subheader("Events")
    if len(events) > TABLE_ROWS:
        st.caption(f"The newest {TABLE_ROWS:,} of {len(events):,}; the Events page lists and exports them all.")
    st.dataframe(
        table, key=table_key, on_select="rerun", selection_mode="single-row", hide_index=True, placeholder="—",
        height=min(320, 38 + 35 * max(len(table), 1)),
        selection_default={"selection": {"rows": default_rows}} if default_rows else None,
        column_order=["event_date", "event_type", "sub_event_type", "location", "country_code", "fatalities",
                      "actor1", "actor2", "geo_precision", "source_title", "source_url"],
        column_config={
            "event_date": st.column_config.DateColumn("Date", format="YYYY-MM-DD"),
            "event_type": "Type", "sub_event_type": "Sub-type", "location": "Place", "country_code": "Country",
            "fatalities": st.column_config.NumberColumn("Fatalities", format="%d"),
            "actor1": "Actor 1", "actor2": "Actor 2", "geo_precision": "Precision", "source_title": "Source",
            "source_url": st.column_config.LinkColumn("Link", display_text="open"),
        },
    )

    st.subheader("Events per day")
    counts = dashboard.events_per_day(events)
    if counts.empty:
        st.caption("No events match the filters.")
    else:
        st.vega_lite_chart(counts, dashboard.events_chart(counts), width="stretch")

from streamlit_folium import st_folium  # noqa: E402  (folium takes a second to import: see above)

from geo import maps  # noqa: E402

with map_area:
    if playback:
        playback_map = maps.base_map(assets, tiles=map_tiles(), bounds=maps.data_bounds(events),
                                     legend_position="topright")
        maps.add_playback(playback_map, events.head(5000), assets)
        if not assets.playback_offline:
            st.caption("The playback loads leaflet.timeline from its CDN; for offline use run "
                       "`python -m geo.offline_assets --npm` once.")
        st_folium(playback_map, key="playback_map", height=520, use_container_width=True, returned_objects=[])
    else:
        base = maps.base_map(assets, tiles=map_tiles(), bounds=maps.data_bounds(view.all_events))
        # A table selection rings its marker; a marker click does not redraw the layer, so its popup stays open.
        ringed = selection["event_id"] if selection["centre"] else None
        layer = maps.heat_layer(events, assets) if heat else maps.event_layer(events, selected_id=ringed)
        st_folium(base, key=MAP_KEY, feature_group_to_add=layer, height=520, use_container_width=True,
                  returned_objects=["last_object_clicked_popup"], center=centre, zoom=8 if centre else None)
