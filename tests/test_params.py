"""Notebook parameters: papermill's type guessing and bad values give clear ParameterErrors."""
from __future__ import annotations

import datetime as dt

import numpy as np
import pytest

from analysis import params, paths
from analysis.errors import ParameterError, UnknownParameterError


@pytest.fixture
def article_with_gold(tmp_path):
    article = tmp_path / "a.txt"
    article.write_text("Title\nBody.\n", encoding="utf-8")
    paths.gold_path_for(article).write_text("{}", encoding="utf-8")
    return article


def test_defaults_give_the_seed_article_from_the_project_folder(monkeypatch):
    monkeypatch.chdir(paths.PROJECT_DIR)
    p = params.validate()
    assert p.article.resolve() == paths.SEED_ARTICLE
    assert p.top_n == params.DEFAULTS["top_n"] and p.published is None


@pytest.mark.parametrize("value", [None, "", "  "])
def test_empty_article_is_refused_with_an_example(value):
    with pytest.raises(ParameterError, match="article.*such as seeds/"):
        params.article_param(value)


def test_relative_article_is_read_from_the_working_folder(tmp_path, monkeypatch):
    (tmp_path / "arts").mkdir()
    (tmp_path / "arts" / "a.txt").write_text("Title\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    assert params.article_param("arts/a.txt").resolve() == (tmp_path / "arts" / "a.txt").resolve()
    monkeypatch.chdir(paths.PROJECT_DIR)
    with pytest.raises(ParameterError, match="working folder"):
        params.article_param("arts/a.txt")


def test_absolute_article_path_is_accepted(article_with_gold):
    assert params.article_param(str(article_with_gold)) == article_with_gold
    assert params.article_param(article_with_gold) == article_with_gold


@pytest.mark.parametrize("value", [7, 7.0, True, ["a.txt"]])
def test_article_that_is_not_a_path_is_refused(value):
    with pytest.raises(ParameterError, match="article.*path of an article"):
        params.article_param(value)


def test_missing_article_names_the_path_and_where_relative_paths_are_read(tmp_path):
    with pytest.raises(ParameterError, match="does not exist.*working folder"):
        params.article_param("no/such/file.txt")
    with pytest.raises(ParameterError, match="is a folder"):
        params.article_param(str(tmp_path))


def test_gold_becomes_the_gold_file_beside_the_article(article_with_gold):
    choice, notes = params.annotations_param("gold", article_with_gold)
    assert choice == paths.gold_path_for(article_with_gold) and notes == ()


def test_gold_without_a_gold_file_falls_back_to_auto_with_a_note(tmp_path):
    article = tmp_path / "b.txt"
    article.write_text("Title\n", encoding="utf-8")
    choice, notes = params.annotations_param("gold", article)
    assert choice == "auto"
    assert notes and "automatic" in notes[0] and "b.gold.json" in notes[0]


@pytest.mark.parametrize("value", ["auto", "AUTO", " auto "])
def test_auto_is_accepted_in_any_case(value, article_with_gold):
    assert params.annotations_param(value, article_with_gold)[0] == "auto"


def test_annotation_path_must_exist(article_with_gold, tmp_path):
    assert params.annotations_param(str(paths.gold_path_for(article_with_gold)), article_with_gold)[0] \
        == paths.gold_path_for(article_with_gold)
    with pytest.raises(ParameterError, match="annotations.*does not exist"):
        params.annotations_param(str(tmp_path / "missing.json"), article_with_gold)
    with pytest.raises(ParameterError, match="'gold', 'auto'"):
        params.annotations_param(False, article_with_gold)


@pytest.mark.parametrize("value,expected", [
    (None, None), ("", None), ("None", None), ("null", None),
    ("2024-08-12", dt.date(2024, 8, 12)), (" 2024-08-12 ", dt.date(2024, 8, 12)),
    (dt.date(2024, 8, 12), dt.date(2024, 8, 12)), (dt.datetime(2024, 8, 12, 9, 30), dt.date(2024, 8, 12)),
])
def test_published_accepts_dates_and_none(value, expected):
    assert params.published_param(value) == expected


@pytest.mark.parametrize("value", [20240812, "12/08/2024", "2024-02-30", "yesterday", True])
def test_published_refuses_other_values_saying_the_format(value):
    with pytest.raises(ParameterError, match="YYYY-MM-DD"):
        params.published_param(value)


@pytest.mark.parametrize("value,expected", [(15, 15), ("007", 7), (" 3 ", 3), (np.int64(4), 4), (1, 1), (1000, 1000)])
def test_top_n_accepts_whole_numbers_including_papermill_strings(value, expected):
    result = params.top_n_param(value)
    assert result == expected and type(result) is int


@pytest.mark.parametrize("value", [0, -1, 1001, 2.5, 10.0, "ten", "", True, False, None, "-3"])
def test_top_n_refuses_anything_else(value):
    with pytest.raises(ParameterError, match="whole number from 1 to 1000"):
        params.top_n_param(value)


@pytest.mark.parametrize("value,expected", [
    (True, True), (False, False), ("true", True), ("True", True), ("yes", True), ("on", True), ("1", True),
    ("false", False), ("FALSE", False), ("no", False), ("off", False), ("0", False), (1, True), (0, False),
])
def test_show_code_reads_the_words_papermill_passes_as_strings(value, expected):
    assert params.show_code_param(value) is expected


@pytest.mark.parametrize("value", ["maybe", "", 2, None, 0.5])
def test_show_code_refuses_other_values(value):
    with pytest.raises(ParameterError, match="True or False"):
        params.show_code_param(value)


def test_validate_normalises_every_parameter(article_with_gold):
    p = params.validate(str(article_with_gold), "gold", "2024-08-12", "007")
    assert (p.article, p.published, p.top_n) == (article_with_gold, dt.date(2024, 8, 12), 7)


def test_error_message_names_the_parameter_and_value(monkeypatch):
    monkeypatch.chdir(paths.PROJECT_DIR)
    with pytest.raises(ParameterError) as info:
        params.validate(top_n="0")
    assert "top_n='0'" in str(info.value)


def test_error_message_prints_a_path_as_text(tmp_path):
    with pytest.raises(ParameterError) as info:
        params.article_param(tmp_path / "missing.txt")
    assert "PosixPath" not in str(info.value) and str(tmp_path / "missing.txt") in str(info.value)


def test_unknown_parameter_names_are_errors_naming_them_and_the_known_ones():
    params.check_names(list(params.NAMES))
    with pytest.raises(UnknownParameterError, match=r"unknown parameter 'artcle' \(did you mean 'article'\?\)"):
        params.check_names(["artcle"])
    with pytest.raises(UnknownParameterError, match="notebook 03_casualties takes article, annotations, published$"):
        params.check_names(["top_n"], "03_casualties")


def test_every_notebook_declares_parameters_that_exist():
    for notebook, names in params.NOTEBOOK_PARAMETERS.items():
        assert set(names) <= set(params.PARAMETERS), notebook
        assert params.parameters_cell(notebook).count("\n") == len(names)


def test_a_notebook_takes_only_its_own_parameters(article_with_gold):
    p = params.for_notebook("02_actors", {"article": str(article_with_gold), "top_n": 3})
    assert p.top_n == 3 and p.article == article_with_gold
    with pytest.raises(UnknownParameterError):
        params.for_notebook("03_casualties", {"article": str(article_with_gold), "top_n": 3})


@pytest.mark.parametrize("written", ["20240812", "2024-W33-1", "2024-8-12"])
def test_a_publication_date_is_read_only_when_written_yyyy_mm_dd(written):
    with pytest.raises(ParameterError, match="YYYY-MM-DD"):
        params.published_param(written)
    assert params.published_param("2024-08-12") == dt.date(2024, 8, 12)
