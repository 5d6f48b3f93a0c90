"""Measure entity matching on real lists against a hand-checked reference: python -m benchmarks.matching

    .venv/bin/python -m benchmarks.matching                       # the two matching cuts, then full size
    .venv/bin/python -m benchmarks.matching --no-full-size --show-missed
    .venv/bin/python -m benchmarks.matching --propose new.csv     # pairs the checked reference lacks

The reference (benchmarks/matching_reference.py, checked by hand in matching_reference.csv) holds
the UN–OFAC person pairs of the two matching cuts of ../shared/data that share a full birth date
and agree strongly on a name, each marked the same person or not. This benchmark then runs csn's
own import path on the same two files: the OFAC and UN readers, then `merge` with the seed's
curated records and decisions, OFAC first as `csn import` orders the lists. It prints:
- recall of automatic merges, and of merged-or-proposed (`csn resolve` shows a proposed pair),
  over the reference's true pairs;
- candidates shown: every pair `merge` leaves for a person, and their number per true pair;
- automatic merges between an OFAC and a UN entry: those the reference says are the same person,
  those it says are not (false merges, listed), and those it has not checked (listed, to be read
  and added as `merge review` rows); precision over the checked ones;
- the time to read both files and to merge them;
- with full size (the default), the time of a merge of lists as large as the full OFAC and UN
  lists (`--full-ofac` and `--full-un` entities): the two cuts topped up with invented entries
  whose names are drawn word by word from the cuts' own names (so common words are as common as
  in the real lists), with birth dates, nationalities and passports like theirs.
Goals: no false automatic merge; merged-or-proposed at least 98% of the true pairs; automatic at
least 90%. The machine may be shared: the load average is printed.
"""

from __future__ import annotations

import argparse
import dataclasses
import os
import random
import time
from collections import Counter, defaultdict
from pathlib import Path

from benchmarks.matching_reference import (
    Pair,
    propose,
    read_ofac_people,
    read_reference,
    read_un_people,
    write_pairs,
)
from csn import ARTICLE_DATASET
from csn.graph.model import Node, Record
from csn.loaders.curated.seed import load_seed
from csn.loaders.lists.listing import ListImport
from csn.loaders.lists.ofac import read_ofac
from csn.loaders.lists.un import read_un
from csn.loaders.resolution.matching import ACTORS
from csn.loaders.resolution.merging import MergeReport, merge
from csn.loaders.resolution.resolutions import Decision, read_resolutions, resolutions_file

REPO = Path(__file__).resolve().parents[1]
DATA = REPO.parent / "shared" / "data"
OFAC_CUT = "ofac-sdn-2021-matching-dev"
UN_CUT = "un-sc-consolidated-2026-02-27-matching-dev.xml"
OFAC_DATE = "2021-07-01"  # the cut's snapshot; the SDN files carry no date
GOALS = {"automatic": 0.90, "merged or proposed": 0.98}


@dataclasses.dataclass
class Outcome:
    """What one merge gave, measured against the reference."""

    true_pairs: list[Pair]
    merged: list[Pair]
    proposed: list[Pair]
    missed: list[Pair]
    shown: int
    shown_across: int
    merges_right: list[tuple[str, str]]
    merges_false: list[Pair]
    merges_unchecked: list[tuple[Node, Node]]
    one_list_groups: list[list[str]]
    seconds: float
    cpu_seconds: float
    shown_kinds: str


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--data", type=Path, default=DATA, help="the folder of the list excerpts")
    parser.add_argument("--propose", type=Path, help="write the proposals the reference lacks here, and stop")
    parser.add_argument("--no-full-size", dest="full_size", action="store_false")
    parser.add_argument("--full-ofac", type=int, default=8_400, help="OFAC entities at full size")
    parser.add_argument("--full-un", type=int, default=1_000, help="UN entities at full size")
    parser.add_argument("--show-missed", action="store_true", help="list true pairs only proposed, too")
    args = parser.parse_args()

    ofac_people = read_ofac_people(args.data / OFAC_CUT)
    un_people = read_un_people(args.data / UN_CUT)
    reference = read_reference()
    checked = {(p.ofac_id, p.un_id) for p in reference}
    fresh = [p for p in propose(ofac_people, un_people) if (p.ofac_id, p.un_id) not in checked]
    if args.propose:
        write_pairs(args.propose, fresh)
        print(f"{len(fresh)} proposals the reference lacks written to {args.propose}: check them by hand.")
        return
    if fresh:
        print(f"Warning: {len(fresh)} proposals are not in the reference yet (see --propose).")

    started = time.perf_counter()
    ofac = read_ofac(args.data / OFAC_CUT, OFAC_DATE)
    un = read_un(args.data / UN_CUT)
    read_seconds = time.perf_counter() - started
    curated = load_seed(ARTICLE_DATASET)
    decisions = read_resolutions(resolutions_file(ARTICLE_DATASET))
    set_up = warm_up(un)
    outcome = evaluate([ofac, un], curated, decisions, reference)

    print(f"Matching on the cuts: OFAC {_actors(ofac):,} entities, UN {_actors(un):,} (load {_load()})")
    print(
        f"Reading both files: {read_seconds:.2f} s; the matcher's first use in a process (two entries "
        f"and their copies): {set_up:.2f} s CPU; then merging: {outcome.seconds:.2f} s "
        f"({outcome.cpu_seconds:.2f} s CPU)\n"
    )
    print(table(outcome))
    print(f"\nCandidates shown, by kind: {outcome.shown_kinds}")
    print()
    print(details(outcome, args.show_missed))
    if args.full_size:
        print()
        print(full_size(ofac, un, curated, decisions, args.full_ofac, args.full_un))


def evaluate(
    imports: list[ListImport], curated: list[Record], decisions: list[Decision], reference: list[Pair]
) -> Outcome:
    """Merge the imports as `csn import` does and measure the result against the reference."""
    ordered = sorted(imports, key=lambda k: k.edition.key)
    started, cpu = time.perf_counter(), time.process_time()
    _, report = merge(curated, ordered, decisions)
    seconds, cpu = time.perf_counter() - started, time.process_time() - cpu
    nodes = {r.id: r for listed in imports for r in listed.records if isinstance(r, Node)}
    verdicts = {(p.ofac_id, p.un_id): p for p in reference}
    true_pairs = [p for p in reference if p.same == "yes" and p.found_by == "same birth date"]
    proposed_groups = {frozenset((report.node_of(c.a.id), report.node_of(c.b.id))) for c in report.pending}
    merged, proposed, missed = [], [], []
    for pair in true_pairs:
        a, b = report.node_of(pair.ofac_id), report.node_of(pair.un_id)
        if a == b:
            merged.append(pair)
        elif frozenset((a, b)) in proposed_groups:
            proposed.append(pair)
        else:
            missed.append(pair)
    right, false, unchecked = [], [], []
    for ofac_id, un_id in merged_across(report, nodes):
        judged = verdicts.get((ofac_id, un_id))
        if judged is None:
            unchecked.append((nodes[ofac_id], nodes[un_id]))
        elif judged.same == "yes":
            right.append((ofac_id, un_id))
        else:
            false.append(judged)
    across = sum(
        1
        for c in report.pending
        if _list_of(c.a.id) != _list_of(c.b.id) and "" not in (_list_of(c.a.id), _list_of(c.b.id))
    )
    return Outcome(
        true_pairs,
        merged,
        proposed,
        missed,
        len(report.pending),
        across,
        right,
        false,
        unchecked,
        one_list_groups(report),
        seconds,
        cpu,
        shown_by_kind(report),
    )


def warm_up(un: ListImport) -> float:
    """CPU seconds to merge one UN person and one UN organisation with copies of themselves under
    other ids: what a process spends once on loading the matcher's tables (rigour's names and
    countries), not on matching."""
    nodes = [r for r in un.records if isinstance(r, Node) and r.label in ACTORS]
    person = next(n for n in nodes if n.label == "Person" and n.properties.get("nationalities"))
    other = next(n for n in nodes if n.label != "Person")
    copies: list[Record] = [dataclasses.replace(n, id=f"copy-{n.id}") for n in (person, other)]
    started = time.perf_counter()
    originals: list[Record] = [person, other]
    merge([], [ListImport(un.edition, copies), ListImport(un.edition, originals)], [])
    return time.perf_counter() - started


def shown_by_kind(report: MergeReport) -> str:
    """The candidates shown: people by what their birth dates say, organisations."""
    people = Counter(c.evidence.birth_dates for c in report.pending if c.a.label == "Person")
    others = sum(1 for c in report.pending if c.a.label != "Person")
    dated = ", ".join(f"{n} {kind}" for kind, n in people.most_common())
    return f"people {sum(people.values())} (birth dates: {dated}); organisations {others}"


def merged_across(report: MergeReport, nodes: dict[str, Node]) -> list[tuple[str, str]]:
    """Every (OFAC entry, UN entry) pair that ended up in one node."""
    groups: dict[str, list[str]] = defaultdict(list)
    for node_id in nodes:
        groups[report.node_of(node_id)].append(node_id)
    pairs = []
    for members in groups.values():
        ofac_ids = sorted(m for m in members if _list_of(m) == "ofac")
        un_ids = sorted(m for m in members if _list_of(m) == "un")
        pairs += [(o, u) for o in ofac_ids for u in un_ids]
    return pairs


def one_list_groups(report: MergeReport) -> list[list[str]]:
    """Merged nodes holding two entries of the same list (only ever through other entries)."""
    groups: dict[str, list[str]] = defaultdict(list)
    for node_id, root in report.merged_into.items():
        groups[root].append(node_id)
    found = []
    for root, members in groups.items():
        every = [root, *members]
        counts = Counter(_list_of(m) for m in every if _list_of(m))
        if any(n > 1 for n in counts.values()):
            found.append(sorted(every))
    return found


def table(outcome: Outcome) -> str:
    true = len(outcome.true_pairs)
    merged, either = len(outcome.merged), len(outcome.merged) + len(outcome.proposed)
    judged = len(outcome.merges_right) + len(outcome.merges_false)
    precision = f"{len(outcome.merges_right) / judged:.1%}" if judged else "-"
    rows = [
        ("true pairs (reference)", f"{true}", ""),
        ("merged automatically", f"{merged} ({merged / true:.1%})", f"≥ {GOALS['automatic']:.0%}"),
        ("merged or proposed", f"{either} ({either / true:.1%})", f"≥ {GOALS['merged or proposed']:.0%}"),
        ("missed (neither)", f"{len(outcome.missed)}", ""),
        (
            "candidates shown",
            f"{outcome.shown} (OFAC–UN {outcome.shown_across}); {outcome.shown / true:.2f} per true pair",
            "",
        ),
        (
            "automatic OFAC–UN merges",
            f"{judged + len(outcome.merges_unchecked)}: {len(outcome.merges_right)} right, "
            f"{len(outcome.merges_false)} false, {len(outcome.merges_unchecked)} unchecked",
            "0 false",
        ),
        ("precision of automatic merges (checked)", precision, "100%"),
        ("nodes holding two entries of one list", f"{len(outcome.one_list_groups)}", ""),
        ("merge time", f"{outcome.seconds:.2f} s", ""),
    ]
    lines = ["| measure | value | goal |", "|---|---|---|"]
    lines += [f"| {a} | {b} | {c} |" for a, b, c in rows]
    return "\n".join(lines)


def details(outcome: Outcome, show_proposed: bool) -> str:
    lines = []
    for title, pairs in (("False automatic merges", outcome.merges_false), ("Missed", outcome.missed)):
        lines.append(f"{title}: {len(pairs)}")
        lines += [
            f"  {p.ofac_id} '{p.ofac_name}' / {p.un_id} '{p.un_name}' ({p.birth_date}): {p.note}"
            for p in pairs
        ]
    lines.append(f"Automatic merges the reference has not checked: {len(outcome.merges_unchecked)}")
    for a, b in outcome.merges_unchecked:
        lines.append(f"  {a.id} '{a.name}' {_facts(a)} / {b.id} '{b.name}' {_facts(b)}")
    for group in outcome.one_list_groups:
        lines.append(f"  one node, two entries of one list: {', '.join(group)}")
    if show_proposed:
        lines.append(f"True pairs proposed, not merged: {len(outcome.proposed)}")
        lines += [
            f"  {p.ofac_id} '{p.ofac_name}' / {p.un_id} '{p.un_name}' ({p.birth_date})"
            for p in outcome.proposed
        ]
    return "\n".join(lines)


def full_size(
    ofac: ListImport, un: ListImport, curated: list[Record], decisions: list[Decision], n_ofac: int, n_un: int
) -> str:
    """The merge time of lists as large as the full ones: the cuts topped up with invented entries."""
    big_ofac = topped_up(ofac, n_ofac, "ofac-sdn-9", seed=1)
    big_un = topped_up(un, n_un, "un-zz-", seed=2)
    started, cpu = time.perf_counter(), time.process_time()
    _, report = merge(curated, [big_ofac, big_un], decisions)
    seconds, cpu = time.perf_counter() - started, time.process_time() - cpu
    return (
        f"Full size: OFAC {_actors(big_ofac):,} entities and UN {_actors(big_un):,} "
        f"({_actors(big_ofac) + _actors(big_un):,}), merged with the seed in {seconds:.2f} s "
        f"({cpu:.2f} s CPU); {len(report.merged_into):,} ids merged, {len(report.pending):,} "
        f"candidates shown (load {_load()})"
    )


def topped_up(listed: ListImport, size: int, prefix: str, seed: int) -> ListImport:
    """`listed` with invented entities added until it holds `size`: each a real entity of the same
    kind whose name words are replaced, one by one, by words drawn from all the names of that kind
    (aliases too), its birth dates and passports made up, its nationalities kept."""
    rng = random.Random(seed)
    actors = [r for r in listed.records if isinstance(r, Node) and r.label in ACTORS]
    words: dict[bool, list[str]] = {True: [], False: []}
    for node in actors:
        for name in [node.name, *node.aliases]:
            words[node.label == "Person"] += name.replace(",", " ").split()
    added: list[Record] = []
    for number in range(max(0, size - len(actors))):
        model = rng.choice(actors)
        person = model.label == "Person"

        def invented(name: str, pool: list[str] = words[person]) -> str:
            return " ".join(rng.choice(pool) for _ in name.replace(",", " ").split())

        properties = dict(model.properties)
        properties["aliases"] = [invented(a) for a in model.aliases]
        properties["identifiers"] = [f"{prefix}{number}"] + (
            [f"Passport: {rng.randint(10**7, 10**9)}"] if rng.random() < 0.3 else []
        )
        if person and model.properties.get("birth_dates"):
            year, month, day = rng.randint(1935, 1995), rng.randint(1, 12), rng.randint(1, 28)
            properties["birth_dates"] = [f"{year}-{month:02d}-{day:02d}" if rng.random() < 0.7 else f"{year}"]
        added.append(
            dataclasses.replace(
                model, id=f"{prefix}{number}", name=invented(model.name), properties=properties
            )
        )
    return ListImport(listed.edition, [*listed.records, *added])


def _list_of(node_id: str) -> str:
    return "ofac" if node_id.startswith("ofac-sdn-") else "un" if node_id.startswith("un-") else ""


def _actors(listed: ListImport) -> int:
    return sum(1 for r in listed.records if isinstance(r, Node) and r.label in ACTORS)


def _facts(node: Node) -> str:
    keys = ("birth_dates", "nationalities", "identifiers")
    return "[" + "; ".join(", ".join(node.properties[k]) for k in keys if node.properties.get(k)) + "]"


def _load() -> str:
    return ", ".join(f"{x:.2f}" for x in os.getloadavg())


if __name__ == "__main__":
    main()
