"""Executed notebooks made reproducible and rendered to self-contained HTML with nbconvert.

The template (`templates/notebook.html.j2`) is the lab template without its CDN scripts
(require.js, MathJax, mermaid, widgets), with each image's alt text taken from its output
metadata (lab otherwise writes a placeholder), each chart in a box that scrolls sideways on a
phone, and the site's header, navigation and footer (`site.Chrome`) around the notebook.
Timestamps, durations and temporary paths are stripped from the notebooks, so the same inputs
give the same bytes.
"""
from __future__ import annotations

import functools
from importlib import resources
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .site import Chrome

TIMING_KEYS = ("start_time", "end_time", "duration")
TEMPLATE_FILE = "notebook.html.j2"
HIDDEN_TAGS = frozenset({"parameters", "injected-parameters"})


def template_text(name: str) -> str:
    """A template shipped in this package's `templates` folder."""
    return resources.files(__package__).joinpath("templates", name).read_text(encoding="utf-8")


def moved_value(value: Any, moved: tuple[str, str] | None) -> Any:
    """A string parameter pointing into the temporary folder, pointed at the final folder instead."""
    if moved and moved[0] and moved[1] and isinstance(value, str):
        return value.replace(moved[0], moved[1])
    return value


def clean_notebook(nb, input_name: str, moved: tuple[str, str] | None = None, input_path: str | None = None) -> None:
    """Strip what changes between runs: timestamps, durations, temporary paths, random cell ids.

    `moved` is (temporary folder, final folder): parameters that point into the temporary
    folder (an automatic annotation written there) are rewritten to where the file ends up.
    `input_path` is the notebook as the project names it (default `notebooks/<input_name>`).
    """
    meta = nb.metadata.get("papermill", {})
    if moved and moved[0] and moved[1]:
        meta["parameters"] = {k: moved_value(v, moved) for k, v in meta.get("parameters", {}).items()}
    for key in TIMING_KEYS:
        meta.pop(key, None)
    meta["input_path"] = input_path or f"notebooks/{input_name}"
    meta["output_path"] = input_name
    meta["environment_variables"] = {}
    for cell in nb.cells:
        for key in TIMING_KEYS:
            cell.metadata.get("papermill", {}).pop(key, None)
        cell.metadata.pop("execution", None)
        if "injected-parameters" in cell.metadata.get("tags", []):
            cell.id = "injected-parameters"
            cell.source = moved_value(cell.source, moved)


@functools.cache
def _exporter(show_code: bool):
    """The HTML exporter, made once per process and mode (compiling its templates is the slow part)."""
    from jinja2 import DictLoader
    from nbconvert import HTMLExporter
    from nbconvert.preprocessors import TagRemovePreprocessor

    exporter = HTMLExporter(template_name="lab", template_file="report.html.j2",
                            extra_loaders=[DictLoader({"report.html.j2": template_text(TEMPLATE_FILE)})])
    if not show_code:
        exporter.exclude_input = True
        exporter.exclude_input_prompt = True
        exporter.exclude_output_prompt = True
        exporter.register_preprocessor(TagRemovePreprocessor(remove_cell_tags=set(HIDDEN_TAGS)), enabled=True)
    return exporter


def render_html(nb, show_code: bool, chrome: Chrome | None = None) -> str:
    """Self-contained HTML of an executed notebook; code and parameter cells hidden unless asked.

    `chrome` is the site's header, navigation and footer, inserted as it is (it is escaped where made).
    """
    resources_: dict[str, Any] = {"metadata": {"name": nb.metadata.get("title", "")}}
    if chrome is not None:
        resources_["cn_chrome"] = {"style": chrome.style, "header": chrome.header, "footer": chrome.footer}
    body, _ = _exporter(show_code).from_notebook_node(nb, resources=resources_)
    return body
