"""One node per real-world entity: curated records and list imports merged into one graph.

`merge(curated, imports, decisions)` is the one place where entries of official lists meet the
curated facts, the same for both stores: the embedded store is filled with its result at every
run, and `csn import --store neo4j` writes the part of it that the import touches.

The rule (csn.loaders.resolution.matching has the evidence; seed/resolutions.yaml the decisions):
1. every `same: true` decision merges its two ids, when both are in the graph;
2. every pair the matching rule calls `same` merges too, unless a decision says `same: false`
   or `same: unsure` (a doubt holds an automatic merge back);
3. two curated nodes are never merged into one (the seed decides what is curated), so a link
   that would join two groups holding a curated node each is left out and reported;
4. the pairs the rule calls `candidate`, and nobody has decided, are reported for review; the
   pairs decided `unsure` are reported apart, with their evidence.

A merged group becomes its curated node (else its entry with the smallest id). The curated
node's name, label and properties are never changed; the entries add their names as aliases, and
their identifiers, birth dates, nationalities and addresses, and `merged_ids` lists the entries'
ids. Each of those values keeps where it came from (csn.graph.provenance): the merged node's
`birth_dates_from` says, date for date, which list edition and entry gave it, or the curated
facts, and so for the aliases, identifiers, place of birth, nationalities and addresses.
Entries' edges are moved onto the merged node; curated edges are not touched.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from csn.graph.model import Edge, Node, Record, normalise_name
from csn.graph.provenance import CURATED, entry_origin, joined, origins_property
from csn.graph.schema import SCHEMA
from csn.loaders.lists.listing import ListImport
from csn.loaders.resolution.blocking import Matcher
from csn.loaders.resolution.matching import (
    Candidate,
    Evidence,
    Profile,
    birth_dates,
    compare_profiles,
    nationalities,
)
from csn.loaders.resolution.resolutions import Decision

MERGED_LISTS = ("weak_aliases", "identifiers", "birth_dates", "nationalities", "addresses")


@dataclass
class MergeReport:
    """What merging did: which entries went into which node, and what it left for a person."""

    merged_into: dict[str, str] = field(default_factory=dict)
    pending: list[Candidate] = field(default_factory=list)
    unsure: list[Candidate] = field(default_factory=list)  # pairs decided `unsure`, both in the graph
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
    known = {n.id: n for n in curated_nodes}
    known_ids = known.keys()
    report = MergeReport()
    found: list[Candidate] = []
    matcher = Matcher(curated_nodes)  # each list is matched with the curated nodes and the lists before it
    for number, listed in enumerate(imports, 1):
        entries = [r for r in listed.records if isinstance(r, Node) and r.id not in known_ids]
        found += matcher.candidates(entries)
        if number < len(imports):  # the last list is matched with no other, so it needs no index
            matcher.add(entries)
        known.update((e.id, e) for e in entries)
    groups = _Groups({n.id for n in curated_nodes})
    decided = {d.pair: d for d in decisions}
    for decision in decisions:
        both_known = decision.a in known_ids and decision.b in known_ids
        if decision.same and both_known and not groups.join(decision.a, decision.b):
            report.refused.append(f"{decision.a} / {decision.b}: both are curated nodes")
    for candidate in found:
        if candidate.pair in decided:
            if decided[candidate.pair].same is None:
                report.unsure.append(candidate)
            continue
        if candidate.evidence.verdict == "same":
            if not groups.join(candidate.a.id, candidate.b.id):
                report.refused.append(f"{candidate.a.id} / {candidate.b.id}: both are curated nodes")
        elif candidate.evidence.verdict == "candidate":
            report.pending.append(candidate)
    report.unsure += _unsure_not_found(decisions, {c.pair for c in found}, known)
    for node_id in list(groups.parent):
        root = groups.find(node_id)
        if root != node_id:
            report.merged_into[node_id] = root
    return _merged_records(curated, imports, report), report


def _unsure_not_found(
    decisions: list[Decision], found: set[tuple[str, str]], known: dict[str, Node]
) -> list[Candidate]:
    """The pairs decided `unsure` that matching did not find (it leaves out pairs it keeps
    apart), compared here, so that every pair in doubt is shown with its evidence. `known` is in
    the order the entities came (curated first), and a candidate's `a` is the one that came first."""
    order = {node_id: number for number, node_id in enumerate(known)}
    out = []
    for decision in decisions:
        if decision.same is not None or decision.pair in found or not set(decision.pair) <= known.keys():
            continue
        first, second = sorted(decision.pair, key=order.__getitem__)
        a, b = Profile(known[first]), Profile(known[second])
        evidence = compare_profiles(a, b) or Evidence(
            "different",
            birth_dates(a.birth_dates, b.birth_dates),
            nationalities(a.countries, b.countries),
            shared_identifiers=(),
        )
        out.append(Candidate(a.node, b.node, evidence))
    return out


def _merged_records(curated: list[Record], imports: list[ListImport], report: MergeReport) -> list[Record]:
    involved = {*report.merged_into, *report.merged_into.values()}
    origins = {
        r.id: entry_origin(listed.edition.key, listed.edition.date, r.id)
        for listed in imports
        for r in listed.records
        if isinstance(r, Node) and r.id in involved
    }
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
        nodes[root] = _absorb(nodes[root], sorted(merged, key=lambda n: n.id), origins)
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


def _absorb(node: Node, entries: list[Node], origins: dict[str, str]) -> Node:
    """The node with the entries' names, list values and ids added, each value with its origins
    (csn.graph.provenance; `origins` gives each entry's, a node without one is curated); nothing
    of its own changed."""
    properties: dict[str, Any] = dict(node.properties)
    given: dict[str, list[list[str]]] = {}  # property -> the origins of each of its values
    own = origins.get(node.id, CURATED)
    seen: dict[str, int | None] = {normalise_name(node.name): None}  # name or alias -> its place in aliases
    aliases = list(node.aliases)
    for index, name in enumerate(aliases):
        seen.setdefault(normalise_name(name), index)
    given["aliases"] = [[own] for _ in aliases]
    for key in MERGED_LISTS:
        given[key] = [[own] for _ in properties.get(key) or []]
    for entry in entries:
        origin = origins[entry.id]
        for name in [entry.name, *entry.aliases]:
            where = seen.setdefault(normalise_name(name), len(aliases))
            if where == len(aliases):
                aliases.append(name)
                given["aliases"].append([origin])
            elif where is not None:
                given["aliases"][where].append(origin)
        for key in MERGED_LISTS:
            values = list(properties.get(key) or [])
            for value in entry.properties.get(key) or []:
                if value in values:
                    given[key][values.index(value)].append(origin)
                else:
                    values.append(value)
                    given[key].append([origin])
            if values:
                properties[key] = values
        for key, value in entry.properties.items():
            if key not in properties and key not in ("aliases", "merged_ids"):
                properties[key] = value
    if aliases:
        properties["aliases"] = aliases
    for key, origin_lists in given.items():
        if origin_lists:
            properties[origins_property(key)] = [joined(o) for o in origin_lists]
    birth_place = properties.get("birth_place")
    if birth_place:
        members = [(own, node), *((origins[e.id], e) for e in entries)]
        giving = (origin for origin, member in members if member.properties.get("birth_place") == birth_place)
        properties[origins_property("birth_place")] = joined(giving)
    properties["merged_ids"] = sorted({*(properties.get("merged_ids") or []), *(e.id for e in entries)})
    return dataclasses.replace(node, properties=properties)
