"""Benchmark loading facts: Neo4j's batched loader against one query per row, and the embedded store.

    make neo4j                                   # the local server (bolt://localhost:7687)
    .venv/bin/python -m benchmarks.load          # 10,000 and 100,000 facts; per-row on 2,000
    .venv/bin/python -m benchmarks.load --uri bolt://localhost:7688 --password ... \\
        --rust-python /tmp/rust-venv/bin/python  # the driver extension from another venv
    .venv/bin/python -m benchmarks.load --first-load --facts 1000000 5000000  # benchmarks/first_load.py

The server is never started here; by default it is the one at NEO4J_URI / NEO4J_PASSWORD (the
project's usual variables, default the local `make neo4j` server), and **its contents are deleted**
(Neo4jStore.clear before every run). Measured side by side in one run, on synthetic facts from
benchmarks/synthetic.py (one node for every three facts, sources included):

- the embedded store: `MemoryStore.write` of everything, and one `write([record])` per record;
- Neo4j, once per driver: the pure-Python packstream codec, and the `neo4j-rust-ext` extension
  (`pip install -e '.[fast]'`, its version matching the `neo4j` driver's). Each runs in its own
  subprocess: the pure-Python one with the extension blocked from importing (so one venv with the
  extension measures both); the extension one with `--rust-python` (default: this interpreter),
  and it is skipped, saying so, when that interpreter has no extension. Each subprocess reports
  the codec the driver really used (`neo4j._codec.packstream.v1._rust_pack`).
  In each: a warm-up load of the largest size, then `Neo4jStore.write_one_by_one` on `--per-row`
  facts (2,000: at a few hundred a second the full sizes would take minutes), then
  `Neo4jStore.write` at every `--batch-sizes` for each size, for each loader variant below.
- Times cover the whole write, nodes included (a node for every three facts), from records to
  committed transactions; relationships/s is facts over that time. Every load is checked by
  counting what the store holds afterwards.
- Building the parameter rows in Python, with the cycle collector on and paused (graph/collector.py).

Loader variants (subclasses of Neo4jStore):
- `merge`: Neo4jStore as it is: a batch is one transaction whose rows go in pipelined statements
  of `chunk_rows`; node batches run two at a time;
- `unpipelined`: each batch one statement, node batches one at a time (the loader before that);
- `create`: `CREATE` for edges: not idempotent (a second load fails on the id constraint), shown
  only to price MERGE.
And "edges onto stored nodes": Neo4jStore writing only the edges, their nodes written before the
clock starts, as when a file of facts is added to a loaded graph (the store first looks the ends
up in the database).
Tried before and dropped: `ON CREATE SET ... ON MATCH SET` instead of MERGE's following SET (no
change), and edge batches on two connections at once, even with edges partitioned so that two
concurrent batches share no node: they deadlock on relationship-chain locks, and each deadlock
waits out the driver's retry back-off of about a second.
The sweep's last column says whether a second load of the same records left one copy.

Prints the Markdown table (store, driver, method, edges, seconds, relationships/s, ratio vs
per-row, where the ratio compares with the per-row loader of the same store and driver), then the
batch-size sweep. The machine may be shared: run it more than once before trusting a difference
of less than about 20%.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import time
from collections.abc import Callable, Iterable
from functools import partial
from importlib import metadata
from pathlib import Path
from typing import Any

from benchmarks import add_neo4j_arguments
from benchmarks.synthetic import synthetic_graph
from csn.graph.memory_store import MemoryStore
from csn.graph.model import Edge, Node, Record

# The pure-Python run blocks the extension before `neo4j` is first imported (csn.graph.neo4j_store
# is imported lazily below for this reason); with the module set to None, the driver's own
# `try: from neo4j._rust ... except ImportError` falls back to its Python codec.
BLOCK_RUST = "CSN_BENCH_BLOCK_RUST"
WANT_DRIVER = "CSN_BENCH_DRIVER"  # python or rust: a worker whose driver differs measures nothing
if os.environ.get(BLOCK_RUST) == "1":
    sys.modules["neo4j._rust"] = None  # type: ignore[assignment]

REPO = Path(__file__).resolve().parents[1]
SIZES = (10_000, 100_000)
PER_ROW = 2_000
BATCH_SIZES = (5_000, 10_000, 20_000)
VARIANTS = ("merge", "unpipelined", "create")
NODES_PER_EDGE = 1 / 3
SEED = 7
ROWS_MARK = "ROWS "


def records_for(edges: int) -> list[Record]:
    return synthetic_graph(max(20, round(edges * NODES_PER_EDGE)), edges, seed=SEED)


def expected_counts(records: list[Record]) -> tuple[int, int]:
    return sum(isinstance(r, Node) for r in records), sum(isinstance(r, Edge) for r in records)


def timed(action: Callable[[], Any]) -> float:
    began = time.perf_counter()
    action()
    return time.perf_counter() - began


def log(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


# -- the embedded store --------------------------------------------------------------------------


def _one_by_one(store: MemoryStore, records: list[Record]) -> None:
    for record in records:
        store.write([record])


def memory_rows(sizes: Iterable[int], repeat: int = 1) -> list[dict[str, Any]]:
    rows = []
    for edges in [e for e in sizes for _ in range(repeat)]:
        records = records_for(edges)
        expected = expected_counts(records)
        batched, one_by_one = MemoryStore(), MemoryStore()
        seconds = timed(partial(batched.write, records))
        per_row = timed(partial(_one_by_one, one_by_one, records))
        assert batched.counts() == expected == one_by_one.counts()
        common = {"store": "memory", "driver": "-", "edges": edges, "batch_size": None}
        rows.append({**common, "method": "per-row", "seconds": per_row})
        rows.append({**common, "method": "write", "seconds": seconds})
    return rows


# -- building the Neo4j parameter rows -------------------------------------------------------------


def row_building(sizes: Iterable[int], repeat: int = 1) -> str:
    """A table: seconds to build every parameter row of a load, cycle collector on and paused."""
    import gc

    from csn.graph.collector import collector_paused
    from csn.graph.neo4j_store import _row

    def build(records: list[Record]) -> list[dict[str, Any]]:
        return [_row(r) for r in records]

    lines = ["| edges | collector on (s) | collector paused (s) | ratio |", "|---:|---:|---:|---:|"]
    for edges in sizes:
        records = records_for(edges)
        on, paused = [], []
        for _ in range(repeat):
            gc.collect()
            on.append(timed(partial(build, records)))
            with collector_paused():
                paused.append(timed(partial(build, records)))
        lines.append(f"| {edges:,} | {min(on):.2f} | {min(paused):.2f} | {min(on) / min(paused):.1f}x |")
    return "\n".join(lines)


# -- Neo4j (in a worker subprocess) --------------------------------------------------------------


def driver_name() -> str:
    """The driver and the codec it really uses."""
    from neo4j._codec.packstream import v1

    name = f"neo4j {metadata.version('neo4j')}"
    if v1._rust_pack is not None:
        return f"{name} + rust-ext {metadata.version('neo4j-rust-ext')}"
    return f"{name}, pure Python"


def variant_stores() -> dict[str, type]:
    """Neo4jStore and the subclasses that change one thing about how it writes."""
    from csn.graph.neo4j_store import Neo4jStore, quoted
    from csn.graph.schema import SCHEMA

    base = quoted(SCHEMA.base_label)

    class Unpipelined(Neo4jStore):
        """Each batch one statement, node batches one at a time: the loader before pipelining."""

        chunk_rows = 10**9
        node_writers = 1

    class Create(Neo4jStore):
        """CREATE for edges: faster if the ids are new, but a second load fails. Not a proposal."""

        @staticmethod
        def edge_merge(rel_type: str) -> str:
            return (
                f"UNWIND $rows AS row\n"
                f"MATCH (a:{base} {{id: row.from}}), (b:{base} {{id: row.to}})\n"
                f"CREATE (a)-[r:{quoted(rel_type)}]->(b)\n"
                f"SET r = row.props\n"
                f"RETURN count(r) AS written"
            )

    return {"merge": Neo4jStore, "unpipelined": Unpipelined, "create": Create}


def idempotent(store: Any, records: list[Record]) -> bool:
    """Whether writing the same records twice leaves one copy (the GraphStore contract)."""
    from csn.graph.errors import Conflict

    store.clear()
    store.write(records)
    try:
        store.write(records)
    except Conflict:  # CREATE's second load meets the id constraints
        return False
    finally:
        counts = store.counts()
        store.clear()
    return counts == expected_counts(records)


def neo4j_rows(
    sizes: Iterable[int],
    per_row: int,
    batch_sizes: Iterable[int],
    variants: Iterable[str],
    repeat: int = 1,
) -> list[dict[str, Any]]:
    from csn.graph.neo4j_store import Settings

    stores = variant_stores()
    driver = driver_name()
    wanted = os.environ.get(WANT_DRIVER)
    if wanted and ("rust-ext" in driver) != (wanted == "rust"):
        return [{"store": "neo4j", "driver": driver, "method": "none"}]  # the parent says why
    log(f"[{driver}] connecting to {Settings.from_env().uri}")
    store = stores["merge"]()
    rows: list[dict[str, Any]] = []
    common = {"store": "neo4j", "driver": driver}

    def load(
        method: str,
        target: Any,
        records: list[Record],
        write: Callable[[], None],
        batch_size: int | None,
        before: Callable[[], None] = lambda: None,
    ) -> None:
        for _ in range(repeat):
            target.clear()
            before()  # not timed
            seconds = timed(write)
            counts = target.counts()
            if counts != expected_counts(records):
                raise AssertionError(f"{method}: the store holds {counts}, not {expected_counts(records)}")
            edges = counts[1]
            rows.append(
                {**common, "method": method, "edges": edges, "seconds": seconds, "batch_size": batch_size}
            )
            log(
                f"[{driver}] {method:<22} {edges:>7,} edges  batch {batch_size or '-':>6}  "
                f"{seconds:7.2f} s  {edges / seconds:9,.0f} rel/s"
            )

    # Warm-up, not timed: a load of the largest size (the JVM compiles the write path as it runs
    # it, and a smaller load left it still compiling in the timed runs) and some per-row writes.
    warm = records_for(max(sizes))
    store.clear()
    store.write(warm)
    store.write_one_by_one(warm[:50] + [r for r in warm if isinstance(r, Edge)][:200])
    small = records_for(per_row)
    load("per-row", store, small, lambda: store.write_one_by_one(small), None)
    for name in variants:
        target = stores[name]() if name != "merge" else store
        try:
            for edges in sizes:
                records = records_for(edges)
                for size in batch_sizes:
                    load(
                        f"batched ({name})",
                        target,
                        records,
                        partial(target.write, records, batch_size=size),
                        size,
                    )
                if name == "merge":  # an added file: its edges join nodes already stored
                    nodes = [r for r in records if isinstance(r, Node)]
                    added = [r for r in records if isinstance(r, Edge)]
                    for size in batch_sizes:
                        load(
                            "edges onto stored nodes",
                            target,
                            records,
                            partial(target.write, added, batch_size=size),
                            size,
                            before=partial(target.write, nodes),
                        )
            once = idempotent(target, small)
            rows.append({**common, "method": f"batched ({name})", "idempotent": once})
        finally:
            if target is not store:
                target.close()
    store.clear()
    store.close()
    return rows


def run_worker(driver: str, python: str, args: argparse.Namespace) -> list[dict[str, Any]]:
    """Run the Neo4j part in `python`; [] (after saying why) if that driver is not available."""
    env = dict(
        os.environ,
        NEO4J_URI=args.uri,
        NEO4J_USERNAME=args.username,
        NEO4J_PASSWORD=args.password,
        NEO4J_DATABASE=args.database,
    )
    env.pop(BLOCK_RUST, None)
    env[WANT_DRIVER] = driver
    if driver == "python":
        env[BLOCK_RUST] = "1"
    cmd = [
        python,
        "-m",
        "benchmarks.load",
        "--worker",
        "--sizes",
        *map(str, args.sizes),
        "--per-row",
        str(args.per_row),
        "--batch-sizes",
        *map(str, args.batch_sizes),
        "--variants",
        *args.variants,
        "--repeat",
        str(args.repeat),
    ]
    proc = subprocess.run(cmd, check=False, cwd=REPO, env=env, stdout=subprocess.PIPE, text=True)
    if proc.returncode != 0:
        raise SystemExit(f"Error: the {driver} worker ({python}) failed with exit {proc.returncode}")
    (line,) = [line for line in proc.stdout.splitlines() if line.startswith(ROWS_MARK)]
    rows = json.loads(line[len(ROWS_MARK) :])
    if rows and rows[0]["method"] == "none":
        log(
            f"skipping the {driver} driver: {python} has "
            f"{'no' if driver == 'rust' else 'an unblockable'} neo4j-rust-ext "
            "(pip install -e '.[fast]' there, or pass --rust-python)"
        )
        return []
    return rows


# -- the report ----------------------------------------------------------------------------------


def _best(rows: list[dict[str, Any]], **match: Any) -> dict[str, Any] | None:
    found = [r for r in rows if "seconds" in r and all(r.get(k) == v for k, v in match.items())]
    return min(found, key=lambda r: r["seconds"] / r["edges"], default=None)


def table(rows: list[dict[str, Any]], sizes: Iterable[int]) -> str:
    """The main table: per store and driver, per-row and the best batch size of each size."""
    lines = [
        "| store | driver | method | edges | seconds | relationships/s | ratio vs per-row |",
        "|---|---|---|---:|---:|---:|---:|",
    ]
    drivers = list(dict.fromkeys((r["store"], r["driver"]) for r in rows))
    for store, driver in drivers:
        mine = [r for r in rows if r["store"] == store and r["driver"] == driver]
        per_row = _best(mine, method="per-row")
        methods = list(dict.fromkeys(r["method"] for r in mine if r["method"] != "per-row"))
        shown = [per_row] if store == "neo4j" else []
        for edges in sizes:
            if store == "memory":
                shown += [
                    _best(mine, method="per-row", edges=edges),
                    _best(mine, method="write", edges=edges),
                ]
            else:
                shown += [_best(mine, method=m, edges=edges) for m in methods]
        for row in filter(None, shown):
            rate = row["edges"] / row["seconds"]
            base = per_row if store == "neo4j" else _best(mine, method="per-row", edges=row["edges"])
            ratio = f"{rate / (base['edges'] / base['seconds']):,.1f}x" if base else "-"
            method = row["method"] + (f", batch {row['batch_size']:,}" if row["batch_size"] else "")
            lines.append(
                f"| {store} | {driver} | {method} | {row['edges']:,} | {row['seconds']:.2f} | "
                f"{rate:,.0f} | {ratio} |"
            )
    return "\n".join(lines)


def sweep(rows: list[dict[str, Any]]) -> str:
    """relationships/s of every batched Neo4j load, by driver, method and size, per batch size."""
    loads = [r for r in rows if r["store"] == "neo4j" and r.get("batch_size")]
    batch_sizes = sorted({r["batch_size"] for r in loads})
    header = "| driver | method | edges | " + " | ".join(f"batch {b:,}" for b in batch_sizes)
    lines = [header + " | idempotent |", "|---|---|---:|" + "---:|" * len(batch_sizes) + "---|"]
    keys = list(dict.fromkeys((r["driver"], r["method"], r["edges"]) for r in loads))
    for driver, method, edges in keys:
        cells = []
        for b in batch_sizes:
            row = _best(loads, driver=driver, method=method, edges=edges, batch_size=b)
            cells.append(f"{row['edges'] / row['seconds']:,.0f}" if row else "")
        once = next(
            (
                r["idempotent"]
                for r in rows
                if r["driver"] == driver and r["method"] == method and "idempotent" in r
            ),
            None,
        )
        flag = {True: "yes", False: "no", None: ""}[once]
        lines.append(f"| {driver} | {method} | {edges:,} | " + " | ".join(cells) + f" | {flag} |")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    arguments = sys.argv[1:] if argv is None else argv
    if "--first-load" in arguments:  # first loads: --bulk, batched, followthemoney (first_load.py)
        from benchmarks import first_load

        return first_load.main([a for a in arguments if a != "--first-load"])
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    add_neo4j_arguments(parser)
    parser.add_argument("--sizes", type=int, nargs="+", default=list(SIZES))
    parser.add_argument("--per-row", type=int, default=PER_ROW, help="facts for the per-row loader")
    parser.add_argument("--batch-sizes", type=int, nargs="+", default=list(BATCH_SIZES))
    parser.add_argument("--variants", nargs="+", choices=VARIANTS, default=list(VARIANTS))
    parser.add_argument("--drivers", nargs="+", choices=("python", "rust"), default=["python", "rust"])
    parser.add_argument(
        "--rust-python",
        default=sys.executable,
        help="a Python whose venv has neo4j-rust-ext (default: this one)",
    )
    parser.add_argument("--repeat", type=int, default=1, help="runs of each load; the best counts")
    parser.add_argument("--no-memory", action="store_true", help="skip the embedded store")
    parser.add_argument("--json", type=Path, help="also write every measurement here")
    parser.add_argument("--worker", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)

    if args.worker:
        measured = neo4j_rows(args.sizes, args.per_row, args.batch_sizes, args.variants, args.repeat)
        print(ROWS_MARK + json.dumps(measured), flush=True)
        return 0

    rows: list[dict[str, Any]] = []
    if not args.no_memory:
        log("embedded store ...")
        rows += memory_rows(args.sizes, args.repeat)
    for driver in args.drivers:
        python = sys.executable if driver == "python" else args.rust_python
        rows += run_worker(driver, python, args)
    if args.json:
        args.json.write_text(json.dumps(rows, indent=1))
    print(
        f"Loads on {os.cpu_count()} cores; Neo4j at {args.uri}; per-row Neo4j on {args.per_row:,} "
        f"facts; batched rows are the best of batch sizes {', '.join(map(str, args.batch_sizes))}; "
        f"each load the best of {args.repeat} run(s).\n"
    )
    print(table(rows, args.sizes))
    if any(r["store"] == "neo4j" for r in rows):
        print("\nrelationships/s of each batched Neo4j load by batch size:\n")
        print(sweep(rows))
    print("\nBuilding the Neo4j parameter rows of a load (nodes and edges):\n")
    print(row_building(args.sizes, args.repeat))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
