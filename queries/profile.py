"""Everything known about one entity: its facts grouped by type, a timeline, and the sources.

>>> print(profile_markdown(profile(store, "Ana Ríos")))
# Ana Ríos
<BLANKLINE>
Person, id `minister`
...
## Timeline
<BLANKLINE>
- 2010-01: -[HOLDS_OFFICE]-> Government of Aland (official_finding)
- 2012: -[COLLUDES_WITH]-> Río Cartel (convicted)
- 2016-05-02: -[CONVICTED_BY]-> Aland High Court (convicted)
- undated: <-[FAMILY_OF]- Bo Ríos (reported)
<BLANKLINE>
[^1]: Test Court Records, "Verdict in the minister case", 2016-05-02, https://example.org/verdict
[^2]: Test Gazette, "Smugglers on the river route", 2021-03, https://example.org/gazette
<BLANKLINE>
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from graph.model import Edge, Node
from graph.schema import SCHEMA
from graph.store import GraphStore
from queries.evidence import CitedSource, check_as_of, cited
from queries.lookup import resolve

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


def profile(store: GraphStore, entity: str, as_of: str | None = None) -> Profile:
    """The entity (name or id) with every fact it takes part in. With `as_of`, only the facts
    that had begun by that date (undated facts included), as they stood then.

    Raises NotFound or Ambiguous for a name and CsnError for a bad date.
    """
    as_of = check_as_of(as_of)
    node = resolve(store, entity)
    edges = [e for e in store.edges_of(node.id) if as_of is None or not e.valid_from or e.valid_from <= as_of]
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
    return Profile(node, facts, as_of)


LISTING_DETAILS = ("designation", "program", "reference", "list")


def listing_details(edge: Edge) -> str:
    """What a sanction or designation says of itself: 'program VENEZUELA; reference 22790; list ofac-sdn'."""
    shown = [f"{key} {edge.properties[key]}" for key in LISTING_DETAILS if edge.properties.get(key)]
    return "; ".join(shown) or edge.type


PROFILE_COLUMNS = [
    "date",
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


def profile_frame(result: Profile) -> pd.DataFrame:
    """The timeline as a table, one row per fact."""
    import pandas as pd

    rows = [
        {
            "date": f.date,
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


def profile_markdown(result: Profile) -> str:
    """A Markdown report: facts by type, a timeline, and numbered footnotes for the sources."""
    node = result.node
    notes: dict[str, int] = {}
    footnote_text: dict[str, str] = {}

    def marks(fact: ProfileFact) -> str:
        out = []
        for source in fact.sources:
            number = notes.setdefault(source.id, len(notes) + 1)
            footnote_text[source.id] = source.citation()
            out.append(f"[^{number}]")
        return "".join(out)

    def when(edge: Edge) -> str:
        return " to ".join(d for d in (edge.valid_from, edge.valid_to) if d) or "undated"

    lines = [
        f"# {node.name}",
        "",
        f"{node.label}, id `{node.id}`" + (f"; as of {result.as_of}" if result.as_of else ""),
    ]
    if node.aliases:
        lines.append(f"Also known as: {', '.join(node.aliases)}")
    if node.properties.get("description"):
        lines += ["", node.properties["description"]]
    if node.properties.get("identifiers"):
        lines += ["", "Identifiers: " + "; ".join(node.properties["identifiers"])]
    listings = [f for f in result.facts if f.edge.type in SCHEMA.listing_types and f.outgoing]
    if listings:
        lines += ["", "## Listings", ""]
        for fact in sorted(listings, key=lambda f: (f.other.name, f.edge.valid_from or "", f.edge.id)):
            lines.append(
                f"- {fact.other.name}: {listing_details(fact.edge)} ({when(fact.edge)}){marks(fact)}"
            )
    for rel_type, facts in result.by_type().items():
        lines += ["", f"## {rel_type}", "", f"_{SCHEMA.relationship(rel_type).meaning}_", ""]
        for fact in facts:
            lines.append(f"- {fact.sentence} ({fact.edge.status}, {when(fact.edge)}){marks(fact)}")
    lines += ["", "## Timeline", ""]
    for fact in result.timeline():
        lines.append(f"- {fact.date or 'undated'}: {fact.sentence} ({fact.edge.status})")
    if notes:
        lines.append("")
        for source_id, number in notes.items():
            lines.append(f"[^{number}]: {footnote_text[source_id]}")
    return "\n".join(lines) + "\n"
