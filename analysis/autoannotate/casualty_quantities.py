"""Quantities as written: a numeral, number word or vague word with its qualifier, and the range it allows."""
from __future__ import annotations

import re

from ..quantities import VAGUE_RANGES
from .casualty_words import KILL_WORDS, ORDINALS, PERSON_NOUNS
from .dates import NUMBER_WORDS
from .phrase_table import PhraseTable

QUALIFIER_PHRASES: list[tuple[tuple[str, ...], str]] = sorted([
    (("edging", "closer", "to"), "nearly"), (("closer", "to"), "nearly"), (("close", "to"), "nearly"),
    (("nearly",), "nearly"), (("almost",), "nearly"), (("nearing",), "nearly"), (("just", "under"), "nearly"),
    (("approaching",), "nearly"), (("at", "least"), "at_least"), (("no", "fewer", "than"), "at_least"),
    (("more", "than"), "more_than"), (("over",), "more_than"), (("upwards", "of"), "more_than"),
    (("in", "excess", "of"), "more_than"), (("about",), "about"), (("around",), "about"),
    (("approximately",), "about"), (("roughly",), "about"), (("some",), "about"), (("an", "estimated"), "about"),
    (("estimated",), "about"), (("up", "to"), "up_to"), (("as", "many", "as"), "up_to"), (("at", "most"), "up_to"),
    (("fewer", "than"), "up_to"), (("less", "than"), "up_to"),
], key=lambda p: -len(p[0]))
VAGUE_PHRASES = sorted((tuple(k.split()) for k in VAGUE_RANGES
                        if not (k.endswith(" of") and k[:-3] in VAGUE_RANGES)), key=len, reverse=True)
# The words a quantity can open with, besides a numeral: the first word of a qualifier, a vague phrase or a number,
# and the openers of a range ("between"), a part ("some of") and one person ("a nurse").
OPENING_WORDS = frozenset({p[0] for p, _ in QUALIFIER_PHRASES} | {p[0] for p in VAGUE_PHRASES} | set(NUMBER_WORDS)
                          | {"between", "some", "a", "an"})


QUALIFIERS = PhraseTable(QUALIFIER_PHRASES)
VAGUE = PhraseTable((p, " ".join(p)) for p in VAGUE_PHRASES)
NUMERAL = re.compile(r"\d{1,3}(?:,\d{3})+|\d+")
DECIMAL = re.compile(r"\d+\.\d+")
SCALES = {"hundred": 100, "thousand": 1000, "million": 1_000_000}


def read_number(tokens: list[str], i: int) -> tuple[int, int] | None:
    """(value, tokens used) of a numeral or number word at token i."""
    if i >= len(tokens):
        return None
    t = tokens[i].lower()
    if NUMERAL.fullmatch(t):
        value = int(t.replace(",", ""))
        used = 1
    elif DECIMAL.fullmatch(t) and i + 1 < len(tokens) and tokens[i + 1].lower() in ("million", "thousand"):
        value, used = float(t), 1  # type: ignore[assignment]
    elif t in NUMBER_WORDS and t not in ("a", "an", "hundred"):
        value, used = NUMBER_WORDS[t], 1
        if i + 2 < len(tokens) and tokens[i + 1] == "-" and tokens[i + 2].lower() in NUMBER_WORDS:
            value += NUMBER_WORDS[tokens[i + 2].lower()]
            used = 3
    else:
        return None
    if i + used < len(tokens):
        scale = SCALES.get(tokens[i + used].lower())
        if scale:
            value, used = value * scale, used + 1
    return int(value), used


Quantity = tuple[int, int, str, "int | None", "int | None", "str | None"]


def read_quantity(words: list[str], lower: list[str], i: int) -> Quantity | None:
    """A quantity starting at token i of a sentence's words (and their lowercase forms): (first, end, qualifier, low,
    high, vague word)."""
    special = _range(words, lower, i) or _some_of(lower, i) or _single(lower, i)
    if special is not None:
        return special
    qualifier, q_len = "exact", 0
    if (found := QUALIFIERS.at(lower, i)) is not None:
        qualifier, q_len = found[1], len(found[0])
    j = i + q_len
    if (vague := VAGUE.at(lower, j)) is not None:
        phrase, key = vague
        if key in ("many", "few", "numerous", "tens") and q_len == 0 and not _followed_by_casualty(lower, j + len(phrase)) \
                and not (j > 0 and lower[j - 1] in KILL_WORDS):
            return None
        low, high = VAGUE_RANGES[key]
        if q_len and low == high:
            return (i, j + len(phrase), qualifier, *_bounds(qualifier, low, lower[i]), None)
        return i, j + len(phrase), "vague", low, high, key
    num = read_number(words, j)
    if num is None:
        return None
    n, used = num
    return (i, j + used, qualifier, *_bounds(qualifier, n, lower[i]), None)


def may_open_quantity(word: str) -> bool:
    """Whether a quantity can start at this lowercase word: a cheap test that most words fail."""
    return word in OPENING_WORDS or word[:1].isdecimal()


def _bounds(qualifier: str, n: int, first: str) -> tuple[int | None, int | None]:
    """(count_low, count_high) of a number under its qualifier; `first` is the qualifier's first word."""
    low, high = {"exact": (n, n), "about": (n, n), "at_least": (n, None), "more_than": (n + 1, None),
                 "nearly": (None, n), "up_to": (None, n)}[qualifier]
    if qualifier == "up_to" and first in ("fewer", "less"):
        high = n - 1
    return low, high


def _followed_by_casualty(lower: list[str], k: int) -> bool:
    return any(w in KILL_WORDS for w in lower[k:k + 5])


def _range(words: list[str], lower: list[str], i: int) -> Quantity | None:
    """"between 24 and 28": a range the wording allows, a vague quantity with both bounds."""
    if lower[i] != "between":
        return None
    first = read_number(words, i + 1)
    if first is None or lower[i + 1 + first[1]:i + 2 + first[1]] != ["and"]:
        return None
    second = read_number(words, i + 2 + first[1])
    if second is None or second[0] <= first[0]:
        return None
    return i, i + 2 + first[1] + second[1], "vague", first[0], second[0], None


def _some_of(lower: list[str], i: int) -> Quantity | None:
    """"some of the passengers": an unstated part, at least two."""
    if tuple(lower[i:i + 2]) != ("some", "of") or i + 2 >= len(lower) or lower[i + 2] not in ("the", "them", "those",
                                                                                               "our", "their", "its"):
        return None
    return i, i + 1, "vague", 2, None, "some"


def _single(lower: list[str], i: int) -> Quantity | None:
    """"a nurse", "a three-year-old boy", "an American citizen", "a fifth peacekeeper": one person, counted 1.
    The span ends after an ordinal ("a fifth"), else after the person noun."""
    if lower[i] not in ("a", "an") or tuple(lower[i:i + 2]) == ("an", "estimated"):
        return None
    if i + 1 < len(lower) and lower[i + 1] in ORDINALS:
        return (i, i + 2, "exact", 1, 1, None) if _person_ahead(lower, i + 2) is not None else None
    head = _person_ahead(lower, i + 1)
    return (i, head + 1, "exact", 1, 1, None) if head is not None else None


def _person_ahead(lower: list[str], k: int) -> int | None:
    """Index of a person noun heading the words from k, past up to six modifier tokens ("three-year-old", "junior")."""
    for m in range(k, min(len(lower), k + 7)):
        w = lower[m]
        if w in PERSON_NOUNS:
            return m
        if not (w.isalpha() or w == "-" or w.isdigit()) or w in KILL_WORDS or w in ("and", "or", "of", "the"):
            return None
    return None
