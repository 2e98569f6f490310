"""`python -m analysis tables ARTICLE --out DIR`: every table of an article as CSV."""
from __future__ import annotations

import argparse

from ..bundle import load_bundle
from ..tables import write_tables


def command_tables(args: argparse.Namespace) -> int:
    """CLI: load the article and its annotation, write the CSV files, print one line per file."""
    bundle = load_bundle(args.article, args.annotations, args.published)
    for path in write_tables(bundle, args.out):
        rows = len(bundle.frames[path.stem])
        print(f"wrote {path} ({rows} row{'s' if rows != 1 else ''})")
    return 0
