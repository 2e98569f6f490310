"""What the corpus notebooks show, shaped from the dataset's tables (the notebooks only call these).

In the report site (`report --dataset`) every article has a page of its own, `articles/<article_id>.html`,
holding its numbered sentences; the figures, tolls and events shown here link to their sentence there
(`display.Link`, escaped when the table is drawn).  Each table names the dataset table it comes from
(`attrs["table"]`), whose CSV the site keeps in `tables/`.
"""
from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from ..display import Link, sentence_href

UNKNOWN_OUTLET = "(outlet unknown)"
ARTICLES_FOLDER = "articles"


def article_page(article_id: str) -> str:
    """An article's page in the report site, relative to the corpus pages."""
    return f"{ARTICLES_FOLDER}/{article_id}.html"


def sentence_links(frame: pd.DataFrame, text: str = "sentence_text") -> list[object]:
    """Each row's `text` linked to its sentence on its article's page (as it is where the sentence is unknown)."""
    return [Link(sentence_href(int(sentence), article_page(str(article))), str(shown))
            if pd.notna(article) and str(article) and pd.notna(sentence) and pd.notna(shown)
            else (None if pd.isna(shown) else str(shown))
            for article, sentence, shown in zip(frame["article_id"], frame["sentence"], frame[text])]


def from_table(frame: pd.DataFrame, table: str) -> pd.DataFrame:
    """A shown table marked with the dataset table it comes from (its CSV is linked below it)."""
    frame.attrs["table"] = table
    return frame


@dataclass(frozen=True)
class Facts:
    """What a dataset holds, in brief: its articles, outlets, dates, annotation kinds and versions."""

    read: int
    failed: int
    duplicate: int
    outlets: tuple[str, ...]
    first: pd.Timestamp | None
    last: pd.Timestamp | None
    kind_counts: tuple[tuple[str, int], ...]
    versions: tuple[str, ...]

    @property
    def kinds(self) -> tuple[str, ...]:
        """The annotation kinds of the articles read, sorted."""
        return tuple(kind for kind, _ in self.kind_counts)

    @property
    def span(self) -> str:
        """'2026-03-04 to 2026-03-10', or 'no dates'."""
        return f"{self.first.date()} to {self.last.date()}" if self.first is not None else "no dates"


def facts(articles: pd.DataFrame) -> Facts:
    """The brief facts of a dataset from its `articles` table."""
    ok = articles[articles["status"] == "ok"]
    dates = ok["published"].dropna()

    def distinct(values: Iterable) -> tuple[str, ...]:
        return tuple(sorted({str(v) for v in values if pd.notna(v)}))

    return Facts(read=len(ok), failed=int((articles["status"] == "failed").sum()),
                 duplicate=int((articles["status"] == "duplicate").sum()), outlets=distinct(ok["outlet"]),
                 first=dates.min() if len(dates) else None, last=dates.max() if len(dates) else None,
                 kind_counts=tuple(sorted(Counter(str(k) for k in ok["annotation"] if pd.notna(k)).items())),
                 versions=distinct(ok["version"]))


def outlet_names(frame: pd.DataFrame) -> pd.Series:
    """Each row's outlet, with a stated placeholder where it is unknown."""
    return frame["outlet"].astype("object").where(frame["outlet"].notna(), UNKNOWN_OUTLET)


def source_of(row: pd.Series) -> str:
    """Who published a row: its outlet, else its file name."""
    return str(row["outlet"]) if pd.notna(row["outlet"]) else str(row["file"])


def source_line(dataset: Path | str, articles: pd.DataFrame) -> str:
    """The source line of every corpus chart: the dataset, its articles, outlets and annotation kinds."""
    brief = facts(articles)
    kinds = " and ".join(brief.kinds) or "no"
    return (f"Source: corpus dataset “{Path(dataset).name}” ({brief.read:,} articles, {len(brief.outlets):,} named "
            f"outlets; {kinds} annotations)")


def overview(articles: pd.DataFrame) -> pd.DataFrame:
    """Articles counted by status and annotation kind."""
    counts = articles.groupby(["status", "annotation"], observed=True, dropna=False).size()
    return from_table(counts.rename("articles").reset_index(), "articles")


def without_paths(articles: pd.DataFrame) -> pd.DataFrame:
    """The articles table without the folders of the machine that built it: no `path`, and file names in errors."""
    folders = sorted({str(Path(p).parent) for p in articles["path"].dropna()} - {"."}, key=len, reverse=True)
    errors = articles["error"].astype("object")
    for folder in folders:
        errors = errors.str.replace(f"{folder}/", "", regex=False)
    return articles.drop(columns=["path"]).assign(error=errors.astype(articles["error"].dtype))


def articles_listing(articles: pd.DataFrame) -> pd.DataFrame:
    """Every article with its outlet, date, annotation and what became of it; a read one links to its page."""
    listing = without_paths(articles)[["file", "outlet", "published", "annotation", "status", "sentence_count",
                                       "repairs", "error"]].copy()
    listing["file"] = [Link(article_page(str(a)), str(f)) if s == "ok" and pd.notna(a) and str(a) else str(f)
                       for a, f, s in zip(articles["article_id"], articles["file"], articles["status"])]
    return from_table(listing, "articles")


def articles_per_day(articles: pd.DataFrame) -> pd.DataFrame:
    """Articles read, by publication date and outlet (undated ones apart); columns published, outlet, articles."""
    ok = articles[articles["status"] == "ok"].assign(outlet=lambda f: outlet_names(f))
    counts = ok.groupby(["published", "outlet"], dropna=False).size().rename("articles").reset_index()
    return counts.sort_values(["published", "outlet"], na_position="last", kind="stable").reset_index(drop=True)


def incident_label(row: pd.Series) -> str:
    """'Wad Hilal, 8 Mar 2026 (air strike)': where, when and what."""
    where = str(row["location"]) if pd.notna(row["location"]) else "place not stated"
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
    figures["sentence"] = sentence_links(figures)
    return from_table(figures[["incident", "casualty_kind", "source", "published", "text", "victims", "qualifier",
                               "count_low", "count_high", "figure_role", "reported_by", "sentence"]]
                      .reset_index(drop=True), "incident_reports")


def counted(n: int, noun: str) -> str:
    """'1 figure', '2 figures'."""
    return f"{n:,} {noun}{'' if n == 1 else 's'}"


# Marks per incident in the conflicting-figures chart; the table below it lists every figure.
CHART_MARKS = 8


def charted_conflicts(side: pd.DataFrame, flagged: pd.DataFrame, kind: str, top_n: int,
                      per_incident: int = CHART_MARKS) -> tuple[pd.DataFrame, pd.DataFrame, str | None]:
    """(figures, incidents, note) the conflicting-figures chart draws: the `top_n` incidents told by most
    articles, each with its distinct figures (one per source and wording), the earliest `per_incident`;
    the note says what was left out, or is None."""
    shown = flagged[flagged[f"{kind}_conflict"].fillna(False)]
    figures = side[(side["casualty_kind"] == kind) & (side["figure_role"] != "breakdown")
                   & side["incident"].isin(shown["label"])]
    distinct = figures.drop_duplicates(["incident", "source", "qualifier", "count_low", "count_high"])
    sources = distinct.groupby("incident", sort=False)["source"].nunique()
    ranked = shown.assign(sources=shown["label"].map(sources).fillna(0)).sort_values(
        "sources", ascending=False, kind="stable")
    kept = ranked.head(top_n)
    picked = distinct[distinct["incident"].isin(kept["label"])].groupby("incident", sort=False).head(per_incident)
    in_kept = figures["incident"].isin(kept["label"])
    left = [counted(len(ranked) - len(kept), "more incident")] if len(ranked) > len(kept) else []
    if int(in_kept.sum()) > len(picked):
        left.append(f"{counted(int(in_kept.sum()) - len(picked), 'figure')} (a source's repeated wording, or "
                    f"beyond an incident's first {per_incident})")
    note = f"The chart leaves out {' and '.join(left)}; the table below lists every figure." if left else None
    return picked, kept.drop(columns="sources").reset_index(drop=True), note


def incident_listing(incidents: pd.DataFrame, reports: pd.DataFrame) -> pd.DataFrame:
    """Every report of every incident, incident by incident: who said what, as worded, in which sentence."""
    labels = {i: incident_label(r) for i, (_, r) in zip(incidents["incident_id"], incidents.iterrows())}
    order = {i: n for n, i in enumerate(incidents["incident_id"])}
    shown = reports[reports["incident_id"].isin(labels)].copy()
    shown["incident"] = shown["incident_id"].map(labels)
    shown["source"] = [source_of(r) for _, r in shown.iterrows()]
    shown["sentence"] = sentence_links(shown)
    shown = shown.assign(order=shown["incident_id"].map(order)).sort_values(
        ["order", "published", "file"], na_position="first", kind="stable")
    return from_table(shown[["incident", "record", "source", "published", "text", "casualty_kind", "qualifier",
                             "figure_role", "sentence"]].reset_index(drop=True), "incident_reports")


def estimates_table(incidents: pd.DataFrame) -> pd.DataFrame:
    """Each incident's killed and injured estimates, with how many articles report it."""
    shown = incidents.assign(incident=[incident_label(r) for _, r in incidents.iterrows()])
    return from_table(shown[["incident", "conflict", "articles", "outlets", "killed_low", "killed_best", "killed_high",
                             "killed_conflict", "injured_low", "injured_best", "injured_high", "injured_conflict",
                             "summary"]], "incidents")


def actors_across(actors: pd.DataFrame, top_n: int | None = None) -> pd.DataFrame:
    """Actors by the number of articles naming them (by canonical name), with their mentions and outlets."""
    named = actors[actors["mentions"].fillna(0) > 0].assign(outlet=lambda f: outlet_names(f))
    grouped = named.groupby("actor_name", observed=True).agg(
        actor_type=("actor_type", lambda s: s.astype("object").mode().sort_values().iloc[0]),
        articles=("article_id", "nunique"), mentions=("mentions", "sum"),
        outlets=("outlet", lambda s: "; ".join(sorted(set(s)))))
    table = grouped.reset_index().sort_values(["articles", "mentions", "actor_name"], ascending=[False, False, True],
                                              kind="stable")
    return from_table((table.head(top_n) if top_n else table).reset_index(drop=True), "actors")


def combined_timeline(timeline: pd.DataFrame) -> pd.DataFrame:
    """Every article's dated events in one table, by date, with the article's outlet and publication date."""
    events = timeline.assign(source=[source_of(r) for _, r in timeline.iterrows()])
    return events.sort_values(["start_date", "end_date", "published", "file", "event_id"], kind="stable",
                              na_position="last").reset_index(drop=True)


def timeline_table(events: pd.DataFrame) -> pd.DataFrame:
    """The combined timeline as a table: each event's label links to its sentence."""
    shown = events.assign(label=sentence_links(events, "label"))
    return from_table(shown[["start_date", "end_date", "source", "label", "modality", "date_text"]], "timeline")


def toll_table(tolls: pd.DataFrame) -> pd.DataFrame:
    """The toll series, point by point, with each point's wording and its sentence (linked)."""
    points = tolls.assign(sentence=sentence_links(tolls))
    return from_table(points[["series", "as_of", "text", "toll", "change", "decreased", "file", "sentence"]], "tolls")
