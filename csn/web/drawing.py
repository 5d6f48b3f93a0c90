"""The network view drawn inside a page: the same vis-network data the offline views hold
(csn.visualize.network_view), capped for a page, passed as JSON and drawn by static/network.js."""

from __future__ import annotations

import json
from typing import Any

from markupsafe import Markup

from csn.graph.store import GraphStore
from csn.visualize.cap import cap_view
from csn.visualize.network_view import ViewGraph, build_network
from csn.visualize.selection import mark_listings

PAGE_MAX_NODES = 300  # drawn in a page; the HTML export draws up to the views' own cap


def network_data(store: GraphStore, view: ViewGraph, max_nodes: int = PAGE_MAX_NODES) -> dict[str, Any]:
    """{"nodes", "edges", "options", "note"} for vis-network: the most relevant `max_nodes`
    nodes of the view, sanctioned and designated entities marked, and what was cut."""
    shown, note = cap_view(view, max_nodes) if view.nodes else (view, "")
    mark_listings(store, shown)
    nodes, edges, _, _, _, options = build_network(shown).get_network_data()
    options = options if isinstance(options, dict) else json.loads(options)
    return {"nodes": nodes, "edges": edges, "options": options, "note": note}


def json_for_script(value: object) -> Markup:
    """JSON for a <script type="application/json"> block: it cannot close the block or open a
    comment, and the browser never parses it as markup or runs it."""
    text = json.dumps(value, ensure_ascii=False, separators=(",", ":"))
    text = text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
    return Markup(text)


def warm_up_drawing() -> None:
    """Build a two-node view once, so that the first page drawn does not pay for importing pyvis
    and the layout's libraries."""
    from csn.graph.model import Citation, Edge, Node

    nodes = {"a": Node("a", "Person", "A"), "b": Node("b", "CriminalGroup", "B")}
    edge = Edge("e", "MEMBER_OF", "a", "b", "alleged", (Citation("s", "-"),))
    build_network(ViewGraph(nodes, {"e": edge}, {"s": "-"})).get_network_data()
