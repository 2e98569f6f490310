"""Time the report suite on the seed article, each notebook alone, and the floor under them.

The floor is what no notebook can beat: a bare kernel start, and a papermill run of a
one-cell notebook that only imports the suite.  With `--big`, also a 10,000-paragraph article
(the gold seeds repeated, see tests/big_article.py): the whole report but 07_agreement, the size
of its largest page, and the automatic annotator that 07_agreement runs, timed on its own.
Prints Markdown tables.

    .venv/bin/python benchmarks/notebooks.py [--repeat N] [--jobs N] [--big]
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

from analysis import params, paths
from analysis.report import execution, kernels, run

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

    manager, client = start_new_kernel(kernel_name=kernels.KERNEL_NAME)
    client.stop_channels()
    manager.shutdown_kernel(now=True)


def import_only(folder: Path) -> Callable[[], None]:
    """A papermill run of a notebook whose one cell imports the suite."""
    import nbformat
    import papermill as pm

    nb = nbformat.v4.new_notebook()
    nb.metadata["kernelspec"] = {"name": kernels.KERNEL_NAME, "display_name": "Python 3", "language": "python"}
    nb.cells = [nbformat.v4.new_code_cell(IMPORTS)]
    source = folder / "imports.ipynb"
    nbformat.write(nb, source)
    return lambda: pm.execute_notebook(str(source), str(folder / "imports.out.ipynb"),
                                       kernel_name=kernels.KERNEL_NAME, progress_bar=False)


def one_notebook(notebook: Path, folder: Path) -> Callable[[], None]:
    """Execute and render one notebook on the seed, as the report command does for each."""
    checked = params.validate(article=str(paths.SEED_ARTICLE))
    task = execution.Task(str(paths.SEED_ARTICLE), str(notebook), str(folder), {
        "article": run.relative(checked.article), "annotations": run.relative(checked.annotations),
        "published": None, "top_n": checked.top_n, "show_code": False}, False)

    def execute() -> None:
        outcome = execution.run_task(task)
        if not outcome.ok:
            raise RuntimeError(outcome.describe())
    return execute


def big_article(folder: Path, jobs: int) -> list[tuple[str, float]]:
    """The 10,000-paragraph article: the report without 07_agreement, its largest page, and the annotator."""
    import datetime as dt

    sys.path.insert(0, str(paths.PROJECT_DIR / "tests"))
    from big_article import write_big_article

    from analysis.autoannotate.annotator import annotate_article
    from analysis.ingest import load_article

    article = write_big_article(folder)
    books = folder / "books"
    books.mkdir()
    for notebook in execution.notebooks():
        if not notebook.name.startswith("07_"):
            (books / notebook.name).write_bytes(notebook.read_bytes())
    out = folder / "big-reports"
    seconds = timed(lambda: run.run_reports([article], out, {}, jobs=jobs, notebook_dir=books), 1)
    largest = max(p.stat().st_size for p in out.glob("*.html")) / 1e6
    text = load_article(article)
    started = time.perf_counter()
    annotate_article(text, dt.date(2024, 8, 12))
    return [(f"big article ({article.stat().st_size / 1e3:.0f} kB): `report` without 07_agreement", seconds),
            (f"big article: largest page, MB ({largest:.2f})", largest),
            ("big article: the automatic annotator alone (what 07_agreement adds)", time.perf_counter() - started)]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=1, help="runs per measurement (median is shown)")
    parser.add_argument("--jobs", type=int, default=None, help="notebooks at once for the whole suite")
    parser.add_argument("--big", action="store_true", help="also time a 10,000-paragraph article")
    args = parser.parse_args()
    jobs = args.jobs or os.cpu_count() or 1
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        kernels.use_kernelspecs(kernels.write_kernelspec(folder / "kernel"))
        rows = [("floor: bare kernel start", timed(bare_kernel, args.repeat)),
                ("floor: papermill, one cell importing the suite", timed(import_only(folder), args.repeat))]
        floor = rows[1][1]
        for notebook in execution.notebooks():
            rows.append((f"notebook {notebook.stem} (alone, with HTML)", timed(one_notebook(notebook, folder),
                                                                               args.repeat)))
        sequential = sum(seconds for name, seconds in rows if name.startswith("notebook"))
        rows.append((f"whole suite: `report` on the seed, {jobs} job(s)",
                     timed(lambda: run.run_reports([paths.SEED_ARTICLE], folder / "reports", {}, jobs=jobs),
                           args.repeat)))
        extra = big_article(folder, jobs) if args.big else []
    print(f"\nMedian of {args.repeat} run(s); {os.cpu_count()} CPU(s); "
          f"notebooks one after another would take {sequential:.1f} s.\n")
    print("| step | seconds | × floor (papermill import-only run) |")
    print("|---|---:|---:|")
    for name, seconds in rows:
        print(f"| {name} | {seconds:.2f} | {seconds / floor:.1f} |")
    if extra:
        print("\n| big article | value |\n|---|---:|")
        for name, value in extra:
            print(f"| {name} | {value:.2f} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
