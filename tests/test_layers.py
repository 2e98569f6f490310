"""The flow runs one way: a module of `analysis` imports only from its own layer or the layers before it."""
from __future__ import annotations

import ast
from pathlib import Path

import pytest

from analysis import paths

# Lowest first. A module belongs to the first layer naming it or its package.
LAYERS: list[tuple[str, set[str]]] = [
    ("foundation", {"errors", "paths", "vocabularies", "atomic", "quantities", "affiliations", "alignment",
                    "params", "fields", "schemas"}),
    ("ingest", {"repair", "segment", "ingest"}),
    ("annotations", {"annotations"}),
    ("autoannotate", {"autoannotate"}),
    ("frames", {"acled", "frames", "bundle", "tables", "views", "summary", "places", "fieldscores", "evaluate",
                "facts",
                "agreement"}),
    ("charts", {"charts"}),
    ("display", {"display", "notebook"}),
    ("outputs", {"report", "corpus", "docs"}),
    ("cli", {"cli", "__main__", "__init__"}),
]
RANK = {name: rank for rank, (_, names) in enumerate(LAYERS) for name in names}


def unit(module: str) -> str:
    """The top-level name under `analysis` that a dotted module belongs to."""
    parts = module.split(".")
    return parts[1] if len(parts) > 1 else "__init__"


def imported(path: Path) -> set[str]:
    """Dotted `analysis.*` modules that a source file imports, relative imports resolved."""
    package = list(path.relative_to(paths.PROJECT_DIR).with_suffix("").parts)
    if package[-1] == "__init__":
        package = package[:-1]
    else:
        package = package[:-1]
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom):
            if node.level:
                base = package[: len(package) - node.level + 1]
                found.add(".".join(base + ([node.module] if node.module else [])))
                if node.module is None:
                    found |= {".".join([*base, a.name]) for a in node.names}
            elif node.module and node.module.split(".")[0] == "analysis":
                found.add(node.module)
        elif isinstance(node, ast.Import):
            found |= {a.name for a in node.names if a.name.split(".")[0] == "analysis"}
    return {m for m in found if m.startswith("analysis.")}


SOURCES = sorted(paths.PACKAGE_DIR.rglob("*.py"))


def test_every_module_has_a_layer():
    units = {unit(".".join(p.relative_to(paths.PROJECT_DIR).with_suffix("").parts)) for p in SOURCES}
    assert units - set(RANK) == set()


@pytest.mark.parametrize("path", SOURCES, ids=lambda p: str(p.relative_to(paths.PACKAGE_DIR)))
def test_no_module_imports_a_later_layer(path):
    me = unit(".".join(path.relative_to(paths.PROJECT_DIR).with_suffix("").parts))
    upward = sorted(m for m in imported(path) if unit(m) in RANK and RANK[unit(m)] > RANK[me])
    assert upward == [], f"{me} ({LAYERS[RANK[me]][0]}) imports from a later layer: {upward}"


def test_the_annotator_does_not_reach_tables_or_reports():
    reach = {m for p in (paths.PACKAGE_DIR / "autoannotate").rglob("*.py") for m in imported(p)}
    assert not {unit(m) for m in reach} & {"frames", "bundle", "tables", "report", "cli", "charts", "display"}
