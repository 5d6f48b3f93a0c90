"""Shared fixtures: the small invented network and the real seed data, on both stores.

`fixture_store` and `seed_store` are parametrized over the in-memory store and Neo4j, so every
query test runs on both. Neo4j tests run on a database of their own (see tests/database.py): a
throwaway server that the session starts on free ports and deletes afterwards, or the server at
NEO4J_URI if that database is empty. Without a server they skip, unless CSN_REQUIRE_NEO4J=1 (as
in `make test` and CI), where a missing server fails the run.
"""

from __future__ import annotations

import os
import re
import tempfile
from pathlib import Path

import pytest

from csn import ARTICLE_DATASET
from csn.graph.memory_store import MemoryStore
from csn.loaders.curated.seed import load_seed
from csn.workspace.case import ENVIRONMENT, init
from tests.database import test_database

TESTS = Path(__file__).parent
REPO = TESTS.parent
FIXTURES = TESTS / "fixtures"
FIXTURE = FIXTURES / "network.yaml"
SHARED_DATA = REPO.parent / "shared" / "data"  # the real list excerpts (../shared/data/README.md)
SEED = ARTICLE_DATASET  # seed/, as the package reaches it
OUTPUT = REPO / "test-output"
STORES = ["memory", "neo4j"]

# Every command the tests run uses a case folder of the test run's own (csn.workspace.case), so
# tests neither see a user's case (facts, decisions, kept imports) nor write into one. A test that
# imports or decides makes a case of its own (the `case` fixture).
# csn's own files outside a case (the signing key of kept stores, the built-in dataset's kept store)
# go to folders of the run's own too, never to the user's ~/.config or ~/.cache.
for variable in ("XDG_CONFIG_HOME", "XDG_CACHE_HOME"):
    os.environ[variable] = tempfile.mkdtemp(prefix=f"csn-test-{variable.lower()}-")
_SESSION_CASE = init(Path(tempfile.mkdtemp(prefix="csn-test-case-")) / "case")
assert _SESSION_CASE.root is not None
(_SESSION_CASE.root / "facts" / "example.yaml").unlink()  # so that outputs count the test's files only
os.environ[ENVIRONMENT] = str(_SESSION_CASE.root)


@pytest.fixture
def case(tmp_path, monkeypatch):
    """A fresh case folder, which the commands (and csn.workspace.case.find) use for the test."""
    made = init(tmp_path / "case")
    monkeypatch.setenv(ENVIRONMENT, str(made.root))
    return made


@pytest.fixture(scope="session")
def fixture_records():
    return load_seed(FIXTURE)


@pytest.fixture(scope="session")
def seed_records():
    return load_seed(SEED)


def pytest_collection_modifyitems(items):
    """Mark every test that uses Neo4j, so it can be counted and selected (-m neo4j)."""
    for item in items:
        if "neo4j_store" in getattr(item, "fixturenames", ()) or re.search(r"[\[-]neo4j[\]-]", item.nodeid):
            item.add_marker(pytest.mark.neo4j)


@pytest.fixture(scope="session")
def neo4j_store():
    """The session's own Neo4j database; skips (or fails under CSN_REQUIRE_NEO4J=1) without one."""
    with test_database() as store:
        store.loaded = None
        yield store


def holding(store, name: str, records):
    """The Neo4j store holding exactly `records`; reloads only when another data set is in it."""
    if store.loaded != name:
        store.clear()
        store.write(records)
        store.loaded = name
    return store


def _store_with(request, name: str, records) -> object:
    """A store of the requested kind holding exactly `records`."""
    if request.param == "memory":
        store = MemoryStore()
        store.write(records)
        return store
    return holding(request.getfixturevalue("neo4j_store"), name, records)


@pytest.fixture(params=STORES)
def fixture_store(request, fixture_records):
    return _store_with(request, "fixture", fixture_records)


@pytest.fixture(params=STORES)
def seed_store(request, seed_records):
    return _store_with(request, "seed", seed_records)


@pytest.fixture
def neo4j_seed_store(neo4j_store, seed_records):
    return holding(neo4j_store, "seed", seed_records)


@pytest.fixture
def memory_seed_store(seed_records):
    store = MemoryStore()
    store.write(seed_records)
    return store


@pytest.fixture(scope="session")
def output_dir() -> Path:
    OUTPUT.mkdir(exist_ok=True)
    return OUTPUT


def pytest_terminal_summary(terminalreporter):
    """Say how many tests ran against Neo4j, so a run that skipped them shows it."""

    def on_neo4j(report) -> bool:
        return "neo4j" in report.keywords

    passed = [r for r in terminalreporter.stats.get("passed", []) if on_neo4j(r)]
    skipped = [r for r in terminalreporter.stats.get("skipped", []) if on_neo4j(r)]
    terminalreporter.write_line(f"Neo4j tests: {len(passed)} passed, {len(skipped)} skipped")
