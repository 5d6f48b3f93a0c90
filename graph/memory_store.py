"""The embedded store: a networkx multi-digraph in memory, the default (no server needed).

>>> store = MemoryStore()
>>> store.write([Node("juan-orlando-hernandez", "Person", "Juan Orlando Hernández", {"aliases": ["JOH"]})])
>>> store.node("juan-orlando-hernandez").name
'Juan Orlando Hernández'
>>> [node.id for node in store.find_by_key("joh")]
['juan-orlando-hernandez']
"""

from __future__ import annotations

import time
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator
from typing import Any

import networkx as nx

from csn.graph import memory_search
from csn.graph.collector import collector_paused
from csn.graph.errors import NotFound, QueryBoundExceeded
from csn.graph.model import Edge, Node, Record, packed_row, stored_record
from csn.graph.schema import SCHEMA
from csn.graph.store import (
    EdgeFilter,
    Neighbourhood,
    PathQuery,
    PathResult,
    RawPath,
    passes,
    unknown_ends_message,
)

QUERY_SECONDS = 30.0
STATE_LABELS = frozenset(SCHEMA.labels_with_role("state"))
OFFICE_TYPES = frozenset(SCHEMA.office_types)
OFFICE_HOLDERS = frozenset(label for t in OFFICE_TYPES for label in SCHEMA.relationship(t).from_labels)


class MemoryStore:
    """Nodes and edges kept as records on a networkx MultiDiGraph, keyed by their ids."""

    def __init__(self, query_seconds: float = QUERY_SECONDS) -> None:
        self.query_seconds = query_seconds  # the time bound of every search
        self.graph = nx.MultiDiGraph()
        self._edge_ends: dict[str, tuple[str, str]] = {}
        self._by_key: dict[str, set[str]] = defaultdict(set)

    # -- writing -------------------------------------------------------------------------------

    def write(
        self,
        records: Iterable[Record],
        batch_size: int = 10_000,
        on_batch: Callable[[int], None] | None = None,
    ) -> None:
        """Add or replace records by id. Edges must join nodes already written or in `records`.

        Everything is checked before anything changes (NotFound for unknown ends); `on_batch(n)`
        reports progress.
        """
        with collector_paused():  # see graph/collector.py
            nodes: list[Node] = []
            edges: list[Edge] = []
            for record in records:
                if isinstance(record, Node):
                    nodes.append(record)
                else:
                    edges.append(record)
            new_ids = {node.id for node in nodes}
            missing = [
                e.id
                for e in edges
                if not all(end in new_ids or end in self.graph for end in (e.from_id, e.to_id))
            ]
            if missing:
                raise NotFound(unknown_ends_message(missing))
            for node in nodes:
                self._put_node(node)
            if on_batch and nodes:
                on_batch(len(nodes))
            for edge in edges:
                self._put_edge(edge)
            if on_batch and edges:
                on_batch(len(edges))

    def _put_node(self, node: Node) -> None:
        if node.id in self.graph:
            old: Node = stored_record(self.graph.nodes[node.id])
            for key in old.search_keys:
                self._by_key[key].discard(node.id)
        self.graph.add_node(node.id, record=node)
        for key in node.search_keys:
            self._by_key[key].add(node.id)

    def _put_edge(self, edge: Edge) -> None:
        if edge.id in self._edge_ends:
            self.graph.remove_edge(*self._edge_ends[edge.id], key=edge.id)
        self.graph.add_edge(edge.from_id, edge.to_id, key=edge.id, record=edge)
        self._edge_ends[edge.id] = (edge.from_id, edge.to_id)

    def clear(self) -> None:
        self.graph = nx.MultiDiGraph()
        self._edge_ends = {}
        self._by_key = defaultdict(set)

    def __getstate__(self) -> dict[str, Any]:
        """For pickling (csn.workspace.built_store): the records go as packed rows of plain values,
        which read back several times faster than records do and are made into records only when
        asked for (graph.model.packed_row, stored_record). A command that looks at a few entities
        of a large graph then pays for those alone."""
        with collector_paused():
            for _, attributes in self.graph.nodes(data=True):
                attributes["record"] = packed_row(stored_record(attributes))
            for *_, attributes in self.graph.edges(keys=True, data=True):
                attributes["record"] = packed_row(stored_record(attributes))
        return self.__dict__

    # -- reading -------------------------------------------------------------------------------

    def counts(self) -> tuple[int, int]:
        return self.graph.number_of_nodes(), self.graph.number_of_edges()

    def node(self, node_id: str) -> Node:
        try:
            return stored_record(self.graph.nodes[node_id])
        except KeyError:
            raise NotFound(f"no entity with id '{node_id}'") from None

    def nodes(self, node_ids: Iterable[str]) -> dict[str, Node]:
        return {i: stored_record(self.graph.nodes[i]) for i in node_ids if i in self.graph}

    def all_nodes(self) -> Iterator[Node]:
        for _, attributes in self.graph.nodes(data=True):
            yield stored_record(attributes)

    def all_edges(self) -> Iterator[Edge]:
        for *_, attributes in self.graph.edges(keys=True, data=True):
            yield stored_record(attributes)

    def edges(self, edge_ids: Iterable[str]) -> dict[str, Edge]:
        found = {}
        for edge_id in edge_ids:
            ends = self._edge_ends.get(edge_id)
            if ends:
                found[edge_id] = stored_record(self.graph.edges[ends[0], ends[1], edge_id])
        return found

    def edges_of(self, node_id: str) -> list[Edge]:
        self.node(node_id)
        return sorted(self._incident(node_id), key=lambda e: e.id)

    def _incident(self, node_id: str) -> Iterator[Edge]:
        for *_, attributes in self.graph.out_edges(node_id, keys=True, data=True):
            yield stored_record(attributes)
        for *_, attributes in self.graph.in_edges(node_id, keys=True, data=True):
            edge = stored_record(attributes)
            if edge.from_id != edge.to_id:
                yield edge

    def find_by_key(self, key: str) -> list[Node]:
        return sorted(self.nodes(self._by_key.get(key, ())).values(), key=lambda n: n.id)

    def find_containing(self, text: str, limit: int = 20) -> list[Node]:
        ids = {i for key, ids in self._by_key.items() if text in key for i in ids}
        found = (n for n in self.nodes(ids).values() if n.label != SCHEMA.source_label)
        return sorted(found, key=lambda n: n.id)[:limit]

    def names(self) -> list[tuple[str, str]]:
        return sorted((n.id, n.name) for n in self.all_nodes() if n.label != SCHEMA.source_label)

    # -- paths ---------------------------------------------------------------------------------

    def find_paths(self, query: PathQuery) -> PathResult:
        return _PathSearch(self, query).run()

    def _outgoing(self, node_id: str) -> Iterator[Edge]:
        for *_, attributes in self.graph.out_edges(node_id, keys=True, data=True):
            yield stored_record(attributes)

    def is_state_actor(self, node: Node, query: PathQuery | EdgeFilter) -> bool:
        """store.is_state_actor, reading only what can make a node one: its label, and the office
        edges going out of it if its label can hold an office (an authority's thousands of
        incoming listings are never read)."""
        if node.label in STATE_LABELS:
            return True
        if node.label not in OFFICE_HOLDERS:
            return False
        return any(e.type in OFFICE_TYPES and passes(e, query) for e in self._outgoing(node.id))

    def state_actor_ids(self, where: EdgeFilter) -> list[str]:
        return sorted(n.id for n in self.all_nodes() if self.is_state_actor(n, where))

    def ids_with_labels(self, labels: Iterable[str]) -> list[str]:
        wanted = set(labels)
        return sorted(n.id for n in self.all_nodes() if n.label in wanted)

    def connect_paths(
        self, a: str, b: str, where: EdgeFilter, max_hops: int, groups: int, max_paths: int
    ) -> PathResult:
        self.node(a), self.node(b)
        return memory_search.connect_paths(
            self.graph, a, b, where, max_hops, groups, max_paths, self.query_seconds
        )

    def neighbourhood(self, centre: str, hops: int, where: EdgeFilter) -> Neighbourhood:
        self.node(centre)
        return memory_search.neighbourhood(self.graph, centre, hops, where, self.query_seconds)

    def shortest_between(
        self, sources: Iterable[str], targets: Iterable[str], where: EdgeFilter, max_hops: int
    ) -> list[RawPath]:
        return memory_search.shortest_between(
            self.graph, sources, targets, where, max_hops, self.query_seconds
        )

    def close(self) -> None:
        pass


class _PathSearch:
    """Depth-first search for the paths PathQuery describes (see its docstring for the rules)."""

    def __init__(self, store: MemoryStore, query: PathQuery):
        self.store = store
        self.query = query
        self.criminal_labels = set(SCHEMA.labels_with_role("criminal"))
        self.corridor_labels = set(SCHEMA.labels_with_role("corridor"))
        self.always = set(SCHEMA.types_traced("always"))
        self.last = set(SCHEMA.types_traced("last"))
        self.ends = set(query.end_ids) if query.end_ids is not None else None
        self.found: list[RawPath] = []
        self.truncated = False
        self._state_actor: dict[str, bool] = {}
        self.seconds = store.query_seconds
        self.deadline = time.monotonic() + store.query_seconds

    def run(self) -> PathResult:
        starts: Iterable[str]
        if self.query.start_ids is None:
            starts = sorted(n.id for n in self.store.all_nodes() if self.is_state_actor(n.id))
        else:
            starts = self.query.start_ids
        for start in starts:
            if start in self.store.graph and self.is_state_actor(start):
                self.walk([start], [], criminal_seen=False)
        return PathResult(self.found, self.truncated)

    def label(self, node_id: str) -> str:
        return stored_record(self.store.graph.nodes[node_id]).label

    def is_state_actor(self, node_id: str) -> bool:
        if node_id not in self._state_actor:
            node = stored_record(self.store.graph.nodes[node_id])
            self._state_actor[node_id] = self.store.is_state_actor(node, self.query)
        return self._state_actor[node_id]

    def walk(self, node_ids: list[str], edge_ids: list[str], criminal_seen: bool) -> None:
        if time.monotonic() > self.deadline:
            raise QueryBoundExceeded(
                f"the search ran past its bound of {self.seconds:g} s; use fewer hops or narrower filters"
            )
        here = node_ids[-1]
        for edge in self.store._incident(here):
            if len(self.found) >= self.query.max_paths:
                self.truncated = True
                return
            if edge.type not in self.always and edge.type not in self.last:
                continue
            there = edge.to_id if edge.from_id == here else edge.from_id
            if there in node_ids or not passes(edge, self.query):
                continue
            label = self.label(there)
            if label in self.corridor_labels:
                if criminal_seen and (self.ends is None or there in self.ends):
                    self.found.append(RawPath((*node_ids, there), (*edge_ids, edge.id)))
                continue
            if edge.type in self.last or self.is_state_actor(there):
                continue
            if len(edge_ids) + 1 < self.query.max_hops:
                node_ids.append(there)
                edge_ids.append(edge.id)
                self.walk(node_ids, edge_ids, criminal_seen or label in self.criminal_labels)
                node_ids.pop()
                edge_ids.pop()
