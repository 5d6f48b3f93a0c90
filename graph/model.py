"""Typed records that loaders produce and stores hold: nodes, edges and the citations on edges.

Stores keep them as flat property maps (`Node.to_properties`, `Edge.to_properties`) so that the
in-memory graph and Neo4j hold exactly the same values.
"""

from __future__ import annotations

import marshal
import unicodedata
from dataclasses import dataclass, field
from typing import Any


def normalise_name(text: str) -> str:
    """Fold case and accents so that 'Moise' finds 'Moïse' and 'joh' finds 'JOH'."""
    if not text.isascii():  # ASCII has no accents to take off (NFKD leaves it as it is)
        decomposed = unicodedata.normalize("NFKD", text)
        text = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return " ".join(text.casefold().split())


@dataclass(frozen=True, slots=True)
class Citation:
    """One source cited for a fact, and what that source says about it."""

    source: str
    says: str


@dataclass(frozen=True, slots=True)
class Node:
    """An entity: a label from the schema, a stable id, a name, and declared properties."""

    id: str
    label: str
    name: str
    properties: dict[str, Any] = field(default_factory=dict)

    @property
    def aliases(self) -> list[str]:
        return list(self.properties.get("aliases") or [])

    @property
    def search_keys(self) -> list[str]:
        """The normalised name and aliases that name lookup matches against."""
        keys = [normalise_name(self.name)] + [normalise_name(a) for a in self.aliases]
        return list(dict.fromkeys(keys))

    def to_properties(self) -> dict[str, Any]:
        return {
            **self.properties,
            "id": self.id,
            "name": self.name,
            "search_keys": self.search_keys,
        }

    @classmethod
    def from_properties(cls, label: str, properties: dict[str, Any]) -> Node:
        rest = {k: v for k, v in properties.items() if k not in ("id", "name", "search_keys")}
        return cls(id=properties["id"], label=label, name=properties["name"], properties=rest)


@dataclass(frozen=True, slots=True)
class Edge:
    """A fact: a typed relationship with its evidence status, validity dates and sources."""

    id: str
    type: str
    from_id: str
    to_id: str
    status: str
    citations: tuple[Citation, ...]
    valid_from: str | None = None
    valid_to: str | None = None
    properties: dict[str, Any] = field(default_factory=dict)

    def holds_on(self, as_of: str | None) -> bool:
        """Whether the fact held on `as_of` (YYYY-MM-DD); every fact holds when as_of is None.

        A partial date covers its whole period: valid_to '2023-09' still holds on 2023-09-30.
        """
        if as_of is None:
            return True
        if self.valid_from is not None and self.valid_from > as_of:
            return False
        return self.valid_to is None or as_of <= self.valid_to + "~"

    @property
    def period(self) -> str:
        """When the fact held, in the words every output uses: 'since 2012', 'until 2022-01-01'
        (known only to have ended, as a delisted listing), '2010-01 to 2014', or 'dates unknown'.

        >>> Edge("e", "SANCTIONED_BY", "a", "b", "sanctioned", (), valid_to="2022-01-01").period
        'until 2022-01-01'
        """
        if self.valid_from and self.valid_to:
            return f"{self.valid_from} to {self.valid_to}"
        if self.valid_from:
            return f"since {self.valid_from}"
        if self.valid_to:
            return f"until {self.valid_to}"
        return "dates unknown"

    def to_properties(self) -> dict[str, Any]:
        """Flat properties as both stores keep them (sources and quotes as parallel lists)."""
        return {
            **self.properties,
            "id": self.id,
            "status": self.status,
            "valid_from": self.valid_from,
            "valid_to": self.valid_to,
            "sources": [c.source for c in self.citations],
            "says": [c.says for c in self.citations],
        }

    @classmethod
    def from_properties(cls, rel_type: str, from_id: str, to_id: str, properties: dict[str, Any]) -> Edge:
        reserved = ("id", "status", "valid_from", "valid_to", "sources", "says")
        rest = {k: v for k, v in properties.items() if k not in reserved and v is not None}
        citations = tuple(
            Citation(source, says)
            for source, says in zip(properties["sources"], properties["says"], strict=True)
        )
        return cls(
            id=properties["id"],
            type=rel_type,
            from_id=from_id,
            to_id=to_id,
            status=properties["status"],
            citations=citations,
            valid_from=properties.get("valid_from"),
            valid_to=properties.get("valid_to"),
            properties=rest,
        )


Record = Node | Edge


Row = tuple[Any, ...]


def record_row(record: Node | Edge) -> Row:
    """A record as a tuple of plain values (4 for a node, 9 for an edge), the form in which the
    embedded store keeps records it has not been asked for since it was read back from disk."""
    if isinstance(record, Node):
        return (record.id, record.label, record.name, record.properties)
    citations = tuple((c.source, c.says) for c in record.citations)
    return (record.id, record.type, record.from_id, record.to_id, record.status, citations,
            record.valid_from, record.valid_to, record.properties)  # fmt: skip


def packed_row(record: Node | Edge) -> bytes | Row:
    """A record's row (record_row) packed by marshal into one bytes object: read back from a pickle,
    that is one object instead of the dozens of its values (with a million records kept, 2.9 s of
    the 3.5 s the embedded store took to unpickle went to the rows). A row marshal cannot write
    stays a row."""
    row = record_row(record)
    try:
        return marshal.dumps(row)
    except ValueError:  # a value of a type marshal does not know
        return row


def stored_record(attributes: dict[str, Any]) -> Any:
    """The record kept in a graph element's `attributes`, made from its row (or packed row) the
    first time it is asked for, and kept made (see record_row, packed_row).

    >>> attributes = {"record": packed_row(Node("a", "Person", "Ana"))}
    >>> stored_record(attributes), type(attributes["record"]).__name__
    (Node(id='a', label='Person', name='Ana', properties={}), 'Node')
    """
    record = attributes["record"]
    if type(record) is bytes:
        record = marshal.loads(record)
    if type(record) is tuple:
        if len(record) == 4:
            record = Node(*record)
        else:
            cited = tuple(Citation(source, says) for source, says in record[5])
            record = Edge(record[0], record[1], record[2], record[3], record[4], cited, *record[6:])
        attributes["record"] = record
    return record
