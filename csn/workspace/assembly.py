"""The one place that turns a case (csn.workspace.case) into the graph: its curated facts, the
kept editions of official lists and the decisions on their entries, merged into records and a
store; and what an import of a new edition, or a decision, does to them.

    case = find()                                        # the case folder, or the built-in dataset
    store = open_store(case)                             # the embedded store (or "neo4j")
    listed = read_ofac(path, list_date="2021-07-01")     # any reader: csn.loaders.lists.ofac, .un, .ftm
    outcome = import_list(case, listed)                  # kept in the case; "neo4j" writes it there too
    record_decision(case, Decision(...))                 # into the case's resolutions.yaml
    record_decisions(case, [Decision(...), ...])         # a batch, in one write

`prepare_import` computes an import without writing anything, and raises DataError before
anything is written if the import cannot be held (an older edition than the kept one).
"""

from __future__ import annotations

import os
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from csn.graph.errors import CsnError
from csn.graph.memory_store import MemoryStore
from csn.graph.model import Edge, Node, Record
from csn.graph.store import GraphStore

if TYPE_CHECKING:
    from csn.graph.neo4j_store import Neo4jStore
    from csn.loaders.resolution.matching import Candidate
    from csn.loaders.resolution.merging import MergeReport

# Matching and merging (and the name and country tables they load) are imported by the functions
# that build the graph, not at start-up: a command on a kept store never needs them.
from csn.loaders.curated.seed import load_seed, seed_files
from csn.loaders.lists.listing import ListImport
from csn.loaders.resolution.resolutions import Decision, append_decisions, read_resolutions
from csn.loaders.storage import kept_imports
from csn.loaders.storage.user_files import locked
from csn.workspace.built_store import default_cache_folder, load_or_build
from csn.workspace.case import Workspace


@dataclass
class ImportOutcome:
    """What an import keeps, the whole merged graph, and what changed."""

    kept: ListImport
    merged: list[Record]
    report: MergeReport
    ended: list[Edge]
    bulk_report: str = ""  # what the offline importer did, when the import used it

    @property
    def touched_ids(self) -> set[str]:
        """Ids of the merged nodes and edges that hold the kept edition's records."""
        ids = {self.report.node_of(r.id) for r in self.kept.records if isinstance(r, Node)}
        for record in self.kept.records:
            if isinstance(record, Edge):
                ids.update(
                    (record.id, self.report.node_of(record.from_id), self.report.node_of(record.to_id))
                )
        return ids

    @property
    def records_to_write(self) -> list[Record]:
        """The part of the merged graph that holds this edition: its nodes (merged into curated
        ones where decided, with the curated properties as they are) and its edges, nodes first."""
        touched = self.touched_ids
        return [r for r in self.merged if r.id in touched]

    def entries_by_label(self) -> Counter[str]:
        """The edition's entries (its nodes other than sources and authorities) by label."""
        from csn.loaders.resolution.matching import ACTORS

        return Counter(r.label for r in self.kept.records if isinstance(r, Node) and r.label in ACTORS)


def prepare_import(
    listed: ListImport, curated: list[Record], kept: list[ListImport], decisions: list[Decision]
) -> ImportOutcome:
    """The outcome of importing `listed` on top of the curated records and the kept editions.

    Raises DataError if `listed` is older than the kept edition of the same list.
    """
    previous = next((k for k in kept if k.edition.key == listed.edition.key), None)
    new = kept_imports.next_edition(previous, listed)
    new.skipped, new.unsupported = listed.skipped, listed.unsupported
    others = [k for k in kept if k.edition.key != listed.edition.key]
    from csn.loaders.resolution.merging import merge

    merged, report = merge(curated, sorted([*others, new], key=lambda k: k.edition.key), decisions)
    held_before = (
        {r.id for r in previous.records if isinstance(r, Edge) and r.valid_to is None} if previous else set()
    )
    ended = [r for r in new.records if isinstance(r, Edge) and r.id in held_before and r.valid_to is not None]
    return ImportOutcome(new, merged, report, ended)


def curated_records(case: Workspace) -> list[Record]:
    """The case's curated facts: its datasets and its own facts, validated together."""
    return load_seed(*case.fact_paths())


def decisions(case: Workspace) -> list[Decision]:
    """Every decision that applies to the case: the datasets' own, then the case's, which win
    over a dataset's decision on the same pair."""
    by_pair: dict[tuple[str, str], Decision] = {}
    for path in case.decision_files():
        for decision in read_resolutions(path):
            by_pair.pop(decision.pair, None)
            by_pair[decision.pair] = decision
    return list(by_pair.values())


def kept_editions(case: Workspace) -> list[ListImport]:
    """The case's kept editions of official lists, ordered by list key (none without a case)."""
    return kept_imports.load_all(case.imports_folder) if case.imports_folder else []


def has_kept_editions(case: Workspace) -> bool:
    """Whether the case keeps any edition of an official list (without reading them)."""
    return bool(case.imports_folder and kept_imports.kept_files(case.imports_folder))


def graph_inputs(case: Workspace) -> tuple[list[Record], list[ListImport], list[Decision]]:
    """What the merged graph is made of (see csn.loaders.resolution.merging)."""
    return curated_records(case), kept_editions(case), decisions(case)


def input_files(case: Workspace) -> list[Path]:
    """Every file the case's graph is made of: curated facts, kept editions, decisions."""
    kept = kept_imports.kept_files(case.imports_folder) if case.imports_folder else []
    facts = [f for path in case.fact_paths() for f in seed_files(path)]
    return [*facts, *kept, *(p for p in case.decision_files() if p.exists())]


def built_store(case: Workspace) -> MemoryStore:
    """The case's whole graph in the embedded store, built from its files: the curated facts, with
    the kept editions merged in as the decisions and the matching rule say."""
    store = MemoryStore()
    from csn.loaders.resolution.merging import merge

    store.write(merge(*graph_inputs(case))[0] if has_kept_editions(case) else curated_records(case))
    return store


def open_store(case: Workspace, kind: str = "memory") -> GraphStore:
    """The case's graph in the embedded store (kept between commands while no input or code has
    changed: csn.workspace.built_store), or the Neo4j database at NEO4J_URI as loaded."""
    if kind == "neo4j":
        from csn.graph.neo4j_store import Neo4jStore  # only Neo4j users need the driver connected

        return Neo4jStore()
    folder = case.cache_folder or default_cache_folder()
    return load_or_build(input_files(case), lambda: built_store(case), folder)


def graph_records(case: Workspace) -> list[Record]:
    """The case's whole graph as records, nodes first (to load another store with)."""
    store = open_store(case)
    return [*store.all_nodes(), *store.all_edges()]


def import_list(
    case: Workspace, listed: ListImport, store_kind: str = "memory", bulk: bool = False
) -> ImportOutcome:
    """Merge and keep an edition in the case; with store_kind 'neo4j' write it into Neo4j first
    (so a failed write keeps nothing), and with `bulk` load the whole graph (the curated facts and
    every kept edition) into the empty local database with its offline importer.

    Raises NoWorkspace without a case, DataError if the edition cannot be held, FileBusy if
    another import of the same list holds its kept file too long.
    """
    case.writable_root("an import")
    folder = case.imports_folder
    assert folder is not None
    # From reading the kept edition to keeping the new one, no other import of this list may write.
    with locked(kept_imports.kept_file(folder, listed.edition.key)):
        outcome = prepare_import(listed, *graph_inputs(case))
        if bulk:
            from csn.neo4j_local.bulk_import import bulk_load

            outcome.bulk_report = bulk_load(outcome.merged, uri=os.environ.get("NEO4J_URI")).summary()
        elif store_kind == "neo4j":
            from csn.graph.neo4j_store import Neo4jStore

            store = Neo4jStore()
            try:
                store.write(outcome.records_to_write)
            finally:
                store.close()
        kept_imports.save(folder, outcome.kept)
    return outcome


def pending(case: Workspace) -> list[Candidate]:
    """The pairs the matching rule left for a person to decide, strongest evidence first."""
    from csn.loaders.resolution.merging import merge

    return review_order(merge(*graph_inputs(case))[1].pending)


def to_review(case: Workspace) -> list[Candidate]:
    """The pairs a reviewer may look at: those awaiting a decision and those decided `unsure`,
    strongest evidence first (csn.workspace.review shows them side by side)."""
    from csn.loaders.resolution.merging import merge

    report = merge(*graph_inputs(case))[1]
    return review_order([*report.pending, *report.unsure])


def review_order(candidates: list[Candidate]) -> list[Candidate]:
    """Candidates as a reviewer takes them: strongest evidence first, then by their ids."""
    return sorted(candidates, key=lambda c: (-c.evidence.strength, c.pair))


def record_decision(case: Workspace, decision: Decision, store_kind: str = "memory") -> int:
    """Add a decision to the case's decisions file, once it is on disk (see
    loaders.resolution.resolutions.append_decision); with store_kind 'neo4j' apply it to the
    database too, in one transaction (see apply_to_database). Returns how many nodes and edges
    of the database it changed (0 for the embedded store, which applies it at its next reading).

    Raises NoWorkspace without a case, CsnError for an id that is no node or list entry,
    DataError if the case already decided the pair, FileBusy if the file stays busy.
    """
    return record_decisions(case, [decision], store_kind)


def record_decisions(case: Workspace, decisions: list[Decision], store_kind: str = "memory") -> int:
    """`record_decision` for a batch: every decision added to the case's decisions file in one
    locked write (all or none: loaders.resolution.resolutions.append_decisions), and with
    store_kind 'neo4j' the batch applied to the database in one transaction. Raises as
    record_decision does, naming every pair already decided."""
    case.writable_root("a decision")
    before = graph_records(case) if store_kind == "neo4j" else []
    # The ids a decision may name: the graph's nodes (from the kept store, without parsing the
    # curated files again) and every entry of the kept editions (those merged into a node too).
    known = {r.id for r in before} or {n.id for n in open_store(case).all_nodes()}
    known |= {r.id for k in kept_editions(case) for r in k.records}
    unknown = sorted({i for d in decisions for i in (d.a, d.b) if i not in known})
    if unknown:
        raise CsnError(f"no node or list entry has the id {', '.join(unknown)}")
    assert case.decisions_file is not None
    append_decisions(case.decisions_file, decisions)
    if store_kind != "neo4j":
        return 0
    from csn.graph.neo4j_store import Neo4jStore

    store = Neo4jStore()
    try:
        return apply_to_database(store, before, graph_records(case))
    finally:
        store.close()


def apply_to_database(store: Neo4jStore, before: list[Record], after: list[Record]) -> int:
    """Make the database, which holds the merged graph `before`, hold `after`, by changing only
    what differs, in one transaction: nodes and edges gone are deleted, new or changed ones are
    merged (a decision that joins two entries moves the edges onto the surviving node, sets its
    merged_ids and deletes the other; one that keeps apart two entries csn had merged splits them
    again; one that changes no merge changes nothing). Returns how many records changed."""
    old = {r.id: r for r in before}
    new = {r.id: r for r in after}
    removed_nodes = {i for i, r in old.items() if isinstance(r, Node) and i not in new}
    removed_edges = [
        r for i, r in old.items() if isinstance(r, Edge) and (i not in new or _ends(new[i]) != _ends(r))
    ]
    changed = [r for i, r in new.items() if old.get(i) != r]
    changed.sort(key=lambda r: isinstance(r, Edge))  # nodes first
    if removed_nodes or removed_edges or changed:
        store.apply_changes(removed_nodes, removed_edges, changed)
    return len(removed_nodes) + len(removed_edges) + len(changed)


def _ends(record: Record) -> tuple[str, str, str] | None:
    return (record.type, record.from_id, record.to_id) if isinstance(record, Edge) else None
