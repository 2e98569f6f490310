"""Charts of a corpus dataset, in the suite's style (Okabe-Ito colours, titles, units, source line, alt text)."""
from __future__ import annotations

import matplotlib.dates as mdates
import pandas as pd
from matplotlib.figure import Figure
from matplotlib.lines import Line2D
from matplotlib.patches import Patch

from ..charts import style
from ..charts.casualties import MARKERS, QUALIFIER_LABELS
from .estimates import figure_estimate

ONE_DAY = pd.Timedelta(days=1)


def colours(levels: list[str]) -> dict[str, str]:
    """One Okabe-Ito colour per level, in order (repeating after nine)."""
    return {level: style.PALETTE[i % len(style.PALETTE)] for i, level in enumerate(levels)}


def _date_axis(ax, label: str) -> None:
    """Concise date ticks, with the months and years they cover in the axis label."""
    locator = mdates.AutoDateLocator(minticks=3, maxticks=8)
    ax.xaxis.set_major_locator(locator)
    ax.xaxis.set_major_formatter(mdates.ConciseDateFormatter(locator, show_offset=False))
    first, last = (mdates.num2date(x) for x in ax.get_xlim())
    span = first.strftime("%B %Y") if (first.year, first.month) == (last.year, last.month) else \
        f"{first.strftime('%b %Y')} – {last.strftime('%b %Y')}"
    ax.set_xlabel(f"{label} ({span})")


def _limits(ax, days: list[pd.Timestamp], before: int = 2, after: int = 2) -> None:
    """Show the given days with a margin."""
    ax.set_xlim(mdates.date2num(min(days) - before * ONE_DAY), mdates.date2num(max(days) + after * ONE_DAY))


def articles_chart(per_day: pd.DataFrame, source: str) -> Figure:
    """Articles per publication date, stacked by outlet."""
    dated = per_day[per_day["published"].notna()]
    outlets = sorted(set(per_day["outlet"].astype(str)))
    palette = colours(outlets)
    with style.styled():
        fig, (ax, legend_ax) = style.new_figure(4.6, rows=2, height_ratios=[4, 1])
        days = sorted(set(dated["published"]))
        bottom = pd.Series(0.0, index=days)
        for outlet in outlets:
            counts = dated[dated["outlet"] == outlet].set_index("published")["articles"].reindex(days, fill_value=0)
            ax.bar([mdates.date2num(d) for d in days], counts.to_numpy(), bottom=bottom.to_numpy(), width=0.8,
                   color=palette[outlet], edgecolor="white", label=outlet)
            bottom += counts.to_numpy()
        if days:
            _limits(ax, days, 1, 1)
        else:
            style.empty_note(ax, "No article has a publication date")
        _date_axis(ax, "Publication date")
        ax.set_ylabel("Articles (count)")
        ax.yaxis.get_major_locator().set_params(integer=True)
        undated = int(per_day.loc[per_day["published"].isna(), "articles"].sum())
        style.legend_row(legend_ax, [Patch(color=palette[o], label=style.shorten(o, 30)) for o in outlets],
                         title="Outlet", ncols=4)
        listing = "; ".join(f"{pd.Timestamp(r.published).date()}: {r.articles} from {r.outlet}"
                            for r in dated.itertuples())
        alt = (f"Stacked bar chart of articles per publication date, coloured by outlet: {listing or 'none'}."
               + (f" {style.plural(undated, 'article')} without a publication date not shown." if undated else ""))
        title = "Articles by publication date and outlet" + (f" ({undated} undated, not shown)" if undated else "")
        return style.finish(fig, title, source, alt)


def _figure_mark(ax, row: pd.Series, y: float, colour: str, right: float) -> None:
    """One source's figure: its mark, shaped by its wording, and the extent its wording allows."""
    found = figure_estimate(str(row["qualifier"]), row["count_low"], row["count_high"])
    if found is None:
        return
    marker, filled = MARKERS.get(str(row["qualifier"]), ("o", True))
    top = found.high if found.high is not None else right
    ax.plot([found.low, top], [y, y], color=colour, linewidth=1.4,
            linestyle="-" if found.high is not None else "--", zorder=2)
    ax.plot([found.point], [y], marker=marker, markersize=9, color=colour,
            markerfacecolor=colour if filled else "white", markeredgewidth=1.6, linestyle="none", zorder=3)


def conflicting_figures_chart(side: pd.DataFrame, flagged: pd.DataFrame, source: str, kind: str = "killed") -> Figure:
    """For each incident whose sources disagree: every source's figure, the low-high band and the best estimate."""
    shown = flagged[flagged[f"{kind}_conflict"].fillna(False)]
    figures = side[(side["casualty_kind"] == kind) & (side["figure_role"] != "breakdown") & side["incident"].isin(shown["label"])]
    sources = sorted(set(figures["source"]))
    palette = colours(sources)
    rows = [(inc, figures[figures["incident"] == inc]) for inc in shown["label"]]
    height = sum(max(len(f), 1) for _, f in rows) or 1
    with style.styled():
        fig, (ax, legend_ax) = style.new_figure(2.6 + 0.45 * height, rows=2, height_ratios=[height + 1, 1.4])
        values = [v for v in pd.concat([figures["count_low"], figures["count_high"]]).dropna()] or [1]
        right = max(values) * 1.25 + 1
        y, ticks, labels = height, [], []
        for (inc, part), (_, est) in zip(rows, shown.iterrows()):
            first = y
            for _, row in part.iterrows():
                y -= 1
                _figure_mark(ax, row, y, palette[row["source"]], right)
                ticks.append(y)
                labels.append(f"{style.shorten(row['source'], 24)}, "
                              f"{pd.Timestamp(row['published']).strftime('%-d %b') if pd.notna(row['published']) else 'undated'}"
                              f": “{style.shorten(row['text'], 22)}”"
                              + (f" {row['victims']}" if row["figure_role"] == "part" and pd.notna(row["victims"]) else ""))
            ax.axhspan(y - 0.45, first - 0.55, xmin=0, xmax=1, color="#f2f2f2", zorder=0)
            ax.fill_betweenx([y - 0.4, first - 0.6], est[f"{kind}_low"], est[f"{kind}_high"], color=style.GREY,
                             alpha=0.35, zorder=1, linewidth=0)
            ax.plot([est[f"{kind}_best"]] * 2, [y - 0.4, first - 0.6], color="black", linewidth=2.2, zorder=4)
            ax.text(right, first - 0.6, style.shorten(inc, 60), ha="right", va="bottom", fontsize=8,
                    fontweight="bold")
        if not rows:
            style.empty_note(ax, f"No incident's {kind} figures disagree")
        ax.set_yticks(ticks, labels, fontsize=8)
        ax.set_xlim(0, right)
        ax.set_ylim(y - 0.6, height + 0.2)
        ax.set_xlabel(f"People {kind} (count)")
        style.thousands(ax)
        handles = [Patch(color=palette[s], label=style.shorten(s, 28)) for s in sources]
        handles += [Patch(color=style.GREY, alpha=0.35, label="low to high estimate"),
                    Line2D([], [], color="black", linewidth=2.2, label="best estimate")]
        handles += [Line2D([], [], marker=MARKERS[q][0], color="#444444", linestyle="none",
                           markerfacecolor="#444444" if MARKERS[q][1] else "white", label=QUALIFIER_LABELS[q])
                    for q in MARKERS if q in set(figures["qualifier"].astype(str))]
        style.legend_row(legend_ax, handles, title="Source · estimate · wording", ncols=3)
        listing = "; ".join(
            f"{est['label']}: low {est[f'{kind}_low']}, best {est[f'{kind}_best']}, high {est[f'{kind}_high']}, from "
            + ", ".join(f"{r.text} ({r.source})" for r in part.itertuples())
            for (inc, part), (_, est) in zip(rows, shown.iterrows()))
        alt = (f"For each of {style.plural(len(rows), 'incident')} whose sources give {kind} figures that cannot all be "
               f"true, one mark per source's figure with the range its wording allows, a grey low-to-high band and "
               f"a black line at the best estimate: {listing or 'none'}.")
        return style.finish(fig, f"Incidents whose sources disagree: people {kind}, source by source", source, alt)


def tolls_chart(tolls: pd.DataFrame, source: str) -> Figure:
    """Each toll series over time: one line per conflict, source and kind."""
    dated = tolls[tolls["as_of"].notna() & tolls["toll"].notna()]
    series = sorted(set(dated["series"]))
    palette = colours(series)
    with style.styled():
        fig, (ax, legend_ax) = style.new_figure(4.8, rows=2, height_ratios=[4, 1.2])
        for name in series:
            points = dated[dated["series"] == name].sort_values("as_of", kind="stable")
            x = [mdates.date2num(d) for d in points["as_of"]]
            ax.plot(x, points["toll"], color=palette[name], linewidth=1.6, zorder=2)
            for xi, (_, row) in zip(x, points.iterrows()):
                marker, filled = MARKERS.get(str(row["qualifier"]), ("o", True))
                ax.plot([xi], [row["toll"]], marker=marker, markersize=8, color=palette[name], linestyle="none",
                        markerfacecolor=palette[name] if filled else "white", markeredgewidth=1.5, zorder=3)
                ax.annotate(style.shorten(row["text"], 20), (xi, row["toll"]), xytext=(7, 3),
                            textcoords="offset points", fontsize=7, color="#333333")
        if not series:
            style.empty_note(ax, "No dated cumulative toll")
        else:
            _limits(ax, list(dated["as_of"]), 2, 3)
        _date_axis(ax, "Date the toll was published")
        ax.set_ylim(bottom=0)
        ax.set_ylabel("Cumulative toll (people)")
        style.thousands(ax, "y")
        style.legend_row(legend_ax, [Line2D([], [], color=palette[s], linewidth=2, label=style.shorten(s, 60))
                                     for s in series], title="Series: conflict · source · kind", ncols=2)
        listing = "; ".join(f"{name}: " + ", ".join(f"{r.text} on {pd.Timestamp(r.as_of).date()}"
                                                    for r in dated[dated["series"] == name].itertuples())
                            for name in series)
        undated = len(tolls) - len(dated)
        alt = (f"Line chart of {style.plural(len(series), 'cumulative toll series', 'cumulative toll series')} by "
               f"publication date: {listing or 'none'}."
               + (f" {style.plural(undated, 'toll')} without a date not shown." if undated else ""))
        return style.finish(fig, "Cumulative tolls over time, source by source", source, alt)


def actors_chart(across: pd.DataFrame, source: str) -> Figure:
    """Actors by the number of articles that name them, coloured by kind of actor."""
    shown = across.iloc[::-1]
    with style.styled():
        fig, (ax, legend_ax) = style.new_figure(2.0 + 0.32 * max(len(shown), 1), rows=2,
                                                height_ratios=[max(len(shown), 1), 1.5])
        ax.barh(range(len(shown)), shown["articles"],
                color=[style.colour_for(t, style.ACTOR_TYPE_COLOURS) for t in shown["actor_type"]])
        ax.set_yticks(range(len(shown)), [style.shorten(n, 40) for n in shown["actor_name"]], fontsize=8)
        if shown.empty:
            style.empty_note(ax, "No actor is named")
        ax.set_xlabel("Articles naming the actor (count)")
        ax.xaxis.get_major_locator().set_params(integer=True)
        kinds = [k for k in style.ACTOR_TYPE_COLOURS if k in set(shown["actor_type"].astype(str))]
        style.legend_row(legend_ax, [Patch(color=style.ACTOR_TYPE_COLOURS[k], label=k.replace("_", " "))
                                     for k in kinds], title="Kind of actor", ncols=4)
        listing = "; ".join(f"{r.actor_name} ({r.actor_type}): {r.articles} articles" for r in across.itertuples())
        alt = f"Bar chart of the actors named in most articles: {listing or 'none'}."
        return style.finish(fig, "Actors across articles: how many articles name each", source, alt)


def _event_mark(ax, row: pd.Series, y: float) -> None:
    """An event: a point on its day, or a pale bar over its week, month or year."""
    colour = style.colour_for(row["modality"], style.MODALITY_COLOURS)
    start, end = pd.Timestamp(row["start_date"]), pd.Timestamp(row["end_date"]) + ONE_DAY
    if str(row["precision"]) == "day":
        ax.plot([mdates.date2num(start) + 0.5], [y], marker="o", markersize=7, color=colour, alpha=0.85,
                linestyle="none")
    else:
        ax.barh(y, mdates.date2num(end) - mdates.date2num(start), left=mdates.date2num(start), height=0.3,
                color=colour, alpha=0.25)


def _incident_label(inc: pd.Series) -> str:
    best = f"best {int(inc['killed_best'])} killed" if pd.notna(inc["killed_best"]) else "no killed figure"
    where = style.shorten(inc["location"], 18) if pd.notna(inc["location"]) else "place not stated"
    return f"{where}: {best} ({inc['articles']} art.)"


def corpus_timeline_chart(events: pd.DataFrame, incidents: pd.DataFrame, source: str) -> Figure:
    """Every article's dated events on one calendar, one row per outlet, and the matched incidents below them.

    The calendar spans the days the events and incidents name; longer spans ("since last year") are cut at its edges.
    """
    outlets = sorted(set(events["source"].astype(str)))
    dated = incidents[incidents["start_date"].notna()].sort_values(["start_date", "incident_id"], kind="stable")
    exact = events[events["precision"].astype(str) == "day"]
    days = [d for d in [*exact["start_date"], *dated["start_date"], *dated["end_date"]] if pd.notna(d)]
    with style.styled():
        fig, (top, bottom, legend_ax) = style.new_figure(
            3.0 + 0.36 * (len(outlets) + len(dated)), rows=3, sharex=True,
            height_ratios=[max(len(outlets), 1) + 0.5, max(len(dated), 1) + 0.5, 1.0])
        rows = {name: n for n, name in enumerate(reversed(outlets))}
        for _, row in events.iterrows():
            _event_mark(top, row, rows[str(row["source"])])
        top.set_yticks(list(rows.values()), [style.shorten(o, 28) for o in rows], fontsize=8)
        top.set_ylabel("Outlet (or file)")
        top.set_title("Events each article dates", loc="left")
        for y, (_, inc) in enumerate(dated.iloc[::-1].iterrows()):
            left = mdates.date2num(pd.Timestamp(inc["start_date"]))
            width = mdates.date2num(pd.Timestamp(inc["end_date"]) + ONE_DAY) - left
            several = inc["articles"] > 1
            bottom.barh(y, width, left=left, height=0.55, color=style.OKABE_ITO["vermillion"] if several else style.GREY,
                        hatch="//" if inc["date_inferred"] else None, edgecolor="white")
        bottom.set_yticks(range(len(dated)), [_incident_label(r) for _, r in dated.iloc[::-1].iterrows()], fontsize=8)
        bottom.set_title("Incidents matched across articles", loc="left")
        if days:
            _limits(bottom, days, 2, 2)
        else:
            style.empty_note(bottom, "No dated event or incident")
        _date_axis(bottom, "Date (calendar days)")
        handles = [Patch(color=c, label=m) for m, c in style.MODALITY_COLOURS.items()
                   if m in set(events["modality"].astype(str))]
        handles += [Patch(color=style.OKABE_ITO["vermillion"], label="incident in several articles"),
                    Patch(color=style.GREY, label="incident in one article"),
                    Patch(facecolor="white", edgecolor="#444444", hatch="//", label="dates inferred from publication")]
        style.legend_row(legend_ax, handles, ncols=3)
        alt = (f"Calendar of {style.plural(len(events), 'dated event')} from {style.plural(len(outlets), 'outlet')}, "
               f"one row per outlet, coloured by whether the event happened or is planned, expected or threatened; "
               f"below, {style.plural(len(dated), 'matched incident')}: "
               + "; ".join(f"{pd.Timestamp(i.start_date).date()}, {_incident_label(pd.Series(i._asdict()))}"
                           for i in dated.itertuples()) + ".")
        return style.finish(fig, "Combined timeline: every article's events, and the incidents matched across them",
                            source, alt)
