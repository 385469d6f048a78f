"""Conflict Map's library: reading reports, geocoding, storing and mapping conflict events.

Everything here runs without Streamlit; the dashboard in ``app.py`` and ``app_pages/`` only draws.
"""

from geo.errors import ConflictMapError, GazetteerError, GeocoderError, InputError, StoreError

__all__ = ["ConflictMapError", "GazetteerError", "GeocoderError", "InputError", "StoreError"]
