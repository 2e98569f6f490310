"""`python -m analysis annotate ARTICLE [--published YYYY-MM-DD] --out DIR [--force]`."""
from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path
from typing import Any

from ..bundle import Bundle
from ..errors import ParameterError
from ..fields import TABLES
from ..frames import build_frames
from ..params import iso_date
from ..report.output import output_folder, safe_name
from ..tables import write_tables


def _published(value: str | None) -> dt.date | None:
    if value is None:
        return None
    try:
        return iso_date(value)
    except ValueError:
        raise ParameterError("--published", value, "a date YYYY-MM-DD, e.g. 2024-08-12") from None


def command_annotate(args: Any) -> int:
    """Write `<stem>.auto.json` and the CSV tables of the automatic annotation (never over a user's files)."""
    from ..annotations import annotation_from_dict, save_annotation
    from ..autoannotate.annotator import annotate_article
    from ..ingest import load_article

    article = load_article(args.article)
    ann = annotate_article(article, _published(args.published))
    if ann.article.published is None:
        print(f"note: {args.article}: no publication date given (--published) or stated in the text; weekdays, "
              "'last week' and other dates relative to it are left unresolved", file=sys.stderr)
    elif args.published is None:
        print(f"note: publication date {ann.article.published} from the text: {ann.article.published_evidence}",
              file=sys.stderr)
    annotation_from_dict(ann.to_dict(), article.text, "automatic annotation")
    out = Path(args.out)
    name = f"{safe_name(Path(args.article).stem)}.auto.json"
    bundle = Bundle(article=article, annotation=ann, frames=build_frames(article, ann))
    with output_folder(out, "annotate", force=getattr(args, "force", False)) as staging:
        staging.check([name, *(f"{table}.csv" for table in TABLES)])
        save_annotation(ann, staging.path / name)
        written = write_tables(bundle, staging.path)
    print(f"wrote {out / name}: {len(ann.mentions)} mentions, {len(ann.casualties)} casualties, "
          f"{len(ann.dates)} dates, {len(ann.events)} events, {len(ann.quotes)} quotes")
    print(f"wrote {len(written)} table(s) to {out}")
    return 0
