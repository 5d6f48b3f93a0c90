"""Trace: paths from state actors through criminal and smuggling networks to migration corridors.

Each path comes back with its hops, each hop's evidence and sources, and its weakest status: a
path is as strong as its weakest hop.

>>> result = trace(store, start="The Minister", as_of="2013-06-01")
>>> [(p.weakest, [n.name for n in p.nodes]) for p in result.paths]
[('reported', ['Ana Ríos', 'Río Cartel', 'River route'])]
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from csn.graph.errors import CsnError
from csn.graph.schema import SCHEMA
from csn.graph.store import GraphStore, PathQuery, is_state_actor
from csn.queries.evidence import (  # noqa: F401 - re-exported: the result types of trace
    CitedSource,
    Fact,
    Hop,
    TracedPath,
    check_as_of,
    explain_paths,
    paths_frame,
    strongest_first,
)
from csn.queries.lookup import resolve

if TYPE_CHECKING:  # pandas is imported in the functions that use it: it costs a second at start-up
    import pandas as pd

DEFAULT_MAX_HOPS = 6
MAX_HOPS_LIMIT = 10


@dataclass(frozen=True)
class TraceResult:
    paths: list[TracedPath]
    truncated: bool
    query: PathQuery


def trace(
    store: GraphStore,
    start: str | None = None,
    corridor: str | None = None,
    min_status: str | None = None,
    as_of: str | None = None,
    max_hops: int = DEFAULT_MAX_HOPS,
    limit: int = 100,
) -> TraceResult:
    """Paths from state actors to migration corridors, strongest first (see PathQuery for the rules).

    `start` and `corridor` are names, aliases or ids. Raises NotFound or Ambiguous for a name,
    SchemaError for an unknown status, and CsnError for a start that is no state actor, a bad
    date or hop bound.
    """
    if not 1 <= max_hops <= MAX_HOPS_LIMIT:
        raise CsnError(f"max hops must be from 1 to {MAX_HOPS_LIMIT}, not {max_hops}")
    start_ids = _resolve_ids(store, start)
    end_ids = _resolve_ids(store, corridor)
    if end_ids and store.node(end_ids[0]).label not in SCHEMA.labels_with_role("corridor"):
        raise CsnError(f"'{corridor}' is a {store.node(end_ids[0]).label}, not a migration corridor")
    query = PathQuery(
        start_ids=start_ids,
        end_ids=end_ids,
        min_rank=SCHEMA.rank(min_status) if min_status else 0,
        as_of=check_as_of(as_of),
        max_hops=max_hops,
    )
    found = store.find_paths(query)
    paths, total = explain_paths(store, found.paths, strongest_first, limit)
    node = store.node(start_ids[0]) if start_ids else None
    if node and not paths and not is_state_actor(node, store.edges_of(node.id), query):
        raise CsnError(
            f"'{node.name}' is a {node.label} with no office in a state body"
            f"{' on ' + query.as_of if query.as_of else ''}; trace starts from state actors"
        )
    return TraceResult(paths, found.truncated or total > limit, query)


def _resolve_ids(store: GraphStore, text: str | None) -> tuple[str, ...] | None:
    return None if text is None else (resolve(store, text).id,)


def trace_frame(result: TraceResult) -> pd.DataFrame:
    """One row per fact on each hop: path, hop, the fact, its evidence and its sources."""
    return paths_frame(result.paths)
