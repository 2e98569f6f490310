"""`python -m analysis report [ARTICLE ...] --out DIR`: execute the notebooks and render HTML reports."""
from __future__ import annotations

import errno
import signal
import sys
import time
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


def command_report(args: Any) -> int:
    """Entry point of `python -m analysis report`: exit 0, 1 (a notebook or a write failed), 2, or 128+signal."""
    from ..report import NotebookFailed, run_reports

    articles = [Path(a).expanduser() for a in args.articles] or [paths.SEED_ARTICLE]
    out = Path(args.out).expanduser() if args.out else paths.REPORTS_DIR
    given = parse_parameters(args.parameter, args.show_code)
    if args.jobs is not None and args.jobs < 1:
        raise ParameterError("--jobs", args.jobs, "a whole number of at least 1")
    started = time.monotonic()
    previous = signal.signal(signal.SIGTERM, _stop)
    try:
        run_reports(articles, out, given, args.jobs, force=getattr(args, "force", False))
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
