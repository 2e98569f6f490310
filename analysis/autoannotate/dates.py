"""Temporal expressions resolved against the publication date, with tense deciding past or future weekdays.

Without a publication date, expressions relative to it (weekdays, "last week", "Oct. 7"
without a year, "today") cannot be resolved and are left out; explicit dates, months
with a year, years and durations are still annotated (analysis.autoannotate.publication finds the date a page
states about itself when the caller has none).
"""
from __future__ import annotations

import calendar
import datetime as dt
import re
from bisect import bisect_left

from ..annotations import DateExpr
from .context import Context
from .date_patterns import DATE_IN_NAME, NEEDED_WORDS, NUMBER_WORDS, PATTERNS
from .date_patterns import DAY as DAY  # re-exported: publication reads the building blocks here
from .date_patterns import MONTH as MONTH
from .date_patterns import YEAR as YEAR
from .lexicon import MONTHS, WEEKDAYS
from .spans import SpanIndex

_FUTURE = re.compile(r"\b(?:will|shall|set to|set for|slated|due on|scheduled|planned to|plans to|planning to|expected|expects? to|"
                     r"is to|are to|due to|going to|upcoming|to be held|next|(?:is|are) up for|faces? (?:re-?)?election)\b|\u2019ll\b|'ll\b", re.I)
_PAST = re.compile(r"\b(?:said|was|were|had|did|told|made|took|came|went|saw|began|fought|struck|hit|"
                   r"[a-z]\w*ed)\b")

# "be", "been", "being" and the spaces after them: a past participle right after one is passive, not past tense.
_PASSIVE_BE = re.compile(r"\b(?:be|been|being)\s+", re.I)
_MODAL = re.compile(r"\b(?:could|may|might|would)\b", re.I)

_MAY_CONTEXT = re.compile(r"\b(?:in|since|until|till|by|from|through|of|last|next|this|early|late|mid|during)\s*-?$", re.I)


# A resolved temporal expression before ids are given out: the schema's record with an empty id.
DateRec = DateExpr


class DateIndex:
    """The dates of an article (sorted, never overlapping), found by where they start or what they touch."""

    def __init__(self, dates: list[DateRec]) -> None:
        self.dates = dates
        self.starts = [d.start for d in dates]
        self.spans = SpanIndex((d.start, d.end) for d in dates)

    def starting_in(self, lo: int, hi: int) -> list[DateRec]:
        """The dates whose first character lies in [lo, hi), in text order."""
        return self.dates[bisect_left(self.starts, lo):bisect_left(self.starts, hi)]


def iso_week(day: dt.date) -> str:
    """The ISO week of a day, as YYYY-Www."""
    y, w, _ = day.isocalendar()
    return f"{y}-W{w:02d}"


def _month_bounds(year: int, month: int) -> tuple[dt.date, dt.date]:
    return dt.date(year, month, 1), dt.date(year, month, calendar.monthrange(year, month)[1])


def _week_bounds(day: dt.date) -> tuple[dt.date, dt.date]:
    monday = day - dt.timedelta(days=day.weekday())
    return monday, monday + dt.timedelta(days=6)


def _number(text: str) -> int | None:
    t = text.lower()
    return int(t) if t.isdigit() else NUMBER_WORDS.get(t)


def _day(value: dt.date, resolution: str) -> tuple[str, str, str, str, str | None, str | None]:
    return value.isoformat(), "point", "day", resolution, value.isoformat(), value.isoformat()


def _month_rec(year: int, month: int, resolution: str) -> tuple[str, str, str, str, str | None, str | None]:
    a, b = _month_bounds(year, month)
    return f"{year}-{month:02d}", "interval", "month", resolution, a.isoformat(), b.isoformat()


def _week_rec(day: dt.date, resolution: str) -> tuple[str, str, str, str, str | None, str | None]:
    a, b = _week_bounds(day)
    return iso_week(day), "interval", "week", resolution, a.isoformat(), b.isoformat()


def _year_rec(year: int, resolution: str) -> tuple[str, str, str, str, str | None, str | None]:
    return f"{year}", "interval", "year", resolution, f"{year}-01-01", f"{year}-12-31"


def is_future(ctx: Context, start: int, end: int) -> bool:
    """True when the clause governing the expression at [start, end) speaks of the future."""
    tok = ctx.token_at(start)
    if tok is None:
        return False
    first = ctx.clause_start(tok)
    before = ctx.text[ctx.tokens[first].start:start]
    last_future = max((m.end() for m in _FUTURE.finditer(before)), default=-1)
    last_past = max((m.end() for m in _PAST.finditer(before)), default=-1)
    if last_future >= 0 and last_future >= last_past:
        return True
    if last_past >= 0:
        return False
    last_tok = ctx.token_at(max(start, end - 1))
    stop = ctx.clause_end(last_tok if last_tok is not None else tok)
    after = ctx.text[end:ctx.tokens[stop - 1].end] if 0 < stop <= len(ctx.tokens) else ""
    if _FUTURE.search(after) or _PAST.search(after):
        return bool(_FUTURE.search(after)) and not _PAST.match(after.strip())
    return _rest_of_sentence_future(ctx, stop) or _governing_clause_future(ctx, first)


def _governing_clause_future(ctx: Context, first: int) -> bool:
    """A clause with no tense marker anywhere after it ("before its mandate expires in December") takes the tense
    of the nearest marked clause before it; a modal ("could force it to cut troops") looks ahead too."""
    s_start = ctx.sentences[ctx.tokens[first].sent][0]
    before = ctx.text[s_start:ctx.tokens[first].start]
    markers = [(m.end(), True) for m in _FUTURE.finditer(before)] + [(m.end(), True) for m in _MODAL.finditer(before)]
    passive = {m.end() for m in _PASSIVE_BE.finditer(before)}
    markers += [(m.end(), False) for m in _PAST.finditer(before) if m.start() not in passive]
    return max(markers)[1] if markers else False


def _rest_of_sentence_future(ctx: Context, stop: int) -> bool:
    """A clause with no tense marker of its own ("whose mandate expires on Feb. 7, is set to meet") takes the
    tense of the next marked clause of its sentence."""
    if not 0 < stop < len(ctx.tokens) or ctx.tokens[stop].sent != ctx.tokens[stop - 1].sent:
        return False
    s_end = ctx.sentences[ctx.tokens[stop].sent][1]
    rest = ctx.text[ctx.tokens[stop].start:s_end]
    future, past = _FUTURE.search(rest), _PAST.search(rest)
    return future is not None and (past is None or future.start() < past.start())


# The months each season spans (northern meteorological seasons; winter runs into the next year).
SEASONS = {"spring": (3, 5), "summer": (6, 8), "autumn": (9, 11), "fall": (9, 11), "winter": (12, 14)}


def _season_bounds(season: str, year: int) -> tuple[dt.date, dt.date]:
    first, last = SEASONS[season]
    end_year, end_month = year + (last - 1) // 12, (last - 1) % 12 + 1
    return dt.date(year, first, 1), _month_bounds(end_year, end_month)[1]


def _season_rec(season: str, year: int, resolution: str) -> tuple[str, str, str, str, str | None, str | None]:
    """A season has year precision: its year as value, its days as the interval ("last summer" = 2024)."""
    a, b = _season_bounds(season, year)
    return f"{year}", "interval", "year", resolution, a.isoformat(), b.isoformat()


def _season_year(season: str, rel: str, pub: dt.date) -> int:
    """The year a season named relative to publication starts in: the last one ended before it, the one under
    way or of this year, or the next one to start after it."""
    year = pub.year
    if rel == "last":
        while _season_bounds(season, year)[1] >= pub:
            year -= 1
    elif rel == "next":
        while _season_bounds(season, year)[0] <= pub:
            year += 1
    elif season == "winter" and pub.month <= 2:
        year -= 1
    return year


def _year_tail(m: re.Match[str]) -> tuple[str, str, str, str, str | None, str | None] | None:
    """"2012-13": the second year of a range, its century from the first; None when it is no later year."""
    head = int(m.string[m.start() - 5:m.start() - 1])
    tail = m.group("yy")
    year = int(tail) if len(tail) == 4 else head - head % 100 + int(tail)
    if len(tail) == 2 and year <= head:
        year += 100
    return _year_rec(year, "explicit") if 0 < year - head <= 10 else None


def explicit_day(year: str, month: str, day: str) -> dt.date | None:
    """The day a written year, month name and day number name ("2024", "Aug.", "12th"); None when there is none."""
    try:
        return dt.date(int(year), MONTHS[month], int(re.sub(r"\D", "", day)))
    except (ValueError, KeyError):
        return None


def _resolve(kind: str, m: re.Match[str], pub: dt.date | None, future: bool
             ) -> tuple[str, str, str, str, str | None, str | None] | None:
    """(value, kind, precision, resolution, start_date, end_date) for one match, or None."""
    g = m.groupdict()
    if kind == "iso":
        try:
            return _day(dt.date(int(g["y"]), int(g["m"]), int(g["d"])), "explicit")
        except ValueError:
            return None
    if kind == "half_duration":
        n = _number(g["n"]) if g.get("n") else 1
        unit = (g.get("unit") or g.get("unit1") or "").lower()
        if not n:
            return None
        half = {"year": f"P{n}Y6M", "month": f"P{n}M15D", "week": f"P{7 * n + 3}DT12H", "day": f"P{n}DT12H"}[unit]
        return half, "duration", "duration", "duration", None, None
    if kind in ("mdy", "dmy", "wmdy", "wdmy"):
        day = explicit_day(g["y"], g["mon"], g["d"])
        return _day(day, "explicit") if day else None
    if kind in ("md_tail", "dm_head") and g.get("y"):
        day = explicit_day(g["y"], g["mon"], g["d"])
        return _day(day, "explicit") if day else None
    if kind == "my":
        return _month_rec(int(g["y"]), MONTHS[g["mon"]], "explicit")
    if kind == "fiscal_year":
        return _year_rec(int(g["y"]), "explicit")
    if kind == "year_tail":
        return _year_tail(m)
    if kind == "season" and g.get("y"):
        return _season_rec(g["s2"].lower(), int(g["y"]), "explicit")
    if kind == "year":
        return _year_rec(int(g["y"]), "explicit")
    if kind == "hours":
        n = _number(g["n"])
        if not n or n % 24:
            return None  # the value format has no hours: only whole days ("the past 24 hours" = P1D)
        return f"P{n // 24}D", "duration", "duration", "duration", None, None
    if kind in ("article_duration", "past_unit"):
        return f"P1{g['unit'][0].upper()}", "duration", "duration", "duration", None, None
    if kind == "duration":
        n = _number(g["n"])
        if not n:
            return None
        return f"P{n}{g['unit'][0].upper()}", "duration", "duration", "duration", None, None
    if pub is None:
        return None
    if kind == "month_rel_year":
        step = {"last": -1, "this": 0, "next": 1}[g["rel"].lower()]
        return _month_rec(pub.year + step, MONTHS[g["mon"]], "relative_year")
    if kind == "season":
        return _season_rec(g["s1"].lower(), _season_year(g["s1"].lower(), g["rel"].lower(), pub), "relative_year")
    if kind == "part_of_year":
        return _year_rec(pub.year, "relative_year")
    if kind in ("md", "dm", "md_tail", "dm_head"):
        month, day = MONTHS[g["mon"]], int(re.sub(r"\D", "", g["d"]))
        year = pub.year
        try:
            cand = dt.date(year, month, day)
            if future and cand < pub:
                cand = dt.date(year + 1, month, day)
            elif not future and cand > pub:
                cand = dt.date(year - 1, month, day)
        except ValueError:
            return None
        return _day(cand, "explicit_year_inferred")
    if kind == "month":
        month = MONTHS[g["mon"]]
        rel = (g.get("rel") or "").lower()
        year = pub.year
        if rel == "last":
            year = pub.year if month < pub.month else pub.year - 1
        elif rel == "next" or (future and rel != "this"):
            year = pub.year if month > pub.month or (month == pub.month and rel != "next") else pub.year + 1
        elif rel != "this" and month > pub.month:
            year = pub.year - 1
        return _month_rec(year, month, "explicit_year_inferred")
    if kind == "weekday":
        target = WEEKDAYS.index(g["wd"])
        rel = (g.get("rel") or "").lower()
        if rel == "next" or (future and rel != "last"):
            delta = (target - pub.weekday()) % 7 or 7
            return _day(pub + dt.timedelta(days=delta), "weekday_future")
        delta = (pub.weekday() - target) % 7
        if rel == "last" and delta == 0:
            delta = 7
        return _day(pub - dt.timedelta(days=delta), "weekday_past")
    if kind == "relword":
        w = (g.get("w") or g.get("w2") or "").lower()
        if w in ("today", "tonight", "this morning", "this evening", "this afternoon", "this night"):
            return _day(pub, "publication_date")
        if w in ("yesterday", "last night", "last evening"):
            return _day(pub - dt.timedelta(days=1), "relative_day")
        if w == "tomorrow":
            return _day(pub + dt.timedelta(days=1), "relative_day")
        return None
    if kind == "relunit":
        rel, unit = g["rel"].lower(), g["unit"]
        step = {"last": -1, "this": 0, "next": 1}[rel]
        if unit == "week":
            return _week_rec(pub + dt.timedelta(days=7 * step), "relative_week")
        if unit == "month":
            y, mth = divmod(pub.year * 12 + pub.month - 1 + step, 12)
            return _month_rec(y, mth + 1, "relative_month")
        return _year_rec(pub.year + step, "relative_year")
    if kind == "weekend":
        rel = g["rel"].lower()
        if rel == "next" or (future and rel != "last"):
            saturday = pub + dt.timedelta(days=((5 - pub.weekday()) % 7) or 7)
        else:
            saturday = pub - dt.timedelta(days=(pub.weekday() - 5) % 7)
            if rel == "last" and saturday >= pub - dt.timedelta(days=1):
                saturday -= dt.timedelta(days=7)
        return iso_week(saturday), "interval", "week", "relative_week", saturday.isoformat(), (
            saturday + dt.timedelta(days=1)).isoformat()
    if kind == "ago":
        n = _number(m.group("n"))
        if not n:
            return None
        unit = m.group("unit").lower()
        if unit == "day":
            return _day(pub - dt.timedelta(days=n), "relative_day")
        if unit == "week":
            return _week_rec(pub - dt.timedelta(days=7 * n), "relative_week")
        if unit == "month":
            y, mth = divmod(pub.year * 12 + pub.month - 1 - n, 12)
            return _month_rec(y, mth + 1, "relative_month")
        return _year_rec(pub.year - n, "relative_year")
    return None


# The kinds of expression whose resolution depends on tense ("June 5", "June", "Monday", "the weekend").
TENSED_KINDS = frozenset({"md", "dm", "md_tail", "dm_head", "month", "weekday", "weekend"})


def find_dates(ctx: Context, published: dt.date | None,
               entries: list[tuple[int, dt.date]] | None = None) -> list[DateRec]:
    """Every temporal expression of the guidelines, longest first, never overlapping; relative ones inside a dated
    entry of a rolling page (`entries`: where each entry's date line starts) resolved against the entry's date."""
    entries = [e for e in entries or [] if published is None or e[1] <= published]
    taken = [m.span() for m in DATE_IN_NAME.finditer(ctx.text)]
    out: list[DateRec] = []
    text = ctx.text
    lowered = text.lower()
    for kind, pattern in PATTERNS:
        if kind in NEEDED_WORDS and not any(w in lowered for w in NEEDED_WORDS[kind]):
            continue
        earlier = SpanIndex(sorted(taken))
        for m in pattern.finditer(text):
            start, end = m.span("tail") if m.groupdict().get("tail") else m.span()
            if earlier.overlaps(start, end) or _not_a_date(kind, m, text):
                continue
            if kind in ("duration", "hours") and not _duration_context(text, start, end):
                continue
            future = kind in TENSED_KINDS and (is_future(ctx, start, end) or kind == "month" and _until_month(ctx, m))
            resolved = _resolve(kind, m, _reference(published, entries, start), future)
            if resolved is None:
                continue
            taken.append((start, end))
            value, dkind, precision, resolution, sd, ed = resolved
            out.append(DateRec("", start, end, text[start:end], value, dkind, precision, resolution, sd, ed))
    out.sort(key=lambda d: (d.start, d.end))
    return out


MAY_AS_MONTH_AFTER = re.compile(r"\s+(?:has|had|was|is|saw|will|brought|began|ended)\b")
# "more than two years ago": a vague span ago is the duration, not a point ("two years", as 011 and the guidelines)
VAGUE_BEFORE = re.compile(r"(?:more than|over|nearly|almost|at least)\s+$", re.I)
UNTIL_BEFORE = re.compile(r"\b(?:until|till|by|through)\s+$", re.I)
REPORTED_CLAUSE_OPENER = re.compile(r"\b(?:said|says|say|told|tells|warned|warns|added|adds|stated|announced|that)\b",
                                    re.I)


def _not_a_date(kind: str, m: re.Match[str], text: str) -> bool:
    """Matches that are no date expression: a date inside a name, the modal "May", a vague span "ago"."""
    start, end = m.span()
    if kind == "month" and m.group("mon") == "May" and not m.group("rel"):
        return not (_MAY_CONTEXT.search(text[max(0, start - 12):start]) or MAY_AS_MONTH_AFTER.match(text, end))
    if kind == "month" and len(m.group("mon")) <= 4 and not m.group("mon").endswith(".") \
            and m.group("mon") not in ("May", "June", "July"):
        return True
    return kind == "ago" and VAGUE_BEFORE.search(text[max(0, start - 15):start]) is not None


def _until_month(ctx: Context, m: re.Match[str]) -> bool:
    """"runs only until June": a bare month after until/by in a reported clause with no past tense of its own
    is a coming one."""
    start = m.start()
    if m.group("rel") or not UNTIL_BEFORE.search(ctx.text[max(0, start - 10):start]):
        return False
    s_start = ctx.sentences[ctx.sentence_index(start)][0]
    before = ctx.text[s_start:start]
    opener = max((x.end() for x in REPORTED_CLAUSE_OPENER.finditer(before)), default=0)
    return _PAST.search(before[opener:]) is None and not re.search(r"\b(?:was|were|had)\b", before[opener:])


def _reference(published: dt.date | None, entries: list[tuple[int, dt.date]], start: int) -> dt.date | None:
    """The date relative expressions at `start` count from: the date of the entry holding it, else publication."""
    k = bisect_left(entries, (start + 1, dt.date.min)) - 1 if entries else -1
    return entries[k][1] if k >= 0 and entries[k][0] < start else published


def _duration_context(text: str, start: int, end: int) -> bool:
    """A number of units is a duration unless it is an age or part of a larger quantity phrase."""
    before = text[max(0, start - 12):start].lower()
    if re.search(r"(?:aged|age of)\s*$", before):
        return False
    return not re.match(r"\s*(?:of age|older|younger)\b", text[end:end + 12])
