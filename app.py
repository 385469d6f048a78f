"""Conflict Map: news reports in, a map of dated, typed, sourced events out.

``streamlit run app.py`` — the entry point: page config, navigation over ``pages/``, the shared
sidebar filters (kept in the URL) and the editor lock. Each page reads the filtered view and draws.
"""

import streamlit as st

from pages._shared import ROOT, editor_unlock, sidebar_filters

st.set_page_config(page_title="Conflict Map", page_icon=":material/public:", layout="wide",
                   initial_sidebar_state="expanded")
st.html(ROOT / "assets" / "style.css")

pages = [
    st.Page("pages/map.py", title="Map", icon=":material/map:", default=True),
    st.Page("pages/events.py", title="Events", icon=":material/table_rows:"),
    st.Page("pages/add_reports.py", title="Add reports", icon=":material/post_add:"),
    st.Page("pages/data.py", title="Data", icon=":material/database:"),
]
page = st.navigation(pages)

with st.sidebar:
    st.markdown("### :material/public: Conflict Map")
    st.caption("Dated, typed, sourced events read from news reports, on a map you can filter and share.")
sidebar_filters()
editor_unlock()
page.run()
