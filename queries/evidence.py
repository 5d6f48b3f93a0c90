"""Paths with their evidence: each hop's facts, each fact's sources, and the weakest link.

trace, connect, brokers and the corridor report all return paths in this form, built from the
raw paths a store finds (node ids and edge ids) by `explain_paths`.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import TYPE_CHECKING

from csn.graph.errors import CsnError
from csn.graph.model import Edge, Node
from csn.graph.schema import SCHEMA
from csn.graph.store import GraphStore, RawPath

if TYPE_CHECKING:  # pandas is imported in the functions that use it: it costs a second at start-up
    import pandas as pd


def citation(source: Node) -> str:
    """How every answer, page and report cites a source document: publisher, "title", date, url.

    >>> citation(Node("s1", "Source", "Annual report", {"publisher": "UNODC", "title": "Annual report",
    ...     "date": "2023-06", "url": "https://example.org/r"}))
    'UNODC, "Annual report", 2023-06, https://example.org/r'
    """
    p = source.properties
    return f'{p["publisher"]}, "{p["title"]}", {p["date"]}, {p["url"]}'


@dataclass(frozen=True)
class CitedSource:
    """A source as a hop cites it: the document and what it says about this fact."""

    id: str
    publisher: str
    title: str
    date: str
    url: str
    says: str

    @property
    def document(self) -> Node:
        """The Source node cited (its name is its title, as the loader makes it)."""
        properties = {"publisher": self.publisher, "title": self.title, "date": self.date, "url": self.url}
        return Node(self.id, SCHEMA.source_label, self.title, properties)

    def citation(self) -> str:
        return citation(self.document)


@dataclass(frozen=True)
class Fact:
    """One edge on a path, in the direction it is stated (not the direction walked), with sources."""

    edge: Edge
    from_node: Node
    to_node: Node
    sources: tuple[CitedSource, ...]

    @property
    def sentence(self) -> str:
        return f"{self.from_node.name} -[{self.edge.type}]-> {self.to_node.name}"


@dataclass(frozen=True)
class Hop:
    """A step between two nodes, backed by one or more facts (parallel edges), strongest first."""

    facts: tuple[Fact, ...]

    @property
    def status(self) -> str:
        return self.facts[0].edge.status


@dataclass(frozen=True)
class TracedPath:
    """A path in walking order: nodes[0] is the state actor, nodes[-1] the corridor."""

    nodes: tuple[Node, ...]
    hops: tuple[Hop, ...]

    @property
    def weakest(self) -> str:
        """The weakest hop's status: a path is as strong as its weakest hop."""
        return min((hop.status for hop in self.hops), key=SCHEMA.rank)

    @property
    def start(self) -> Node:
        return self.nodes[0]

    @property
    def corridor(self) -> Node:
        return self.nodes[-1]


Route = tuple[str, ...]


def group_by_route(store: GraphStore, raw_paths: list[RawPath]) -> dict[Route, list[list[Edge]]]:
    """Raw paths that visit the same nodes become one path whose hops list their parallel edges."""
    edges = store.edges({i for p in raw_paths for i in p.edge_ids})
    routes: dict[Route, list[dict[str, Edge]]] = {}
    for raw in raw_paths:
        hops = routes.setdefault(raw.node_ids, [{} for _ in raw.edge_ids])
        for hop, edge_id in zip(hops, raw.edge_ids, strict=True):
            hop[edge_id] = edges[edge_id]
    strongest_first = lambda e: (-SCHEMA.rank(e.status), e.id)  # noqa: E731
    return {
        route: [sorted(hop.values(), key=strongest_first) for hop in hops] for route, hops in routes.items()
    }


def strongest_first(route: Route, hops: list[list[Edge]]) -> tuple:
    """Sort key: strongest weakest link first, then fewer hops, then by ids for a stable order."""
    weakest = min(SCHEMA.rank(hop[0].status) for hop in hops)
    return (-weakest, len(hops), route)


def explain(store: GraphStore, routes: list[tuple[Route, list[list[Edge]]]]) -> list[TracedPath]:
    edges = [edge for _, hops in routes for hop in hops for edge in hop]
    node_ids = {i for route, _ in routes for i in route}
    source_ids = {c.source for e in edges for c in e.citations}
    nodes = store.nodes(node_ids | source_ids)
    paths = []
    for route, hops in routes:
        explained = tuple(
            Hop(
                tuple(
                    Fact(
                        edge,
                        nodes[edge.from_id],
                        nodes[edge.to_id],
                        tuple(cited(nodes[c.source], c.says) for c in edge.citations),
                    )
                    for edge in hop
                )
            )
            for hop in hops
        )
        paths.append(TracedPath(tuple(nodes[i] for i in route), explained))
    return paths


def cited(source: Node, says: str) -> CitedSource:
    p = source.properties
    return CitedSource(source.id, p["publisher"], p["title"], p["date"], p["url"], says)


def shortest_first(route: Route, hops: list[list[Edge]]) -> tuple:
    """Sort key: fewer hops first, then the strongest weakest link, then by ids."""
    weakest, length, ids = strongest_first(route, hops)
    return (length, weakest, ids)


def explain_paths(
    store: GraphStore, raw_paths: list[RawPath], order, limit: int
) -> tuple[list[TracedPath], int]:
    """Raw paths as explained paths, one per route, sorted by `order` and cut to `limit`;
    also returns how many routes there were in all."""
    routes = group_by_route(store, raw_paths)
    ordered = sorted(routes, key=lambda route: order(route, routes[route]))
    return explain(store, [(route, routes[route]) for route in ordered[:limit]]), len(routes)


def check_as_of(as_of: str | None) -> str | None:
    """`as_of` as YYYY-MM-DD; raises CsnError on anything else."""
    if as_of is None:
        return None
    try:
        return dt.date.fromisoformat(as_of).isoformat()
    except ValueError:
        raise CsnError(f"as-of date '{as_of}' is not a date (YYYY-MM-DD)") from None


FRAME_COLUMNS = [
    "path",
    "hop",
    "start",
    "end",
    "path_weakest",
    "from_id",
    "from",
    "type",
    "to_id",
    "to",
    "status",
    "valid_from",
    "valid_to",
    "sources",
    "says",
]


def paths_frame(paths: list[TracedPath]) -> pd.DataFrame:
    """One row per fact on each hop: path, hop, the fact, its evidence and its sources."""
    import pandas as pd

    rows = []
    for number, path in enumerate(paths, start=1):
        for step, hop in enumerate(path.hops, start=1):
            for fact in hop.facts:
                rows.append(
                    {
                        "path": number,
                        "hop": step,
                        "start": path.nodes[0].name,
                        "end": path.nodes[-1].name,
                        "path_weakest": path.weakest,
                        "from_id": fact.from_node.id,
                        "from": fact.from_node.name,
                        "type": fact.edge.type,
                        "to_id": fact.to_node.id,
                        "to": fact.to_node.name,
                        "status": fact.edge.status,
                        "valid_from": fact.edge.valid_from,
                        "valid_to": fact.edge.valid_to,
                        "sources": " | ".join(s.citation() for s in fact.sources),
                        "says": " | ".join(s.says for s in fact.sources),
                    }
                )
    return pd.DataFrame(rows, columns=FRAME_COLUMNS)
