"""`csn resolve`: list the pairs that may be one entity, and record decisions on them, one pair
at a time or a batch chosen by filters. The review itself (ranking, filters, the side-by-side
rows, the JSON form) is csn.workspace.review; this module parses options and prints."""

from __future__ import annotations

import datetime as dt
import json
import textwrap

import click

from csn.cli.options import case_option, store_option
from csn.loaders.resolution.matching import ACTORS
from csn.loaders.resolution.resolutions import UNSURE, VERDICTS, Decision
from csn.workspace.assembly import record_decision, record_decisions
from csn.workspace.case import Workspace
from csn.workspace.review import (
    EVIDENCE_TAGS,
    PENDING,
    ReviewPair,
    Selection,
    as_data,
    batch_decisions,
    batch_reason,
    load_review,
)

FIELD_WIDTH = 19
SIDE_WIDTH = 40
SHOWN_BEFORE_ASKING = 20  # pairs a batch lists before it asks


@click.command()
@click.argument("ids", nargs=-1)
@click.option(
    "--same", "verdict", flag_value="same", help="Record that the pair (or the batch) is one entity."
)
@click.option("--different", "verdict", flag_value="different", help="Record that they are two entities.")
@click.option(
    "--unsure",
    "verdict",
    flag_value=UNSURE,
    help="Record that you looked and cannot tell: the pair stays apart and is listed with --status unsure.",
)
@click.option("--by", "decided_by", help="Who decides (recorded in the file).")
@click.option("--why", help="The evidence for the decision, in a sentence (a batch records its filters too).")
@click.option(
    "--label",
    "labels",
    multiple=True,
    type=click.Choice(ACTORS),
    help="Only pairs with an entity of this label.",
)
@click.option(
    "--list",
    "lists",
    multiple=True,
    metavar="KEY",
    help="Only pairs with an entry of this list (ofac-sdn, un-sc, ftm:DATASET, or curated); "
    "twice, for pairs between the two.",
)
@click.option(
    "--min-score",
    type=click.FloatRange(0, 1),
    help="Only pairs whose names score at least this (0 to 1: how much of the shorter name the other holds).",
)
@click.option(
    "--evidence",
    multiple=True,
    type=click.Choice(EVIDENCE_TAGS),
    help="Only pairs with this evidence (repeat: all must hold).",
)
@click.option(
    "--status",
    type=click.Choice([PENDING, UNSURE]),
    default=PENDING,
    show_default=True,
    help="The pairs awaiting a decision, or those decided unsure.",
)
@click.option(
    "--limit", type=click.IntRange(min=1), help="List only the first N pairs (the count says how many)."
)
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["text", "json"]),
    default="text",
    show_default=True,
    help="How to list.",
)
@click.option("--yes", "-y", is_flag=True, help="Record a batch without asking first (for scripts).")
@case_option
@store_option
def resolve(
    ids,
    verdict,
    decided_by,
    why,
    labels,
    lists,
    min_score,
    evidence,
    status,
    limit,
    fmt,
    yes,
    case,
    store_kind,
) -> None:
    """List the pairs that may be one entity, strongest evidence first, side by side; or decide.

    \b
    csn resolve                                   every pair awaiting a decision, with a count
    csn resolve --label Person --list un-sc --list ofac-sdn --evidence birth-dates-agree
    csn resolve --format json                     the same as data
    csn resolve A B --same --by NAME --why TEXT   one decision (--different, --unsure)
    csn resolve --evidence shared-identifier --same --by NAME    a batch: every pair the
                                                  filters select, after a count and a question

    Decisions go into the case's resolutions.yaml, a batch in one write; with --store neo4j they
    are applied to the database too, in one transaction.
    """
    selection = Selection(tuple(labels), tuple(lists), min_score, tuple(evidence), status == UNSURE)
    if ids:
        if selection.narrows or status != PENDING:
            raise click.UsageError(
                "a decision on two ids takes no filters (--label, --list, --min-score, ...)"
            )
        if len(ids) != 2 or verdict is None or not decided_by or not why:
            raise click.UsageError(
                "a decision needs two ids, --same, --different or --unsure, --by and --why"
            )
        _decide_one(case, Decision.of(verdict, ids[0], ids[1], decided_by, _today(), why), store_kind)
        return
    review = load_review(case)
    chosen = review.select(selection)
    if verdict is None:
        _list(review, selection, chosen, limit, fmt)
        return
    if not selection.narrows:
        raise click.UsageError(
            "a batch decision needs a filter (--label, --list, --min-score or --evidence) "
            "that states which pairs it decides"
        )
    if not decided_by:
        raise click.UsageError("a batch decision needs --by")
    _decide_batch(case, selection, chosen, verdict, decided_by, why, yes, store_kind)


def _today() -> str:
    return dt.date.today().isoformat()


def _decide_one(case: Workspace, decision: Decision, store_kind: str) -> None:
    changed = record_decision(case, decision, store_kind)
    said = {
        "same": "are the same",
        "different": "are not the same",
        UNSURE: "are marked unsure (kept apart, listed by 'csn resolve --status unsure')",
    }[decision.verdict]
    click.echo(f"Recorded in {case.decisions_file}: {decision.a} and {decision.b} {said}.")
    if store_kind == "neo4j":
        click.echo(f"Applied to Neo4j: {changed} nodes and edges changed.")


def _decide_batch(
    case: Workspace,
    selection: Selection,
    chosen: list[ReviewPair],
    verdict: str,
    by: str,
    why: str | None,
    yes: bool,
    store_kind: str,
) -> None:
    assert verdict in VERDICTS
    click.echo(f"{len(chosen)} {selection.describe()}")
    if not chosen:
        click.echo("Nothing to decide.")
        return
    for pair in chosen[:SHOWN_BEFORE_ASKING]:
        click.echo(f"  {pair.a.id} / {pair.b.id}  {pair.a.name} / {pair.b.name}")
    if len(chosen) > SHOWN_BEFORE_ASKING:
        click.echo(f"  ... and {len(chosen) - SHOWN_BEFORE_ASKING} more")
    reason = batch_reason(selection, why)
    if not yes:
        click.confirm(
            f"Record '{verdict}' for these {len(chosen)} pairs, by {by}, because \"{reason}\", "
            f"in {case.decisions_file}?",
            abort=True,
        )
    decisions = batch_decisions(chosen, verdict, by, _today(), reason)
    changed = record_decisions(case, decisions, store_kind)
    click.echo(f"Recorded {len(decisions)} decisions ({verdict}) in {case.decisions_file}, in one write.")
    if store_kind == "neo4j":
        click.echo(f"Applied to Neo4j: {changed} nodes and edges changed.")


def _list(review, selection: Selection, chosen: list[ReviewPair], limit: int | None, fmt: str) -> None:
    if fmt == "json":
        click.echo(json.dumps(as_data(review, selection, chosen, limit), ensure_ascii=False, indent=2))
        return
    total = len(review.unsure if selection.unsure else review.pending)
    if selection.narrows:
        head = f"{len(chosen)} of the {total} {selection.status_words()} match {selection.filters()}"
    else:
        head = f"{total} {selection.status_words()}"
    if review.unsure and not selection.unsure:
        head += f" ({len(review.unsure)} more decided unsure: csn resolve --status unsure)"
    shown = chosen[:limit]
    if not chosen:
        click.echo(f"{head}.")
        return
    order = f"the first {len(shown)}, strongest first" if len(shown) < len(chosen) else "strongest first"
    click.echo(f"{head}; {order}.")
    for rank, pair in enumerate(shown, 1):
        click.echo("")
        click.echo("\n".join(pair_lines(rank, pair)))


def pair_lines(rank: int, pair: ReviewPair) -> list[str]:
    """A pair as the terminal shows it: its ids, evidence, then each row side by side."""
    a, b = pair.a, pair.b
    lines = [f"{rank}. {a.id} / {b.id}  ({a.label} / {b.label})", f"   evidence: {pair.evidence.summary()}"]
    if pair.decision is not None:
        d = pair.decision
        lines.append(f"   decided unsure by {d.by} on {d.date}: {d.why}")
    heads = [(f"{a.id}, {a.origin}",), (f"{b.id}, {b.origin}",)]
    moved = [(f"now in {s.now_in}",) if s.now_in != s.id else () for s in (a, b)]
    rows = [("", heads[0] + moved[0], heads[1] + moved[1])]
    rows += [(row.field, row.a, row.b) for row in pair.rows if row.a or row.b]
    for field, left, right in rows:
        cells = [_wrapped(left), _wrapped(right)]
        for number in range(max(len(cells[0]), len(cells[1]), 1)):
            name = field if number == 0 else ""
            parts = [c[number] if number < len(c) else "" for c in cells]
            lines.append(f"   {name:<{FIELD_WIDTH}} {parts[0]:<{SIDE_WIDTH}}  {parts[1]}".rstrip())
    return lines


def _wrapped(values: tuple[str, ...]) -> list[str]:
    out: list[str] = []
    for value in values or ("-",):
        out += textwrap.wrap(value, SIDE_WIDTH, break_on_hyphens=False) or [""]
    return out
