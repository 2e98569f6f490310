"""`python -m analysis report [ARTICLE ...] --out DIR`: execute the notebooks and render HTML reports."""
from __future__ import annotations

import errno
import signal
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from .. import params as P
from .. import paths
from ..errors import ParameterError

EXIT_FAILED = 1


class Stopped(KeyboardInterrupt):
    """The run was stopped by a signal (Ctrl-C or SIGTERM); handled like Ctrl-C, one line, no traceback."""

    def __init__(self, signum: int) -> None:
        super().__init__(signum)
        self.signum = signum


def _stop(signum: int, frame: Any) -> None:
    raise Stopped(signum)


def parse_parameters(pairs: list[list[str]] | list[tuple[str, str]], show_code: bool) -> dict[str, Any]:
    """`-p NAME VALUE` pairs as notebook parameters (checked by name; values checked per article)."""
    given: dict[str, Any] = {}
    for name, value in pairs:
        if name == "show_code":
            raise ParameterError("show_code", value, "the option --show-code (how the HTML is rendered is not a "
                                                     "notebook parameter)")
        P.check_names([name])
        if name == "article":
            raise ParameterError("article", value, "article files as positional arguments, not -p article")
        given[name] = value
    if show_code:
        given["show_code"] = True
    annotations = given.get("annotations")
    if isinstance(annotations, str) and annotations.strip().lower() not in P.ANNOTATION_CHOICES:
        given["annotations"] = str(Path(annotations).expanduser().absolute())
    return given


def _os_error(exc: OSError) -> str:
    """An OSError as one line naming the file, the reason and, for a full disk, what to do."""
    where = f"{exc.filename}: " if exc.filename else ""
    text = f"{where}{exc.strerror or exc}"
    if exc.errno == errno.ENOSPC:
        text += " (free some space on that disk or choose another --out folder)"
    return text


def parse_dataset_parameters(pairs: list[list[str]] | list[tuple[str, str]], show_code: bool) -> dict[str, Any]:
    """`-p NAME VALUE` pairs for the corpus notebooks: only top_n (the dataset comes from --dataset)."""
    for name, value in pairs:
        if name == "dataset":
            raise ParameterError("dataset", value, "the dataset folder as --dataset DATASET, not -p dataset")
    given = parse_parameters(pairs, show_code)
    other = sorted(set(given) - {"top_n", "show_code"})
    if other:
        raise ParameterError(other[0], given[other[0]], "no such parameter with --dataset: the corpus notebooks "
                                                        "take only top_n (and the dataset, from --dataset)")
    return given


def _dataset_work(args: Any) -> tuple[Callable[[], object], Path]:
    """The run of `report --dataset DATASET --out DIR`, after checking the arguments; and its output folder."""
    from ..report import run_dataset_report

    if args.articles:
        raise ParameterError("--dataset", args.dataset, "no article files beside it: `report --dataset DATASET "
                             "--out DIR` renders a corpus dataset's pages, `report ARTICLE... --out DIR` an "
                             f"article's (got {len(args.articles)} article file(s) too: {args.articles[0]} ...)")
    if not args.out:
        raise ParameterError("--out", None, "an output folder for the corpus pages: "
                                            "python -m analysis report --dataset DATASET --out DIR")
    out = Path(args.out).expanduser()
    given = parse_dataset_parameters(args.parameter, args.show_code)
    return (lambda: run_dataset_report(Path(args.dataset).expanduser(), out, given, args.jobs,
                                       force=getattr(args, "force", False))), out


def _articles_work(args: Any) -> tuple[Callable[[], object], Path]:
    """The run of `report ARTICLE... --out DIR`, after checking the parameters; and its output folder."""
    from ..report import run_reports

    articles = [Path(a).expanduser() for a in args.articles] or [paths.SEED_ARTICLE]
    out = Path(args.out).expanduser() if args.out else paths.REPORTS_DIR
    given = parse_parameters(args.parameter, args.show_code)
    return (lambda: run_reports(articles, out, given, args.jobs, force=getattr(args, "force", False))), out


def command_report(args: Any) -> int:
    """Entry point of `python -m analysis report`: exit 0, 1 (a notebook or a write failed), 2, or 128+signal."""
    from ..report import NotebookFailed

    work, out = _dataset_work(args) if getattr(args, "dataset", None) is not None else _articles_work(args)
    if args.jobs is not None and args.jobs < 1:
        raise ParameterError("--jobs", args.jobs, "a whole number of at least 1")
    started = time.monotonic()
    previous = signal.signal(signal.SIGTERM, _stop)
    try:
        work()
    except NotebookFailed as exc:
        print(f"error: {exc}\nThe previous reports in {out} were left as they were.", file=sys.stderr)
        return EXIT_FAILED
    except OSError as exc:
        print(f"error: could not write the reports: {_os_error(exc)}\n"
              f"The previous reports in {out} were left as they were.", file=sys.stderr)
        return EXIT_FAILED
    except KeyboardInterrupt as exc:
        signum = getattr(exc, "signum", signal.SIGINT)
        print(f"interrupted ({signal.Signals(signum).name}): the reports in {out} were not replaced",
              file=sys.stderr, flush=True)
        return 128 + signum
    finally:
        signal.signal(signal.SIGTERM, previous)
    print(f"Wrote {out / 'index.html'} in {time.monotonic() - started:.1f} s", flush=True)
    return 0
