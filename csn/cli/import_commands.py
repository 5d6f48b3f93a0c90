"""`csn import ofac|un|ftm`: official lists into the case, one node per entity.

An import reads the publisher's file as published and hands it to the case
(csn.workspace.assembly.import_list), which keeps the edition so that every later command sees
it, and with `--store neo4j` also writes it into Neo4j. The pairs it leaves for a person are
reviewed and decided with `csn resolve` (csn.cli.resolve_command).
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar

import click

from csn.cli.options import case_option, store_option
from csn.graph.errors import CsnError, DataError
from csn.loaders.lists.listing import ListImport
from csn.workspace.assembly import ImportOutcome, import_list
from csn.workspace.case import Workspace

if TYPE_CHECKING:  # the matcher (and its name and country tables) loads when a pair is listed
    pass

T = TypeVar("T")
bulk_option = click.option(
    "--bulk",
    is_flag=True,
    help="With --store neo4j: a first load of an empty local Neo4j with its offline importer "
    "(the curated facts and every kept import); later imports merge on top without it.",
)
skip_bad_option = click.option(
    "--skip-bad",
    is_flag=True,
    help="Import the records that are sound and list the ones left out, instead of refusing the file.",
)
path_argument = click.argument("path", type=click.Path(exists=True, path_type=Path))


def _refusing(step: Callable[[], T]) -> T:
    """Run a step of an import, turning its problems into one `Error:` line (one a problem)."""
    try:
        return step()
    except DataError as error:
        if len(error.problems) == 1:
            raise CsnError(f"{error.problems[0]}; nothing imported") from None
        lines = "\n".join(f"  {p}" for p in error.problems)
        raise CsnError(f"{len(error.problems)} problems in the file, nothing imported:\n{lines}") from None


def _import(case: Workspace, listed: ListImport, store_kind: str, bulk: bool) -> ImportOutcome:
    if bulk and store_kind != "neo4j":
        raise click.UsageError("--bulk loads an empty local Neo4j: use it with --store neo4j")
    return import_list(case, listed, store_kind, bulk)


def _say(outcome: ImportOutcome, store_kind: str) -> None:
    if outcome.bulk_report:
        click.echo(outcome.bulk_report)
    kept, report = outcome.kept, outcome.report
    edition = kept.edition
    by_label = ", ".join(f"{n} {label}" for label, n in sorted(outcome.entries_by_label().items()))
    click.echo(f"Imported {edition.key}, edition of {edition.date}, into {store_kind}: {by_label}.")
    ids = {r.id for r in kept.records}
    merged = sorted((entry, node) for entry, node in report.merged_into.items() if entry in ids)
    if merged:
        click.echo(f"Merged {len(merged)} entries with nodes already in the graph:")
        for entry, node in merged:
            click.echo(f"  {entry} -> {node}")
    if outcome.ended:
        click.echo(
            f"Ended {len(outcome.ended)} listings this edition no longer holds (valid_to {edition.date})."
        )
    pending = [c for c in report.pending if c.a.id in ids or c.b.id in ids]
    if pending:
        click.echo(f"{len(pending)} possible matches await a decision: see 'csn resolve'.")
    for kind, count in sorted(kept.unsupported.items()):
        click.echo(f"Left out, the schema cannot hold it: {count} {kind}")
    if kept.skipped:
        click.echo(f"Skipped {len(kept.skipped)} bad records:")
        for problem in kept.skipped:
            click.echo(f"  {problem}")


@click.group("import")
def import_group() -> None:
    """Import an official list as its publisher writes it (OFAC SDN CSV, UN XML, FtM JSON lines)."""


@import_group.command("ofac")
@path_argument
@click.option(
    "--list-date", required=True, metavar="YYYY-MM-DD", help="The list's publication date (the CSV has none)."
)
@click.option(
    "--program", "programs", multiple=True, help="Only entries of these programmes (prefix, e.g. VENEZUELA)."
)
@skip_bad_option
@bulk_option
@case_option
@store_option
def import_ofac(path, list_date, programs, skip_bad, bulk, case, store_kind) -> None:
    """OFAC's SDN list, legacy CSV: the folder of sdn.csv, add.csv and alt.csv, or sdn.csv."""
    from csn.loaders.lists.ofac import read_ofac

    listed = _refusing(lambda: read_ofac(path, list_date, tuple(programs), skip_bad))
    _say(_refusing(lambda: _import(case, listed, store_kind, bulk)), store_kind)


@import_group.command("un")
@path_argument
@click.option(
    "--regime", "regimes", multiple=True, help="Only entries of these regimes (UN_LIST_TYPE, e.g. Haiti)."
)
@skip_bad_option
@bulk_option
@case_option
@store_option
def import_un(path, regimes, skip_bad, bulk, case, store_kind) -> None:
    """The UN Security Council Consolidated List, XML."""
    from csn.loaders.lists.un import read_un

    listed = _refusing(lambda: read_un(path, tuple(regimes), skip_bad))
    _say(_refusing(lambda: _import(case, listed, store_kind, bulk)), store_kind)


@import_group.command("ftm")
@path_argument
@click.option("--publisher", help="Who published the file (OpenSanctions files say so themselves).")
@click.option("--url", help="Where the publisher offers the file.")
@click.option("--list-date", metavar="YYYY-MM-DD", help="The file's date (default: its latest last_seen).")
@skip_bad_option
@bulk_option
@case_option
@store_option
def import_ftm(path, publisher, url, list_date, skip_bad, bulk, case, store_kind) -> None:
    """FollowTheMoney JSON lines, such as OpenSanctions' exports."""
    from csn.loaders.lists.ftm import read_ftm

    listed = _refusing(lambda: read_ftm(path, skip_bad, publisher=publisher, list_date=list_date, url=url))
    _say(_refusing(lambda: _import(case, listed, store_kind, bulk)), store_kind)
