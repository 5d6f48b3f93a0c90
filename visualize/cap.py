"""Keep a view to a size a browser can draw and a person can read: the most relevant nodes first.

Relevance, in order:
1. the nodes the view is about (`ViewGraph.focus`: the entity of `--around`, the ends of traced
   paths) are always kept;
2. then nodes nearer the focus (fewer hops) before farther ones;
3. then nodes with more and better-evidenced facts: the sum of the evidence ranks of their edges
   (a conviction counts 8, a rumour 1), so a well-sourced hub beats a rumoured leaf;
4. then by id, so the same input always keeps the same nodes.
Edges are kept when both their ends are kept.

>>> from csn.visualize.selection import whole_graph
>>> shown, note = cap_view(whole_graph(store), max_nodes=2)
>>> list(shown.nodes)
['minister', 'cartel']
>>> note
'Showing the 2 most relevant of 12 nodes (most facts weighted by evidence). Cut 10 nodes ...'
"""

from __future__ import annotations

from collections import Counter, defaultdict, deque

from csn.graph.schema import SCHEMA
from csn.visualize.network_view import ViewGraph

UNREACHED = 1_000_000  # the hop distance of nodes not connected to the focus


def relevance_order(view: ViewGraph) -> list[str]:
    """Node ids, most relevant first (see the module docstring for the rule)."""
    weight: Counter[str] = Counter()
    neighbours: dict[str, set[str]] = defaultdict(set)
    for edge in view.edges.values():
        rank = SCHEMA.rank(edge.status)
        weight[edge.from_id] += rank
        weight[edge.to_id] += rank
        neighbours[edge.from_id].add(edge.to_id)
        neighbours[edge.to_id].add(edge.from_id)
    distance = _hops_from(view.focus, neighbours, view.nodes)
    return sorted(view.nodes, key=lambda n: (distance.get(n, UNREACHED), -weight[n], n))


def _hops_from(focus: tuple[str, ...], neighbours: dict[str, set[str]], nodes: dict) -> dict[str, int]:
    """Breadth-first hop counts from the focus nodes (empty when there is no focus)."""
    distance = {n: 0 for n in focus if n in nodes}
    queue = deque(distance)
    while queue:
        here = queue.popleft()
        for there in neighbours[here]:
            if there not in distance:
                distance[there] = distance[here] + 1
                queue.append(there)
    return distance


def cap_view(view: ViewGraph, max_nodes: int) -> tuple[ViewGraph, str]:
    """The view cut to its `max_nodes` most relevant nodes, and a note saying what was cut.

    Returns the view itself and an empty note when it is small enough. Raises ValueError for a
    cap below 1.
    """
    if max_nodes < 1:
        raise ValueError(f"max nodes must be at least 1, not {max_nodes}")
    if len(view.nodes) <= max_nodes:
        return view, ""
    keep = set(relevance_order(view)[:max_nodes])
    nodes = {i: n for i, n in view.nodes.items() if i in keep}
    edges = {i: e for i, e in view.edges.items() if e.from_id in keep and e.to_id in keep}
    cited = {c.source for e in edges.values() for c in e.citations}
    shown = ViewGraph(
        nodes=nodes,
        edges=edges,
        sources={i: s for i, s in view.sources.items() if i in cited},
        documents={i: d for i, d in view.documents.items() if i in cited},
        focus=tuple(f for f in view.focus if f in keep),
        listings={i: listed for i, listed in view.listings.items() if i in keep},
    )
    return shown, cut_note(view, shown)


def cut_note(full: ViewGraph, shown: ViewGraph) -> str:
    """One sentence on what a capped view leaves out, by label, for the page's header."""
    cut = Counter(n.label for i, n in full.nodes.items() if i not in shown.nodes)
    by_label = ", ".join(f"{label} {count:,}" for label, count in cut.most_common())
    basis = "nearest the focus, then " if full.focus else ""
    return (
        f"Showing the {len(shown.nodes):,} most relevant of {len(full.nodes):,} nodes "
        f"({basis}most facts weighted by evidence). Cut {sum(cut.values()):,} nodes ({by_label}) "
        f"and {len(full.edges) - len(shown.edges):,} edges; raise --max-nodes to see more."
    )
