"""Who brokers between the state and crime? The entities that most often sit on the shortest
paths from state actors to criminal or smuggling groups (betweenness restricted to such paths).

For each state actor s and criminal group g, every shortest route between them counts; a node in
the middle of k of the n routes from s to g scores k/n. A broker's score is its sum over all
pairs, and it comes with the routes that make it a broker.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from csn.graph.model import Node
from csn.graph.schema import SCHEMA
from csn.graph.store import EdgeFilter, GraphStore
from csn.queries.evidence import TracedPath, explain_paths, group_by_route, shortest_first
from csn.queries.filters import edge_filter

DEFAULT_MAX_HOPS = 4


@dataclass(frozen=True)
class Broker:
    node: Node
    score: float
    pairs: int
    paths: list[TracedPath]


def brokers(
    store: GraphStore,
    top: int = 10,
    min_status: str | None = None,
    as_of: str | None = None,
    max_hops: int = DEFAULT_MAX_HOPS,
    paths_each: int = 5,
) -> list[Broker]:
    """The `top` brokers, highest score first (ties by id), each with up to `paths_each` of the
    routes through it. Walks ties between actors only (the `network` category: office,
    membership, collusion, alliance, family, support), not places or corridors.

    Raises SchemaError for an unknown status and CsnError for a bad date.
    """
    where = brokers_filter(min_status, as_of)
    states = store.state_actor_ids(where)
    groups = store.ids_with_labels(SCHEMA.labels_with_role("criminal"))
    raw = store.shortest_between(states, [g for g in groups if g not in states], where, max_hops)
    routes = group_by_route(store, raw)
    by_pair: dict[tuple[str, str], list[tuple[str, ...]]] = defaultdict(list)
    for route in routes:
        by_pair[(route[0], route[-1])].append(route)
    score: dict[str, float] = defaultdict(float)
    pairs: dict[str, set[tuple[str, str]]] = defaultdict(set)
    through: dict[str, list] = defaultdict(list)
    for pair, pair_routes in by_pair.items():
        for route in pair_routes:
            for node_id in route[1:-1]:
                score[node_id] += 1 / len(pair_routes)
                pairs[node_id].add(pair)
                through[node_id].append(route)
    ranked = sorted(score, key=lambda node_id: (-round(score[node_id], 9), node_id))[:top]
    nodes = store.nodes(ranked)
    result = []
    for node_id in ranked:
        raw_through = [p for p in raw if p.node_ids in set(through[node_id])]
        paths, _ = explain_paths(store, raw_through, shortest_first, paths_each)
        result.append(Broker(nodes[node_id], round(score[node_id], 6), len(pairs[node_id]), paths))
    return result


def brokers_filter(min_status: str | None, as_of: str | None) -> EdgeFilter:
    """The ties brokers walks: relationship types of the network category."""
    network = [name for name, rel in SCHEMA.relationships.items() if rel.category == "network"]
    return edge_filter(network, None, min_status, as_of)
