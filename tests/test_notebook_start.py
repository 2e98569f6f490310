"""A notebook's first step: its parameters, read from the kernel's history, checked, and the article loaded."""
from __future__ import annotations

import json

import pytest
from conftest import MINI_TEXT, mini_annotation_dict

from analysis import display as show
from analysis import notebook, params
from analysis.errors import UnknownParameterError


def namespace_after(*cells: str, **values: object) -> dict[str, object]:
    """A kernel namespace as IPython leaves it once `cells` ran and set `values`."""
    return {"In": ["", *cells], "Out": {}, "get_ipython": print, "_i1": cells[0], **values}


def test_parameters_come_from_the_parameters_and_injected_cells_only():
    ns = namespace_after(params.parameters_cell("02_actors"), '# Parameters\ntop_n = 5\n', "p = 1",
                         article="a.txt", annotations="gold", published=None, top_n=5, p=1, bundle=object())
    assert notebook.given_parameters(ns) == {"article": "a.txt", "annotations": "gold", "published": None,
                                             "top_n": 5}


def test_a_misspelt_injected_parameter_is_refused(tmp_path):
    ns = namespace_after(params.parameters_cell("03_casualties"), '# Parameters\nartcle = "x.txt"\n',
                         article="seeds/000_d9e28a5d5fb01913.txt", annotations="gold", published=None,
                         artcle="x.txt")
    with pytest.raises(UnknownParameterError, match="artcle"):
        notebook.start("03_casualties", ns)


def test_start_loads_the_article_and_warns_about_automatic_annotations(tmp_path, monkeypatch):
    shown = []
    monkeypatch.setattr(show, "display", shown.append)
    article = tmp_path / "mini.txt"
    article.write_text(MINI_TEXT, encoding="utf-8")
    annotation = tmp_path / "mini.auto.json"
    annotation.write_text(json.dumps({**mini_annotation_dict(), "source": "auto"}), encoding="utf-8")
    ns = namespace_after(params.parameters_cell("02_actors"), "# Parameters\n...",
                         article=str(article), annotations=str(annotation), published=None, top_n="5")
    p, bundle = notebook.start("02_actors", ns)
    assert (p.top_n, bundle.annotation.source) == (5, "auto")
    pages = " ".join(obj.data for obj in shown)
    assert "mini.txt" in pages and "2024-08-12" in pages and "automatic annotator" in pages
