"""How vague quantity words become count ranges, and how ACLED would code them.

`VAGUE_RANGES` keeps the range the wording allows (our annotation); `ACLED_VALUE`
is the single conservative figure ACLED's codebook assigns (it throws the range away).
"""
from __future__ import annotations

VAGUE_RANGES: dict[str, tuple[int, int | None]] = {
    "a couple of": (2, 3),
    "a few": (2, 5),
    "few": (2, 5),
    "several": (3, 9),
    "a handful of": (3, 6),
    "numerous": (5, None),
    "many": (5, None),
    "a dozen": (12, 12),
    "dozens": (24, 99),
    "dozens of": (24, 99),
    "tens": (20, 99),
    "scores": (40, 99),
    "hundreds": (200, 999),
    "thousands": (2000, 9999),
    "tens of thousands": (20000, 99999),
    "hundreds of thousands": (200000, 999999),
}

ACLED_VALUE: dict[str, int] = {
    "tens": 10,
    "dozens": 12,
    "dozens of": 12,
    "a dozen": 12,
    "scores": 20,
    "hundreds": 100,
    "thousands": 1000,
    "tens of thousands": 10000,
    "hundreds of thousands": 100000,
}
# ACLED: deaths reported with a vague small word count as a limited event (3).
ACLED_SMALL_DEFAULT = 3


def vague_range(word: str) -> tuple[int, int | None] | None:
    """The (low, high) range of a vague quantity word, or None when it is not one."""
    return VAGUE_RANGES.get(word.lower().strip())


def acled_fatalities(count_low: int | None, count_high: int | None, vague_word: str | None) -> int | None:
    """The conservative single figure ACLED's rules give a casualty claim."""
    if vague_word:
        key = vague_word.lower().strip()
        if key in ACLED_VALUE:
            return ACLED_VALUE[key]
        return ACLED_SMALL_DEFAULT if key in VAGUE_RANGES else None
    if count_low is not None:
        return count_low
    return count_high
