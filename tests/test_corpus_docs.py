"""docs/corpus.md documents every corpus table and column, generated from analysis/corpus/fields.py."""
from __future__ import annotations

from analysis.corpus import docs
from analysis.corpus.fields import ARTICLE_KEYS, CORPUS_FIELDS, CORPUS_ONLY, CORPUS_TABLES, TABLES
from analysis.fields import FIELDS, SHOWN


def test_the_generated_tables_section_is_current():
    assert docs.main(["--check"]) == 0


def test_every_corpus_only_table_and_column_is_documented():
    text = docs.render_tables()
    for table, columns in CORPUS_ONLY.items():
        section = text.split(f"\n### {table}\n", 1)[1].split("\n### ", 1)[0]
        for column in columns:
            assert f"| `{column.name}` | {column.dtype}" in section, (table, column.name)


def test_no_corpus_field_redeclares_a_suite_field():
    assert set(CORPUS_FIELDS) & (set(FIELDS) | set(SHOWN)) == set()


def test_a_name_shared_with_the_suite_keeps_its_dtype_and_meaning():
    for columns in CORPUS_TABLES.values():
        for column in columns:
            declared = FIELDS.get(column.name) or SHOWN.get(column.name) or CORPUS_FIELDS[column.name]
            assert (column.dtype, column.description, column.categories, column.label) == (
                declared.dtype, declared.description, declared.categories, declared.label), column.name


def test_single_article_tables_carry_the_article_keys_in_front():
    for table, columns in TABLES.items():
        assert CORPUS_TABLES[table] == (*ARTICLE_KEYS, *columns)


def test_a_stale_section_is_caught(tmp_path, monkeypatch, capsys):
    stale = tmp_path / "corpus.md"
    stale.write_text(f"intro\n{docs.BEGIN}\nold\n{docs.END}\nrest\n", encoding="utf-8")
    monkeypatch.setattr(docs, "CORPUS_DOC", stale)
    assert docs.main(["--check"]) == 1 and "out of date" in capsys.readouterr().err
    assert docs.main([]) == 0 and docs.main(["--check"]) == 0
    assert stale.read_text(encoding="utf-8").startswith("intro\n") and stale.read_text(encoding="utf-8").endswith(
        f"{docs.END}\nrest\n")
