"""How are two entities connected? The k shortest typed paths between them, with evidence.

>>> result = connect(store, "Ana Ríos", "River route", k=3)
>>> [(p.weakest, [n.name for n in p.nodes]) for p in result.paths]
[('reported', ['Ana Ríos', 'Río Cartel', 'River route'])]
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from csn.graph.errors import CsnError
from csn.graph.model import Node
from csn.graph.schema import SCHEMA
from csn.graph.store import EdgeFilter, GraphStore
from csn.queries.evidence import TracedPath, explain_paths, shortest_first
from csn.queries.filters import edge_filter
from csn.queries.lookup import resolve

MAX_HOPS_LIMIT = 8
MAX_PATHS = 5_000


@dataclass(frozen=True)
class ConnectResult:
    a: Node
    b: Node
    paths: list[TracedPath]
    truncated: bool
    where: EdgeFilter


def connect(
    store: GraphStore,
    a: str,
    b: str,
    k: int = 5,
    max_hops: int = 4,
    types: Iterable[str] | None = None,
    labels: Iterable[str] | None = None,
    min_status: str | None = None,
    as_of: str | None = None,
) -> ConnectResult:
    """The k shortest paths between two entities (names or ids), fewest hops first, then the
    strongest weakest link. Parallel facts on a hop are listed together. Without `types`, the
    ties trace walks (network and territory), not legal actions or corridor legs: two people
    charged by the same court are not thereby connected.

    Raises NotFound or Ambiguous for a name, SchemaError for an unknown type, label or status,
    CsnError for bad bounds, and QueryBoundExceeded when the search runs past its time bound.
    """
    if not 1 <= max_hops <= MAX_HOPS_LIMIT:
        raise CsnError(f"max hops must be from 1 to {MAX_HOPS_LIMIT}, not {max_hops}")
    if k < 1:
        raise CsnError(f"k must be at least 1, not {k}")
    where = edge_filter(types or SCHEMA.types_traced("always"), labels, min_status, as_of)
    first, second = resolve(store, a), resolve(store, b)
    if first.id == second.id:
        raise CsnError(f"'{a}' and '{b}' are the same entity")
    found = store.connect_paths(first.id, second.id, where, max_hops, groups=k, max_paths=MAX_PATHS)
    paths, total = explain_paths(store, found.paths, shortest_first, k)
    return ConnectResult(first, second, paths, found.truncated or total > k, where)
