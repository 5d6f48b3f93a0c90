"""Turn nodes and edges into one self-contained, offline pyvis HTML page.

pyvis 0.3.2 as it comes is slow and leaky for analyst views: its add_node/add_edge loop scans
lists for every call, its default physics takes minutes to settle on a few thousand nodes, and
its page fetches Bootstrap from a CDN. So this module

- fills the pyvis Network in one pass from data (lists built by comprehension);
- lays the graph out up front (`csn.visualize.layout`), and above `PHYSICS_THRESHOLD` nodes turns
  physics off so the page draws at once; small views keep physics, pre-stabilised, for dragging;
- keeps at most `max_nodes` nodes, the most relevant (`csn.visualize.cap`), and says what it cut;
- renders our own template: vis-network inlined from pyvis's package, nothing fetched, names and
  sources passed as JSON data and shown as text, never as markup.

    write_view(view_of_trace(result), Path("trace.html"), title="Trace")
"""

from __future__ import annotations

import importlib.util
import json
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from markupsafe import Markup

from csn.graph.model import Edge, Node
from csn.graph.schema import SCHEMA

if TYPE_CHECKING:  # pyvis (with IPython), the layout's numpy and jinja2 load when a view is built
    import jinja2
    from pyvis.network import Network

TEMPLATES = Path(__file__).with_name("templates")
VIS_LIB = Path(str(importlib.util.find_spec("pyvis").origin)).parent / "lib" / "vis-9.1.2"  # type: ignore[union-attr]
PHYSICS_THRESHOLD = 250  # above this many nodes: precomputed layout only, physics off
DEFAULT_MAX_NODES = 1_500
EDGE_LABEL_LIMIT = 1_000  # above this many edges the type is in the tooltip only (faster drawing)
STABILISATION_STEPS = 150


@dataclass
class ViewGraph:
    """What a view shows: nodes, edges, and a reference line for each source the edges cite.

    `documents` holds the cited Source nodes where they are known (exports write them);
    `focus` names the nodes the view is about (kept first when a view is capped); `listings`
    says, for each node under sanctions or designated, by whom (see selection.mark_listings):
    those nodes are drawn with a red border.
    """

    nodes: dict[str, Node] = field(default_factory=dict)
    edges: dict[str, Edge] = field(default_factory=dict)
    sources: dict[str, str] = field(default_factory=dict)
    documents: dict[str, Node] = field(default_factory=dict)
    focus: tuple[str, ...] = ()
    listings: dict[str, list[str]] = field(default_factory=dict)


LISTED_BORDER = "#d62728"  # the border of a sanctioned or designated entity


def node_tooltip(node: Node, listings: list[str] | None = None) -> str:
    lines = [f"{node.name} ({node.label})"]
    if listings:
        lines.append("Listed: " + "; ".join(listings))
    if node.aliases:
        lines.append("Also: " + ", ".join(node.aliases))
    if node.properties.get("description"):
        lines.append(node.properties["description"])
    return "\n".join(lines)


def edge_tooltip(edge: Edge, nodes: dict[str, Node], sources: dict[str, str]) -> str:
    lines = [
        f"{nodes[edge.from_id].name} {edge.type} {nodes[edge.to_id].name}",
        f"Status: {edge.status}  ({edge.period})",
    ]
    for number, citation in enumerate(edge.citations, start=1):
        lines.append(f"[{number}] {sources.get(citation.source, citation.source)}")
        lines.append(f"    \u201c{citation.says}\u201d")
    return "\n".join(lines)


def _node_record(node: Node, xy: tuple[float, float], listings: list[str] | None = None) -> dict[str, Any]:
    label = SCHEMA.label(node.label)
    record = {
        "id": node.id,
        "label": node.name,
        "name": node.name,
        "group": node.label,
        "title": node_tooltip(node, listings),
        "color": label.colour,
        "shape": label.shape,
        "x": xy[0],
        "y": xy[1],
    }
    if listings:
        record.update(color={"background": label.colour, "border": LISTED_BORDER}, borderWidth=4, listed=True)
    return record


def _edge_record(edge: Edge, view: ViewGraph, labelled: bool) -> dict[str, Any]:
    status = SCHEMA.status(edge.status)
    record = {
        "id": edge.id,
        "from": edge.from_id,
        "to": edge.to_id,
        "status": edge.status,
        "title": edge_tooltip(edge, view.nodes, view.sources),
        "dashes": status.dashes,
        "width": 1 + status.rank / 4,
        "arrows": "to",
    }
    if labelled:
        record["label"] = edge.type
    return record


def network_options(node_count: int, physics_threshold: int = PHYSICS_THRESHOLD) -> dict[str, Any]:
    """vis-network options: physics (pre-stabilised) for small views, none above the threshold."""
    large = node_count > physics_threshold
    physics: dict[str, Any] = {"enabled": False}
    if not large:
        physics = {
            "enabled": True,
            "solver": "barnesHut",
            "barnesHut": {"gravitationalConstant": -6000, "springLength": 140, "avoidOverlap": 0.2},
            # Start from the precomputed layout, so a few steps settle it before the first draw.
            "stabilization": {"enabled": True, "iterations": STABILISATION_STEPS, "fit": True},
        }
    return {
        "physics": physics,
        "layout": {"improvedLayout": False},  # positions are given; vis's own pass is quadratic
        "edges": {"font": {"size": 9, "align": "middle"}, "color": {"color": "#777"}, "smooth": False},
        "nodes": {"font": {"size": 13}},
        "interaction": {
            "hover": True,
            "tooltipDelay": 120,
            "hideEdgesOnDrag": large,
            "hideEdgesOnZoom": large,
        },
    }


def build_network(view: ViewGraph, physics_threshold: int = PHYSICS_THRESHOLD) -> Network:
    """A pyvis Network filled in one pass: colours and shapes from the schema, edges by status.

    Layout time is part of this call (it is part of what a view costs to build).
    """
    from pyvis.network import Network

    from csn.visualize.layout import positions

    net = Network(directed=True, cdn_resources="in_line")
    node_ids = list(view.nodes)
    placed = positions(node_ids, ((e.from_id, e.to_id) for e in view.edges.values()))
    net.nodes = [_node_record(n, placed[n.id], view.listings.get(n.id)) for n in view.nodes.values()]
    net.node_ids = node_ids
    net.node_map = {n["id"]: n for n in net.nodes}
    labelled = len(view.edges) <= EDGE_LABEL_LIMIT
    net.edges = [_edge_record(edge, view, labelled) for edge in view.edges.values()]
    net.options = network_options(len(node_ids), physics_threshold)
    return net


def _json_for_script(value: object) -> Markup:
    """JSON that cannot close its <script> element or open a comment."""
    text = json.dumps(value, ensure_ascii=False, separators=(",", ":"))
    text = text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
    return Markup(text)


@cache
def _environment() -> jinja2.Environment:
    import jinja2  # when a page is written, not at every command's start

    return jinja2.Environment(
        loader=jinja2.FileSystemLoader(TEMPLATES), autoescape=True, undefined=jinja2.StrictUndefined
    )


@cache
def _vis_assets() -> tuple[Markup, Markup]:
    js = (VIS_LIB / "vis-network.min.js").read_text(encoding="utf-8")
    css = (VIS_LIB / "vis-network.css").read_text(encoding="utf-8")
    # The inlined library must not end our <script> early; pyvis's copy holds no "</script".
    if "</script" in js.lower():
        raise RuntimeError(f"{VIS_LIB} contains '</script' and cannot be inlined")
    return Markup(js), Markup(css)


def render_html(net: Network, title: str, caption: str, note: str = "") -> str:
    """The page for a built network; the legend lists only the labels and statuses shown."""
    nodes, edges, _, _, _, options = net.get_network_data()
    options = options if isinstance(options, dict) else json.loads(options)
    labels_shown = {n["group"] for n in nodes}
    statuses_shown = {e["status"] for e in edges if "status" in e}
    status_legend = [
        {"status": name, "style": _line_style(status.dashes), "description": status.description}
        for name, status in SCHEMA.evidence.items()
        if name in statuses_shown
    ]
    label_legend = [
        {"label": name, "colour": label.colour, "shape": label.shape, "description": label.description}
        for name, label in SCHEMA.labels.items()
        if name in labels_shown
    ]
    vis_js, vis_css = _vis_assets()
    return (
        _environment()
        .get_template("network.html")
        .render(
            title=title,
            caption=caption,
            note=note,
            counts=f"{len(nodes):,} nodes, {len(edges):,} edges",
            physics=bool(options["physics"]["enabled"]),
            names=sorted({n["name"] for n in nodes}),
            label_legend=label_legend,
            status_legend=status_legend,
            data_json=_json_for_script({"nodes": nodes, "edges": edges, "options": options}),
            vis_js=vis_js,
            vis_css=vis_css,
        )
    )


def _line_style(dashes: bool | list[int]) -> str:
    if dashes is False:
        return "solid"
    return "dotted" if isinstance(dashes, list) else "dashed"


def build_html(
    view: ViewGraph,
    title: str,
    caption: str = "",
    note: str = "",
    max_nodes: int = DEFAULT_MAX_NODES,
    physics_threshold: int = PHYSICS_THRESHOLD,
) -> str:
    """The whole page for a view: cap, layout, network and template (what the benchmark times)."""
    from csn.visualize.cap import cap_view  # cap imports ViewGraph from here

    shown, cut_note = cap_view(view, max_nodes)
    notes = " ".join(n for n in (note, cut_note) if n)
    return render_html(build_network(shown, physics_threshold), title, caption, notes)


def write_view(
    view: ViewGraph,
    path: Path,
    title: str,
    caption: str = "",
    note: str = "",
    max_nodes: int = DEFAULT_MAX_NODES,
    physics_threshold: int = PHYSICS_THRESHOLD,
) -> Path:
    """Write the view as one HTML file that needs nothing from the network; returns the path.

    At most `max_nodes` nodes are drawn (the most relevant; the page says what was cut).
    """
    html = build_html(view, title, caption, note, max_nodes, physics_threshold)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(html, encoding="utf-8")
    return path
