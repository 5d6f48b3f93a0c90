"""The layers the style guide asks for, checked on the code itself: nothing imports the command
line but the command line, and the library's layers import downwards only."""

from __future__ import annotations

import ast
import os
from pathlib import Path

import pytest

from tests.conftest import REPO

# Which packages each layer may import from the project (besides itself and `csn`'s root).
ALLOWED = {
    "graph": {"graph"},
    "loaders": {"graph", "loaders"},
    "queries": {"graph", "queries", "loaders"},  # the claims report reads the claims file's types
    "visualize": {"graph", "queries", "visualize", "loaders"},
    "neo4j_local": {"graph", "neo4j_local"},
    "workspace": {"graph", "loaders", "workspace", "neo4j_local"},
    "web": {"graph", "loaders", "queries", "visualize", "workspace", "web"},
}


def python_files(top: Path) -> list[Path]:
    found = []
    for folder, _, names in os.walk(top, followlinks=True):
        found += [Path(folder) / n for n in names if n.endswith(".py")]
    return sorted(found)


def imported(path: Path) -> set[str]:
    """The modules `path` imports, by their dotted names."""
    names: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module)
    return names


def test_nothing_outside_the_command_line_imports_it():
    outside = [
        p
        for top in (REPO / "csn", REPO / "benchmarks", REPO / "tests")
        for p in python_files(top)
        if "cli" not in p.relative_to(REPO).parts and p != REPO / "csn" / "__main__.py"  # `python -m csn`
    ]
    offenders = [
        str(p.relative_to(REPO)) for p in outside if any(m.startswith("csn.cli") for m in imported(p))
    ]
    assert offenders == []


@pytest.mark.parametrize("layer", sorted(ALLOWED))
def test_each_layer_imports_only_the_layers_below_it(layer):
    folder = REPO / "csn" / layer
    wrong = {
        (str(p.relative_to(REPO)), m)
        for p in python_files(folder)
        for m in imported(p)
        if m.startswith("csn.") and m.split(".")[1] not in ALLOWED[layer]
    }
    assert wrong == set()
