"""`csn analyse`: analyses over the flows and indicators in the graph."""

from __future__ import annotations

from pathlib import Path

import click

from csn.cli.options import case_option, store_option
from csn.loaders.curated.claims import claims_file, load_claims
from csn.queries.analysis import AREAS, DEFAULT_AREA, decline_vs_migration, write_plot
from csn.queries.claims import checked_claims, claims_report
from csn.visualize.json_form import as_json
from csn.visualize.spreadsheet import write_frame_csv
from csn.workspace.assembly import open_store

AREA_CHOICE = click.Choice(list(AREAS))


@click.group()
def analyse() -> None:
    """Analyses of migration flows against state-capacity indicators."""


@analyse.command("decline-vs-migration")
@click.option(
    "--indicator",
    default="gitoc-criminality",
    show_default=True,
    metavar="ID",
    help="Indicator id: gitoc-criminality, gitoc-resilience or bti-q1-1-monopoly-on-force.",
)
@click.option(
    "--from-year",
    type=int,
    default=2021,
    show_default=True,
    help="First edition of the indicator and first fiscal year of encounters.",
)
@click.option(
    "--to-year",
    type=int,
    default=2023,
    show_default=True,
    help="Last edition of the indicator and last fiscal year of encounters.",
)
@click.option(
    "--area", type=AREA_CHOICE, default=DEFAULT_AREA, show_default=True, help="Where encounters were counted."
)
@click.option(
    "--csv", "csv_path", type=click.Path(dir_okay=False, path_type=Path), help="Write the table as CSV."
)
@click.option("--png", type=click.Path(dir_okay=False, path_type=Path), help="Write the scatter plot as PNG.")
@case_option
@store_option
def decline_vs_migration_command(
    indicator, from_year, to_year, area, csv_path, png, case, store_kind
) -> None:
    """Change in an indicator against change in encounters, per country, with a rank correlation."""
    if from_year >= to_year:
        raise click.BadParameter(f"{from_year} is not before --to-year {to_year}", param_hint="--from-year")
    store = open_store(case, store_kind)
    try:
        result = decline_vs_migration(store, indicator, from_year, to_year, area)
    finally:
        store.close()
    shown = result.frame.drop(columns=["country_id", "sources"])
    click.echo(shown.to_string(index=False) if len(shown) else "No country has all four numbers.")
    click.echo("")
    click.echo(result.statement())
    if csv_path:
        write_frame_csv(result.frame, csv_path)
        click.echo(f"\nWrote {csv_path}")
    if png:
        write_plot(result, png)
        click.echo(f"Wrote {png}")


@analyse.command("claims")
@click.option(
    "--claims",
    "claims_path",
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    help="Claims file (default: the dataset's article.claims.yaml, else the article's own).",
)
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
@case_option
@store_option
def claims_command(claims_path, fmt, case, store_kind) -> None:
    """The article's quantitative claims with a verdict each, checked against the store."""
    claims = load_claims(claims_path or claims_file(case.datasets[0] if case.datasets else None))
    store = open_store(case, store_kind)
    try:
        if fmt == "json":
            click.echo(as_json(checked_claims(store, claims)))
        else:
            click.echo(claims_report(store, claims).lstrip("\n"))
    finally:
        store.close()
