"""`csn serve`: the investigator's workbench on the current case, in a browser (csn.web)."""

from __future__ import annotations

import click

from csn.cli.options import case_option, store_option


@click.command("serve")
@click.option("--host", default="127.0.0.1", show_default=True, help="The address to listen on.")
@click.option(
    "--port", type=click.IntRange(0, 65535), default=8765, show_default=True, help="0 picks a free port."
)
@click.option(
    "--token",
    envvar="CSN_SERVE_TOKEN",
    help="A secret every request must bring; required on any address but loopback "
    "(default: $CSN_SERVE_TOKEN).",
)
@case_option
@store_option
def serve(host: str, port: int, token: str | None, case, store_kind: str) -> None:
    """Browse the case's graph: search, entities, paths, views, imports, review and claims.

    Loads the graph once (and again after a decision made in the review page) and prints the
    address to open.
    """
    from csn.graph.collector import run_as_one_command
    from csn.web.server import serve as run

    run_as_one_command(False)  # a server loads the graph again after a decision: nothing frozen
    run(case, store_kind, host, port, token, say=lambda line: click.echo(line, err=False))
