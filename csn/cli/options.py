"""Options the commands share: which case (--workspace, --seed) and which store (--store)."""

from __future__ import annotations

import functools
from collections.abc import Callable
from pathlib import Path
from typing import Any

import click

from csn.graph.schema import SCHEMA
from csn.workspace import case as cases

status_choice = click.Choice(list(SCHEMA.evidence))

STORES = ("memory", "neo4j")
store_option = click.option(
    "--store",
    "store_kind",
    type=click.Choice(STORES),
    default="memory",
    show_default=True,
    help="memory: the case's graph in memory; neo4j: the database at NEO4J_URI "
    "(load it first with 'csn load --store neo4j').",
)


def case_option(command: Callable[..., Any]) -> Callable[..., Any]:
    """--workspace and --seed, handed to the command as `case` (a csn.workspace.case.Workspace)."""

    @functools.wraps(command)
    def with_case(*args: Any, workspace: Path | None, seed: Path | None, **kwargs: Any) -> Any:
        return command(*args, case=cases.find(workspace).with_seed(seed), **kwargs)

    with_case = click.option(
        "--seed",
        type=click.Path(exists=True, path_type=Path),
        help="Use this folder (or file) of curated YAML facts in place of the case's datasets.",
    )(with_case)
    return click.option(
        "--workspace",
        type=click.Path(file_okay=False, path_type=Path),
        envvar=cases.ENVIRONMENT,
        help=f"The case folder (default: ${cases.ENVIRONMENT}, else the nearest folder upwards "
        f"holding a {cases.CONFIG_FILE}; without one, the built-in dataset, read-only).",
    )(with_case)
