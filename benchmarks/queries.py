"""Benchmark trace, connect and neighbourhood at scale, on the embedded store and on Neo4j.

    make neo4j                                   # the local server (bolt://localhost:7687)
    .venv/bin/python -m benchmarks.queries       # 100k nodes, 1M facts, 100 inputs per query
    .venv/bin/python -m benchmarks.queries --uri bolt://localhost:7689 --password ... \\
        --nodes 100000 --edges 1000000 --sample 100
    .venv/bin/python -m benchmarks.queries --no-neo4j      # the embedded store only
    .venv/bin/python -m benchmarks.queries --reuse --neo4j-slow-sample 5
        # keep a loaded graph; 5 inputs for Neo4j trace and 2-hop neighbourhood (calls that
        # hit the 30 s bound cost 30 s each)

The server is never started here. It is the one at --uri / --password (default NEO4J_URI and
NEO4J_PASSWORD, the project's usual variables, so `make neo4j`'s local server), and **its contents
are deleted** and replaced by the synthetic graph, unless `--reuse` is given and the server
already holds that graph (same counts, same first and last fact).

On one schema-valid synthetic graph (benchmarks/synthetic.py, seed 7) it measures, in one run:

- the embedded store's build time (`MemoryStore.write` of every record) and memory, in a fresh
  subprocess: resident set size (VmRSS from /proc) before generating, after generating the records,
  after the write, and after dropping the caller's list (the store then owns every Node and Edge,
  citations included); `--tracemalloc` adds a second subprocess that counts Python allocations
  (slower; the build time of that run is not reported);
- the Neo4j load: `Neo4jStore.write` (batched, its default batch size), time and facts per second;
- per store, the latency of each call (time.perf_counter around the public query function, so
  name resolution and the evidence of every path are included) on a fixed, seeded sample of
  inputs, after a warm-up on other inputs:
  - trace: `trace(store, start=<state actor id>, max_hops=4, limit=20)`;
  - connect: `connect(store, a, b, k=3, max_hops=4)` for random pairs of actors (the labels of
    role person, state, criminal or other: Person, StateBody, groups, companies);
  - neighbourhood: `neighbourhood(store, <any entity>, hops=1 or 2, limit=50)`;
  - for scale, `nx.bidirectional_shortest_path` on the connect pairs, on an undirected simple
    graph built once from the embedded store's graph: every fact, and only the types trace walks
    (what connect uses by default). One path, no filters, no evidence: a floor, not a peer.
- "bounded": calls that raised QueryBoundExceeded (the stores' 30 s bound), and calls whose
  result was cut (`truncated` for trace and connect: the store's path bound or the `limit`/`k`
  cut; `more > 0` for neighbourhood: nodes beyond the page of 50);
- parity: on the first `--parity` inputs of each query, both stores' answers compared (paths as
  node ids and fact ids per hop; neighbourhood pages with distances and edges). A trace or
  connect whose search hit the store's path bound (10,000 or 5,000 paths, taken in no particular
  order) is not comparable and counted apart.

Prints Markdown: the latency table (store, query, calls, p50, p95, max, bounded), then build,
memory and load lines and the parity lines. The machine may be shared (2 cores here, with tests
and other benchmarks running beside): treat differences of less than about 20% as noise, and run
it again before trusting a tail.
"""

from __future__ import annotations

import argparse
import contextlib
import gc
import json
import os
import random
import subprocess
import sys
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path
from typing import Any

import networkx as nx
import numpy as np

from benchmarks import add_neo4j_arguments
from benchmarks.synthetic import synthetic_graph
from csn.graph.errors import QueryBoundExceeded
from csn.graph.memory_store import MemoryStore
from csn.graph.model import Edge, Node, Record
from csn.graph.schema import SCHEMA
from csn.graph.store import EdgeFilter, GraphStore, PathQuery
from csn.queries.connect import MAX_PATHS as CONNECT_MAX_PATHS
from csn.queries.connect import connect
from csn.queries.neighbourhood import neighbourhood
from csn.queries.trace import trace

REPO = Path(__file__).resolve().parents[1]
SEED = 7
SAMPLE_SEED = 11
WARM_SEED = 13
TRACE_HOPS, TRACE_LIMIT = 4, 20
CONNECT_K, CONNECT_HOPS = 3, 4
PAGE = 50
WARM_CALLS = 5
BUILD_MARK = "BUILD "
ACTOR_ROLES = ("person", "state", "criminal", "other")


def log(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


def rss_mb() -> float:
    """This process's resident set size now (not its peak), in MiB."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    raise RuntimeError("no VmRSS in /proc/self/status")


# -- the embedded store's build time and memory (in a fresh subprocess) --------------------------


def build_worker(nodes: int, edges: int, traced: bool) -> dict[str, Any]:
    import tracemalloc

    gc.collect()
    base = rss_mb()
    if traced:
        tracemalloc.start()
    began = time.perf_counter()
    records = synthetic_graph(nodes, edges, seed=SEED)
    generate = time.perf_counter() - began
    gc.collect()
    after_records = rss_mb()
    traced_records = tracemalloc.get_traced_memory()[0] if traced else 0
    store = MemoryStore()
    began = time.perf_counter()
    store.write(records)
    build = time.perf_counter() - began
    after_write = rss_mb()
    counts = store.counts()
    del records
    gc.collect()
    after_drop = rss_mb()
    row = {
        "nodes": counts[0],
        "edges": counts[1],
        "generate_s": generate,
        "build_s": build,
        "rss_base_mb": base,
        "rss_records_mb": after_records,
        "rss_write_mb": after_write,
        "rss_store_mb": after_drop,
    }
    if traced:
        row["traced_records_mb"] = traced_records / 2**20
        row["traced_store_mb"] = tracemalloc.get_traced_memory()[0] / 2**20
        tracemalloc.stop()
    return row


def measure_build(nodes: int, edges: int, traced: bool) -> dict[str, Any]:
    cmd = [
        sys.executable,
        "-m",
        "benchmarks.queries",
        "--build-worker",
        "--nodes",
        str(nodes),
        "--edges",
        str(edges),
    ] + (["--tracemalloc"] if traced else [])
    proc = subprocess.run(cmd, cwd=REPO, stdout=subprocess.PIPE, text=True)
    if proc.returncode != 0:
        raise SystemExit(f"Error: the build worker failed with exit {proc.returncode}")
    (line,) = [line for line in proc.stdout.splitlines() if line.startswith(BUILD_MARK)]
    return json.loads(line[len(BUILD_MARK) :])


# -- Neo4j ---------------------------------------------------------------------------------------


def neo4j_store(args: argparse.Namespace) -> GraphStore:
    from csn.graph.neo4j_store import Neo4jStore, Settings

    return Neo4jStore(Settings(args.uri, args.username, args.password, args.database))


def holds(store: GraphStore, records: list[Record]) -> bool:
    """Whether the store already holds this synthetic graph (counts, first and last fact)."""
    facts = [r for r in (records[0], records[-1]) if isinstance(r, Edge)]
    node_count = sum(isinstance(r, Node) for r in records)
    if store.counts() != (node_count, len(records) - node_count):
        return False
    found = store.edges(e.id for e in facts)
    return all(e.id in found and found[e.id] == e for e in facts)


def load_neo4j(store: GraphStore, records: list[Record]) -> dict[str, Any]:
    store.clear()
    done = [0]
    began = time.perf_counter()

    def progress(n: int) -> None:
        done[0] += n
        if done[0] // 100_000 != (done[0] - n) // 100_000:
            log(f"  neo4j load: {done[0]:,} records, {time.perf_counter() - began:.0f} s")

    store.write(records, on_batch=progress)
    seconds = time.perf_counter() - began
    nodes, edges = store.counts()
    return {"nodes": nodes, "edges": edges, "seconds": seconds}


# -- inputs --------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Inputs:
    starts: list[str]
    pairs: list[tuple[str, str]]
    entities: list[str]


def pick_inputs(store: MemoryStore, sample: int, seed: int) -> Inputs:
    """A seeded sample: state actors (under no filter) for trace, pairs of actors for connect,
    any entity but a source for neighbourhood. Chosen from sorted ids, so the same every run."""
    rng = random.Random(seed)
    states = store.state_actor_ids(EdgeFilter())
    actors = store.ids_with_labels(SCHEMA.labels_with_role(*ACTOR_ROLES))
    entities = store.ids_with_labels(label for label in SCHEMA.labels if label != SCHEMA.source_label)
    pairs: list[tuple[str, str]] = []
    while len(pairs) < sample:
        a, b = rng.sample(actors, 2)
        pairs.append((a, b))
    return Inputs(rng.sample(states, sample), pairs, rng.sample(entities, sample))


# -- timing --------------------------------------------------------------------------------------


@dataclass
class Timings:
    store: str
    query: str
    seconds: list[float] = field(default_factory=list)
    timed_out: int = 0
    cut: int = 0
    answers: list[Any] = field(default_factory=list)

    def row(self) -> str:
        ms = np.array(self.seconds) * 1000
        p50, p95 = np.percentile(ms, [50, 95])
        bounded = f"{self.timed_out} timed out, {self.cut} cut"
        return (
            f"| {self.store} | {self.query} | {len(ms)} | {p50:.1f} | {p95:.1f} | "
            f"{ms.max():.1f} | {bounded} |"
        )


def time_calls(
    store_name: str,
    query: str,
    call: Callable[[Any], Any],
    inputs: Iterable[Any],
    is_cut: Callable[[Any], bool],
    signature: Callable[[Any], Any] | None,
    keep: int,
) -> Timings:
    timings = Timings(store_name, query)
    for number, item in enumerate(inputs):
        began = time.perf_counter()
        try:
            result = call(item)
        except QueryBoundExceeded:
            timings.seconds.append(time.perf_counter() - began)
            timings.timed_out += 1
            if number < keep:
                timings.answers.append("timed out")
            continue
        timings.seconds.append(time.perf_counter() - began)
        timings.cut += bool(is_cut(result))
        if signature and number < keep:
            timings.answers.append(signature(result))
    return timings


def path_signature(result: Any) -> tuple:
    return (
        result.truncated,
        [
            (tuple(n.id for n in p.nodes), tuple(tuple(f.edge.id for f in hop.facts) for hop in p.hops))
            for p in result.paths
        ],
    )


def page_signature(result: Any) -> tuple:
    return (result.total, [(n.id, d) for n, d in result.nodes], [e.id for e in result.edges])


@dataclass(frozen=True)
class Query:
    name: str
    call: Callable[[GraphStore, Any], Any]
    inputs: Callable[[Inputs], list[Any]]
    is_cut: Callable[[Any], bool]
    signature: Callable[[Any], Any]
    # Whether the store-level search hit its path bound (it then keeps an arbitrary subset).
    search_bounded: Callable[[MemoryStore, Any], bool] = lambda store, item: False


def _neighbourhood_page(store: Any, entity: str, hops: int) -> Any:
    return neighbourhood(store, entity, hops=hops, limit=PAGE)


QUERIES = [
    Query(
        f"trace (max_hops {TRACE_HOPS}, limit {TRACE_LIMIT})",
        lambda s, x: trace(s, start=x, max_hops=TRACE_HOPS, limit=TRACE_LIMIT),
        lambda i: i.starts,
        lambda r: r.truncated,
        path_signature,
        lambda m, x: m.find_paths(PathQuery(start_ids=(x,), max_hops=TRACE_HOPS)).truncated,
    ),
    Query(
        f"connect (k {CONNECT_K}, max_hops {CONNECT_HOPS})",
        lambda s, x: connect(s, x[0], x[1], k=CONNECT_K, max_hops=CONNECT_HOPS),
        lambda i: i.pairs,
        lambda r: r.truncated,
        path_signature,
        lambda m, x: (
            m.connect_paths(
                x[0],
                x[1],
                EdgeFilter(types=SCHEMA.types_traced("always")),
                CONNECT_HOPS,
                CONNECT_K,
                CONNECT_MAX_PATHS,
            ).truncated
        ),
    ),
    *(
        Query(
            f"neighbourhood (hops {hops}, limit {PAGE})",
            partial(_neighbourhood_page, hops=hops),
            lambda i: i.entities,
            lambda r: r.more > 0,
            page_signature,
        )
        for hops in (1, 2)
    ),
]


def run_store(
    name: str, store: GraphStore, inputs: Inputs, warm: Inputs, keep: int, trace_sample: int | None = None
) -> list[Timings]:
    results = []
    for query in QUERIES:
        items = query.inputs(inputs)
        slow = trace_sample is not None and query in (QUERIES[0], QUERIES[3])
        if slow:
            items = items[:trace_sample]
        for item in query.inputs(warm)[: 1 if slow else WARM_CALLS]:
            with contextlib.suppress(QueryBoundExceeded):
                query.call(store, item)
        log(f"{name}: {query.name} ...")
        timings = time_calls(
            name, query.name, partial(query.call, store), items, query.is_cut, query.signature, keep
        )
        log(f"  {timings.row()}")
        results.append(timings)
    return results


def networkx_rows(store: MemoryStore, pairs: list[tuple[str, str]]) -> tuple[list[Timings], list[str]]:
    """nx.bidirectional_shortest_path on undirected simple graphs built once from the store."""
    notes, rows = [], []
    walked = set(SCHEMA.types_traced("always"))
    views = {
        "every fact": lambda: store.graph.edges(),
        "traced types": lambda: ((e.from_id, e.to_id) for e in store.all_edges() if e.type in walked),
    }
    for view, edges in views.items():
        began = time.perf_counter()
        simple = nx.Graph()
        simple.add_nodes_from(store.graph)
        simple.add_edges_from(edges())
        notes.append(
            f"networkx undirected simple graph ({view}): {simple.number_of_edges():,} edges, "
            f"built once in {time.perf_counter() - began:.1f} s"
        )
        timings = Timings("networkx", f"bidirectional_shortest_path ({view})")
        lengths = []
        for a, b in pairs[:WARM_CALLS]:
            _shortest(simple, a, b)
        for a, b in pairs:
            began = time.perf_counter()
            path = _shortest(simple, a, b)
            timings.seconds.append(time.perf_counter() - began)
            lengths.append(len(path) - 1 if path else None)
        found = [n for n in lengths if n is not None]
        notes.append(
            f"{view}: {len(found)} of {len(pairs)} pairs joined, hops "
            + ", ".join(f"{h}: {found.count(h)}" for h in sorted(set(found)))
        )
        rows.append(timings)
    return rows, notes


def _shortest(graph: nx.Graph, a: str, b: str) -> list[str] | None:
    try:
        return nx.bidirectional_shortest_path(graph, a, b)
    except nx.NetworkXNoPath:
        return None


# -- parity --------------------------------------------------------------------------------------


def parity(
    memory: MemoryStore, mine: list[Timings], theirs: list[Timings], inputs: Inputs, keep: int
) -> list[str]:
    """Whether both stores gave the same answers on the first `keep` inputs of each query."""
    lines = []
    for query, a, b in zip(QUERIES, mine, theirs, strict=True):
        items = query.inputs(inputs)[:keep]
        same = differ = skipped = 0
        first_diff = None
        for item, x, y in zip(items, a.answers, b.answers, strict=False):
            if "timed out" in (x, y) or _search_bounded(memory, query, item):
                skipped += 1
            elif x == y:
                same += 1
            else:
                differ += 1
                first_diff = first_diff or item
        line = f"parity {query.name}: {same} equal, {differ} differ, {skipped} not comparable"
        lines.append(line + (f" (first difference: {first_diff})" if first_diff else ""))
    return lines


def _search_bounded(memory: MemoryStore, query: Query, item: Any) -> bool:
    try:
        return query.search_bounded(memory, item)
    except QueryBoundExceeded:
        return True


def report(rows: list[Timings], lines: list[str]) -> str:
    table = [
        "| store | query | calls | p50 ms | p95 ms | max ms | bounded |",
        "|---|---|---:|---:|---:|---:|---|",
    ] + [t.row() for t in rows]
    return "\n".join(table) + "\n\n" + "\n".join(f"- {line}" for line in lines)


def build_lines(row: dict[str, Any]) -> list[str]:
    lines = [
        f"embedded store build (MemoryStore.write of {row['nodes']:,} nodes and {row['edges']:,} "
        f"facts, fresh subprocess): {row['build_s']:.1f} s (generating the records: "
        f"{row['generate_s']:.1f} s, not counted)",
        f"embedded store memory, RSS growth from before generating to after the write with the "
        f"caller's list dropped (the store owns every Node, Edge and Citation): "
        f"{row['rss_store_mb'] - row['rss_base_mb']:,.0f} MiB; of which the records themselves "
        f"{row['rss_records_mb'] - row['rss_base_mb']:,.0f} MiB and the store's own structures "
        f"{row['rss_write_mb'] - row['rss_records_mb']:,.0f} MiB (RSS growth over the write)",
    ]
    if "traced_store_mb" in row:
        lines.append(
            "embedded store memory by tracemalloc (second fresh subprocess): "
            f"{row['traced_store_mb']:,.0f} MiB traced after the write with the list dropped; "
            f"records alone {row['traced_records_mb']:,.0f} MiB"
        )
    return lines


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    add_neo4j_arguments(parser)
    parser.add_argument("--nodes", type=int, default=100_000)
    parser.add_argument("--edges", type=int, default=1_000_000)
    parser.add_argument("--sample", type=int, default=100, help="inputs per query")
    parser.add_argument(
        "--neo4j-slow-sample",
        type=int,
        help="inputs for trace and neighbourhood (hops 2) on Neo4j only (default "
        "--sample): each call that hits the 30 s bound costs 30 s",
    )
    parser.add_argument("--parity", type=int, default=30, help="inputs per query compared across stores")
    parser.add_argument("--no-neo4j", action="store_true", help="the embedded store only")
    parser.add_argument(
        "--reuse", action="store_true", help="keep the server's graph if it already is this synthetic graph"
    )
    parser.add_argument("--no-build", action="store_true", help="skip the build/memory subprocess")
    parser.add_argument(
        "--tracemalloc",
        action="store_true",
        help="also measure memory with tracemalloc (one more, slower, subprocess)",
    )
    parser.add_argument("--build-worker", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)

    if args.build_worker:
        print(BUILD_MARK + json.dumps(build_worker(args.nodes, args.edges, args.tracemalloc)), flush=True)
        return 0

    lines = [
        f"{os.cpu_count()} cores, shared with other work (tests, other benchmarks, other "
        f"Neo4j servers); synthetic graph seed {SEED}, inputs seed {SAMPLE_SEED}"
    ]
    if not args.no_build:
        log("embedded store build and memory (fresh subprocess) ...")
        lines += build_lines(measure_build(args.nodes, args.edges, traced=False))
        log("\n".join(lines))
        if args.tracemalloc:
            log("tracemalloc (fresh subprocess) ...")
            lines += build_lines(measure_build(args.nodes, args.edges, traced=True))[2:]

    log("generating and building the embedded store ...")
    records = synthetic_graph(args.nodes, args.edges, seed=SEED)
    memory = MemoryStore()
    memory.write(records)
    inputs = pick_inputs(memory, args.sample, SAMPLE_SEED)
    warm = pick_inputs(memory, WARM_CALLS, WARM_SEED)

    rows = run_store("memory", memory, inputs, warm, args.parity)
    nx_rows, nx_notes = networkx_rows(memory, inputs.pairs)
    rows += nx_rows
    lines += nx_notes

    if not args.no_neo4j:
        store = neo4j_store(args)
        try:
            if args.reuse and holds(store, records):
                lines.append(f"Neo4j at {args.uri}: reused the graph already loaded (load not timed here)")
            else:
                log(f"loading Neo4j at {args.uri} ...")
                loaded = load_neo4j(store, records)
                lines.append(
                    f"Neo4j load (Neo4jStore.write, default batch size, {args.uri}): "
                    f"{loaded['nodes']:,} nodes and {loaded['edges']:,} facts in "
                    f"{loaded['seconds']:.0f} s, {loaded['edges'] / loaded['seconds']:,.0f} facts/s "
                    f"({(loaded['nodes'] + loaded['edges']) / loaded['seconds']:,.0f} records/s)"
                )
            del records
            neo4j_rows = run_store("neo4j", store, inputs, warm, args.parity, args.neo4j_slow_sample)
        finally:
            store.close()
        rows += neo4j_rows
        lines += parity(memory, rows[: len(QUERIES)], neo4j_rows[: len(QUERIES)], inputs, args.parity)

    print(report(rows, lines))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
