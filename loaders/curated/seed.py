"""Read the seed YAML files into validated nodes and edges.

Every problem in every file is collected and reported together, each with its file, line, record
and field; if there is any, nothing is returned, so a store is never half-written. A record with
a control character in any of its text (a line break in a name, say) is refused whole, so that no
file can forge lines of output (loaders/curated/text.py).

>>> records = load_seed(Path("tests/fixtures/network.yaml"))
>>> sum(isinstance(r, Edge) for r in records), records[0].name
(12, 'Verdict in the minister case')
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import yaml

from csn.graph.errors import DataError, Problem
from csn.graph.model import Citation, Edge, Node, Record
from csn.graph.schema import ID_PATTERN, SCHEMA, Property, Schema, check_value
from csn.loaders.curated.claims import CLAIMS_SUFFIX
from csn.loaders.curated.text import control_characters
from csn.loaders.curated.yaml_lines import line_of, read_yaml
from csn.loaders.resolution.resolutions import RESOLUTIONS_FILE

SECTIONS = ("sources", "nodes", "edges")
SOURCE_LABEL = SCHEMA.source_label  # the schema's document label
EDGE_KEYS = ("from", "to", "type", "sources")


def seed_files(path: Path) -> list[Path]:
    """The YAML files under `path` (or `path` itself), in a stable order. Files named
    `*.claims.yaml` hold the article's claims, not facts, and are left out (csn.loaders.curated.claims), as is
    `resolutions.yaml`, the decisions on list entries (csn.loaders.resolution.resolutions)."""
    if path.is_dir():
        return sorted(
            p
            for p in path.rglob("*.y*ml")
            if p.suffix in (".yaml", ".yml")
            and not p.name.endswith(CLAIMS_SUFFIX)
            and p.name != RESOLUTIONS_FILE
        )
    return [path]


def load_seed(*paths: Path, schema: Schema = SCHEMA) -> list[Record]:
    """Nodes (sources included) then edges from the given files or folders.

    Raises DataError listing every problem found; nothing is returned unless all is valid.
    """
    files = [f for p in paths for f in seed_files(Path(p))]
    checker = _Checker(schema)
    for file in files:
        checker.read_file(file)
    return checker.finish()


def _plain(value: Any, prop: Property | None) -> Any:
    """YAML turns 2024-06-26 into a date and 2024 into an int; dates are kept as text."""
    if isinstance(value, dt.date):
        return value.isoformat()
    if prop is not None and prop.kind == "date" and isinstance(value, int):
        return str(value)
    return value


class _Checker:
    """Collects records and problems across files; resolves references once all are read."""

    def __init__(self, schema: Schema):
        self.schema = schema
        self.problems: list[Problem] = []
        self.nodes: dict[str, Node] = {}
        self.node_origin: dict[str, str] = {}
        self.broken_ids: set[str] = set()  # nodes with problems: edges to them say nothing more
        self.pending_edges: list[tuple[str, str, int | None, dict[str, Any]]] = []

    def problem(self, file: str, record: str, field: str, message: str, line: int | None) -> None:
        self.problems.append(Problem(file, record, field, message, line))

    def read_file(self, path: Path) -> None:
        file = _shown(path)
        try:
            document = read_yaml(path)
        except yaml.YAMLError as error:
            mark = getattr(error, "problem_mark", None)
            line = mark.line + 1 if mark else None
            reason = getattr(error, "problem", None) or str(error)
            self.problem(file, "-", "-", f"YAML syntax error: {reason}", line)
            return
        if document is None:
            return
        if not isinstance(document, dict):
            self.problem(file, "-", "-", "must be a mapping with sources, nodes or edges", 1)
            return
        for key in document:
            bad_key = next(control_characters({key: None}), None)
            if bad_key:
                self.problem(file, "-", "-", bad_key[1], 1)
            elif key not in SECTIONS:
                self.problem(file, "-", str(key), f"unknown section; use {', '.join(SECTIONS)}", 1)
        for section in SECTIONS:
            records = document.get(section) or []
            if not isinstance(records, list):
                self.problem(file, section, "-", "must be a list", line_of(document))
                continue
            for index, raw in enumerate(records, start=1):
                record = f"{section[:-1]} #{index}"
                if not isinstance(raw, dict):
                    self.problem(file, record, "-", "must be a mapping", line_of(document))
                elif self.refused_for_control_characters(file, section, record, raw):
                    continue
                elif section == "edges":
                    self.pending_edges.append((file, record, line_of(raw), raw))
                else:
                    label = SOURCE_LABEL if section == "sources" else raw.get("label")
                    self.read_node(file, record, raw, label)

    def refused_for_control_characters(
        self, file: str, section: str, record: str, raw: dict[str, Any]
    ) -> bool:
        """Record a problem for each string of `raw` that holds a control character; True if any.

        The record is then read no further (its text is never echoed in another message), and
        edges to a node refused here say nothing more.
        """
        found = list(control_characters(raw))
        if not found:
            return False
        node_id = raw.get("id")
        if section != "edges" and isinstance(node_id, str) and "id" not in dict(found):
            record = f"{section[:-1]} '{node_id}'"
            self.broken_ids.add(node_id)
        for field, message in found:
            self.problem(file, record, field, message, line_of(raw))
        return True

    def read_node(self, file: str, record: str, raw: dict[str, Any], label: Any) -> None:
        line = line_of(raw)
        node_id = raw.get("id")
        if isinstance(node_id, str):
            record = f"{record.split(' ')[0]} '{node_id}'"
            self.broken_ids.add(node_id)
        if label not in self.schema.labels:
            known = ", ".join(self.schema.labels)
            self.problem(file, record, "label", f"unknown label '{label}'; known: {known}", line)
            return
        values = self.check_properties(file, record, line, raw, self.node_declared(label), ("label",))
        if values is None:
            return
        if not ID_PATTERN.match(values["id"]):
            self.problem(file, record, "id", "use lower-case letters, digits and hyphens", line)
            return
        if values["id"] in self.nodes:
            first = self.node_origin[values["id"]]
            self.problem(file, record, "id", f"duplicate id, first defined in {first}", line)
            return
        name = values.pop("title") if label == SOURCE_LABEL else values.pop("name")
        node = Node(id=values.pop("id"), label=label, name=name, properties=values)
        if label == SOURCE_LABEL:
            node.properties["title"] = name
        self.nodes[node.id] = node
        self.node_origin[node.id] = f"{file}:{line}" if line else file
        self.broken_ids.discard(node.id)

    def node_declared(self, label: str) -> dict[str, Property]:
        """The properties a node of `label` may have; a Source's name is its title."""
        own = self.schema.labels[label].properties
        if label == SOURCE_LABEL:
            return {"id": self.schema.node_properties["id"], **own}
        return {**self.schema.node_properties, **own}

    def check_properties(
        self,
        file: str,
        record: str,
        line: int | None,
        raw: dict[str, Any],
        declared: dict[str, Property],
        skip: tuple[str, ...],
    ) -> dict[str, Any] | None:
        """Values of `raw` checked against `declared`; None if any problem was recorded."""
        before = len(self.problems)
        values: dict[str, Any] = {}
        for key, value in raw.items():
            if key in skip:
                continue
            prop = declared.get(key)
            if prop is None:
                self.problem(file, record, str(key), "not a property the schema declares here", line)
                continue
            value = _plain(value, prop)
            if value is None:
                continue
            reason = check_value(prop, value, self.schema.evidence)
            if reason:
                self.problem(file, record, key, reason, line)
            else:
                values[key] = value
        for name, prop in declared.items():
            if prop.required and raw.get(name) is None:
                self.problem(file, record, name, "required", line)
        return values if len(self.problems) == before else None

    def read_edge(self, file: str, record: str, line: int | None, raw: dict[str, Any]) -> Edge | None:
        before = len(self.problems)
        ends = {}
        for end in ("from", "to"):
            node_id = raw.get(end)
            if node_id is None:
                self.problem(file, record, end, "required", line)
            elif node_id in self.nodes:
                ends[end] = self.nodes[node_id]
            elif node_id not in self.broken_ids:
                self.problem(file, record, end, f"no node with id '{node_id}'", line)
        rel_name = raw.get("type")
        rel = self.schema.relationships.get(rel_name) if isinstance(rel_name, str) else None
        if rel_name is None:
            self.problem(file, record, "type", "required", line)
        elif rel is None:
            known = ", ".join(self.schema.relationships)
            self.problem(
                file, record, "type", f"unknown relationship type '{rel_name}'; known: {known}", line
            )
        if rel is not None and len(ends) == 2 and not rel.allows(ends["from"].label, ends["to"].label):
            self.problem(
                file,
                record,
                "type",
                f"{rel.name} may not join {ends['from'].label} to {ends['to'].label}; "
                f"it joins {'/'.join(rel.from_labels)} to {'/'.join(rel.to_labels)}",
                line,
            )
        citations = self.read_citations(file, record, line, raw.get("sources"))
        values = None
        if rel is not None:
            declared = {**self.schema.edge_properties, **rel.properties}
            values = self.check_properties(file, record, line, raw, declared, EDGE_KEYS)
        if values is not None:
            valid_from, valid_to = values.get("valid_from"), values.get("valid_to")
            if valid_from and valid_to and valid_to + "~" < valid_from:
                self.problem(file, record, "valid_to", f"{valid_to} is before valid_from {valid_from}", line)
        if len(self.problems) != before or rel is None or values is None or len(ends) < 2:
            return None
        edge_id = values.pop("id", None) or _derived_id(raw, values.get("valid_from"))
        return Edge(
            id=edge_id,
            type=rel.name,
            from_id=raw["from"],
            to_id=raw["to"],
            status=values.pop("status"),
            citations=citations,
            valid_from=values.pop("valid_from", None),
            valid_to=values.pop("valid_to", None),
            properties=values,
        )

    def read_citations(self, file, record, line, raw: Any) -> tuple[Citation, ...]:
        if not raw:
            self.problem(file, record, "sources", "every edge cites at least one source", line)
            return ()
        if not isinstance(raw, list):
            self.problem(file, record, "sources", "must be a list of {source, says}", line)
            return ()
        citations = []
        for index, item in enumerate(raw, start=1):
            field = f"sources[{index}]"
            if not isinstance(item, dict) or set(item) - {"source", "says"}:
                self.problem(file, record, field, "must be a mapping with source and says", line)
                continue
            source_id, says = item.get("source"), item.get("says")
            node = self.nodes.get(source_id) if isinstance(source_id, str) else None
            if isinstance(source_id, str) and source_id in self.broken_ids:
                continue  # the source's own problems are reported; the load fails anyway
            if not isinstance(source_id, str) or node is None or node.label != SOURCE_LABEL:
                self.problem(file, record, f"{field}.source", f"no source with id '{source_id}'", line)
            elif not isinstance(says, str) or not says.strip():
                self.problem(file, record, f"{field}.says", "say what the source says", line)
            else:
                citations.append(Citation(source_id, says.strip()))
        return tuple(citations)

    def finish(self) -> list[Record]:
        edges: dict[str, Edge] = {}
        edge_origin: dict[str, str] = {}
        for file, record, line, raw in self.pending_edges:
            edge = self.read_edge(file, record, line, raw)
            if edge is None:
                continue
            if edge.id in edges:
                first = edge_origin[edge.id]
                self.problem(
                    file,
                    record,
                    "id",
                    f"duplicate edge id '{edge.id}', first defined in {first}; give one an explicit id",
                    line,
                )
                continue
            edges[edge.id] = edge
            edge_origin[edge.id] = f"{file}:{line}" if line else file
        if self.problems:
            raise DataError(self.problems)
        return [*self.nodes.values(), *edges.values()]


def _shown(path: Path) -> str:
    """The path as the user will recognise it: relative to the working folder when inside it."""
    try:
        return str(path.resolve().relative_to(Path.cwd()))
    except ValueError:
        return str(path)


def _derived_id(raw: dict[str, Any], valid_from: str | None) -> str:
    parts = [raw["from"], raw["type"].lower().replace("_", "-"), raw["to"]]
    if valid_from:
        parts.append(valid_from)
    return "--".join(parts)
