"""What the corpus notebooks show, shaped from the dataset's tables (the notebooks only call these)."""
from __future__ import annotations

from pathlib import Path

import pandas as pd

UNKNOWN_OUTLET = "(outlet unknown)"


def outlet_names(frame: pd.DataFrame) -> pd.Series:
    """Each row's outlet, with a stated placeholder where it is unknown."""
    return frame["outlet"].astype("object").where(frame["outlet"].notna(), UNKNOWN_OUTLET)


def source_of(row: pd.Series) -> str:
    """Who published a row: its outlet, else its file name."""
    return str(row["outlet"]) if pd.notna(row["outlet"]) else str(row["file"])


def source_line(dataset: Path | str, articles: pd.DataFrame) -> str:
    """The source line of every corpus chart: the dataset, its articles, outlets and annotation kinds."""
    ok = articles[articles["status"] == "ok"]
    kinds = " and ".join(sorted(set(ok["annotation"].dropna().astype(str)))) or "no"
    outlets = ok["outlet"].dropna().nunique()
    return (f"Source: corpus dataset “{Path(dataset).name}” ({len(ok):,} articles, {outlets:,} named outlets; "
            f"{kinds} annotations)")


def overview(articles: pd.DataFrame) -> pd.DataFrame:
    """Articles counted by status and annotation kind."""
    counts = articles.groupby(["status", "annotation"], observed=True, dropna=False).size()
    return counts.rename("articles").reset_index()


def articles_listing(articles: pd.DataFrame) -> pd.DataFrame:
    """Every article with its outlet, date, annotation and what became of it."""
    return articles[["file", "outlet", "published", "annotation", "status", "sentence_count", "repairs", "error"]]


def articles_per_day(articles: pd.DataFrame) -> pd.DataFrame:
    """Articles read, by publication date and outlet (undated ones apart); columns published, outlet, articles."""
    ok = articles[articles["status"] == "ok"].assign(outlet=lambda f: outlet_names(f))
    counts = ok.groupby(["published", "outlet"], dropna=False).size().rename("articles").reset_index()
    return counts.sort_values(["published", "outlet"], na_position="last", kind="stable").reset_index(drop=True)


def incident_label(row: pd.Series) -> str:
    """'Wad Hilal, 8 Mar 2026 (air strike)': where, when and what."""
    where = str(row["place"]) if pd.notna(row["place"]) else "place not stated"
    when = (pd.Timestamp(row["start_date"]).strftime("%-d %b %Y") if pd.notna(row["start_date"])
            else "date not stated")
    kind = str(row["event_type"]).replace("_", " ") if pd.notna(row["event_type"]) else "violence"
    return f"{where}, {when}{' (inferred)' if row['date_inferred'] else ''} ({kind})"


def conflicting(incidents: pd.DataFrame) -> pd.DataFrame:
    """Incidents whose sources' killed or injured figures cannot all be true, with a label."""
    flagged = incidents[incidents["killed_conflict"].fillna(False) | incidents["injured_conflict"].fillna(False)]
    return flagged.assign(label=[incident_label(r) for _, r in flagged.iterrows()]).reset_index(drop=True)


def side_by_side(incidents: pd.DataFrame, reports: pd.DataFrame) -> pd.DataFrame:
    """Every figure of the conflicting incidents: which source said what, when, as worded, in which sentence."""
    flagged = conflicting(incidents)
    labels = dict(zip(flagged["incident_id"], flagged["label"]))
    figures = reports[(reports["record"] == "figure") & reports["incident_id"].isin(labels)].copy()
    figures["incident"] = figures["incident_id"].map(labels)
    figures["source"] = [source_of(r) for _, r in figures.iterrows()]
    order = {i: n for n, i in enumerate(flagged["incident_id"])}
    figures = figures.assign(order=figures["incident_id"].map(order)).sort_values(
        ["order", "casualty_kind", "published", "file"], na_position="first", kind="stable")
    return figures[["incident", "casualty_kind", "source", "published", "text", "victims", "qualifier", "count_low",
                    "count_high", "figure_role", "reported_by", "sentence_text"]].reset_index(drop=True)


def estimates_table(incidents: pd.DataFrame) -> pd.DataFrame:
    """Each incident's killed and injured estimates, with how many articles report it."""
    shown = incidents.assign(incident=[incident_label(r) for _, r in incidents.iterrows()])
    return shown[["incident", "conflict", "articles", "outlets", "killed_low", "killed_best", "killed_high",
                  "killed_conflict", "injured_low", "injured_best", "injured_high", "injured_conflict", "summary"]]


def actors_across(actors: pd.DataFrame, top_n: int | None = None) -> pd.DataFrame:
    """Actors by the number of articles naming them (by canonical name), with their mentions and outlets."""
    named = actors[actors["mentions"].fillna(0) > 0].assign(outlet=lambda f: outlet_names(f))
    grouped = named.groupby("actor_name", observed=True).agg(
        actor_type=("actor_type", lambda s: s.astype("object").mode().sort_values().iloc[0]),
        articles=("article_id", "nunique"), mentions=("mentions", "sum"),
        outlets=("outlet", lambda s: "; ".join(sorted(set(s)))))
    table = grouped.reset_index().sort_values(["articles", "mentions", "actor_name"], ascending=[False, False, True],
                                              kind="stable")
    return (table.head(top_n) if top_n else table).reset_index(drop=True)


def combined_timeline(timeline: pd.DataFrame) -> pd.DataFrame:
    """Every article's dated events in one table, by date, with the article's outlet and publication date."""
    events = timeline.assign(source=[source_of(r) for _, r in timeline.iterrows()])
    return events.sort_values(["start_date", "end_date", "published", "file", "event_id"], kind="stable",
                              na_position="last").reset_index(drop=True)


def toll_table(tolls: pd.DataFrame) -> pd.DataFrame:
    """The toll series, point by point, with each point's wording and sentence."""
    return tolls[["series", "as_of", "text", "toll", "change", "decreased", "file", "sentence_text"]]
