"""Records as a followthemoney (FtM) JSON-lines file, for measuring FtM's own bulk path on the same graph.

One entity per line, `{"id", "schema", "properties"}` with every value a list of strings, as FtM
reads them (`ftm export-neo4j-bulk -i FILE`). A node becomes a Person, a Company or an
Organization (SCHEMATA); an edge becomes an FtM interval between the two, chosen by what FtM
allows between their schemata (EDGE_SCHEMATA): an Associate between two persons, a Membership
into an organization or company, an UnknownLink otherwise. What each carries:

- a node: its id, name and aliases;
- an edge: its id, the csn type (as the interval's role or relationship), status (summary),
  valid_from and valid_to (startDate, endDate), the cited sources (publisher) and what they say
  (description).

This is a benchmark's input, not an export of the graph: csn's other properties are left out.
The records stream through; only a node's schema is remembered (one small string per node), to
choose its edges' schemata.

    write_ftm_file(synthetic_records(3_000, 9_000), Path("graph.ftm.json"))  # -> (3000, 9000)
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from pathlib import Path

from csn.graph.model import Edge, Node, Record

# csn label -> FtM schema of its node (labels as data, like benchmarks/views.py); the rest:
SCHEMATA = {"Person": "Person", "Company": "Company"}
OTHER_SCHEMA = "Organization"
# (FtM schema of the start, FtM schema of the end) -> the interval and its two ends and type field
EDGE_SCHEMATA = {
    ("Person", "Person"): ("Associate", "person", "associate", "relationship"),
    ("Person", "Organization"): ("Membership", "member", "organization", "role"),
    ("Person", "Company"): ("Membership", "member", "organization", "role"),
    ("Organization", "Organization"): ("Membership", "member", "organization", "role"),
    ("Organization", "Company"): ("Membership", "member", "organization", "role"),
    ("Company", "Organization"): ("Membership", "member", "organization", "role"),
    ("Company", "Company"): ("Membership", "member", "organization", "role"),
}
OTHER_EDGE = ("UnknownLink", "subject", "object", "role")


def ftm_entity(record: Record, schema_of: dict[str, str]) -> dict[str, object]:
    """One record as an FtM entity; `schema_of` gives the FtM schema of every node seen so far
    (a node is added to it here). Raises KeyError for an edge whose end was not seen before it."""
    if isinstance(record, Node):
        schema = SCHEMATA.get(record.label, OTHER_SCHEMA)
        schema_of[record.id] = schema
        props: dict[str, list[str]] = {"name": [record.name]}
        if record.aliases:
            props["alias"] = record.aliases
        return {"id": record.id, "schema": schema, "properties": props}
    edge: Edge = record
    ends = (schema_of[edge.from_id], schema_of[edge.to_id])
    schema, start, end, kind = EDGE_SCHEMATA.get(ends, OTHER_EDGE)
    props = {
        start: [edge.from_id],
        end: [edge.to_id],
        kind: [edge.type],
        "summary": [edge.status],
        "publisher": [c.source for c in edge.citations],
        "description": [c.says for c in edge.citations],
    }
    if edge.valid_from:
        props["startDate"] = [edge.valid_from]
    if edge.valid_to:
        props["endDate"] = [edge.valid_to]
    return {"id": edge.id, "schema": schema, "properties": props}


def write_ftm_file(records: Iterable[Record], path: Path) -> tuple[int, int]:
    """Write `records` (nodes before the edges that join them) as FtM JSON lines to `path`;
    return how many nodes and edges were written. Raises KeyError as ftm_entity does."""
    schema_of: dict[str, str] = {}
    nodes = edges = 0
    dumps = json.JSONEncoder(ensure_ascii=False, separators=(",", ":")).encode
    with Path(path).open("w", encoding="utf-8") as out:
        for record in records:
            out.write(dumps(ftm_entity(record, schema_of)) + "\n")
            if isinstance(record, Node):
                nodes += 1
            else:
                edges += 1
    return nodes, edges
