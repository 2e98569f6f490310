"""The publication date a page states about itself, and the dated entries of a rolling page.

Evidence, strongest first, in the opening lines: a byline or metadata line with a publication word or bars
("Published 3 Mar, 2023 09:41am", "Last updated Jan. 17, 2025", "date 2017-11-01", "ANALYSIS | Outlet | Sunday,
October 12, 2025"); a dateline with a full date ("KYIV, Aug. 12, 2024 —"); a line that is only a date ("Monday,
April 13, 2009") or ends in one after a colon ("Shorts: May 23, 2008"); a dateline without a year ("BAMAKO,
March 3 (Reuters) –"), whose year is taken only from another full date of the opening lines. Nothing else is
guessed: without evidence the caller is told so, and relative dates stay unresolved.
"""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from .dates import DAY, MONTH, YEAR, explicit_day
from .lexicon import MONTHS

# How far into the page the publication date is looked for.
OPENING_LINES = 25
OPENING_CHARS = 3000
_WEEKDAY = r"(?:Mon|Tue|Tues|Wed|Thu|Thur|Thurs|Fri|Sat|Sun)[a-z]*\.?"
_TIME = r"(?:\d{1,2}[:.]\d{2}\s*(?:[ap]\.?m\.?|[AP]\.?M\.?)?(?:\s*[A-Z]{2,4})?|\d{1,2}\s*[ap]\.?m\.?)"
FULL_DATE = re.compile(rf"(?:{_WEEKDAY},?\s+)?(?:(?P<mon>{MONTH})\s+(?P<d>{DAY}),?\s+(?P<y>{YEAR})"
                       rf"|(?P<d2>{DAY})\s+(?P<mon2>{MONTH}),?\s+(?P<y2>{YEAR})"
                       rf"|(?P<iy>\d{{4}})-(?P<im>\d{{2}})-(?P<id>\d{{2}}))")
PUBLICATION_WORD = re.compile(r"\b(?:published|updated|posted|first published|last updated|date|dated)\b", re.I)
DATELINE_LEAD = re.compile(r"[A-Z][A-Z .'\u2019()-]*(?:,\s*[A-Z][A-Za-z .'\u2019()-]*)?[,:\u2014\u2013-]?\s*")
YEARLESS_DATELINE = re.compile(rf"^[A-Z][A-Z .'\u2019-]+,\s*(?:[A-Z][A-Za-z .]+,\s*)?(?P<mon>{MONTH})\s+(?P<d>{DAY})"
                               r"\s*(?:\([^)]{1,40}\))?\s*[\u2014\u2013-]")


@dataclass(frozen=True)
class Found:
    """A date a page states about itself, with the words that state it."""

    date: dt.date
    evidence: str


def _full_date(m: re.Match[str]) -> dt.date | None:
    if m.group("iy"):
        try:
            return dt.date(int(m.group("iy")), int(m.group("im")), int(m.group("id")))
        except ValueError:
            return None
    if m.group("mon"):
        return explicit_day(m.group("y"), m.group("mon"), m.group("d"))
    return explicit_day(m.group("y2"), m.group("mon2"), m.group("d2"))


def _opening_lines(text: str) -> list[str]:
    """The first lines of the page, stripped, within OPENING_LINES lines and OPENING_CHARS characters."""
    head = text[:OPENING_CHARS]
    return [ln.strip() for ln in head.splitlines() if ln.strip()][:OPENING_LINES]


def date_only(line: str) -> dt.date | None:
    """The date of a line that holds nothing but a full date, with a weekday or a time ("Jan. 16, 2025")."""
    m = FULL_DATE.search(line)
    if m is None:
        return None
    rest = re.sub(_TIME, "", line[:m.start()] + line[m.end():]).strip(" ,.|\u2014\u2013-")
    return None if rest else _full_date(m)


def _stated(line: str) -> tuple[int, dt.date, str] | None:
    """(rank, date, evidence) when the line states the page's date; a lower rank is stronger evidence."""
    m = FULL_DATE.search(line)
    if m is not None:
        day = _full_date(m)
        if day is None:
            return None
        lead = line[:m.start()]
        if PUBLICATION_WORD.search(lead) or "|" in lead:
            return 0, day, f"publication line {line!r}"
        if lead.strip() and DATELINE_LEAD.fullmatch(lead):
            return 1, day, f"dateline {line[:m.end()]!r}"
        if date_only(line) is not None or lead.rstrip().endswith(":") and not line[m.end():].strip(" ."):
            return 2, day, f"date line {line!r}"
    return None


def publication_from_text(text: str) -> Found | None:
    """The publication date the opening lines of a page state, with its evidence; None when they state none."""
    lines = _opening_lines(text)
    stated = [s for s in map(_stated, lines) if s is not None]
    if stated:
        rank, day, evidence = min(stated, key=lambda s: s[0])
        return Found(day, evidence)
    return _yearless_dateline(lines)


def _yearless_dateline(lines: list[str]) -> Found | None:
    """"BAMAKO, March 3 (Reuters) –": the year only from a full date elsewhere in the opening lines that is no
    later than a year after it (a caption's or timestamp's date)."""
    for line in lines:
        m = YEARLESS_DATELINE.match(line)
        if m is None:
            continue
        years = sorted({d.year for other in lines for d in map(_full_date, FULL_DATE.finditer(other)) if d})
        if len(years) != 1:
            return None
        try:
            day = dt.date(years[0], MONTHS[m.group("mon")], int(re.sub(r"\D", "", m.group("d"))))
        except (ValueError, KeyError):
            return None
        return Found(day, f"dateline {m.group(0).strip()!r}, year {years[0]} from the only year the opening lines name")
    return None


def entry_dates(text: str) -> list[tuple[int, dt.date]]:
    """(offset, date) of each line that is only a date: the heading of a dated entry of a rolling page."""
    out = []
    for m in re.finditer(r"[^\n]+", text):
        day = date_only(m.group().strip())
        if day is not None:
            out.append((m.start(), day))
    return out
