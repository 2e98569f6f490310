"""Time the automatic annotator and check that its output is byte-identical to a snapshot.

Run from the repository root with `PYTHONPATH=$PWD .venv/bin/python benchmarks/annotator_speed.py COMMAND`:

- `time`: CPU milliseconds per article (`time.process_time`, warm, one process; the median of five batches) on
  the five ~4,000-character benchmark articles (seeds 002, 003, 010, 012, 014), and characters per CPU second on a
  long synthetic article (every seed article joined).
- `snapshot DIR [--rev REV]`: write `annotation.to_json()` of every input to DIR; with `--rev`, the annotator
  is the one of that git revision (its `analysis/` is extracted to a temporary folder and run in a subprocess).
- `check DIR`: annotate every input again and compare with the snapshot in DIR byte for byte.

The inputs are every article under seeds/ and seeds/corpus/, every text in the folders given by `--extra`
(outside the repository; only their names and the annotator's output are written, into DIR), and long synthetic
articles (the seeds joined), each annotated without a publication date and with a fixed one.
"""
from __future__ import annotations

import argparse
import datetime as dt
import os
import statistics
import subprocess
import sys
import tarfile
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.append(str(ROOT))  # after PYTHONPATH, so `snapshot --rev` runs the extracted revision

from analysis.autoannotate.annotator import annotate_article  # noqa: E402
from analysis.ingest import Article, article_from_bytes, load_article  # noqa: E402

SEEDS = ROOT / "seeds"
BENCHMARK = ("002_liveblog_ukraine", "003_analysis_sahel", "010_feature_colombia", "012_report_syria",
             "014_report_gaza")
DATES: tuple[dt.date | None, ...] = (None, dt.date(2024, 3, 15))


def _joined(paths: list[Path], title: str) -> Article:
    """One long article: a title line, then the texts of `paths` joined by blank lines."""
    body = "\n\n".join(p.read_text(encoding="utf-8") for p in paths)
    return article_from_bytes(f"{title}\n\n{body}".encode(), f"{title.replace(' ', '_')}.txt")


def inputs(extra: list[Path]) -> Iterator[tuple[str, Article]]:
    """(snapshot name, article) for every input, in a fixed order."""
    seeds = sorted(SEEDS.glob("*.txt"))
    for path in seeds + sorted((SEEDS / "corpus").glob("*.txt")):
        yield f"{path.parent.name}__{path.stem}", load_article(path)
    for folder in extra:
        for path in sorted(folder.glob("*.txt")):
            yield f"{folder.name}__{path.stem}", load_article(path)
    yield "synthetic__all_seeds", _joined(seeds, "All seeds")
    yield "synthetic__benchmark", _joined([SEEDS / f"{n}.txt" for n in BENCHMARK], "Benchmark articles")


def outputs(extra: list[Path]) -> Iterator[tuple[str, str]]:
    """(file name, annotation JSON) for every input and publication date."""
    for name, article in inputs(extra):
        for published in DATES:
            suffix = published.isoformat() if published else "undated"
            yield f"{name}__{suffix}.json", annotate_article(article, published).to_json()


def snapshot(folder: Path, extra: list[Path]) -> int:
    """Write every output into `folder`."""
    folder.mkdir(parents=True, exist_ok=True)
    count = 0
    for name, text in outputs(extra):
        partial = folder / f"{name}.partial"
        partial.write_text(text, encoding="utf-8")
        os.replace(partial, folder / name)
        count += 1
    print(f"wrote {count} annotations to {folder}")
    return 0


def snapshot_at(rev: str, folder: Path, extra: list[Path]) -> int:
    """Write the outputs of the annotator of git revision `rev` into `folder`."""
    with tempfile.TemporaryDirectory() as tree:
        archive = Path(tree) / "rev.tar"
        with archive.open("wb") as out:
            subprocess.run(["git", "-C", str(ROOT), "archive", rev, "analysis"], stdout=out, check=True)
        with tarfile.open(archive) as tar:
            tar.extractall(tree, filter="data")
        env = {**os.environ, "PYTHONPATH": tree}
        args = [sys.executable, __file__, "snapshot", str(folder), *[a for e in extra for a in ("--extra", str(e))]]
        return subprocess.run(args, env=env, check=False).returncode


def check(folder: Path, extra: list[Path]) -> int:
    """Compare every output with the snapshot in `folder`; 1 when any differs or is missing."""
    expected = {p.name for p in folder.glob("*.json")}
    same, problems = 0, []
    for name, text in outputs(extra):
        path = folder / name
        if name not in expected:
            problems.append(f"{name}: not in the snapshot")
        elif path.read_text(encoding="utf-8") != text:
            problems.append(f"{name}: differs")
        else:
            same += 1
        expected.discard(name)
    problems += [f"{name}: in the snapshot, not produced" for name in sorted(expected)]
    print(f"{same} annotations byte-identical to {folder}")
    for problem in problems:
        print(problem)
    return 1 if problems else 0


def cpu_ms(articles: list[Article], rounds: int, batches: int = 5) -> float:
    """CPU milliseconds per annotation: the median of `batches` batches of `rounds` passes through `articles`, after
    one warm-up pass (the median, as other work on a shared machine slows some batches)."""
    for article in articles:
        annotate_article(article)
    per_batch = []
    for _ in range(batches):
        began = time.process_time()
        for _ in range(rounds):
            for article in articles:
                annotate_article(article)
        per_batch.append((time.process_time() - began) * 1000 / (rounds * len(articles)))
    return statistics.median(per_batch)


def timing(rounds: int) -> int:
    """Print ms per benchmark article and characters per second on the long synthetic article."""
    articles = [load_article(SEEDS / f"{name}.txt") for name in BENCHMARK]
    ms = cpu_ms(articles, rounds)
    chars = sum(len(a.text) for a in articles) / len(articles)
    print(f"benchmark articles: {ms:.2f} ms/article (CPU), {1000 / ms:.0f} articles/s, {chars:,.0f} characters each")
    long = _joined(sorted(SEEDS.glob("*.txt")), "All seeds")
    ms_long = cpu_ms([long], max(1, rounds // 5))
    print(f"long synthetic article: {len(long.text):,} characters, {ms_long:.0f} ms, "
          f"{len(long.text) / ms_long * 1000:,.0f} characters/s (CPU)")
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("command", choices=("time", "snapshot", "check"))
    parser.add_argument("folder", nargs="?", type=Path, help="snapshot folder (snapshot, check)")
    parser.add_argument("--rev", help="snapshot the annotator of this git revision")
    parser.add_argument("--extra", type=Path, action="append", default=[], help="another folder of .txt articles")
    parser.add_argument("--rounds", type=int, default=10, help="timing passes over the benchmark articles per batch")
    args = parser.parse_args(argv)
    if args.command == "time":
        return timing(args.rounds)
    if args.folder is None:
        parser.error(f"{args.command} needs a snapshot folder")
    if args.command == "check":
        return check(args.folder, args.extra)
    return snapshot_at(args.rev, args.folder, args.extra) if args.rev else snapshot(args.folder, args.extra)


if __name__ == "__main__":
    raise SystemExit(main())
