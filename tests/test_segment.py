"""Paragraph and sentence splitting: abbreviations, quotes, offsets."""
from __future__ import annotations

import pytest

from analysis.segment import paragraphs, sentences


def split(text: str) -> list[str]:
    """The sentences of a text, as strings."""
    return [text[s.start:s.end] for s in sentences(text, paragraphs(text))]


@pytest.mark.parametrize(("text", "expected"), [
    ("The U.S. said it would help. Israel agreed.",
     ["The U.S. said it would help.", "Israel agreed."]),
    ("The Oct. 7 attack killed many. Talks followed.",
     ["The Oct. 7 attack killed many.", "Talks followed."]),
    ("Gen. Smith spoke first. Lt. Col. Jones left later.",
     ["Gen. Smith spoke first.", "Lt. Col. Jones left later."]),
    ("It cost $3.5 billion. Then more came.", ["It cost $3.5 billion.", "Then more came."]),
    ("He met Dr. Ali at 5 p.m. on Monday. Then he left.",
     ["He met Dr. Ali at 5 p.m. on Monday.", "Then he left."]),
    ("Officials named John F. Kennedy Airport. It closed.",
     ["Officials named John F. Kennedy Airport.", "It closed."]),
])
def test_abbreviations_do_not_end_sentences(text: str, expected: list[str]) -> None:
    assert split(text) == expected


@pytest.mark.parametrize(("text", "expected"), [
    ("He said: \u201cWe will win.\u201d Then he left.", ["He said: \u201cWe will win.\u201d", "Then he left."]),
    ("\u201cIt is over,\u201d she said. \u201cGo home.\u201d Nobody moved.",
     ["\u201cIt is over,\u201d she said.", "\u201cGo home.\u201d", "Nobody moved."]),
    ('She asked "Why?" Nobody answered.', ['She asked "Why?"', "Nobody answered."]),
])
def test_quotes_ending_sentences_stay_with_their_sentence(text: str, expected: list[str]) -> None:
    assert split(text) == expected


def test_quote_with_attribution_inside_is_one_sentence() -> None:
    text = "\u201cWe will respond,\u201d the spokesman said, adding that talks would go on."
    assert split(text) == [text]


def test_question_and_exclamation_marks_end_sentences() -> None:
    assert split("Is it over? Yes! Done.") == ["Is it over?", "Yes!", "Done."]


def test_paragraphs_are_lines_stripped_of_spaces() -> None:
    text = "Title\n\n  First paragraph.  \n   \nSecond one.\n"
    paras = paragraphs(text)
    assert [text[p.start:p.end] for p in paras] == ["Title", "First paragraph.", "Second one."]
    assert [p.index for p in paras] == [0, 1, 2]


def test_sentences_are_numbered_through_the_article_with_their_paragraph() -> None:
    text = "A title\nOne. Two.\nThree.\n"
    sents = sentences(text, paragraphs(text))
    assert [(s.index, s.paragraph) for s in sents] == [(0, 0), (1, 1), (2, 1), (3, 2)]
    assert all(text[s.start:s.end] == text[s.start:s.end].strip() for s in sents)


def test_seed_title_is_sentence_zero_and_sentences_cover_paragraphs(seed_article) -> None:
    first = seed_article.sentences[0]
    assert (first.index, first.paragraph) == (0, 0)
    assert seed_article.text[first.start:first.end] == seed_article.title
    for para in seed_article.paragraphs:
        inside = [s for s in seed_article.sentences if s.paragraph == para.index]
        assert inside and inside[0].start == para.start and inside[-1].end == para.end


@pytest.mark.parametrize("text, expected", [
    ("The convoy was stopped, guards said.Nobody was hurt.",
     ["The convoy was stopped, guards said.", "Nobody was hurt."]),
    ("The count reached 14.Rescuers kept digging.", ["The count reached 14.", "Rescuers kept digging."]),
    ("Aid reached the U.S.Embassy late.", ["Aid reached the U.S.Embassy late."]),
    ("Growth was 2.5 percent.", ["Growth was 2.5 percent."]),
    ("See www.news.Site or example.com for more.", ["See www.news.Site or example.com for more."]),
    ("Fighting resumed in Jan.Talks stalled.", ["Fighting resumed in Jan.Talks stalled."]),
])
def test_a_full_stop_that_lost_its_space_still_ends_a_sentence(text: str, expected: list[str]) -> None:
    assert split(text) == expected
