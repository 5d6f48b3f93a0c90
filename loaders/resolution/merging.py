"""One node per real-world entity: curated records and list imports merged into one graph.

`merge(curated, imports, decisions)` is the one place where entries of official lists meet the
curated facts, the same for both stores: the embedded store is filled with its result at every
run, and `csn import --store neo4j` writes the part of it that the import touches.

The rule (csn.loaders.resolution.matching has the evidence; seed/resolutions.yaml the decisions):
1. every `same: true` decision merges its two ids, when both are in the graph;
2. every pair the matching rule calls `same` merges too, unless a decision says `same: false`;
3. two curated nodes are never merged into one (the seed decides what is curated), so a link
   that would join two groups holding a curated node each is left out and reported;
4. the pairs the rule calls `candidate`, and nobody has decided, are reported for review.

A merged group becomes its curated node (else its entry with the smallest id). The curated
node's name, label and properties are never changed; the entries add their names as aliases, and
their identifiers, birth dates, nationalities and addresses, and `merged_ids` lists the entries'
ids. Entries' edges are moved onto the merged node; curated edges are not touched.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from csn.graph.model import Edge, Node, Record, normalise_name
from csn.graph.schema import SCHEMA
from csn.loaders.lists.listing import ListImport
from csn.loaders.resolution.blocking import Matcher
from csn.loaders.resolution.matching import Candidate
from csn.loaders.resolution.resolutions import Decision

MERGED_LISTS = ("weak_aliases", "identifiers", "birth_dates", "nationalities", "addresses")


@dataclass
class MergeReport:
    """What merging did: which entries went into which node, and what it left for a person."""

    merged_into: dict[str, str] = field(default_factory=dict)
    pending: list[Candidate] = field(default_factory=list)
    refused: list[str] = field(default_factory=list)
    dropped_edges: list[str] = field(default_factory=list)

    def node_of(self, node_id: str) -> str:
        """The id of the node an id ended up in (itself when it was not merged)."""
        return self.merged_into.get(node_id, node_id)


class _Groups:
    """Union-find over ids, where a group may hold one curated id at most."""

    def __init__(self, curated: set[str]):
        self.parent: dict[str, str] = {}
        self.curated = curated

    def find(self, node_id: str) -> str:
        root = node_id
        while self.parent.get(root, root) != root:
            root = self.parent[root]
        self.parent[node_id] = root
        return root

    def join(self, a: str, b: str) -> bool:
        root_a, root_b = self.find(a), self.find(b)
        if root_a == root_b:
            return True
        if root_a in self.curated and root_b in self.curated:
            return False
        # the curated id (if any) stays the root, else the smaller id
        if root_b in self.curated or (root_a not in self.curated and root_b < root_a):
            root_a, root_b = root_b, root_a
        self.parent[root_b] = root_a
        self.parent.setdefault(root_a, root_a)
        return True


def merge(
    curated: list[Record], imports: Iterable[ListImport], decisions: list[Decision]
) -> tuple[list[Record], MergeReport]:
    """The curated records and the imports' records as one graph (nodes first), and the report."""
    imports = list(imports)
    curated_nodes = [r for r in curated if isinstance(r, Node)]
    known_ids = {n.id for n in curated_nodes}
    report = MergeReport()
    found: list[Candidate] = []
    matcher = Matcher(curated_nodes)  # each list is matched with the curated nodes and the lists before it
    for number, listed in enumerate(imports, 1):
        entries = [r for r in listed.records if isinstance(r, Node) and r.id not in known_ids]
        found += matcher.candidates(entries)
        if number < len(imports):  # the last list is matched with no other, so it needs no index
            matcher.add(entries)
        known_ids.update(e.id for e in entries)
    groups = _Groups({n.id for n in curated_nodes})
    decided = {d.pair: d for d in decisions}
    for decision in decisions:
        both_known = decision.a in known_ids and decision.b in known_ids
        if decision.same and both_known and not groups.join(decision.a, decision.b):
            report.refused.append(f"{decision.a} / {decision.b}: both are curated nodes")
    for candidate in found:
        if candidate.pair in decided:
            continue
        if candidate.evidence.verdict == "same":
            if not groups.join(candidate.a.id, candidate.b.id):
                report.refused.append(f"{candidate.a.id} / {candidate.b.id}: both are curated nodes")
        elif candidate.evidence.verdict == "candidate":
            report.pending.append(candidate)
    for node_id in list(groups.parent):
        root = groups.find(node_id)
        if root != node_id:
            report.merged_into[node_id] = root
    return _merged_records(curated, imports, report), report


def _merged_records(curated: list[Record], imports: list[ListImport], report: MergeReport) -> list[Record]:
    nodes: dict[str, Node] = {}
    members: dict[str, list[Node]] = {}
    edges: dict[str, Edge] = {}
    for record in [*curated, *(r for listed in imports for r in listed.records)]:
        if isinstance(record, Node):
            root = report.node_of(record.id)
            if root == record.id:
                nodes.setdefault(record.id, record)
            else:
                members.setdefault(root, []).append(record)
        else:
            edges.setdefault(record.id, record)
    for root, merged in members.items():
        nodes[root] = _absorb(nodes[root], sorted(merged, key=lambda n: n.id))
    out: list[Record] = list(nodes.values())
    for edge in edges.values():
        moved = dataclasses.replace(
            edge, from_id=report.node_of(edge.from_id), to_id=report.node_of(edge.to_id)
        )
        ends = nodes.get(moved.from_id), nodes.get(moved.to_id)
        if ends[0] and ends[1] and SCHEMA.relationship(moved.type).allows(ends[0].label, ends[1].label):
            out.append(moved)
        else:
            report.dropped_edges.append(edge.id)
    return out


def _absorb(node: Node, entries: list[Node]) -> Node:
    """The node with the entries' names, list values and ids added; nothing of its own changed."""
    properties: dict[str, Any] = dict(node.properties)
    seen = {normalise_name(node.name)} | {normalise_name(a) for a in node.aliases}
    aliases = list(node.aliases)
    for entry in entries:
        for name in [entry.name, *entry.aliases]:
            if normalise_name(name) not in seen:
                seen.add(normalise_name(name))
                aliases.append(name)
        for key in MERGED_LISTS:
            values = properties.get(key) or []
            added = [v for v in entry.properties.get(key) or [] if v not in values]
            if added:
                properties[key] = [*values, *added]
        for key, value in entry.properties.items():
            if key not in properties and key not in ("aliases", "merged_ids"):
                properties[key] = value
    if aliases:
        properties["aliases"] = aliases
    properties["merged_ids"] = sorted({*(properties.get("merged_ids") or []), *(e.id for e in entries)})
    return dataclasses.replace(node, properties=properties)
