"""Command line: `python -m analysis {tables,annotate,evaluate,report,docs,corpus} ...`.

Each subcommand is a thin call into the module that holds its logic; errors the
suite raises deliberately are printed as one clear message with exit status 2.
"""
from __future__ import annotations

import argparse
import importlib
import sys
from collections.abc import Sequence

from ..errors import ConflictNotebooksError
from . import corpus

# subcommand -> (module, function); the function takes the parsed arguments and returns an exit code.
COMMANDS = {
    "tables": ("analysis.cli.tables", "command_tables"),
    "annotate": ("analysis.cli.annotate", "command_annotate"),
    "evaluate": ("analysis.evaluate", "command_evaluate"),
    "report": ("analysis.cli.report", "command_report"),
    "docs": ("analysis.docs", "command_docs"),
    "corpus": ("analysis.cli.corpus", "command_corpus"),
}
FORCE_HELP = "overwrite files in --out that this command did not write (without it they are named and kept)"


def build_parser() -> argparse.ArgumentParser:
    """The argument parser for every subcommand."""
    parser = argparse.ArgumentParser(prog="conflict-notebooks", description=__doc__.splitlines()[0])
    sub = parser.add_subparsers(dest="command", required=True)

    tables = sub.add_parser("tables", help="write every table of an article as CSV")
    tables.add_argument("article", help="article text file")
    tables.add_argument("--annotations", default="gold",
                        help="'gold' (the .gold.json beside the article), 'auto', or a path (default: gold)")
    tables.add_argument("--published", help="publication date YYYY-MM-DD (default: from the annotation)")
    tables.add_argument("--out", required=True, help="folder to write the CSV files into")
    tables.add_argument("--force", action="store_true", help=FORCE_HELP)

    annotate = sub.add_parser("annotate", help="annotate an article automatically")
    annotate.add_argument("article", help="article text file")
    annotate.add_argument("--published", help="publication date YYYY-MM-DD (default: today's date is NOT assumed; "
                                              "relative dates stay unresolved without it)")
    annotate.add_argument("--out", required=True, help="folder for the annotation JSON and CSV tables")
    annotate.add_argument("--force", action="store_true", help=FORCE_HELP)

    evaluate = sub.add_parser("evaluate", help="compare an annotation with gold, layer by layer")
    evaluate.add_argument("gold", help="gold annotation JSON")
    evaluate.add_argument("pred", help="predicted annotation JSON")
    evaluate.add_argument("--article", help="article text file (default: found from the gold file's name)")

    report = sub.add_parser("report", help="execute the notebooks and render HTML reports")
    report.add_argument("articles", nargs="*", help="article files (default: the seed article)")
    report.add_argument("--dataset", default=None, help="a corpus dataset folder (from the corpus command): render "
                                                        "the corpus pages instead of articles' pages; needs --out")
    report.add_argument("--out", default=None, help="output folder (default: reports/)")
    report.add_argument("-p", "--parameter", nargs=2, action="append", default=[], metavar=("NAME", "VALUE"),
                        help="notebook parameter, repeatable")
    report.add_argument("--show-code", action="store_true", help="keep code cells in the HTML")
    report.add_argument("--jobs", type=int, default=None, help="notebooks run at once (default: CPU count)")
    report.add_argument("--force", action="store_true", help=FORCE_HELP)

    docs = sub.add_parser("docs", help="regenerate docs/tables.md and the tables of docs/corpus.md from the field declarations")
    docs.add_argument("--check", action="store_true", help="fail if a generated doc is out of date")
    corpus.add_parser(sub)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Parse arguments, run the subcommand, and turn deliberate errors into messages."""
    args = build_parser().parse_args(argv)
    module_name, func_name = COMMANDS[args.command]
    try:
        func = getattr(importlib.import_module(module_name), func_name)
        return int(func(args) or 0)
    except ConflictNotebooksError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    except OSError as exc:
        where = f"{exc.filename}: " if exc.filename else ""
        print(f"error: {where}{exc.strerror or exc}. Check that the path is a folder you can write to "
              "and that the disk has space; earlier output was left as it was.", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("interrupted", file=sys.stderr)
        return 130
