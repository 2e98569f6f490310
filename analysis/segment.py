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

_BOUNDARY = re.compile(r"[.!?]+[\"'\u201d\u2019)\]]*(?=\s+[\"'\u201c\u2018(\[]?[A-Z0-9])")
_LAST_WORD = re.compile(r"([A-Za-z][A-Za-z.]*)$")


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


def _is_abbreviation(text_before: str) -> bool:
    """True when the period ending `text_before` belongs to an abbreviation or initial."""
    match = _LAST_WORD.search(text_before)
    if not match:
        return False
    word = match.group(1).rstrip(".").lower()
    return word in ABBREVIATIONS or len(word) == 1


def split_sentences(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Sentence offsets within text[start:end]."""
    spans: list[tuple[int, int]] = []
    chunk = text[start:end]
    sent_start = 0
    for match in _BOUNDARY.finditer(chunk):
        if match.group().startswith(".") and len(match.group().rstrip("\"'\u201d\u2019)]")) == 1:
            if _is_abbreviation(chunk[sent_start:match.start()]):
                continue
        spans.append((start + sent_start, start + match.end()))
        rest = chunk[match.end():]
        sent_start = match.end() + (len(rest) - len(rest.lstrip()))
    if sent_start < len(chunk) and chunk[sent_start:].strip():
        spans.append((start + sent_start, end))
    return spans


def sentences(text: str, paras: list[Paragraph]) -> list[Sentence]:
    """Every sentence of every paragraph, numbered through the article."""
    out: list[Sentence] = []
    for para in paras:
        for s_start, s_end in split_sentences(text, para.start, para.end):
            out.append(Sentence(len(out), para.index, s_start, s_end))
    return out
