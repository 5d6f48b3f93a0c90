"""Benchmarks, run as modules from the repository root: python -m benchmarks.views."""

from __future__ import annotations

import argparse


def add_neo4j_arguments(parser: argparse.ArgumentParser) -> None:
    """--uri, --username, --password and --database, defaulting to the NEO4J_* variables as every
    other command does (so `make neo4j`'s local server)."""
    # Imported here, not above: benchmarks.load must be able to block the driver's Rust extension
    # before anything imports `neo4j`, and importing this package comes first.
    from csn.graph.neo4j_store import Settings

    defaults = Settings.from_env()
    parser.add_argument("--uri", default=defaults.uri)
    parser.add_argument("--username", default=defaults.username)
    parser.add_argument("--password", default=defaults.password)
    parser.add_argument("--database", default=defaults.database)
