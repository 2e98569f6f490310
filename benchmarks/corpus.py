"""Benchmark corpus mode: per-core throughput in a warm worker, whole runs on replicated corpora, memory, reruns.

Run: `.venv/bin/python benchmarks/corpus.py [--sizes 1000 10000] [--workers N]`.

1. Throughput in one warm process on ~4,000-character articles (seeds 002, 003, 010, 012, 014):
   milliseconds per article of each step a worker takes (ingest, annotate, table rows, incident
   reports and tolls, the batch's Parquet part tables), and articles per second per core of the
   annotator alone and of everything a worker does (`process_batch` on batches of 32).
2. The whole `corpus` run (local Dask cluster, one worker process per core) on N copies of those
   articles, each made distinct by a unique last line, beside the time the measured worker rate
   implies; the peak resident memory of each worker process (sampled every 0.1 s) and of this, the
   client, process; the share of the run's cores the workers got (low when other work shares the
   machine); then a second run over the unchanged folder.
3. Incident matching on seeds/corpus against its hand-labelled links, with its gold annotations
   and with the automatic annotator.
Prints Markdown tables.
"""
from __future__ import annotations

import argparse
import resource
import shutil
import sys
import tempfile
import threading
import time
from pathlib import Path

import psutil

from analysis.corpus import cluster, reports
from analysis.corpus.evaluation import evaluate_links
from analysis.corpus.extract import Tabulated, Task, annotator, part_tables, process_batch
from analysis.corpus.metadata import ArticleKeys, article_id
from analysis.corpus.run import build_corpus
from analysis.corpus.store import parquet_bytes
from analysis.frames import table_rows
from analysis.ingest import load_article
from analysis.paths import SEEDS_DIR

ARTICLES = ("002_liveblog_ukraine", "003_analysis_sahel", "010_feature_colombia", "012_report_syria",
            "014_report_gaza")
MIB = 1024 * 1024


def sources() -> list[tuple[str, bytes]]:
    return [(name, (SEEDS_DIR / f"{name}.txt").read_bytes()) for name in ARTICLES]


BATCH = 32


def _tasks() -> list[Task]:
    """One task per benchmark article, as the client would make them."""
    paths = [SEEDS_DIR / f"{name}.txt" for name in ARTICLES]
    return [Task(str(p), p.name, article_id(p.read_bytes()), f"key-{p.name}", False) for p in paths]


def stages(count: int = 320) -> dict[str, float]:
    """Milliseconds per article of each step of a worker, over `count` articles in batches of BATCH."""
    annotate = annotator()
    tasks = _tasks()
    spent = dict.fromkeys(("ingest", "annotate", "table rows", "reports and tolls", "Parquet part tables"), 0.0)
    done: list[Tabulated] = []
    for n in range(count):
        task = tasks[n % len(tasks)]
        began = time.perf_counter()
        article = load_article(task.path)
        loaded = time.perf_counter()
        annotation = annotate(article)
        annotated = time.perf_counter()
        rows = table_rows(article, annotation)
        tabulated = time.perf_counter()
        keys = ArticleKeys(task.article_id, task.file, article.title, annotation.article.outlet, None)
        done.append(Tabulated(keys, {**rows, "reports": reports.article_reports(keys, rows),
                                     "toll_figures": reports.toll_figures(keys, rows)}))
        reported = time.perf_counter()
        for step, seconds in zip(spent, (loaded - began, annotated - loaded, tabulated - annotated,
                                         reported - tabulated)):
            spent[step] += seconds
        if len(done) == BATCH or n == count - 1:
            began = time.perf_counter()
            for table in part_tables(done).values():
                parquet_bytes(table)
            spent["Parquet part tables"] += time.perf_counter() - began
            done = []
    return {step: seconds / count * 1000 for step, seconds in spent.items()}


def throughput(seconds: float = 20.0) -> tuple[float, float, float]:
    """(annotator articles/s, whole-worker articles/s, mean characters) in this warm process, one core."""
    annotate = annotator()
    loaded = [load_article(SEEDS_DIR / f"{name}.txt") for name in ARTICLES]
    chars = sum(len(a.text) for a in loaded) / len(loaded)
    tasks = _tasks()
    batch = [tasks[n % len(tasks)] for n in range(BATCH)]
    rates = []
    for work, articles in ((lambda i: annotate(loaded[i % len(loaded)]), 1),
                           (lambda i: process_batch(batch, "bench"), len(batch))):
        done, began = 0, time.perf_counter()
        while time.perf_counter() - began < seconds / 2:
            work(done)
            done += articles
        rates.append(done / (time.perf_counter() - began))
    return rates[0], rates[1], chars


def replicate(folder: Path, count: int) -> None:
    """`count` distinct articles: copies of the sources, each with a unique last line."""
    folder.mkdir(parents=True, exist_ok=True)
    texts = sources()
    for n in range(count):
        name, data = texts[n % len(texts)]
        (folder / f"{n:05d}_{name}.txt").write_bytes(data + f"Archive reference {n:05d}.\n".encode())


class PeakMemory:
    """Peak resident memory and CPU seconds of every child process (the Dask workers), sampled in a thread."""

    def __init__(self) -> None:
        self.peaks: dict[int, int] = {}
        self.cpu: dict[int, float] = {}
        self.stop = threading.Event()
        self.thread = threading.Thread(target=self.sample, daemon=True)

    def sample(self) -> None:
        me = psutil.Process()
        while not self.stop.is_set():
            for child in me.children(recursive=True):
                try:
                    self.peaks[child.pid] = max(self.peaks.get(child.pid, 0), child.memory_info().rss)
                    times = child.cpu_times()
                    self.cpu[child.pid] = times.user + times.system
                except psutil.Error:
                    pass
            time.sleep(0.1)

    def __enter__(self) -> PeakMemory:
        self.thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop.set()
        self.thread.join()

    def workers(self) -> list[int]:
        """Peaks of the processes that did work (more than 100 MiB: the others are helpers)."""
        return sorted((p for p in self.peaks.values() if p > 100 * MIB), reverse=True)

    def worker_cpu(self) -> float:
        """CPU seconds the working processes used (as last sampled)."""
        return sum(self.cpu.get(pid, 0.0) for pid, peak in self.peaks.items() if peak > 100 * MIB)


def whole_runs(sizes: list[int], workers: int, rate: float) -> list[tuple[str, ...]]:
    """Each size's first run, its bound (2x articles / rate / workers), memory, incidents and an unchanged rerun."""
    rows = []
    for size in sizes:
        base = Path(tempfile.mkdtemp(prefix=f"corpus-bench-{size}-"))
        try:
            replicate(base / "articles", size)
            with PeakMemory() as peak:
                first = build_corpus([str(base / "articles")], base / "dataset", "local", workers)
            began = time.perf_counter()
            second = build_corpus([str(base / "articles")], base / "dataset", "local", workers)
            again = time.perf_counter() - began
            size_mib = sum(p.stat().st_size for p in (base / "dataset").glob("*.parquet")) / MIB
            per_worker = ", ".join(f"{p / MIB:.0f}" for p in peak.workers()) or "n/a"
            share = peak.worker_cpu() / (first.seconds * workers)
            rows.append((f"{size:,}", f"{first.seconds:.0f} s", f"{size / rate / workers:.0f} s",
                         f"{size / first.seconds:.1f}", f"{share:.0%}", f"{first.incidents:,}", per_worker,
                         f"{again:.1f} s ({second.processed} processed)", f"{size_mib:.1f} MiB"))
            print(f"  {size}: done", file=sys.stderr)
        finally:
            shutil.rmtree(base, ignore_errors=True)
    return rows


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="*", default=[1000, 10000])
    parser.add_argument("--workers", type=int, default=cluster.default_workers())
    args = parser.parse_args()

    spent = stages()
    annotate_rate, worker_rate, chars = throughput()
    print(f"## One warm worker process (articles of {chars:,.0f} characters on average)\n")
    print("| step | ms per article |\n|---|---|")
    for step, ms in spent.items():
        print(f"| {step} | {ms:.2f} |")
    print(f"| everything but the annotator | {sum(spent.values()) - spent['annotate']:.2f} |")
    print("\n| work | articles/s per core |\n|---|---|")
    print(f"| the annotator alone | {annotate_rate:.1f} |")
    print(f"| everything a worker does (`process_batch`: ingest, annotate, table rows, reports, Parquet) | "
          f"{worker_rate:.1f} |")

    print(f"\n## Whole corpus runs, {args.workers} worker process(es)\n")
    print("| articles | first run | articles / worker rate / workers | articles/s | workers' CPU / (run x workers) "
          "| incidents | peak RSS per worker (MiB) | second run, unchanged folder | dataset size |\n"
          "|---|---|---|---|---|---|---|---|---|")
    for row in whole_runs(args.sizes, args.workers, worker_rate):
        print("| " + " | ".join(row) + " |")
    print(f"\nClient process peak RSS: {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MiB")

    print("\n## Incident matching on seeds/corpus (pairs of figures from different articles)\n")
    print("| annotations | precision | recall |\n|---|---|---|")
    for kind, score in matching().items():
        print(f"| {kind} | {score.precision:.2f} ({score.correct}/{score.predicted}) | "
              f"{score.recall:.2f} ({score.correct}/{score.labelled}) |")
    return 0


def matching() -> dict[str, object]:
    """Pair scores of the seeds/corpus dataset with its gold files, and with the articles alone (automatic)."""
    corpus = SEEDS_DIR / "corpus"
    scores = {}
    with tempfile.TemporaryDirectory() as tmp:
        alone = Path(tmp) / "articles"
        alone.mkdir()
        for path in corpus.glob("*.txt"):
            shutil.copy(path, alone / path.name)
        for kind, folder in (("gold", corpus), ("automatic", alone)):
            build_corpus([str(folder)], Path(tmp) / kind, "none")
            scores[kind] = evaluate_links(Path(tmp) / kind, corpus / "links.json")
    return scores


if __name__ == "__main__":
    raise SystemExit(main())
