"""Voices: who is quoted or reported, in how many statements, direct versus indirect, grouped by side.

Statements, not quotes, are counted: a quote inside another is part of that statement, and a
joint statement counts once for each party (see analysis.views.statements).
"""
from __future__ import annotations

import textwrap

import pandas as pd
from matplotlib.figure import Figure
from matplotlib.patches import Patch

from ..views import speakers_left_out, voice_counts
from . import style

HATCH = {"direct": None, "indirect": "///"}
KIND_LABELS = {"direct": "direct (in quotation marks)", "indirect": "indirect (reported speech)"}
FONT = 10
NAME_CHARS = 34
COUNTING = "a quote inside another is part of that statement; a joint statement counts for each party"


def _wrapped(name: str) -> str:
    """A speaker's name on at most two lines, never cut short."""
    return "\n".join(textwrap.wrap(" ".join(str(name).split()), NAME_CHARS, break_on_hyphens=False)) or "—"


def _bar_label(row: pd.Series) -> str:
    """The number at the end of a speaker's bar, saying how many of the statements were joint."""
    joint, total = int(row["joint"]), int(row["total"])
    if not joint:
        return f" {total}"
    return f" {total} (joint)" if joint == total else f" {total} ({joint} joint)"


def voices_chart(quotes: pd.DataFrame, actors: pd.DataFrame, source: str, top_n: int = 15) -> Figure:
    """Stacked bars of direct and indirect statements per speaker, with a heading row for each side,
    and a last row saying which speakers the top-`top_n` cut left out."""
    counts = voice_counts(quotes, actors, top_n)
    rest = speakers_left_out(quotes, actors, top_n)
    rows: list[tuple[str, pd.Series | None]] = []
    for side, group in counts.groupby("side", sort=False):
        rows.append((side, None))
        rows.extend((speaker, r) for speaker, (_, r) in zip(group["speaker"], group.iterrows()))
    if rest:
        rows.append((rest, None))
    with style.styled():
        fig, (ax,) = style.new_figure(height=2.4 + 0.38 * max(len(rows), 1))
        positions = list(range(len(rows)))[::-1]
        labels = []
        for y, (name, row) in zip(positions, rows):
            if row is None:
                labels.append(_wrapped(name) if name == rest else _wrapped(name).upper())
                continue
            labels.append(_wrapped(name))
            left = 0
            for kind in ("direct", "indirect"):
                value = int(row[kind])
                bars = ax.barh(y, value, left=left, color=style.QUOTE_KIND_COLOURS[kind], edgecolor="black",
                               linewidth=0.5, hatch=HATCH[kind])
                bars.patches[0].set_gid(f"{row['side']}|{row['speaker']}|{kind}")
                left += value
            ax.text(left, y, _bar_label(row), va="center", ha="left", fontsize=FONT)
        ax.set_yticks(positions, labels, fontsize=FONT)
        for tick, (name, row) in zip(ax.get_yticklabels(), rows):
            if row is None and name != rest:
                tick.set_fontweight("bold")
            elif row is None:
                tick.set_fontstyle("italic")
                tick.set_gid("left-out")
        ax.set_xlabel(f"Statements (number)\n{COUNTING[0].upper()}{COUNTING[1:]}", fontsize=FONT)
        ax.set_ylabel("Speaker, grouped by side (bold)", fontsize=FONT)
        ax.margins(x=0.15)
        ax.xaxis.get_major_locator().set_params(integer=True)
        if len(counts):
            ax.legend(handles=[Patch(facecolor=style.QUOTE_KIND_COLOURS[k], edgecolor="black", hatch=HATCH[k],
                                     label=KIND_LABELS[k]) for k in ("direct", "indirect")],
                      loc="lower right", fontsize=FONT)
        else:
            style.empty_note(ax, "Nobody is quoted in this article")
        listing = "; ".join(f"{r.speaker} ({r.side}): {r.direct} direct, {r.indirect} indirect"
                            + (f", {r.joint} of them joint" if r.joint else "") for r in counts.itertuples())
        alt = (f"Stacked bar chart of statements per speaker for the "
               f"{style.plural(len(counts), 'most-quoted speaker')}, grouped by side, split into direct and "
               f"indirect statements ({COUNTING}): {listing or 'none'}." + (f" Not shown: {rest}." if rest else ""))
        return style.finish(fig, "Who gets a voice: statements by speaker and side", source, alt)
