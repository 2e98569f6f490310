"""Time the report suite on the seed article, each notebook alone, and the floor under them.

The floor is what no notebook can beat: a bare kernel start, and a papermill run of a
one-cell notebook that only imports the suite.  Prints a Markdown table.

    .venv/bin/python benchmarks/notebooks.py [--repeat N] [--jobs N]
"""
from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from analysis import paths, report  # noqa: E402

IMPORTS = "import analysis.display, analysis.charts, analysis.bundle, analysis.params"


def timed(action: Callable[[], object], repeat: int) -> float:
    """Median wall-clock seconds of `repeat` runs."""
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        action()
        times.append(time.perf_counter() - started)
    return statistics.median(times)


def bare_kernel() -> None:
    """Start a kernel, wait until it answers, shut it down."""
    from jupyter_client.manager import start_new_kernel

    manager, client = start_new_kernel(kernel_name=report.KERNEL_NAME)
    client.stop_channels()
    manager.shutdown_kernel(now=True)


def import_only(folder: Path) -> Callable[[], None]:
    """A papermill run of a notebook whose one cell imports the suite."""
    import nbformat
    import papermill as pm

    nb = nbformat.v4.new_notebook()
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    nb.cells = [nbformat.v4.new_code_cell(IMPORTS)]
    source = folder / "imports.ipynb"
    nbformat.write(nb, source)
    return lambda: pm.execute_notebook(str(source), str(folder / "imports.out.ipynb"), kernel_name="python3",
                                       cwd=str(paths.PROJECT_DIR), progress_bar=False)


def one_notebook(notebook: Path, folder: Path) -> Callable[[], None]:
    """Execute and render one notebook on the seed, as the report command does for each."""
    params = report.P.validate(article=paths.SEED_ARTICLE)
    task = report.Task(str(paths.SEED_ARTICLE), str(notebook), str(folder), {
        "article": str(params.article), "annotations": str(params.annotations), "published": None,
        "top_n": params.top_n, "show_code": False}, False)

    def run() -> None:
        outcome = report.run_task(task)
        if not outcome.ok:
            raise RuntimeError(outcome.describe())
    return run


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=1, help="runs per measurement (median is shown)")
    parser.add_argument("--jobs", type=int, default=None, help="notebooks at once for the whole suite")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        os.environ["JUPYTER_PATH"] = str(report.write_kernelspec(folder / "kernel"))
        rows = [("floor: bare kernel start", timed(bare_kernel, args.repeat)),
                ("floor: papermill, one cell importing the suite", timed(import_only(folder), args.repeat))]
        floor = rows[1][1]
        for notebook in report.notebooks():
            rows.append((f"notebook {notebook.stem} (alone, with HTML)", timed(one_notebook(notebook, folder),
                                                                               args.repeat)))
        jobs = args.jobs or os.cpu_count()
        sequential = sum(seconds for name, seconds in rows if name.startswith("notebook"))
        rows.append((f"whole suite: `report` on the seed, {jobs} job(s)",
                     timed(lambda: report.run_reports([paths.SEED_ARTICLE], folder / "reports", {}, jobs=jobs),
                           args.repeat)))
    print(f"\nMedian of {args.repeat} run(s); {os.cpu_count()} CPU(s); "
          f"notebooks one after another would take {sequential:.1f} s.\n")
    print("| step | seconds | × floor (papermill import-only run) |")
    print("|---|---:|---:|")
    for name, seconds in rows:
        print(f"| {name} | {seconds:.2f} | {seconds / floor:.1f} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
