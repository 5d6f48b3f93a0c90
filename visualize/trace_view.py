"""A network view of trace results: every node and fact on the traced paths."""

from __future__ import annotations

from csn.queries.trace import TracedPath, TraceResult
from csn.visualize.network_view import ViewGraph


def view_of_trace(result: TraceResult) -> ViewGraph:
    """The union of the traced paths, with the sources their hops cite.

    The focus (kept first if the view is capped) is every path's state actor and corridor.
    """
    return view_of_paths(result.paths)


def view_of_paths(paths: list[TracedPath]) -> ViewGraph:
    """The union of any explained paths (trace, connect, brokers, corridor), with their sources;
    the ends of the paths are the focus."""
    view = ViewGraph()
    focus: dict[str, None] = {}
    for path in paths:
        focus[path.nodes[0].id] = None
        focus[path.nodes[-1].id] = None
        for node in path.nodes:
            view.nodes[node.id] = node
        for fact in (fact for hop in path.hops for fact in hop.facts):
            view.edges[fact.edge.id] = fact.edge
            for source in fact.sources:
                view.sources[source.id] = source.citation()
                view.documents[source.id] = source.document
    view.focus = tuple(focus)
    return view


def trace_caption(result: TraceResult, filters: dict[str, str | None]) -> str:
    """What the view shows and under which filters, for the page's caption."""
    shown = ", ".join(f"{k} {v}" for k, v in filters.items() if v) or "no filters"
    as_of = result.query.as_of
    when = f"as of {as_of} (only facts that held that day)" if as_of else "as of all dates"
    more = " (more paths exist; raise --limit)" if result.truncated else ""
    return f"{len(result.paths)} paths from state actors to migration corridors{more}; {when}; {shown}."
