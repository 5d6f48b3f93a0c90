"""The Neo4j store: the same interface as the in-memory store, answered by Cypher in the database.

Connection settings use the names of Neo4j's own tools: NEO4J_URI, NEO4J_USERNAME,
NEO4J_PASSWORD and NEO4J_DATABASE, so a Docker, Desktop, cluster or Aura server works as well as
the local one (`csn neo4j start`).

Writes are batched `UNWIND $rows ... MERGE` statements, one transaction per batch (its rows sent
in pipelined chunks), keyed on ids under uniqueness constraints: loading the same records twice,
or from two processes at once, leaves one copy. Every edge's ends are checked before anything is
written. Labels and relationship types come only from the schema and are spliced in
backticks after a schema lookup; every value is a parameter.
"""

from __future__ import annotations

import os
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from functools import partial
from itertools import islice
from typing import Any

import neo4j
from neo4j import GraphDatabase, RoutingControl
from neo4j.exceptions import AuthError, ClientError, ConstraintError, ServiceUnavailable

from csn.graph.collector import collector_paused
from csn.graph.cypher import housekeeping, search, statements
from csn.graph.cypher.statements import quoted
from csn.graph.errors import Conflict, NotFound, QueryBoundExceeded, StoreUnavailable
from csn.graph.model import Edge, Node, Record
from csn.graph.schema import SCHEMA
from csn.graph.store import (
    EdgeFilter,
    Neighbourhood,
    PathQuery,
    PathResult,
    RawPath,
    unknown_ends_message,
)

__all__ = ["DEFAULT_PASSWORD", "DEFAULT_URI", "Neo4jStore", "Settings", "quoted"]

QUERY_TIMEOUT_S = 30.0
DEFAULT_URI = "bolt://localhost:7687"
DEFAULT_PASSWORD = "csn-local-password"


@dataclass(frozen=True)
class Settings:
    uri: str
    username: str
    password: str
    database: str

    @classmethod
    def from_env(cls) -> Settings:
        return cls(
            uri=os.environ.get("NEO4J_URI", DEFAULT_URI),
            username=os.environ.get("NEO4J_USERNAME", "neo4j"),
            password=os.environ.get("NEO4J_PASSWORD", DEFAULT_PASSWORD),
            database=os.environ.get("NEO4J_DATABASE", "neo4j"),
        )


def _batches(items: Iterable[Any], size: int) -> Iterator[list[Any]]:
    iterator = iter(items)
    while batch := list(islice(iterator, size)):
        yield batch


class Neo4jStore:
    """A GraphStore on a Neo4j server. Raises StoreUnavailable when it cannot be used."""

    chunk_rows = 2_000  # rows per statement within a batch's transaction (see _write_batch)
    node_writers = 2  # node batches written at once (see write)

    def __init__(self, settings: Settings | None = None, query_seconds: float = QUERY_TIMEOUT_S):
        self.settings = settings or Settings.from_env()
        self.query_seconds = query_seconds  # the transaction timeout of every read
        s = self.settings
        self.driver = GraphDatabase.driver(s.uri, auth=(s.username, s.password))
        self._guarded(self.driver.verify_connectivity)
        self._guarded(lambda: self._read(housekeeping("ping")))
        self.ensure_schema()

    # -- connection and errors -------------------------------------------------------------------

    def _guarded(self, action: Callable[[], Any]) -> Any:
        """Run `action`, turning connection, credential and database errors into one clear line."""
        s = self.settings
        try:
            return action()
        except ServiceUnavailable:
            raise StoreUnavailable(
                f"cannot reach Neo4j at {s.uri}: start it with 'csn neo4j start' or set NEO4J_URI"
            ) from None
        except AuthError:
            raise StoreUnavailable(
                f"Neo4j at {s.uri} refused the password for user '{s.username}': "
                "set NEO4J_USERNAME and NEO4J_PASSWORD"
            ) from None
        except ClientError as error:
            if error.code == "Neo.ClientError.Database.DatabaseNotFound":
                raise StoreUnavailable(
                    f"Neo4j at {s.uri} has no database '{s.database}': set NEO4J_DATABASE"
                ) from None
            raise

    def _read(self, cypher: str, **parameters: Any) -> list[neo4j.Record]:
        """Run a read query with the store's timeout; raises QueryBoundExceeded when it runs out."""
        query = neo4j.Query(cypher, timeout=self.query_seconds)
        try:
            records, _, _ = self.driver.execute_query(
                query, parameters, routing_=RoutingControl.READ, database_=self.settings.database
            )
        except ClientError as error:
            if error.code and error.code.startswith("Neo.ClientError.Transaction.TransactionTimedOut"):
                raise QueryBoundExceeded(
                    f"the query ran past its bound of {self.query_seconds:g} s and was stopped; "
                    "use fewer hops or narrower filters"
                ) from None
            raise
        return records

    def _write_batch(self, cypher: str, records: list[Record]) -> int:
        """Write `records` in one transaction and return how many rows it wrote.

        Raises NotFound if a row matched no node, and Conflict if an edge id is held by an edge
        with other ends; either way the transaction is rolled back.

        The rows go to the server in statements of `chunk_rows` rows, sent without waiting for the
        one before to finish (Bolt pipelines statements within a transaction), so that the client
        builds and packs the next chunk while the server writes the last. The driver retries the
        whole transaction, and only when it marks the error retryable.
        """

        def work(tx: neo4j.ManagedTransaction) -> int:
            results = [
                tx.run(cypher, rows=[_row(record) for record in chunk])
                for chunk in _batches(records, self.chunk_rows)
            ]
            written = sum(result.single(strict=True)["written"] for result in results)
            if written != len(records):  # raised inside the transaction: it is rolled back
                raise NotFound(f"{len(records) - written} of {len(records)} rows matched no nodes")
            return written

        with self._session() as session:
            try:
                return self._guarded(lambda: session.execute_write(work))
            except ConstraintError as error:  # an edge id the database holds between other nodes
                raise Conflict(
                    f"{error.message}: the files give that id to an edge with other ends. "
                    "Nothing of this batch was written; 'csn load --store neo4j --replace' "
                    "loads the files afresh"
                ) from None

    def _unknown_ends(self, nodes: Iterable[str], edges: list[Edge]) -> list[str]:
        """Ids of the edges that join a node neither in `nodes` nor in the database."""
        ends = {end for edge in edges for end in (edge.from_id, edge.to_id)}.difference(nodes)
        if not ends:
            return []
        found = {record["id"] for record in self._read(statements.EXISTING_IDS, ids=list(ends))}
        unknown = ends - found
        return [e.id for e in edges if e.from_id in unknown or e.to_id in unknown]

    def _session(self) -> neo4j.Session:
        """A session that shares the bookmarks of execute_query: on a cluster, a read then sees
        every write this store made before it (causal consistency), whichever member answers."""
        return self.driver.session(
            database=self.settings.database,
            bookmark_manager=self.driver.execute_query_bookmark_manager,
        )

    def close(self) -> None:
        self.driver.close()

    # -- schema ----------------------------------------------------------------------------------

    def ensure_schema(self) -> None:
        """Uniqueness constraints on ids (across labels, per label, per type) and name indexes."""
        with self._session() as session:
            for statement in statements.constraints():
                self._guarded(partial(_run, session, statement))

    def await_indexes(self, seconds: int = 3600) -> None:
        """Wait until every index and constraint is online (after a bulk import, they are built)."""
        with self._session() as session:
            statement = housekeeping("await_indexes")
            self._guarded(lambda: session.run(statement, seconds=seconds).consume())

    # -- writing ---------------------------------------------------------------------------------

    def write(
        self,
        records: Iterable[Record],
        batch_size: int = 10_000,
        on_batch: Callable[[int], None] | None = None,
    ) -> None:
        """GraphStore.write: MERGE nodes then edges by id, `batch_size` rows per transaction,
        grouped by label/type. A node written twice in `records` is written once, as its last
        record says."""
        with collector_paused():
            nodes: dict[str, Node] = {}
            edges: dict[str, list[Edge]] = defaultdict(list)
            for record in records:
                if isinstance(record, Node):
                    nodes[record.id] = record
                else:
                    edges[record.type].append(record)
            missing = self._unknown_ends(nodes, [e for group in edges.values() for e in group])
            if missing:
                raise NotFound(unknown_ends_message(missing))
            by_label: dict[str, list[Node]] = defaultdict(list)
            for node in nodes.values():
                by_label[node.label].append(node)
            node_batches = [
                (self.node_merge(label), batch)
                for label, group in by_label.items()
                for batch in _batches(group, batch_size)
            ]
            edge_batches = [
                (self.edge_merge(rel_type), batch)
                for rel_type, group in edges.items()
                for batch in _batches(group, batch_size)
            ]
            # Node batches never wait on each other's locks (their ids differ), so `node_writers`
            # run at once. Edge batches run one at a time: two edges that share a node, or a
            # neighbour in a node's relationship chain, take the same locks, and concurrent edge
            # batches were measured to deadlock and wait out the driver's retry back-off.
            with ThreadPoolExecutor(self.node_writers) as pool:
                for written in pool.map(lambda job: self._write_batch(*job), node_batches):
                    if on_batch:
                        on_batch(written)
            for cypher, batch in edge_batches:
                written = self._write_batch(cypher, batch)
                if on_batch:
                    on_batch(written)

    # The write statements, as methods so that a benchmark can try another one in a subclass.
    node_merge = staticmethod(statements.node_merge)
    edge_merge = staticmethod(statements.edge_merge)

    def write_one_by_one(self, records: Iterable[Record]) -> None:
        """One query and one transaction per record: the usual first attempt, kept to measure against."""
        for record in records:
            cypher = (
                self.node_merge(record.label) if isinstance(record, Node) else self.edge_merge(record.type)
            )
            self._write_batch(cypher, [record])

    def apply_changes(
        self, removed_nodes: set[str], removed_edges: list[Edge], records: list[Record]
    ) -> None:
        """Change a part of the graph in one transaction: delete `removed_edges` and the nodes
        with ids in `removed_nodes` (with their relationships), then merge `records` (nodes, then
        edges between nodes in the database or in `records`). All of it, or nothing: raises
        NotFound (rolled back) if an edge's end is in neither."""
        nodes = [r for r in records if isinstance(r, Node)]
        edges = [r for r in records if isinstance(r, Edge)]
        by_type: dict[str, list[str]] = defaultdict(list)
        for edge in removed_edges:
            by_type[edge.type].append(edge.id)

        def work(tx: neo4j.ManagedTransaction) -> None:
            for rel_type, ids in by_type.items():
                tx.run(statements.delete_edges(rel_type), ids=ids).consume()
            tx.run(statements.DELETE_NODES, ids=sorted(removed_nodes)).consume()
            groups: list[tuple[str, list[Record]]] = [
                (self.node_merge(label), [n for n in nodes if n.label == label])
                for label in sorted({n.label for n in nodes})
            ]
            groups += [
                (self.edge_merge(rel_type), [e for e in edges if e.type == rel_type])
                for rel_type in sorted({e.type for e in edges})
            ]
            for cypher, group in groups:
                written = tx.run(cypher, rows=[_row(r) for r in group]).single(strict=True)["written"]
                if written != len(group):  # raised inside the transaction: it is rolled back
                    raise NotFound(f"{len(group) - written} of {len(group)} rows matched no nodes")

        with self._session() as session:
            self._guarded(lambda: session.execute_write(work))

    def clear(self, batch_size: int = 10_000) -> None:
        clear = _with_literal(housekeeping("clear"), "10000 ROWS", f"{int(batch_size)} ROWS")
        with self._session() as session:
            self._guarded(partial(_run, session, clear))

    # -- reading ---------------------------------------------------------------------------------

    def counts(self) -> tuple[int, int]:
        (record,) = self._read(housekeeping("counts"))
        return record["nodes"], record["edges"]

    def node(self, node_id: str) -> Node:
        found = self.nodes([node_id])
        if node_id not in found:
            raise NotFound(f"no entity with id '{node_id}'")
        return found[node_id]

    def nodes(self, node_ids: Iterable[str]) -> dict[str, Node]:
        records = self._read(statements.NODES_BY_ID, ids=list(node_ids))
        return {r["props"]["id"]: _node(r["labels"], r["props"]) for r in records}

    def all_nodes(self) -> Iterator[Node]:
        records = self._read(housekeeping("all_nodes"))
        for r in records:
            yield _node(r["labels"], r["props"])

    def all_edges(self) -> Iterator[Edge]:
        for r in self._read(housekeeping("all_edges")):
            yield _edge(r)

    def edges(self, edge_ids: Iterable[str]) -> dict[str, Edge]:
        ids = list(edge_ids)
        if not ids:
            return {}
        records = self._read(statements.EDGES_BY_ID, ids=ids)
        return {r["props"]["id"]: _edge(r) for r in records}

    def edges_of(self, node_id: str) -> list[Edge]:
        self.node(node_id)
        return [_edge(r) for r in self._read(search("edges_of"), id=node_id)]

    def find_by_key(self, key: str) -> list[Node]:
        records = self._read(statements.NODES_BY_KEY, key=key)
        return [_node(r["labels"], r["props"]) for r in records]

    def find_containing(self, text: str, limit: int = 20) -> list[Node]:
        records = self._read(statements.NODES_CONTAINING, text=text, limit=limit)
        return [_node(r["labels"], r["props"]) for r in records]

    def names(self) -> list[tuple[str, str]]:
        records = self._read(statements.NAMES)
        return [(r["id"], r["name"]) for r in records]

    # -- paths -----------------------------------------------------------------------------------

    def find_paths(self, query: PathQuery) -> PathResult:
        """Paths as PathQuery describes, found by find_paths.cypher in the database."""
        filters = {
            "ranks": {name: status.rank for name, status in SCHEMA.evidence.items()},
            "min_rank": query.min_rank,
            "as_of": query.as_of,
        }
        inner_hops = max(1, int(query.max_hops) - 1)
        cypher = _with_literal(search("find_paths"), "{0,5}", f"{{0,{inner_hops}}}")
        starts: Iterable[str]
        if query.start_ids is None:  # every state actor: listed first, so that starts are found by index
            starts = self.state_actor_ids(EdgeFilter(min_rank=query.min_rank, as_of=query.as_of))
        else:
            starts = query.start_ids
        records = self._read(
            cypher,
            start_ids=list(starts),
            state_labels=list(SCHEMA.labels_with_role("state")),
            office_types=list(SCHEMA.office_types),
            end_ids=list(query.end_ids) if query.end_ids is not None else None,
            always_types=list(SCHEMA.types_traced("always")),
            last_types=list(SCHEMA.types_traced("last")),
            corridor_labels=list(SCHEMA.labels_with_role("corridor")),
            criminal_labels=list(SCHEMA.labels_with_role("criminal")),
            max_hops=query.max_hops,
            max_paths=query.max_paths,
            **filters,
        )
        paths = [RawPath(tuple(r["node_ids"]), tuple(r["edge_ids"])) for r in records]
        return PathResult(paths[: query.max_paths], len(paths) > query.max_paths)

    def _filter_parameters(self, where: EdgeFilter) -> dict[str, Any]:
        return {
            "types": list(where.types) if where.types is not None else None,
            "labels": list(where.labels) if where.labels is not None else None,
            "ranks": {name: status.rank for name, status in SCHEMA.evidence.items()},
            "min_rank": where.min_rank,
            "as_of": where.as_of,
        }

    def state_actor_ids(self, where: EdgeFilter) -> list[str]:
        parameters = self._filter_parameters(where)
        records = self._read(
            search("state_actors"),
            state_labels=list(SCHEMA.labels_with_role("state")),
            office_types=list(SCHEMA.office_types),
            ranks=parameters["ranks"],
            min_rank=where.min_rank,
            as_of=where.as_of,
        )
        return [r["id"] for r in records]

    def ids_with_labels(self, labels: Iterable[str]) -> list[str]:
        records = self._read(housekeeping("ids_with_labels"), labels=list(labels))
        return [r["id"] for r in records]

    def connect_paths(
        self, a: str, b: str, where: EdgeFilter, max_hops: int, groups: int, max_paths: int
    ) -> PathResult:
        self.node(a), self.node(b)
        cypher = _with_literal(search("connect_paths"), "{1,6}", f"{{1,{int(max_hops)}}}")
        cypher = _with_literal(cypher, "SHORTEST 3 GROUPS", f"SHORTEST {int(groups)} GROUPS")
        records = self._read(cypher, a=a, b=b, max_paths=max_paths, **self._filter_parameters(where))
        paths = [RawPath(tuple(r["node_ids"]), tuple(r["edge_ids"])) for r in records]
        return PathResult(paths[:max_paths], len(paths) > max_paths)

    def neighbourhood(self, centre: str, hops: int, where: EdgeFilter) -> Neighbourhood:
        self.node(centre)
        cypher = _with_literal(search("neighbourhood"), "{1,2}", f"{{1,{int(hops)}}}")
        (record,) = self._read(cypher, centre=centre, hops=int(hops), **self._filter_parameters(where))
        distances = {n["id"]: n["distance"] for n in record["ball"]}
        return Neighbourhood(distances, tuple(sorted(record["edge_ids"])))

    def shortest_between(
        self, sources: Iterable[str], targets: Iterable[str], where: EdgeFilter, max_hops: int
    ) -> list[RawPath]:
        cypher = _with_literal(search("shortest_between"), "{1,4}", f"{{1,{int(max_hops)}}}")
        records = self._read(
            cypher, sources=list(sources), targets=list(targets), **self._filter_parameters(where)
        )
        return [RawPath(tuple(r["node_ids"]), tuple(r["edge_ids"])) for r in records]


def _with_literal(text: str, written: str, wanted: str) -> str:
    """Cypher takes no parameter for a quantifier, a path count or a batch size: replace the
    literal the file is written with by the wanted one (built by the caller from validated
    integers)."""
    if written not in text:
        raise ValueError(f"the Cypher file has no {written}")
    return text.replace(written, wanted)


def _run(session: neo4j.Session, statement: str) -> None:
    """Run one statement in its own transaction (schema changes and CALL IN TRANSACTIONS need it)."""
    session.run(statement).consume()


def _row(record: Record) -> dict[str, Any]:
    """A record as the parameters its MERGE statement takes (Neo4j stores no nulls)."""
    if isinstance(record, Node):
        return record.to_properties()
    props = {k: v for k, v in record.to_properties().items() if v is not None}
    return {"from": record.from_id, "to": record.to_id, "props": props}


def _node(labels: list[str], props: dict[str, Any]) -> Node:
    (label,) = [name for name in labels if name in SCHEMA.labels]
    return Node.from_properties(label, props)


def _edge(record: neo4j.Record) -> Edge:
    return Edge.from_properties(record["type"], record["from_id"], record["to_id"], record["props"])
