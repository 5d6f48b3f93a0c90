"""Everything known about one entity: its facts grouped by type, a timeline, and the sources.

>>> result = profile(store, "Ana Ríos")
>>> [(f.edge.period, f.sentence) for f in result.timeline()]  # doctest: +NORMALIZE_WHITESPACE
[('2010-01 to 2015-06', '-[HOLDS_OFFICE]-> Government of Aland'),
 ('since 2012', '-[COLLUDES_WITH]-> Río Cartel'),
 ('since 2016-05-02', '-[CONVICTED_BY]-> Aland High Court'),
 ('dates unknown', '<-[FAMILY_OF]- Bo Ríos')]

`values` holds the entity's names, identifiers, birth dates, place of birth, nationalities and
addresses, each with where it came from when the node was merged from list entries
(csn.graph.provenance): which list edition and entry gave a birth date, or the curated facts.

csn.visualize.profile_report writes it as Markdown, with the sources as numbered footnotes.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from csn.graph.model import Edge, Node
from csn.graph.provenance import SourcedValue, sourced_values
from csn.graph.schema import SCHEMA
from csn.graph.store import GraphStore
from csn.queries.evidence import CitedSource, check_as_of, cited
from csn.queries.lookup import resolve

if TYPE_CHECKING:  # pandas is imported in the functions that use it: it costs a second at start-up
    import pandas as pd


@dataclass(frozen=True)
class ProfileFact:
    """A fact about the entity: the edge, the entity at its other end, and its sources."""

    edge: Edge
    other: Node
    outgoing: bool
    sources: tuple[CitedSource, ...]

    @property
    def sentence(self) -> str:
        return (
            f"-[{self.edge.type}]-> {self.other.name}"
            if self.outgoing
            else f"<-[{self.edge.type}]- {self.other.name}"
        )

    @property
    def date(self) -> str | None:
        return self.edge.valid_from or self.edge.valid_to


@dataclass(frozen=True)
class Profile:
    node: Node
    facts: list[ProfileFact]
    as_of: str | None
    min_status: str | None = None
    values: tuple[SourcedValue, ...] = ()

    @property
    def has_origins(self) -> bool:
        """Whether the entity was merged from list entries, so its values say where they came from."""
        return any(value.origins for value in self.values)

    def by_type(self) -> dict[str, list[ProfileFact]]:
        """Facts grouped by relationship type, in the schema's order of types."""
        groups: dict[str, list[ProfileFact]] = {}
        for rel_type in SCHEMA.relationships:
            chosen = [f for f in self.facts if f.edge.type == rel_type]
            if chosen:
                groups[rel_type] = chosen
        return groups

    def timeline(self) -> list[ProfileFact]:
        """Dated facts by date (start, else end), then the undated ones."""
        dated = sorted((f for f in self.facts if f.date), key=lambda f: (f.date, f.edge.id))
        return dated + [f for f in self.facts if not f.date]


def profile(
    store: GraphStore, entity: str, as_of: str | None = None, min_status: str | None = None
) -> Profile:
    """The entity (name or id) with every fact it takes part in. With `as_of`, only the facts
    that had begun by that date (undated facts included), as they stood then; with `min_status`,
    only the facts at least that sure.

    Raises NotFound or Ambiguous for a name, CsnError for a bad date, SchemaError for an unknown
    status.
    """
    as_of = check_as_of(as_of)
    min_rank = SCHEMA.rank(min_status) if min_status else 0
    node = resolve(store, entity)
    edges = [
        e
        for e in store.edges_of(node.id)
        if (as_of is None or not e.valid_from or e.valid_from <= as_of) and SCHEMA.rank(e.status) >= min_rank
    ]
    others = {e.to_id if e.from_id == node.id else e.from_id for e in edges}
    sources = {c.source for e in edges for c in e.citations}
    nodes = store.nodes(others | sources | {node.id})
    facts = [
        ProfileFact(
            edge=e,
            other=nodes[e.to_id if e.from_id == node.id else e.from_id],
            outgoing=e.from_id == node.id,
            sources=tuple(cited(nodes[c.source], c.says) for c in e.citations),
        )
        for e in edges
    ]
    return Profile(node, facts, as_of, min_status, tuple(sourced_values(node)))


LISTING_DETAILS = ("designation", "program", "reference", "list")


def listing_details(edge: Edge) -> str:
    """What a sanction or designation says of itself: 'program VENEZUELA; reference 22790; list ofac-sdn'."""
    shown = [f"{key} {edge.properties[key]}" for key in LISTING_DETAILS if edge.properties.get(key)]
    return "; ".join(shown) or edge.type


PROFILE_COLUMNS = [
    "dates",
    "type",
    "direction",
    "other_id",
    "other",
    "status",
    "valid_from",
    "valid_to",
    "listing",
    "sources",
]


def origins_frame(result: Profile) -> pd.DataFrame:
    """The entity's values with where each came from, one row per value."""
    import pandas as pd

    rows = [{"property": v.field, "value": v.value, "from": "; ".join(v.origins)} for v in result.values]
    return pd.DataFrame(rows, columns=["property", "value", "from"])


def profile_frame(result: Profile) -> pd.DataFrame:
    """The timeline as a table, one row per fact."""
    import pandas as pd

    rows = [
        {
            "dates": f.edge.period,
            "type": f.edge.type,
            "direction": "out" if f.outgoing else "in",
            "other_id": f.other.id,
            "other": f.other.name,
            "status": f.edge.status,
            "valid_from": f.edge.valid_from,
            "valid_to": f.edge.valid_to,
            "listing": listing_details(f.edge) if f.edge.type in SCHEMA.listing_types else "",
            "sources": " | ".join(s.citation() for s in f.sources),
        }
        for f in result.timeline()
    ]
    return pd.DataFrame(rows, columns=PROFILE_COLUMNS)
