"""One declaration per field name: a column name has the same dtype and meaning in every table."""
from __future__ import annotations

from collections import defaultdict

import pytest

from analysis import docs, vocabularies
from analysis.bundle import load_bundle
from analysis.fields import FIELDS, TABLES
from analysis.frames import build_frames
from analysis.paths import SEED_ARTICLE
from analysis.schemas import schema


def tables_holding() -> dict[str, list[str]]:
    """Each column name and the tables that hold it."""
    found: dict[str, list[str]] = defaultdict(list)
    for table, cols in TABLES.items():
        for col in cols:
            found[col.name].append(table)
    return found


def test_every_column_is_its_field_declaration() -> None:
    for table, cols in TABLES.items():
        for col in cols:
            field = FIELDS[col.name]
            assert (col.dtype, col.description, col.categories) == (
                field.dtype, field.description, field.categories), (table, col.name)


def test_every_declared_field_is_used_by_a_table() -> None:
    assert set(FIELDS) == set(tables_holding())


def test_a_shared_column_has_one_dtype_and_one_description_in_every_schema() -> None:
    for name, tables in tables_holding().items():
        described = {(str(schema(t).columns[name].dtype), schema(t).columns[name].description) for t in tables}
        assert len(described) == 1, (name, tables, described)


@pytest.mark.parametrize("source", ["mini", "seed"])
def test_a_shared_column_has_one_dtype_in_every_built_frame(source, mini_article, mini_annotation,
                                                            seed_gold_path) -> None:
    frames = build_frames(mini_article, mini_annotation) if source == "mini" else load_bundle(SEED_ARTICLE).frames
    for name, tables in tables_holding().items():
        dtypes = {frames[t][name].dtype for t in tables}
        assert len(dtypes) == 1, (name, {t: str(frames[t][name].dtype) for t in tables})


def test_each_vocabulary_names_one_field() -> None:
    """A vocabulary is the levels of one field only, so `kind` and `type` cannot mean two things again."""
    used = defaultdict(set)
    for field in FIELDS.values():
        if field.categories:
            used[field.categories].add(field.name)
    for name in ("ACTOR_TYPES", "CASUALTY_KINDS", "QUALIFIERS", "DATE_KINDS", "PRECISIONS", "RESOLUTIONS",
                 "EVENT_TYPES", "MODALITIES", "ROLES", "QUOTE_KINDS"):
        assert len(used[getattr(vocabularies, name)]) == 1, (name, used[getattr(vocabularies, name)])
    assert not any(name in FIELDS for name in ("kind", "type", "name", "date", "date_end", "date_precision"))


def test_docs_describe_a_shared_column_the_same_way_in_every_table() -> None:
    text = docs.render()
    for name in tables_holding():
        rows = {line for line in text.splitlines() if line.startswith(f"| `{name}` |")}
        rows = {row.replace(", required", "") for row in rows}
        assert len(rows) == 1, (name, rows)
