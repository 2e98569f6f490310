"""Places: where the article's events happened, as points on longitude/latitude axes.

No map tiles and no borders (nothing is fetched): towns are dots and countries rings, placed
from the GeoNames data that analysis.places reads offline, each labelled with the place as
the article writes it and its events.  Places that could not be placed are listed under the map.
"""
from __future__ import annotations

import math
import textwrap

import pandas as pd
from matplotlib.figure import Figure
from matplotlib.lines import Line2D
from matplotlib.text import Text
from matplotlib.transforms import Bbox

from ..views import map_points, unplaced_places
from . import style

FONT = 10
LABEL_CHARS = 24
# Label offsets tried in turn (points): beside the point first, then further out with a leader line.
DIRECTIONS = ((1, 0), (-1, 0), (0, 1), (0, -1), (1, 1), (-1, 1), (1, -1), (-1, -1))
DISTANCES = (4, 16, 32, 52)
KIND_MARKERS = {"city": True, "country": False}


def point_colour(modalities: str) -> str:
    """A spot's colour: 'happened' when anything happened there, else its first other modality."""
    found = [m.strip() for m in str(modalities).split(";")]
    return style.colour_for("happened" if "happened" in found else found[0], style.MODALITY_COLOURS)


def point_label(row: pd.Series) -> str:
    """A spot's label: the places as the article writes them, wrapped, never cut."""
    return "\n".join(textwrap.wrap(str(row["places"]), LABEL_CHARS, break_on_hyphens=False))


def extent(points: pd.DataFrame) -> tuple[float, float, float, float]:
    """Longitude and latitude limits around the points, with room for labels; never below 6 degrees wide."""
    west, east = points["longitude"].min(), points["longitude"].max()
    south, north = points["latitude"].min(), points["latitude"].max()
    pad_x = max(3.0, 0.2 * (east - west))
    pad_y = max(1.5, 0.15 * (north - south))
    return west - pad_x, east + pad_x, max(south - pad_y, -90.0), min(north + pad_y, 90.0)


def _clash(box: Bbox, boxes: list[Bbox], inside: Bbox) -> int:
    """How badly a label's box sits: boxes it overlaps, and a heavy cost for leaving the axes."""
    outside = not (inside.contains(box.x0, box.y0) and inside.contains(box.x1, box.y1))
    return sum(box.overlaps(other) for other in boxes) + 10 * outside


def marker_size(place_kind: object, count: int) -> float:
    """A spot's marker size in points: towns grow with their events, countries are wide rings."""
    return 9 + 3 * min(count, 4) if KIND_MARKERS.get(str(place_kind), True) else 24


def _label_at(ax, row: pd.Series, index: object, dx: float, dy: float, far: bool):
    """A label at an offset from its point, aligned away from it, with a leader line when it is far."""
    return ax.annotate(point_label(row), xy=(row["longitude"], row["latitude"]), xytext=(dx, dy),
                       textcoords="offset points", fontsize=FONT, linespacing=1.1, zorder=2,
                       ha="left" if dx > 0 else ("right" if dx < 0 else "center"),
                       va="bottom" if dy > 0 else ("top" if dy < 0 else "center"),
                       bbox={"boxstyle": "round,pad=0.15", "fc": "white", "ec": "none", "alpha": 0.8},
                       arrowprops={"arrowstyle": "-", "color": "#555555", "linewidth": 0.8} if far else None,
                       gid=f"label:{index}")


def _place_labels(fig: Figure, ax, points: pd.DataFrame, markers: list[Bbox]) -> None:
    """Put each label where it overlaps the fewest other labels and points, inside the axes: beside
    its point when there is room, further out with a leader line when there is not."""
    renderer = fig.canvas.get_renderer()
    inside = ax.get_window_extent(renderer)
    taken: list[Bbox] = []
    order = points.sort_values(["count", "latitude"], ascending=[False, False], kind="stable").index
    for index in order:
        row = points.loc[index]
        best = None
        radius = marker_size(row["place_kind"], row["count"]) / 2
        others = [m for i, m in zip(points.index, markers) if i != index]
        for distance in DISTANCES:
            for ux, uy in DIRECTIONS:
                text = _label_at(ax, row, index, ux * (radius + distance), uy * (radius + distance),
                                 distance > DISTANCES[0])
                text.update_positions(renderer)
                box = Text.get_window_extent(text, renderer)  # the words only, not the leader line
                score = _clash(box, taken + others, inside)
                if best is None or score < best[0]:
                    if best is not None:
                        best[1].remove()
                    best = (score, text, box)
                else:
                    text.remove()
                if best[0] == 0:
                    break
            if best[0] == 0:
                break
        taken.append(best[2])


def _unplaced_note(places: pd.DataFrame) -> str:
    """The places left off the map, in words."""
    missing = unplaced_places(places)
    if missing.empty:
        return "Every place named was placed."
    listed = "; ".join(f"{r.place} ({style.plural(r.events, 'event')})" for r in missing.itertuples())
    return textwrap.fill(f"Not placed (not a town or country in GeoNames, or ambiguous): {listed}.", 100)


def _draw_points(ax, points: pd.DataFrame) -> None:
    """Towns as dots (larger for more events), countries as rings, coloured by what happened there."""
    for row in points.itertuples():
        filled = KIND_MARKERS.get(str(row.place_kind), True)
        colour = point_colour(row.modalities)
        ax.plot([row.longitude], [row.latitude], marker="o", markersize=marker_size(row.place_kind, row.count),
                linestyle="none", color=colour, markerfacecolor=colour if filled else "none",
                markeredgewidth=1.4 if filled else 2.6, markeredgecolor="black" if filled else colour,
                gid=f"point:{row.Index}", zorder=3)


def _key(ax, points: pd.DataFrame, note: str) -> None:
    """The legend and the list of places left off the map, in a row of their own under it."""
    ax.set_axis_off()
    ax.set_gid("legend-row")
    modalities = {m.strip() for value in points["modalities"] for m in str(value).split(";")}
    handles = [Line2D([], [], marker="o", linestyle="none", markersize=10, color=style.MODALITY_COLOURS[m],
                      markeredgecolor="black", label="something happened here" if m == "happened" else f"only {m}")
               for m in style.MODALITY_COLOURS if m in modalities]
    handles += [Line2D([], [], marker="o", linestyle="none", markersize=10, color="#777777",
                       markeredgecolor="black", label="town or city (larger: more events)"),
                Line2D([], [], marker="o", linestyle="none", markersize=15, markerfacecolor="none",
                       markeredgewidth=2.2, color="#777777", label="country (marked at the centre of its towns)")]
    ax.legend(handles=handles, loc="upper center", ncols=2, fontsize=FONT)
    ax.text(0.0, 0.0, note, transform=ax.transAxes, fontsize=FONT, va="bottom", ha="left", color="#222222",
            gid="unplaced")


def places_chart(places: pd.DataFrame, source: str) -> Figure:
    """Event locations on longitude/latitude axes: dots for towns, rings for countries (marked at the
    centre of their towns), coloured by whether something happened there; unplaced places listed."""
    points = map_points(places)
    note = _unplaced_note(places)
    with style.styled():
        if points.empty:
            fig, (ax,) = style.new_figure(height=3.0)
            style.empty_note(ax, "No place named in this article could be placed on the map")
            ax.set_xlabel(f"Longitude (degrees east)\n{note}", fontsize=FONT)
            ax.set_ylabel("Latitude (degrees north)", fontsize=FONT)
            return style.finish(fig, "Where things happened", source, f"Map with no placed locations. {note}")
        west, east, south, north = extent(points)
        aspect = 1 / max(math.cos(math.radians((south + north) / 2)), 0.2)
        map_height = min(max(7.6 * (north - south) * aspect / (east - west), 4.0), 7.5)
        modalities = {m.strip() for value in points["modalities"] for m in str(value).split(";")}
        key_height = 0.3 + 0.28 * -(-(len(modalities) + 2) // 2) + 0.2 * (note.count("\n") + 1)
        fig, (ax, key_ax) = style.new_figure(height=map_height + key_height + 1.3, rows=2,
                                             height_ratios=[map_height, key_height])
        ax.set_xlim(west, east)
        ax.set_ylim(south, north)
        ax.set_aspect(aspect, adjustable="box")
        ax.grid(color="#dddddd", linewidth=0.6)
        ax.set_axisbelow(True)
        for spine in ("top", "right"):
            ax.spines[spine].set_visible(True)
        _draw_points(ax, points)
        ax.set_xlabel("Longitude (degrees east)", fontsize=FONT)
        ax.set_ylabel("Latitude (degrees north)", fontsize=FONT)
        ax.tick_params(labelsize=FONT)
        _key(key_ax, points, note)
        listing = "; ".join(f"{r.places} at {abs(r.latitude):.1f}\u00b0{'N' if r.latitude >= 0 else 'S'} "
                            f"{abs(r.longitude):.1f}\u00b0{'E' if r.longitude >= 0 else 'W'} ({r.placed_as}): "
                            f"{r.events} ({r.modalities})" for r in points.itertuples())
        alt = (f"Map of {style.plural(len(points), 'place')} where the article's events happened, on longitude "
               f"and latitude axes without borders: {listing}. {note}")
        style.finish(fig, "Where things happened: event locations (GeoNames, no map tiles)", source, alt)
        fig.canvas.draw()
        fig.set_layout_engine("none")  # labels are placed against the final layout, which must then stay
        markers = [next(line for line in ax.lines if line.get_gid() == f"point:{i}")
                   .get_window_extent(fig.canvas.get_renderer()) for i in points.index]
        _place_labels(fig, ax, points, markers)
        return fig
