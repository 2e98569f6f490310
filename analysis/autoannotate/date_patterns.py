"""The patterns of temporal expressions, in the order find_dates tries them, and what lets it pass one by cheaply.

Each pattern opens with a look-ahead at the characters its matches can start with (`_opening`): Python's re engine
tests that at each position about twice as fast as the word boundary most patterns begin with, and the matches
stay the same. A pattern none of whose needed words (NEEDED_WORDS) the text holds is not run at all.
"""
from __future__ import annotations

import re

from .lexicon import WEEKDAYS

NUMBER_WORDS = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9,
    "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16,
    "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50,
    "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90, "hundred": 100, "a": 1, "an": 1,
}
MONTH = (r"(?:January|February|March|April|May|June|July|August|September|October|November|December|"
          r"Jan\.?|Feb\.?|Mar\.?|Apr\.?|Jun\.?|Jul\.?|Aug\.?|Sept?\.?|Oct\.?|Nov\.?|Dec\.?)")
DAY = r"(?:[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?"
YEAR = r"(?:19|20)\d{2}"
_WEEKDAY = r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
_NUMBER_NAMES = sorted((w for w in NUMBER_WORDS if len(w) > 2), key=len, reverse=True)


def _by_first_letter(words: list[str]) -> str:
    """An alternation of `words` grouped by first letter ("t(?:hree|wo)"), so the engine tries only the words that
    start with the letter it reads; within a group the words keep their order."""
    groups: dict[str, list[str]] = {}
    for w in words:
        groups.setdefault(w[0], []).append(w[1:])
    return "|".join(f"{first}(?:{'|'.join(rests)})" for first, rests in groups.items())


_NUM = rf"(?:\d+|{_by_first_letter(_NUMBER_NAMES)})"
_UNIT = r"(?:day|week|month|year)"

# The characters (as the inside of a character class) that the building blocks start with.
_MONTH_FIRST = "ADFJMNOS"
_DIGIT_FIRST = "0-9"  # a DAY or a YEAR
_WEEKDAY_FIRST = "MTWFS"
_REL_FIRST = "lntLNT"  # last, next, this
_NUM_FIRST = r"\d" + "".join(sorted({w[0] for w in _NUMBER_NAMES}))


def _opening(first: str, pattern: str, flags: int = 0) -> re.Pattern[str]:
    """`pattern` compiled behind a look-ahead at `first`, the characters its matches can start with."""
    return re.compile(f"(?=[{first}]){pattern}", flags)


PATTERNS: list[tuple[str, re.Pattern[str]]] = [
    ("iso", _opening(r"\d", r"\b(?P<y>\d{4})-(?P<m>\d{2})-(?P<d>\d{2})\b")),
    ("wmdy", _opening(_WEEKDAY_FIRST, rf"\b{_WEEKDAY},?\s+(?P<mon>{MONTH})\s+(?P<d>{DAY}),?\s+(?P<y>{YEAR})\b")),
    ("wdmy", _opening(_WEEKDAY_FIRST, rf"\b{_WEEKDAY},?\s+(?P<d>{DAY})\s+(?P<mon>{MONTH}),?\s+(?P<y>{YEAR})\b")),
    ("month_rel_year", _opening(_MONTH_FIRST, rf"\b(?P<mon>{MONTH})\s+(?:of\s+)?(?P<rel>last|next|this)\s+year\b")),
    ("half_duration", _opening(_NUM_FIRST + "a", rf"\b(?:(?P<n>{_NUM})\s+and\s+a\s+half\s+(?P<unit>{_UNIT})s?|"
                                                 rf"an?\s+(?P<unit1>{_UNIT})\s+and\s+a\s+half)\b", re.I)),
    ("md_tail", _opening(_MONTH_FIRST, rf"\b(?P<mon>{MONTH})\s+{DAY}\s*(?:and|or|to|through|-|\u2013)\s*"
                                       rf"(?P<tail>(?P<d>{DAY}))\b(?:,?\s+(?P<y>{YEAR})\b)?(?![,.]?\s*\d)")),
    ("dm_head", _opening(_DIGIT_FIRST, rf"\b(?P<tail>(?P<d>{DAY}))\s*(?:and|or|to|-|\u2013)\s*{DAY}\s+"
                                       rf"(?P<mon>{MONTH})(?![\w])(?:,?\s+(?P<y>{YEAR})\b)?")),
    ("mdy", _opening(_MONTH_FIRST, rf"\b(?P<mon>{MONTH})\s+(?P<d>{DAY}),?\s+(?P<y>{YEAR})\b")),
    ("dmy", _opening(_DIGIT_FIRST, rf"\b(?P<d>{DAY})\s+(?P<mon>{MONTH}),?\s+(?P<y>{YEAR})\b")),
    ("my", _opening(_MONTH_FIRST, rf"\b(?P<mon>{MONTH})\s+(?:of\s+)?(?P<y>{YEAR})\b")),
    ("md", _opening(_MONTH_FIRST, rf"\b(?P<mon>{MONTH})\s+(?P<d>{DAY})\b(?![,.]?\s*\d)")),
    ("dm", _opening(_DIGIT_FIRST, rf"\b(?P<d>{DAY})\s+(?P<mon>{MONTH})(?![\w])")),
    ("ago", _opening(_NUM_FIRST, rf"\b(?P<n>{_NUM})\s+(?P<unit>{_UNIT})s?\s+ago\b", re.I)),
    ("weekday", _opening(_REL_FIRST + _WEEKDAY_FIRST, rf"\b(?:(?P<rel>last|next|this|Last|Next|This)\s+)?"
                                                      rf"(?P<wd>{_WEEKDAY})"
                                                      r"(?:\s+(?P<part>morning|afternoon|evening|night))?\b")),
    ("relword", _opening("tyTYlL", r"\b(?P<w>today|yesterday|tomorrow|tonight|Today|Yesterday|Tomorrow|Tonight)\b|"
                                   r"\b(?P<w2>(?:this|last|This|Last) (?:morning|night|evening|afternoon))\b")),
    ("relunit", _opening(_REL_FIRST, r"\b(?P<rel>last|this|next|Last|This|Next)\s+(?P<unit>week|month|year)\b")),
    ("season", _opening(_REL_FIRST + "SsWwAa", r"\b(?:(?P<rel>last|this|next|Last|This|Next)\s+"
                                               r"(?P<s1>summer|winter|spring|autumn|fall)|(?:the\s+)?"
                                               r"(?P<s2>[Ss]ummer|[Ww]inter|[Ss]pring|[Aa]utumn)\s+"
                                               rf"(?:of\s+)?(?P<y>{YEAR}))\b")),
    ("fiscal_year", _opening("Ff", rf"\b(?:(?:[Ff]iscal|[Ff]inancial)\s+(?:[Yy]ear\s+)?|FY\s?)(?P<y>{YEAR})\b")),
    ("part_of_year", _opening("esbmrc", r"\b(?:end|start|beginning|middle|rest|remainder|close) of "
                                        r"(?P<tail>the year)\b")),
    ("year_tail", _opening(r"\d", r"(?<=\b(?:19|20)\d{2}[-\u2013/])(?P<tail>(?P<yy>\d{2}|(?:19|20)\d{2}))\b"
                                  r"(?![-\u2013/]?\d)")),
    ("past_unit", _opening("Tt", r"\b[Tt]he\s+past\s+(?P<unit>day|week|month|year)\b")),
    ("weekend", _opening(_REL_FIRST, r"\b(?P<rel>the|this|last|next|The|This|Last|Next)\s+weekend\b")),
    ("month", _opening(_REL_FIRST + _MONTH_FIRST,
                       rf"\b(?:(?P<rel>last|next|this|Last|Next|This)\s+)?(?P<mon>{MONTH})(?![\w])")),
    ("hours", _opening(_NUM_FIRST, rf"\b(?P<n>{_NUM})(?:\s+|-)hours?\b", re.I)),
    ("article_duration", _opening("a", r"(?:(?<=\bafter )|(?<=\bfor )|(?<=\bwithin )|(?<=\bduring )|(?<=\bover ))"
                                       r"an?\s+(?P<unit>day|week|month|year)\b"
                                       r"(?!\s+(?:ago|earlier|later|after|before|from|or|and)\b|-)", re.I)),
    ("duration", _opening(_NUM_FIRST, rf"\b(?P<n>{_NUM})(?:\s+|-)(?P<unit>{_UNIT})s?\b(?!-old|\s+old\b)", re.I)),
    ("year", _opening("12", rf"(?<![$\d.,])\b(?P<y>{YEAR})\b(?![\d%]|s\b|\s*(?:people|rockets|troops|dollars))")),
]
# Words (in lowercase) one of which every match of a pattern holds: a pattern whose words the text lacks is not run,
# as most articles name no season, fiscal year or weekend.
_WEEKDAY_WORDS = tuple(d.lower() for d in WEEKDAYS)
NEEDED_WORDS: dict[str, tuple[str, ...]] = {
    "wmdy": _WEEKDAY_WORDS, "wdmy": _WEEKDAY_WORDS, "weekday": _WEEKDAY_WORDS,
    "half_duration": ("half",), "ago": ("ago",), "hours": ("hour",),
    "relword": ("today", "yesterday", "tomorrow", "tonight",
                *(f"{rel} {part}" for rel in ("this", "last") for part in ("morning", "night", "evening",
                                                                            "afternoon"))),
    "season": ("summer", "winter", "spring", "autumn", "fall"), "fiscal_year": ("fiscal", "financial", "fy"),
    "part_of_year": ("of the year",), "past_unit": ("past",), "weekend": ("weekend",),
}
# A date inside a name ("March 23 Movement"): a day or month followed by an organisation's head word.
NAME_HEADS_AFTER = re.compile(r"\s+(?:Movement|Brigade|Brigades|Front|Alliance|Coalition|Group|Party|Revolution|"
                              r"Battalion|Martyrs|Uprising|Agreement|Accord|Declaration|Manifesto|Protocol)\b")
DATE_IN_NAME = _opening(_MONTH_FIRST + _DIGIT_FIRST,
                        rf"\b(?:{MONTH}\s+{DAY}|{DAY}\s+{MONTH})(?={NAME_HEADS_AFTER.pattern})")
