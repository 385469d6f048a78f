"""geo.places: geoparsing alone (find every place, or resolve spans someone else found)."""

from __future__ import annotations

import pytest

from geo.errors import InputError
from geo.places import find_places, resolve_spans

TEXT = "Police in Kabul's old city and in Paktika province arrested Afghan traders; Tripoli, Libya was calm."


def _span(text: str, name: str, nth: int = 1) -> tuple[int, int]:
    start = -1
    for _ in range(nth):
        start = text.index(name, start + 1)
    return start, start + len(name)


# -- find_places --------------------------------------------------------------------------------------
def test_find_places_gives_roles_from_the_sentence_alone(gazetteer):
    text = "KABUL: Ankara said jets struck Kunar on Monday."
    found = find_places(text, gazetteer=gazetteer)
    assert [(p.name, p.role, p.country_code) for p in found] == [
        ("KABUL", "dateline", "AF"), ("Ankara", "metonym", "TR"), ("Kunar", "other", "AF")]
    assert all(text[p.start:p.end] == p.name for p in found)
    assert all(p.latitude is not None and p.source for p in found)


def test_expressions_are_listed_only_when_asked_and_carry_no_point(gazetteer):
    text = "Jets struck Kunar, and border areas were shelled."
    plain = find_places(text, gazetteer=gazetteer)
    assert [p.name for p in plain] == ["Kunar"]
    with_expressions = find_places(text, gazetteer=gazetteer, expressions=True)
    assert [(p.name, p.kind) for p in with_expressions] == [
        ("Kunar", "admin1"), ("border", "expression"), ("areas", "expression")]
    assert all(p.latitude is None and p.longitude is None for p in with_expressions if p.kind == "expression")


def test_find_places_refuses_binary_text(gazetteer):
    with pytest.raises(InputError, match="binary"):
        find_places("Kabul\x00Kandahar", gazetteer=gazetteer)


# -- resolve_spans ----------------------------------------------------------------------------------------
def test_one_place_per_given_span_in_order(gazetteer):
    spans = [_span(TEXT, "Tripoli"), _span(TEXT, "Kabul's"), _span(TEXT, "Paktika province"), _span(TEXT, "Afghan"),
             _span(TEXT, "Tripoli")]
    found = resolve_spans(TEXT, spans, gazetteer=gazetteer)
    assert [(r["start"], r["end"]) for r in found] == spans
    assert [r["name"] for r in found] == ["Tripoli", "Kabul's", "Paktika province", "Afghan", "Tripoli"]
    assert [(r["country_code"], r["kind"]) for r in found] == [
        ("LY", "place"), ("AF", "place"), ("AF", "admin1"), ("AF", "country"), ("LY", "place")]


def test_given_spans_are_the_only_ones(gazetteer):
    found = resolve_spans(TEXT, [_span(TEXT, "Paktika")], gazetteer=gazetteer)
    assert [r["name"] for r in found] == ["Paktika"]


def test_no_spans_no_places(gazetteer):
    assert resolve_spans(TEXT, [], gazetteer=gazetteer) == []


def test_unresolvable_spans_have_null_coordinates(gazetteer):
    text = "Qqxzv officials met in Zzyzx."
    found = resolve_spans(text, [_span(text, "Qqxzv"), _span(text, "Zzyzx")], gazetteer=gazetteer)
    assert found == [
        {"start": 0, "end": 5, "name": "Qqxzv", "latitude": None, "longitude": None, "country_code": None},
        {"start": 23, "end": 28, "name": "Zzyzx", "latitude": None, "longitude": None, "country_code": None},
    ]


def test_a_span_the_gazetteer_lacks_is_placed_by_its_context(gazetteer):
    text = "Shelling hit Zzyzx Street in Mosul. Residents of Mosul fled."
    (found,) = resolve_spans(text, [_span(text, "Zzyzx Street")], gazetteer=gazetteer)
    assert (found["country_code"], found["resolved_name"]) == ("IQ", "Mosul")


def test_a_span_with_no_context_of_its_own_is_placed_by_the_texts_main_place(gazetteer):
    # A scorer's span is a place by its say-so; alone in its paragraph, it lies where the text is about.
    text = "Police in Peshawar said two shops in Peshawar burned.\n\nTraffic was diverted around the Zzyzx Bridge."
    (found,) = resolve_spans(text, [_span(text, "Zzyzx Bridge")], gazetteer=gazetteer)
    assert (found["country_code"], found["resolved_name"]) == ("PK", "Peshawar")
    assert "main place" in found["why"]


def test_the_whole_text_is_context_for_a_span(gazetteer):
    text = "Clashes hit Hyderabad. Officials in Karachi and Sindh province said the army was deployed."
    (found,) = resolve_spans(text, [_span(text, "Hyderabad")], gazetteer=gazetteer)
    assert found["country_code"] == "PK"


def test_resolve_spans_refuses_binary_text(gazetteer):
    with pytest.raises(InputError):
        resolve_spans("Kabul\x00", [(0, 5)], gazetteer=gazetteer)
