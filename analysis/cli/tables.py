"""`python -m analysis tables ARTICLE --out DIR [--force]`: every table of an article as CSV."""
from __future__ import annotations

import argparse
from pathlib import Path

from ..bundle import load_bundle
from ..fields import TABLES
from ..report.output import output_folder
from ..tables import write_tables


def command_tables(args: argparse.Namespace) -> int:
    """CLI: load the article and its annotation, write the CSV files, print one line per file.

    Files in --out that this command did not write are never overwritten without --force.
    """
    bundle = load_bundle(args.article, args.annotations, args.published)
    out = Path(args.out)
    with output_folder(out, "tables", force=getattr(args, "force", False)) as staging:
        staging.check(f"{table}.csv" for table in TABLES)
        written = write_tables(bundle, staging.path)
    for path in written:
        rows = len(bundle.frames[path.stem])
        print(f"wrote {out / path.name} ({rows} row{'s' if rows != 1 else ''})")
    return 0
