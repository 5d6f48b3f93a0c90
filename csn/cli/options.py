"""Options and set-up shared by the commands: where the seed is and which store to open."""

from __future__ import annotations

import os
from pathlib import Path

import click

from csn import ARTICLE_DATASET, PACKAGE
from csn.graph.memory_store import MemoryStore
from csn.graph.model import Record
from csn.graph.schema import SCHEMA
from csn.graph.store import GraphStore
from csn.loaders.curated.seed import load_seed, seed_files
from csn.loaders.lists.listing import ListImport
from csn.loaders.resolution.merging import merge
from csn.loaders.resolution.resolutions import Decision, read_resolutions, resolutions_file
from csn.loaders.storage import kept_imports
from csn.loaders.storage.records_cache import cached

REPO = PACKAGE.parent  # the checkout
CACHE_FOLDER = (
    ".cache"  # beside the kept imports: the records of the last run (loaders/storage/records_cache.py)
)
DEFAULT_SEED = Path(os.environ.get("CSN_SEED", ARTICLE_DATASET))

seed_option = click.option(
    "--seed",
    "seed",
    type=click.Path(exists=True, path_type=Path),
    default=DEFAULT_SEED,
    show_default=True,
    help="Folder (or file) of seed YAML to load.",
)
status_choice = click.Choice(list(SCHEMA.evidence))


STORES = ("memory", "neo4j")
store_option = click.option(
    "--store",
    "store_kind",
    type=click.Choice(STORES),
    default="memory",
    show_default=True,
    help="memory: the seed files loaded in memory; neo4j: the database at NEO4J_URI "
    "(load it first with 'csn load --store neo4j').",
)


def open_store(seed: Path, kind: str = "memory") -> GraphStore:
    """The embedded store filled from the seed files and the kept imports of official lists
    (merged as seed/resolutions.yaml decides), or the Neo4j database as loaded."""
    if kind == "neo4j":
        from csn.graph.neo4j_store import Neo4jStore  # only Neo4j users need the driver connected

        return Neo4jStore()
    store = MemoryStore()
    store.write(embedded_records(seed))
    return store


def embedded_records(seed: Path) -> list[Record]:
    """The seed's records, with the kept imports merged in when there are any; from the records
    cache (csn.loaders.storage.records_cache) when no input has changed since the last run."""
    folder = kept_imports.imports_folder(REPO)
    kept_files = kept_imports.kept_files(folder)
    decisions = resolutions_file(seed)
    inputs = [*seed_files(seed), *kept_files, *([decisions] if decisions.exists() else [])]

    def build() -> list[Record]:
        if not kept_files:
            return load_seed(seed)
        merged, _ = merge(*graph_inputs(seed))
        return merged

    return cached(inputs, build, folder / CACHE_FOLDER)


def graph_inputs(seed: Path) -> tuple[list[Record], list[ListImport], list[Decision]]:
    """What the merged graph is made of: the seed's records, the kept editions of official lists
    and the decisions on their entries (see csn.loaders.resolution.merging)."""
    folder = kept_imports.imports_folder(REPO)
    return load_seed(seed), kept_imports.load_all(folder), read_resolutions(resolutions_file(seed))
