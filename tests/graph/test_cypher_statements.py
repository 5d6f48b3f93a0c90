"""The Cypher the Neo4j store sends, checked word for word without a server.

The Neo4j tests (test_neo4j_store.py and the parametrized query tests) run these statements on a
real server; these tests pin down what the statements say, so that a change to one is a visible
change to a test.
"""

import pytest

from csn.graph.cypher import FOLDER, housekeeping, search, statements
from csn.graph.errors import SchemaError
from csn.graph.neo4j_store import Neo4jStore, _with_literal
from csn.graph.schema import SCHEMA
from csn.neo4j_local.guide import guide_html, search_files


def test_a_node_write_merges_on_the_base_label_and_keeps_only_its_own_label():
    others = "".join(f":`{label}`" for label in SCHEMA.labels if label != "Person")
    assert statements.node_merge("Person") == (
        "UNWIND $rows AS row\n"
        "MERGE (n:`Entity` {id: row.id})\n"
        "SET n = row, n:`Person`\n"
        f"REMOVE n{others}\n"
        "RETURN count(n) AS written"
    )
    assert ":`Person`" not in others and ":`Source`" in others


def test_an_edge_write_matches_both_ends_and_merges_on_the_id():
    assert statements.edge_merge("FAMILY_OF") == (
        "UNWIND $rows AS row\n"
        "MATCH (a:`Entity` {id: row.from}), (b:`Entity` {id: row.to})\n"
        "MERGE (a)-[r:`FAMILY_OF` {id: row.props.id}]->(b)\n"
        "SET r = row.props\n"
        "RETURN count(r) AS written"
    )


def test_the_store_writes_with_these_statements():
    assert Neo4jStore.node_merge("Company") == statements.node_merge("Company")
    assert Neo4jStore.edge_merge("LEADS") == statements.edge_merge("LEADS")


@pytest.mark.parametrize("name", ["Entity` {x: 1}) DETACH DELETE n //", "person", "Persons", ""])
def test_only_schema_names_are_spliced(name):
    with pytest.raises(SchemaError, match="is neither a label nor a relationship type of the schema"):
        statements.quoted(name)
    with pytest.raises(SchemaError):
        statements.node_merge(name)
    with pytest.raises(SchemaError):
        statements.edge_merge(name)


def test_constraints_cover_the_base_label_every_label_and_every_type():
    made = statements.constraints()
    assert len(made) == 1 + 2 * len(SCHEMA.labels) + len(SCHEMA.relationships)
    assert made[0] == "CREATE CONSTRAINT entity_id IF NOT EXISTS FOR (n:`Entity`) REQUIRE n.id IS UNIQUE"
    assert "CREATE CONSTRAINT person_id IF NOT EXISTS FOR (n:`Person`) REQUIRE n.id IS UNIQUE" in made
    assert "CREATE INDEX person_name IF NOT EXISTS FOR (n:`Person`) ON (n.name)" in made
    assert (
        "CREATE CONSTRAINT holds_office_id IF NOT EXISTS FOR ()-[r:`HOLDS_OFFICE`]-() REQUIRE r.id IS UNIQUE"
        in made
    )
    assert len(set(made)) == len(made)


def test_look_ups_are_parameters_on_the_base_label():
    assert statements.EXISTING_IDS == "UNWIND $ids AS id MATCH (n:`Entity` {id: id}) RETURN n.id AS id"
    assert statements.NODES_BY_ID == (
        "MATCH (n:`Entity`) WHERE n.id IN $ids RETURN labels(n) AS labels, properties(n) AS props"
    )
    assert statements.NODES_BY_KEY == (
        "MATCH (n:`Entity`) WHERE $key IN n.search_keys "
        "RETURN labels(n) AS labels, properties(n) AS props ORDER BY n.id"
    )
    assert statements.NODES_CONTAINING == (
        "MATCH (n:`Entity`) WHERE NOT n:`Source` AND any(k IN n.search_keys WHERE k CONTAINS $text) "
        "RETURN labels(n) AS labels, properties(n) AS props ORDER BY n.id LIMIT $limit"
    )
    assert statements.NAMES == (
        "MATCH (n:`Entity`) WHERE NOT n:`Source` RETURN n.id AS id, n.name AS name ORDER BY id"
    )


def test_edges_by_id_looks_up_each_type_by_its_own_index():
    lines = statements.EDGES_BY_ID.split("\n")
    assert lines[0] == "CALL () {"
    assert lines[1] == "  MATCH (a)-[r:`HOLDS_OFFICE`]->(b) WHERE r.id IN $ids RETURN r, a, b"
    assert lines[2] == "UNION"
    assert lines[-2:] == [
        "}",
        "RETURN type(r) AS type, a.id AS from_id, b.id AS to_id, properties(r) AS props",
    ]
    matches = [line for line in lines if line.startswith("  MATCH")]
    assert [line.split("`")[1] for line in matches] == list(SCHEMA.relationships)


def body(text: str) -> str:
    """A Cypher file without its header comment."""
    return "\n".join(line for line in text.splitlines() if not line.startswith("//")).strip()


def test_housekeeping_statements_read_as_written():
    assert body(housekeeping("ping")) == "RETURN 1 AS ok"
    assert body(housekeeping("counts")) == (
        "CALL () { MATCH (n) RETURN count(n) AS nodes }\n"
        "CALL () { MATCH ()-[r]->() RETURN count(r) AS edges }\n"
        "RETURN nodes, edges"
    )
    assert body(housekeeping("all_nodes")) == (
        "MATCH (n)\nRETURN labels(n) AS labels, properties(n) AS props\nORDER BY n.id"
    )
    assert body(housekeeping("all_edges")) == (
        "MATCH (a)-[r]->(b)\n"
        "RETURN type(r) AS type, a.id AS from_id, b.id AS to_id, properties(r) AS props\n"
        "ORDER BY r.id"
    )
    assert body(housekeeping("await_indexes")) == "CALL db.awaitIndexes($seconds)"
    assert body(housekeeping("ids_with_labels")) == (
        "MATCH (n)\nWHERE any(label IN labels(n) WHERE label IN $labels)\nRETURN n.id AS id\nORDER BY id"
    )


def test_clear_deletes_in_batches_of_the_size_asked_for():
    clear = _with_literal(housekeeping("clear"), "10000 ROWS", "500 ROWS")
    assert body(clear) == "MATCH (n) CALL (n) { DETACH DELETE n } IN TRANSACTIONS OF 500 ROWS"


def test_searches_get_their_bounds_as_validated_literals():
    connect = _with_literal(search("connect_paths"), "{1,6}", "{1,3}")
    assert "){1,3}" in connect and "{1,6}" not in connect
    with pytest.raises(ValueError, match="the Cypher file has no SHORTEST 9 GROUPS"):
        _with_literal(connect, "SHORTEST 9 GROUPS", "SHORTEST 2 GROUPS")


def test_no_write_statement_becomes_a_browser_guide_slide():
    names = list(search_files())
    assert names == sorted(path.stem for path in FOLDER.glob("*.cypher"))
    assert not set(names) & {path.stem for path in (FOLDER / "store").glob("*.cypher")}
    guide = guide_html()
    for word in ("MERGE", "DELETE", "CREATE", "SET ", "REMOVE"):
        assert word not in guide
