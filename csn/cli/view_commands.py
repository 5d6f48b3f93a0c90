"""`csn view` and `csn export`: the whole graph, an entity's neighbourhood or a trace, as an
offline network page or as GraphML, GEXF, CSV or JSON; and the whole graph as FollowTheMoney.

Both commands select the same way: the whole graph by default, `--around NAME --hops N`, or
`--trace` with trace's own filters; `--as-of` and `--min-status` apply to all three.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import click

from csn.cli.options import case_option, status_choice, store_option
from csn.graph.store import GraphStore
from csn.loaders.lists.ftm_export import write_ftm
from csn.queries.filters import edge_filter
from csn.queries.neighbourhood import MAX_HOPS_LIMIT
from csn.queries.trace import DEFAULT_MAX_HOPS, trace
from csn.visualize.export import FORMATS
from csn.visualize.export import export as export_view
from csn.visualize.network_view import (
    DEFAULT_MAX_NODES,
    PHYSICS_THRESHOLD,
    ViewGraph,
    write_view,
)
from csn.visualize.selection import mark_listings, neighbourhood, view_caption, whole_graph
from csn.visualize.trace_view import trace_caption, view_of_trace
from csn.workspace.assembly import open_store

OUT = Path("out")
FTM = "ftm"  # FollowTheMoney JSON lines: the whole graph only (loaders/lists/ftm_export.py)


@dataclass(frozen=True)
class Selection:
    """A selected view with the title and caption that describe it."""

    view: ViewGraph
    title: str
    caption: str


def select(
    store: GraphStore,
    around: str | None,
    hops: int,
    traced: bool,
    start: str | None,
    corridor: str | None,
    max_hops: int,
    limit: int,
    as_of: str | None,
    min_status: str | None,
) -> Selection:
    """What the selection options ask for. Raises click.UsageError for options that conflict."""
    if around and traced:
        raise click.UsageError("use either --around or --trace, not both")
    if not traced and (start or corridor):
        raise click.UsageError("--from and --corridor select traced paths; add --trace")
    where = edge_filter(min_status=min_status, as_of=as_of)
    if traced:
        result = trace(store, start, corridor, min_status, as_of, max_hops, limit)
        named = {"from": start, "corridor": corridor, "minimum status": min_status, "max hops": str(max_hops)}
        return Selection(
            view_of_trace(result), "Trace: state actors to migration corridors", trace_caption(result, named)
        )
    if around:
        view = neighbourhood(store, around, hops, where)
        centre = view.nodes[view.focus[0]].name
        what = f"Within {hops} hop{'s' if hops != 1 else ''} of {centre}"
        return Selection(view, f"Around {centre}", view_caption(what, view, where))
    view = whole_graph(store, where)
    return Selection(view, "The criminal–state network", view_caption("Whole graph", view, where))


def selection_options(command):
    """The options `view` and `export` share, applied in order."""
    options: list[Callable[[Any], Any]] = [
        click.option("--around", metavar="NAME_OR_ID", help="Only this entity and its neighbourhood."),
        click.option(
            "--hops",
            type=click.IntRange(1, MAX_HOPS_LIMIT),
            default=1,
            show_default=True,
            help="How far --around reaches, in facts.",
        ),
        click.option("--trace", "traced", is_flag=True, help="Only the paths that `csn trace` finds."),
        click.option(
            "--from", "start", metavar="NAME_OR_ID", help="With --trace: paths from this state actor."
        ),
        click.option("--corridor", metavar="NAME_OR_ID", help="With --trace: paths to this corridor."),
        click.option(
            "--max-hops",
            type=int,
            default=DEFAULT_MAX_HOPS,
            show_default=True,
            help="With --trace: longest path.",
        ),
        click.option(
            "--limit",
            type=click.IntRange(min=1),
            default=1000,
            show_default=True,
            help="With --trace: most paths.",
        ),
        click.option("--as-of", metavar="YYYY-MM-DD", help="Only facts that held on this date."),
        click.option("--min-status", type=status_choice, help="Only facts at least this sure."),
        case_option,
        store_option,
    ]
    for option in reversed(options):
        command = option(command)
    return command


@click.command()
@selection_options
@click.option(
    "--max-nodes",
    type=click.IntRange(min=1),
    default=DEFAULT_MAX_NODES,
    show_default=True,
    help="Draw at most this many nodes, the most relevant; the page says what was cut.",
)
@click.option(
    "--physics-threshold",
    type=click.IntRange(min=0),
    default=PHYSICS_THRESHOLD,
    show_default=True,
    help="Above this many nodes, a fixed layout with physics off.",
)
@click.option("--title", help="The page's title (default: what is shown).")
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False, path_type=Path),
    default=OUT / "view.html",
    show_default=True,
    help="The HTML file to write.",
)
def view(
    around,
    hops,
    traced,
    start,
    corridor,
    max_hops,
    limit,
    as_of,
    min_status,
    case,
    store_kind,
    max_nodes,
    physics_threshold,
    title,
    output,
) -> None:
    """Write a network view: one self-contained HTML file that works offline.

    \b
    csn view                                    # the whole graph
    csn view --around "Daniel Ortega" --hops 2  # one entity's neighbourhood
    csn view --trace --from JOH --as-of 2015-01-01
    """
    store = open_store(case, store_kind)
    chosen = select(store, around, hops, traced, start, corridor, max_hops, limit, as_of, min_status)
    mark_listings(store, chosen.view)
    write_view(
        chosen.view,
        output,
        title or chosen.title,
        chosen.caption,
        max_nodes=max_nodes,
        physics_threshold=physics_threshold,
    )
    click.echo(chosen.caption)
    if len(chosen.view.nodes) > max_nodes:
        click.echo(f"Drew the {max_nodes:,} most relevant of {len(chosen.view.nodes):,} nodes.")
    click.echo(f"Wrote {output}")


@click.command()
@selection_options
@click.option(
    "--format",
    "fmt",
    type=click.Choice((*FORMATS, FTM)),
    required=True,
    help="graphml or gexf (Gephi, Cytoscape), csv (nodes and edges files), json (Cytoscape.js), "
    "ftm (FollowTheMoney JSON lines for Aleph and OpenSanctions' tools: the whole graph's actors and "
    "their ties; the selection options do not apply).",
)
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False, path_type=Path),
    help="The file to write (default out/graph.FORMAT, out/graph.ftm.json for ftm; csv writes "
    "NAME.nodes.csv and NAME.edges.csv).",
)
def export(
    around, hops, traced, start, corridor, max_hops, limit, as_of, min_status, case, store_kind, fmt, output
) -> None:
    """Export the whole graph or a selection, with every attribute and the cited sources.

    Lists are written as JSON arrays in a string and missing values are left out (GraphML and
    GEXF cannot hold either); see visualize/export.py for the convention. `--format ftm` writes
    the whole graph as FollowTheMoney entities (see loaders/lists/ftm_export.py for what FtM cannot
    hold) and takes none of the selection options.
    """
    if fmt == FTM:
        given = [
            name
            for name, value in (
                ("--around", around),
                ("--trace", traced),
                ("--from", start),
                ("--corridor", corridor),
                ("--as-of", as_of),
                ("--min-status", min_status),
            )
            if value
        ]
        if given:
            verb = "does" if len(given) == 1 else "do"
            raise click.UsageError(
                f"--format ftm writes the whole graph; {', '.join(given)} {verb} not apply"
            )
        target = output or OUT / "graph.ftm.json"
        count = write_ftm(open_store(case, store_kind), target)
        click.echo(f"Wrote {count:,} FollowTheMoney entities to {target}")
        return
    store = open_store(case, store_kind)
    chosen = select(store, around, hops, traced, start, corridor, max_hops, limit, as_of, min_status)
    written = export_view(chosen.view, output or OUT / f"graph.{fmt}", fmt)
    click.echo(chosen.caption)
    for path in written:
        click.echo(f"Wrote {path}")
