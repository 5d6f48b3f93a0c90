"""What a view or an export shows: the whole graph or the neighbourhood of an entity, filtered.

Only GraphStore methods are used (all_nodes, all_edges, nodes, edges, neighbourhood, and
`resolve` for names), so selections work on every store. Filters are the queries' own EdgeFilter
(`csn.queries.filters.edge_filter` checks the names a user gives), said in words by
`csn.queries.filters.describe`.
"""

from __future__ import annotations

from collections.abc import Iterable

from csn.graph.model import Edge, Node
from csn.graph.schema import SCHEMA
from csn.graph.store import EdgeFilter, GraphStore
from csn.queries.evidence import citation
from csn.queries.filters import describe
from csn.queries.lookup import resolve
from csn.queries.neighbourhood import check_hops
from csn.visualize.network_view import ViewGraph

EVERYTHING = EdgeFilter()  # no filter: every type, status and date
PER_NODE_LIMIT = 500  # views up to this many nodes look their listings up node by node


def cited_documents(store: GraphStore, edges: Iterable[Edge]) -> dict[str, Node]:
    cited = {c.source for e in edges for c in e.citations}
    return store.nodes(cited)


def view_from(
    nodes: dict[str, Node], edges: dict[str, Edge], documents: dict[str, Node], focus: tuple[str, ...] = ()
) -> ViewGraph:
    sources = {i: citation(d) for i, d in documents.items()}
    return ViewGraph(nodes, edges, sources, documents, focus)


def mark_listings(store: GraphStore, view: ViewGraph) -> ViewGraph:
    """The view with `listings` filled: for each of its nodes under sanctions or designated (on the
    facts the view's own filter may have left out too), who listed it, under which programme."""
    found: dict[str, set[str]] = {}
    incident: Iterable[Edge]
    if len(view.nodes) <= PER_NODE_LIMIT:  # a small view asks for its nodes' facts, not every fact
        # Only nodes of a label that can be listed (not the authorities and their thousands of
        # listings) are asked.
        listable = {label for t in SCHEMA.listing_types for label in SCHEMA.relationship(t).from_labels}
        asked = [i for i, n in view.nodes.items() if n.label in listable]
        incident = (e for node_id in asked for e in store.edges_of(node_id))
    else:
        incident = store.all_edges()
    listings = [e for e in incident if e.type in SCHEMA.listing_types and e.from_id in view.nodes]
    authorities = {i: n.name for i, n in store.nodes({e.to_id for e in listings}).items()}
    for edge in listings:
        reference = edge.properties.get("reference") or edge.properties.get("program")
        details = [d for d in (reference, edge.period if edge.valid_from or edge.valid_to else None) if d]
        said = authorities[edge.to_id] + (f" ({', '.join(details)})" if details else "")
        found.setdefault(edge.from_id, set()).add(said)
    view.listings = {i: sorted(s) for i, s in found.items()}
    return view


def whole_graph(store: GraphStore, where: EdgeFilter = EVERYTHING) -> ViewGraph:
    """Every entity and every fact the filter allows (its types, status and date).

    Source documents are not drawn as nodes: they are cited in tooltips and kept in `documents`
    (all of them unfiltered, the cited ones filtered) for exports. With a filter on, entities
    left without any fact are left out too, so that `--as-of 2010-01-01` shows the network of
    2010, not every entity ever recorded.
    """
    source_label = SCHEMA.source_label
    edges = {e.id: e for e in store.all_edges() if where.allows(e)}
    touched = {e.from_id for e in edges.values()} | {e.to_id for e in edges.values()}
    nodes: dict[str, Node] = {}
    documents: dict[str, Node] = {}
    for node in store.all_nodes():
        if node.label == source_label:
            documents[node.id] = node
        elif not where.active or node.id in touched:
            nodes[node.id] = node
    if where.active:  # unfiltered, every document is kept (an export then holds every node)
        documents = cited_documents(store, edges.values())
    return view_from(nodes, edges, documents)


def neighbourhood(
    store: GraphStore, name_or_id: str, hops: int = 1, where: EdgeFilter = EVERYTHING
) -> ViewGraph:
    """The entity `name_or_id` and everything within `hops` facts of it that the filter allows.

    Every fact among the nodes reached is shown, not only those on the way out, so ties between
    two neighbours are visible. Raises NotFound or Ambiguous for the name, CsnError for hops
    outside 1..queries.neighbourhood.MAX_HOPS_LIMIT.
    """
    check_hops(hops)
    centre = resolve(store, name_or_id)
    found = store.neighbourhood(centre.id, hops, where)
    nodes = store.nodes(found.distances)
    edges = store.edges(found.edge_ids)
    return view_from(nodes, edges, cited_documents(store, edges.values()), focus=(centre.id,))


def view_caption(what: str, view: ViewGraph, where: EdgeFilter) -> str:
    """'<what>: N entities, M facts; <the filter in words>.' for the page's caption."""
    return f"{what}: {len(view.nodes):,} entities, {len(view.edges):,} facts; {describe(where)}."
