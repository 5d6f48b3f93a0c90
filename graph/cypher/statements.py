"""The Cypher statements of the Neo4j store that name a label or relationship type of the schema.

Cypher takes no parameter for a label or a type, so these are spliced in, in backticks, and only
after `quoted` has looked them up in the schema; every value is a `$parameter`. The statements are
plain strings, so tests check them word for word without a server.
"""

from __future__ import annotations

from csn.graph.errors import SchemaError
from csn.graph.schema import SCHEMA


def quoted(name: str) -> str:
    """A schema label or type in backticks; raises SchemaError for anything not in the schema."""
    if name not in SCHEMA.labels and name not in SCHEMA.relationships and name != SCHEMA.base_label:
        raise SchemaError(f"'{name}' is neither a label nor a relationship type of the schema")
    return f"`{name}`"


def constraints() -> list[str]:
    """Uniqueness of ids across every entity, per label and per relationship type; an index on
    every label's names."""
    base = quoted(SCHEMA.base_label)
    statements = [f"CREATE CONSTRAINT entity_id IF NOT EXISTS FOR (n:{base}) REQUIRE n.id IS UNIQUE"]
    for label in SCHEMA.labels:
        statements.append(
            f"CREATE CONSTRAINT {label.lower()}_id IF NOT EXISTS "
            f"FOR (n:{quoted(label)}) REQUIRE n.id IS UNIQUE"
        )
        statements.append(
            f"CREATE INDEX {label.lower()}_name IF NOT EXISTS FOR (n:{quoted(label)}) ON (n.name)"
        )
    for rel_type in SCHEMA.relationships:
        statements.append(
            f"CREATE CONSTRAINT {rel_type.lower()}_id IF NOT EXISTS "
            f"FOR ()-[r:{quoted(rel_type)}]-() REQUIRE r.id IS UNIQUE"
        )
    return statements


def node_merge(label: str) -> str:
    """Write $rows (node properties) as nodes of `label`, merged by id; a node stored under
    another label loses it (a corrected record). Returns how many rows it wrote."""
    others = "".join(f":{quoted(other)}" for other in SCHEMA.labels if other != label)
    return (
        "UNWIND $rows AS row\n"
        f"MERGE (n:{quoted(SCHEMA.base_label)} {{id: row.id}})\n"
        f"SET n = row, n:{quoted(label)}\n"
        f"REMOVE n{others}\n"
        "RETURN count(n) AS written"
    )


def edge_merge(rel_type: str) -> str:
    """Write $rows ({from, to, props}) as relationships of `rel_type`, merged by id between
    existing nodes. Returns how many rows it wrote (a row whose ends are missing writes nothing)."""
    base = quoted(SCHEMA.base_label)
    return (
        "UNWIND $rows AS row\n"
        f"MATCH (a:{base} {{id: row.from}}), (b:{base} {{id: row.to}})\n"
        f"MERGE (a)-[r:{quoted(rel_type)} {{id: row.props.id}}]->(b)\n"
        "SET r = row.props\n"
        "RETURN count(r) AS written"
    )


_ENTITY = quoted(SCHEMA.base_label)
_NODE_FIELDS = "labels(n) AS labels, properties(n) AS props"
_EDGE_FIELDS = "type(r) AS type, a.id AS from_id, b.id AS to_id, properties(r) AS props"

# Which of $ids are ids of nodes in the database (the check before a write).
EXISTING_IDS = f"UNWIND $ids AS id MATCH (n:{_ENTITY} {{id: id}}) RETURN n.id AS id"

# The nodes with one of $ids.
NODES_BY_ID = f"MATCH (n:{_ENTITY}) WHERE n.id IN $ids RETURN {_NODE_FIELDS}"

# The nodes whose search keys (normalised name and aliases) include $key, by id.
NODES_BY_KEY = f"MATCH (n:{_ENTITY}) WHERE $key IN n.search_keys RETURN {_NODE_FIELDS} ORDER BY n.id"

# At most $limit entities other than sources with a search key containing $text, by id.
NODES_CONTAINING = (
    f"MATCH (n:{_ENTITY}) WHERE NOT n:{quoted(SCHEMA.source_label)} "
    "AND any(k IN n.search_keys WHERE k CONTAINS $text) "
    f"RETURN {_NODE_FIELDS} ORDER BY n.id LIMIT $limit"
)

# (id, name) of every entity that is not a source.
NAMES = (
    f"MATCH (n:{_ENTITY}) WHERE NOT n:{quoted(SCHEMA.source_label)} "
    "RETURN n.id AS id, n.name AS name ORDER BY id"
)

# The relationships with one of $ids. Relationship ids are indexed per type (the uniqueness
# constraints), so each type is looked up by its own index rather than by scanning them all.
EDGES_BY_ID = (
    "CALL () {\n"
    + "\nUNION\n".join(
        f"  MATCH (a)-[r:{quoted(t)}]->(b) WHERE r.id IN $ids RETURN r, a, b" for t in SCHEMA.relationships
    )
    + f"\n}}\nRETURN {_EDGE_FIELDS}"
)


def delete_edges(rel_type: str) -> str:
    """Delete the relationships of `rel_type` with one of $ids (looked up by the type's index)."""
    return f"MATCH ()-[r:{quoted(rel_type)}]->() WHERE r.id IN $ids DELETE r"


# Delete the nodes with one of $ids, with every relationship they take part in.
DELETE_NODES = f"MATCH (n:{_ENTITY}) WHERE n.id IN $ids DETACH DELETE n"
