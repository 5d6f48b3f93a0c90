"""`csn load --store neo4j --bulk`: the offline importer builds the same graph as the batched loader.

The bulk loads run on a throwaway server of this module's own (the importer replaces a whole
database and restarts its server), compared with the session's database loaded by Neo4jStore.write.
"""

from __future__ import annotations

import pytest

from benchmarks.synthetic import synthetic_graph
from csn.graph.errors import SchemaError
from csn.graph.model import Citation, Edge, Node
from csn.graph.neo4j_store import Neo4jStore, Settings
from csn.neo4j_local.bulk_files import ARRAY_DELIMITER, edge_columns, header, node_columns
from csn.neo4j_local.bulk_import import BulkRefused, bulk_load, local_uri
from csn.neo4j_local.server import Neo4jServerError
from csn.neo4j_local.throwaway import PASSWORD, ThrowawayServer
from tests.conftest import holding

pytestmark = pytest.mark.neo4j


def test_headers_are_typed_from_the_schema():
    assert header(node_columns("Country"), ())[:4] == [
        "id:ID",
        "name",
        "search_keys:string[]",
        "aliases:string[]",
    ]
    assert header(node_columns("Country"), ())[-1] == "iso2"
    columns = header(edge_columns("SCORED"), (":START_ID", ":END_ID"))
    assert columns[:8] == [
        ":START_ID",
        ":END_ID",
        "id",
        "status",
        "valid_from",
        "valid_to",
        "sources:string[]",
        "says:string[]",
    ]
    assert columns[-2:] == ["edition:long", "value:double"]


def test_a_value_holding_the_array_delimiter_is_refused(tmp_path):
    from csn.neo4j_local.bulk_files import write_import_files

    node = Node("a", "Person", "A", {"aliases": [f"x{ARRAY_DELIMITER}y"]})
    with pytest.raises(SchemaError, match="node 'a': a value holds the array delimiter U"):
        write_import_files([node], tmp_path)


@pytest.fixture(scope="module")
def bulk_server(neo4j_store):
    with ThrowawayServer() as test_server:
        yield test_server


def _store(test_server) -> Neo4jStore:
    return Neo4jStore(Settings(local_uri(test_server.home), "neo4j", PASSWORD, "neo4j"))


def raw_graph(store: Neo4jStore):
    """Every node's labels and properties and every relationship's, with their Cypher value types."""

    def typed(props):
        return sorted(
            (key, value if not isinstance(value, list) else tuple(value), type(value).__name__)
            for key, value in props.items()
        )

    nodes, _, _ = store.driver.execute_query("MATCH (n) RETURN labels(n) AS labels, properties(n) AS props")
    edges, _, _ = store.driver.execute_query(
        "MATCH (a)-[r]->(b) RETURN type(r) AS type, a.id AS a, b.id AS b, properties(r) AS props"
    )
    return (
        sorted((sorted(r["labels"]), typed(r["props"])) for r in nodes),
        sorted((r["type"], r["a"], r["b"], typed(r["props"])) for r in edges),
    )


def schema_objects(store: Neo4jStore):
    constraints, _, _ = store.driver.execute_query("SHOW CONSTRAINTS YIELD name, type RETURN name, type")
    indexes, _, _ = store.driver.execute_query(
        "SHOW INDEXES YIELD name, state, labelsOrTypes, properties "
        "RETURN name, state, labelsOrTypes, properties"
    )
    return sorted(map(tuple, constraints)), sorted(
        (r[0], r[1], tuple(r[2] or ()), tuple(r[3] or ())) for r in indexes
    )


def _empty(test_server) -> None:
    store = _store(test_server)
    store.clear()
    store.close()


def test_an_edge_to_an_unknown_node_fails_the_import_and_leaves_the_database_empty(bulk_server, seed_records):
    _empty(bulk_server)
    source = next(r for r in seed_records if isinstance(r, Node) and r.label == "Source")
    dangling = Edge(
        "dangling",
        "FAMILY_OF",
        "nobody",
        "nobody-else",
        "reported",
        (Citation(source.id, "x"),),
        properties={"relation": "cousin"},
    )
    with pytest.raises(Neo4jServerError, match="neo4j-admin import failed"):
        bulk_load([source, dangling], home=bulk_server.home, password=PASSWORD)
    store = _store(bulk_server)
    try:
        assert store.counts() == (0, 0)
    finally:
        store.close()


def test_a_record_refused_while_the_files_are_written_leaves_the_server_up_and_empty(bulk_server):
    _empty(bulk_server)
    node = Node("a", "Person", "A", {"aliases": [f"x{ARRAY_DELIMITER}y"]})
    with pytest.raises(SchemaError, match="node 'a': a value holds the array delimiter U"):
        bulk_load([node], home=bulk_server.home, password=PASSWORD)
    store = _store(bulk_server)
    try:
        assert store.counts() == (0, 0)
    finally:
        store.close()


def test_a_server_other_than_the_local_one_is_refused(bulk_server, seed_records):
    with pytest.raises(BulkRefused) as refused:
        bulk_load(seed_records, home=bulk_server.home, password=PASSWORD, uri="neo4j+s://team.example:7687")
    assert str(refused.value) == (
        f"--bulk writes the store files of the local server ({local_uri(bulk_server.home)}), and NEO4J_URI "
        "names neo4j+s://team.example:7687: unset NEO4J_URI, or load that server without --bulk"
    )


def test_a_bulk_load_holds_what_the_batched_loader_writes(bulk_server, neo4j_store, seed_records):
    """One bulk load of the seed merged with two lists (merged entries keeping where their values
    came from) and of a synthetic graph, against the batched loader writing the same records: the
    same nodes and relationships, property for property and type for type, the same schema."""
    from csn.loaders.lists.ofac import read_ofac
    from csn.loaders.lists.un import read_un
    from csn.loaders.resolution.merging import merge
    from tests.conftest import FIXTURES

    review = FIXTURES / "lists" / "review"
    merged, report = merge(
        seed_records, [read_ofac(review / "ofac", "2024-01-01"), read_un(review / "un.xml")], []
    )
    assert report.node_of("un-kpi-901") == "ofac-sdn-37001"
    synthetic = synthetic_graph(3_000, 9_000, seed=11)
    records = [*merged, *synthetic]
    assert len({r.id for r in records}) == len(records)  # the two graphs share no id
    _empty(bulk_server)
    loaded = bulk_load(records, home=bulk_server.home, password=PASSWORD)
    batched = holding(neo4j_store, "seed, the review lists and a synthetic graph", records)
    bulk = _store(bulk_server)
    try:
        assert (loaded.nodes, loaded.relationships) == batched.counts() == bulk.counts()
        assert raw_graph(bulk) == raw_graph(batched)
        assert schema_objects(bulk) == schema_objects(batched)
        assert all(state == "ONLINE" for _, state, _, _ in schema_objects(bulk)[1])
        kim = bulk.node("ofac-sdn-37001")
        assert kim.properties["birth_dates_from"] == [
            "ofac-sdn 2024-01-01, entry ofac-sdn-37001; un-sc 2026-02-27, entry un-kpi-901",
            "un-sc 2026-02-27, entry un-kpi-901",
        ]
        assert kim.properties["birth_place_from"] == "ofac-sdn 2024-01-01, entry ofac-sdn-37001"
        assert kim == next(r for r in merged if isinstance(r, Node) and r.id == "ofac-sdn-37001")

        # A second bulk load would replace the database: refused, and nothing changes.
        with pytest.raises(BulkRefused) as refused:
            bulk_load(seed_records, home=bulk_server.home, password=PASSWORD)
        assert str(refused.value) == (
            f"the local database holds {loaded.nodes} nodes, and --bulk replaces the whole database: "
            "load without --bulk to merge into it"
        )
        # Later loads merge on top, as after a batched load.
        source = next(r for r in seed_records if isinstance(r, Node) and r.label == "Source")
        person = Node("bulk-test-person", "Person", "Bulk Test Person")
        tie = Edge(
            "bulk-test-tie",
            "FAMILY_OF",
            person.id,
            "juan-orlando-hernandez",
            "reported",
            (Citation(source.id, "a test fact"),),
            properties={"relation": "cousin"},
        )
        bulk.write([*seed_records, person, tie])
        assert bulk.counts() == (loaded.nodes + 1, loaded.relationships + 1)
        assert bulk.edges(["bulk-test-tie"])["bulk-test-tie"] == tie
    finally:
        bulk.close()
