"""The graph's vocabulary, read once from `schema.yaml` and checked at import.

Everything that names a label, a relationship type or an evidence status asks this module:

>>> SCHEMA.relationship("CONVICTED_BY").allows("Person", "Authority")
True
>>> SCHEMA.rank("convicted") > SCHEMA.rank("reported")
True
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from csn.graph.errors import SchemaError

SCHEMA_FILE = Path(__file__).with_name("schema.yaml")

VALUE_KINDS = ("str", "list", "date", "url", "status", "fraction", "int", "number")

DATE_PATTERN = re.compile(r"^\d{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12]\d|3[01]))?)?$")
ID_PATTERN = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")
URL_PATTERN = re.compile(r"^https?://[^\s/$.?#][^\s]*$")


@dataclass(frozen=True)
class Property:
    """A declared property: its value kind, whether it is required, and allowed values if closed."""

    name: str
    kind: str
    required: bool
    description: str
    choices: tuple[str, ...] = ()


@dataclass(frozen=True)
class Label:
    """A node label with its own properties (beside the common ones) and how to draw it."""

    name: str
    description: str
    role: str
    colour: str
    shape: str
    properties: dict[str, Property] = field(default_factory=dict)


@dataclass(frozen=True)
class RelationshipType:
    """A relationship type: what it means, its category and the labels it may join."""

    name: str
    category: str
    meaning: str
    from_labels: tuple[str, ...]
    to_labels: tuple[str, ...]
    properties: dict[str, Property] = field(default_factory=dict)
    makes_state_actor: bool = False
    is_listing: bool = False

    def allows(self, from_label: str, to_label: str) -> bool:
        return from_label in self.from_labels and to_label in self.to_labels


@dataclass(frozen=True)
class Status:
    """A step of the evidence ladder."""

    name: str
    rank: int
    dashes: bool | list[int]
    description: str


TRACED_VALUES = ("always", "last", "never")


@dataclass(frozen=True)
class Category:
    """A group of relationship types, and whether trace walks them (always, last hop only, never)."""

    name: str
    traced: str
    description: str


@dataclass(frozen=True)
class Schema:
    base_label: str
    node_properties: dict[str, Property]
    edge_properties: dict[str, Property]
    labels: dict[str, Label]
    relationships: dict[str, RelationshipType]
    evidence: dict[str, Status]
    categories: dict[str, Category]

    def label(self, name: str) -> Label:
        """The label called `name`; raises SchemaError if the schema has none."""
        try:
            return self.labels[name]
        except KeyError:
            raise SchemaError(f"unknown label '{name}'; known: {', '.join(self.labels)}") from None

    def relationship(self, name: str) -> RelationshipType:
        """The relationship type called `name`; raises SchemaError if the schema has none."""
        try:
            return self.relationships[name]
        except KeyError:
            known = ", ".join(self.relationships)
            raise SchemaError(f"unknown relationship type '{name}'; known: {known}") from None

    def status(self, name: str) -> Status:
        """The evidence status called `name`; raises SchemaError if the ladder has none."""
        try:
            return self.evidence[name]
        except KeyError:
            known = ", ".join(self.evidence)
            raise SchemaError(f"unknown status '{name}'; known: {known}") from None

    def rank(self, status: str) -> int:
        return self.status(status).rank

    def labels_with_role(self, *roles: str) -> tuple[str, ...]:
        return tuple(name for name, label in self.labels.items() if label.role in roles)

    @property
    def office_types(self) -> tuple[str, ...]:
        """Relationship types whose subject counts as a state actor while the edge holds."""
        return tuple(name for name, rel in self.relationships.items() if rel.makes_state_actor)

    @property
    def listing_types(self) -> tuple[str, ...]:
        """Relationship types that put an entity on a sanctions or designation list."""
        return tuple(name for name, rel in self.relationships.items() if rel.is_listing)

    @property
    def source_label(self) -> str:
        """The label of the documents that edges cite."""
        return self.labels_with_role("source")[0]

    def types_traced(self, how: str) -> tuple[str, ...]:
        """Relationship types whose category trace walks `how`: always, last (hop) or never."""
        return tuple(
            name for name, rel in self.relationships.items() if self.categories[rel.category].traced == how
        )

    def node_properties_of(self, label: str) -> dict[str, Property]:
        """Every property a node of `label` may have: the common ones and its label's own."""
        return {**self.label(label).properties, **self.node_properties}

    def edge_properties_of(self, rel_type: str) -> dict[str, Property]:
        """Every property an edge of `rel_type` may have: the common ones and its type's own."""
        return {**self.relationship(rel_type).properties, **self.edge_properties}

    def node_property(self, label: str, name: str) -> Property:
        """A property nodes of `label` have; raises SchemaError if they have none of that name."""
        return _declared(self.node_properties_of(label), name, f"label {label}")

    def edge_property(self, rel_type: str, name: str) -> Property:
        """A property edges of `rel_type` have; raises SchemaError if they have none of that name."""
        return _declared(self.edge_properties_of(rel_type), name, f"relationship type {rel_type}")


def _declared(properties: dict[str, Property], name: str, owner: str) -> Property:
    try:
        return properties[name]
    except KeyError:
        raise SchemaError(f"the {owner} has no property '{name}'; it has {', '.join(properties)}") from None


def check_value(prop: Property, value: object, evidence: dict[str, Status]) -> str | None:
    """Why `value` is not valid for `prop`, or None if it is."""
    if prop.kind == "list":
        if not isinstance(value, list) or not all(isinstance(v, str) and v for v in value):
            return "must be a list of non-empty strings"
        return None
    if prop.kind == "int":
        return None if isinstance(value, int) and not isinstance(value, bool) else "must be a whole number"
    if prop.kind == "number":
        ok = isinstance(value, (int, float)) and not isinstance(value, bool)
        return None if ok else "must be a number"
    if prop.kind == "fraction":
        ok = isinstance(value, (int, float)) and not isinstance(value, bool) and 0 <= value <= 1
        return None if ok else "must be a number from 0 to 1"
    if not isinstance(value, str) or not value.strip():
        return "must be a non-empty string"
    if prop.kind == "date" and not DATE_PATTERN.match(value):
        return f"'{value}' is not a date (YYYY, YYYY-MM or YYYY-MM-DD)"
    if prop.kind == "url" and not URL_PATTERN.match(value):
        return f"'{value}' is not an http(s) URL"
    if prop.kind == "status" and value not in evidence:
        return f"unknown status '{value}'; known: {', '.join(evidence)}"
    if prop.choices and value not in prop.choices:
        return f"'{value}' is not one of {', '.join(prop.choices)}"
    return None


def _properties(raw: dict | None, where: str) -> dict[str, Property]:
    properties = {}
    for name, spec in (raw or {}).items():
        kind = spec.get("type")
        if kind not in VALUE_KINDS:
            raise SchemaError(f"{where}.{name}: type '{kind}' is not one of {', '.join(VALUE_KINDS)}")
        if not spec.get("description"):
            raise SchemaError(f"{where}.{name}: a description is required")
        properties[name] = Property(
            name=name,
            kind=kind,
            required=bool(spec.get("required", False)),
            description=spec["description"],
            choices=tuple(spec.get("choices", ())),
        )
    return properties


def load_schema(path: Path = SCHEMA_FILE) -> Schema:
    """Read and check a schema file; raises SchemaError naming what is inconsistent."""
    # libyaml's loader where PyYAML has it: every command reads the schema as it starts (45 ms
    # with the pure-Python loader, 4 ms with libyaml's).
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    raw = yaml.load(path.read_text(encoding="utf-8"), Loader=loader)
    labels = {}
    for name, spec in raw["labels"].items():
        display = spec.get("display") or {}
        if not spec.get("description") or not display.get("colour") or not display.get("shape"):
            raise SchemaError(f"label {name}: description and display colour and shape are required")
        labels[name] = Label(
            name=name,
            description=spec["description"],
            role=spec.get("role", "other"),
            colour=display["colour"],
            shape=display["shape"],
            properties=_properties(spec.get("properties"), f"labels.{name}"),
        )
    categories = {}
    for name, spec in raw["categories"].items():
        if spec.get("traced") not in TRACED_VALUES:
            raise SchemaError(f"category {name}: traced must be one of {', '.join(TRACED_VALUES)}")
        categories[name] = Category(name, spec["traced"], spec["description"])
    relationships = {}
    for name, spec in raw["relationships"].items():
        if spec.get("category") not in categories:
            raise SchemaError(f"relationship {name}: unknown category '{spec.get('category')}'")
        for end in ("from", "to"):
            unknown = [label for label in spec[end] if label not in labels]
            if unknown:
                raise SchemaError(f"relationship {name}: unknown {end} label(s) {', '.join(unknown)}")
        if not spec.get("meaning"):
            raise SchemaError(f"relationship {name}: a meaning is required")
        relationships[name] = RelationshipType(
            name=name,
            category=spec["category"],
            meaning=spec["meaning"],
            from_labels=tuple(spec["from"]),
            to_labels=tuple(spec["to"]),
            properties=_properties(spec.get("properties"), f"relationships.{name}"),
            makes_state_actor=bool(spec.get("makes_state_actor", False)),
            is_listing=bool(spec.get("listing", False)),
        )
    evidence = {
        name: Status(name, int(spec["rank"]), spec["dashes"], spec["description"])
        for name, spec in raw["evidence"].items()
    }
    if raw.get("base_label") in labels or not raw.get("base_label"):
        raise SchemaError("base_label must be set and differ from every label")
    return Schema(
        base_label=raw["base_label"],
        node_properties=_properties(raw["node_properties"], "node_properties"),
        edge_properties=_properties(raw["edge_properties"], "edge_properties"),
        labels=labels,
        relationships=relationships,
        evidence=evidence,
        categories=categories,
    )


SCHEMA = load_schema()


def schema_tables(schema: Schema | None = None) -> str:
    """The schema as Markdown tables: labels, relationship types, the evidence ladder (the
    README's schema section is this text; `csn schema` prints it)."""
    schema = schema or SCHEMA
    lines = ["| label | what it is | own properties |", "|---|---|---|"]
    for name, label in schema.labels.items():
        own = ", ".join(f"`{p}`" + ("*" if prop.required else "") for p, prop in label.properties.items())
        lines.append(f"| {name} | {label.description} | {own} |")
    lines += ["", "| relationship | category | from → to | meaning |", "|---|---|---|---|"]
    for name, rel in schema.relationships.items():
        ends = f"{', '.join(rel.from_labels)} → {', '.join(rel.to_labels)}"
        lines.append(f"| {name} | {rel.category} | {ends} | {rel.meaning} |")
    lines += ["", "| status | rank | meaning |", "|---|---|---|"]
    for name, status in schema.evidence.items():
        lines.append(f"| {name} | {status.rank} | {status.description} |")
    return "\n".join(lines)
