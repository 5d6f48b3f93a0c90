"""Write a view (any query result or the whole graph) for Gephi, Cytoscape and spreadsheets.

Formats: GraphML and GEXF (Gephi, yEd, Cytoscape), CSV (a nodes file and an edges file) and JSON
(Cytoscape.js `elements`, which Cytoscape desktop imports). Source documents cited by the edges
are written as nodes of type Source, so nothing the graph knows about a fact is lost.

networkx's GraphML and GEXF writers refuse lists and None, so values are made writable by one
declared convention, the same in every format:

- every node has `name` and `type` (its schema label, e.g. Person) and its own properties; every
  edge has `id`, `relationship` (e.g. COLLUDES_WITH), `status`, `valid_from`, `valid_to`, its own
  properties, and its citations as the parallel lists `sources` (source ids) and `says` (what each
  source says), as `Edge.to_properties` keeps them;
- a list (`aliases`, `sources`, `says`) is a JSON array in a string: '["JOH", "Juan Orlando"]'
  (in JSON output it stays a list); `LIST_ATTRIBUTES` names them;
- a missing value (None, e.g. no valid_to) is left out: the attribute is absent in GraphML, GEXF
  and JSON, an empty cell in CSV;
- numbers keep their schema kind: whole numbers as int, numbers and fractions as float;
- GEXF only: `label` repeats the node's name and the edge's relationship, and `viz` carries the
  schema colour, because Gephi shows those.

`decode_node` and `decode_edge` turn attributes read back into the original records:

    graph = nx.read_graphml("graph.graphml", force_multigraph=True)
    decode_node("jovenel-moise", graph.nodes["jovenel-moise"])
    # Node(id='jovenel-moise', label='Person', name='Jovenel Moïse', ...)
"""

from __future__ import annotations

import csv
import json
from pathlib import Path
from typing import Any

import networkx as nx

from csn.graph.model import Edge, Node
from csn.graph.schema import SCHEMA
from csn.visualize.network_view import ViewGraph
from csn.visualize.spreadsheet import spreadsheet_cell

FORMATS = ("graphml", "gexf", "csv", "json")
LIST_ATTRIBUTES = (
    *(name for name, p in SCHEMA.node_properties.items() if p.kind == "list"),
    "sources",
    "says",
)
NODE_HEAD = ("id", "type", "name")
EDGE_HEAD = ("id", "from", "to", "relationship", "status", "valid_from", "valid_to")


def _writable(value: Any, kind: str | None, keep_lists: bool) -> Any:
    if isinstance(value, (list, tuple)):
        return list(value) if keep_lists else json.dumps(list(value), ensure_ascii=False)
    if kind in ("number", "fraction") and isinstance(value, int):
        return float(value)
    return value


def node_attributes(node: Node, keep_lists: bool = False) -> dict[str, Any]:
    """A node's attributes under the module's convention (no id: it is the node's key)."""
    attrs: dict[str, Any] = {"type": node.label, "name": node.name}
    declared = SCHEMA.node_properties_of(node.label)
    for name, value in node.properties.items():
        if value is None:
            continue
        prop = declared.get(name)
        attrs[name] = _writable(value, prop.kind if prop else None, keep_lists)
    return attrs


def edge_attributes(edge: Edge, keep_lists: bool = False) -> dict[str, Any]:
    """An edge's attributes under the module's convention (its ends are the edge's endpoints)."""
    attrs: dict[str, Any] = {"relationship": edge.type}
    declared = SCHEMA.edge_properties_of(edge.type)
    for name, value in edge.to_properties().items():
        if value is None:
            continue
        prop = declared.get(name)
        attrs[name] = _writable(value, prop.kind if prop else None, keep_lists)
    return attrs


def _all_nodes(view: ViewGraph) -> dict[str, Node]:
    return {**view.nodes, **{i: d for i, d in view.documents.items() if i not in view.nodes}}


def to_networkx(view: ViewGraph, gexf: bool = False) -> nx.MultiDiGraph:
    """The view (with its source documents) as a MultiDiGraph of writable attributes.

    Nodes are keyed by id and edges by edge id, so parallel facts stay apart.
    """
    graph = nx.MultiDiGraph(list_attributes=",".join(LIST_ATTRIBUTES), lists_as="JSON arrays")
    for node in _all_nodes(view).values():
        attrs = node_attributes(node)
        if gexf:
            attrs["label"] = node.name
            attrs["viz"] = {"color": _rgb(SCHEMA.label(node.label).colour)}
        graph.add_node(node.id, **attrs)
    for edge in view.edges.values():
        attrs = edge_attributes(edge)
        if gexf:
            attrs["label"] = edge.type
        graph.add_edge(edge.from_id, edge.to_id, key=edge.id, **attrs)
    return graph


def _rgb(colour: str) -> dict[str, float]:
    value = colour.lstrip("#")
    r, g, b = (int(value[i : i + 2], 16) for i in (0, 2, 4))
    return {"r": r, "g": g, "b": b, "a": 1.0}


def decode_node(node_id: str, attrs: dict[str, Any]) -> Node:
    """The Node that a node's exported attributes came from (inverse of node_attributes)."""
    skip = {"type", "name", "label", "viz", "id"}
    properties = {k: _decoded(k, v) for k, v in attrs.items() if k not in skip}
    return Node(node_id, attrs["type"], attrs["name"], properties)


def decode_edge(from_id: str, to_id: str, attrs: dict[str, Any]) -> Edge:
    """The Edge that an edge's exported attributes came from (inverse of edge_attributes)."""
    skip = {"relationship", "label"}
    properties = {k: _decoded(k, v) for k, v in attrs.items() if k not in skip}
    return Edge.from_properties(attrs["relationship"], from_id, to_id, properties)


def _decoded(name: str, value: Any) -> Any:
    return json.loads(value) if name in LIST_ATTRIBUTES and isinstance(value, str) else value


def write_graphml(view: ViewGraph, path: Path) -> list[Path]:
    nx.write_graphml(to_networkx(view), path, encoding="utf-8", named_key_ids=True)
    return [path]


def write_gexf(view: ViewGraph, path: Path) -> list[Path]:
    nx.write_gexf(to_networkx(view, gexf=True), path, encoding="utf-8")
    return [path]


def write_csv(view: ViewGraph, path: Path) -> list[Path]:
    """Two files beside `path`: NAME.nodes.csv and NAME.edges.csv (Cytoscape's table import)."""
    stem = path.with_suffix("")
    nodes_path, edges_path = Path(f"{stem}.nodes.csv"), Path(f"{stem}.edges.csv")
    node_rows = [{"id": n.id, **node_attributes(n)} for n in _all_nodes(view).values()]
    edge_rows = []
    for edge in view.edges.values():
        attrs = edge_attributes(edge)
        edge_rows.append({"id": edge.id, "from": edge.from_id, "to": edge.to_id, **attrs})
    _write_rows(nodes_path, NODE_HEAD, node_rows)
    _write_rows(edges_path, EDGE_HEAD, edge_rows)
    return [nodes_path, edges_path]


def _write_rows(path: Path, head: tuple[str, ...], rows: list[dict[str, Any]]) -> None:
    rest = sorted({k for row in rows for k in row} - set(head) - {"sources", "says"})
    tail = [c for c in ("sources", "says") if any(c in row for row in rows)]
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=[*head, *rest, *tail], restval="")
        writer.writeheader()
        writer.writerows({key: spreadsheet_cell(value) for key, value in row.items()} for row in rows)


def write_json(view: ViewGraph, path: Path) -> list[Path]:
    """Cytoscape.js elements: {"elements": {"nodes": [{"data": ...}], "edges": [...]}}."""
    nodes = [{"data": {"id": n.id, **node_attributes(n, keep_lists=True)}} for n in _all_nodes(view).values()]
    edges = [
        {"data": {"source": e.from_id, "target": e.to_id, **edge_attributes(e, keep_lists=True)}}
        for e in view.edges.values()
    ]
    document = {"data": {"name": path.stem}, "elements": {"nodes": nodes, "edges": edges}}
    path.write_text(json.dumps(document, ensure_ascii=False, indent=1), encoding="utf-8")
    return [path]


WRITERS = {"graphml": write_graphml, "gexf": write_gexf, "csv": write_csv, "json": write_json}


def export(view: ViewGraph, path: Path, fmt: str) -> list[Path]:
    """Write the view in `fmt` (one of FORMATS) at `path`; returns the files written.

    Raises ValueError for an unknown format.
    """
    if fmt not in WRITERS:
        raise ValueError(f"unknown format '{fmt}'; known: {', '.join(FORMATS)}")
    path.parent.mkdir(parents=True, exist_ok=True)
    return WRITERS[fmt](view, path)
