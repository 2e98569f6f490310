"""docs/tables.md is generated from fields.py and kept in step with it."""
from __future__ import annotations

import argparse

from analysis import docs
from analysis.cli import main
from analysis.fields import TABLES


def test_docs_check_passes() -> None:
    assert main(["docs", "--check"]) == 0


def test_every_table_and_column_is_documented() -> None:
    text = docs.render()
    for table, cols in TABLES.items():
        section = text.split(f"\n## {table}\n", 1)[1].split("\n## ", 1)[0]
        for col in cols:
            assert f"| `{col.name}` | {col.dtype}" in section, (table, col.name)
            for level in col.categories:
                assert f"`{level}`" in section


def test_check_fails_when_stale(tmp_path, monkeypatch, capsys) -> None:
    stale = tmp_path / "tables.md"
    stale.write_text("# old\n", encoding="utf-8")
    monkeypatch.setattr(docs, "TABLES_DOC", stale)
    assert docs.command_docs(argparse.Namespace(check=True)) == 1
    assert "out of date" in capsys.readouterr().err
    assert docs.command_docs(argparse.Namespace(check=False)) == 0
    assert docs.command_docs(argparse.Namespace(check=True)) == 0
    assert stale.read_text(encoding="utf-8") == docs.render()
