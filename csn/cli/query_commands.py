"""The investigator's queries on the command line: connect, neighbourhood, profile, brokers and
corridor, each with --format, --as-of, --store and --html."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from csn.cli.formats import FORMATS, render
from csn.cli.options import case_option, status_choice, store_option
from csn.cli.render import render_path, render_profile
from csn.queries.brokers import brokers
from csn.queries.connect import connect
from csn.queries.corridor import corridor_report
from csn.queries.evidence import paths_frame
from csn.queries.filters import describe
from csn.queries.neighbourhood import neighbourhood
from csn.queries.profile import profile, profile_frame
from csn.visualize.network_view import write_view
from csn.visualize.profile_report import profile_markdown
from csn.visualize.selection import cited_documents, view_from
from csn.visualize.trace_view import view_of_paths
from csn.workspace.assembly import open_store

if TYPE_CHECKING:  # pandas is imported in the functions that use it: it costs a second at start-up
    pass

format_option = click.option(
    "--format", "fmt", type=click.Choice(FORMATS), default="table", show_default=True
)
as_of_option = click.option("--as-of", metavar="YYYY-MM-DD", help="Answer as things stood on this date.")
status_option = click.option("--min-status", type=status_choice, help="Only facts at least this sure.")
html_option = click.option(
    "--html", type=click.Path(dir_okay=False, path_type=Path), help="Also write the result as a network view."
)


def answer_options(command):
    """The options every query shares: --as-of, --format, --html, --workspace, --seed and --store."""
    options: list[Callable[[Any], Any]] = [
        as_of_option,
        format_option,
        html_option,
        case_option,
        store_option,
    ]
    for option in reversed(options):
        command = option(command)
    return command


def _html(path: Path | None, view, title: str, caption: str) -> None:
    if path:
        write_view(view, path, title, caption)
        click.echo(f"Wrote {path}", err=True)


@click.command("connect")
@click.argument("a")
@click.argument("b")
@click.option("-k", "k", type=click.IntRange(min=1), default=5, show_default=True, help="How many paths.")
@click.option("--max-hops", type=int, default=4, show_default=True)
@click.option(
    "--type", "types", help="Only these relationship types (repeatable).", multiple=True, metavar="NAME"
)
@click.option(
    "--label",
    "labels",
    help="Only nodes with these labels in between (repeatable).",
    multiple=True,
    metavar="NAME",
)
@status_option
@answer_options
def connect_command(a, b, k, max_hops, types, labels, min_status, as_of, fmt, html, case, store_kind) -> None:
    """The k shortest paths between two entities, each hop with its evidence and sources."""
    result = connect(
        open_store(case, store_kind), a, b, k, max_hops, types or None, labels or None, min_status, as_of
    )
    heading = f"{len(result.paths)} paths from {result.a.name} to {result.b.name} ({describe(result.where)})"
    if result.truncated:
        heading += "; more exist"
    if fmt == "table":
        lines = [heading, ""] + [
            line
            for i, p in enumerate(result.paths, 1)
            for line in [*render_path(i, len(result.paths), p), ""]
        ]
        click.echo("\n".join(lines).rstrip())
    else:
        click.echo(render(paths_frame(result.paths), fmt, result, heading))
    _html(html, view_of_paths(result.paths), f"Connect: {result.a.name} and {result.b.name}", heading)


@click.command("neighbourhood")
@click.argument("entity")
@click.option("--hops", type=int, default=1, show_default=True)
@click.option("--limit", type=click.IntRange(min=1), default=50, show_default=True)
@click.option("--offset", type=click.IntRange(min=0), default=0, show_default=True)
@click.option(
    "--type", "types", help="Only these relationship types (repeatable).", multiple=True, metavar="NAME"
)
@click.option(
    "--label", "labels", help="Only nodes with these labels (repeatable).", multiple=True, metavar="NAME"
)
@status_option
@answer_options
def neighbourhood_command(
    entity, hops, limit, offset, types, labels, min_status, as_of, fmt, html, case, store_kind
) -> None:
    """The entities within a few hops of one entity, nearest first, a page at a time."""
    import pandas as pd

    store = open_store(case, store_kind)
    result = neighbourhood(
        store, entity, hops, limit, offset, types or None, labels or None, min_status, as_of
    )
    frame = pd.DataFrame(
        [{"distance": d, "id": n.id, "name": n.name, "label": n.label} for n, d in result.nodes],
        columns=["distance", "id", "name", "label"],
    )
    heading = (
        f"{result.total} entities within {hops} hops of {result.centre.name} ({describe(result.where)}); "
        f"showing {offset + 1 if result.nodes else 0}-{offset + len(result.nodes)}, {result.more} more"
    )
    click.echo(render(frame, fmt, result, heading))
    if html:
        nodes = {result.centre.id: result.centre, **{n.id: n for n, _ in result.nodes}}
        edges = {e.id: e for e in result.edges}
        view = view_from(nodes, edges, cited_documents(store, edges.values()), focus=(result.centre.id,))
        _html(html, view, f"Neighbourhood of {result.centre.name}", heading)


@click.command("profile")
@click.argument("entity")
@status_option
@answer_options
def profile_command(entity, min_status, as_of, fmt, html, case, store_kind) -> None:
    """Everything known about one entity: facts by type, a timeline, numbered sources."""
    store = open_store(case, store_kind)
    result = profile(store, entity, as_of, min_status)
    heading = (
        f"{result.node.name} ({result.node.label}): {len(result.facts)} facts"
        + (f", as of {as_of}" if as_of else "")
        + (f", status at least {min_status}" if min_status else "")
    )
    if fmt == "markdown":
        click.echo(profile_markdown(result).rstrip("\n"))
    elif fmt == "table":
        click.echo(f"{heading}\n{render_profile(result)}")
    else:
        click.echo(render(profile_frame(result), fmt, result, heading))
    if html:
        nodes = {result.node.id: result.node, **{f.other.id: f.other for f in result.facts}}
        edges = {f.edge.id: f.edge for f in result.facts}
        view = view_from(nodes, edges, cited_documents(store, edges.values()), focus=(result.node.id,))
        _html(html, view, f"Profile: {result.node.name}", f"as of {as_of or 'all dates'}")


@click.command("brokers")
@click.option("--top", type=click.IntRange(min=1), default=10, show_default=True)
@click.option("--max-hops", type=click.IntRange(1, 6), default=4, show_default=True)
@status_option
@answer_options
def brokers_command(top, max_hops, min_status, as_of, fmt, html, case, store_kind) -> None:
    """The entities that most often sit between state actors and criminal groups."""
    import pandas as pd

    found = brokers(open_store(case, store_kind), top, min_status, as_of, max_hops)
    frame = pd.DataFrame(
        [
            {
                "rank": i,
                "id": b.node.id,
                "name": b.node.name,
                "label": b.node.label,
                "score": b.score,
                "pairs": b.pairs,
                "example": " -> ".join(n.name for n in b.paths[0].nodes) if b.paths else "",
            }
            for i, b in enumerate(found, start=1)
        ],
        columns=["rank", "id", "name", "label", "score", "pairs", "example"],
    )
    heading = "Brokers between state actors and criminal or smuggling groups" + (
        f", as of {as_of}" if as_of else ""
    )
    click.echo(render(frame, fmt, found, heading))
    _html(html, view_of_paths([p for b in found for p in b.paths]), "Brokers", heading)


@click.command("corridor")
@click.argument("corridor")
@status_option
@answer_options
def corridor_command(corridor, min_status, as_of, fmt, html, case, store_kind) -> None:
    """Who feeds a migration corridor, by which paths and on what evidence, and the countries
    along it with their flows and indicators."""
    import pandas as pd

    report = corridor_report(open_store(case, store_kind), corridor, min_status, as_of)
    feeders = pd.DataFrame(
        [
            {
                "actor": f.actor.name,
                "label": f.actor.label,
                "via": ", ".join(g.name for g in f.groups),
                "paths": len(f.paths),
                "strongest_path": f.strongest,
            }
            for f in report.feeders
        ],
        columns=["actor", "label", "via", "paths", "strongest_path"],
    )
    stops = pd.DataFrame(
        [
            {
                "leg": s.leg.type,
                "place": s.place.name,
                "label": s.place.label,
                "encounters": "; ".join(
                    f"FY{e.properties['fiscal_year']} {e.properties['area']}: {e.properties['encounters']:,}"
                    for e in s.flows
                ),
                "indicators": "; ".join(
                    f"{e.to_id} {e.properties['edition']}: {e.properties['value']}" for e in s.scores
                ),
            }
            for s in report.stops
        ],
        columns=["leg", "place", "label", "encounters", "indicators"],
    )
    if fmt == "json":
        click.echo(render(feeders, fmt, report))
    else:
        click.echo(render(feeders, fmt, report, f"Actors feeding {report.corridor.name}"))
        click.echo()
        click.echo(render(stops, fmt, report, "Along the corridor"))
        if report.carried:
            carried = pd.DataFrame(
                [
                    {
                        "nationality": n.name,
                        "migrants": e.properties["migrants"],
                        "period": e.properties["period"],
                    }
                    for e, n in report.carried
                ]
            )
            click.echo()
            click.echo(render(carried, fmt, report, "Migrants counted on it"))
    paths = [p for f in report.feeders for p in f.paths]
    _html(html, view_of_paths(paths), f"Corridor: {report.corridor.name}", f"as of {as_of or 'all dates'}")
