"""geo.documents: bytes users bring -> report text and metadata, with clear refusals."""

from __future__ import annotations

import codecs

import pytest

from geo.documents import (
    MAX_BYTES,
    decode,
    html_title,
    html_to_text,
    looks_english,
    looks_like_html,
    split_header,
    to_report_text,
)
from geo.errors import InputError

TEXT = "Clashes in Kandahār — “heavy” fighting near the café"


# -- decoding ------------------------------------------------------------------------------------------
@pytest.mark.parametrize(("data", "label"), [
    (TEXT.encode("utf-8"), "UTF-8"),
    (codecs.BOM_UTF8 + TEXT.encode("utf-8"), "UTF-8 with BOM"),
    (TEXT.encode("utf-16"), "UTF-16 with BOM (native order)"),
    (codecs.BOM_UTF16_LE + TEXT.encode("utf-16-le"), "UTF-16 LE with BOM"),
    (codecs.BOM_UTF16_BE + TEXT.encode("utf-16-be"), "UTF-16 BE with BOM"),
])
def test_decode_unicode(data, label):
    assert decode(data) == TEXT, label


def test_decode_falls_back_to_windows_1252():
    text = "Protests in Köln – “peaceful”, said the café’s owner"
    assert decode(text.encode("cp1252")) == text


def test_decode_refuses_bytes_that_are_neither_utf8_nor_windows_1252():
    with pytest.raises(InputError, match="neither UTF-8 nor Windows-1252"):
        decode(b"Clashes \x81 in Goma")


@pytest.mark.parametrize("data", [
    b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\x00\x00",
    b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR",
    bytes(range(256)) * 40,
    b"PK\x03\x04\x14\x00\x06\x00",  # a .docx is a zip file
])
def test_decode_refuses_binary(data):
    with pytest.raises(InputError, match="looks binary"):
        decode(data, name="upload.bin")


def test_decode_refuses_empty_and_oversized_files_by_name():
    with pytest.raises(InputError, match=r"report\.txt is empty"):
        decode(b"", name="report.txt")
    with pytest.raises(InputError, match="the limit is 5 MB"):
        decode(b"a" * (MAX_BYTES + 1), name="big.txt")


def test_decode_accepts_a_file_at_the_limit():
    assert len(decode(b"a" * MAX_BYTES)) == MAX_BYTES


# -- HTML ------------------------------------------------------------------------------------------------
PAGE = ("<!DOCTYPE html><html><head><title>Strikes  hit\nKunar</title>"
        "<style>p { color: red }</style><script>var x = 'Clashes erupted in Kabul';</script></head>"
        "<body><h1>Strikes</h1><p>Jets struck <b>Kunar</b> &amp; Nangarhar on Monday.</p>"
        "<noscript>Enable JavaScript</noscript><div>Second&nbsp;paragraph</div>"
        "<svg><text>Herat</text></svg><ul><li>One</li><li>Two</li></ul></body></html>")


def test_html_to_text_keeps_visible_text_as_lines():
    assert html_to_text(PAGE) == "Strikes\nJets struck Kunar & Nangarhar on Monday.\nSecond paragraph\nOne\nTwo"


def test_html_to_text_drops_scripts_styles_and_their_words():
    text = html_to_text(PAGE)
    for hidden in ("Kabul", "color", "Enable JavaScript", "Herat", "<", "Strikes hit"):
        assert hidden not in text


def test_html_title():
    assert html_title(PAGE) == "Strikes hit Kunar"
    assert html_title("<p>No title</p>") is None


@pytest.mark.parametrize(("text", "html"), [
    ("<!doctype html><p>x</p>", True),
    ("<html><body>x</body></html>", True),
    ("Intro\n<p class='lead'>x</p>", True),
    ("<div>x</div>", True),
    ("Casualties < 10 and > 5 were reported.", False),
    ("Plain report text.", False),
])
def test_looks_like_html(text, html):
    assert looks_like_html(text) is html


# -- header -----------------------------------------------------------------------------------------
def test_header_block_is_split_from_the_body():
    meta, body = split_header("Title: Talks resume\nPublished: 2025-03-13\nURL: https://example.org/t\n\n"
                              "Negotiators met in Muscat.\nMore text.")
    assert meta == {"title": "Talks resume", "published": "2025-03-13", "url": "https://example.org/t"}
    assert body == "Negotiators met in Muscat.\nMore text."


def test_header_aliases_and_case():
    meta, body = split_header("DATE: 2025-03-13\nsource: https://example.org/s\n\nBody")
    assert (meta, body) == ({"published": "2025-03-13", "url": "https://example.org/s"}, "Body")


def test_empty_header_values_are_dropped():
    assert split_header("Title:\nPublished: 2025-03-13\n\nBody") == ({"published": "2025-03-13"}, "Body")


@pytest.mark.parametrize("text", [
    "Title: a line of the report itself\nthat goes on without a blank line.",
    "No header here.\n\nBody.",
    "",
])
def test_text_without_a_header_block_is_left_whole(text):
    assert split_header(text) == ({}, text)


# -- to_report_text -------------------------------------------------------------------------------------
def test_a_text_file_with_header():
    data = b"Title: Raid\nPublished: 2025-03-13\n\nGunmen raided Kagara."
    assert to_report_text(data, name="raid.txt") == ({"title": "Raid", "published": "2025-03-13"},
                                                     "Gunmen raided Kagara.")


def test_an_html_file_gives_its_title_and_visible_text():
    meta, text = to_report_text(PAGE.encode("utf-8"), name="page.html")
    assert meta == {"title": "Strikes hit Kunar"}
    assert "Jets struck Kunar & Nangarhar on Monday." in text
    assert "Kabul" not in text


def test_html_is_recognised_whatever_the_file_name():
    meta, text = to_report_text(PAGE.encode("utf-8"), name="pasted.txt")
    assert meta["title"] == "Strikes hit Kunar"
    assert "<" not in text


@pytest.mark.parametrize(("data", "name"), [
    (b"", "empty.txt"),
    (b"   \n\n ", "blank.txt"),
    (b"Title: Only a header\n\n", "header-only.md"),
    (b"<html><head><script>alert('x')</script></head><body></body></html>", "empty.html"),
])
def test_files_without_text_are_refused(data, name):
    with pytest.raises(InputError, match=name.replace(".", r"\.")):
        to_report_text(data, name=name)


@pytest.mark.parametrize(("text", "english"), [
    ("KABUL (Reuters) - Gunmen attacked a checkpoint in the north on Monday, killing three soldiers, officials said.",
     True),
    ("Des combats ont éclaté à Goma lundi, faisant douze morts selon la police et les habitants.", False),
    ("Los combates en la ciudad dejaron al menos doce muertos y el ejército tomó el control del puente.", False),
    ("Bei den Kämpfen in der Stadt wurden nach Angaben der Polizei zwölf Menschen getötet und das ist neu.", False),
    ("Goma, lundi.", True),  # too short to tell: the benefit of the doubt
])
def test_a_report_in_another_language_is_told_apart(text, english):
    assert looks_english(text) is english
