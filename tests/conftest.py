"""Shared fixtures: the small invented network, the real seed data, and output folders."""

from __future__ import annotations

from pathlib import Path

import pytest

from graph.memory_store import MemoryStore
from loaders.seed import load_seed

TESTS = Path(__file__).parent
REPO = TESTS.parent
FIXTURE = TESTS / "fixtures" / "network.yaml"
SEED = REPO / "seed"
OUTPUT = REPO / "test-output"


@pytest.fixture(scope="session")
def fixture_records():
    return load_seed(FIXTURE)


@pytest.fixture(scope="session")
def seed_records():
    return load_seed(SEED)


@pytest.fixture
def fixture_store(fixture_records):
    store = MemoryStore()
    store.write(fixture_records)
    return store


@pytest.fixture
def seed_store(seed_records):
    store = MemoryStore()
    store.write(seed_records)
    return store


@pytest.fixture(scope="session")
def output_dir() -> Path:
    OUTPUT.mkdir(exist_ok=True)
    return OUTPUT
