"""The interface both stores implement, and the path rules they both follow.

Queries are written against `GraphStore` only, so they run unchanged on the in-memory store and on
Neo4j. Path search is part of the interface (not done in Python over pulled data) so that Neo4j
can answer it in the database.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from typing import Protocol

from csn.graph.model import Edge, Node, Record
from csn.graph.schema import SCHEMA


@dataclass(frozen=True)
class PathQuery:
    """Paths from state actors through criminal or smuggling groups to migration corridors.

    A path:
    - starts at a state actor: a node whose label has role `state`, or a Person with a HOLDS_OFFICE
      edge that passes the filters below; `start_ids` narrows the starts;
    - walks edges whose category is traced `always`, in either direction, and edges traced `last`
      only as the hop that reaches the corridor;
    - uses only edges whose status ranks at least `min_rank` and that hold on `as_of`;
    - visits no node twice, no other state actor and no other corridor;
    - passes through at least one node whose label has role `criminal`;
    - ends at a node whose label has role `corridor` (one of `end_ids`, if given);
    - has at most `max_hops` edges.
    A store stops after `max_paths` paths and says so with `truncated`.
    """

    start_ids: tuple[str, ...] | None = None
    end_ids: tuple[str, ...] | None = None
    min_rank: int = 0
    as_of: str | None = None
    max_hops: int = 6
    max_paths: int = 10_000


@dataclass(frozen=True)
class EdgeFilter:
    """Which edges and nodes a search may use.

    An edge is usable if its type is in `types` (every type when None), its status ranks at least
    `min_rank` and it holds on `as_of`. A node other than the search's own ends is usable if its
    label is in `labels` (every label when None).
    """

    types: tuple[str, ...] | None = None
    labels: tuple[str, ...] | None = None
    min_rank: int = 0
    as_of: str | None = None

    def allows(self, edge: Edge) -> bool:
        """Whether a search may use this edge (its type, rank and dates; not its ends' labels)."""
        return (self.types is None or edge.type in self.types) and passes(edge, self)

    @property
    def active(self) -> bool:
        """Whether the filter leaves anything out."""
        return self != EdgeFilter()


@dataclass(frozen=True)
class Neighbourhood:
    """The nodes within some hops of a centre, with their distance, and the edges walked."""

    distances: dict[str, int]
    edge_ids: tuple[str, ...]


def passes(edge: Edge, query: PathQuery | EdgeFilter) -> bool:
    """Whether an edge is strong enough and held on the query's date."""
    return SCHEMA.rank(edge.status) >= query.min_rank and edge.holds_on(query.as_of)


def is_state_actor(node: Node, incident: Iterable[Edge], query: PathQuery | EdgeFilter) -> bool:
    """A node of a state label, or the holder of an office edge that passes the query's filters."""
    if node.label in SCHEMA.labels_with_role("state"):
        return True
    offices = SCHEMA.office_types
    return any(e.type in offices and e.from_id == node.id and passes(e, query) for e in incident)


@dataclass(frozen=True)
class RawPath:
    """A path as node ids and the edge ids between them, in walking order."""

    node_ids: tuple[str, ...]
    edge_ids: tuple[str, ...]


@dataclass(frozen=True)
class PathResult:
    paths: list[RawPath]
    truncated: bool


def unknown_ends_message(edge_ids: list[str]) -> str:
    """What both stores say when edges join nodes that neither the store nor the write holds."""
    shown = sorted(edge_ids)
    more = f" and {len(shown) - 5} more" if len(shown) > 5 else ""
    return f"edges join unknown nodes, so nothing was written: {', '.join(shown[:5])}{more}"


class GraphStore(Protocol):
    """What every store offers. Methods raise NotFound for unknown ids."""

    def write(
        self,
        records: Iterable[Record],
        batch_size: int = 10_000,
        on_batch: Callable[[int], None] | None = None,
    ) -> None:
        """Add or replace nodes and edges by id; writing the same records twice changes nothing.

        Raises NotFound, before writing anything, if an edge joins a node that is neither in the
        store nor in `records`. `on_batch(n)` is called as each batch of n records is written.
        """

    def clear(self) -> None:
        """Remove every node and edge."""

    def counts(self) -> tuple[int, int]:
        """(number of nodes, number of edges)."""

    def node(self, node_id: str) -> Node:
        """The node with this id."""

    def nodes(self, node_ids: Iterable[str]) -> dict[str, Node]:
        """The nodes with these ids that exist, by id."""

    def all_nodes(self) -> Iterator[Node]:
        """Every node, sources included."""

    def all_edges(self) -> Iterator[Edge]:
        """Every edge."""

    def edges(self, edge_ids: Iterable[str]) -> dict[str, Edge]:
        """The edges with these ids that exist, by id."""

    def edges_of(self, node_id: str) -> list[Edge]:
        """Every edge into or out of the node, ordered by id."""

    def find_by_key(self, key: str) -> list[Node]:
        """Nodes whose normalised name or alias equals `key` (see model.normalise_name)."""

    def find_containing(self, text: str, limit: int = 20) -> list[Node]:
        """Nodes other than sources with a normalised name or alias containing `text`, ordered by
        id: the first `limit`."""

    def names(self) -> list[tuple[str, str]]:
        """(id, name) of every node except sources: the vocabulary for 'did you mean'."""

    def find_paths(self, query: PathQuery) -> PathResult:
        """Paths as PathQuery describes, in no particular order."""

    def state_actor_ids(self, where: EdgeFilter) -> list[str]:
        """Ids of the state actors under the filter's rank and date (see is_state_actor), sorted."""

    def ids_with_labels(self, labels: Iterable[str]) -> list[str]:
        """Ids of the nodes with one of these labels, sorted."""

    def connect_paths(
        self, a: str, b: str, where: EdgeFilter, max_hops: int, groups: int, max_paths: int
    ) -> PathResult:
        """Simple paths between two nodes, either direction, by length: every path of the shortest
        length, then of the next length that has any, up to `groups` lengths and `max_hops`."""

    def neighbourhood(self, centre: str, hops: int, where: EdgeFilter) -> Neighbourhood:
        """Nodes reachable in at most `hops` usable edges (either direction), with their distance,
        and every usable edge from a node nearer than `hops` to a node of the neighbourhood."""

    def shortest_between(
        self, sources: Iterable[str], targets: Iterable[str], where: EdgeFilter, max_hops: int
    ) -> list[RawPath]:
        """For each source and target (not the same node), every shortest simple path between
        them of at most `max_hops` usable edges, either direction (`where.labels` is ignored)."""

    def close(self) -> None:
        """Release connections."""
