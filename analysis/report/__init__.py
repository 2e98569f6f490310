"""`python -m analysis report`: execute every notebook with papermill and render HTML reports.

kernels    the kernelspec and the kernels kept warm between notebooks
lifeline   workers and kernels that die with their parent
execution  tasks, the worker pool, running one notebook, naming the failing cell
html       cleaning executed notebooks and rendering them with nbconvert
site       the header, navigation and footer of every page (Jinja2 templates in templates/)
index      the index pages: an article's overview, the comparison of several articles
dataset_site  a corpus dataset's site: its chrome, its index, one light page per article
dataset_run   `report --dataset`: the corpus notebooks executed on a dataset inside its site
output     the output folder: lock, staging, manifest, leftovers (one context manager)
run        one run: articles planned, notebooks executed, indexes written, files moved in
"""
from __future__ import annotations

import importlib
from typing import Any

# Public names -> the module holding them; imported on first use, so that `python -m
# analysis.report.lifeline` (which starts every kernel) imports nothing it does not need.
_EXPORTS = {
    "run_reports": "run", "planned_files": "run", "run_dataset_report": "dataset_run",
    "notebooks": "execution", "notebook_title": "execution", "NotebookFailed": "execution",
    "Task": "execution", "Outcome": "execution", "run_task": "execution",
    "clean_notebook": "html", "render_html": "html",
    "article_index": "index", "overall_index": "index",
    "article_site": "site", "chrome": "site", "Chrome": "site",
    "KERNEL_NAME": "kernels", "write_kernelspec": "kernels",
    "output_folder": "output", "OutputConflict": "output", "safe_name": "output",
}
__all__ = sorted(_EXPORTS)


def __getattr__(name: str) -> Any:
    """Import a public name's module when the name is first used."""
    if name not in _EXPORTS:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    return getattr(importlib.import_module(f"{__name__}.{_EXPORTS[name]}"), name)
