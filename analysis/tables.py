"""Write every table of an article as CSV: `python -m analysis tables ARTICLE --out DIR`."""
from __future__ import annotations

import argparse
from pathlib import Path

import pandas as pd

from .atomic import write_text
from .bundle import Bundle, load_bundle
from .fields import TABLES, columns


def to_csv(df: pd.DataFrame, table: str) -> str:
    """A table as CSV text: declared header, ISO dates, empty cells for missing values, '\\n' endings."""
    return df[columns(table)].to_csv(index=False, lineterminator="\n", date_format="%Y-%m-%d")


def write_tables(bundle: Bundle, out_dir: Path | str) -> list[Path]:
    """Write `<table>.csv` for every declared table into `out_dir`, atomically; returns the paths."""
    out_dir = Path(out_dir)
    written = []
    for table in TABLES:
        path = out_dir / f"{table}.csv"
        write_text(path, to_csv(bundle.frames[table], table))
        written.append(path)
    return written


def command_tables(args: argparse.Namespace) -> int:
    """CLI: load the article and its annotation, write the CSV files, print one line per file."""
    bundle = load_bundle(args.article, args.annotations, args.published)
    for path in write_tables(bundle, args.out):
        rows = len(bundle.frames[path.stem])
        print(f"wrote {path} ({rows} row{'s' if rows != 1 else ''})")
    return 0
