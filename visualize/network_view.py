"""Turn nodes and edges into one self-contained, offline pyvis HTML page.

The network is built in one pass from data (pyvis's add_node/add_edge loop is slow on large
graphs), laid out up front with networkx so the page draws at once with physics off, and written
with our own template: vis-network is inlined from pyvis's package, nothing is fetched from a CDN,
and names and sources are data (JSON and escaped text), never markup.

>>> write_view(view_of_trace(result), Path("trace.html"), title="Trace")   # doctest: +SKIP
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

import jinja2
import networkx as nx
import pyvis
from markupsafe import Markup
from pyvis.network import Network

from graph.model import Edge, Node
from graph.schema import SCHEMA

TEMPLATES = Path(__file__).with_name("templates")
VIS_LIB = Path(pyvis.__file__).parent / "lib" / "vis-9.1.2"
PIXELS_PER_NODE = 110  # layout spread grows with the square root of the node count


@dataclass
class ViewGraph:
    """What a view shows: nodes, edges, and a reference line for each source the edges cite."""

    nodes: dict[str, Node] = field(default_factory=dict)
    edges: dict[str, Edge] = field(default_factory=dict)
    sources: dict[str, str] = field(default_factory=dict)


def node_tooltip(node: Node) -> str:
    lines = [f"{node.name} ({node.label})"]
    if node.aliases:
        lines.append("Also: " + ", ".join(node.aliases))
    if node.properties.get("description"):
        lines.append(node.properties["description"])
    return "\n".join(lines)


def edge_tooltip(edge: Edge, nodes: dict[str, Node], sources: dict[str, str]) -> str:
    when = " to ".join(d for d in (edge.valid_from, edge.valid_to) if d)
    lines = [
        f"{nodes[edge.from_id].name} {edge.type} {nodes[edge.to_id].name}",
        f"Status: {edge.status}" + (f"  ({when})" if when else ""),
    ]
    for number, citation in enumerate(edge.citations, start=1):
        lines.append(f"[{number}] {sources.get(citation.source, citation.source)}")
        lines.append(f"    \u201c{citation.says}\u201d")
    return "\n".join(lines)


def layout(view: ViewGraph) -> dict[str, tuple[float, float]]:
    """Positions computed once in Python, so the browser does not have to simulate physics."""
    graph = nx.Graph()
    graph.add_nodes_from(view.nodes)
    graph.add_edges_from((e.from_id, e.to_id) for e in view.edges.values())
    if graph.number_of_nodes() == 0:
        return {}
    count = graph.number_of_nodes()
    positions = nx.spring_layout(graph, seed=7, k=2 / count**0.5)
    scale = max(250.0, PIXELS_PER_NODE * count**0.5)
    return {n: (float(x) * scale, float(y) * scale) for n, (x, y) in positions.items()}


def build_network(view: ViewGraph) -> Network:
    """A pyvis Network filled in one pass: colours and shapes from the schema, edges by status."""
    net = Network(directed=True, cdn_resources="in_line")
    positions = layout(view)
    net.nodes = []
    for node in view.nodes.values():
        label = SCHEMA.label(node.label)
        x, y = positions[node.id]
        net.nodes.append(
            {
                "id": node.id,
                "label": node.name,
                "name": node.name,
                "group": node.label,
                "title": node_tooltip(node),
                "color": label.colour,
                "shape": label.shape,
                "x": x,
                "y": y,
            }
        )
    net.node_ids = list(view.nodes)
    net.node_map = {n["id"]: n for n in net.nodes}
    net.edges = [
        {
            "id": edge.id,
            "from": edge.from_id,
            "to": edge.to_id,
            "label": edge.type,
            "title": edge_tooltip(edge, view.nodes, view.sources),
            "dashes": SCHEMA.status(edge.status).dashes,
            "width": 1 + SCHEMA.rank(edge.status) / 4,
            "arrows": "to",
        }
        for edge in view.edges.values()
    ]
    net.options = {
        "physics": {"enabled": False},
        "edges": {"font": {"size": 9, "align": "middle"}, "color": {"color": "#777"}, "smooth": False},
        "nodes": {"font": {"size": 13}},
        "interaction": {"hover": True, "tooltipDelay": 120},
    }
    return net


def _json_for_script(value: object) -> Markup:
    """JSON that cannot close its <script> element or open a comment."""
    text = json.dumps(value, ensure_ascii=False)
    text = text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
    return Markup(text)


def render_html(net: Network, title: str, caption: str, note: str = "") -> str:
    environment = jinja2.Environment(
        loader=jinja2.FileSystemLoader(TEMPLATES), autoescape=True, undefined=jinja2.StrictUndefined
    )
    nodes, edges, _, _, _, options = net.get_network_data()
    present = {n["group"] for n in nodes}
    status_legend = [
        {"status": name, "style": _line_style(status.dashes)} for name, status in SCHEMA.evidence.items()
    ]
    label_legend = [
        {"label": name, "colour": label.colour, "shape": label.shape}
        for name, label in SCHEMA.labels.items()
        if name in present
    ]
    return environment.get_template("network.html").render(
        title=title,
        caption=caption,
        note=note,
        names=sorted({n["name"] for n in nodes}),
        label_legend=label_legend,
        status_legend=status_legend,
        data_json=_json_for_script({"nodes": nodes, "edges": edges, "options": json.loads(options)}),
        vis_js=Markup((VIS_LIB / "vis-network.min.js").read_text(encoding="utf-8")),
        vis_css=Markup((VIS_LIB / "vis-network.css").read_text(encoding="utf-8")),
    )


def _line_style(dashes: bool | list[int]) -> str:
    if dashes is False:
        return "solid"
    return "dotted" if isinstance(dashes, list) else "dashed"


def write_view(view: ViewGraph, path: Path, title: str, caption: str = "", note: str = "") -> Path:
    """Write the view as one HTML file that needs nothing from the network; returns the path."""
    html = render_html(build_network(view), title, caption, note)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(html, encoding="utf-8")
    return path
