"""The curated seed: loads in strict mode, every edge sourced, every cluster reaches a corridor."""

import re
from collections import Counter

from csn.graph.model import Edge, Node
from csn.graph.schema import schema_tables
from csn.queries.trace import trace
from tests.conftest import REPO


def test_seed_loads_and_every_edge_cites_a_known_source(seed_records):
    nodes = {r.id: r for r in seed_records if isinstance(r, Node)}
    edges = [r for r in seed_records if isinstance(r, Edge)]
    assert len(edges) >= 60
    for edge in edges:
        assert edge.citations, edge.id
        for citation in edge.citations:
            assert nodes[citation.source].label == "Source" and citation.says


def test_sources_have_publisher_title_date_and_url(seed_records):
    sources = [r for r in seed_records if isinstance(r, Node) and r.label == "Source"]
    assert len(sources) >= 60
    for source in sources:
        p = source.properties
        assert p["publisher"] and p["title"] and re.match(r"^https?://", p["url"]) and p["date"]


def test_article_wrong_date_is_not_repeated(seed_store):
    moise = seed_store.node("jovenel-moise")
    office = [e for e in seed_store.edges_of("jovenel-moise") if e.type == "HOLDS_OFFICE"]
    assert [e.valid_to for e in office] == ["2021-07-07"]
    assert "2021" in moise.properties["description"]


def test_hernandez_case_facts(seed_store):
    facts = Counter((e.type, e.valid_from) for e in seed_store.edges_of("juan-orlando-hernandez"))
    assert facts[("CONVICTED_BY", "2024-03-08")] == 1
    assert facts[("SENTENCED_BY", "2024-06-26")] == 1
    assert facts[("EXTRADITED_TO", "2022-04-21")] == 1
    assert facts[("PARDONED_BY", "2025-12-01")] == 1


def test_each_cluster_reaches_a_corridor(seed_store):
    starts = {p.start.id for p in trace(seed_store, limit=10_000).paths}
    assert {
        "juan-orlando-hernandez",
        "nicolas-maduro",
        "daniel-ortega",
        "michel-martelly",
        "genaro-garcia-luna",
        "mauricio-lopez-bonilla",
        "osiris-luna-meza",
        "wilman-teran",
        "hector-fabio-murillo-rojas",
    } <= starts


def countries_of(store, node_id: str, seen: frozenset[str] = frozenset()) -> set[str]:
    """The countries a state actor acts for: where its body is located, or the body it holds office
    in or is part of is."""
    found: set[str] = set()
    for edge in store.edges_of(node_id):
        if edge.from_id != node_id or edge.to_id in seen:
            continue
        if edge.type == "LOCATED_IN" and store.node(edge.to_id).label == "Country":
            found.add(edge.to_id)
        elif edge.type in ("HOLDS_OFFICE", "PART_OF"):
            found |= countries_of(store, edge.to_id, seen | {node_id})
    return found


def test_state_actor_paths_start_in_at_least_eight_countries(memory_seed_store):
    paths = trace(memory_seed_store, limit=10_000).paths
    countries = {c for p in paths for c in countries_of(memory_seed_store, p.start.id)}
    assert len(countries) >= 8, sorted(countries)
    assert {
        "honduras",
        "venezuela",
        "nicaragua",
        "haiti",
        "mexico",
        "guatemala",
        "el-salvador",
        "ecuador",
    } <= countries


def test_readme_schema_tables_match_the_schema():
    assert schema_tables() in (REPO / "README.md").read_text(encoding="utf-8")
