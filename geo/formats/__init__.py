"""Events in and out of files: UCDP GED and ACLED imports, this project's CSV and GeoJSON, report files.

Pure functions over files and records; nothing here touches the store. One module per format:

| module | reads / writes |
|---|---|
| :mod:`geo.formats.ucdp` | UCDP GED CSV |
| :mod:`geo.formats.acled` | ACLED CSV, current and older export |
| :mod:`geo.formats.own` | this project's CSV and GeoJSON (export and re-import) |
| :mod:`geo.formats.reports` | report files for ingest: .txt, .md, .html, CSV/JSONL of reports |

Examples
--------
>>> from geo.formats import read_ucdp, to_geojson_bytes               # doctest: +SKIP
>>> store.import_events(read_ucdp(path), dataset="ucdp", file_name=path.name)   # doctest: +SKIP
"""

from geo.formats.acled import read_acled
from geo.formats.own import read_events_csv, read_geojson, to_csv_bytes, to_geojson_bytes, write_csv, write_geojson
from geo.formats.ucdp import read_ucdp

#: ``--format`` name -> reader.
READERS = {"ucdp": read_ucdp, "acled": read_acled, "csv": read_events_csv, "geojson": read_geojson}

__all__ = [
    "READERS", "read_acled", "read_events_csv", "read_geojson", "read_ucdp", "to_csv_bytes", "to_geojson_bytes",
    "write_csv", "write_geojson",
]
