"""Casualty claims: one mark per claim whose shape says how the number is worded.

Incident figures and cumulative tolls live on separate axes: a toll of tens of
thousands would flatten an incident of a dozen into the axis.
"""
from __future__ import annotations

import pandas as pd
from matplotlib.figure import Figure
from matplotlib.lines import Line2D
from matplotlib.patches import Patch

from . import style

# Marker per qualifier; filled = the number is included, open = the number is a bound not reached.
MARKERS: dict[str, tuple[str, bool]] = {
    "exact": ("o", True),
    "about": ("D", False),
    "at_least": (">", True),
    "more_than": (">", False),
    "nearly": ("<", False),
    "up_to": ("<", True),
    "vague": ("|", True),
}
QUALIFIER_LABELS = {
    "exact": "exact number",
    "about": "about (approximate)",
    "at_least": "at least (open-ended →)",
    "more_than": "more than (open-ended →)",
    "nearly": "nearly (just under)",
    "up_to": "up to (anywhere below)",
    "vague": "vague word (range bar)",
}
# Beyond this ratio between the largest and smallest figure, a panel switches to a log scale.
LOG_RATIO = 30
PANELS = ((False, "Single incidents"), (True, "Cumulative tolls (war-wide or running totals)"))
# Claims drawn per panel at most (the largest), so the chart stays readable and small for any article.
MAX_CLAIMS = 30


def largest_claims(claims: pd.DataFrame, limit: int = MAX_CLAIMS) -> tuple[pd.DataFrame, int]:
    """The `limit` claims with the largest counts, kept in their order, and how many were left out."""
    if len(claims) <= limit:
        return claims, 0
    size = claims["count_high"].fillna(claims["count_low"]).astype("float64")
    keep = size.sort_values(ascending=False, kind="stable").index[:limit]
    return claims[claims.index.isin(keep)], len(claims) - limit


def claim_position(row: pd.Series) -> tuple[float, float | None, float | None]:
    """Where a claim's mark goes and the extent its wording allows: (mark, low, high); None = open."""
    low = None if pd.isna(row["count_low"]) else float(row["count_low"])
    high = None if pd.isna(row["count_high"]) else float(row["count_high"])
    qualifier = str(row["qualifier"])
    if qualifier in ("nearly", "up_to"):
        mark = high if high is not None else low
    elif qualifier == "vague" and low is not None and high is not None:
        mark = (low + high) / 2
    else:
        mark = low if low is not None else high
    if mark is None:
        raise ValueError(f"casualty {row['casualty_id']}: neither count_low nor count_high is set")
    return mark, low, high


def claim_label(row: pd.Series) -> str:
    """Tick label of a claim: victims and kind, then date and reporter."""
    victims = style.shorten(row["victims"], 40) if pd.notna(row["victims"]) else "victims not stated"
    if pd.notna(row["date_text"]):
        when = style.shorten(row["date_text"], 24)
    elif pd.notna(row["start_date"]):
        when = pd.Timestamp(row["start_date"]).strftime("%d %b %Y")
    else:
        when = "date not stated"
    who = style.shorten(row["reported_by"], 26) if pd.notna(row["reported_by"]) else "source not stated"
    return f"{victims} ({row['casualty_kind']})\n{when} · per {who}"


def _draw_claim(ax, row: pd.Series, y: float, left: float, right: float) -> None:
    """One claim: its marker, the extent its wording allows, and its wording as written."""
    mark, low, high = claim_position(row)
    qualifier = str(row["qualifier"])
    colour = style.colour_for(row["casualty_kind"], style.CASUALTY_KIND_COLOURS)
    marker, filled = MARKERS.get(qualifier, ("o", True))
    cid = str(row["casualty_id"])
    if qualifier in ("at_least", "more_than") or (qualifier == "vague" and high is None):
        ax.annotate("", xy=(right, y), xytext=(mark if low is None else low, y), gid=f"{cid}:extent",
                    arrowprops={"arrowstyle": "-|>", "color": colour, "linestyle": "--", "linewidth": 1.2})
    elif qualifier == "up_to":
        ax.plot([left, mark], [y, y], color=colour, linewidth=1.2, linestyle=":", gid=f"{cid}:extent")
    if qualifier == "vague" and low is not None:
        ax.plot([low, high if high is not None else low], [y, y], color=colour, linewidth=6,
                solid_capstyle="butt", alpha=0.55, gid=f"{cid}:range")
    if qualifier == "about" and low is not None and high is not None and low != high:
        ax.plot([low, high], [y, y], color=colour, linewidth=2, alpha=0.6, gid=f"{cid}:range")
    xs = [v for v in (low, high) if v is not None] if qualifier == "vague" else [mark]
    ax.plot(xs, [y] * len(xs), marker=marker, markersize=11 if marker != "|" else 16, linestyle="none",
            markeredgewidth=2 if marker == "|" else 1.4, color=colour,
            markerfacecolor=colour if filled else "white", markeredgecolor=colour, gid=cid, zorder=3)
    ax.annotate(style.shorten(row["text"], 30), xy=(mark, y), xytext=(0, 9), textcoords="offset points",
                ha="center", va="bottom", fontsize=10, color="#222222")


def _panel(ax, claims: pd.DataFrame, title: str) -> None:
    """Draw one panel of claims (incident or cumulative) on its own count axis."""
    ax.set_title(title, loc="left")
    ax.set_xlabel("People (count as worded in the article)")
    if claims.empty:
        style.empty_note(ax, "No figures of this kind in the article")
        ax.set_xlim(0, 1)
        return
    extents = [float(v) for r in claims.itertuples(index=False)
               for v in (r.count_low, r.count_high) if pd.notna(v) and v > 0] or [1.0]
    log = max(extents) / min(extents) > LOG_RATIO
    left, right = (min(extents) / 2, max(extents) * 4) if log else (0, max(extents) * 1.25)
    positions = list(range(len(claims)))[::-1]
    for y, (_, row) in zip(positions, claims.iterrows()):
        _draw_claim(ax, row, y, left, right)
    if log:
        ax.set_xscale("log")
        ax.set_xlabel("People (count as worded; logarithmic scale: each gridline is ten times the last)")
    ax.set_xlim(left, right)
    ax.set_ylim(-0.7, len(claims) - 0.3)
    ax.set_yticks(positions, [claim_label(r) for _, r in claims.iterrows()], fontsize=10)
    ax.grid(axis="x", color="#dddddd", linewidth=0.6)
    ax.set_axisbelow(True)
    style.thousands(ax, "x")


def casualties_chart(casualties: pd.DataFrame, source: str) -> Figure:
    """Every casualty claim as a mark shaped by its wording, incidents and cumulative tolls apart."""
    claims = casualties.sort_values(["cumulative", "start"], kind="stable")
    numbered = claims["count_low"].notna() | claims["count_high"].notna()
    unplotted, claims = claims[~numbered], claims[numbered]
    parts, left_out = [], 0
    for flag, title in PANELS:
        part, cut = largest_claims(claims[claims["cumulative"].fillna(False).astype(bool) == flag])
        parts.append((f"{title} (the {len(part)} largest, of {len(part) + cut:,})" if cut else title, part))
        left_out += cut
    heights = [max(len(p), 1) for _, p in parts]
    with style.styled():
        fig, axes = style.new_figure(height=2.9 + 0.62 * sum(heights) + 1.0, rows=3,
                                     height_ratios=[h + 1.2 for h in heights] + [1.3])
        for ax, (title, part) in zip(axes, parts):
            _panel(ax, part, title)
        qualifiers = [q for q in MARKERS if q in set(claims["qualifier"].astype("object"))]
        kinds = [k for k in style.CASUALTY_KIND_COLOURS if k in set(claims["casualty_kind"].astype("object"))]
        handles = [Line2D([], [], marker=MARKERS[q][0], linestyle="none", color="black", markersize=8,
                          markerfacecolor="black" if MARKERS[q][1] else "white", label=QUALIFIER_LABELS[q])
                   for q in qualifiers]
        handles += [Patch(color=style.CASUALTY_KIND_COLOURS[k], label=k) for k in kinds]
        fig.supylabel("Claim: victims (kind); date · reported by", fontsize=10)
        style.legend_row(axes[-1], handles, "Shape: how the number is worded · colour: kind", ncols=3)
        drawn = pd.concat([part for _, part in parts]) if left_out else claims
        described = "; ".join(
            f"{r.text} {r.casualty_kind} ({'cumulative' if r.cumulative else 'incident'}"
            f"{', ' + str(r.victims) if pd.notna(r.victims) else ''})" for r in drawn.itertuples())
        alt = (f"Dot chart of {style.plural(len(drawn), 'casualty claim')} in two panels, single incidents "
               f"above and cumulative tolls below, each mark shaped by how the number is worded: "
               f"{described or 'none'}."
               + (f" Not drawn: {style.plural(left_out, 'smaller claim')}, listed in the table of every "
                  "figure." if left_out else "")
               + (f" Not drawn, having no number: {'; '.join(unplotted['text'].astype(str))}." if len(unplotted) else ""))
        if len(unplotted):
            axes[-1].set_title(f"Not drawn (no number given): {style.shorten('; '.join(unplotted['text'].astype(str)), 80)}",
                               fontsize=10, fontweight="normal", loc="left")
        return style.finish(fig, "Casualty figures as the article words them", source, alt)
