"""Schema-valid synthetic graphs for the load and query benchmarks.

    .venv/bin/python -m benchmarks.synthetic --nodes 300000 --edges 1000000

`synthetic_graph(nodes, edges, seed)` returns Nodes (sources included) then exactly `edges`
Edges, the same for the same arguments; `synthetic_records` yields the same records one at a
time, holding none of them (for graphs of millions of facts):

- labels in rough real-world proportions (many Persons; some state bodies, groups, networks,
  companies and places; a few countries, corridors, authorities, indicators; about 5% sources);
- relationship types from `SCHEMA.relationships`, weighted by their category, and for each fact
  an endpoint pair that its type allows, weighted by how many nodes carry the `from` label;
- statuses from `SCHEMA.evidence` (weaker ones more common), valid_from on about 60% of facts and
  valid_to on about 20%, every required property, and one or two citations of existing sources;
- a few planted chains state body -> criminal group -> corridor (types picked from the schema by
  role and category), so `trace` always has something to find.

Every edge type, endpoint label, property and status comes from the schema; all look-ups are done
once per (type, from label, to label) kind, and the per-edge loop only picks numbers.

>>> records = synthetic_graph(nodes=60, edges=100)
>>> sum(isinstance(r, Edge) for r in records)
100
"""

from __future__ import annotations

import argparse
import random
import time
from collections.abc import Callable, Iterator
from itertools import accumulate
from typing import Any

from csn.graph.model import Citation, Edge, Node, Record
from csn.graph.schema import SCHEMA, Property

# Share of the non-source nodes by label (like benchmarks/views.py: label names as data).
# Labels with a cap are "a few": their share of a big graph stays small.
LABEL_SHARES: dict[str, tuple[float, int, int]] = {  # label: (share, at least, at most)
    "Person": (0.60, 1, 10**9),
    "StateBody": (0.05, 2, 10**9),
    "CriminalGroup": (0.06, 2, 10**9),
    "SmugglingNetwork": (0.04, 1, 10**9),
    "Company": (0.07, 1, 10**9),
    "Organization": (0.02, 1, 10**9),
    "Place": (0.12, 1, 10**9),
    "Country": (0.002, 2, 250),
    "MigrationCorridor": (0.001, 2, 300),
    "Authority": (0.002, 1, 500),
    "Indicator": (0.0005, 1, 50),
}
SOURCE_SHARE = 0.05
# Share of facts by relationship category (the schema's categories; types split it evenly).
CATEGORY_SHARES = {
    "network": 0.50,
    "territory": 0.10,
    "corridor": 0.03,
    "legal": 0.15,
    "location": 0.20,
    "measure": 0.02,
}
# Weaker evidence is commoner, as in the press; weights follow the ladder from strongest.
STATUS_WEIGHTS = (2, 4, 2, 1, 3, 10, 6, 2)
PLANTED_CHAINS = 3
CHUNK = 65_536  # edges whose random kind and status are drawn at once
SAYS = "Synthetic fact for benchmarking; no real source says this."


def _counts(nodes: int) -> dict[str, int]:
    """How many nodes of each label (sources included), summing to about `nodes`."""
    sources = max(1, round(nodes * SOURCE_SHARE))
    rest = max(0, nodes - sources)
    counts = {
        label: min(most, max(least, round(rest * share)))
        for label, (share, least, most) in LABEL_SHARES.items()
    }
    # Whatever the caps left over goes to Persons, so the total stays close to `nodes`.
    counts["Person"] = max(1, counts["Person"] + rest - sum(counts.values()))
    counts[SCHEMA.source_label] = sources
    return counts


def _value(prop: Property, number: int) -> Any:
    """A valid value of a property, whatever its declared kind; varies with `number`."""
    if prop.choices:
        return prop.choices[number % len(prop.choices)]
    kind = prop.kind
    if kind == "int":
        return 2000 + number % 25 if prop.name in ("fiscal_year", "edition", "order") else number % 100_000
    if kind == "number":
        return float(number % 100) / 10
    if kind == "fraction":
        return (number % 101) / 100
    if kind == "date":
        return f"{2000 + number % 25}-{1 + number % 12:02d}"
    if kind == "url":
        return f"https://example.org/synthetic/{number}"
    if kind == "list":
        return [f"alias {number}"]
    return f"{prop.name} {number}"


def _required_maker(props: dict[str, Property]) -> Callable[[int], dict[str, Any]] | None:
    """A function from a number to the type's required properties, or None if it has none."""
    required = [p for p in props.values() if p.required]
    if not required:
        return None
    return lambda number: {p.name: _value(p, number) for p in required}


def _ids(label: str, count: int) -> list[str]:
    """The ids of the `count` nodes of `label`: `<label in lower case>-<number>`."""
    slug = label.lower()
    return [f"{slug}-{i}" for i in range(count)]


def _make_nodes(counts: dict[str, int]) -> Iterator[Node]:
    source_label = SCHEMA.source_label
    for label, count in counts.items():
        slug = label.lower()
        if label == source_label:
            own = SCHEMA.label(label).properties
            for i in range(count):
                props = {name: _value(p, i) for name, p in own.items() if p.required}
                props["title"] = f"Synthetic report {i}"
                yield Node(f"{slug}-{i}", label, props["title"], props)
            continue
        make = _required_maker(SCHEMA.label(label).properties)
        for i in range(count):
            yield Node(f"{slug}-{i}", label, f"{label} {i}", make(i) if make else {})


def _kinds(counts: dict[str, int]) -> list[tuple[str, str, str, float]]:
    """(type, from label, to label, weight) for every endpoint pair the schema allows."""
    by_category: dict[str, list[str]] = {}
    for name, rel in SCHEMA.relationships.items():
        by_category.setdefault(rel.category, []).append(name)
    kinds = []
    for category, types in by_category.items():
        for name in types:
            rel = SCHEMA.relationship(name)
            pairs = [(f, t) for f in rel.from_labels for t in rel.to_labels]
            mass = [counts[f] * counts[t] ** 0.5 for f, t in pairs]
            total = sum(mass)
            share = CATEGORY_SHARES.get(category, 0.01) / len(types)
            kinds += [(name, f, t, share * m / total) for (f, t), m in zip(pairs, mass, strict=True)]
    return kinds


def _chain_types() -> tuple[str, str]:
    """A type joining a state body to a criminal group and one joining that group to a corridor,
    both traced everywhere on a path (so trace walks them)."""
    state = SCHEMA.labels_with_role("state")[0]
    criminal = SCHEMA.labels_with_role("criminal")[0]
    corridor = SCHEMA.labels_with_role("corridor")[0]
    walked = SCHEMA.types_traced("always")
    first = next(t for t in walked if SCHEMA.relationship(t).allows(state, criminal))
    second = next(t for t in walked if SCHEMA.relationship(t).allows(criminal, corridor))
    return first, second


def synthetic_graph(nodes: int, edges: int, seed: int = 7) -> list[Record]:
    """About `nodes` nodes (sources included) and exactly `edges` edges, deterministic for `seed`:
    `synthetic_records` as a list. Raises ValueError as it does."""
    return list(synthetic_records(nodes, edges, seed))


def synthetic_records(nodes: int, edges: int, seed: int = 7) -> Iterator[Record]:
    """The nodes, then the edges, of `synthetic_graph`, made one at a time as they are asked for.

    Nothing grows with the graph but the id of the record being made: an edge's ends are numbers
    turned into ids, and the random choices are drawn in chunks of CHUNK. Raises ValueError for
    fewer than 20 nodes (every label needs a few) or a negative edge count, when first asked.
    """
    if nodes < 20 or edges < 0:
        raise ValueError("synthetic_graph needs at least 20 nodes and a non-negative edge count")
    rng = random.Random(seed)
    counts = _counts(nodes)
    yield from _make_nodes(counts)
    source_ids = _ids(SCHEMA.source_label, counts[SCHEMA.source_label])
    statuses = list(SCHEMA.evidence)
    citations: list[tuple[Citation, ...]] = [(Citation(s, SAYS),) for s in source_ids]

    # Planted chains first: a strong, undated state -> criminal -> corridor path per chain.
    state = SCHEMA.labels_with_role("state")[0]
    criminal = SCHEMA.labels_with_role("criminal")[0]
    corridor = SCHEMA.labels_with_role("corridor")[0]
    first, second = _chain_types()
    planted = 0
    for i in range(min(PLANTED_CHAINS, edges // 2)):
        actor = f"{state.lower()}-{i % counts[state]}"
        group = f"{criminal.lower()}-{i % counts[criminal]}"
        route = f"{corridor.lower()}-{i % counts[corridor]}"
        planted_cite = citations[i % len(citations)]
        yield Edge(f"edge-{planted}", first, actor, group, statuses[0], planted_cite)
        yield Edge(f"edge-{planted + 1}", second, group, route, statuses[0], planted_cite)
        planted += 2

    kinds = _kinds(counts)
    # Per kind, everything the inner loop needs: type, the two id prefixes and counts, a maker.
    plans = [
        (
            name,
            f"{f.lower()}-",
            f"{t.lower()}-",
            counts[f],
            counts[t],
            f == t,
            _required_maker(SCHEMA.relationship(name).properties),
        )
        for name, f, t, _ in kinds
    ]
    cum_weights = list(accumulate(k[3] for k in kinds))
    rest = edges - planted
    random_ = rng.random
    n_sources = len(source_ids)
    for chunk_start in range(0, rest, CHUNK):
        size = min(CHUNK, rest - chunk_start)
        kind_of = rng.choices(range(len(plans)), cum_weights=cum_weights, k=size)
        status_of = rng.choices(statuses, weights=STATUS_WEIGHTS, k=size)
        for j in range(size):
            i = chunk_start + j
            name, from_prefix, to_prefix, n_from, n_to, same, make = plans[kind_of[j]]
            a = int(random_() * n_from)
            b = int(random_() * n_to)
            if same and a == b and n_to > 1:  # no self-loops
                b = (b + 1) % n_to
            r = random_()
            valid_from = valid_to = None
            if r < 0.6:  # dated: 60% have a start, a third of those an end
                year = 1990 + int(r * 55)
                valid_from = f"{year}-{1 + i % 12:02d}"
                if r < 0.2:
                    valid_to = f"{year + 1 + i % 5}"
            s = int(random_() * n_sources)
            cite = citations[s]
            if i % 3 == 0 and n_sources > 1:  # a third of the facts cite two sources
                cite = cite + citations[(s + 1) % n_sources]
            yield Edge(
                f"edge-{planted + i}",
                name,
                f"{from_prefix}{a}",
                f"{to_prefix}{b}",
                status_of[j],
                cite,
                valid_from,
                valid_to,
                make(i) if make else {},
            )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--nodes", type=int, default=300_000)
    parser.add_argument("--edges", type=int, default=1_000_000)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args(argv)
    began = time.perf_counter()
    records = synthetic_graph(args.nodes, args.edges, args.seed)
    seconds = time.perf_counter() - began
    by_label: dict[str, int] = {}
    by_type: dict[str, int] = {}
    for record in records:
        if isinstance(record, Node):
            by_label[record.label] = by_label.get(record.label, 0) + 1
        else:
            by_type[record.type] = by_type.get(record.type, 0) + 1
    print(
        f"{sum(by_label.values()):,} nodes and {sum(by_type.values()):,} edges "
        f"in {seconds:.2f} s (seed {args.seed})"
    )
    for name, count in sorted(by_label.items(), key=lambda kv: -kv[1]):
        print(f"  {name:<18} {count:>10,}")
    for name, count in sorted(by_type.items(), key=lambda kv: -kv[1]):
        print(f"  {name:<18} {count:>10,}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
