"""Benchmark the network views: our build against pyvis's plain loop, and drawing in Chromium.

    .venv/bin/python -m benchmarks.views                 # 500, 2,000 and 10,000 nodes
    .venv/bin/python -m benchmarks.views --sizes 200 500 --repeat 1 --no-browser

For each size, on one synthetic schema-valid graph (about 1.5 facts per node), it measures side by
side in one run:
- our build: `build_html` from records to the finished page, layout and relevance cap included
  (the cap is raised to the graph's size so every size is drawn in full);
- the pyvis loop: `Network.add_node` for each node, `add_edge` for each fact (the same colours,
  shapes and tooltips), then `generate_html`, as pyvis's documentation builds a network;
- drawing: our page in headless Chromium, from navigation to vis-network's first drawing, with
  every request off the machine counted (and blocked).
Build times are the best of `--repeat` runs, after one warm-up.
"""

from __future__ import annotations

import argparse
import random
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from pyvis.network import Network

from csn.graph.model import Citation, Edge, Node
from csn.graph.schema import SCHEMA, Property
from csn.visualize.network_view import ViewGraph, build_html, edge_tooltip, node_tooltip

SIZES = (500, 2_000, 10_000)
EDGES_PER_NODE = 1.5
# Roughly the seed's mix of labels, so layouts and legends look like real views.
LABEL_WEIGHTS = {
    "Person": 40,
    "StateBody": 10,
    "CriminalGroup": 10,
    "SmugglingNetwork": 6,
    "Company": 8,
    "Place": 12,
    "Country": 4,
    "MigrationCorridor": 4,
    "Authority": 4,
    "Indicator": 2,
}
SOURCES = 50
COMMUNITY = 40  # facts mostly join nodes created near each other, so the graph has clusters


def _value(prop: Property, number: int) -> object:
    """A valid value of a required property, whatever its declared kind."""
    if prop.choices:
        return prop.choices[number % len(prop.choices)]
    return {
        "int": 2000 + number % 25,
        "number": float(number % 10),
        "fraction": 0.5,
        "date": "2020-01",
        "url": "https://example.org/s",
        "list": ["x"],
    }.get(prop.kind, f"v{number}")


def _required(props: dict[str, Property], number: int) -> dict[str, object]:
    return {name: _value(p, number) for name, p in props.items() if p.required}


def synthetic_graph(node_count: int, seed: int = 1) -> ViewGraph:
    """A schema-valid view of `node_count` entities and ~1.5 facts per entity, with sources."""
    rng = random.Random(seed)
    labels = rng.choices(list(LABEL_WEIGHTS), weights=list(LABEL_WEIGHTS.values()), k=node_count)
    nodes = {}
    for number, label in enumerate(labels):
        node_id = f"n{number}"
        properties = _required(SCHEMA.label(label).properties, number)
        nodes[node_id] = Node(node_id, label, f"{label} {number}", properties)
    by_label: dict[str, list[int]] = {}
    for number, label in enumerate(labels):
        by_label.setdefault(label, []).append(number)
    sources = {f"s{i}": f'Publisher {i}, "Report {i}", 2023, https://example.org/{i}' for i in range(SOURCES)}
    documents = {
        i: Node(
            i,
            SCHEMA.source_label,
            f"Report {i[1:]}",
            {
                "publisher": f"Publisher {i[1:]}",
                "title": f"Report {i[1:]}",
                "date": "2023",
                "url": f"https://example.org/{i[1:]}",
            },
        )
        for i in sources
    }
    statuses = list(SCHEMA.evidence)
    types = [t for t in SCHEMA.relationships.values()]
    edges: dict[str, Edge] = {}
    target = int(node_count * EDGES_PER_NODE)
    while len(edges) < target:
        here = rng.randrange(node_count)
        rel = rng.choice(types)
        if labels[here] not in rel.from_labels:
            continue
        there = _partner(rng, here, rel.to_labels, labels, by_label)
        if there is None or there == here:
            continue
        number = len(edges)
        properties = _required(rel.properties, number)
        citation = Citation(f"s{number % SOURCES}", f"says fact {number}")
        edge = Edge(
            f"e{number}",
            rel.name,
            f"n{here}",
            f"n{there}",
            rng.choice(statuses),
            (citation,),
            valid_from=str(2000 + number % 24),
            properties=properties,
        )
        edges[edge.id] = edge
    return ViewGraph(nodes, edges, sources, documents)


def _partner(
    rng: random.Random,
    here: int,
    to_labels: tuple[str, ...],
    labels: list[str],
    by_label: dict[str, list[int]],
) -> int | None:
    """A node of an allowed label, usually one created near `here` (clusters), sometimes any."""
    if rng.random() < 0.85:
        for _ in range(20):
            there = min(len(labels) - 1, max(0, here + rng.randint(-COMMUNITY, COMMUNITY)))
            if labels[there] in to_labels:
                return there
    present = [label for label in to_labels if label in by_label]
    return rng.choice(by_label[rng.choice(present)]) if present else None


def pyvis_loop(view: ViewGraph) -> str:
    """The page as pyvis's own API builds it: one add_node / add_edge call per record."""
    net = Network(directed=True, cdn_resources="in_line")
    for node in view.nodes.values():
        label = SCHEMA.label(node.label)
        net.add_node(
            node.id, label=node.name, title=node_tooltip(node), color=label.colour, shape=label.shape
        )
    for edge in view.edges.values():
        status = SCHEMA.status(edge.status)
        net.add_edge(
            edge.from_id,
            edge.to_id,
            title=edge_tooltip(edge, view.nodes, view.sources),
            label=edge.type,
            dashes=status.dashes,
            width=1 + status.rank / 4,
        )
    return net.generate_html()


def ours(view: ViewGraph) -> str:
    return build_html(view, "Benchmark", "synthetic graph", max_nodes=len(view.nodes))


def best_time(build: Callable[[ViewGraph], str], view: ViewGraph, repeat: int) -> tuple[float, str]:
    build(view)  # warm-up: imports, template compilation, file reads
    best, html = float("inf"), ""
    for _ in range(repeat):
        started = time.perf_counter()
        html = build(view)
        best = min(best, time.perf_counter() - started)
    return best, html


def measure(size: int, repeat: int, browser: bool, folder: Path) -> dict[str, object]:
    view = synthetic_graph(size)
    our_s, html = best_time(ours, view, repeat)
    loop_s, _ = best_time(pyvis_loop, view, max(1, repeat // 2))
    row: dict[str, object] = {
        "nodes": size,
        "edges": len(view.edges),
        "ours": our_s,
        "loop": loop_s,
        "ratio": loop_s / our_s,
        "draw": None,
        "requests": None,
    }
    if browser:
        from benchmarks.browser import find_chromium, open_view

        chromium = find_chromium()
        if chromium:
            page = folder / f"view-{size}.html"
            page.write_text(html, encoding="utf-8")
            report = open_view(page, screenshot=folder / f"view-{size}.png", executable=chromium)
            row["draw"] = report.drawn_seconds
            row["requests"] = len(report.off_machine_requests)
            if report.errors:
                row["errors"] = report.errors
    return row


def table(rows: list[dict[str, object]]) -> str:
    lines = [
        "| nodes | edges | our build s | pyvis loop build s | ratio | drawn in Chromium s "
        "| off-machine requests |",
        "|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for r in rows:
        draw = f"{r['draw']:.2f}" if r["draw"] is not None else "n/a"
        requests = r["requests"] if r["requests"] is not None else "n/a"
        lines.append(
            f"| {r['nodes']:,} | {r['edges']:,} | {r['ours']:.3f} | {r['loop']:.3f} | "
            f"{r['ratio']:.1f}x | {draw} | {requests} |"
        )
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=list(SIZES))
    parser.add_argument("--repeat", type=int, default=3, help="build runs per size (best is kept)")
    parser.add_argument("--no-browser", action="store_true", help="skip drawing in Chromium")
    parser.add_argument("--out", type=Path, help="keep the pages and screenshots in this folder")
    args = parser.parse_args()
    folder = args.out or Path(tempfile.mkdtemp(prefix="csn-bench-"))
    folder.mkdir(parents=True, exist_ok=True)
    rows = [measure(size, args.repeat, not args.no_browser, folder) for size in args.sizes]
    print(table(rows))
    for row in rows:
        if row.get("errors"):
            print(f"{row['nodes']} nodes: page errors: {row['errors']}")
    print(f"\nPages and screenshots: {folder}")


if __name__ == "__main__":
    main()
