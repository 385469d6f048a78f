"""The data: import UCDP or ACLED files, the store's figures, the places and their coordinates, geocoding."""

import pandas as pd
import streamlit as st

from app_pages._shared import can_edit, country_name, data_changed, get_store, require_editor
from geo import dashboard
from geo.cache import shared as shared_cache
from geo.errors import ConflictMapError
from geo.formats import read_acled, read_ucdp
from geo.settings import load_settings

IMPORTERS = {"UCDP GED": ("ucdp", read_ucdp), "ACLED": ("acled", read_acled)}

store = get_store()
st.title("Data")

stats = store.stats()
figures = st.columns(4)
figures[0].metric("Events", f"{stats['events']:,}")
figures[1].metric("Reports read", f"{stats['reports']:,}")
figures[2].metric("Files imported", f"{stats['imports']:,}")
figures[3].metric("Corrections", f"{stats['corrections']:,}")
if stats["date_min"]:
    st.caption(f"From {stats['date_min']} to {stats['date_max']}. Deleted events: {stats['deleted']:,}.")
by_type, by_origin = st.columns(2)
by_type.markdown("  \n".join(["**By type**", *(f"{dashboard.type_markdown(kind)}: {count:,}"
                                                 for kind, count in stats["by_type"].items())]))
by_origin.markdown("  \n".join(["**By origin**", *(f"{dashboard.origin_label(origin)}: {count:,}"
                                                     for origin, count in stats["by_origin"].items())]))

st.subheader("Import a dataset")
if require_editor("Importing"):
    cols = st.columns([1, 3])
    kind = cols[0].radio("Format", list(IMPORTERS), key="import_format")
    upload = cols[1].file_uploader("UCDP GED or ACLED CSV export", type=["csv"], key="import_file")
    if upload is not None and st.button(f"Import {upload.name}", type="primary"):
        dataset, reader = IMPORTERS[kind]
        with st.spinner(f"Importing {upload.name}…"):
            try:
                result = store.import_events(reader(upload.getvalue()), dataset=dataset, file_name=upload.name)
            except ConflictMapError as exc:
                st.error(f"{upload.name} was not imported: {exc}")
            else:
                data_changed()
                st.success(f"{upload.name}: {result.added:,} events added, {result.unchanged:,} already in the store.")

st.subheader("Places")
st.caption("Every place with events, how it was resolved and how precise it is. Select a row to correct its "
           "coordinates: the correction is kept in the geocode cache and used for every later report.")
places = store.places()
if places.empty:
    st.caption("No places yet.")
else:
    places = places.assign(country=places["country_code"].fillna("").map(lambda c: country_name(c) if c else ""))
    picked = st.dataframe(
        places, key="places_table", hide_index=True, on_select="rerun", selection_mode="single-row", height=320,
        placeholder="—",
        column_order=["location", "country", "geo_precision", "latitude", "longitude", "events"],
        column_config={"location": "Place", "country": "Country", "geo_precision": "Precision",
                       "latitude": st.column_config.NumberColumn("Lat", format="%.4f"),
                       "longitude": st.column_config.NumberColumn("Lon", format="%.4f"), "events": "Events"})
    rows = picked.selection.rows if picked else []
    if rows and can_edit():
        place = places.iloc[rows[0]]
        with st.form("place_fix"):
            st.markdown(f"**Correct {place['location']}**".replace("$", "\\$"))
            cols = st.columns(2)
            latitude = cols[0].number_input("Latitude", -90.0, 90.0, float(place["latitude"] or 0), format="%.5f")
            longitude = cols[1].number_input("Longitude", -180.0, 180.0, float(place["longitude"] or 0),
                                             format="%.5f")
            move = st.checkbox(f"Also move the {int(place['events'])} stored events at this place", value=True)
            if st.form_submit_button("Save the correction", type="primary"):
                hint = place["country_code"] or None
                try:
                    shared_cache().set_override(place["location"], country_hint=hint, place={
                        "name": place["location"], "latitude": latitude, "longitude": longitude,
                        "country_code": hint, "precision": place["geo_precision"]})
                    moved = 0
                    if move:
                        at_place = store.events()
                        same = at_place[(at_place["location"] == place["location"])
                                        & (at_place["latitude"].round(5) == round(float(place["latitude"]), 5))
                                        & (at_place["longitude"].round(5) == round(float(place["longitude"]), 5))]
                        for event_id in same["event_id"]:
                            store.correct(event_id, changes={"latitude": latitude, "longitude": longitude},
                                          author="dashboard")
                            moved += 1
                except ConflictMapError as exc:
                    st.error(str(exc))
                else:
                    data_changed()
                    st.success(f"{place['location']} now resolves to {latitude:.4f}, {longitude:.4f}"
                               + (f"; {moved} events moved." if moved else "."))
    elif rows:
        require_editor("Correcting places")

st.subheader("Geocoding")
settings = load_settings()
if settings.online:
    st.markdown(f":material/cloud: Online geocoding is **on** ({settings.geocoder}, at most one request a second); "
                "names the offline gazetteer lacks are looked up and cached.")
else:
    st.markdown(":material/cloud_off: Online geocoding is **off**: places come from the offline gazetteer, the "
                "curated additions and the cache. Set `CONFLICT_MAP_ONLINE=1` to look up names it lacks.")
overrides = shared_cache().overrides()
if overrides:
    st.markdown("**Place corrections in the cache**")
    st.dataframe(pd.DataFrame([{"name": o["query"], "country": o["country_hint"], "latitude": o["place"]["latitude"],
                                "longitude": o["place"]["longitude"], "since": o["created"]} for o in overrides]),
                 hide_index=True)
