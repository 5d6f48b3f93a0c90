"""Benchmark first loads into Neo4j: `--bulk`, the batched loader and followthemoney's bulk path.

    .venv/bin/pip install -e '.[bench]'                    # followthemoney, for its path
    .venv/bin/python -m benchmarks.first_load              # 1,000,000 facts
    .venv/bin/python -m benchmarks.first_load --facts 1000000 5000000
    .venv/bin/python -m benchmarks.load --first-load ...   # the same

Side by side in one run, on the same synthetic graph (benchmarks/synthetic.py, streamed: one
node for every three facts, sources included), the time to a queryable graph, each path on a
fresh throwaway Neo4j server of its own (neo4j_local/throwaway.py; never the local server):

- `--bulk`: `bulk_load` (records to CSV files, server stopped, `neo4j-admin database import`,
  server up, constraints and indexes online), as `csn load --store neo4j --bulk` runs it;
- batched: `Neo4jStore.write` (constraints created, then transactions), then indexes online;
- followthemoney: the same records as an FtM JSON-lines file (benchmarks/ftm_file.py; its writing
  is shown but not counted, as it is that path's input), then `ftm export-neo4j-bulk` (its CSV
  files and import script), server stopped, `neo4j-admin database import` with the files and
  options of that script, server up, and the same kind of constraints and indexes as csn's (ids
  unique on every node and per label and relationship type, names indexed: FtM makes none, and a
  graph without them is not queryable by id at this size), online.

Every path ends by counting the nodes and relationships the server holds (not timed); the run
stops if a path holds other counts than `--bulk`. For `--bulk` and the batched loader the timed
work includes making the synthetic records, which the table also shows alone. Each path runs in a
child process, whose peak resident memory (ru_maxrss) is shown: for `--bulk`, the process that
makes the records and writes the files; for followthemoney, `ftm export-neo4j-bulk`. The machine
may be shared: the load average is printed before each path; trust differences above ~20% only.
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import resource
import shutil
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from benchmarks.synthetic import synthetic_records
from csn.graph.model import Record

REPO = Path(__file__).resolve().parents[1]
FACTS = (1_000_000,)
NODES_PER_FACT = 1 / 3
SEED = 7
PATHS = ("bulk", "batched", "followthemoney")
RESULT_MARK = "RESULT "
NOT_COUNTED = "FtM file written"  # the followthemoney path's input, shown but not in its total
STEPS = (
    NOT_COUNTED,
    "files written",
    "transactions",
    "server stopped",
    "import",
    "server up",
    "constraints online",
)
COUNTS = "MATCH (n) WITH count(n) AS nodes MATCH ()-[r]->() RETURN nodes, count(r) AS relationships"


def records(facts: int) -> Iterator[Record]:
    """The synthetic graph of `facts` facts, streamed."""
    return synthetic_records(max(20, round(facts * NODES_PER_FACT)), facts, seed=SEED)


def log(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


def load_average() -> str:
    return " ".join(f"{x:.2f}" for x in os.getloadavg())


# -- the paths, each in a worker process -----------------------------------------------------------


def _bulk(home: Path, facts: int) -> dict[str, float]:
    from csn.neo4j_local.bulk_import import bulk_load
    from csn.neo4j_local.throwaway import PASSWORD

    return bulk_load(records(facts), home=home, password=PASSWORD).seconds


def _batched(home: Path, facts: int) -> dict[str, float]:
    from csn.graph.neo4j_store import Neo4jStore, Settings
    from csn.neo4j_local.bulk_import import DATABASE, local_uri
    from csn.neo4j_local.throwaway import PASSWORD

    seconds = {}
    started = time.perf_counter()
    store = Neo4jStore(Settings(local_uri(home), "neo4j", PASSWORD, DATABASE))  # creates constraints
    try:
        store.write(records(facts))
        seconds["transactions"] = time.perf_counter() - started
        started = time.perf_counter()
        store.await_indexes()
        seconds["constraints online"] = time.perf_counter() - started
    finally:
        store.close()
    return seconds


def ftm_import_arguments(script: Path) -> tuple[list[str], list[str]]:
    """The inputs (--nodes, --relationships, as paths beside the script) and the other options of
    followthemoney's import script, for `neo4j-admin database import full`. Its `--database` (an
    older Neo4j's syntax) and `--id-type` (string, as csn's) are left to run_importer."""
    inputs, options = [], []
    for token in script.read_text(encoding="utf-8").split():
        name, _, value = token.partition("=")
        if name in ("--nodes", "--relationships"):
            inputs.append(f"{name}={script.parent / value}")
        elif name.startswith("--") and name not in ("--database", "--id-type"):
            options.append(token)
    return inputs, options


def ftm_constraints(folder: Path) -> list[str]:
    """Constraints and indexes like csn's for the graph imported from followthemoney's files:
    ids unique on every node (FtM's common label Thing) and per label and relationship type, and
    names indexed per label. The labels and types are read from the files' first rows."""
    statements = ["CREATE CONSTRAINT thing_id IF NOT EXISTS FOR (n:Thing) REQUIRE n.id IS UNIQUE"]
    for path in sorted(folder.glob("*.csv")):
        with path.open(encoding="utf-8", newline="") as handle:
            rows = csv.reader(handle)
            head = next(rows)
            first = next(rows, None)
        if first is None or path.name.startswith("_"):
            continue
        name = path.stem
        if ":TYPE" in head:
            rel_type = first[head.index(":TYPE")]
            statements.append(
                f"CREATE CONSTRAINT {name.lower()}_id IF NOT EXISTS "
                f"FOR ()-[r:`{rel_type}`]-() REQUIRE r.id IS UNIQUE"
            )
        else:
            statements.append(
                f"CREATE CONSTRAINT {name.lower()}_id IF NOT EXISTS FOR (n:`{name}`) REQUIRE n.id IS UNIQUE"
            )
            statements.append(f"CREATE INDEX {name.lower()}_name IF NOT EXISTS FOR (n:`{name}`) ON (n.name)")
    return statements


def _followthemoney(home: Path, facts: int) -> tuple[dict[str, float], float]:
    """The followthemoney path; returns its seconds and the peak memory (MB) of the export."""
    from neo4j import GraphDatabase

    from benchmarks.ftm_file import write_ftm_file
    from csn.neo4j_local import server
    from csn.neo4j_local.bulk_import import DATABASE, local_uri, run_importer
    from csn.neo4j_local.throwaway import PASSWORD

    ftm = Path(sys.executable).with_name("ftm")
    if not ftm.exists():
        raise SystemExit("Error: followthemoney is not installed here: pip install -e '.[bench]'")
    seconds = {}
    folder = home / "import" / "ftm"
    folder.mkdir(parents=True)
    entities, out = folder / "graph.ftm.json", folder / "csv"

    started = time.perf_counter()
    write_ftm_file(records(facts), entities)
    seconds[NOT_COUNTED] = time.perf_counter() - started

    started = time.perf_counter()
    export = subprocess.Popen([str(ftm), "export-neo4j-bulk", "-i", str(entities), "-o", str(out)])
    _, status, usage = os.wait4(export.pid, 0)
    export.returncode = os.waitstatus_to_exitcode(status)
    if export.returncode != 0:
        raise SystemExit(f"Error: ftm export-neo4j-bulk failed with exit {export.returncode}")
    seconds["files written"] = time.perf_counter() - started
    entities.unlink()  # the disk holds the CSV files and then the store: keep no more than needed

    inputs, options = ftm_import_arguments(out / "neo4j_import.sh")
    started = time.perf_counter()
    server.stop(home)
    seconds["server stopped"] = time.perf_counter() - started
    started = time.perf_counter()
    run_importer(home, inputs, array_delimiter=";", options=options)  # FtM joins labels with ';'
    seconds["import"] = time.perf_counter() - started
    statements = ftm_constraints(out)
    shutil.rmtree(folder)

    started = time.perf_counter()
    server.start(home, PASSWORD)
    seconds["server up"] = time.perf_counter() - started

    started = time.perf_counter()
    with GraphDatabase.driver(local_uri(home), auth=("neo4j", PASSWORD)) as driver:
        for statement in statements:
            driver.execute_query(statement, database_=DATABASE)
        driver.execute_query("CALL db.awaitIndexes(3600)", database_=DATABASE)
    seconds["constraints online"] = time.perf_counter() - started
    return seconds, usage.ru_maxrss / 1024


def run_path(path: str, facts: int, heap: str, pagecache: str) -> dict[str, Any]:
    """One path on a fresh throwaway server: its seconds per step, counts and peak memory."""
    from neo4j import GraphDatabase

    from csn.neo4j_local.bulk_import import DATABASE, local_uri
    from csn.neo4j_local.throwaway import PASSWORD, ThrowawayServer

    with ThrowawayServer(heap=heap, pagecache=pagecache) as test_server:
        home = test_server.home
        assert home is not None
        peak = None
        if path == "bulk":
            seconds = _bulk(home, facts)
        elif path == "batched":
            seconds = _batched(home, facts)
        else:
            seconds, peak = _followthemoney(home, facts)
        with GraphDatabase.driver(local_uri(home), auth=("neo4j", PASSWORD)) as driver:
            found, _, _ = driver.execute_query(COUNTS, database_=DATABASE)
    own_peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return {
        "path": path,
        "facts": facts,
        "seconds": seconds,
        "total": sum(s for step, s in seconds.items() if step != NOT_COUNTED),
        "nodes": found[0]["nodes"],
        "relationships": found[0]["relationships"],
        "peak_mb": peak if peak is not None else own_peak,
    }


def run_worker(path: str, facts: int, args: argparse.Namespace) -> dict[str, Any]:
    command = [sys.executable, "-m", "benchmarks.first_load", "--worker", path, "--facts", str(facts)]
    command += ["--heap", args.heap, "--pagecache", args.pagecache]
    proc = subprocess.run(command, cwd=REPO, stdout=subprocess.PIPE, text=True, check=False)
    if proc.returncode != 0:
        raise SystemExit(f"Error: the {path} path failed at {facts:,} facts (exit {proc.returncode})")
    (line,) = [line for line in proc.stdout.splitlines() if line.startswith(RESULT_MARK)]
    result: dict[str, Any] = json.loads(line[len(RESULT_MARK) :])
    return result


# -- the report --------------------------------------------------------------------------------------


def table(results: list[dict[str, Any]]) -> str:
    """Path, facts, seconds per step, total, ratio to --bulk and peak memory, per path and size."""
    steps = [s for s in STEPS if any(s in r["seconds"] for r in results)]
    lines = [
        "| path | facts | " + " | ".join(steps) + " | total (s) | × --bulk | peak memory (MB) | load avg |",
        "|---|---:|" + "---:|" * (len(steps) + 4),
    ]
    bulk = {r["facts"]: r["total"] for r in results if r["path"] == "bulk"}
    for r in results:
        cells = [f"{r['seconds'][s]:.1f}" if s in r["seconds"] else "–" for s in steps]
        if NOT_COUNTED in r["seconds"]:
            cells[steps.index(NOT_COUNTED)] = f"({r['seconds'][NOT_COUNTED]:.1f})"
        ratio = f"{r['total'] / bulk[r['facts']]:.2f}" if r["facts"] in bulk else "–"
        name = "--bulk" if r["path"] == "bulk" else r["path"]
        lines.append(
            f"| {name} | {r['facts']:,} | " + " | ".join(cells) + f" | {r['total']:.1f} | {ratio} | "
            f"{r['peak_mb']:,.0f} | {r['load_average'].split()[0]} |"
        )
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--facts", type=int, nargs="+", default=list(FACTS))
    parser.add_argument("--paths", nargs="+", choices=PATHS, default=list(PATHS))
    parser.add_argument("--heap", default="2g", help="each throwaway server's heap")
    parser.add_argument("--pagecache", default="1g", help="each throwaway server's page cache")
    parser.add_argument("--json", type=Path, help="also write every measurement here")
    parser.add_argument("--worker", choices=PATHS, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)

    if args.worker:
        (facts,) = args.facts
        result = run_path(args.worker, facts, args.heap, args.pagecache)
        print(RESULT_MARK + json.dumps(result), flush=True)
        return 0

    results = []
    generation = {}
    for facts in args.facts:
        started = time.perf_counter()
        made = sum(1 for _ in records(facts))
        generation[facts] = (made, time.perf_counter() - started)
        for path in args.paths:
            average = load_average()
            log(f"{path} at {facts:,} facts (load average {average}) ...")
            result = run_worker(path, facts, args)
            result["load_average"] = average
            held = f"{result['nodes']:,} nodes, {result['relationships']:,} relationships"
            log(f"  {result['total']:.1f} s: {held}")
            results.append(result)
            if args.json:  # after every path, so that a failed larger size keeps the smaller's
                args.json.write_text(json.dumps(results, indent=1))
        counts = {(r["nodes"], r["relationships"]) for r in results if r["facts"] == facts}
        if len(counts) != 1:
            raise SystemExit(f"Error: the paths hold different graphs at {facts:,} facts: {sorted(counts)}")

    print(
        f"First loads into Neo4j on {os.cpu_count()} cores (load average at the end {load_average()}); "
        f"each path on a fresh throwaway server, heap {args.heap}, page cache {args.pagecache}. Seconds "
        f"per step; the FtM file, in brackets, is the followthemoney path's input and not in its total.\n"
    )
    print(table(results))
    print()
    for facts, (made, seconds) in generation.items():
        print(
            f"Making the {made:,} synthetic records of {facts:,} facts alone: {seconds:.1f} s "
            "(inside `files written` for --bulk and `transactions` for batched)."
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
