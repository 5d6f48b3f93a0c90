"""The curated sanction and designation facts checked against the imported official lists.

A curated listing (a SANCTIONED_BY or DESIGNATED_BY edge without a `list`) of an entity by an
authority whose list has been imported is:
- `agrees`: the list holds a listing of the same entity by the same authority, and its start
  date is the curated one (or the list gives no date, as OFAC's CSV does not);
- `different dates`: the list holds the listing, starting on another date (both are shown);
- `not on the list`: the list holds no listing of that entity by that authority. The entity may
  have been delisted before the edition, or never merged with its entry: `csn resolve` shows
  the pairs awaiting a decision.
Curated listings by authorities of which no list was imported are not checked.

>>> [row.verdict for row in crosscheck(store)]
[]
"""

from __future__ import annotations

from dataclasses import dataclass

from graph.model import Edge, Node
from graph.schema import SCHEMA
from graph.store import GraphStore

VERDICTS = ("agrees", "different dates", "not on the list")


@dataclass(frozen=True)
class CheckedListing:
    """One curated listing and what the imported lists say of it."""

    curated: Edge
    entity: Node
    authority: Node
    listed: tuple[Edge, ...]
    verdict: str

    def line(self) -> str:
        start = self.curated.valid_from or "undated"
        text = f"{self.entity.name} -[{self.curated.type}]-> {self.authority.name}, curated {start}"
        if self.verdict == "different dates":
            dates = ", ".join(sorted({f"{e.valid_from} ({e.properties.get('list')})" for e in self.listed}))
            return f"{text}; the list: {dates}"
        if self.verdict == "agrees":
            lists = ", ".join(sorted({str(e.properties.get("list")) for e in self.listed}))
            return f"{text}; on {lists}"
        return text


def crosscheck(store: GraphStore) -> list[CheckedListing]:
    """Every curated listing by an authority with an imported list, checked; by verdict and name."""
    listings = [e for e in store.all_edges() if e.type in SCHEMA.listing_types]
    imported = [e for e in listings if e.properties.get("list")]
    covered = {e.to_id for e in imported}
    by_subject: dict[tuple[str, str], list[Edge]] = {}
    for edge in imported:
        by_subject.setdefault((edge.from_id, edge.to_id), []).append(edge)
    curated = [e for e in listings if not e.properties.get("list") and e.to_id in covered]
    nodes = store.nodes({e.from_id for e in curated} | {e.to_id for e in curated})
    rows = []
    for edge in curated:
        listed = tuple(by_subject.get((edge.from_id, edge.to_id), ()))
        rows.append(
            CheckedListing(edge, nodes[edge.from_id], nodes[edge.to_id], listed, _verdict(edge, listed))
        )
    return sorted(rows, key=lambda r: (VERDICTS.index(r.verdict), r.entity.name, r.curated.id))


def _verdict(curated: Edge, listed: tuple[Edge, ...]) -> str:
    if not listed:
        return "not on the list"
    dated = [e.valid_from for e in listed if e.valid_from]
    if not dated or curated.valid_from is None or curated.valid_from in dated:
        return "agrees"
    return "different dates"


def crosscheck_report(rows: list[CheckedListing]) -> str:
    """The check as text, one section a verdict, for `csn check`."""
    if not rows:
        return "No curated listing is by an authority whose list was imported."
    lines = ["Curated listings checked against the imported lists:"]
    for verdict in VERDICTS:
        chosen = [r for r in rows if r.verdict == verdict]
        lines.append(f"  {verdict}: {len(chosen)}")
        lines += [f"    {r.line()}" for r in chosen]
    return "\n".join(lines)
