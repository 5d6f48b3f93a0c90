"""The synthetic graphs of the benchmarks are schema-valid, deterministic and traceable."""

from __future__ import annotations

import pytest

from benchmarks.synthetic import synthetic_graph
from csn.graph.memory_store import MemoryStore
from csn.graph.model import Edge, Node
from csn.graph.schema import DATE_PATTERN, ID_PATTERN, SCHEMA, check_value
from csn.queries.trace import trace

SIZES = [(20, 0), (20, 10), (200, 500), (2_000, 6_000)]


@pytest.mark.parametrize(("nodes", "edges"), SIZES)
def test_sizes(nodes, edges):
    records = synthetic_graph(nodes, edges)
    node_count = sum(isinstance(r, Node) for r in records)
    assert sum(isinstance(r, Edge) for r in records) == edges
    assert abs(node_count - nodes) <= max(10, nodes // 20)


@pytest.mark.parametrize(("nodes", "edges"), SIZES[1:])
def test_passes_the_loader_checks(nodes, edges):
    records = synthetic_graph(nodes, edges)
    nodes_by_id = {r.id: r for r in records if isinstance(r, Node)}
    edges_ = [r for r in records if isinstance(r, Edge)]
    assert len(nodes_by_id) == sum(isinstance(r, Node) for r in records)
    assert len({e.id for e in edges_}) == len(edges_)
    for node in nodes_by_id.values():
        assert node.label in SCHEMA.labels and ID_PATTERN.match(node.id) and node.name
        for name, prop in SCHEMA.label(node.label).properties.items():
            if prop.required:
                assert name in node.properties, (node.id, name)
            if name in node.properties:
                assert check_value(prop, node.properties[name], SCHEMA.evidence) is None
    for edge in edges_:
        rel = SCHEMA.relationship(edge.type)
        start, end = nodes_by_id[edge.from_id], nodes_by_id[edge.to_id]
        assert rel.allows(start.label, end.label), edge
        assert edge.status in SCHEMA.evidence
        assert edge.citations
        for citation in edge.citations:
            assert nodes_by_id[citation.source].label == SCHEMA.source_label
            assert citation.says.strip()
        for date in (edge.valid_from, edge.valid_to):
            assert date is None or DATE_PATTERN.match(date)
        if edge.valid_from and edge.valid_to:
            assert edge.valid_from <= edge.valid_to + "~"
        for name, prop in rel.properties.items():
            if prop.required:
                assert name in edge.properties, (edge.id, name)
            if name in edge.properties:
                assert check_value(prop, edge.properties[name], SCHEMA.evidence) is None


def test_loads_into_the_memory_store():
    records = synthetic_graph(2_000, 6_000)
    store = MemoryStore()
    store.write(records)
    assert store.counts() == (
        sum(isinstance(r, Node) for r in records),
        sum(isinstance(r, Edge) for r in records),
    )


def test_deterministic_for_a_seed():
    assert synthetic_graph(500, 1_000, seed=3) == synthetic_graph(500, 1_000, seed=3)
    assert synthetic_graph(500, 1_000, seed=3) != synthetic_graph(500, 1_000, seed=4)


@pytest.mark.parametrize(("nodes", "edges"), [(20, 10), (2_000, 6_000)])
def test_trace_finds_paths(nodes, edges):
    store = MemoryStore()
    store.write(synthetic_graph(nodes, edges))
    result = trace(store, max_hops=2, limit=5)
    assert result.paths
    assert {p.corridor.label for p in result.paths} == set(SCHEMA.labels_with_role("corridor"))


def test_too_small():
    with pytest.raises(ValueError):
        synthetic_graph(5, 10)
