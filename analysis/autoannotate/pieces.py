"""Where a long text is cut for the tokenizer: at white space, preferring paragraph then sentence starts.

spaCy tokenizes each run of non-space characters on its own, so cutting where white space ends gives the
tokens the whole text would give; pieces keep spaCy's length limit (E088) and its memory out of the way. They are
short (about a paragraph) because spaCy caches the tokens of a run of characters only until the first special case
("U.S.", "Mr.") of each call: in one call for the whole text, most runs would be tokenized afresh every time.
"""
from __future__ import annotations

import re
from bisect import bisect_right

PIECE_CHARS = 500
_SPACE_THEN_WORD = re.compile(r"\s(?=\S)")


def pieces(text: str, sentences: list[tuple[int, int]], paragraph_of_sentence: list[int],
           size: int = PIECE_CHARS) -> list[tuple[int, int]]:
    """(start, end) of consecutive pieces covering the text, each at most `size` characters where white space
    allows: cut at the last paragraph start that fits, else the last sentence start, else the last word start."""
    sent_starts = [a for a, _ in sentences]
    para_starts = [a for n, a in enumerate(sent_starts) if n and paragraph_of_sentence[n] != paragraph_of_sentence[n - 1]]
    out: list[tuple[int, int]] = []
    pos = 0
    while len(text) - pos > size:
        cut = (_last_cut(text, para_starts, pos, pos + size) or _last_cut(text, sent_starts, pos, pos + size)
               or _last_word_start(text, pos, pos + size) or _next_word_start(text, pos + size))
        if cut is None:
            break
        out.append((pos, cut))
        pos = cut
    out.append((pos, len(text)))
    return out


def _cuttable(text: str, at: int) -> bool:
    """A word starts at `at` right after white space."""
    return 0 < at < len(text) and text[at - 1].isspace() and not text[at].isspace()


def _last_cut(text: str, starts: list[int], lo: int, hi: int) -> int | None:
    """The last of the sorted offsets `starts` in (lo, hi] where a cut may fall."""
    k = bisect_right(starts, hi) - 1
    while k >= 0 and starts[k] > lo:
        if _cuttable(text, starts[k]):
            return starts[k]
        k -= 1
    return None


def _last_word_start(text: str, lo: int, hi: int) -> int | None:
    """The last word start after white space in (lo, hi]."""
    last = None
    for m in _SPACE_THEN_WORD.finditer(text, lo, min(hi + 1, len(text))):
        if m.end() > lo:
            last = m.end()
    return last


def _next_word_start(text: str, lo: int) -> int | None:
    """The first word start after white space at or after lo (for a word longer than a piece)."""
    m = _SPACE_THEN_WORD.search(text, max(lo - 1, 0))
    return m.end() if m else None
