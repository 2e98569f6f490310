"""Benchmark the automatic annotator on every gold article in seeds/: per-layer P/R/F1, throughput, peak memory.

Run: `.venv/bin/python benchmarks/annotator.py [SEEDS_DIR]`.  Each article is annotated with the
publication date its gold file records; throughput is measured on one core (a single process,
annotations run one after another, after one warm-up run that builds the pipeline).
Prints Markdown tables.
"""
from __future__ import annotations

import sys
import time
import tracemalloc
from pathlib import Path

from analysis.annotations import load_annotation
from analysis.autoannotate import annotate_article
from analysis.evaluate import ROWS, evaluate
from analysis.fieldscores import FIGURE_FIELDS, FieldScore, merge
from analysis.ingest import load_article
from analysis.paths import GOLD_SUFFIX, SEEDS_DIR


def gold_articles(folder: Path) -> list[tuple[Path, Path]]:
    """(article, gold) pairs, in name order."""
    pairs = []
    for gold in sorted(folder.glob(f"*{GOLD_SUFFIX}")):
        article = gold.with_name(gold.name[: -len(GOLD_SUFFIX)] + ".txt")
        if article.exists():
            pairs.append((article, gold))
    return pairs


def _accuracy(score: FieldScore) -> str:
    return "-" if score.accuracy is None else f"{score.accuracy:.2f}"


def print_fields(fields: list[tuple[str, dict[str, FieldScore]]]) -> None:
    """Per-field accuracy over matched casualty figures and quotes, per article and in all."""
    names = (*FIGURE_FIELDS, "speaker")
    print("\n## Per-field accuracy over matched figures and quotes\n")
    print("| article | " + " | ".join(names) + " |")
    print("|" + "---|" * (len(names) + 1))
    for name, scores in fields:
        print(f"| {name} | " + " | ".join(_accuracy(scores[n]) for n in names) + " |")
    total = merge(scores for _, scores in fields)
    print("| all | " + " | ".join(f"**{_accuracy(total[n])}**" for n in names) + " |")


def main(folder: Path = SEEDS_DIR, repeats: int = 3) -> int:
    pairs = gold_articles(folder)
    if not pairs:
        print(f"no gold articles in {folder}")
        return 1
    loaded = []
    for art_path, gold_path in pairs:
        article = load_article(art_path)
        gold = load_annotation(gold_path, article.text)
        loaded.append((art_path.stem, article, gold))
    annotate_article(loaded[0][1], loaded[0][2].article.published)  # warm-up: builds the tokenizer and matcher

    header = "| article | " + " | ".join(ROWS) + " |"
    print("## Per-layer F1 (precision / recall)\n")
    print(header)
    print("|" + "---|" * (len(ROWS) + 1))
    totals = {r: [0, 0, 0] for r in ROWS}
    fields: list[tuple[str, dict[str, FieldScore]]] = []
    for name, article, gold in loaded:
        pred = annotate_article(article, gold.article.published)
        ev = evaluate(gold, pred)
        fields.append((name, ev.fields))
        cells = []
        for r in ROWS:
            s = ev.scores[r]
            totals[r][0] += s.gold
            totals[r][1] += s.pred
            totals[r][2] += s.matched
            cells.append(f"{s.f1:.2f} ({s.precision:.2f}/{s.recall:.2f})")
        print(f"| {name} | " + " | ".join(cells) + " |")
    micro = []
    for r in ROWS:
        g, p, m = totals[r]
        prec = m / p if p else 0.0
        rec = m / g if g else 0.0
        f1 = 2 * prec * rec / (prec + rec) if prec + rec else 0.0
        micro.append(f"**{f1:.2f}** ({prec:.2f}/{rec:.2f})")
    print("| all (micro) | " + " | ".join(micro) + " |")
    print_fields(fields)

    chars = sum(len(a.text) for _, a, _ in loaded)
    start = time.perf_counter()
    for _ in range(repeats):
        for _, article, gold in loaded:
            annotate_article(article, gold.article.published)
    elapsed = time.perf_counter() - start
    tracemalloc.start()
    for _, article, gold in loaded:
        annotate_article(article, gold.article.published)
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    n = len(loaded) * repeats
    print("\n## Throughput (one core)\n")
    print("| articles | characters | seconds | articles/s | characters/s | peak traced memory (MiB) |")
    print("|---|---|---|---|---|---|")
    print(f"| {n} | {chars * repeats} | {elapsed:.2f} | {n / elapsed:.1f} | {chars * repeats / elapsed:,.0f} | "
          f"{peak / 2**20:.1f} |")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(Path(sys.argv[1]) if len(sys.argv) > 1 else SEEDS_DIR))
