"""Benchmark ingest (bytes -> repaired text, sentences) and frames on the seed and on large inputs.

Run: `.venv/bin/python benchmarks/ingest.py`.  Times are the best of several runs on one
core; peak memory is what tracemalloc records for one run.  Prints a Markdown table.
"""
from __future__ import annotations

import time
import tracemalloc
from collections.abc import Callable

from analysis.bundle import load_bundle
from analysis.ingest import article_from_bytes
from analysis.paths import SEED_ARTICLE


def measure(func: Callable[[], object], repeats: int) -> tuple[float, float]:
    """(best wall time in seconds, peak traced memory in MiB) of `func`."""
    best = float("inf")
    for _ in range(repeats):
        start = time.perf_counter()
        func()
        best = min(best, time.perf_counter() - start)
    tracemalloc.start()
    func()
    peak = tracemalloc.get_traced_memory()[1] / 2**20
    tracemalloc.stop()
    return best, peak


def main() -> int:
    seed = SEED_ARTICLE.read_bytes()
    big = seed * max(1, (5 * 2**20) // len(seed))
    cases: list[tuple[str, int, Callable[[], object], int]] = [
        ("ingest: seed", len(seed), lambda: article_from_bytes(seed, SEED_ARTICLE), 20),
        ("ingest + gold + frames: seed", len(seed), lambda: load_bundle(SEED_ARTICLE), 10),
        (f"ingest: seed repeated to {len(big) / 2**20:.1f} MiB", len(big), lambda: article_from_bytes(big), 2),
    ]
    print("| case | bytes | best time (s) | MB/s | peak memory (MiB) |")
    print("|---|---|---|---|---|")
    for name, size, func, repeats in cases:
        seconds, peak = measure(func, repeats)
        print(f"| {name} | {size:,} | {seconds:.3f} | {size / 1e6 / seconds:.1f} | {peak:.1f} |")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
