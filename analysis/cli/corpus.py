"""`python -m analysis corpus FOLDER_OR_GLOB... --out DATASET`: many articles into one Parquet dataset."""
from __future__ import annotations

import argparse
import sys
from typing import TYPE_CHECKING

from ..errors import ParameterError

if TYPE_CHECKING:
    from ..corpus.metadata import MetadataRead


def add_parser(sub: argparse._SubParsersAction) -> None:
    """The `corpus` sub-command's arguments."""
    corpus = sub.add_parser("corpus", help="annotate many articles into one Parquet dataset, incidents matched")
    corpus.add_argument("articles", nargs="+", metavar="FOLDER_OR_GLOB",
                        help="folders of .txt articles, globs ('news/**/*.txt') or article files")
    corpus.add_argument("--out", required=True, metavar="DATASET", help="dataset folder (reruns reuse its parts)")
    corpus.add_argument("--metadata", default=None, metavar="FILE.csv",
                        help="a CSV of the articles (columns file, and any of published YYYY-MM-DD, outlet, url, "
                             "title) whose values win over what the text says (default: a metadata.csv in each "
                             "folder given)")
    corpus.add_argument("--scheduler", default="local",
                        help="'local' (a Dask cluster of one process per core; the default), 'none' (this process "
                             "only) or the address of a running Dask scheduler, e.g. tcp://10.0.0.5:8786")
    corpus.add_argument("--workers", type=int, default=None, help="worker processes of the local cluster "
                                                                  "(default: one per core)")
    corpus.add_argument("--batch-size", type=int, default=None, help="articles per task (default: chosen from "
                                                                     "the number of articles and workers)")
    shown = corpus.add_mutually_exclusive_group()
    shown.add_argument("--progress", dest="progress", action="store_true", default=None,
                       help="show a progress bar on stderr (default: only on a terminal)")
    shown.add_argument("--no-progress", dest="progress", action="store_false", help="never show one")


def _positive(name: str, value: int | None) -> None:
    if value is not None and value < 1:
        raise ParameterError(name, value, "a whole number of at least 1")


def _metadata_note(read: list[MetadataRead]) -> str:
    """Which metadata files gave values, for the summary line ("" when there were none)."""
    notes = []
    for item in read:
        found = " (found in the folder)" if item.source.found_in_folder else ""
        ignored = f", columns not read: {', '.join(item.ignored)}" if item.ignored else ""
        notes.append(f"metadata of {item.rows} article(s) from {item.source.path}{found}{ignored}")
    return "".join(f"; {note}" for note in notes)


def command_corpus(args: argparse.Namespace) -> int:
    """CLI: build the dataset; exit 1 when some articles failed (listed on stderr), 0 otherwise."""
    from ..corpus.run import build_corpus

    _positive("--workers", args.workers)
    _positive("--batch-size", args.batch_size)
    summary = build_corpus(args.articles, args.out, args.scheduler, args.workers, args.batch_size, args.progress,
                           metadata=args.metadata)
    ok = summary.articles - summary.failed - summary.duplicates
    print(f"wrote {summary.dataset}: {summary.articles} article(s), {ok} ok, {summary.failed} failed, "
          f"{summary.duplicates} duplicate(s); {summary.processed} processed, {summary.reused} reused from an "
          f"earlier run; {summary.incidents} incident(s), {summary.tolls} toll(s){_metadata_note(summary.metadata)}; "
          f"{summary.seconds:.1f} s")
    if not summary.failed:
        return 0
    for path, error in summary.failures:
        first = error.splitlines()[0]
        print(f"  failed: {first if first.startswith(path) else f'{path}: {first}'}", file=sys.stderr)
    print(f"{summary.failed} of {summary.articles} articles failed; see {summary.dataset / 'articles.parquet'}",
          file=sys.stderr)
    return 1
