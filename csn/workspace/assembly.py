"""An import from start to end: the new edition kept, merged with the curated facts, and the
records a store needs to hold it.

    listed = read_ofac(path, list_date="2021-07-01")     # any reader: csn.loaders.lists.ofac, .un, .ftm
    outcome = prepare_import(listed, curated, kept, decisions)
    store.write(outcome.records_to_write)                # Neo4j: only what the import touches
    kept_imports.save(folder, outcome.kept)              # the embedded store reads it at each run

Nothing is written by this module: it computes, and raises DataError before anything is written
if the import cannot be held (an older edition than the kept one).
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from csn.graph.model import Edge, Node, Record
from csn.loaders.lists.listing import ListImport
from csn.loaders.resolution.matching import ACTORS
from csn.loaders.resolution.merging import MergeReport, merge
from csn.loaders.resolution.resolutions import Decision
from csn.loaders.storage import kept_imports


@dataclass
class ImportOutcome:
    """What an import keeps, the whole merged graph, and what changed."""

    kept: ListImport
    merged: list[Record]
    report: MergeReport
    ended: list[Edge]

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
    merged, report = merge(curated, sorted([*others, new], key=lambda k: k.edition.key), decisions)
    held_before = (
        {r.id for r in previous.records if isinstance(r, Edge) and r.valid_to is None} if previous else set()
    )
    ended = [r for r in new.records if isinstance(r, Edge) and r.id in held_before and r.valid_to is not None]
    return ImportOutcome(new, merged, report, ended)
