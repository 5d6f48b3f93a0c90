"""The ego network of one entity: who and what lies within a few hops, page by page.

>>> result = neighbourhood(store, "Ana Ríos", hops=2, limit=3)
>>> [(node.name, distance) for node, distance in result.nodes], result.more
([('Río Cartel', 1), ('Aland High Court', 1), ('Bo Ríos', 1)], 4)
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from csn.graph.errors import CsnError
from csn.graph.model import Edge, Node
from csn.graph.store import EdgeFilter, GraphStore
from csn.queries.filters import edge_filter
from csn.queries.lookup import resolve

MAX_HOPS_LIMIT = 3  # the farthest any neighbourhood reaches: this listing and the network views


def check_hops(hops: int) -> int:
    """`hops` if it is from 1 to MAX_HOPS_LIMIT; raises CsnError otherwise."""
    if not 1 <= hops <= MAX_HOPS_LIMIT:
        raise CsnError(f"hops must be from 1 to {MAX_HOPS_LIMIT}, not {hops}")
    return hops


@dataclass(frozen=True)
class NeighbourhoodResult:
    """One page of the neighbourhood: nodes nearest first, the edges among them, and how many
    more nodes there are beyond the page."""

    centre: Node
    nodes: list[tuple[Node, int]]
    edges: list[Edge]
    total: int
    offset: int
    where: EdgeFilter

    @property
    def more(self) -> int:
        return max(0, self.total - self.offset - len(self.nodes))


def neighbourhood(
    store: GraphStore,
    entity: str,
    hops: int = 1,
    limit: int = 50,
    offset: int = 0,
    types: Iterable[str] | None = None,
    labels: Iterable[str] | None = None,
    min_status: str | None = None,
    as_of: str | None = None,
) -> NeighbourhoodResult:
    """Nodes within `hops` of the entity (not counting it), ordered by distance then id, `limit`
    from `offset`; the edges shown join nodes of the page or the centre.

    Raises NotFound or Ambiguous for a name, SchemaError for unknown names of types, labels or
    statuses, CsnError for bad bounds, QueryBoundExceeded past the time bound.
    """
    check_hops(hops)
    if limit < 1 or offset < 0:
        raise CsnError("limit must be at least 1 and offset at least 0")
    where = edge_filter(types, labels, min_status, as_of)
    centre = resolve(store, entity)
    found = store.neighbourhood(centre.id, hops, where)
    ranked = sorted((d, node_id) for node_id, d in found.distances.items() if node_id != centre.id)
    page = ranked[offset : offset + limit]
    nodes = store.nodes([node_id for _, node_id in page])
    shown = {centre.id} | set(nodes)
    edges = [e for e in store.edges(found.edge_ids).values() if e.from_id in shown and e.to_id in shown]
    return NeighbourhoodResult(
        centre=centre,
        nodes=[(nodes[node_id], d) for d, node_id in page],
        edges=sorted(edges, key=lambda e: e.id),
        total=len(ranked),
        offset=offset,
        where=where,
    )
