"""`python -m analysis annotate ARTICLE [--published YYYY-MM-DD] --out DIR`."""
from __future__ import annotations

import datetime as dt
import importlib
from pathlib import Path
from typing import Any

from ..errors import ParameterError


def _published(value: str | None) -> dt.date | None:
    if value is None:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise ParameterError("--published", value, "a date YYYY-MM-DD, e.g. 2024-08-12") from None


def command_annotate(args: Any) -> int:
    """Write `<stem>.auto.json` and, when analysis.tables provides write_tables, the CSV tables."""
    from ..annotations import annotation_from_dict, save_annotation
    from ..ingest import load_article
    from .annotator import annotate_article

    article = load_article(args.article)
    ann = annotate_article(article, _published(args.published))
    annotation_from_dict(ann.to_dict(), article.text, "automatic annotation")
    out = Path(args.out)
    target = out / f"{Path(args.article).stem}.auto.json"
    save_annotation(ann, target)
    print(f"wrote {target}: {len(ann.mentions)} mentions, {len(ann.casualties)} casualties, "
          f"{len(ann.dates)} dates, {len(ann.events)} events, {len(ann.quotes)} quotes")
    written = _write_tables(article, ann, out)
    if written:
        print(f"wrote {written} table(s) to {out}")
    return 0


def _write_tables(article: Any, ann: Any, out: Path) -> int:
    """The CSV tables through analysis.tables.write_tables, when that module exists."""
    try:
        tables = importlib.import_module("analysis.tables")
    except ModuleNotFoundError:
        return 0
    write = getattr(tables, "write_tables", None)
    if write is None:
        return 0
    bundle_mod = importlib.import_module("analysis.bundle")
    frames_mod = importlib.import_module("analysis.frames")
    frames = frames_mod.build_frames(article, ann)
    result = write(bundle_mod.Bundle(article=article, annotation=ann, frames=frames), out)
    return len(result) if hasattr(result, "__len__") else 1
