"""Exports for Gephi and Cytoscape: every node, edge and attribute survives networkx's readers."""

import csv
import json
import subprocess
import sys

import networkx as nx
import pytest

from csn.graph.model import Edge, Node
from csn.visualize.export import FORMATS, LIST_ATTRIBUTES, decode_edge, decode_node, export
from csn.visualize.selection import neighbourhood, whole_graph
from tests.conftest import FIXTURE


@pytest.fixture(scope="module")
def seed_records_by_id(seed_records):
    return {r.id: r for r in seed_records}


def read(fmt, path):
    if fmt == "graphml":
        return nx.read_graphml(path, force_multigraph=True)
    return nx.read_gexf(path)


@pytest.mark.parametrize("fmt", ["graphml", "gexf"])
def test_seed_graph_round_trips_with_every_node_edge_and_attribute(
    fmt, seed_store, seed_records_by_id, tmp_path
):
    (path,) = export(whole_graph(seed_store), tmp_path / f"seed.{fmt}", fmt)
    graph = read(fmt, path)
    nodes = {i: r for i, r in seed_records_by_id.items() if isinstance(r, Node)}
    edges = {i: r for i, r in seed_records_by_id.items() if isinstance(r, Edge)}
    assert graph.is_directed() and graph.is_multigraph()
    assert set(graph.nodes) == set(nodes)  # sources included, as nodes of type Source
    assert {key for *_, key in graph.edges(keys=True)} == set(edges)
    for node_id, attrs in graph.nodes(data=True):
        assert decode_node(node_id, attrs) == nodes[node_id]
    for from_id, to_id, key, attrs in graph.edges(keys=True, data=True):
        assert decode_edge(from_id, to_id, attrs) == edges[key]


def test_lists_are_json_and_missing_values_are_left_out(fixture_store, tmp_path):
    (path,) = export(whole_graph(fixture_store), tmp_path / "f.graphml", "graphml")
    graph = nx.read_graphml(path, force_multigraph=True)
    assert graph.nodes["minister"]["aliases"] == '["The Minister"]'
    assert "aliases" not in graph.nodes["cartel"]
    edge = graph.edges["minister", "cartel", "minister--colludes-with--cartel--2012"]
    assert edge["sources"] == '["src-court"]'
    assert edge["says"] == '["took bribes from the Río Cartel"]'
    assert edge["valid_from"] == "2012" and "valid_to" not in edge  # None: omitted, not "None"
    share = next(d for *_, d in graph.edges(data=True) if d["relationship"] == "CONTROLS")["share"]
    assert share == 0.8 and isinstance(share, float)
    assert set(LIST_ATTRIBUTES) == {
        "aliases",
        "weak_aliases",
        "identifiers",
        "birth_dates",
        "nationalities",
        "addresses",
        "merged_ids",
        *(f"{name}_from" for name in ("aliases", "weak_aliases", "identifiers", "birth_dates")),
        *(f"{name}_from" for name in ("nationalities", "addresses")),
        "sources",
        "says",
    }


def test_gexf_carries_gephi_labels_and_schema_colours(fixture_store, tmp_path):
    (path,) = export(whole_graph(fixture_store), tmp_path / "f.gexf", "gexf")
    graph = nx.read_gexf(path)
    cartel = graph.nodes["cartel"]
    assert cartel["label"] == "Río Cartel" and cartel["type"] == "CriminalGroup"
    assert cartel["viz"]["color"] == {"r": 0x2F, "g": 0x2F, "b": 0x2F, "a": 1.0}


def test_csv_writes_a_nodes_and_an_edges_table(fixture_store, tmp_path):
    nodes_path, edges_path = export(whole_graph(fixture_store), tmp_path / "f.csv", "csv")
    assert (nodes_path.name, edges_path.name) == ("f.nodes.csv", "f.edges.csv")
    nodes = {row["id"]: row for row in csv.DictReader(nodes_path.open(encoding="utf-8"))}
    edges = list(csv.DictReader(edges_path.open(encoding="utf-8")))
    assert len(nodes) == 14 and len(edges) == 12  # 12 entities and 2 sources; 12 facts
    assert json.loads(nodes["minister"]["aliases"]) == ["The Minister"] and nodes["cartel"]["aliases"] == ""
    assert nodes["src-court"]["publisher"] == "Test Court Records"
    first = edges_path.read_text(encoding="utf-8").splitlines()[0].split(",")
    assert first[:7] == ["id", "from", "to", "relationship", "status", "valid_from", "valid_to"]
    assert first[-2:] == ["sources", "says"]
    family = next(e for e in edges if e["relationship"] == "FAMILY_OF")
    assert (family["relation"], family["valid_from"], family["valid_to"]) == ("brother", "", "")


def test_json_is_cytoscape_elements_with_native_lists(fixture_store, tmp_path):
    (path,) = export(whole_graph(fixture_store), tmp_path / "f.json", "json")
    document = json.loads(path.read_text(encoding="utf-8"))
    nodes = {n["data"]["id"]: n["data"] for n in document["elements"]["nodes"]}
    edges = [e["data"] for e in document["elements"]["edges"]]
    assert nodes["minister"]["aliases"] == ["The Minister"]
    assert len(edges) == 12 and all(None not in d.values() for d in edges)
    colludes = next(d for d in edges if d["id"] == "minister--colludes-with--cartel--2012")
    assert (colludes["source"], colludes["target"], colludes["sources"]) == (
        "minister",
        "cartel",
        ["src-court"],
    )


def test_a_selection_exports_its_nodes_and_the_sources_it_cites(fixture_store, tmp_path):
    view = neighbourhood(fixture_store, "cartel", hops=1)
    (path,) = export(view, tmp_path / "c.graphml", "graphml")
    graph = nx.read_graphml(path, force_multigraph=True)
    assert set(graph.nodes) == {"cartel", "minister", "river-route", "src-court", "src-paper"}
    assert graph.number_of_edges() == 2


def test_unknown_format_is_refused(fixture_store, tmp_path):
    with pytest.raises(ValueError, match="unknown format 'pdf'; known: graphml, gexf, csv, json"):
        export(whole_graph(fixture_store), tmp_path / "x.pdf", "pdf")


@pytest.mark.parametrize("fmt", FORMATS)
def test_export_command_writes_each_format(fmt, tmp_path):
    out = tmp_path / f"g.{fmt}"
    run = subprocess.run(
        [
            sys.executable,
            "-m",
            "csn",
            "export",
            "--seed",
            str(FIXTURE),
            "--format",
            fmt,
            "--min-status",
            "convicted",
            "-o",
            str(out),
        ],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert run.returncode == 0, run.stderr
    lines = run.stdout.splitlines()
    assert lines[0] == "Whole graph: 3 entities, 2 facts; status at least convicted; all dates."
    written = [line.removeprefix("Wrote ") for line in lines[1:]]
    assert written == ([f"{tmp_path}/g.nodes.csv", f"{tmp_path}/g.edges.csv"] if fmt == "csv" else [str(out)])
    if fmt in ("graphml", "gexf"):
        graph = read(fmt, out)
        assert set(graph.nodes) == {"minister", "cartel", "court-a", "src-court"}
