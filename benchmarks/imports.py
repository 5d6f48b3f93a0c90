"""Benchmark the official-list imports, side by side in one run: python -m benchmarks.imports

    .venv/bin/python -m benchmarks.imports                          # OFAC 8,976 entries, FtM 1M
    .venv/bin/python -m benchmarks.imports --ftm-entities 100000 --no-neo4j

Two synthetic files, written first (the real lists are not redistributed here):
- an OFAC SDN trio of `--ofac-entries` entries (default 8,976, the whole list of 2021),
  in the published CSV format (benchmarks/ofac_synthetic.py);
- an FtM JSON-lines file of `--ftm-entities` entities shaped like an OpenSanctions export
  (benchmarks/ftm_synthetic.py).
For each, measured in one run:
- `read`: the reader alone, in this process (parse and map to records): entities per second by
  wall and CPU time;
- `import`: `csn import` in a child process with a kept-imports folder of its own (read, match
  and merge with the seed, keep): seconds, entities per second, the child's peak memory (RSS);
- `show`: `csn show NAME` in a child once the import is kept: the first run reads the seed and
  every kept import, merges them, builds the embedded store and keeps it
  (csn/workspace/built_store.py); then, like every later command until an input changes, it reads
  the kept store: that run is repeated and its median and slowest are given (the goals: under
  5 s with a million FtM entities kept, under 0.4 s with the seed and the whole OFAC list);
- `neo4j import`: `csn import --store neo4j` into a throwaway server already holding the seed,
  and, beside it, the batched loader alone (`Neo4jStore.write`) writing the same records into a
  second fresh throwaway server holding the seed: the import's rate against the loader's own.
Peak memory is the child's maximum resident set, so it includes Python and every library.
The machine may be shared: the load average is printed with the table.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from benchmarks.ftm_synthetic import write_entities
from benchmarks.ofac_synthetic import write_sdn_trio
from csn.graph.model import Node
from csn.graph.neo4j_store import Settings
from csn.loaders.lists.listing import ListImport
from csn.loaders.resolution.matching import ACTORS
from csn.neo4j_local.throwaway import PASSWORD, ThrowawayServer
from csn.workspace.case import ENVIRONMENT, builtin, init

REPO = Path(__file__).resolve().parents[1]
CHILD = (
    "import atexit, os, resource, sys\n"
    "atexit.register(lambda: open(os.environ['CSN_BENCH_RSS'], 'w').write("
    "str(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)))\n"
    "from csn.cli.main import main\n"
    "sys.argv = ['csn', *sys.argv[1:]]\n"
    "main()\n"
)


@dataclass(frozen=True)
class Row:
    data: str
    step: str
    entities: int
    seconds: float
    peak_mib: float | None = None
    note: str = ""

    def cells(self) -> list[str]:
        rate = f"{self.entities / self.seconds:,.0f}" if self.entities else "-"
        peak = f"{self.peak_mib:,.0f}" if self.peak_mib is not None else "-"
        return [self.data, self.step, f"{self.entities:,}", f"{self.seconds:.2f}", rate, peak, self.note]


SHOW_RUNS = 5


def csn_child(args: list[str], env: dict[str, str]) -> tuple[float, float, str]:
    """Run `csn ARGS` in a child: (wall seconds, peak RSS in MiB, its output). Raises on failure."""
    with tempfile.NamedTemporaryFile(suffix=".rss") as rss:
        started = time.perf_counter()
        done = subprocess.run(
            [sys.executable, "-c", CHILD, *args],
            env={**os.environ, **env, "CSN_BENCH_RSS": rss.name},
            capture_output=True,
            text=True,
            cwd=REPO,
        )
        seconds = time.perf_counter() - started
        if done.returncode != 0:
            raise RuntimeError(f"csn {' '.join(args)} failed:\n{done.stdout}\n{done.stderr}")
        peak_kib = int(Path(rss.name).read_text() or 0)
    return seconds, peak_kib / 1024, done.stdout


def measure(
    name: str,
    entities: int,
    reader: Callable[[], ListImport],
    import_args: list[str],
    show: str,
    neo4j: bool,
) -> list[Row]:
    """The rows for one file of `entities` entities (the file's own count: FtM counts sanctions
    and links as entities too)."""
    started, cpu = time.perf_counter(), time.process_time()
    listed = reader()
    wall, cpu = time.perf_counter() - started, time.process_time() - cpu
    rows = [Row(name, "read", entities, wall, note=f"CPU {entities / cpu:,.0f}/s")]
    # Not held while the children run: on this machine a command ran a third slower beside a
    # process holding 2 GB (its fresh memory pages cost more to touch), and no user's command has
    # the benchmark's own copy of the list beside it.
    del listed
    with tempfile.TemporaryDirectory() as folder:
        env = {ENVIRONMENT: str(init(Path(folder) / "case").root)}
        seconds, peak, _ = csn_child(["import", *import_args], env)
        rows.append(Row(name, "import (embedded, kept)", entities, seconds, peak))
        seconds, peak, _ = csn_child(["show", show], env)
        rows.append(Row(name, "csn show, this file kept", entities, seconds, peak, "builds the kept store"))
        runs = [csn_child(["show", show], env) for _ in range(SHOW_RUNS)]
        times = sorted(seconds for seconds, _, _ in runs)
        note = f"reads the kept store; median of {SHOW_RUNS}, slowest {times[-1]:.2f} s"
        rows.append(Row(name, "csn show again", entities, statistics.median(times), runs[0][1], note))
    if neo4j:
        rows += neo4j_rows(name, reader, import_args, entities)
    return rows


def neo4j_rows(
    name: str, reader: Callable[[], ListImport], import_args: list[str], entities: int
) -> list[Row]:
    from csn.graph.neo4j_store import Neo4jStore
    from csn.workspace.assembly import curated_records, decisions, prepare_import

    seed = curated_records(builtin())
    rows = []
    with ThrowawayServer(heap="4g", pagecache="2g") as server, tempfile.TemporaryDirectory() as folder:
        settings = settings_of(server)
        env = {
            ENVIRONMENT: str(init(Path(folder) / "case").root),
            "NEO4J_URI": settings.uri,
            "NEO4J_USERNAME": settings.username,
            "NEO4J_PASSWORD": settings.password,
            "NEO4J_DATABASE": settings.database,
        }
        csn_child(["load", "--store", "neo4j"], env)
        seconds, peak, _ = csn_child(["import", *import_args, "--store", "neo4j"], env)
        rows.append(Row(name, "import (neo4j)", entities, seconds, peak))
    records = prepare_import(reader(), seed, [], decisions(builtin())).records_to_write
    with ThrowawayServer(heap="4g", pagecache="2g") as server:
        store = Neo4jStore(settings_of(server))
        store.ensure_schema()
        store.write(seed)
        started = time.perf_counter()
        store.write(records)
        seconds = time.perf_counter() - started
        store.close()
    rows.append(
        Row(name, "batched loader alone (neo4j)", entities, seconds, note=f"{len(records):,} records")
    )
    return rows


def settings_of(server: ThrowawayServer) -> Settings:
    assert server.endpoints is not None
    return Settings(server.endpoints.uri, "neo4j", PASSWORD, "neo4j")


def table(rows: list[Row]) -> str:
    head = ["data", "step", "entities", "seconds", "entities/s", "peak MiB", "note"]
    lines = ["| " + " | ".join(head) + " |", "|" + "---|" * len(head)]
    lines += ["| " + " | ".join(row.cells()) + " |" for row in rows]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    # 8,976: the entries of the whole SDN list in the 2021 snapshot the real excerpt was cut from.
    parser.add_argument("--ofac-entries", type=int, default=8_976)
    parser.add_argument("--ftm-entities", type=int, default=1_000_000)
    parser.add_argument("--no-neo4j", action="store_true", help="Leave out the Neo4j imports.")
    args = parser.parse_args(argv)
    from csn.loaders.lists.ftm import read_ftm
    from csn.loaders.lists.ofac import read_ofac

    rows: list[Row] = []
    with tempfile.TemporaryDirectory() as folder:
        ofac = write_sdn_trio(Path(folder) / "sdn", args.ofac_entries)
        ofac_show = "ofac-sdn-10000"
        with tempfile.TemporaryDirectory() as nothing_kept:
            env = {ENVIRONMENT: str(init(Path(nothing_kept) / "case").root)}
            csn_child(["show", "Nicolás Maduro"], env)  # caches the seed
            seconds, peak, _ = csn_child(["show", "Nicolás Maduro"], env)
        rows.append(Row("the seed alone", "csn show, nothing kept", 0, seconds, peak, "for comparison"))
        rows += measure(
            f"OFAC SDN, {args.ofac_entries:,} entries",
            args.ofac_entries,
            lambda: read_ofac(ofac, "2026-01-01"),
            ["ofac", str(ofac), "--list-date", "2026-01-01"],
            ofac_show,
            not args.no_neo4j,
        )
        print(table(rows), flush=True)
        ftm = Path(folder) / "synthetic.ftm.json"
        write_entities(ftm, args.ftm_entities)
        listed = read_ftm(ftm)
        ftm_show = next(r.id for r in listed.records if isinstance(r, Node) and r.label in ACTORS)
        del listed
        rows += measure(
            f"FtM, {args.ftm_entities:,} entities",
            args.ftm_entities,
            lambda: read_ftm(ftm),
            ["ftm", str(ftm)],
            ftm_show,
            not args.no_neo4j,
        )
    print()
    print(table(rows))
    print(f"\nLoad average during the run: {os.getloadavg()[0]:.1f} (2 cores)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
