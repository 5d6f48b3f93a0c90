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

from csn.graph.errors import SchemaError
from csn.graph.model import Node, Record
from csn.graph.schema import SCHEMA, Property

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


def _joined(values: list[str], where: str) -> str:
    """A list as one array cell; raises SchemaError if an item holds the delimiter."""
    cell = ARRAY_DELIMITER.join(values)
    if cell.count(ARRAY_DELIMITER) != max(0, len(values) - 1):
        raise SchemaError(f"{where}: a value holds the array delimiter U+001F")
    return cell


def _cells(props: dict[str, Any], names: tuple[str, ...], where: str) -> list[Any]:
    """The cells of the properties `names`: None (an empty field: Neo4j stores no nulls, so the
    importer sets no property) when absent, lists joined with ARRAY_DELIMITER."""
    cells = [props.get(name) for name in names]
    for i, value in enumerate(cells):
        if value.__class__ is list:
            cells[i] = _joined(value, where)
    return cells


@dataclass
class _File:
    """One open CSV file and what a row of it needs: the declared property names, in order."""

    handle: IO[str]
    writerow: Any  # csv.writer(...).writerow
    declared: frozenset[str]  # every property a record of this file may carry
    rest: tuple[str, ...]  # the properties after the fixed columns, in header order
    empty: tuple[None, ...]  # the cells of `rest` for a record without properties
    rows: int = 0


class ImportWriter:
    """Writes records into `folder` as they come; `close()` returns the ImportFiles (with the
    row counts, which are filled in then).

    The header and column order of a label or type are worked out once, when its first record
    comes; after that a row is a list built straight from the record's fields (no property map
    is built per record), checked only against the set of declared property names.
    """

    def __init__(self, folder: Path) -> None:
        self.files = ImportFiles(Path(folder))
        self.files.folder.mkdir(parents=True, exist_ok=True)
        self._nodes: dict[str, _File] = {}
        self._edges: dict[str, _File] = {}

    def _open(self, path: Path, columns: dict[str, str], ends: tuple[str, ...], fixed: int) -> _File:
        handle = path.open("w", encoding="utf-8", newline="")
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(header(columns, ends))
        rest = tuple(columns)[fixed:]
        return _File(handle, writer.writerow, frozenset(columns), rest, (None,) * len(rest))

    def write(self, records: Iterable[Record]) -> ImportFiles:
        """Write every record; raises SchemaError for a property the schema does not declare."""
        nodes, edges = self._nodes, self._edges
        for record in records:
            if isinstance(record, Node):
                node = record
                out = nodes.get(node.label) or self._node_file(node.label)
                props = node.properties
                if props:
                    where = f"node '{node.id}'"
                    self._check(props, out.declared, where)
                    rest: Any = _cells(props, out.rest, where)
                else:
                    rest = out.empty
                keys = node.search_keys  # normalised: whitespace, U+001F included, is folded to spaces
                search = keys[0] if len(keys) == 1 else _joined(keys, f"node '{node.id}'")
                out.writerow((node.id, node.name, search, *rest))
            else:
                edge = record
                out = edges.get(edge.type) or self._edge_file(edge.type)
                props = edge.properties
                if props:
                    where = f"edge '{edge.id}'"
                    self._check(props, out.declared, where)
                    rest = _cells(props, out.rest, where)
                else:
                    rest = out.empty
                citations = edge.citations
                if len(citations) == 1:
                    sources, says = citations[0].source, citations[0].says
                    if ARRAY_DELIMITER in sources or ARRAY_DELIMITER in says:
                        raise SchemaError(f"edge '{edge.id}': a value holds the array delimiter U+001F")
                else:
                    where = f"edge '{edge.id}'"
                    sources = _joined([c.source for c in citations], where)
                    says = _joined([c.says for c in citations], where)
                row = (edge.from_id, edge.to_id, edge.id, edge.status, edge.valid_from, edge.valid_to)
                out.writerow((*row, sources or None, says or None, *rest))
            out.rows += 1
        return self.files

    def _node_file(self, label: str) -> _File:
        path = self.files.folder / f"{label}.nodes.csv"
        self._nodes[label] = out = self._open(path, node_columns(label), (), 3)  # id, name, search_keys
        self.files.nodes[label] = path
        return out

    def _edge_file(self, rel_type: str) -> _File:
        path = self.files.folder / f"{rel_type}.relationships.csv"
        self._edges[rel_type] = out = self._open(path, edge_columns(rel_type), EDGE_ENDS, len(_EDGE_CORE))
        self.files.relationships[rel_type] = path
        return out

    @staticmethod
    def _check(props: dict[str, Any], declared: frozenset[str], where: str) -> None:
        if not declared.issuperset(props):
            unknown = set(props) - declared
            raise SchemaError(
                f"{where}: properties the schema does not declare: {', '.join(sorted(unknown))}"
            )

    def close(self) -> ImportFiles:
        for label, out in self._nodes.items():
            self.files.rows[self.files.nodes[label]] = out.rows
            out.handle.close()
        for rel_type, out in self._edges.items():
            self.files.rows[self.files.relationships[rel_type]] = out.rows
            out.handle.close()
        self._nodes.clear()
        self._edges.clear()
        return self.files


def write_import_files(records: Iterable[Record], folder: Path) -> ImportFiles:
    """Write `records` as importer CSV files in `folder` (streaming) and say which were written."""
    writer = ImportWriter(folder)
    try:
        writer.write(records)
    finally:
        files = writer.close()
    return files
