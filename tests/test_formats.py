"""geo.formats: UCDP and ACLED imports, this project's CSV and GeoJSON, report files.

The UCDP tests read the real GED Pakistan file from ``../shared/data`` (never committed). ACLED's terms
forbid redistributing its rows, so the ACLED fixtures below are synthetic rows written here, clearly fake.
"""

from __future__ import annotations

import csv
import io
import json
import zipfile
from collections import Counter
from datetime import date
from pathlib import Path

import pytest

from geo.errors import InputError
from geo.formats import (
    countries,
    read_acled,
    read_events_csv,
    read_geojson,
    read_ucdp,
    to_csv_bytes,
    to_geojson_bytes,
    write_geojson,
)
from geo.formats.own import COLUMNS
from geo.formats.reports import parse_html, parse_text, read_reports, report_files
from geo.formats.ucdp import event_type_for
from geo.record import EVENT_TYPES, Event

ROOT = Path(__file__).resolve().parent.parent
UCDP_FILE = ROOT.parent / "shared" / "data" / "ucdp_ged_pakistan.csv"
needs_ucdp = pytest.mark.skipif(not UCDP_FILE.is_file(), reason=f"UCDP GED file absent: {UCDP_FILE} "
                                "(the real data these tests read; it is never committed)")

UCDP_HEADER = ("id,relid,type_of_violence,conflict_name,side_a,side_b,number_of_sources,source_article,"
               "source_office,source_date,source_headline,source_original,where_prec,where_coordinates,"
               "where_description,adm_1,adm_2,latitude,longitude,country,iso3,event_clarity,date_prec,date_start,"
               "date_end,deaths_a,deaths_b,deaths_civilians,deaths_unknown,best,high,low")


def ucdp_row(**cells: object) -> str:
    row = {"id": "1", "relid": "PAK-2009-1-1-1", "type_of_violence": "1", "conflict_name": "Pakistan: Government",
           "side_a": "Government of Pakistan", "side_b": "TTP", "number_of_sources": "2",
           "source_article": "Dawn website, Karachi", "source_office": "", "source_date": "2009-05-02",
           "source_headline": "", "source_original": "military", "where_prec": "1", "where_coordinates": "Mingora town",
           "where_description": "Mingora, Swat", "adm_1": "Khyber Pakhtunkhwa province", "adm_2": "Swat district",
           "latitude": "34.7795", "longitude": "72.3621", "country": "Pakistan", "iso3": "PAK", "event_clarity": "1",
           "date_prec": "1", "date_start": "2009-05-01 00:00:00.000", "date_end": "2009-05-01 00:00:00.000",
           "deaths_a": "1", "deaths_b": "4", "deaths_civilians": "0", "deaths_unknown": "0", "best": "5",
           "high": "9", "low": "5"}
    row.update({k: str(v) for k, v in cells.items()})
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\n").writerow([row[name] for name in UCDP_HEADER.split(",")])
    return buffer.getvalue()


def ucdp_file(*rows: str) -> bytes:
    return (UCDP_HEADER + "\n" + "".join(rows)).encode("utf-8")


# --- UCDP, the real file -------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def ucdp_events() -> list[Event]:
    return list(read_ucdp(UCDP_FILE))


@pytest.fixture(scope="module")
def ucdp_rows() -> list[dict[str, str]]:
    with UCDP_FILE.open(encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


@needs_ucdp
def test_ucdp_file_reads_as_6416_events_with_its_dates_and_coordinates(ucdp_events, ucdp_rows):
    assert len(ucdp_events) == len(ucdp_rows) == 6416
    by_id = {e.event_id: e for e in ucdp_events}
    for row in ucdp_rows:
        event = by_id[f"ucdp-{row['id']}"]
        assert event.event_date == row["date_start"][:10]
        assert event.date_end == row["date_end"][:10]
        assert round(event.latitude, 4) == round(float(row["latitude"]), 4)
        assert round(event.longitude, 4) == round(float(row["longitude"]), 4)
        assert event.fatalities == int(row["best"])
        assert f"low {row['low']}, high {row['high']}" in event.notes
        assert event.origin == "ucdp"
        assert event.country_code == "PK"


@needs_ucdp
def test_ucdp_precisions_match_the_published_figures(ucdp_events):
    # ../shared/data/README.md: date_prec 1..5 = 6,068 / 285 / 12 / 41 / 10; where_prec 1..6 =
    # 2,345 / 2,633 / 1,124 / 60 / 245 / 9; best sums to 43,225.
    assert Counter(e.date_precision for e in ucdp_events) == {"day": 6068, "week": 285 + 12, "month": 41, "year": 10}
    assert Counter(e.geo_precision for e in ucdp_events) == {
        "place": 2345, "near place": 2633, "admin2": 1124, "admin1": 60, "border": 245, "country": 9}
    assert sum(e.fatalities for e in ucdp_events) == 43225


@needs_ucdp
def test_ucdp_violence_types_map_to_acled_types(ucdp_events, ucdp_rows):
    violence = {f"ucdp-{r['id']}": r["type_of_violence"] for r in ucdp_rows}
    kinds = Counter((violence[e.event_id], e.event_type) for e in ucdp_events)
    # One-sided violence is never a battle; state-based and non-state violence never "against civilians".
    assert kinds[("3", "Battles")] == 0
    assert kinds[("1", "Violence against civilians")] == kinds[("2", "Violence against civilians")] == 0
    assert sum(n for (v, _), n in kinds.items() if v == "1") == 5388
    assert sum(n for (v, _), n in kinds.items() if v == "3") == 559
    for event in ucdp_events:
        assert event.sub_event_type in EVENT_TYPES[event.event_type]


@needs_ucdp
def test_ucdp_headlines_and_citations_are_kept_as_evidence(ucdp_events, ucdp_rows):
    with_headline = {f"ucdp-{r['id']}": r["source_headline"] for r in ucdp_rows if r["source_headline"]}
    assert len(with_headline) == 2148
    by_id = {e.event_id: e for e in ucdp_events}
    for event_id, headline in with_headline.items():
        assert by_id[event_id].source_title == headline.strip()
    assert all(e.sentence for e in ucdp_events if e.event_id in with_headline)


# --- UCDP, synthetic rows ------------------------------------------------------------------------------

@pytest.mark.parametrize(("prec", "expected"), [("1", "day"), ("2", "week"), ("3", "week"), ("4", "month"),
                                                 ("5", "year")])
def test_ucdp_date_prec_follows_the_codebook(prec, expected):
    [event] = read_ucdp(ucdp_file(ucdp_row(date_prec=prec)))
    assert event.date_precision == expected


@pytest.mark.parametrize(("prec", "expected"), [("1", "place"), ("2", "near place"), ("3", "admin2"),
                                                 ("4", "admin1"), ("5", "border"), ("6", "country"), ("7", "country")])
def test_ucdp_where_prec_maps_to_place_precision(prec, expected):
    [event] = read_ucdp(ucdp_file(ucdp_row(where_prec=prec)))
    assert event.geo_precision == expected


@pytest.mark.parametrize(("violence", "evidence", "expected"), [
    ("1", "", ("Battles", "Armed clash")),
    ("2", "", ("Battles", "Armed clash")),
    ("3", "", ("Violence against civilians", "Attack")),
    ("1", "US drone strike kills 4 in North Waziristan", ("Explosions/Remote violence", "Air/drone strike")),
    ("3", "Suicide bomber kills 26 at a market", ("Explosions/Remote violence", "Suicide bomb")),
    ("1", "Indian shelling kills two in Kashmir", ("Explosions/Remote violence", "Shelling/artillery/missile attack")),
    ("1", "Clashes and a roadside bomb kill 9", ("Battles", "Armed clash")),
    ("3", "Militants kidnap 12 teachers", ("Violence against civilians", "Abduction/forced disappearance")),
    ("3", "Two killed in Bombay Hotel area", ("Violence against civilians", "Attack")),
])
def test_ucdp_violence_type_and_named_method(violence, evidence, expected):
    assert event_type_for(violence, evidence) == expected


def test_ucdp_event_fields_from_one_row():
    [event] = read_ucdp(ucdp_file(ucdp_row(id="77", source_headline="Troops kill 4 militants in Swat",
                                           source_office="AFP", number_of_sources="-1")))
    assert event.event_id == "ucdp-77"
    assert event.source_id == "ucdp:77"
    assert (event.actor1, event.actor2, event.location) == ("Government of Pakistan", "TTP", "Mingora town")
    assert (event.admin1, event.admin2) == ("Khyber Pakhtunkhwa province", "Swat district")
    assert event.source_title == "Troops kill 4 militants in Swat"
    assert event.published == "2009-05-02"
    assert event.sources == 1  # UCDP's -1 means "not recorded"
    assert event.fatalities == 5
    assert "best 5, low 5, high 9" in event.notes
    assert "conflict: Pakistan: Government" in event.notes


def test_ucdp_malformed_rows_are_all_named_and_nothing_is_yielded_after_the_first():
    data = ucdp_file(ucdp_row(id="1"), ucdp_row(id="2"), ucdp_row(id="3", latitude="200"), ucdp_row(id="4"),
                     ucdp_row(id="5", date_start="2021-02-30 00:00:00.000"), ucdp_row(id="6"))
    seen = []
    with pytest.raises(InputError) as caught:
        seen.extend(read_ucdp(data))
    message = str(caught.value)
    assert "row 3 (line 4), column 'latitude': 200 is outside -90..90" in message
    assert "row 5 (line 6), column 'date_start': '2021-02-30 00:00:00.000' is not a valid date" in message
    assert "2 problems" in message
    assert [e.event_id for e in seen] == ["ucdp-1", "ucdp-2"]


@pytest.mark.parametrize(("data", "expected"), [
    (b"", "the file is empty"),
    (b"   \n\n", "the file is empty"),
    (UCDP_HEADER.encode() + b"\n", "a header but no rows"),
    (b"id,latitude\n1,2\n", "missing column(s) type_of_violence, side_a"),
    (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "binary file"),
    (ucdp_file(ucdp_row(where_description="Peshawar caf\u00e9")).decode().encode("latin-1"), "not UTF-8 text"),
    (ucdp_file(ucdp_row(id="9"), ucdp_row(id="9")), "row 2 (line 3), column 'id': 9 repeats row 1"),
    (ucdp_file(ucdp_row(type_of_violence="4")), "column 'type_of_violence': '4' is not a known"),
    (ucdp_file(ucdp_row(best="-3")), "column 'best': -3 is below 0"),
    (ucdp_file(ucdp_row(date_end="2009-04-01")), "column 'date_end': 2009-04-01 is before date_start"),
    (ucdp_file(ucdp_row()) + b"1,2,3\n", "row 2 (line 3): 3 cells for 32 columns"),
])
def test_ucdp_refuses_files_it_cannot_use(data, expected):
    with pytest.raises(InputError) as caught:
        list(read_ucdp(data))
    assert expected in str(caught.value)


def test_a_zip_is_named_as_such(tmp_path):
    path = tmp_path / "ged.zip"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("ged.csv", ucdp_file(ucdp_row()))
    with pytest.raises(InputError, match="ZIP archive"):
        list(read_ucdp(path))


def test_readers_accept_paths_bytes_and_file_objects(tmp_path):
    data = ucdp_file(ucdp_row())
    path = tmp_path / "ged.csv"
    path.write_bytes(b"\xef\xbb\xbf" + data)  # with a BOM, as Excel saves
    from_path = list(read_ucdp(path))
    assert from_path == list(read_ucdp(data)) == list(read_ucdp(io.BytesIO(data)))
    assert from_path == list(read_ucdp(io.StringIO(data.decode())))


# --- ACLED (synthetic rows: ACLED's own rows may not be redistributed) -----------------------------------

ACLED_CURRENT = (
    "event_id_cnty,event_date,year,time_precision,disorder_type,event_type,sub_event_type,actor1,assoc_actor_1,"
    "inter1,actor2,assoc_actor_2,inter2,interaction,civilian_targeting,iso,region,country,admin1,admin2,admin3,"
    "location,latitude,longitude,geo_precision,source,source_scale,notes,fatalities,tags,timestamp\n"
    "FAKE1,2024-03-05,2024,1,Political violence,Battles,Armed clash,Fake Army,,State forces,Fake Rebels,,"
    "Rebel group,State forces-Rebel group,,586,Southern Asia,Pakistan,Fakeprovince,Fakedistrict,,Faketown,"
    "33.1234,70.5678,1,Fake Gazette,National,\"Synthetic test row, not ACLED data.\",3,,1700000000\n"
    "FAKE2,2024-03-06,2024,2,Demonstrations,Protests,Peaceful protest,Fake Protesters,,Protesters,,,,"
    "Protesters only,,586,Southern Asia,Pakistan,Fakeprovince,,,Faketown,33.1,70.5,2,Fake Gazette,National,"
    "Synthetic test row.,0,crowd size=no report,1700000001\n"
)
ACLED_OLDER = (
    "data_id,iso,event_id_cnty,event_id_no_cnty,event_date,year,time_precision,event_type,sub_event_type,actor1,"
    "assoc_actor_1,inter1,actor2,assoc_actor_2,inter2,interaction,region,country,admin1,admin2,admin3,location,"
    "latitude,longitude,geo_precision,source,source_scale,notes,fatalities,timestamp,iso3\n"
    "1,586,FAKE3,3,03 May 2021,2021,3,Explosions/Remote violence,Remote explosive/landmine/IED,Fake Militia,,3,"
    "Civilians (Pakistan),,7,37,Southern Asia,Pakistan,Fakeprovince,,,Faketown,30.5,68.25,3,Fake Daily,Regional,"
    "Synthetic test row.,2,1600000000,PAK\n"
)


def test_acled_current_export():
    first, second = read_acled(ACLED_CURRENT.encode())
    assert (first.event_id, first.origin, first.country_code) == ("acled-FAKE1", "acled", "PK")
    assert (first.event_type, first.sub_event_type, first.fatalities) == ("Battles", "Armed clash", 3)
    assert (first.latitude, first.longitude, first.geo_precision) == (33.1234, 70.5678, "place")
    assert first.sentence == "Synthetic test row, not ACLED data."
    assert first.source_title == "Fake Gazette"
    assert "inter1: State forces; inter2: Rebel group" in first.notes
    assert "disorder_type: Political violence" in first.notes
    assert (second.date_precision, second.geo_precision) == ("week", "near place")
    assert "tags: crowd size=no report" in second.notes


def test_acled_older_numeric_export():
    [event] = read_acled(ACLED_OLDER.encode())
    assert (event.event_date, event.date_precision, event.geo_precision) == ("2021-05-03", "month", "admin1")
    assert "inter1: Political militia; inter2: Civilians; interaction: Political militia - Civilians" in event.notes
    assert event.country_code == "PK"


def test_acled_bad_rows_are_named():
    bad = ACLED_CURRENT.replace("Armed clash", "Ambush").replace("33.1,70.5", "33.1,270.5")
    with pytest.raises(InputError) as caught:
        list(read_acled(bad.encode()))
    assert "row 1 (line 2), column 'sub_event_type': 'Ambush' is not a sub-event type of 'Battles'" in str(caught.value)
    assert "row 2 (line 3), column 'longitude': 270.5 is outside -180..180" in str(caught.value)


def test_acled_missing_columns_are_named():
    with pytest.raises(InputError, match=r"missing column.*sub_event_type"):
        list(read_acled(b"event_id_cnty,event_date,event_type,country,location,latitude,longitude\nX,2024-01-01,"
                        b"Battles,Pakistan,A,1,2\n"))


# --- this project's CSV and GeoJSON ------------------------------------------------------------------

def varied_events() -> list[Event]:
    """Events that exercise every field: missing values, quotes, commas, newlines, accents, long floats."""
    return [
        Event("2025-10-12", "Battles", "Armed clash", "Angoor Adda", "PK", 32.61234567891234, 69.30000000000001,
              date_end="2025-10-13", actor1="Pakistan Army", actor2="Afghan Taliban", fatalities=23,
              admin1="Khyber Pakhtunkhwa", admin2="South Waziristan", source_id="r1", source_title='He said "no", then',
              source_url="https://example.test/a?b=1,2", published="2025-10-14",
              sentence="Clashes, it said,\nkilled 23.", start=10, end=40, place_start=12, place_end=23,
              triggers=["clashes", "killed"], sources=2, notes="café; naïve"),
        Event("2009-05-01", "Protests", "Peaceful protest", "Kābul", "AF", -0.5, 179.999999, date_precision="month",
              geo_precision="admin1", origin="ucdp", event_id="ucdp-1"),
        Event("2001-01-01", "Strategic developments", "Agreement", "Nowhere known", None, None, None,
              geo_precision="country", origin="csv"),
    ]


def test_csv_round_trips_exactly():
    first = to_csv_bytes(varied_events())
    events = list(read_events_csv(first))
    assert events == varied_events()
    assert to_csv_bytes(events) == first


def test_csv_has_acled_columns_and_codes():
    rows = list(csv.DictReader(io.StringIO(to_csv_bytes(varied_events()).decode())))
    assert list(rows[0]) == list(COLUMNS)
    assert (rows[0]["event_id_cnty"], rows[0]["time_precision"], rows[0]["geo_precision"]) == (
        varied_events()[0].event_id, "1", "1")
    assert (rows[0]["iso"], rows[0]["country"], rows[0]["year"]) == ("586", "Pakistan", "2025")
    assert (rows[1]["time_precision"], rows[1]["geo_precision"], rows[1]["location_precision"]) == ("3", "3", "admin1")


def test_geojson_round_trips_exactly_and_follows_rfc7946(tmp_path):
    path = tmp_path / "events.geojson"
    assert write_geojson(varied_events(), path) == 3
    document = json.loads(path.read_text(encoding="utf-8"))
    assert document["type"] == "FeatureCollection"
    first = document["features"][0]
    assert first["geometry"] == {"type": "Point", "coordinates": [69.30000000000001, 32.61234567891234]}
    assert document["features"][2]["geometry"] is None  # no coordinates: a null geometry, as RFC 7946 allows
    for feature in document["features"]:
        assert feature["type"] == "Feature"
        assert all(not isinstance(v, dict | list) for v in feature["properties"].values())  # flat
        assert "latitude" not in feature["properties"]
    events = list(read_geojson(path))
    assert events == varied_events()
    assert to_geojson_bytes(events) == path.read_bytes()


def test_exports_accept_the_dashboards_frame():
    import pandas as pd

    frame = pd.DataFrame([e.as_dict() for e in varied_events()])
    frame["event_date"] = pd.to_datetime(frame["event_date"])
    frame["published"] = pd.to_datetime(frame["published"])
    frame["fatalities"] = frame["fatalities"].astype("Int64")
    assert to_csv_bytes(frame) == to_csv_bytes(varied_events())


def test_own_csv_malformed_rows_are_named():
    text = to_csv_bytes(varied_events()).decode().replace("2009-05-01", "2009-13-01").replace("Agreement", "Deal")
    with pytest.raises(InputError) as caught:
        list(read_events_csv(text.encode()))
    assert "row 2 (line 4), column 'event_date': '2009-13-01' is not a valid date" in str(caught.value)
    assert "row 3 (line 5), column 'sub_event_type'" in str(caught.value)


@pytest.mark.parametrize(("document", "expected"), [
    ("not json", "not valid JSON (line 1"),
    ('{"type": "Feature"}', "not a GeoJSON FeatureCollection"),
    ('{"type": "FeatureCollection", "features": []}', "has no features"),
    ('{"type": "FeatureCollection", "features": [{"type": "Feature", "geometry": {"type": "Point", "coordinates": '
     '[10, 95]}, "properties": {"event_date": "2020-01-01", "event_type": "Battles", "sub_event_type": '
     '"Armed clash", "location": "X"}}]}', "feature 1, column 'latitude': 95 is outside -90..90"),
    ('{"type": "FeatureCollection", "features": [{"type": "Feature", "geometry": {"type": "LineString", '
     '"coordinates": [[1, 2], [3, 4]]}, "properties": {"event_date": "2020-01-01", "event_type": "Battles", '
     '"sub_event_type": "Armed clash", "location": "X"}}]}', "feature 1, geometry: not a Point"),
])
def test_geojson_refusals(document, expected):
    with pytest.raises(InputError) as caught:
        list(read_geojson(document.encode()))
    assert expected in str(caught.value)


# --- report files ----------------------------------------------------------------------------------

def test_sample_header_is_read_and_removed():
    raw = "Title: Clashes at the border\nPublished: 2025-10-12\nURL:\n\nRAWALPINDI: Body text.\n"
    report = parse_text(raw, name="a.txt")
    assert (report.title, report.published, report.url) == ("Clashes at the border", date(2025, 10, 12), None)
    assert report.text == "RAWALPINDI: Body text."


def test_text_without_header_is_kept_whole_and_needs_a_date():
    raw = "Date: the talks resumed on Monday.\nMore text."
    with pytest.raises(InputError, match="no publication date"):
        parse_text(raw, name="b.txt")
    report = parse_text(raw, name="b.txt", published=date(2025, 1, 2), title="b")
    assert report.text == raw
    assert report.title == "b"


def test_html_text_drops_scripts_and_styles():
    page = ("<html><head><title>Page</title><style>p{}</style><meta property='article:published_time' "
            "content='2025-10-28T10:00:00Z'><link rel='canonical' href='https://x.test/a'></head><body>"
            "<nav>Menu</nav><script>var killed = 5;</script><p>Clashes in <b>Kurram</b> killed 5.</p>"
            "<p>Talks&nbsp;resumed.</p></body></html>")
    report = parse_html(page, name="p.html")
    assert report.text == "Clashes in Kurram killed 5.\n\nTalks resumed."
    assert (report.title, report.published, report.url) == ("Page", date(2025, 10, 28), "https://x.test/a")


def test_tables_of_reports(tmp_path):
    (tmp_path / "r.csv").write_text('title,url,published,text\nA,,2025-01-01,"First, text."\nB,u,,Second.\n',
                                    encoding="utf-8")
    (tmp_path / "r.jsonl").write_text(json.dumps({"title": "C", "published": "2025-02-02", "text": "Third."}) + "\n",
                                      encoding="utf-8")
    reports = list(read_reports(tmp_path / "r.csv", published=date(2024, 12, 31)))
    assert [(r.title, r.published, r.text) for r in reports] == [
        ("A", date(2025, 1, 1), "First, text."), ("B", date(2024, 12, 31), "Second.")]
    [third] = read_reports(tmp_path / "r.jsonl")
    assert third.text == "Third."
    assert third.published == date(2025, 2, 2)
    (tmp_path / "README.md").write_text("about", encoding="utf-8")
    assert [p.name for p in report_files([tmp_path])] == ["r.csv", "r.jsonl"]


def test_report_in_windows_1252_is_read_not_lost(tmp_path):
    path = tmp_path / "latin.txt"
    path.write_bytes("Published: 2025-01-01\n\nCaf\u00e9 bombing.".encode("cp1252"))
    [report] = read_reports(path)
    assert report.text == "Caf\u00e9 bombing."


def test_binary_report_file_is_refused(tmp_path):
    path = tmp_path / "scan.txt"
    path.write_bytes(b"%PDF-1.7\x00\x01\x02" * 50)
    with pytest.raises(InputError, match=r"scan\.txt looks binary"):
        list(read_reports(path))


def test_country_codes():
    assert countries.from_name("DR Congo (Zaire)") == "CD"
    assert countries.from_alpha3("AFG") == "AF"
    assert countries.from_numeric("004") == "AF"
    assert countries.name_of("af") == "Afghanistan"
    assert countries.numeric_of("PK") == 586
    assert countries.from_name("Narnia") is None
