"""The tables section of docs/corpus.md, made from analysis.corpus.fields.

`python -m analysis docs` rewrites the section (with docs/tables.md), `--check` fails when it is stale.
"""
from __future__ import annotations

import sys
from collections.abc import Sequence

from ..docs import refresh, render_section
from ..paths import PROJECT_DIR
from .fields import ARTICLE_KEYS, CORPUS_DESCRIPTIONS, CORPUS_ONLY

CORPUS_DOC = PROJECT_DIR / "docs" / "corpus.md"
BEGIN = "<!-- Generated from analysis/corpus/fields.py by `python -m analysis docs`; do not edit by hand. -->"
END = "<!-- End of the generated tables. -->"
KEYS_TEXT = ("In front of every row of the single-article tables (those of docs/tables.md) and in "
             "`incident_reports` and `tolls`: which article the row comes from.")


def render_tables() -> str:
    """The generated section: the article keys, then each table only a corpus has."""
    parts = [render_section("article keys", ARTICLE_KEYS, KEYS_TEXT, "###")]
    parts += [render_section(name, columns, CORPUS_DESCRIPTIONS[name], "###") for name, columns in CORPUS_ONLY.items()]
    return BEGIN + "\n\n" + "\n".join(parts) + "\n" + END


def updated(text: str) -> str:
    """The document with its generated section replaced (an error when the markers are missing)."""
    head, found, rest = text.partition(BEGIN)
    _, found_end, tail = rest.partition(END)
    if not found or not found_end:
        raise ValueError(f"{CORPUS_DOC} lacks the markers of its generated section")
    return head + render_tables() + tail


def main(argv: Sequence[str] | None = None) -> int:
    """Rewrite the section, or with --check exit 1 when it differs from the declarations."""
    check = "--check" in (argv if argv is not None else sys.argv[1:])
    return 0 if refresh(CORPUS_DOC, updated(CORPUS_DOC.read_text(encoding="utf-8")), check) else 1


if __name__ == "__main__":
    raise SystemExit(main())
