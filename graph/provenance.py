"""Where the values of a merged node came from: a list edition and its entry, or the curated facts.

When list entries merge into one node (csn.loaders.resolution.merging), their aliases,
identifiers, birth dates, place of birth, nationalities and addresses are folded into that node.
So that an investigator can still tell that a birth date comes from the UN and not from OFAC,
each such property P has a companion `P_from`, declared in graph/schema.yaml, that holds item
for item the origins of P's values, several joined by "; ". Both stores keep them as they keep
every property (lists of strings; a string for `birth_place`), so the embedded store and Neo4j
hold the same values, and Cypher reads them by position:

    MATCH (n:Entity {id: $id})
    RETURN [i IN range(0, size(n.birth_dates) - 1) | n.birth_dates[i] + ' from ' + n.birth_dates_from[i]]

Only merged nodes carry them: the values of a node merged from nothing come from that node's own
list entry (its listing edges say which) or from the curated facts.

>>> node = Node("ofac-sdn-1", "Person", "KATANGA, Germain", {
...     "birth_dates": ["1978-04-28", "1978"],
...     "birth_dates_from": [
...         "ofac-sdn 2021-07-01, entry ofac-sdn-1; un-sc 2026-02-27, entry un-cdi-006",
...         "un-sc 2026-02-27, entry un-cdi-006",
...     ],
... })
>>> for value in sourced_values(node):
...     print(value.field, value.value, value.origins)
birth_dates 1978-04-28 ('ofac-sdn 2021-07-01, entry ofac-sdn-1', 'un-sc 2026-02-27, entry un-cdi-006')
birth_dates 1978 ('un-sc 2026-02-27, entry un-cdi-006',)
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from csn.graph.model import Node
from csn.graph.schema import SCHEMA

SUFFIX = "_from"
SEPARATOR = "; "
CURATED = "curated facts"
# The properties whose values keep their origins: those with a `_from` companion in the schema.
TRACED = tuple(name for name in SCHEMA.node_properties if name + SUFFIX in SCHEMA.node_properties)
ORIGIN_PROPERTIES = frozenset(name + SUFFIX for name in TRACED)


@dataclass(frozen=True)
class SourcedValue:
    """One value of a node's traced property, with the origins that gave it (none when the node
    was merged from nothing)."""

    field: str
    value: str
    origins: tuple[str, ...]

    def described(self) -> str:
        """The value with its origins in words: '1978 (from un-sc 2026-02-27, entry un-cdi-006)'."""
        return f"{self.value} (from {SEPARATOR.join(self.origins)})" if self.origins else self.value


def entry_origin(list_key: str, date: str, entry_id: str) -> str:
    """The origin of a value an entry of a list edition gives.

    >>> entry_origin("un-sc", "2026-02-27", "un-cdi-006")
    'un-sc 2026-02-27, entry un-cdi-006'
    """
    return f"{list_key} {date}, entry {entry_id}"


def origins_property(name: str) -> str:
    """The property that holds the origins of property `name`'s values: 'birth_dates_from'."""
    return name + SUFFIX


def joined(origins: Iterable[str]) -> str:
    """Several origins of one value as the one string a `_from` item holds."""
    return SEPARATOR.join(dict.fromkeys(origins))


def sourced_values(node: Node) -> list[SourcedValue]:
    """Every value of the node's traced properties (TRACED, in the schema's order), each with
    its origins."""
    found: list[SourcedValue] = []
    for name in TRACED:
        values = node.properties.get(name)
        if not values:
            continue
        held = node.properties.get(origins_property(name))
        if isinstance(values, str):
            values, held = [values], [held] if held else None
        for index, value in enumerate(values):
            origin = held[index] if held and index < len(held) else ""
            found.append(SourcedValue(name, value, tuple(origin.split(SEPARATOR)) if origin else ()))
    return found
