"""Actor charts: mentions per actor (optionally rolled up to states and groups) and a co-occurrence network."""
from __future__ import annotations

import math

import pandas as pd
from matplotlib.collections import LineCollection
from matplotlib.figure import Figure
from matplotlib.patches import Patch

from ..views import mention_counts, network_edges
from . import style


def _type_label(actor_type: str) -> str:
    return str(actor_type).replace("_", " ")


def mentions_chart(actors: pd.DataFrame, source: str, rollup: bool = False, top_n: int = 15) -> Figure:
    """Horizontal bars of mentions per actor coloured by actor type; `rollup` groups people and
    institutions under their state or group."""
    counts = mention_counts(actors, rollup)
    shown = counts[counts["mentions"] > 0].head(top_n)
    rows = max(len(shown), 1)
    with style.styled():
        fig, (ax,) = style.new_figure(height=1.6 + 0.32 * rows)
        positions = list(range(len(shown)))[::-1]
        for y, row in zip(positions, shown.itertuples()):
            colour = style.colour_for(row.actor_type, style.ACTOR_TYPE_COLOURS)
            bar = ax.barh(y, row.mentions, color=colour, edgecolor="black", linewidth=0.5)
            bar.patches[0].set_gid(row.actor_id)
            ax.text(row.mentions, y, f" {row.mentions:,}", va="center", ha="left", fontsize=10)
        ax.set_yticks(positions, [style.shorten(n, 40) for n in shown["actor_name"]])
        ax.set_xlabel("Mentions (times the article names the actor)")
        ax.set_ylabel("State or group (people and institutions rolled up)" if rollup else "Actor")
        ax.margins(x=0.12)
        style.thousands(ax, "x")
        types = list(dict.fromkeys(shown["actor_type"]))
        if types:
            ax.legend(handles=[Patch(facecolor=style.colour_for(t, style.ACTOR_TYPE_COLOURS),
                                     edgecolor="black", linewidth=0.5, label=_type_label(t)) for t in types],
                      title="Actor type", loc="lower right")
        else:
            style.empty_note(ax, "No actor is named in this article")
        what = "states and groups, with their people and institutions rolled up" if rollup else "actors"
        title = ("Who is named most: " + ("by state or group" if rollup else "by actor"))
        omitted = len(counts[counts["mentions"] > 0]) - len(shown)
        listing = "; ".join(f"{r.actor_name} {r.mentions} ({_type_label(r.actor_type)})" for r in shown.itertuples())
        alt = (f"Horizontal bar chart of how many times the article names each of the "
               f"{len(shown)} most-named {what}, most named at the top: {listing or 'none'}."
               + (f" {style.plural(omitted, 'other')} not shown." if omitted > 0 else ""))
        return style.finish(fig, title, source, alt)


def cooccurrence_chart(cooccurrence: pd.DataFrame, actors: pd.DataFrame, source: str,
                       top_n: int = 15) -> Figure:
    """Network of actors named in the same sentence: line width = shared sentences, circle area =
    mentions; circular layout in a fixed order, so it is the same picture every time."""
    counts = mention_counts(actors)
    edges = network_edges(cooccurrence, actors, top_n)
    nodes = [a for a in counts["actor_id"] if a in set(edges["actor_a"]) | set(edges["actor_b"])]
    info = counts.set_index("actor_id")
    import networkx as nx  # only this chart needs it; imported here to keep notebook start-up lean

    graph = nx.Graph()
    graph.add_nodes_from(nodes)
    graph.add_weighted_edges_from(edges.itertuples(index=False, name=None), weight="sentences")
    layout = nx.circular_layout(nodes) if nodes else {}
    with style.styled():
        fig, (ax,) = style.new_figure(height=7.5, width=9.0)
        widest = max(edges["sentences"].max(), 1) if len(edges) else 1
        if len(edges):
            segments = [(layout[a], layout[b]) for a, b in zip(edges["actor_a"], edges["actor_b"])]
            widths = [0.8 + 5.0 * s / widest for s in edges["sentences"]]
            lines = LineCollection(segments, linewidths=widths, colors="#555555", alpha=0.6, zorder=1,
                                   gid="cooccurrence-edges")
            ax.add_collection(lines)
            for (a, b), count in zip(segments, edges["sentences"]):
                if count > 1:
                    ax.text((a[0] + b[0]) / 2, (a[1] + b[1]) / 2, str(count), fontsize=10, ha="center",
                            va="center", color="#333333", zorder=3,
                            bbox={"boxstyle": "round,pad=0.1", "fc": "white", "ec": "none", "alpha": 0.8})
        most = max(info.loc[nodes, "mentions"].max(), 1) if nodes else 1
        for node in nodes:
            x, y = layout[node]
            mentions = int(info.loc[node, "mentions"])
            colour = style.colour_for(info.loc[node, "actor_type"], style.ACTOR_TYPE_COLOURS)
            ax.scatter([x], [y], s=120 + 900 * mentions / most, color=colour, edgecolor="black",
                       linewidth=0.6, zorder=2, gid=node)
            angle = math.atan2(y, x)
            ax.text(1.2 * math.cos(angle), 1.2 * math.sin(angle), style.shorten(info.loc[node, "actor_name"], 28),
                    ha="left" if math.cos(angle) > 0.1 else ("right" if math.cos(angle) < -0.1 else "center"),
                    va="center", fontsize=10)
        ax.set_xlim(-1.9, 1.9)
        ax.set_ylim(-1.45, 1.45)
        ax.set_aspect("equal")
        ax.set_xticks([])
        ax.set_yticks([])
        for spine in ax.spines.values():
            spine.set_visible(False)
        ax.set_xlabel("Line width: number of sentences naming both actors (label when more than one); "
                      "circle area: mentions", fontsize=10)
        types = list(dict.fromkeys(info.loc[nodes, "actor_type"])) if nodes else []
        if types:
            ax.legend(handles=[Patch(facecolor=style.colour_for(t, style.ACTOR_TYPE_COLOURS), edgecolor="black",
                                     linewidth=0.5, label=_type_label(t)) for t in types],
                      title="Actor type", loc="upper left", bbox_to_anchor=(-0.02, 1.0), fontsize=10)
        else:
            style.empty_note(ax, "No two of these actors share a sentence")
        names = info["actor_name"].to_dict()
        strongest = edges.sort_values(["sentences", "actor_a", "actor_b"], ascending=[False, True, True]).head(5)
        pairs = "; ".join(f"{names.get(r.actor_a, r.actor_a)} and {names.get(r.actor_b, r.actor_b)} "
                          f"({style.plural(r.sentences, 'sentence')})" for r in strongest.itertuples())
        alt = (f"Network diagram of {style.plural(len(nodes), 'actor')} among the {top_n} most named, "
               f"joined by {style.plural(len(edges), 'line')} when a sentence names both. "
               + (f"Most frequent pairs: {pairs}." if pairs else "No pair shares a sentence."))
        return style.finish(fig, "Who is named together: actors sharing a sentence", source, alt)
