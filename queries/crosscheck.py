"""The curated sanction and designation facts checked against each imported official list.

Each imported list (`ofac-sdn`, `un-sc`, `ftm:...`) is checked on its own, against the curated
listings (SANCTIONED_BY or DESIGNATED_BY edges without a `list`) by the authorities it lists for.
A curated listing of an entity by such an authority is, on that list:
- `agrees`: the list holds a listing of the same entity by the same authority, and its start
  date is the curated one (or the list gives no date, as OFAC's CSV does not);
- `different dates`: the list holds the listing, starting on another date (both are shown);
- `not on the list`: the list holds no listing of that entity by that authority. The entity may
  have been delisted before the edition, or never merged with its entry: `csn resolve` shows
  the pairs awaiting a decision;
- `after the edition`: the list holds no such listing, and the curated one began after the
  edition's date, so the edition could not hold it.

>>> crosscheck(store)
[]
"""

from __future__ import annotations

from dataclasses import dataclass

from csn.graph.model import Edge, Node
from csn.graph.schema import SCHEMA
from csn.graph.store import GraphStore

VERDICTS = ("agrees", "different dates", "not on the list", "after the edition")


@dataclass(frozen=True)
class CheckedListing:
    """One curated listing and what one imported list says of it."""

    list_key: str
    curated: Edge
    entity: Node
    authority: Node
    listed: tuple[Edge, ...]
    verdict: str

    def line(self) -> str:
        start = self.curated.valid_from or "undated"
        text = f"{self.entity.name} -[{self.curated.type}]-> {self.authority.name}, curated {start}"
        if self.verdict == "different dates":
            return f"{text}; the list: {', '.join(sorted({str(e.valid_from) for e in self.listed}))}"
        return text


@dataclass(frozen=True)
class ListChecked:
    """An imported list, its edition's date, and the curated listings checked against it."""

    key: str
    date: str
    rows: tuple[CheckedListing, ...]


def crosscheck(store: GraphStore) -> list[ListChecked]:
    """Every imported list, by key, with the curated listings by its authorities checked."""
    listings = [e for e in store.all_edges() if e.type in SCHEMA.listing_types]
    curated = [e for e in listings if not e.properties.get("list")]
    by_list: dict[str, list[Edge]] = {}
    for edge in listings:
        if edge.properties.get("list"):
            by_list.setdefault(str(edge.properties["list"]), []).append(edge)
    nodes = store.nodes({e.from_id for e in curated} | {e.to_id for e in curated})
    dates = _edition_dates(store, by_list)
    checked = []
    for key, imported in sorted(by_list.items()):
        authorities = {e.to_id for e in imported}
        held: dict[tuple[str, str], list[Edge]] = {}
        for edge in imported:
            held.setdefault((edge.from_id, edge.to_id), []).append(edge)
        rows = []
        for edge in (e for e in curated if e.to_id in authorities):
            listed = tuple(held.get((edge.from_id, edge.to_id), ()))
            verdict = _verdict(edge, listed, dates[key])
            rows.append(CheckedListing(key, edge, nodes[edge.from_id], nodes[edge.to_id], listed, verdict))
        rows.sort(key=lambda r: (VERDICTS.index(r.verdict), r.entity.name, r.curated.id))
        checked.append(ListChecked(key, dates[key], tuple(rows)))
    return checked


def _edition_dates(store: GraphStore, by_list: dict[str, list[Edge]]) -> dict[str, str]:
    """Each list's latest edition date: the `date` of the Source nodes its listings cite first."""
    cited = {e.citations[0].source for edges in by_list.values() for e in edges if e.citations}
    sources = store.nodes(cited)
    return {
        key: max(
            (str(sources[e.citations[0].source].properties.get("date", "")) for e in edges if e.citations),
            default="",
        )
        for key, edges in by_list.items()
    }


def _verdict(curated: Edge, listed: tuple[Edge, ...], edition_date: str) -> str:
    if not listed:
        after = curated.valid_from is not None and curated.valid_from > edition_date
        return "after the edition" if after else "not on the list"
    dated = [e.valid_from for e in listed if e.valid_from]
    if not dated or curated.valid_from is None or curated.valid_from in dated:
        return "agrees"
    return "different dates"


def crosscheck_report(checked: list[ListChecked]) -> str:
    """The check as text, for `csn check`: a section a list, a line a verdict, then the listings."""
    if not checked:
        return "No official list has been imported."
    lines = ["Curated listings checked against each imported list:"]
    for listed in checked:
        lines.append(f"  {listed.key}, edition of {listed.date}:")
        for verdict in VERDICTS:
            chosen = [r for r in listed.rows if r.verdict == verdict]
            lines.append(f"    {verdict}: {len(chosen)}")
            if verdict in ("different dates", "not on the list"):
                lines += [f"      {r.line()}" for r in chosen]
    return "\n".join(lines)
