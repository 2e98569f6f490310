"""Score the automatic annotator on real articles against their committed facts records.

The texts are not in the repository: retrieve each record's page again (the stored-pages
search with the record's `query`), save it as TEXTS/<id>.txt, then run

    .venv/bin/python benchmarks/real_text.py TEXTS [--set dev|blind|all] [--detail]

The annotator gets each record's publication date, as a user passes `--published`; whether it
finds a date stated in the text itself is reported apart. Prints Markdown tables: span scores
(precision, recall, F1) and per-field accuracy over matched figures and quotes, per set.
"""
from __future__ import annotations

import argparse
import datetime as dt
from collections import defaultdict
from pathlib import Path

from analysis.autoannotate.annotator import annotate_article
from analysis.evaluate import Score
from analysis.facts import ArticleScore, load_facts_folder, score_against_facts
from analysis.fieldscores import FieldScore, merge
from analysis.ingest import load_article

FACTS = Path(__file__).resolve().parent / "real" / "facts"
SCORED_SETS = ("dev", "blind")


def _sum_rows(scores: list[ArticleScore]) -> dict[str, Score]:
    total: dict[str, Score] = {}
    for s in scores:
        for name, row in s.rows.items():
            t = total.setdefault(name, Score(name, 0, 0, 0))
            t.gold, t.pred, t.matched = t.gold + row.gold, t.pred + row.pred, t.matched + row.matched
    return total


def rows_table(rows: dict[str, Score]) -> str:
    lines = ["| layer | gold | pred | matched | precision | recall | F1 |", "|---|---|---|---|---|---|---|"]
    lines += [f"| {s.layer} | {s.gold} | {s.pred} | {s.matched} | {s.precision:.2f} | {s.recall:.2f} | {s.f1:.2f} |"
              for s in rows.values()]
    return "\n".join(lines)


def fields_table(fields: dict[str, FieldScore]) -> str:
    lines = ["| field | compared | correct | accuracy |", "|---|---|---|---|"]
    lines += [f"| {s.field} | {s.compared} | {s.correct} | "
              f"{'-' if s.accuracy is None else f'{s.accuracy:.2f}'} |" for s in fields.values()]
    return "\n".join(lines)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("texts", type=Path, help="folder holding <id>.txt for each retrieved article")
    parser.add_argument("--set", choices=("dev", "blind", "all"), default="dev",
                        help="all = dev and blind (the links set is scored by real_linking.py)")
    parser.add_argument("--facts", type=Path, default=FACTS)
    parser.add_argument("--detail", action="store_true", help="print each article's tables too")
    args = parser.parse_args()
    by_set: dict[str, list[ArticleScore]] = defaultdict(list)
    for record in load_facts_folder(args.facts):
        if record.data["set"] not in (SCORED_SETS if args.set == "all" else (args.set,)):
            continue
        path = args.texts / f"{record.id}.txt"
        if not path.is_file():
            print(f"- {record.id}: no text at {path} (retrieve it with the query: {record.data['query']!r})")
            continue
        article = load_article(path)
        published = dt.date.fromisoformat(record.data["published"])
        score = score_against_facts(record, article.text, annotate_article(article, published))
        by_set[record.data["set"]].append(score)
        if score.lost:
            print(f"- {record.id}: keys not found in the text: {'; '.join(score.lost)}")
        if args.detail:
            print(f"\n### {record.id}\n\n{rows_table(score.rows)}\n\n{fields_table(score.fields)}")
    for name, scores in sorted(by_set.items()):
        print(f"\n## {name} set: {len(scores)} articles, measured {dt.date.today().isoformat()}\n")
        print(rows_table(_sum_rows(scores)))
        print()
        print(fields_table(merge(s.fields for s in scores)))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
