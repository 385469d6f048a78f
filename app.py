"""Conflict Map: news reports in, a map of dated, typed, sourced events out.

``streamlit run app.py`` — the entry point: page config, navigation over ``app_pages/``, the shared
sidebar filters (kept in the URL) and the editor lock. Each page reads the filtered view and draws.

The pages live in ``app_pages/``, not ``pages/``: Streamlit takes a folder named ``pages`` for an
old-style multipage app until ``st.navigation`` runs, so a link straight to ``/events`` on a freshly
started server would run that page alone, without this file (no navigation, no shared filters).
"""

import streamlit as st

from app_pages._shared import ROOT, editor_unlock, sidebar_filters

st.set_page_config(page_title="Conflict Map", page_icon=":material/public:", layout="wide",
                   initial_sidebar_state="expanded")
st.html(ROOT / "assets" / "style.css")

pages = [
    st.Page("app_pages/map.py", title="Map", icon=":material/map:", default=True),
    st.Page("app_pages/events.py", title="Events", icon=":material/table_rows:"),
    st.Page("app_pages/add_reports.py", title="Add reports", icon=":material/post_add:"),
    st.Page("app_pages/data.py", title="Data", icon=":material/database:"),
]
page = st.navigation(pages)

with st.sidebar:
    st.markdown("### :material/public: Conflict Map")
    st.caption("Dated, typed, sourced events read from news reports, on a map you can filter and share.")
sidebar_filters()
editor_unlock()
page.run()
