"""Benchmark the automatic annotator on long articles: the seed articles repeated to 0.25, 1, 4 and 16 MB.

Run: `.venv/bin/python benchmarks/long_articles.py [MEGABYTES ...]` (default 0.25 1 4 16).
Each size runs in a fresh process (one core), so its peak resident memory is its own: the process warms the
annotator up on a short article, builds the long one (the bodies of seeds/*.txt joined and repeated, cut at a
line end), reads it as an article and annotates it once. CPU seconds are reported beside wall seconds because
the throughput of a shared machine's wall clock depends on its other work. Prints a Markdown table.
"""
from __future__ import annotations

import resource
import sys
import time
from concurrent.futures import ProcessPoolExecutor
from multiprocessing import get_context
from pathlib import Path

from analysis.paths import SEEDS_DIR

SIZES_MB = (0.25, 1.0, 4.0, 16.0)


def long_text(chars: int, folder: Path = SEEDS_DIR) -> str:
    """The seed articles' texts joined and repeated to about `chars` characters, ending at a line end."""
    body = "\n\n".join(p.read_text(encoding="utf-8") for p in sorted(folder.glob("*.txt")))
    text = ("Long article\n\n" + (body + "\n\n") * (chars // len(body) + 1))[:chars]
    return text[:text.rfind("\n") + 1]


def _peak_rss_mib() -> float:
    """This process's peak resident memory so far (Linux reports kilobytes)."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def measure(chars: int) -> dict[str, float]:
    """Annotate one long article in this process; seconds, throughput and memory."""
    from analysis.autoannotate import annotate_article
    from analysis.ingest import article_from_bytes

    annotate_article(article_from_bytes(b"Warm up\n\nHamas said 3 people were killed on Monday.\n"), "2024-08-12")
    warm = _peak_rss_mib()
    data = long_text(chars).encode("utf-8")
    t0 = time.perf_counter()
    article = article_from_bytes(data, "long.txt")
    t1, c1 = time.perf_counter(), time.process_time()
    ann = annotate_article(article, "2024-08-12")
    t2, c2 = time.perf_counter(), time.process_time()
    return {"characters": len(article.text), "ingest": t1 - t0, "wall": t2 - t1, "cpu": c2 - c1,
            "mentions": len(ann.mentions), "peak": _peak_rss_mib(), "warm": warm}


def main(sizes: list[float]) -> int:
    print("| size | characters | mentions | ingest s | annotate s (wall) | annotate s (CPU) | characters/s (CPU) "
          "| peak RSS MiB | RSS over warm process MiB |")
    print("|---|---|---|---|---|---|---|---|---|")
    for mb in sizes:
        with ProcessPoolExecutor(max_workers=1, mp_context=get_context("spawn")) as pool:
            r = pool.submit(measure, int(mb * 1_000_000)).result()
        print(f"| {mb:g} MB | {r['characters']:,.0f} | {r['mentions']:,.0f} | {r['ingest']:.1f} | {r['wall']:.1f} | "
              f"{r['cpu']:.1f} | {r['characters'] / r['cpu']:,.0f} | {r['peak']:,.0f} | {r['peak'] - r['warm']:,.0f} |",
              flush=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main([float(a) for a in sys.argv[1:]] or list(SIZES_MB)))
