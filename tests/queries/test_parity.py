"""Both stores give the same answers on the seed data."""

import pytest

from csn.queries.lookup import resolve
from csn.queries.trace import trace, trace_frame

FILTERS = [
    {},
    {"min_status": "charged"},
    {"min_status": "official_finding", "max_hops": 4},
    {"as_of": "2019-01-01"},
    {"as_of": "2025-12-15", "min_status": "reported"},
    {"start": "Juan Orlando Hernández"},
    {"corridor": "managua-air-bridge"},
    {"max_hops": 2},
]


@pytest.mark.parametrize("filters", FILTERS, ids=[str(f) for f in FILTERS])
def test_trace_is_equal_on_both_stores(memory_seed_store, neo4j_seed_store, filters):
    in_memory = trace(memory_seed_store, limit=10_000, **filters)
    in_neo4j = trace(neo4j_seed_store, limit=10_000, **filters)
    assert in_memory.paths == in_neo4j.paths
    assert trace_frame(in_memory).equals(trace_frame(in_neo4j))


def test_lookups_and_facts_are_equal_on_both_stores(memory_seed_store, neo4j_seed_store):
    neo4j_store = neo4j_seed_store
    assert memory_seed_store.counts() == neo4j_store.counts()
    for name in ["JOH", "moise", "Tren de Aragua", "cherizier", "Managua air bridge"]:
        node = resolve(memory_seed_store, name)
        assert resolve(neo4j_store, name) == node
        assert memory_seed_store.edges_of(node.id) == neo4j_store.edges_of(node.id)
    assert memory_seed_store.names() == neo4j_store.names()
    assert sorted(memory_seed_store.all_edges(), key=lambda e: e.id) == list(neo4j_store.all_edges())
