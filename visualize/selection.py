"""What a view or an export shows: the whole graph or the neighbourhood of an entity, filtered.

Only GraphStore methods are used (all_nodes, all_edges, edges_of, nodes, and `resolve` for
names), so selections work on every store.

>>> view = neighbourhood(store, "Daniel Ortega", hops=1, filters=Filters(min_status="charged"))  # doctest: +SKIP
>>> filters.describe()                                                                       # doctest: +SKIP
'as of 2024-01-01 (only facts that held that day); minimum status charged'
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from graph.errors import CsnError
from graph.model import Edge, Node
from graph.schema import SCHEMA
from graph.store import EdgeFilter, GraphStore
from queries.lookup import resolve
from queries.trace import check_as_of
from visualize.network_view import ViewGraph, citation_line

MAX_AROUND_HOPS = 6


@dataclass(frozen=True)
class Filters:
    """Which facts a selection keeps: those that held on `as_of` and are at least `min_status`."""

    as_of: str | None = None
    min_status: str | None = None

    def __post_init__(self) -> None:
        # Fail early and clearly: a bad date is a CsnError, an unknown status a SchemaError.
        object.__setattr__(self, "as_of", check_as_of(self.as_of))
        if self.min_status is not None:
            SCHEMA.status(self.min_status)

    @property
    def active(self) -> bool:
        return self.as_of is not None or self.min_status is not None

    def passes(self, edge: Edge) -> bool:
        strong = self.min_status is None or SCHEMA.rank(edge.status) >= SCHEMA.rank(self.min_status)
        return strong and edge.holds_on(self.as_of)

    def describe(self) -> str:
        """The filters in words, for captions: every view says which facts it leaves out."""
        when = f"as of {self.as_of} (only facts that held that day)" if self.as_of else "all dates"
        how = f"minimum status {self.min_status}" if self.min_status else "every evidence status"
        return f"{when}; {how}"


def cited_documents(store: GraphStore, edges: Iterable[Edge]) -> dict[str, Node]:
    cited = {c.source for e in edges for c in e.citations}
    return store.nodes(cited)


def view_from(
    nodes: dict[str, Node], edges: dict[str, Edge], documents: dict[str, Node], focus: tuple[str, ...] = ()
) -> ViewGraph:
    sources = {i: citation_line(d) for i, d in documents.items()}
    return ViewGraph(nodes, edges, sources, documents, focus)


def whole_graph(store: GraphStore, filters: Filters = Filters()) -> ViewGraph:
    """Every entity and every fact that passes the filters.

    Source documents are not drawn as nodes: they are cited in tooltips and kept in
    `documents` (all of them unfiltered, the cited ones filtered) for exports. With filters on, entities left without any fact are left out too, so that
    `--as-of 2010-01-01` shows the network of 2010, not every entity ever recorded.
    """
    source_label = SCHEMA.source_label
    edges = {e.id: e for e in store.all_edges() if filters.passes(e)}
    touched = {e.from_id for e in edges.values()} | {e.to_id for e in edges.values()}
    nodes: dict[str, Node] = {}
    documents: dict[str, Node] = {}
    for node in store.all_nodes():
        if node.label == source_label:
            documents[node.id] = node
        elif not filters.active or node.id in touched:
            nodes[node.id] = node
    if filters.active:  # unfiltered, every document is kept (an export then holds every node)
        documents = cited_documents(store, edges.values())
    return view_from(nodes, edges, documents)


def neighbourhood(
    store: GraphStore, name_or_id: str, hops: int = 1, filters: Filters = Filters()
) -> ViewGraph:
    """The entity `name_or_id` and everything within `hops` facts of it that pass the filters.

    Every fact among the nodes reached is shown, not only those on the way out, so ties between
    two neighbours are visible. Raises NotFound or Ambiguous for the name, CsnError for hops
    outside 1..MAX_AROUND_HOPS.
    """
    if not 1 <= hops <= MAX_AROUND_HOPS:
        raise CsnError(f"hops must be from 1 to {MAX_AROUND_HOPS}, not {hops}")
    centre = resolve(store, name_or_id)
    where = EdgeFilter(
        min_rank=SCHEMA.rank(filters.min_status) if filters.min_status else 0, as_of=filters.as_of
    )
    found = store.neighbourhood(centre.id, hops, where)
    nodes = store.nodes(found.distances)
    edges = store.edges(found.edge_ids)
    return view_from(nodes, edges, cited_documents(store, edges.values()), focus=(centre.id,))


def view_caption(what: str, view: ViewGraph, filters: Filters) -> str:
    """'<what>: N entities, M facts; as of ...; minimum status ...' for the page's caption."""
    return f"{what}: {len(view.nodes):,} entities, {len(view.edges):,} facts; {filters.describe()}."
