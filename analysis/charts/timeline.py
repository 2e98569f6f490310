"""Timeline: dated events on a calendar, what happened apart from what is still to come and from
earlier plans and threats that did not happen.

One far-off event must not squeeze the rest against the publication line, so the calendar is
broken: events are grouped where the dates leave a gap of more than a week, and the group
around the publication date gets its own wide panel, with what came earlier (and later) in
narrower panels of their own scale.  Event labels are wrapped, never cut, and each says its
date as written and as precisely as it is known ("last October": October 2023).
"""
from __future__ import annotations

import datetime as dt
import textwrap
from dataclasses import dataclass

import matplotlib.dates as mdates
import pandas as pd
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from matplotlib.lines import Line2D
from matplotlib.patches import Patch
from matplotlib.ticker import FixedLocator, FuncFormatter, NullLocator

from ..views import MONTHS, TIMELINE_SECTIONS, period_text, timeline_sections
from . import style

ONE_DAY = pd.Timedelta(days=1)
# matplotlib's calendar axis runs from year 1 to 9999; what lies beyond is drawn at the edge.
# The last year is left out: a date locator may put its next tick at 10000-01-01, which matplotlib refuses.
FIRST_DRAWABLE, LAST_DRAWABLE = pd.Timestamp("0001-01-01"), pd.Timestamp("9998-12-31")
# Events drawn at most (those nearest publication), so the chart stays readable and small.
MAX_EVENTS = 40
# Dates further apart than this start a new group; a group shorter than 1/STRETCH of the whole
# period gets a panel of its own rather than being squeezed.
GAP = pd.Timedelta(days=7)
STRETCH = 4
# An event longer than this ("since October 7") groups by its two ends, not by the days between.
LONG_EVENT = pd.Timedelta(days=62)
# Calendar panels at most: the one around publication and up to three before or after it.
MAX_PANELS = 4
# Label lines: characters per line, inches per line, space between events (in lines).
LABEL_CHARS = 34
LINE_INCHES = 0.165
EVENT_GAP = 0.6
LABEL_INCHES = 3.0
# A panel narrower than this (inches) names its period below it instead of ticking dates.
NARROW = 1.2
FONT = 10
WEEKDAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
PANEL_NAMES = {"earlier": "Earlier", "around": "Around publication", "latest": "Latest events",
               "later": "Later", "all": "", "window": ""}


@dataclass(frozen=True)
class Period:
    """One panel of the broken calendar axis: its name and the first and last day it shows."""

    name: str
    first: pd.Timestamp
    last: pd.Timestamp

    def padded(self) -> tuple[float, float]:
        """The panel's x limits: its days with a little room on either side."""
        pad = max((self.last - self.first) * 0.04, pd.Timedelta(hours=14))
        return (mdates.date2num(drawable(self.first - pad)), mdates.date2num(drawable(_day_end(self.last) + pad)))

    def overlaps(self, start: pd.Timestamp, end: pd.Timestamp) -> bool:
        """Whether an event from `start` to `end` (inclusive days) shows in this panel."""
        return start <= self.last and end >= self.first


def drawable(day: pd.Timestamp) -> pd.Timestamp:
    """A day moved inside the span a calendar axis can show."""
    return min(max(day, FIRST_DRAWABLE), LAST_DRAWABLE)


def is_point(precision: object) -> bool:
    """Day-precision dates are drawn as points; weeks, months and years as spans."""
    return str(precision) == "day"


def _day_end(day: pd.Timestamp) -> pd.Timestamp:
    """The moment a day ends, kept inside what a calendar axis can draw."""
    return day + ONE_DAY if day < LAST_DRAWABLE else LAST_DRAWABLE


def date_groups(events: pd.DataFrame, published: pd.Timestamp | None) -> list[tuple[pd.Timestamp, pd.Timestamp]]:
    """The runs of dates with no gap longer than GAP, in order: (first day, last day).

    A week, month or year counts whole (it is one imprecise date); a long span of known days
    ("since October 7") counts by its two ends, so it does not join everything in between.
    """
    spans = []
    for start, end, precision in zip(events["start_date"], events["end_date"], events["precision"]):
        start, end = pd.Timestamp(start), pd.Timestamp(end)
        if str(precision) in ("week", "month", "year") or end - start < LONG_EVENT:
            spans.append((start, end))
        else:
            spans.extend([(start, start), (end, end)])
    if published is not None:
        spans.append((published, published))
    groups: list[list[pd.Timestamp]] = []
    for start, end in sorted(spans):
        if groups and start - groups[-1][1] <= GAP + ONE_DAY:
            groups[-1][1] = max(groups[-1][1], end)
        else:
            groups.append([start, end])
    return [(a, b) for a, b in groups]


def merge_groups(groups: list[tuple[pd.Timestamp, pd.Timestamp]], most: int) -> list[tuple[pd.Timestamp, pd.Timestamp]]:
    """Side groups joined where the gap between them is no longer than the larger of them (one panel
    then stretches little), and then the closest pairs joined until at most `most` are left."""
    merged = [list(g) for g in groups]

    def cost(i: int) -> float:
        gap = (merged[i + 1][0] - merged[i][1]) / ONE_DAY
        return gap / max((merged[i + 1][1] - merged[i][0]) / ONE_DAY, 1.0)

    def join(i: int) -> None:
        merged[i][1] = merged[i + 1][1]
        del merged[i + 1]

    i = 0
    while i < len(merged) - 1:
        if merged[i + 1][0] - merged[i][1] <= max(merged[i][1] - merged[i][0], merged[i + 1][1] - merged[i + 1][0]):
            join(i)
        else:
            i += 1
    while len(merged) > most:
        join(min(range(len(merged) - 1), key=cost))
    return [(a, b) for a, b in merged]


def axis_periods(events: pd.DataFrame, published: pd.Timestamp | None) -> list[Period]:
    """The panels of the calendar: one when the dates sit together; else the group around publication
    (or the latest) in a wide panel, with what came before (and after) in narrow panels of their own."""
    groups = date_groups(events, published)
    if not groups:
        return []
    if published is not None:
        anchor = next(i for i, (a, b) in enumerate(groups) if a <= published <= b)
    else:
        anchor = len(groups) - 1
    first, last = groups[anchor]
    whole = groups[-1][1] - groups[0][0] + ONE_DAY
    if len(groups) == 1 or whole <= STRETCH * max(last - first + ONE_DAY, GAP):
        return [Period("all", groups[0][0], groups[-1][1])]
    before, after = groups[:anchor], groups[anchor + 1:]
    after = merge_groups(after, 1 if before else MAX_PANELS - 1)
    before = merge_groups(before, MAX_PANELS - 1 - len(after))
    return ([Period("earlier", a, b) for a, b in before]
            + [Period("around" if published is not None else "latest", first, last)]
            + [Period("later", a, b) for a, b in after])


def when_line(row: pd.Series) -> str:
    """The date as written and as precisely as it is known: '“last October”: October 2023'."""
    known = period_text(row["start_date"], row["end_date"], row["precision"])
    written = " ".join(str(row["date_text"]).split())
    return f"\u201c{written}\u201d: {known}" if written.lower() != known.lower() else known


def event_label(row: pd.Series) -> str:
    """An event's label, wrapped and never cut: what, then when."""
    what = textwrap.wrap(" ".join(str(row["label"]).split()), LABEL_CHARS, break_on_hyphens=False) or ["—"]
    when = textwrap.wrap(when_line(row), LABEL_CHARS, break_on_hyphens=False)
    return "\n".join(what + when)


def nearest_events(events: pd.DataFrame, anchor: pd.Timestamp | None,
                   limit: int = MAX_EVENTS) -> tuple[pd.DataFrame, int]:
    """The `limit` events nearest `anchor` (default: the latest), kept in order, and how many were left out."""
    if len(events) <= limit:
        return events, 0
    anchor = anchor if anchor is not None else events["end_date"].max()
    distance = (events["start_date"] - anchor).abs()
    keep = distance.sort_values(kind="stable").index[:limit]
    return events[events.index.isin(keep)], len(events) - limit


def in_window(timeline: pd.DataFrame, window: tuple[object, object] | None) -> pd.DataFrame:
    """The events whose dates overlap the window (first day, last day); all events when None."""
    if window is None:
        return timeline
    first, last = pd.Timestamp(window[0]), pd.Timestamp(window[1])
    return timeline[(timeline["end_date"] >= first) & (timeline["start_date"] <= last)]


@dataclass(frozen=True)
class Section:
    """One row of panels: its TIMELINE_SECTIONS key, title, events and the y place of each."""

    key: str
    title: str
    events: pd.DataFrame
    labels: tuple[str, ...]
    centres: tuple[float, ...]
    height: float


def make_section(key: str, events: pd.DataFrame, cut: int, published: pd.Timestamp | None) -> Section:
    """A section's events laid out top to bottom, each as tall as its wrapped label."""
    title = TIMELINE_SECTIONS[key][1]
    if cut:
        nearest = "nearest the publication date" if published is not None else "latest"
        title += f" (the {len(events)} {nearest}, of {len(events) + cut:,})"
    labels = tuple(event_label(row) for _, row in events.iterrows())
    centres, y = [], EVENT_GAP / 2
    for label in labels:
        lines = label.count("\n") + 1
        centres.append(y + lines / 2)
        y += lines + EVENT_GAP
    return Section(key, title, events, labels, tuple(centres), max(y - EVENT_GAP / 2, 2.0))


def sections(events: pd.DataFrame, published: pd.Timestamp | None) -> list[Section]:
    """The non-empty sections in TIMELINE_SECTIONS order ('happened' always shown), drawing at most
    MAX_EVENTS events in all: those nearest publication; each section says what it left out."""
    keys = timeline_sections(events, published)
    kept, _ = nearest_events(events, published)
    found = []
    for key in TIMELINE_SECTIONS:
        every = events[keys == key]
        part = every[every.index.isin(kept.index)]
        if len(every) or key == "happened":
            found.append(make_section(key, part, len(every) - len(part), published))
    return found


def _draw_event(ax, row: pd.Series, y: float) -> None:
    """One event: a point for a known day, a bar over a week, month or year; open when it did not happen."""
    colour = style.colour_for(row["modality"], style.MODALITY_COLOURS)
    filled = str(row["modality"]) == "happened"
    start = pd.Timestamp(row["start_date"])
    if is_point(row["precision"]):
        ax.plot([mdates.date2num(start)], [y], marker="o" if filled else "s", markersize=9, linestyle="none",
                color=colour, markerfacecolor=colour if filled else "white", markeredgewidth=1.8,
                gid=str(row["event_id"]), zorder=3)
    else:
        end = _day_end(pd.Timestamp(row["end_date"]))
        left = mdates.date2num(start)
        bars = ax.barh(y, mdates.date2num(end) - left, left=left, height=0.9, color=colour,
                       alpha=0.85 if filled else 0.35, edgecolor=colour, linewidth=1.4,
                       hatch=None if filled else "//")
        bars.patches[0].set_gid(str(row["event_id"]))


def _ticks(ax, period: Period, inches: float) -> None:
    """Date ticks that fit the panel: each day named for a short run of days, else months or years."""
    days = (period.last - period.first).days + 1
    if days <= 16 and inches >= 1.6:
        step = 1 if days <= inches * 2.8 else 2
        ticks = [mdates.date2num(period.first + pd.Timedelta(days=d)) for d in range(0, days + 1, step)
                 if FIRST_DRAWABLE <= period.first + pd.Timedelta(days=d) <= LAST_DRAWABLE]
        ax.xaxis.set_major_locator(FixedLocator(ticks))
        ax.xaxis.set_minor_locator(mdates.DayLocator())
        ax.xaxis.set_major_formatter(FuncFormatter(
            lambda x, _pos: (lambda d: f"{WEEKDAYS[d.weekday()]}\n{d.day}")(mdates.num2date(x))))
    elif inches < NARROW:
        ax.xaxis.set_major_locator(NullLocator())
    else:
        locator = mdates.AutoDateLocator(minticks=1, maxticks=max(2, int(inches * 1.3)))
        ax.xaxis.set_major_locator(locator)
        ax.xaxis.set_major_formatter(mdates.ConciseDateFormatter(locator, show_offset=False))
    ax.tick_params(axis="x", labelsize=FONT)


def _axis_label(period: Period) -> str:
    """What a panel's calendar covers: 'Around publication: August 2024', 'Nov 2022', '2015\u20132016'."""
    first, last = pd.Timestamp(period.first), pd.Timestamp(period.last)
    if (first.year, first.month) == (last.year, last.month):
        covered = f"{MONTHS[first.month - 1][:3]} {first.year}"
    elif first.year == last.year:
        covered = str(first.year)
    else:
        covered = f"{first.year}\u2013{last.year}"
    if period.name in ("around", "latest"):
        covered = covered.replace(MONTHS[first.month - 1][:3], MONTHS[first.month - 1])
        return f"{PANEL_NAMES[period.name]}: {covered}"
    return covered if period.name in ("earlier", "later") else f"Date, {covered}"


def _break_marks(ax, side: str) -> None:
    """The // that shows the calendar is broken between two panels."""
    x = 1.0 if side == "right" else 0.0
    kwargs = {"transform": ax.transAxes, "color": "black", "clip_on": False, "linewidth": 1.2}
    for y in (0.0, 1.0):
        ax.plot([x - 0.012, x + 0.012], [y - 0.025, y + 0.025], gid="axis-break", **kwargs)


@dataclass(frozen=True)
class Layout:
    """Where everything goes, in inches from the figure's top left: the chart is laid out by hand,
    so label column, panels and legend keep their sizes whatever the labels hold."""

    title_lines: int
    secs: tuple[float, ...]
    panel_widths: tuple[float, ...]
    legend_rows: int

    LEFT = 0.1
    TOP = 0.25
    TITLE_LINE = 0.3
    SECTION_TITLE = 0.4
    SECTION_GAP = 0.25
    PANEL_GAP = 0.22
    BOTTOM_AXIS = 0.85
    LEGEND_ROW = 0.3
    SOURCE = 0.45

    @property
    def height(self) -> float:
        """The figure's height."""
        return (self.TOP + self.title_lines * self.TITLE_LINE + sum(self.secs) * LINE_INCHES
                + len(self.secs) * self.SECTION_TITLE + (len(self.secs) - 1) * self.SECTION_GAP
                + self.BOTTOM_AXIS + self.legend_rows * self.LEGEND_ROW + 0.2 + self.SOURCE)

    def section_top(self, index: int) -> float:
        """The top of a section's plotting area, in inches from the figure's top."""
        above = sum(self.secs[:index]) * LINE_INCHES + index * (self.SECTION_TITLE + self.SECTION_GAP)
        return self.TOP + self.title_lines * self.TITLE_LINE + above + self.SECTION_TITLE

    def rect(self, left: float, top: float, width: float, height: float) -> list[float]:
        """A box given in inches from the top left, as figure fractions for add_axes."""
        return [left / style.WIDTH, 1 - (top + height) / self.height, width / style.WIDTH, height / self.height]

    def panel_lefts(self) -> list[float]:
        """The left edge of each calendar panel."""
        lefts, x = [], self.LEFT + LABEL_INCHES + 0.1
        for width in self.panel_widths:
            lefts.append(x)
            x += width + self.PANEL_GAP
        return lefts


def panel_widths(periods: list[Period]) -> tuple[float, ...]:
    """Inches per calendar panel: the panel around publication gets most, earlier and later ones a share."""
    room = style.WIDTH - Layout.LEFT - LABEL_INCHES - 0.1 - 0.25 - Layout.PANEL_GAP * (len(periods) - 1)
    if len(periods) == 1:
        return (room,)
    side = room * min(0.26, 0.45 / (len(periods) - 1))
    return tuple(room - side * (len(periods) - 1) if p.name in ("around", "latest") else side for p in periods)


def _layout(secs: list[Section], periods: list[Period], title: str, legend_items: int
            ) -> tuple[Figure, Layout, list, list[list], object]:
    """The figure: a column of labels, one calendar panel per period, a row per section, the legend below."""
    layout = Layout(title.count("\n") + 1, tuple(s.height for s in secs), panel_widths(periods),
                    -(-legend_items // 3))
    fig = Figure(figsize=(style.WIDTH, layout.height), dpi=style.DPI)
    FigureCanvasAgg(fig)
    label_axes, panels = [], []
    for r, section in enumerate(secs):
        top, height = layout.section_top(r), section.height * LINE_INCHES
        label_ax = fig.add_axes(layout.rect(Layout.LEFT, top, LABEL_INCHES, height))
        row = []
        for c, (left, width) in enumerate(zip(layout.panel_lefts(), layout.panel_widths)):
            row.append(fig.add_axes(layout.rect(left, top, width, height), sharey=label_ax,
                                    sharex=panels[0][c] if panels else None))
        label_axes.append(label_ax)
        panels.append(row)
    legend_top = layout.section_top(len(secs) - 1) + secs[-1].height * LINE_INCHES + Layout.BOTTOM_AXIS
    legend_ax = fig.add_axes(layout.rect(Layout.LEFT, legend_top, style.WIDTH - 2 * Layout.LEFT,
                                         layout.legend_rows * Layout.LEGEND_ROW + 0.1))
    return fig, layout, label_axes, panels, legend_ax


def _labels(ax, section: Section) -> None:
    """The event labels of a section, right-aligned against the calendar, and the section's title."""
    ax.set_axis_off()
    ax.set_gid("event-labels")
    ax.set_ylim(section.height, 0)
    ax.set_xlim(0, 1)
    for label, y in zip(section.labels, section.centres):
        ax.text(1.0, y, label, ha="right", va="center", fontsize=FONT, linespacing=1.15)
    ax.set_title(section.title, loc="left", fontsize=11, fontweight="bold", pad=8)
    if section.events.empty:
        ax.text(1.0, section.height / 2, "No dated events of this kind", ha="right", va="center", fontsize=FONT,
                color="#444444", gid="empty-note")


def _panel(ax, section: Section, period: Period, published: pd.Timestamp | None, first_col: bool) -> None:
    """One section's events in one calendar panel (only those that fall in it), with the publication line."""
    ax.set_xlim(*period.padded())
    for (_, row), y in zip(section.events.iterrows(), section.centres):
        if period.overlaps(pd.Timestamp(row["start_date"]), pd.Timestamp(row["end_date"])):
            _draw_event(ax, row, y)
    ax.set_yticks(list(section.centres))
    ax.tick_params(axis="y", length=0, labelleft=False)
    if not first_col:
        ax.spines["left"].set_visible(False)
    if published is not None and period.first <= published <= period.last:
        ax.axvline(mdates.date2num(published), color="black", linestyle="--", linewidth=1.2, gid="published")
    ax.grid(axis="x", which="both", color="#dddddd", linewidth=0.6)
    ax.grid(axis="y", color="#f0f0f0", linewidth=0.6)
    ax.set_axisbelow(True)


def _publication_label(ax, published: pd.Timestamp) -> None:
    """Name the publication line at its top, so it reads without the legend; it leans away from the
    nearer edge of its panel."""
    x = mdates.date2num(published)
    lo, hi = ax.get_xlim()
    leftwards = (x - lo) > 0.6 * (hi - lo)
    ax.annotate(f"published {published.day} {MONTHS[published.month - 1][:3]} {published.year}",
                xy=(x, 1.0), xycoords=("data", "axes fraction"), xytext=(4 if not leftwards else -4, 4),
                textcoords="offset points", ha="right" if leftwards else "left", va="bottom", fontsize=FONT,
                gid="published-label", bbox={"boxstyle": "round,pad=0.2", "fc": "white", "ec": "black",
                                             "linewidth": 0.8})


def legend_handles(events: pd.DataFrame, published: pd.Timestamp | None) -> list:
    """Colours for what happened and what did not, shapes for a known day against a longer span."""
    present = set(events["modality"].astype("object"))
    handles = [Patch(facecolor=style.MODALITY_COLOURS[m], edgecolor=style.MODALITY_COLOURS[m],
                     alpha=0.85 if m == "happened" else 0.35, hatch=None if m == "happened" else "//", label=m)
               for m in style.MODALITY_COLOURS if m in present]
    handles += [Line2D([], [], marker="o", linestyle="none", color="#555555", markersize=9,
                       label="known day (open: did not happen)"),
                Patch(facecolor="#bbbbbb", edgecolor="#555555", label="week, month or year")]
    if published is not None:
        handles.append(Line2D([], [], color="black", linestyle="--", label="publication date"))
    return handles


def _alt(events: pd.DataFrame, secs: list[Section], periods: list[Period], published: pd.Timestamp | None,
         outside: int, left_out: int) -> str:
    """The chart in words: its panels and every event drawn, with its date as precisely as it is known."""
    parts = [f"Timeline of {style.plural(len(events), 'dated event')}"]
    if len(periods) > 1:
        parts.append(", on a calendar broken into panels of their own scale: " + "; ".join(
            _axis_label(p) for p in periods))
    if published is not None:
        parts.append(f"; the publication date, {period_text(published, published, 'day')}, is marked by a "
                     "dashed line")
    for s in secs:
        listing = "; ".join(f"{r.label} ({r.modality}, {period_text(r.start_date, r.end_date, r.precision)})"
                            for r in s.events.itertuples()) or "none"
        parts.append(f". {TIMELINE_SECTIONS[s.key][1]}: {listing}")
    parts.append(".")
    if outside:
        parts.append(f" {style.plural(outside, 'event')} outside the period shown.")
    if left_out:
        parts.append(f" Not drawn: {style.plural(left_out, 'event')} further from "
                     f"{'publication' if published is not None else 'the latest date'}, listed in the table of "
                     "dated events.")
    return "".join(parts)


def _empty_chart(source: str) -> Figure:
    """A timeline with nothing dated: the message, in a small figure."""
    with style.styled():
        fig, (ax,) = style.new_figure(height=2.4)
        style.empty_note(ax, "No event in this article has a date that can be placed on a calendar")
        ax.set_xticks([])
        ax.set_xlabel("Date (calendar)")
        return style.finish(fig, "When things happened, and what is still to come", source,
                            "Timeline with no dated events: nothing to draw.")


def timeline_chart(timeline: pd.DataFrame, source: str, published: dt.date | str | None = None,
                   window: tuple[object, object] | None = None) -> Figure:
    """Dated events on a real calendar: points for days, bars for weeks and months, grouped into what
    happened, what is still to come, and earlier plans and threats that did not happen.

    A far-off event gets a panel of its own (a broken axis) instead of stretching the calendar;
    `window` (first day, last day) shows only the events overlapping it, on one calendar.
    """
    events = in_window(timeline, window).sort_values(["start_date", "end_date", "event_id"], kind="stable")
    outside = len(timeline) - len(events)
    pub = pd.Timestamp(published) if published is not None and not pd.isna(published) else None
    if events.empty:
        return _empty_chart(source)
    secs = sections(events, pub)
    drawn = pd.concat([s.events for s in secs])
    left_out = len(events) - len(drawn)
    if window is not None:
        periods = [Period("window", pd.Timestamp(window[0]), pd.Timestamp(window[1]))]
    else:
        periods = axis_periods(drawn, pub)
    title = "When things happened, and what is still to come"
    if len(periods) > 1:
        title += "\n(the calendar is broken: each panel has its own scale)"
    if window is not None:
        first, last = (period_text(pd.Timestamp(w), pd.Timestamp(w), "day") for w in window)
        title += f"\n(shown: {first} \u2013 {last}"
        title += f"; {style.plural(outside, 'event')} outside)" if outside else ")"
    handles = legend_handles(drawn, pub)
    with style.styled():
        fig, layout, label_axes, panels, legend_ax = _layout(secs, periods, title, len(handles))
        for r, section in enumerate(secs):
            _labels(label_axes[r], section)
            for c, period in enumerate(periods):
                _panel(panels[r][c], section, period, pub, c == 0)
                if c < len(periods) - 1:
                    _break_marks(panels[r][c], "right")
                    _break_marks(panels[r][c + 1], "left")
            for ax in panels[r]:
                ax.tick_params(axis="x", labelbottom=r == len(secs) - 1)
        for c, period in enumerate(periods):
            bottom = panels[-1][c]
            _ticks(bottom, period, layout.panel_widths[c])
            bottom.set_xlabel(_axis_label(period), fontsize=FONT)
            if pub is not None and period.first <= pub <= period.last:
                _publication_label(panels[0][c], pub)
        legend_ax.set_axis_off()
        legend_ax.set_gid("legend-row")
        legend_ax.legend(handles=handles, loc="center", ncols=3, fontsize=FONT)
        return style.finish(fig, title, source, _alt(drawn, secs, periods, pub, outside, left_out))
