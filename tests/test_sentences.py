"""geo.sentences: paragraphs, sentences, clauses and tokens, each with offsets into the report."""

from __future__ import annotations

import pytest

from geo.sentences import Span, clauses, paragraphs, sentences, tokens

TEXT = ("  Gen. Ali Khan said troops entered Bannu on Oct. 9. The U.S. embassy closed.\n\n"
        "\"Fighting continues,\" he said. 2025 was hard.\n"
        "Clashes hit Goma, but Bukavu was calm; aid arrived. Mr. Smith left. Then A. B. Jones spoke.")


def _texts(spans: list[Span], text: str = TEXT) -> list[str]:
    return [text[s.start:s.end] for s in spans]


def test_paragraphs_are_non_blank_lines_without_edge_whitespace():
    paras = paragraphs(TEXT)
    assert _texts(paras) == [
        "Gen. Ali Khan said troops entered Bannu on Oct. 9. The U.S. embassy closed.",
        "\"Fighting continues,\" he said. 2025 was hard.",
        "Clashes hit Goma, but Bukavu was calm; aid arrived. Mr. Smith left. Then A. B. Jones spoke.",
    ]
    assert [p.paragraph for p in paras] == [0, 1, 2]


def test_sentences_do_not_end_at_abbreviations_or_initials():
    assert _texts(sentences(TEXT)) == [
        "Gen. Ali Khan said troops entered Bannu on Oct. 9.",
        "The U.S. embassy closed.",
        "\"Fighting continues,\" he said.",
        "2025 was hard.",
        "Clashes hit Goma, but Bukavu was calm; aid arrived.",
        "Mr. Smith left.",
        "Then A. B. Jones spoke.",
    ]


def test_sentences_carry_their_paragraph():
    assert [s.paragraph for s in sentences(TEXT)] == [0, 0, 1, 1, 2, 2, 2]


def test_sentence_ends_after_a_closing_quote():
    text = "He said \"the town fell.\" Troops left."
    assert _texts(sentences(text), text) == ["He said \"the town fell.\"", "Troops left."]


@pytest.mark.parametrize("text", ["", "   ", "\n\n\n"])
def test_blank_text_has_no_paragraphs_or_sentences(text):
    assert paragraphs(text) == []
    assert sentences(text) == ()


def test_text_without_final_stop_is_one_sentence():
    text = "Clashes erupted in Goma"
    assert _texts(sentences(text), text) == [text]


def test_clauses_split_at_but_and_semicolon():
    sentence = next(s for s in sentences(TEXT) if "Goma" in TEXT[s.start:s.end])
    parts = [t.strip() for t in _texts(clauses(TEXT, sentence))]
    assert parts == ["Clashes hit Goma", "but Bukavu was calm", "aid arrived."]
    assert all(c.paragraph == sentence.paragraph for c in clauses(TEXT, sentence))


def test_a_sentence_without_breaks_is_one_clause():
    text = "Rebels attacked Bunia on Monday and troops responded."
    (sentence,) = sentences(text)
    assert clauses(text, sentence) == [Span(0, len(text), 0)]


def test_tokens_keep_offsets_and_keys():
    text = "Kabul's U.S. envoy met Sana'a officials in Ma’rib; Spin-Boldak"
    toks = tokens(text)
    assert all(text[t.start:t.end] == t.text for t in toks)
    assert [(t.text, t.key) for t in toks] == [
        ("Kabul", "kabul"), ("s", "s"), ("U.S.", "us"), ("envoy", "envoy"), ("met", "met"),
        ("Sana'a", "sanaa"), ("officials", "officials"), ("in", "in"), ("Ma’rib", "marib"),
        ("Spin", "spin"), ("Boldak", "boldak"),
    ]


def test_token_case_properties():
    caps, upper, lower = tokens("Goma GOMA goma")
    assert caps.capitalised
    assert not caps.is_upper
    assert upper.capitalised
    assert upper.is_upper
    assert not lower.capitalised
    assert not lower.is_upper
    (single,) = tokens("A")
    assert not single.is_upper  # one capital letter is not an all-caps word


def test_span_contains():
    span = Span(10, 20)
    assert span.contains(10, 20)
    assert span.contains(12, 15)
    assert not span.contains(9, 15)
    assert not span.contains(15, 21)
