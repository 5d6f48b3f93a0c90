"""A corridor report: which actors feed a migration corridor, by which paths and on what
evidence, and the countries along it with their migration flows and state-capacity indicators.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from csn.graph.errors import CsnError
from csn.graph.model import Edge, Node
from csn.graph.schema import SCHEMA
from csn.graph.store import GraphStore
from csn.queries.lookup import resolve
from csn.queries.trace import TracedPath, trace


@dataclass(frozen=True)
class Feeder:
    """A state actor whose paths reach the corridor, and the groups those paths pass through."""

    actor: Node
    groups: list[Node]
    paths: list[TracedPath]

    @property
    def strongest(self) -> str:
        return max((p.weakest for p in self.paths), key=SCHEMA.rank)


@dataclass(frozen=True)
class Stop:
    """A country or place along the corridor, with its flows and indicators."""

    leg: Edge
    place: Node
    flows: list[Edge] = field(default_factory=list)
    scores: list[Edge] = field(default_factory=list)


@dataclass(frozen=True)
class CorridorReport:
    corridor: Node
    feeders: list[Feeder]
    stops: list[Stop]
    carried: list[tuple[Edge, Node]]
    truncated: bool


def corridor_report(
    store: GraphStore,
    corridor: str,
    min_status: str | None = None,
    as_of: str | None = None,
    max_hops: int = 6,
) -> CorridorReport:
    """Raises NotFound or Ambiguous for the name, CsnError if it is not a corridor or for a bad
    date, SchemaError for an unknown status."""
    node = resolve(store, corridor)
    if node.label not in SCHEMA.labels_with_role("corridor"):
        raise CsnError(f"'{corridor}' is a {node.label}, not a migration corridor")
    traced = trace(
        store, corridor=node.id, min_status=min_status, as_of=as_of, max_hops=max_hops, limit=1_000
    )
    by_actor: dict[str, list[TracedPath]] = {}
    for path in traced.paths:
        by_actor.setdefault(path.start.id, []).append(path)
    criminal = SCHEMA.labels_with_role("criminal")
    feeders = []
    for paths in by_actor.values():
        groups = {n.id: n for p in paths for n in p.nodes if n.label in criminal}
        feeders.append(Feeder(paths[0].start, sorted(groups.values(), key=lambda n: n.id), paths))
    feeders.sort(key=lambda f: (-SCHEMA.rank(f.strongest), f.actor.id))
    return CorridorReport(
        node, feeders, _stops(store, node, traced.query.as_of), _carried(store, node, as_of), traced.truncated
    )


LEG_ORDER = {"STARTS_IN": 0, "PASSES_THROUGH": 1, "ENDS_IN": 2}


def _legs(edges: list[Edge], corridor_id: str) -> list[Edge]:
    corridor_types = {
        name
        for name, rel in SCHEMA.relationships.items()
        if rel.category == "corridor" and set(rel.to_labels) & set(SCHEMA.labels_with_role("territory"))
    }
    legs = [e for e in edges if e.type in corridor_types and e.from_id == corridor_id]
    unordered = 10_000  # a leg without an order goes after the numbered ones
    return sorted(
        legs, key=lambda e: (LEG_ORDER.get(e.type, 1), e.properties.get("order", unordered), e.to_id)
    )


def _stops(store: GraphStore, corridor: Node, as_of: str | None) -> list[Stop]:
    measures = {name for name, rel in SCHEMA.relationships.items() if rel.category == "measure"}
    stops = []
    legs = _legs(store.edges_of(corridor.id), corridor.id)
    places = store.nodes({e.to_id for e in legs})
    for leg in legs:
        measured = [
            e
            for e in store.edges_of(leg.to_id)
            if e.type in measures and e.from_id == leg.to_id and e.holds_on(as_of)
        ]
        flows = [e for e in measured if "encounters" in e.properties]
        scores = [e for e in measured if "value" in e.properties]
        stops.append(Stop(leg, places[leg.to_id], flows, scores))
    return stops


def _carried(store: GraphStore, corridor: Node, as_of: str | None) -> list[tuple[Edge, Node]]:
    carries = [
        e
        for e in store.edges_of(corridor.id)
        if SCHEMA.relationship(e.type).category == "measure"
        and e.from_id == corridor.id
        and e.holds_on(as_of)
    ]
    nodes = store.nodes({e.to_id for e in carries})
    return [(e, nodes[e.to_id]) for e in sorted(carries, key=lambda e: e.id)]
