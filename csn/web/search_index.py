"""The workbench's name search: names, aliases, ids, merged entries' ids and list references,
case- and accent-insensitive, filtered by label and by list.

Built once from the store when the graph is loaded. Every key is folded (csn.graph.model.
normalise_name) and kept in one text, one key a line, so a search for a part of a name is one
scan of that text in C (`str.find`), fast enough to answer as the user types on a million facts.

>>> from csn.graph.model import Node
>>> index = SearchIndex([Node("ana", "Person", "Ana Ríos", {"aliases": ["The Minister"]})], [])
>>> [hit.node.id for hit in index.search("rios").hits], index.search("MINISTER").hits[0].matched
(['ana'], 'alias')
"""

from __future__ import annotations

import bisect
from collections.abc import Iterable
from dataclasses import dataclass

from csn.graph.model import Edge, Node, normalise_name
from csn.graph.schema import SCHEMA

SCAN_LIMIT = 5_000  # matches ranked at most; a search that finds more says so


@dataclass(frozen=True)
class Listed:
    """One listing of an entity on an imported list: the list, the reference, the authority."""

    list: str
    reference: str
    authority: str


@dataclass(frozen=True)
class Hit:
    """An entity found, what matched (name, alias, id, merged id or reference) and its listings."""

    node: Node
    matched: str
    key: str
    listed: tuple[Listed, ...]


@dataclass(frozen=True)
class SearchResult:
    query: str
    labels: tuple[str, ...]
    lists: tuple[str, ...]
    hits: list[Hit]
    total: int
    more: bool  # more entities match than were counted (SCAN_LIMIT)


@dataclass(frozen=True)
class _Entry:
    node: Node
    listed: tuple[Listed, ...]

    @property
    def lists(self) -> set[str]:
        return {item.list for item in self.listed}


class SearchIndex:
    """Every entity but the source documents, found by any of its keys."""

    def __init__(self, nodes: Iterable[Node], listings: Iterable[Edge]):
        listed: dict[str, list[Listed]] = {}
        for edge in listings:
            if edge.type in SCHEMA.listing_types and edge.properties.get("list"):
                item = Listed(
                    str(edge.properties["list"]), str(edge.properties.get("reference", "")), edge.to_id
                )
                listed.setdefault(edge.from_id, []).append(item)
        self.entries: list[_Entry] = []
        keys: list[str] = []
        owners: list[tuple[int, str]] = []  # for each key line: the entry and what the key is
        self.exact: dict[str, list[int]] = {}
        for node in nodes:
            if node.label == SCHEMA.source_label:
                continue
            number = len(self.entries)
            items = tuple(sorted(listed.get(node.id, ()), key=lambda i: (i.list, i.reference)))
            self.entries.append(_Entry(node, items))
            found = [(normalise_name(node.name), "name")]
            found += [(normalise_name(alias), "alias") for alias in node.aliases]
            found += [(node.id, "id")] + [(i, "merged id") for i in node.properties.get("merged_ids") or []]
            found += [(normalise_name(i.reference), "reference") for i in items if i.reference]
            for key, kind in _unique(found):
                keys.append(key)
                owners.append((number, kind))
                self.exact.setdefault(key, []).append(len(owners) - 1)
        self.owners = owners
        self.keys = keys
        self.text = "\n".join(keys) + "\n"
        self.starts: list[int] = []
        position = 0
        for key in keys:
            self.starts.append(position)
            position += len(key) + 1
        self.entries_by_id = {e.node.id: e for e in self.entries}
        self.labels = tuple(sorted({e.node.label for e in self.entries}, key=list(SCHEMA.labels).index))
        self.lists = tuple(sorted({name for e in self.entries for name in e.lists}))

    def __len__(self) -> int:
        return len(self.entries)

    def search(
        self,
        text: str,
        labels: Iterable[str] = (),
        lists: Iterable[str] = (),
        limit: int = 50,
    ) -> SearchResult:
        """The entities with a key holding `text` (folded), best first: a key equal to it, then
        one starting with it, then a word starting with it, then any; ties by name. With no text,
        every entity the filters allow, by name. Unknown labels or lists find nothing."""
        query = normalise_name(text)
        wanted_labels, wanted_lists = tuple(labels), tuple(lists)
        best: dict[int, tuple[int, str, str, str]] = {}
        more = False
        if query:
            for line in self._matching_lines(query):
                if line is None:
                    more = True
                    break
                number, kind = self.owners[line]
                key = self.keys[line]
                rank = 0 if key == query else 1 if key.startswith(query) else 2 if f" {query}" in key else 3
                entry = self.entries[number]
                order = (rank, normalise_name(entry.node.name), kind, key)
                if number not in best or order < best[number]:
                    best[number] = order
        else:
            best = {n: (0, normalise_name(e.node.name), "", "") for n, e in enumerate(self.entries)}
        chosen = [
            (order, number)
            for number, order in best.items()
            if self._allowed(self.entries[number], wanted_labels, wanted_lists)
        ]
        chosen.sort(key=lambda item: (item[0][0], item[0][1], self.entries[item[1]].node.id))
        hits = [
            Hit(self.entries[n].node, order[2], order[3], self.entries[n].listed)
            for order, n in chosen[:limit]
        ]
        return SearchResult(text, wanted_labels, wanted_lists, hits, len(chosen), more)

    def _matching_lines(self, query: str) -> Iterable[int | None]:
        """The key lines holding `query`, each once; None after SCAN_LIMIT of them."""
        seen = 0
        position = self.text.find(query)
        while position != -1:
            line = bisect.bisect_right(self.starts, position) - 1
            yield line
            seen += 1
            if seen >= SCAN_LIMIT:
                yield None
                return
            position = self.text.find(query, self.starts[line] + len(self.keys[line]) + 1)

    @staticmethod
    def _allowed(entry: _Entry, labels: tuple[str, ...], lists: tuple[str, ...]) -> bool:
        if labels and entry.node.label not in labels:
            return False
        return not lists or bool(entry.lists & set(lists))


def _unique(found: list[tuple[str, str]]) -> list[tuple[str, str]]:
    """Each key once, with the first kind it came as (a name before the same alias)."""
    seen: dict[str, str] = {}
    for key, kind in found:
        if key and key not in seen:
            seen[key] = kind
    return list(seen.items())
