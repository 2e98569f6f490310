"""Running notebooks: tasks, the worker pool, one notebook executed and rendered, the failing cell named.

Notebooks run in parallel in a pool of forked worker processes.  Each worker starts its kernel
as the pool starts (it imports the suite while the parent loads the articles) and keeps it for
notebook after notebook, reset in between to what a new kernel would be.  Workers ignore
Ctrl-C and die with the parent (see `lifeline`); the parent ends them at once when it stops
early, so an interrupted run leaves no process behind and prints no worker traceback.
"""
from __future__ import annotations

import concurrent.futures as cf
import contextlib
import logging
import multiprocessing
import multiprocessing.util
import os
import signal
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .. import paths
from ..atomic import write_text
from ..errors import ConflictNotebooksError, InputError
from . import kernels, lifeline
from .html import clean_notebook, render_html
from .site import Chrome

CELL_TIMEOUT = 600
ERROR_MARKER_TAG = "papermill-error-cell-tag"
DIRECTIVE_PREFIX = "# NBVAL_"
# In a pool worker: whether it keeps its kernel between notebooks, and that kernel.
_WORKER: dict[str, Any] = {"keep": False, "kernel": None}


class NotebookFailed(ConflictNotebooksError):
    """A notebook raised or timed out: names the article, the notebook, the cell and the error."""


@dataclass(frozen=True)
class Task:
    """One notebook to execute for one article, writing into `folder`."""

    article: str
    notebook: str
    folder: str
    parameters: dict[str, Any]
    show_code: bool
    moved: tuple[str, str] = ("", "")
    chrome: Chrome | None = None


@dataclass(frozen=True)
class Outcome:
    """What happened to a task: success, or where and how it failed."""

    task: Task
    ok: bool
    seconds: float
    cell: int | None = None
    cells: int = 0
    cell_source: str = ""
    error: str = ""
    traceback: list[str] = field(default_factory=list)

    def describe(self) -> str:
        """A message naming the notebook, the cell (numbered as in the committed notebook) and the error."""
        where = f"{Path(self.task.article).name}: notebook {Path(self.task.notebook).name}"
        if self.cell is not None:
            where += f", cell {self.cell} of {self.cells}"
            first = first_line(self.cell_source)
            if first:
                where += f" ({first[:100]!r})"
        return f"{where}: {self.error}"


def first_line(source: str) -> str:
    """A cell's first line as a reader would quote it (blank lines and test-runner directives skipped)."""
    return next((line.strip() for line in source.splitlines()
                 if line.strip() and not line.startswith(DIRECTIVE_PREFIX)), "")


def notebooks(folder: Path = paths.NOTEBOOKS_DIR) -> list[Path]:
    """The report notebooks in order: files named NN_name.ipynb."""
    found = sorted(folder.glob("[0-9][0-9]_*.ipynb"))
    if not found:
        raise InputError(folder, "holds no notebooks named like 01_article.ipynb",
                         "Run from a complete checkout of the project")
    return found


def project_path(notebook: Path) -> str | None:
    """A notebook's path inside the project ('notebooks/corpus/02_incidents.ipynb'), or None outside it."""
    try:
        return notebook.resolve().relative_to(paths.PROJECT_DIR).as_posix()
    except ValueError:
        return None


def notebook_title(path: Path) -> str:
    """A notebook's title: its first Markdown heading (our own text, not the article's)."""
    import nbformat

    nb = nbformat.read(path, as_version=4)
    for cell in nb.cells:
        if cell.cell_type == "markdown":
            for line in cell.source.splitlines():
                if line.startswith("# "):
                    return line[2:].strip()
    return path.stem


# ---------------------------------------------------------------- one notebook

def _is_added(cell) -> bool:
    """A cell papermill added to the executed notebook: injected parameters or an error banner."""
    tags = cell.metadata.get("tags", [])
    return "injected-parameters" in tags or ERROR_MARKER_TAG in tags


def _raised(cell) -> bool:
    """Whether a code cell raised (an error output, or papermill's exception flag)."""
    return cell.cell_type == "code" and (any(o.get("output_type") == "error" for o in cell.get("outputs", []))
                                         or cell.metadata.get("papermill", {}).get("exception") is True)


def _started(cell) -> bool:
    """Whether papermill started a code cell (the last one started is where a dead kernel or a timeout hit)."""
    return cell.cell_type == "code" and cell.metadata.get("papermill", {}).get("status", "pending") != "pending"


def failing_cell(executed: Path, committed: Path) -> tuple[int, int, str] | None:
    """The failing cell as the reader sees it in the committed notebook: (number from 1, cell count, source).

    The executed notebook holds cells papermill added (injected parameters, error banners);
    they are skipped, so the number is the cell's place in the notebook the user opens.  The
    cell is the one that raised or, when the kernel died or timed out, the last one started.
    """
    import nbformat

    try:
        run = [c for c in nbformat.read(executed, as_version=4).cells if not _is_added(c)]
        original = nbformat.read(committed, as_version=4).cells
    except Exception:  # the partial notebook is only a hint for the message
        return None
    found = next((i for i, c in enumerate(run) if _raised(c)), None)
    if found is None:
        found = max((i for i, c in enumerate(run) if _started(c)), default=None)
    if found is None or found >= len(original):
        return None
    return found + 1, len(original), original[found].source


def _failure(task: Task, started: float, output: Path, exc: BaseException) -> Outcome:
    """Turn an execution error into an Outcome naming the cell."""
    found = failing_cell(output, Path(task.notebook)) if output.is_file() else None
    cell, cells, source = found or (None, 0, "")
    ename, evalue = getattr(exc, "ename", None), getattr(exc, "evalue", None)
    error = f"{ename}: {evalue}" if ename else f"{type(exc).__name__}: {exc}"
    if not ename and "\n" in error:
        error = error.split("\n", 1)[0]
    return Outcome(task, False, time.monotonic() - started, cell, cells, source, error.strip(),
                   list(getattr(exc, "traceback", []) or []))


def run_task(task: Task) -> Outcome:
    """Execute one notebook into its folder, clean it, and render its HTML beside it."""
    import nbformat
    import papermill as pm

    started = time.monotonic()
    source = Path(task.notebook)
    output = Path(task.folder) / source.name
    try:
        kernel = _kept_kernel() if _WORKER["keep"] else None
        pm.execute_notebook(str(source), str(output), parameters=task.parameters, kernel_name=kernels.KERNEL_NAME,
                            cwd=os.getcwd(), progress_bar=False, log_output=False,
                            start_timeout=kernels.START_TIMEOUT, execution_timeout=CELL_TIMEOUT,
                            **({"km": kernel.manager} if kernel else {}))
        if kernel is not None:
            kernel.finish()  # the kernel resets for its next notebook while this one is rendered
        nb = nbformat.read(output, as_version=4)
        clean_notebook(nb, source.name, task.moved, project_path(source))
        nb.metadata["title"] = notebook_title(source)
        write_text(output, nbformat.writes(nb) + "\n")
        write_text(output.with_suffix(".html"), render_html(nb, task.show_code, task.chrome))
    except Exception as exc:  # any failure is reported by the parent, which then discards everything
        _drop_kernel()
        return _failure(task, started, output, exc)
    return Outcome(task, True, time.monotonic() - started)


# ---------------------------------------------------------------- workers and their kernels

def _init_worker(jupyter_path: str, parent: int) -> None:
    """Tie the worker to the parent, leave Ctrl-C to the parent, and start the kernel it keeps."""
    lifeline.die_with_parent(parent)
    logging.getLogger("papermill").setLevel(logging.CRITICAL)  # failures are reported once, by the parent
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    kernels.use_kernelspecs(jupyter_path)
    _WORKER["keep"] = True
    multiprocessing.util.Finalize(None, _drop_kernel, exitpriority=10)
    try:
        _WORKER["kernel"] = kernels.WarmKernel()
    except Exception:  # run_task starts one again and reports the error against its notebook
        _WORKER["kernel"] = None


def _kept_kernel() -> kernels.WarmKernel:
    """This worker's kernel, started on first use (again if it died), ready for a notebook."""
    kernel = _WORKER["kernel"]
    if kernel is None or not kernel.alive():
        _drop_kernel()
        kernel = _WORKER["kernel"] = kernels.WarmKernel()
    kernel.prepare()
    return kernel


def _drop_kernel() -> None:
    """Shut down this worker's kept kernel, if any (after a failure, and when the worker exits)."""
    kernel, _WORKER["kernel"] = _WORKER["kernel"], None
    if kernel is not None:
        try:
            kernel.stop()
        except Exception:  # a kernel already gone needs no shutting down
            pass


def _ready() -> None:
    """A task that does nothing: submitting it makes the pool start its workers, and they their kernels."""


def _kill_workers(pool: cf.ProcessPoolExecutor) -> None:
    """End every worker at once; their kernels die with them (the workers' death signal)."""
    for process in list((getattr(pool, "_processes", None) or {}).values()):
        with contextlib.suppress(Exception):
            process.kill()
    pool.shutdown(wait=True, cancel_futures=True)


def pool_size(jobs: int | None, tasks: int) -> int:
    """How many workers to start: the jobs asked for (else one per core), never more than there are tasks."""
    return min(max(1, jobs or os.cpu_count() or 1), tasks)


@contextlib.contextmanager
def worker_pool(jobs: int, jupyter_path: Path) -> Iterator[cf.ProcessPoolExecutor]:
    """A pool of `jobs` workers started now; shut down cleanly on success, killed on any failure or interrupt."""
    try:
        context = multiprocessing.get_context("fork")
    except ValueError:
        context = multiprocessing.get_context()
    pool = cf.ProcessPoolExecutor(max_workers=jobs, mp_context=context, initializer=_init_worker,
                                  initargs=(str(jupyter_path), os.getpid()))
    try:
        pool.submit(_ready)
        yield pool
    except BaseException:
        _kill_workers(pool)
        raise
    pool.shutdown(wait=True)


def execute(pool: cf.ProcessPoolExecutor, tasks: list[Task],
            meanwhile: Callable[[], None] | None = None) -> list[Outcome]:
    """Run the tasks in the pool, printing a progress line as each finishes; stop at the first failure.

    `meanwhile` is this process's own work, done while the workers run the notebooks.
    """
    outcomes: list[Outcome] = []
    futures = {pool.submit(run_task, t): t for t in tasks}
    if meanwhile is not None:
        meanwhile()
    for future in cf.as_completed(futures):
        try:
            outcome = future.result()
        except cf.process.BrokenProcessPool:
            outcome = Outcome(futures[future], False, 0.0, error="the process running this notebook died "
                              "(killed from outside, or out of memory)")
        outcomes.append(outcome)
        label = f"{Path(outcome.task.article).stem} / {Path(outcome.task.notebook).stem}"
        status = "ok" if outcome.ok else "FAILED"
        print(f"[{len(outcomes)}/{len(tasks)}] {label}: {status} ({outcome.seconds:.1f} s)", flush=True)
        if not outcome.ok:
            for other in futures:
                other.cancel()
            break
    return outcomes
