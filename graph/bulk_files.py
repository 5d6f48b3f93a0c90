"""Records as the CSV files that Neo4j's offline importer (`neo4j-admin database import full`) reads.

One file of nodes per label and one of relationships per type, each with a typed header taken
from the schema, so the importer builds exactly the properties that `Neo4jStore.write` would:

    id:ID,name,search_keys:string[],aliases:string[],...          (Person.nodes.csv)
    :START_ID,:END_ID,id,status,valid_from,...,sources:string[]   (HOLDS_OFFICE.relationships.csv)

Rows are written as the records stream past, so memory stays flat however large the input: only
the open files are held. List values are joined with ARRAY_DELIMITER, a control character that no
value may hold (the loaders refuse control characters in names and quotes).
"""

from __future__ import annotations

import csv
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any

from graph.errors import SchemaError
from graph.model import Edge, Node, Record
from graph.schema import SCHEMA, Property

ARRAY_DELIMITER = "\x1f"  # the ASCII unit separator
NODE_ID = "id:ID"
EDGE_ENDS = (":START_ID", ":END_ID")
_HEADER_TYPES = {"list": "string[]", "int": "long", "number": "double", "fraction": "double"}
_NODE_EXTRA = {"name": "str", "search_keys": "list"}  # every node carries these (Node.to_properties)
_EDGE_CORE = {
    "id": "str",
    "status": "str",
    "valid_from": "str",
    "valid_to": "str",
    "sources": "list",
    "says": "list",
}  # Edge.to_properties


@dataclass
class ImportFiles:
    """The files written, by label and by relationship type, and how many rows each holds."""

    folder: Path
    nodes: dict[str, Path] = field(default_factory=dict)
    relationships: dict[str, Path] = field(default_factory=dict)
    rows: dict[Path, int] = field(default_factory=dict)

    def importer_arguments(self) -> list[str]:
        """The `--nodes` and `--relationships` arguments of `neo4j-admin database import full`."""
        base = SCHEMA.base_label
        args = [f"--nodes={base}:{label}={path}" for label, path in self.nodes.items()]
        args += [f"--relationships={rel_type}={path}" for rel_type, path in self.relationships.items()]
        return args


def node_columns(label: str) -> dict[str, str]:
    """Property name to value kind for a node of `label`, in header order."""
    own = SCHEMA.label(label).properties
    kinds = {"id": "str", **_NODE_EXTRA}
    kinds.update({name: p.kind for name, p in SCHEMA.node_properties.items() if name not in kinds})
    kinds.update({name: p.kind for name, p in own.items()})
    return kinds


def edge_columns(rel_type: str) -> dict[str, str]:
    """Property name to value kind for a relationship of `rel_type`, in header order."""
    declared: dict[str, Property] = {**SCHEMA.edge_properties, **SCHEMA.relationship(rel_type).properties}
    kinds = dict(_EDGE_CORE)
    kinds.update({name: p.kind for name, p in declared.items() if name not in kinds})
    return kinds


def header(columns: dict[str, str], ends: tuple[str, ...]) -> list[str]:
    """A typed header row: the ends (or the id column) first, then `name:type` per property."""
    cells = list(ends)
    for name, kind in columns.items():
        if name == "id" and not ends:
            cells.insert(0, NODE_ID)
            continue
        suffix = _HEADER_TYPES.get(kind)
        cells.append(f"{name}:{suffix}" if suffix else name)
    return cells


def _cell(value: Any, where: str) -> Any:
    if value is None:
        return None  # an empty field: the importer sets no property, as Neo4j stores no nulls
    if isinstance(value, list):
        for item in value:
            if ARRAY_DELIMITER in item:
                raise SchemaError(f"{where}: a value holds the array delimiter U+001F")
        return ARRAY_DELIMITER.join(value)
    return value


class ImportWriter:
    """Writes records into `folder` as they come; `close()` returns the ImportFiles."""

    def __init__(self, folder: Path) -> None:
        self.files = ImportFiles(Path(folder))
        self.files.folder.mkdir(parents=True, exist_ok=True)
        self._open: dict[str, tuple[IO[str], Any, dict[str, str]]] = {}

    def _writer(self, key: str, path: Path, columns: dict[str, str], ends: tuple[str, ...]) -> Any:
        if key not in self._open:
            handle = path.open("w", encoding="utf-8", newline="")
            writer = csv.writer(handle, lineterminator="\n")
            writer.writerow(header(columns, ends))
            self._open[key] = (handle, writer, columns)
            self.files.rows[path] = 0
        return self._open[key][1]

    def write(self, records: Iterable[Record]) -> ImportFiles:
        """Write every record; raises SchemaError for a property the schema does not declare."""
        for record in records:
            if isinstance(record, Node):
                self._write_node(record)
            else:
                self._write_edge(record)
        return self.files

    def _write_node(self, node: Node) -> None:
        path = self.files.folder / f"{node.label}.nodes.csv"
        columns = node_columns(node.label)
        writer = self._writer(f"node:{node.label}", path, columns, ())
        self.files.nodes[node.label] = path
        props = node.to_properties()
        self._check(props, columns, f"node '{node.id}'")
        writer.writerow([_cell(props.get(name), f"node '{node.id}'") for name in columns])
        self.files.rows[path] += 1

    def _write_edge(self, edge: Edge) -> None:
        path = self.files.folder / f"{edge.type}.relationships.csv"
        columns = edge_columns(edge.type)
        writer = self._writer(f"edge:{edge.type}", path, columns, EDGE_ENDS)
        self.files.relationships[edge.type] = path
        props = edge.to_properties()
        self._check(props, columns, f"edge '{edge.id}'")
        row = [edge.from_id, edge.to_id]
        row += [_cell(props.get(name), f"edge '{edge.id}'") for name in columns]
        writer.writerow(row)
        self.files.rows[path] += 1

    @staticmethod
    def _check(props: dict[str, Any], columns: dict[str, str], where: str) -> None:
        unknown = set(props) - set(columns)
        if unknown:
            raise SchemaError(
                f"{where}: properties the schema does not declare: {', '.join(sorted(unknown))}"
            )

    def close(self) -> ImportFiles:
        for handle, _, _ in self._open.values():
            handle.close()
        self._open.clear()
        return self.files


def write_import_files(records: Iterable[Record], folder: Path) -> ImportFiles:
    """Write `records` as importer CSV files in `folder` (streaming) and say which were written."""
    writer = ImportWriter(folder)
    try:
        writer.write(records)
    finally:
        files = writer.close()
    return files
