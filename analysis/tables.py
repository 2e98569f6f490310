"""Every table of an article as CSV text and files."""
from __future__ import annotations

from pathlib import Path

import pandas as pd

from .atomic import write_text
from .bundle import Bundle
from .fields import TABLES, columns


def frame_csv(df: pd.DataFrame) -> str:
    """A frame as CSV text: its columns, ISO dates, empty cells for missing values, '\\n' endings."""
    return df.to_csv(index=False, lineterminator="\n", date_format="%Y-%m-%d")


def to_csv(df: pd.DataFrame, table: str) -> str:
    """A declared table as CSV text, its columns in the declared order (see `frame_csv`)."""
    return frame_csv(df[columns(table)])


def write_tables(bundle: Bundle, out_dir: Path | str) -> list[Path]:
    """Write `<table>.csv` for every declared table into `out_dir`, atomically; returns the paths."""
    out_dir = Path(out_dir)
    written = []
    for table in TABLES:
        path = out_dir / f"{table}.csv"
        write_text(path, to_csv(bundle.frames[table], table))
        written.append(path)
    return written

