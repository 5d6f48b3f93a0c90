"""`csn`: trace, check and show the criminal–state network from the command line.

Library errors (CsnError) become one `Error: ...` line and exit code 1; usage errors are click's
(exit code 2). Anything else is a bug and keeps its traceback.
"""

from __future__ import annotations

import os
import sys
from collections import Counter
from pathlib import Path

import click

from csn.cli.formats import FORMATS, render
from csn.cli.lazy_group import LazyGroup
from csn.cli.options import case_option, status_choice, store_option
from csn.cli.render import render_entity, render_trace
from csn.graph.collector import run_as_one_command
from csn.graph.errors import CsnError, DataError
from csn.graph.memory_store import MemoryStore
from csn.graph.model import Edge, Node
from csn.graph.schema import SCHEMA, schema_tables
from csn.loaders.curated.seed import seed_files
from csn.queries.lookup import resolve
from csn.queries.trace import DEFAULT_MAX_HOPS, trace, trace_frame
from csn.visualize.network_view import write_view
from csn.visualize.spreadsheet import write_frame_csv
from csn.visualize.trace_view import trace_caption, view_of_trace
from csn.workspace import case as cases
from csn.workspace.assembly import curated_records, graph_records, has_kept_editions, open_store
from csn.workspace.case import Workspace

# The commands kept in modules of their own, imported only when run (csn.cli.lazy_group).
COMMANDS_IN_MODULES = {
    "analyse": "csn.cli.analysis_commands:analyse",
    "connect": "csn.cli.query_commands:connect_command",
    "neighbourhood": "csn.cli.query_commands:neighbourhood_command",
    "profile": "csn.cli.query_commands:profile_command",
    "brokers": "csn.cli.query_commands:brokers_command",
    "corridor": "csn.cli.query_commands:corridor_command",
    "import": "csn.cli.import_commands:import_group",
    "resolve": "csn.cli.resolve_command:resolve",
    "view": "csn.cli.view_commands:view",
    "export": "csn.cli.view_commands:export",
    "serve": "csn.cli.serve_command:serve",
}


@click.group(
    cls=LazyGroup, lazy=COMMANDS_IN_MODULES, context_settings={"help_option_names": ["-h", "--help"]}
)
def cli() -> None:
    """Map how criminal groups and state actors connect to migration corridors, with evidence."""


@cli.command("init")
@click.argument("path", type=click.Path(file_okay=False, path_type=Path))
@click.option("--name", help="The case's name (default: the folder's name).")
def init_command(path: Path, name: str | None) -> None:
    """Make a case folder: your own facts, decisions and imports, kept apart from csn."""
    case = cases.init(path, name)
    click.echo(
        f"Made the case folder {case.root} ({case.name}): your facts go in facts/, decisions in "
        f"resolutions.yaml, imports in .csn/. Run csn inside it, or with --workspace {path}."
    )


@cli.command()
@case_option
def check(case: Workspace) -> None:
    """Validate the case's curated facts against the schema and report what they hold."""
    records = curated_records(case)
    nodes = [r for r in records if isinstance(r, Node)]
    edges = [r for r in records if isinstance(r, Edge)]
    cited = sum(1 for e in edges if e.citations)
    files = sum(len(seed_files(path)) for path in case.fact_paths())
    click.echo(f"{files} files valid: {len(nodes)} nodes, {len(edges)} edges.")
    click.echo(f"Every edge cites a source: {cited} of {len(edges)} edges.")
    click.echo("\nNodes by label:")
    for label, count in sorted(Counter(n.label for n in nodes).items()):
        click.echo(f"  {label:<18} {count:>4}")
    click.echo("\nEdges by type:")
    for rel_type, count in sorted(Counter(e.type for e in edges).items()):
        click.echo(f"  {rel_type:<18} {count:>4}")
    click.echo("\nEdges by evidence status:")
    by_status = Counter(e.status for e in edges)
    for status in SCHEMA.evidence:
        click.echo(f"  {status:<18} {by_status.get(status, 0):>4}")
    from csn.loaders.curated.claims import claims_file, load_claims
    from csn.queries.claims import claims_report

    store = MemoryStore()
    store.write(records)
    click.echo(claims_report(store, load_claims(claims_file(case.datasets[0] if case.datasets else None))))
    if has_kept_editions(case):
        from csn.queries.crosscheck import crosscheck, crosscheck_report

        listed = open_store(case)
        click.echo("\n" + crosscheck_report(crosscheck(listed)))


@cli.command("trace")
@click.option("--from", "start", metavar="NAME_OR_ID", help="Only paths from this state actor.")
@click.option("--corridor", metavar="NAME_OR_ID", help="Only paths to this corridor.")
@click.option("--min-status", type=status_choice, help="Only edges at least this sure.")
@click.option("--as-of", metavar="YYYY-MM-DD", help="Only facts that held on this date.")
@click.option("--max-hops", type=int, default=DEFAULT_MAX_HOPS, show_default=True)
@click.option("--limit", type=click.IntRange(min=1), default=100, show_default=True)
@click.option(
    "--html", type=click.Path(dir_okay=False, path_type=Path), help="Write the paths as a network view."
)
@click.option(
    "--csv", "csv_path", type=click.Path(dir_okay=False, path_type=Path), help="Write one row per hop."
)
@click.option(
    "--format",
    "fmt",
    type=click.Choice(FORMATS),
    default="table",
    show_default=True,
    help="table: the paths as text with their citations; json, csv, markdown: one row per fact.",
)
@case_option
@store_option
def trace_command(
    start, corridor, min_status, as_of, max_hops, limit, html, csv_path, fmt, case, store_kind
) -> None:
    """Paths from state actors through criminal networks to migration corridors."""
    store = open_store(case, store_kind)
    result = trace(store, start, corridor, min_status, as_of, max_hops, limit)
    if fmt == "table":
        click.echo(render_trace(result))
    else:
        click.echo(render(trace_frame(result), fmt, result))
    if csv_path:
        write_frame_csv(trace_frame(result), csv_path)
        click.echo(f"\nWrote {csv_path}")
    if html:
        filters = {
            "from": start,
            "corridor": corridor,
            "minimum status": min_status,
            "max hops": str(max_hops),
        }
        write_view(
            view_of_trace(result),
            html,
            "Trace: state actors to migration corridors",
            trace_caption(result, filters),
        )
        click.echo(f"Wrote {html}")


@cli.command()
@click.argument("name_or_id")
@case_option
@store_option
def show(name_or_id: str, case: Workspace, store_kind: str) -> None:
    """One entity with all its facts and their sources."""
    store = open_store(case, store_kind)
    node = resolve(store, name_or_id)
    edges = store.edges_of(node.id)
    related = {e.from_id for e in edges} | {e.to_id for e in edges}
    sources = {c.source for e in edges for c in e.citations}
    click.echo(render_entity(node, edges, store.nodes(related | sources)))


@cli.command()
@case_option
@store_option
@click.option("--batch-size", type=click.IntRange(min=1), default=10_000, show_default=True)
@click.option(
    "--replace",
    is_flag=True,
    help="Empty the store first, so that facts removed or changed in the files leave it "
    "too (the files are read and checked before anything is deleted).",
)
@click.option(
    "--bulk",
    is_flag=True,
    help="First load of an empty local Neo4j with its offline importer (neo4j-admin): much faster "
    "for large files; refuses a database that holds anything and a server that is not the local one.",
)
def load(case: Workspace, store_kind: str, batch_size: int, replace: bool, bulk: bool) -> None:
    """Validate the case's curated facts and write them, with its kept imports of official lists,
    into a store (idempotent: ids are merged)."""
    records = graph_records(case)
    if bulk:
        if store_kind != "neo4j" or replace:
            raise click.UsageError(
                "--bulk loads an empty local Neo4j: use it with --store neo4j, without --replace"
            )
        from csn.neo4j_local.bulk_import import bulk_load

        click.echo(bulk_load(records, uri=os.environ.get("NEO4J_URI")).summary())
        return
    store = MemoryStore() if store_kind == "memory" else open_store(case, store_kind)
    if replace:
        store.clear()
    hidden = len(records) < 3 * batch_size  # a bar only for loads that take more than a moment
    with click.progressbar(length=len(records), label="Loading", file=sys.stderr, hidden=hidden) as bar:
        store.write(records, batch_size=batch_size, on_batch=bar.update)
    nodes, edges = store.counts()
    click.echo(f"Loaded {len(records)} records into {store_kind}: it holds {nodes} nodes and {edges} edges.")
    store.close()


@cli.group()
def neo4j() -> None:
    """Run a local Neo4j Community server (from Maven Central; data in .neo4j/)."""


@neo4j.command("start")
def neo4j_start() -> None:
    """Install if needed, configure and start the local server; wait until Bolt answers.

    Also serves the Browser style and guide (http://localhost:7476), which the Browser at
    http://localhost:7474/browser/ loads after connecting.
    """
    from csn.neo4j_local import browser as browser_content
    from csn.neo4j_local import server as neo4j_server

    content = neo4j_server.HOME / "browser"
    browser_content.write_content(content)
    browser_content.start_server(content)
    if neo4j_server.status(neo4j_server.HOME) == "stopped":
        neo4j_server.write_config(neo4j_server.HOME, extra=browser_content.neo4j_settings())
    neo4j_server.start(neo4j_server.HOME, neo4j_server.password_from_env())
    click.echo(neo4j_server.status(neo4j_server.HOME))


@neo4j.command("stop")
def neo4j_stop() -> None:
    """Stop the local server."""
    from csn.neo4j_local import browser as browser_content
    from csn.neo4j_local import server as neo4j_server

    neo4j_server.stop(neo4j_server.HOME)
    browser_content.stop_server(neo4j_server.HOME / "browser")
    click.echo(neo4j_server.status(neo4j_server.HOME))


@neo4j.command("status")
def neo4j_status() -> None:
    """Say whether the local server runs."""
    from csn.neo4j_local import server as neo4j_server

    click.echo(neo4j_server.status(neo4j_server.HOME))


@cli.command()
def schema() -> None:
    """Print the schema as Markdown tables (the README's schema section is this output)."""
    click.echo(schema_tables())


def main() -> None:
    run_as_one_command()  # what a command loads is kept out of the cycle collector's way
    try:
        cli.main(standalone_mode=False)
    except click.exceptions.Abort:
        click.echo("Aborted.", err=True)
        sys.exit(1)
    except click.ClickException as error:
        error.show()
        sys.exit(error.exit_code)
    except DataError as error:
        click.echo(f"Error: {error}", err=True)
        sys.exit(1)
    except CsnError as error:
        click.echo(f"Error: {error}", err=True)
        sys.exit(1)
