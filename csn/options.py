"""Options and set-up shared by the commands: where the seed is and which store to open."""

from __future__ import annotations

import os
from pathlib import Path

import click

from graph.memory_store import MemoryStore
from graph.schema import SCHEMA
from graph.store import GraphStore
from loaders.seed import load_seed

REPO = Path(__file__).resolve().parents[1]
DEFAULT_SEED = Path(os.environ.get("CSN_SEED", REPO / "seed"))

seed_option = click.option(
    "--seed",
    "seed",
    type=click.Path(exists=True, path_type=Path),
    default=DEFAULT_SEED,
    show_default=True,
    help="Folder (or file) of seed YAML to load.",
)
status_choice = click.Choice(list(SCHEMA.evidence))


def open_store(seed: Path) -> GraphStore:
    """The embedded store, filled from the seed files."""
    store = MemoryStore()
    store.write(load_seed(seed))
    return store
