"""Searches of the in-memory store beside trace: connect, neighbourhood and shortest paths, over
its networkx graph (edges carry their record as the `record` attribute), through networkx's
public API.

They follow the rules stated on GraphStore in graph/store.py, as the Neo4j store's Cypher files
do, so both stores give the same answers.
"""

from __future__ import annotations

import itertools
import time
from collections import deque
from collections.abc import Iterable

import networkx as nx

from csn.graph.errors import QueryBoundExceeded
from csn.graph.model import Edge, stored_record
from csn.graph.store import EdgeFilter, Neighbourhood, PathResult, RawPath

Route = tuple[str, ...]


class _Searcher:
    """Usable neighbours of a node under a filter, with a deadline checked as it goes."""

    def __init__(self, graph: nx.MultiDiGraph, where: EdgeFilter, seconds: float):
        self.graph = graph
        self.where = where
        self.deadline = time.monotonic() + seconds
        self.seconds = seconds
        self._neighbours: dict[str, dict[str, list[Edge]]] = {}  # for the life of one search

    def check_time(self) -> None:
        if time.monotonic() > self.deadline:
            raise QueryBoundExceeded(
                f"the search ran past its bound of {self.seconds:g} s; use fewer hops or narrower filters"
            )

    def label_ok(self, node_id: str) -> bool:
        labels = self.where.labels
        return labels is None or stored_record(self.graph.nodes[node_id]).label in labels

    def neighbours(self, node_id: str) -> dict[str, list[Edge]]:
        """Neighbour id -> the usable edges (either direction) that join it to `node_id`."""
        if node_id in self._neighbours:
            return self._neighbours[node_id]
        found: dict[str, list[Edge]] = {}
        for _, other, attributes in self.graph.out_edges(node_id, data=True):
            edge = stored_record(attributes)
            if self.where.allows(edge):
                found.setdefault(other, []).append(edge)
        for other, _, attributes in self.graph.in_edges(node_id, data=True):
            edge = stored_record(attributes)
            if self.where.allows(edge):
                found.setdefault(other, []).append(edge)
        self._neighbours[node_id] = found
        return found

    def expand(self, route: Route, limit: int) -> list[RawPath]:
        """A route as paths of edges: one per combination of the parallel edges on each hop."""
        hops = [self.neighbours(u)[v] for u, v in itertools.pairwise(route)]
        combos = itertools.islice(itertools.product(*hops), limit)
        return [RawPath(route, tuple(e.id for e in combo)) for combo in combos]


def _partial_routes(search: _Searcher, start: str, depth: int, avoid: str) -> list[Route]:
    """Simple routes of exactly `depth` hops from `start` that never touch `avoid` (the other
    end); every node after the start must have a usable label (it will be an inner node)."""
    routes: list[Route] = [(start,)]
    for _ in range(depth):
        longer = []
        for route in routes:
            search.check_time()
            for other in search.neighbours(route[-1]):
                if other != avoid and other not in route and search.label_ok(other):
                    longer.append((*route, other))
        routes = longer
    return routes


def connect_paths(
    graph: nx.MultiDiGraph,
    a: str,
    b: str,
    where: EdgeFilter,
    max_hops: int,
    groups: int,
    max_paths: int,
    seconds: float,
) -> PathResult:
    """See GraphStore.connect_paths. Meets in the middle: half the hops from each end."""
    search = _Searcher(graph, where, seconds)
    found: list[RawPath] = []
    groups_found = 0
    for length in range(1, max_hops + 1):
        routes = _routes_of_length(search, a, b, length)
        if not routes:
            continue
        groups_found += 1
        for route in sorted(routes):
            found += search.expand(route, max_paths + 1 - len(found))
            if len(found) > max_paths:
                return PathResult(found[:max_paths], True)
        if groups_found == groups:
            break
    return PathResult(found, False)


def _routes_of_length(search: _Searcher, a: str, b: str, length: int) -> list[Route]:
    if length == 1:
        return [(a, b)] if b in search.neighbours(a) else []
    forward = _partial_routes(search, a, (length + 1) // 2, avoid=b)
    backward: dict[str, list[Route]] = {}
    for route in _partial_routes(search, b, length // 2, avoid=a):
        backward.setdefault(route[-1], []).append(route)
    routes = []
    for head in forward:
        for tail in backward.get(head[-1], ()):
            if len(set(head) | set(tail)) == length + 1:  # only the middle node in common
                routes.append(head + tuple(reversed(tail[:-1])))
    return routes


def neighbourhood(
    graph: nx.MultiDiGraph, centre: str, hops: int, where: EdgeFilter, seconds: float
) -> Neighbourhood:
    """See GraphStore.neighbourhood: breadth first, `hops` deep."""
    search = _Searcher(graph, where, seconds)
    distances = {centre: 0}
    edges: set[str] = set()
    queue = deque([centre])
    while queue:
        here = queue.popleft()
        if distances[here] >= hops:
            continue
        search.check_time()
        for other, joining in search.neighbours(here).items():
            if other not in distances:
                if not search.label_ok(other):
                    continue
                distances[other] = distances[here] + 1
                queue.append(other)
            edges.update(e.id for e in joining)
    return Neighbourhood(distances, tuple(sorted(edges)))


def shortest_between(
    graph: nx.MultiDiGraph,
    sources: Iterable[str],
    targets: Iterable[str],
    where: EdgeFilter,
    max_hops: int,
    seconds: float,
) -> list[RawPath]:
    """See GraphStore.shortest_between: a breadth-first search from each source. Node labels
    are not filtered here: any node may lie between a source and a target."""
    search = _Searcher(graph, where, seconds)
    wanted = set(targets)
    paths: list[RawPath] = []
    for source in sources:
        parents: dict[str, list[str]] = {source: []}
        depth = {source: 0}
        frontier = [source]
        while frontier and depth[frontier[0]] < max_hops:
            search.check_time()
            following = []
            for here in frontier:
                for other in search.neighbours(here):
                    if other not in depth:
                        depth[other] = depth[here] + 1
                        parents[other] = [here]
                        following.append(other)
                    elif depth[other] == depth[here] + 1:
                        parents[other].append(here)
            frontier = following
        for target in sorted(wanted & set(depth) - {source}):
            for route in _routes_back(parents, target):
                paths += search.expand(route, 10_000)
    return paths


def _routes_back(parents: dict[str, list[str]], node: str) -> list[Route]:
    if not parents[node]:
        return [(node,)]
    return [(*route, node) for parent in parents[node] for route in _routes_back(parents, parent)]
