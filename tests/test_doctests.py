"""Every example in a docstring runs as part of the suite, so none can go stale.

The examples run from the repository root with `store` already defined: an embedded store
holding the small fixture network (tests/fixtures/network.yaml), as the style guide asks.
"""

from __future__ import annotations

import doctest
import importlib
import os
from pathlib import Path

import pytest

from csn.graph.memory_store import MemoryStore
from csn.loaders.curated.seed import load_seed
from tests.conftest import FIXTURE, REPO

PACKAGE = REPO / "csn"


def modules_with_examples() -> list[str]:
    """The dotted names of the modules, in csn (its linked folders included) and benchmarks, whose
    docstrings hold examples."""
    found = []
    for top in (PACKAGE, REPO / "benchmarks"):
        for folder, _, names in os.walk(top, followlinks=True):
            for name in sorted(names):
                path = Path(folder) / name
                if name.endswith(".py") and ">>>" in path.read_text(encoding="utf-8"):
                    found.append(".".join(path.relative_to(REPO).with_suffix("").parts))
    return sorted(found)


MODULES = modules_with_examples()


def test_the_examples_are_found():
    assert {
        "csn.graph.schema",
        "csn.loaders.curated.text",
        "csn.queries.trace",
        "benchmarks.synthetic",
    } <= set(MODULES)


@pytest.mark.parametrize("name", MODULES)
def test_every_example_runs(name, monkeypatch):
    monkeypatch.chdir(REPO)
    store = MemoryStore()
    store.write(load_seed(FIXTURE))
    module = importlib.import_module(name)
    tests = doctest.DocTestFinder().find(module, extraglobs={"store": store})
    skipped = [t.name for t in tests for e in t.examples if e.options.get(doctest.SKIP)]
    assert not skipped, f"examples marked +SKIP: run them, or show the call as plain text ({skipped})"
    failed, attempted = doctest.testmod(module, extraglobs={"store": store}, optionflags=doctest.ELLIPSIS)
    assert not failed, f"{failed} of {attempted} examples in {name} failed (see the output)"
    assert attempted
