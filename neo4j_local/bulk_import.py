"""First loads at bulk speed: records into an empty local database with Neo4j's offline importer.

`bulk_load` writes the records as the importer's CSV files (neo4j_local/bulk_files.py) while it stops
the local server, runs `neo4j-admin database import full` from the server's own jars, starts the
server again and creates the same constraints and indexes as the batched loader (`Neo4jStore`),
waiting until they are online. The graph it leaves is the one `Neo4jStore.write` would have made; later
loads merge on top of it as usual.

It refuses, before changing anything, a database that holds any node (the importer replaces the
whole database) and a server that is not the local one (the importer writes the store files on
this machine's disk):

    bulk_load(load_seed(Path("seed")))  # stops and restarts the local server
    # BulkReport(nodes=293, relationships=315, ...)
"""

from __future__ import annotations

import os
import shutil
import subprocess
import time
from collections.abc import Iterable, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

from neo4j import GraphDatabase

from csn.graph.cypher import housekeeping
from csn.graph.errors import CsnError
from csn.graph.model import Record
from csn.graph.neo4j_store import Neo4jStore, Settings
from csn.neo4j_local import server
from csn.neo4j_local.bulk_files import ARRAY_DELIMITER, write_import_files

DATABASE = "neo4j"  # Neo4j Community has one user database


class BulkRefused(CsnError):
    """The bulk importer will not run here: the database is not empty or the server not local."""


@dataclass
class BulkReport:
    """What a bulk load wrote and how long each step took, in seconds."""

    nodes: int
    relationships: int
    seconds: dict[str, float] = field(default_factory=dict)

    @property
    def total_seconds(self) -> float:
        return sum(self.seconds.values())

    def summary(self) -> str:
        """One sentence for the command line: what was imported and how long each step took."""
        steps = ", ".join(f"{step} {took:.1f} s" for step, took in self.seconds.items())
        return (
            f"Imported {self.nodes} nodes and {self.relationships} relationships into the local "
            f"Neo4j in {self.total_seconds:.1f} s ({steps})."
        )


def local_uri(home: Path) -> str:
    return f"bolt://localhost:{server._port(home, 'bolt', 7687)}"


def refuse_other_server(home: Path, uri: str | None) -> None:
    """Raise BulkRefused if `uri` (NEO4J_URI) names another server than the local one in `home`."""
    if uri and uri.rstrip("/") not in (local_uri(home), local_uri(home).replace("localhost", "127.0.0.1")):
        raise BulkRefused(
            f"--bulk writes the store files of the local server ({local_uri(home)}), and NEO4J_URI "
            f"names {uri}: unset NEO4J_URI, or load that server without --bulk"
        )


def node_count(uri: str, password: str) -> int:
    with GraphDatabase.driver(uri, auth=("neo4j", password)) as driver:
        records, _, _ = driver.execute_query(housekeeping("counts"), database_=DATABASE)
    return int(records[0]["nodes"])


def bulk_load(
    records: Iterable[Record],
    home: Path = server.HOME,
    password: str | None = None,
    uri: str | None = None,
) -> BulkReport:
    """Import `records` into the empty database of the local server in `home`; see the module doc.

    `uri` is the server the user asked for (NEO4J_URI), which must be the local one. Raises
    BulkRefused (database not empty, server not local), server.Neo4jServerError (the importer
    failed: its report is in the message, and the database is left empty as it was).
    """
    home = Path(home).resolve()
    password = password or server.password_from_env()
    refuse_other_server(home, uri)
    seconds: dict[str, float] = {}
    server.start(home, password)
    nodes = node_count(local_uri(home), password)
    if nodes:
        raise BulkRefused(
            f"the local database holds {nodes} node{'s' if nodes != 1 else ''}, and --bulk replaces "
            "the whole database: load without --bulk to merge into it"
        )
    folder = home / "import" / f"csn-bulk-{os.getpid()}"
    try:
        # The empty database is about to be replaced, so the server stops while the files are
        # written; "server stopped" is what is left of stopping once they are.
        with ThreadPoolExecutor(1) as pool:
            stopping = pool.submit(server.stop, home)
            started = time.perf_counter()
            try:
                files = write_import_files(records, folder)
            except BaseException:
                stopping.result()
                server.start(home, password)  # left running, as it was found
                raise
            seconds["files written"] = time.perf_counter() - started
            started = time.perf_counter()
            stopping.result()
            seconds["server stopped"] = time.perf_counter() - started

        started = time.perf_counter()
        try:
            run_importer(home, files.importer_arguments())
        except server.Neo4jServerError:
            # A failed import leaves a broken store. The database was empty (checked above), so
            # removing its files loses nothing, and the server then makes it anew, empty.
            for part in ("databases", "transactions"):
                shutil.rmtree(home / "data" / part / DATABASE, ignore_errors=True)
            server.start(home, password)
            raise
        seconds["import"] = time.perf_counter() - started
    finally:
        shutil.rmtree(folder, ignore_errors=True)

    started = time.perf_counter()
    server.start(home, password)
    seconds["server up"] = time.perf_counter() - started

    started = time.perf_counter()
    store = Neo4jStore(Settings(local_uri(home), "neo4j", password, DATABASE))
    try:
        store.await_indexes()
    finally:
        store.close()
    seconds["constraints online"] = time.perf_counter() - started

    node_rows = sum(files.rows[path] for path in files.nodes.values())
    edge_rows = sum(files.rows[path] for path in files.relationships.values())
    return BulkReport(node_rows, edge_rows, seconds)


def run_importer(
    home: Path,
    inputs: list[str],
    array_delimiter: str = ARRAY_DELIMITER,
    options: Sequence[str] = (),
) -> None:
    """`neo4j-admin database import full` on the stopped server's database, from its own jars.

    `inputs` are the --nodes and --relationships arguments; `array_delimiter` and `options` are
    for files written by other tools (the benchmark imports followthemoney's). Raises
    server.Neo4jServerError with the importer's errors if it fails.
    """
    env = dict(os.environ, NEO4J_HOME=str(home), NEO4J_CONF=str(home / "conf"))
    report = home / "logs" / "bulk-import.report"
    command = [
        server._java(), "-cp", server._classpath(home), server.ADMIN_CLASS,
        "database", "import", "full", DATABASE,  # before the inputs, which take several files each
        "--overwrite-destination=true",
        "--id-type=string",
        f"--array-delimiter=U+{ord(array_delimiter):04X}",
        f"--report-file={report}",
        *options,
        *inputs,
    ]  # fmt: skip
    process = subprocess.run(command, cwd=home, env=env, capture_output=True, text=True)
    if process.returncode != 0:
        output = (process.stdout + process.stderr).strip().splitlines()
        detail = "\n".join(line for line in output if "ERROR" in line or "Exception" in line)[:2000]
        raise server.Neo4jServerError(
            f"neo4j-admin import failed (exit {process.returncode}); the database is left empty:\n"
            + (detail or "\n".join(output[-15:]))
        )
