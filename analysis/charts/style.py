"""Shared look of every chart: Okabe-Ito colours, titles, source line, alt text and PNG output.

Figures are made with `matplotlib.figure.Figure` (never pyplot), so no backend,
no global figure list and no inline auto-display can drop, duplicate or keep them.
"""
from __future__ import annotations

import io
import textwrap
from collections.abc import Iterable, Iterator
from contextlib import contextmanager

import matplotlib
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from matplotlib.ticker import FuncFormatter

# Okabe & Ito (2008), "Color Universal Design": distinguishable with every common colour-vision deficiency.
OKABE_ITO = {
    "blue": "#0072B2",
    "vermillion": "#D55E00",
    "bluish_green": "#009E73",
    "orange": "#E69F00",
    "reddish_purple": "#CC79A7",
    "sky_blue": "#56B4E9",
    "yellow": "#F0E442",
    "black": "#000000",
}
GREY = "#999999"
PALETTE: tuple[str, ...] = tuple(OKABE_ITO.values()) + (GREY,)

ACTOR_TYPE_COLOURS = {
    "state": OKABE_ITO["blue"],
    "armed_group": OKABE_ITO["vermillion"],
    "political_organisation": OKABE_ITO["orange"],
    "government_institution": OKABE_ITO["sky_blue"],
    "international_organisation": OKABE_ITO["bluish_green"],
    "person": OKABE_ITO["reddish_purple"],
    "media": OKABE_ITO["yellow"],
    "population": GREY,
    "anonymous_source": OKABE_ITO["black"],
}
CASUALTY_KIND_COLOURS = {
    "killed": OKABE_ITO["vermillion"],
    "injured": OKABE_ITO["orange"],
    "missing": OKABE_ITO["blue"],
    "hostage": OKABE_ITO["reddish_purple"],
}
MODALITY_COLOURS = {
    "happened": OKABE_ITO["blue"],
    "planned": OKABE_ITO["bluish_green"],
    "expected": OKABE_ITO["sky_blue"],
    "threatened": OKABE_ITO["vermillion"],
    "denied": GREY,
    "possible": OKABE_ITO["orange"],
}
QUOTE_KIND_COLOURS = {"direct": OKABE_ITO["blue"], "indirect": OKABE_ITO["orange"]}

DPI = 100
WIDTH = 9.0
# Characters per line of the source line at 10 pt, so it wraps inside a figure WIDTH wide.
SOURCE_CHARS = 105
# Fixed PNG metadata: no software version or timestamp, so the same chart gives the same bytes.
PNG_METADATA = {"Software": None}
STYLE = {
    "text.parse_math": False,  # article text such as "$5 or $x$" is shown as typed, never as maths
    "font.family": "DejaVu Sans",
    "font.size": 10,
    "axes.titlesize": 11,
    "axes.titleweight": "bold",
    "axes.labelsize": 10,
    "axes.spines.top": False,
    "axes.spines.right": False,
    "axes.grid": False,
    "figure.facecolor": "white",
    "axes.facecolor": "white",
    "savefig.facecolor": "white",
    "legend.frameon": False,
    "svg.hashsalt": "conflict-notebooks",
}


def colour_for(level: str, mapping: dict[str, str]) -> str:
    """The colour of a category level; grey for a level the mapping does not know."""
    return mapping.get(str(level), GREY)


@contextmanager
def styled() -> Iterator[None]:
    """Apply the suite's rcParams while a chart is built, leaving the caller's settings alone."""
    with matplotlib.rc_context(STYLE):
        yield


def new_figure(height: float, width: float = WIDTH, rows: int = 1,
               height_ratios: Iterable[float] | None = None, sharex: bool = False) -> tuple[Figure, list]:
    """A constrained-layout figure of `rows` stacked axes; returns (fig, axes)."""
    fig = Figure(figsize=(width, height), dpi=DPI, layout="constrained")
    FigureCanvasAgg(fig)
    ratios = list(height_ratios) if height_ratios is not None else None
    axes = fig.subplots(rows, 1, squeeze=False, height_ratios=ratios, sharex=sharex)[:, 0]
    return fig, list(axes)


def legend_row(ax, handles: list, title: str | None = None, ncols: int = 4) -> None:
    """Turn a spare bottom row of axes into a legend, so the layout keeps it clear of the data."""
    ax.set_axis_off()
    ax.set_gid("legend-row")
    if handles:
        ax.legend(handles=handles, loc="center", ncols=ncols, fontsize=10, title=title, title_fontsize=10)


def source_line(title: str, file: str, annotation: str | None = None) -> str:
    """The text naming where a chart's data come from: the article and its annotation."""
    short = textwrap.shorten(" ".join(str(title).split()), width=90, placeholder="…")
    text = f"Source: “{short}” ({file})"
    if annotation:
        text += f"; {annotation} annotation"
    return text


def finish(fig: Figure, title: str, source: str, alt: str) -> Figure:
    """Give a figure its title, source line and alt text; every chart ends here."""
    if not source or not source.strip():
        raise ValueError("a chart needs a source line naming the article")
    fig.suptitle(title, fontsize=13, fontweight="bold", x=0.01, ha="left")
    fig.supxlabel(textwrap.fill(" ".join(source.split()), SOURCE_CHARS), x=0.01, ha="left", fontsize=10,
                  color="#444444", gid="source-line")
    set_alt_text(fig, alt)
    return fig


def set_alt_text(fig: Figure, alt: str) -> None:
    """Attach the text that describes the figure to readers who cannot see it."""
    if not alt or not alt.strip():
        raise ValueError("alt text must not be empty")
    fig.alt_text = " ".join(alt.split())


def alt_text(fig: Figure) -> str:
    """The alt text of a figure made by this package; an error if it has none."""
    text = getattr(fig, "alt_text", None)
    if not text:
        raise ValueError("this figure has no alt text: build it with analysis.charts")
    return text


def source_text(fig: Figure) -> str:
    """The source line of a figure, on one line (it is wrapped to fit the figure)."""
    return " ".join(fig._supxlabel.get_text().split()) if fig._supxlabel is not None else ""


def title_text(fig: Figure) -> str:
    """The figure's main title."""
    return fig._suptitle.get_text() if fig._suptitle is not None else ""


def to_png(fig: Figure) -> bytes:
    """The figure as PNG bytes: fixed resolution and metadata, so equal inputs give equal bytes."""
    buffer = io.BytesIO()
    if fig.canvas is None or not isinstance(fig.canvas, FigureCanvasAgg):
        FigureCanvasAgg(fig)
    fig.savefig(buffer, format="png", dpi=DPI, metadata=PNG_METADATA)
    return buffer.getvalue()


def thousands(ax, axis: str = "x") -> None:
    """Format an axis's tick labels as whole numbers with thousands separators."""
    formatter = FuncFormatter(lambda value, _pos: f"{value:,.0f}")
    (ax.xaxis if axis == "x" else ax.yaxis).set_major_formatter(formatter)


def shorten(text: object, width: int = 48) -> str:
    """One-line text cut to `width` characters for a tick label."""
    return textwrap.shorten(" ".join(str(text).split()), width=width, placeholder="…") or "—"


def empty_note(ax, message: str) -> None:
    """Write a message in the middle of axes that have nothing to plot."""
    ax.text(0.5, 0.5, message, transform=ax.transAxes, ha="center", va="center",
            fontsize=11, color="#444444", gid="empty-note")
    ax.set_yticks([])


def plural(count: int, word: str, many: str | None = None) -> str:
    """'1 claim', '3 claims'."""
    return f"{count:,} {word if count == 1 else (many or word + 's')}"
