"""Timeline: events on a calendar axis, what happened apart from what is planned, expected or threatened."""
from __future__ import annotations

import datetime as dt

import matplotlib.dates as mdates
import pandas as pd
from matplotlib.figure import Figure
from matplotlib.lines import Line2D
from matplotlib.patches import Patch

from . import style

HAPPENED = ("happened",)
NOT_HAPPENED = ("planned", "expected", "threatened", "possible", "denied")
PANELS = ((HAPPENED, "Happened"), (NOT_HAPPENED, "Not (yet) happened: planned, expected, threatened, possible or denied"))
ONE_DAY = pd.Timedelta(days=1)
# matplotlib's calendar axis runs from year 1 to 9999; what lies beyond is drawn at the edge.
FIRST_DRAWABLE, LAST_DRAWABLE = pd.Timestamp("0001-01-01"), pd.Timestamp("9999-12-31")


def drawable(day: pd.Timestamp) -> pd.Timestamp:
    """A day moved inside the span a calendar axis can show."""
    return min(max(day, FIRST_DRAWABLE), LAST_DRAWABLE)

# Events drawn per panel at most (those nearest publication), so the chart stays readable and small.
MAX_EVENTS = 40


def is_point(precision: object) -> bool:
    """Day-precision dates are drawn as points; weeks, months and years as spans."""
    return str(precision) == "day"


def event_label(row: pd.Series) -> str:
    """Tick label of an event: its short description and its date as written."""
    return f"{style.shorten(row['label'], 44)}\n{style.shorten(row['date_text'], 30)} ({row['precision']})"


def _draw_event(ax, row: pd.Series, y: float) -> None:
    colour = style.colour_for(row["modality"], style.MODALITY_COLOURS)
    filled = str(row["modality"]) == "happened"
    start = pd.Timestamp(row["start_date"])
    if is_point(row["precision"]):
        ax.plot([mdates.date2num(start)], [y], marker="o" if filled else "s", markersize=9, linestyle="none",
                color=colour, markerfacecolor=colour if filled else "white", markeredgewidth=1.6,
                gid=str(row["event_id"]), zorder=3)
    else:
        end = drawable(pd.Timestamp(row["end_date"]) + ONE_DAY)
        left = mdates.date2num(start)
        bars = ax.barh(y, mdates.date2num(end) - left, left=left, height=0.5, color=colour,
                       alpha=0.85 if filled else 0.35, edgecolor=colour, linewidth=1.4,
                       hatch=None if filled else "//")
        bars.patches[0].set_gid(str(row["event_id"]))


def _panel(ax, events: pd.DataFrame, title: str, published: pd.Timestamp | None) -> None:
    ax.set_title(title, loc="left")
    if events.empty:
        style.empty_note(ax, "No dated events of this kind")
    positions = list(range(len(events)))[::-1]
    for y, (_, row) in zip(positions, events.iterrows()):
        _draw_event(ax, row, y)
    if len(events):
        ax.set_yticks(positions, [event_label(r) for _, r in events.iterrows()], fontsize=8)
        ax.set_ylim(-0.7, len(events) - 0.3)
    if published is not None:
        ax.axvline(mdates.date2num(published), color="black", linestyle="--", linewidth=1, gid="published")
    ax.grid(axis="x", color="#dddddd", linewidth=0.6)
    ax.set_axisbelow(True)


def in_window(timeline: pd.DataFrame, window: tuple[object, object] | None) -> pd.DataFrame:
    """The events whose dates overlap the window (first day, last day); all events when None."""
    if window is None:
        return timeline
    first, last = pd.Timestamp(window[0]), pd.Timestamp(window[1])
    return timeline[(timeline["end_date"] >= first) & (timeline["start_date"] <= last)]


def nearest_events(events: pd.DataFrame, anchor: pd.Timestamp | None,
                   limit: int = MAX_EVENTS) -> tuple[pd.DataFrame, int]:
    """The `limit` events nearest `anchor` (default: the latest), kept in order, and how many were left out."""
    if len(events) <= limit:
        return events, 0
    anchor = anchor if anchor is not None else events["end_date"].max()
    distance = (events["start_date"] - anchor).abs()
    keep = distance.sort_values(kind="stable").index[:limit]
    return events[events.index.isin(keep)], len(events) - limit


def timeline_chart(timeline: pd.DataFrame, source: str, published: dt.date | str | None = None,
                   window: tuple[object, object] | None = None) -> Figure:
    """Dated events on a real calendar: points for days, spans for weeks and months, with the
    publication date marked and unrealised events in their own panel.

    `window` (first day, last day) zooms in: only events overlapping it are drawn, clipped to it.
    """
    events = in_window(timeline, window).sort_values(["start_date", "end_date", "event_id"], kind="stable")
    outside = len(timeline) - len(events)
    pub = pd.Timestamp(published) if published is not None and not pd.isna(published) else None
    parts, left_out = [], 0
    for modalities, title in PANELS:
        part, cut = nearest_events(events[events["modality"].astype("object").isin(modalities)], pub)
        nearest = "nearest the publication date" if pub is not None else "latest"
        parts.append((f"{title}\n(the {len(part)} {nearest}, of {len(part) + cut:,})" if cut else title, part))
        left_out += cut
    if left_out:
        events = pd.concat([part for _, part in parts]).sort_values(["start_date", "end_date", "event_id"],
                                                                     kind="stable")
    heights = [max(len(p), 1) for _, p in parts]
    with style.styled():
        fig, axes = style.new_figure(height=3.0 + 0.55 * sum(heights) + 1.0, rows=3,
                                     height_ratios=[h + 1.0 for h in heights] + [0.8])
        axes[1].sharex(axes[0])
        legend_ax = axes.pop()
        for ax, (title, part) in zip(axes, parts):
            _panel(ax, part, title, pub)
        days = [d for d in list(events["start_date"]) + list(events["end_date"] + ONE_DAY) if pd.notna(d)]
        if pub is not None:
            days.append(pub)
        if window is not None:
            axes[0].set_xlim(mdates.date2num(pd.Timestamp(window[0])),
                             mdates.date2num(pd.Timestamp(window[1]) + ONE_DAY))
        elif days:
            lo, hi = min(days), max(days)
            pad = max((hi - lo) * 0.06, pd.Timedelta(days=2))
            axes[0].set_xlim(mdates.date2num(drawable(lo - pad)), mdates.date2num(drawable(hi + pad)))
        else:
            axes[0].set_xlim(0, 1)
        fig.supylabel("Event: what, and its date as written (precision)", fontsize=10)
        locator = mdates.AutoDateLocator(minticks=4, maxticks=10)
        axes[-1].xaxis.set_major_locator(locator)
        # The year goes in the axis label rather than in an offset text that crowds it.
        axes[-1].xaxis.set_major_formatter(mdates.ConciseDateFormatter(locator, show_offset=False))
        years = f", {_year_span(axes[0].get_xlim())}" if (window is not None or days) else ""
        axes[-1].set_xlabel(f"Date{years} (calendar; points = a known day, bars = a week, month or year)")
        modalities = [m for m in style.MODALITY_COLOURS if m in set(events["modality"].astype("object"))]
        handles = [Patch(facecolor=style.MODALITY_COLOURS[m], edgecolor=style.MODALITY_COLOURS[m],
                         alpha=0.85 if m == "happened" else 0.35, hatch=None if m == "happened" else "//",
                         label=m) for m in modalities]
        if pub is not None:
            handles.append(Line2D([], [], color="black", linestyle="--",
                                  label=f"published {pub.strftime('%d %b %Y')}"))
        style.legend_row(legend_ax, handles, ncols=4)
        listing = "; ".join(
            f"{r.label} ({r.modality}, {pd.Timestamp(r.start_date).date().isoformat()}"
            + ("" if is_point(r.precision) else f" to {pd.Timestamp(r.end_date).date().isoformat()}") + ")"
            for r in events.itertuples())
        alt = (f"Timeline of {style.plural(len(events), 'dated event')} on a calendar axis, events that happened "
               f"above and planned, expected or threatened ones below"
               + (f", with the publication date {pub.date().isoformat()} marked by a dashed line" if pub is not None
                  else "") + f": {listing or 'none'}."
               + (f" {style.plural(outside, 'event')} outside the period shown." if outside else "")
               + (f" Not drawn: {style.plural(left_out, 'event')} further from "
                  f"{'publication' if pub is not None else 'the latest date'}, listed in the table of dated "
                  "events." if left_out else ""))
        title = "When things happened, and what is still to come"
        if window is not None:
            first, last = (pd.Timestamp(w).strftime("%d %b %Y") for w in window)
            title += f"\n(zoomed to {first} – {last}"
            title += f"; {style.plural(outside, 'event')} outside)" if outside else ")"
        return style.finish(fig, title, source, alt)


def _year_span(limits: tuple[float, float]) -> str:
    """The year, or first and last year, that an axis's date limits cover ("2024", "2023-2024")."""
    first, last = (mdates.num2date(x).year for x in limits)
    return str(first) if first == last else f"{first}\u2013{last}"
