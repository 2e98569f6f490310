"""Score corpus-mode incident matching on real articles against the links set's facts records.

The texts are not in the repository: retrieve each record's page again (the stored-pages search
with the record's `query`), save it as TEXTS/<id>.txt, then run

    .venv/bin/python benchmarks/real_linking.py TEXTS [--facts benchmarks/real/facts/links]

The texts alone (never a gold file) are copied into a temporary folder and the `corpus` command
runs on them in this process, with the automatic annotator. Each casualty figure of a record
names its incident (`incident`: an id; null for a figure of no labelled incident or a running
toll of a conflict; "?" when the recorder could not tell, which leaves it out of the count).
A predicted figure stands for a labelled one when its span overlaps the labelled key's
occurrence in the text. The pairs compared are pairs of figures from different articles in one
incident, as in `analysis.corpus.evaluation`: precision is the share of predicted pairs that are
labelled, recall the share of labelled pairs found. Prints Markdown.
"""
from __future__ import annotations

import argparse
import shutil
import tempfile
from collections import defaultdict
from dataclasses import dataclass
from itertools import combinations
from pathlib import Path

import pandas as pd

from analysis.corpus.evaluation import Anchor, LinkScore, Unit, score_links
from analysis.corpus.run import build_corpus
from analysis.corpus.store import load_dataset
from analysis.facts import FactsRecord, load_facts_folder, locate
from analysis.ingest import load_article

LINKS = Path(__file__).resolve().parent / "real" / "facts" / "links"
UNSURE = "?"
UNLABELLED = "(no incident)"
ARTICLE = "(article)"


@dataclass(frozen=True)
class Labels:
    """A links set placed in its texts: one anchor per located casualty key, the unsure units, the lost keys."""

    anchors: list[Anchor]
    unsure: frozenset[Unit]
    lost: list[str]


def file_of(record: FactsRecord) -> str:
    """The file name an article of the set has in the corpus folder."""
    return f"{record.id}.txt"


def anchors_from_records(records: list[FactsRecord], texts: dict[str, str]) -> Labels:
    """Each record's casualty keys located in its text, as anchors named '<key> #<occurrence>'.

    A figure labelled null gets an incident of its own (so it forms no labelled pair, and any
    predicted pair with it is wrong); a figure labelled "?" is set apart as unsure.
    """
    anchors: dict[Unit, Anchor] = {}
    unsure: set[Unit] = set()
    lost = []
    for record in records:
        file = file_of(record)
        for figure in record.data["casualties"]:
            occurrence = figure.get("occurrence", 1)
            phrase = f"{figure['key']} #{occurrence}"
            span = locate(texts[file], figure["key"], occurrence)
            if span is None:
                lost.append(f"{record.id}: key {phrase!r} not found in the text")
                continue
            incident = figure.get("incident")
            if incident == UNSURE:
                unsure.add((file, phrase))
            label = f"{UNLABELLED} {file}: {phrase}" if incident in (None, UNSURE) else incident
            anchors.setdefault((file, phrase), Anchor(label, file, phrase, span[0], span[1]))
    return Labels(list(anchors.values()), frozenset(unsure), lost)


def _overlap(a_start: int, a_end: int, b_start: int, b_end: int) -> int:
    return min(a_end, b_end) - max(a_start, b_start)


def snap_to_anchors(casualties: pd.DataFrame, anchors: list[Anchor]) -> pd.DataFrame:
    """Predicted figures with the span of the labelled key they overlap most (so the anchor holds them)."""
    by_file: dict[str, list[Anchor]] = defaultdict(list)
    for anchor in anchors:
        by_file[anchor.file].append(anchor)
    snapped = casualties.copy()
    for index, row in casualties.iterrows():
        scored = [(_overlap(row.start, row.end, a.start, a.end), -a.start, a) for a in by_file.get(row.file, ())]
        best = max(scored, key=lambda s: s[:2], default=None)
        if best is not None and best[0] > 0:
            snapped.loc[index, ["start", "end"]] = [best[2].start, best[2].end]
    return snapped


def score_records(tables: dict[str, pd.DataFrame], labels: Labels) -> LinkScore:
    """Pair scores of the dataset's incidents against the labels, pairs touching an unsure figure left out."""
    snapped = {**tables, "casualties": snap_to_anchors(tables["casualties"], labels.anchors)}
    score = score_links(snapped, labels.anchors)
    wrong = tuple(p for p in score.wrong if not set(p) & labels.unsure)
    return LinkScore(predicted=score.correct + len(wrong), labelled=score.labelled, correct=score.correct,
                     wrong=wrong, missed=score.missed)


def article_pairs(tables: dict[str, pd.DataFrame], records: list[FactsRecord]) -> LinkScore:
    """Pairs of articles: joined in some predicted incident, against the records' `same_incident_as`."""
    labelled = {tuple(sorted(((file_of(r), ARTICLE), (f"{other}.txt", ARTICLE))))
                for r in records for other in r.data.get("same_incident_as", [])}
    groups: dict[str, set[Unit]] = defaultdict(set)
    for incident, file in zip(tables["incident_reports"]["incident_id"], tables["incident_reports"]["file"]):
        groups[incident].add((file, ARTICLE))
    found = {pair for units in groups.values() for pair in combinations(sorted(units), 2)}
    return LinkScore(predicted=len(found), labelled=len(labelled), correct=len(found & labelled),
                     wrong=tuple(sorted(found - labelled)), missed=tuple(sorted(labelled - found)))


def placements(tables: dict[str, pd.DataFrame], labels: Labels) -> dict[Unit, set[str]]:
    """For each labelled figure, the predicted incidents holding a figure that overlaps it."""
    spans = snap_to_anchors(tables["casualties"], labels.anchors).set_index(["article_id", "casualty_id"])
    where = {(a.file, a.start, a.end): (a.file, a.phrase) for a in labels.anchors}
    placed: dict[Unit, set[str]] = defaultdict(set)
    for row in tables["incident_reports"].itertuples(index=False):
        if row.record == "figure":
            start, end = spans.loc[(row.article_id, row.casualty_id), ["start", "end"]]
            unit = where.get((row.file, int(start), int(end)))
            if unit is not None:
                placed[unit].add(row.incident_id)
    return placed


def found_units(tables: dict[str, pd.DataFrame], labels: Labels) -> set[Unit]:
    """The labelled figures that some predicted figure overlaps."""
    snapped = snap_to_anchors(tables["casualties"], labels.anchors)
    spans = set(zip(snapped["file"], snapped["start"].astype(int), snapped["end"].astype(int)))
    return {(a.file, a.phrase) for a in labels.anchors if (a.file, a.start, a.end) in spans}


def _name(unit: Unit, texts: dict[Unit, str]) -> str:
    return unit[0] if unit[1] == ARTICLE else f"{unit[0]}: {texts.get(unit, unit[1])!r}"


def pair_lines(title: str, pairs: tuple[tuple[Unit, Unit], ...], texts: dict[Unit, str]) -> list[str]:
    """A Markdown list of pairs under a heading."""
    lines = [f"\n### {title} ({len(pairs)})\n"]
    lines += [f"- {_name(a, texts)} <-> {_name(b, texts)}" for a, b in pairs] or ["- none"]
    return lines


def incident_lines(labels: Labels, score: LinkScore, placed: dict[Unit, set[str]], found: set[Unit]) -> list[str]:
    """Per labelled incident: its figures, where each went, and its pairs labelled, found and missed."""
    members: dict[str, list[Anchor]] = defaultdict(list)
    for anchor in labels.anchors:
        if not anchor.incident.startswith(UNLABELLED):
            members[anchor.incident].append(anchor)
    missed = set(score.missed)
    lines = ["\n### Per incident\n", "| incident | articles | figures | pairs | found | missed |",
             "|---|---|---|---|---|---|"]
    details = []
    for incident, anchors in sorted(members.items()):
        units = sorted({(a.file, a.phrase) for a in anchors})
        pairs = [(a, b) for i, a in enumerate(units) for b in units[i + 1:] if a[0] != b[0]]
        lost = sum(1 for p in pairs if p in missed)
        lines.append(f"| {incident} | {len({u[0] for u in units})} | {len(units)} | {len(pairs)} | "
                     f"{len(pairs) - lost} | {lost} |")
        details.append(f"\n**{incident}**\n")
        for unit in units:
            went = ", ".join(sorted(placed.get(unit, ()))) or (
                "in no incident" if unit in found else "not found by the annotator")
            details.append(f"- {unit[0]}: {unit[1]!r} -> {went}")
    return lines + details


def _figure_texts(tables: dict[str, pd.DataFrame]) -> dict[Unit, str]:
    """Predicted figures no label names, by the unit score_links gives them, with their wording."""
    frame = tables["casualties"]
    return {(f, f"#{c}"): f"{t} (unlabelled figure {c})" for f, c, t in zip(frame["file"], frame["casualty_id"],
                                                                           frame["text"])}


def _score_row(name: str, score: LinkScore) -> str:
    return (f"| {name} | {score.labelled} | {score.predicted} | {score.correct} | {score.precision:.2f} | "
            f"{score.recall:.2f} |")


def report(tables: dict[str, pd.DataFrame], labels: Labels, records: list[FactsRecord]) -> str:
    """The Markdown report: scores, the pairs, per-incident outcomes."""
    score, articles = score_records(tables, labels), article_pairs(tables, records)
    names = _figure_texts(tables)
    found = _all_pairs(labels) - set(score.missed)
    lines = ["## Incident linking on the real-text links set\n",
             "| pairs of | labelled | predicted | correct | precision | recall |", "|---|---|---|---|---|---|",
             _score_row("figures", score), _score_row("articles", articles)]
    lines += pair_lines("Figure pairs found", tuple(sorted(found)), names)
    lines += pair_lines("Figure pairs missed", score.missed, names)
    lines += pair_lines("Figure pairs wrong", score.wrong, names)
    lines += pair_lines("Article pairs missed", articles.missed, {})
    lines += pair_lines("Article pairs wrong", articles.wrong, {})
    lines += incident_lines(labels, score, placements(tables, labels), found_units(tables, labels))
    if labels.lost:
        lines += ["\n### Keys not found\n", *[f"- {line}" for line in labels.lost]]
    return "\n".join(lines)


def _all_pairs(labels: Labels) -> set[tuple[Unit, Unit]]:
    """Every labelled pair (units from different files in one labelled incident), ordered as score_links orders them."""
    groups: dict[str, set[Unit]] = defaultdict(set)
    for anchor in labels.anchors:
        groups[anchor.incident].add((anchor.file, anchor.phrase))
    return {(a, b) for units in groups.values() for a, b in combinations(sorted(units), 2) if a[0] != b[0]}


def run(texts: Path, facts: Path, keep: Path | None = None) -> str:
    """Copy the set's texts into a fresh folder, build the corpus in this process and report the scores."""
    records = load_facts_folder(facts)
    missing = [r.id for r in records if not (texts / file_of(r)).is_file()]
    if missing:
        raise SystemExit(f"{texts}: no text for {', '.join(missing)}; retrieve each page with its record's "
                         f"query and save it as <id>.txt")
    with tempfile.TemporaryDirectory(prefix="real-linking-") as tmp:
        folder = Path(tmp) / "articles"
        folder.mkdir()
        for record in records:
            shutil.copyfile(texts / file_of(record), folder / file_of(record))
        dataset = keep or Path(tmp) / "dataset"
        build_corpus([str(folder)], dataset, scheduler="none", progress=False)
        tables = load_dataset(dataset, ["casualties", "incident_reports"])
        loaded = {file_of(r): load_article(folder / file_of(r)).text for r in records}
    return report(tables, anchors_from_records(records, loaded), records)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("texts", type=Path, help="folder holding <id>.txt for each record of the set")
    parser.add_argument("--facts", type=Path, default=LINKS, help="the records' folder (default: the links set)")
    parser.add_argument("--keep", type=Path, help="write the dataset here instead of a temporary folder")
    args = parser.parse_args()
    print(run(args.texts, args.facts, args.keep))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
