"""The official lists: the kept editions with the cross-check, and the review of the pairs that
may be one entity (decided here as `csn resolve` decides them); and the article's claims."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from csn.graph.errors import CsnError
from csn.graph.model import Edge, Node
from csn.graph.schema import SCHEMA
from csn.loaders.resolution.matching import Candidate
from csn.loaders.resolution.resolutions import Decision
from csn.queries.crosscheck import VERDICTS
from csn.visualize.selection import cited_documents, view_from
from csn.web.controls import Args
from csn.web.pages import Answer, Drawn, Page
from csn.web.search_index import Listed
from csn.web.workbench import Snapshot, Workbench
from csn.workspace.review import Selection, as_data, load_review

DECISIONS = ("same", "different", "unsure")
NAMES = ("same words", "words within")
SHOW = ("pending", "unsure", "not unsure")


@dataclass(frozen=True)
class ImportsReport:
    """The imports page's JSON form: the kept editions, the cross-check of each, and the listings
    a newer edition no longer holds (delisted: ended on that edition's date)."""

    editions: list
    crosscheck: list
    delisted: dict[str, list[Edge]]


def delisted(snapshot: Snapshot) -> dict[str, list[Edge]]:
    """Imported listings that a later edition of their list ended, by list."""

    def found() -> dict[str, list[Edge]]:
        ended: dict[str, list[Edge]] = {}
        for edge in snapshot.store.all_edges():
            if edge.type in SCHEMA.listing_types and edge.properties.get("list") and edge.valid_to:
                ended.setdefault(str(edge.properties["list"]), []).append(edge)
        return {k: sorted(v, key=lambda e: e.id) for k, v in sorted(ended.items())}

    return snapshot.derived("delisted", found)


def imports_page(snapshot: Snapshot, args: Args) -> Answer:
    checked = snapshot.crosscheck()
    editions = snapshot.editions()
    ended = delisted(snapshot)
    names = snapshot.store.nodes({e.from_id for edges in ended.values() for e in edges})

    def drawn() -> Drawn:
        edges: dict[str, Edge] = {}
        for listed in checked:
            for row in listed.rows:
                edges[row.curated.id] = row.curated
                edges.update((e.id, e) for e in row.listed)
        ends = {e.from_id for e in edges.values()} | {e.to_id for e in edges.values()}
        nodes = snapshot.store.nodes(ends)
        view = view_from(nodes, edges, cited_documents(snapshot.store, edges.values()))
        return Drawn(view, "Curated listings and the imported lists", f"{len(checked)} lists checked")

    return Answer(
        ImportsReport(editions, checked, ended),
        {"editions": editions, "checked": checked, "verdicts": VERDICTS, "delisted": ended, "names": names},
        drawn,
        "Imports",
    )


def candidate_lists(snapshot: Snapshot, node: Node) -> tuple[Listed, ...]:
    entry = snapshot.index.entries_by_id.get(node.id)
    return entry.listed if entry else ()


def review_page(snapshot: Snapshot, args: Args) -> Answer:
    labels, lists, names = args.all("label"), args.all("list"), args.text("names")
    show, text = args.text("show") or "pending", (args.text("q") or "").casefold()
    if show not in SHOW:
        raise CsnError(f"show must be one of {', '.join(SHOW)}, not '{show}'")
    if names and names not in NAMES:
        raise CsnError(f"names must be one of {', '.join(NAMES)}, not '{names}'")
    unsure = snapshot.unsure()
    everything = snapshot.pending()

    def kept(c: Candidate) -> bool:
        if labels and c.a.label not in labels and c.b.label not in labels:
            return False
        on = {i.list for node in (c.a, c.b) for i in candidate_lists(snapshot, node)}
        if lists and not on & set(lists):
            return False
        if names and c.evidence.names != names:
            return False
        if (show == "unsure" and c.pair not in unsure) or (show == "not unsure" and c.pair in unsure):
            return False
        return not text or any(text in s.casefold() for s in (c.a.name, c.b.name, c.a.id, c.b.id))

    chosen = [c for c in everything if kept(c)]
    review = snapshot.derived("review", lambda: load_review(snapshot.case))
    selection = Selection(labels=tuple(labels), lists=tuple(lists), unsure=show == "unsure")
    shown = {c.pair for c in chosen}
    listed = [p for p in review.select(selection) if p.pair in shown]

    def drawn() -> Drawn:
        nodes = {n.id: n for c in chosen for n in (c.a, c.b)}
        return Drawn(view_from(nodes, {}, {}), "Pairs awaiting a decision", f"{len(chosen)} pairs")

    return Answer(
        as_data(review, selection, listed),  # the JSON form is `csn resolve`'s
        {
            "candidates": chosen,
            "total": len(everything),
            "unsure": unsure,
            "listed": {n.id: candidate_lists(snapshot, n) for c in chosen for n in (c.a, c.b)},
            "labels": labels,
            "lists": lists,
            "names": names or "",
            "show": show,
            "q": args.text("q") or "",
            "all_labels": sorted({n.label for c in everything for n in (c.a, c.b)}),
            "all_lists": snapshot.index.lists,
            "name_choices": NAMES,
            "show_choices": SHOW,
            "writable": snapshot.case.writable,
            "decisions_file": snapshot.case.decisions_file,
            "done": args.text("done") or "",
            "by": args.text("by") or "",
        },
        drawn,
        "Review",
    )


def decide(workbench: Workbench, a: str, b: str, decision: str, by: str, why: str) -> str:
    """Record a reviewer's decision on a pair; returns what was done, in words.

    same / different go into the case's decisions file by csn.workspace.assembly.record_decision
    (the code `csn resolve` runs) and the graph is loaded again with them; unsure too (a pair
    decided unsure stays apart and leaves the pending pairs). Line breaks in the reason become
    spaces. Raises CsnError (and its kinds) for a bad or refused decision: then nothing was
    recorded.
    """
    by, why = " ".join(by.split()), " ".join(why.split())
    if decision not in DECISIONS:
        raise CsnError(f"a decision is one of {', '.join(DECISIONS)}, not '{decision}'")
    if not (a and b and by and why):
        raise CsnError("a decision needs the two ids, who decides (by) and why")
    today = dt.date.today().isoformat()
    if decision == "unsure":
        workbench.decide(Decision(a, b, None, by, today, why))
        return f"{a} and {b} marked unsure"
    workbench.decide(Decision(a, b, decision == "same", by, today, why))
    return f"{a} and {b} recorded as {'the same' if decision == 'same' else 'not the same'}"


def claims_page(snapshot: Snapshot, args: Args) -> Answer:
    report = snapshot.claims()

    def drawn() -> Drawn:
        ids = {i for c in report.claims for line in c.verdict.data for i in _edge_ids(line)}
        edges = snapshot.store.edges(ids)
        ends = {e.from_id for e in edges.values()} | {e.to_id for e in edges.values()}
        view = view_from(snapshot.store.nodes(ends), edges, cited_documents(snapshot.store, edges.values()))
        return Drawn(
            view, "The article's claims: the facts behind the verdicts", f"{len(report.claims)} claims"
        )

    return Answer(report, {"report": report}, drawn, "Claims")


def _edge_ids(line: str) -> list[str]:
    """The edge ids a verdict's line cites: '[edge-id; source, ...]' (queries/claims.py)."""
    return re.findall(r"\[([a-z0-9][a-z0-9-]*);", line)


PAGES = [
    Page("Imports", "/imports", "imports.html", imports_page),
    Page("Review", "/review", "review.html", review_page, ("label", "list", "names", "show", "q")),
    Page("Claims", "/claims", "claims.html", claims_page),
]
