"""Voices: who is quoted or reported, how often, direct versus indirect, grouped by side."""
from __future__ import annotations

import pandas as pd
from matplotlib.figure import Figure
from matplotlib.patches import Patch

from ..views import voice_counts
from . import style

HATCH = {"direct": None, "indirect": "///"}


def voices_chart(quotes: pd.DataFrame, source: str, top_n: int = 15) -> Figure:
    """Stacked bars of direct and indirect quotes per speaker, with a heading row for each side."""
    counts = voice_counts(quotes, top_n)
    rows: list[tuple[str, pd.Series | None]] = []
    for side, group in counts.groupby("side", sort=False):
        rows.append((side, None))
        rows.extend((speaker, r) for speaker, (_, r) in zip(group["speaker"], group.iterrows()))
    with style.styled():
        fig, (ax,) = style.new_figure(height=1.8 + 0.34 * max(len(rows), 1))
        positions = list(range(len(rows)))[::-1]
        labels = []
        for y, (name, row) in zip(positions, rows):
            if row is None:
                labels.append(style.shorten(name, 40).upper())
                continue
            labels.append(style.shorten(name, 40))
            left = 0
            for kind in ("direct", "indirect"):
                value = int(row[kind])
                bars = ax.barh(y, value, left=left, color=style.QUOTE_KIND_COLOURS[kind], edgecolor="black",
                               linewidth=0.5, hatch=HATCH[kind])
                bars.patches[0].set_gid(f"{row['side']}|{row['speaker']}|{kind}")
                left += value
            ax.text(left, y, f" {left}", va="center", ha="left", fontsize=9)
        ax.set_yticks(positions, labels)
        for tick, (_, row) in zip(ax.get_yticklabels(), rows):
            if row is None:
                tick.set_fontweight("bold")
        ax.set_xlabel("Statements (number of quotes and reported statements)")
        ax.set_ylabel("Speaker, grouped by side (bold)")
        ax.margins(x=0.1)
        ax.xaxis.get_major_locator().set_params(integer=True)
        if len(counts):
            ax.legend(handles=[Patch(facecolor=style.QUOTE_KIND_COLOURS[k], edgecolor="black", hatch=HATCH[k],
                                     label=f"{k} ({'in quotation marks' if k == 'direct' else 'reported speech'})")
                               for k in ("direct", "indirect")], loc="lower right")
        else:
            style.empty_note(ax, "Nobody is quoted in this article")
        listing = "; ".join(f"{r.speaker} ({r.side}): {r.direct} direct, {r.indirect} indirect"
                            for r in counts.itertuples())
        alt = (f"Stacked bar chart of quotes per speaker for the {style.plural(len(counts), 'most-quoted speaker')}"
               f", grouped by side, split into direct and indirect quotes: {listing or 'none'}.")
        return style.finish(fig, "Who gets a voice: quotes by speaker and side", source, alt)
