"""A network view of trace results: every node and fact on the traced paths."""

from __future__ import annotations

from queries.trace import TraceResult
from visualize.network_view import ViewGraph


def view_of_trace(result: TraceResult) -> ViewGraph:
    """The union of the traced paths, with the sources their hops cite."""
    view = ViewGraph()
    for path in result.paths:
        for node in path.nodes:
            view.nodes[node.id] = node
        for fact in (fact for hop in path.hops for fact in hop.facts):
            view.edges[fact.edge.id] = fact.edge
            for source in fact.sources:
                view.sources[source.id] = source.citation()
    return view


def trace_caption(result: TraceResult, filters: dict[str, str | None]) -> str:
    """What the view shows and under which filters, for the page's caption."""
    shown = ", ".join(f"{k} {v}" for k, v in filters.items() if v) or "no filters"
    as_of = result.query.as_of or "all dates"
    return f"{len(result.paths)} paths from state actors to migration corridors; as of {as_of}; {shown}."
