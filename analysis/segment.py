"""Split repaired text into paragraphs (lines) and sentences, keeping character offsets."""
from __future__ import annotations

import re
from dataclasses import dataclass

# Words that end in a period without ending a sentence in news English.
ABBREVIATIONS = frozenset(
    """u.s u.k u.n e.u mr mrs ms dr gen lt col maj capt sgt adm sen rep gov pres st jr sr
    no vs etc inc corp ltd co jan feb mar apr jun jul aug sep sept oct nov dec
    a.m p.m approx est dept univ mt ft""".split()
)

# Possessive quantifiers and the look-behind keep a long run of punctuation linear, not quadratic.
_BOUNDARY = re.compile(r"(?<![.!?])[.!?]++[\"'\u201d\u2019)\]]*+(?=\s+[\"'\u201c\u2018(\[]?[A-Z0-9])")
# A full stop that lost the space after it ("officials said.The attackers", "the toll to 11.Officials"): a lowercase
# word of two letters or more, or a number, before it; a capitalised word going on in lowercase after it. A word
# holding a period or slash before ("example.com", "www.Site") is a URL or an abbreviation, not a sentence end.
_GLUED = re.compile(r"(?<![\w./@:])(?:[a-z]{2,}|\d+)\.(?=[A-Z][a-z]+\b)")
_LAST_WORD = re.compile(r"([A-Za-z][A-Za-z.]*)$")
_SPACES = re.compile(r"\s*")
# Only this many characters before a period are searched for an abbreviation; longer words are none.
_WORD_WINDOW = 80


@dataclass(frozen=True)
class Paragraph:
    """A non-empty line of the article; paragraph 0 is the title."""

    index: int
    start: int
    end: int


@dataclass(frozen=True)
class Sentence:
    """A sentence with its offsets and the paragraph that holds it."""

    index: int
    paragraph: int
    start: int
    end: int


def paragraphs(text: str) -> list[Paragraph]:
    """Each non-blank line, stripped of surrounding white space."""
    out: list[Paragraph] = []
    for match in re.finditer(r"[^\n]+", text):
        line = match.group()
        if not line.strip():
            continue
        start = match.start() + (len(line) - len(line.lstrip()))
        end = match.end() - (len(line) - len(line.rstrip()))
        out.append(Paragraph(len(out), start, end))
    return out


def _is_abbreviation(text: str, start: int, end: int) -> bool:
    """True when the period at text[end] belongs to an abbreviation or initial (the sentence began at `start`)."""
    window = max(start, end - _WORD_WINDOW)
    match = _LAST_WORD.search(text, window, end)
    if not match or (match.start() == window and window > start):
        return False
    word = match.group(1).rstrip(".").lower()
    return word in ABBREVIATIONS or len(word) == 1


def _glued_stops(text: str, start: int, end: int) -> list[int]:
    """Offsets just past each full stop glued to the next sentence, abbreviations excepted."""
    out = []
    for match in _GLUED.finditer(text, start, end):
        word = match.group()[:-1].lower()
        if word not in ABBREVIATIONS:
            out.append(match.end())
    return out


def _boundaries(text: str, start: int, end: int) -> list[int]:
    """Where sentences end in text[start:end], in order: after spaced punctuation that is no abbreviation's period,
    and after full stops that lost their space."""
    found: list[int] = []
    sent_start = start
    for match in _BOUNDARY.finditer(text, start, end):
        if match.group().startswith(".") and len(match.group().rstrip("\"'\u201d\u2019)]")) == 1:
            if _is_abbreviation(text, sent_start, match.start()):
                continue
        found.append(match.end())
        sent_start = _SPACES.match(text, match.end(), end).end()
    return sorted(found + _glued_stops(text, start, end))


def split_sentences(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Sentence offsets within text[start:end], found in time linear in its length."""
    spans: list[tuple[int, int]] = []
    sent_start = start
    for stop in _boundaries(text, start, end):
        spans.append((sent_start, stop))
        sent_start = _SPACES.match(text, stop, end).end()
    if sent_start < end and text[sent_start:end].strip():
        spans.append((sent_start, end))
    return spans


def sentences(text: str, paras: list[Paragraph]) -> list[Sentence]:
    """Every sentence of every paragraph, numbered through the article."""
    out: list[Sentence] = []
    for para in paras:
        for s_start, s_end in split_sentences(text, para.start, para.end):
            out.append(Sentence(len(out), para.index, s_start, s_end))
    return out
