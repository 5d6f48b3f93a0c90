"""The graph the workbench serves: loaded once, shared by every request, loaded again after a
decision.

A `Snapshot` is one loading of the case's graph: the store, the search index, and what the pages
derive from the whole graph (the pairs awaiting a decision, the kept editions, the page results
asked for), each computed once, when first asked. It never changes; a decision makes a new one
(`Workbench.decide`), and requests that began on the old one finish on it.

On the embedded store a new snapshot is a new MemoryStore filled with the case's records (the
records cache makes that quick when only the decisions changed). On Neo4j the database is the
store: a decision reloads it with the case's graph, as `csn load --store neo4j --replace` does.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable
from dataclasses import dataclass
from typing import Any, TypeVar

from csn.graph.model import Node
from csn.graph.schema import SCHEMA
from csn.graph.store import GraphStore
from csn.loaders.curated.claims import claims_file, load_claims
from csn.loaders.resolution.matching import Candidate
from csn.loaders.resolution.resolutions import Decision
from csn.queries.claims import ClaimsReport, checked_claims
from csn.queries.crosscheck import ListChecked, crosscheck
from csn.web.drawing import warm_up_drawing
from csn.web.search_index import SearchIndex
from csn.workspace.assembly import (
    decisions,
    graph_records,
    kept_editions,
    open_store,
    record_decision,
    to_review,
)
from csn.workspace.case import Workspace

T = TypeVar("T")
RESULTS_KEPT = 512  # page results kept per snapshot, the least recently used dropped first


@dataclass(frozen=True)
class Edition:
    """A kept edition of an official list, as the imports page lists it."""

    key: str
    date: str
    title: str
    publisher: str
    url: str
    entries: int
    listings: int


@dataclass(frozen=True)
class Origin:
    """Where a merged entry came from: its list, the edition's date, and the entry as listed."""

    list: str
    date: str
    entry: Node


class Snapshot:
    """One loading of the graph and what is derived from it (see the module's docstring)."""

    def __init__(self, case: Workspace, store: GraphStore, generation: int, results_kept: int = RESULTS_KEPT):
        self.case = case
        self.store = store
        self.generation = generation
        listings = (e for e in store.all_edges() if e.type in SCHEMA.listing_types)
        self.index = SearchIndex(store.all_nodes(), listings)
        self._lock = threading.Lock()
        self._derived: dict[str, Any] = {}
        self._results: OrderedDict[Hashable, Any] = OrderedDict()
        self._results_kept = results_kept

    def derived(self, name: str, compute: Callable[[], T]) -> T:
        """`compute()` the first time `name` is asked for, the same value after."""
        with self._lock:
            if name not in self._derived:
                self._derived[name] = compute()
            return self._derived[name]

    def forget(self, name: str) -> None:
        with self._lock:
            self._derived.pop(name, None)

    def result(self, key: Hashable, compute: Callable[[], T]) -> T:
        """A page's result for its parameters, computed once per snapshot (errors are not kept)."""
        with self._lock:
            if key in self._results:
                self._results.move_to_end(key)
                return self._results[key]
        value = compute()
        with self._lock:
            self._results[key] = value
            while len(self._results) > self._results_kept:
                self._results.popitem(last=False)
        return value

    def warm(self, preparers: tuple[Callable[[Snapshot], None], ...] = ()) -> threading.Thread:
        """Compute what the imports and review pages need in the background, so that their
        first visit does not wait for it (reading the kept editions, matching and merging), then
        run each of `preparers` on this snapshot (the app's pages with their default answers)."""

        def work() -> None:
            steps = (warm_up_drawing, self.pending, self.editions, self.origins, self.unsure, self.claims)
            for step in steps:
                try:
                    step()
                except Exception:  # the page that asks for it again will show the error
                    return
            for prepare in preparers:
                prepare(self)

        thread = threading.Thread(target=work, name="csn-warm", daemon=True)
        thread.start()
        return thread

    def pending(self) -> list[Candidate]:
        """The pairs awaiting a decision, strongest evidence first."""
        return self.derived("pending", lambda: to_review(self.case))

    def claims(self) -> ClaimsReport:
        """The article's claims checked against this graph (the case's claims file)."""
        datasets = self.case.datasets

        def checked() -> ClaimsReport:
            return checked_claims(self.store, load_claims(claims_file(datasets[0] if datasets else None)))

        return self.derived("claims", checked)

    def crosscheck(self) -> list[ListChecked]:
        return self.derived("crosscheck", lambda: crosscheck(self.store))

    def unsure(self) -> dict[tuple[str, str], Decision]:
        """The pairs decided `unsure`, with who, when and why."""
        return self.derived("unsure", lambda: {d.pair: d for d in decisions(self.case) if d.same is None})

    def editions(self) -> list[Edition]:
        return self.derived("editions", self._editions)

    def origins(self) -> dict[str, Origin]:
        """Each list entry's id: its list, edition date and the entry as the list gives it."""
        return self.derived("origins", self._origins)

    def _editions(self) -> list[Edition]:
        found = []
        for kept in kept_editions(self.case):
            edition, props = kept.edition, kept.edition.source.properties
            entries = sum(1 for r in kept.records if isinstance(r, Node) and r.label != SCHEMA.source_label)
            listings = sum(1 for r in kept.records if getattr(r, "type", None) in SCHEMA.listing_types)
            found.append(
                Edition(
                    edition.key,
                    edition.date,
                    str(props.get("title", edition.source.name)),
                    str(props.get("publisher", "")),
                    str(props.get("url", "")),
                    entries,
                    listings,
                )
            )
        return found

    def _origins(self) -> dict[str, Origin]:
        return {
            r.id: Origin(kept.edition.key, kept.edition.date, r)
            for kept in kept_editions(self.case)
            for r in kept.records
            if isinstance(r, Node)
        }


class Workbench:
    """The case, the kind of store, and the current snapshot of its graph."""

    def __init__(
        self,
        case: Workspace,
        store_kind: str = "memory",
        results_kept: int = RESULTS_KEPT,
        warm: bool = True,
        store: GraphStore | None = None,
    ):
        """`store`: a store already filled (the benchmark's synthetic graphs); by default the
        case's graph in the store of `store_kind`."""
        self.case = case
        self.store_kind = store_kind
        self.results_kept = results_kept
        self.warm = warm
        self.preparers: list[Callable[[Snapshot], None]] = []  # run on each new snapshot, warmed
        self._writing = threading.Lock()
        self.snapshot = Snapshot(case, store or self._store(), 0, results_kept)
        if warm:
            self.snapshot.warm()

    def _store(self) -> GraphStore:
        return open_store(self.case, self.store_kind)

    def decide(self, decision: Decision) -> Snapshot:
        """Record a decision in the case's decisions file (csn.workspace.assembly.record_decision,
        as `csn resolve` does) and load the graph again with it; returns the new snapshot.

        Raises what record_decision raises (NoWorkspace, CsnError, DataError, FileBusy); then
        nothing was recorded and the graph is as it was.
        """
        with self._writing:
            record_decision(self.case, decision)
            return self._reload()

    def _reload(self) -> Snapshot:
        old = self.snapshot
        if self.store_kind == "neo4j":
            store = old.store
            records = graph_records(self.case)
            store.clear()
            store.write(records)
        else:
            store = self._store()
        self.snapshot = Snapshot(self.case, store, old.generation + 1, self.results_kept)
        if self.warm:
            self.snapshot.warm(tuple(self.preparers))
        return self.snapshot

    def close(self) -> None:
        self.snapshot.store.close()
