"""The review of pairs that may be one entity: ranked, filtered, side by side, as data.

`csn resolve` prints it and the workbench can show it; both only choose and print:

    review = load_review(case)                                   # every pair left for a person
    chosen = review.select(Selection(labels=("Person",), lists=("un-sc", "ofac-sdn")))
    for pair in chosen:                                          # strongest evidence first
        for row in pair.rows:                                    # names, dates, places, ...
            print(row.field, row.a, row.b)
    as_data(review, Selection(), chosen)                         # the JSON form
    decisions = batch_decisions(chosen, "same", "A. Analyst", "2026-12-08", reason)

**The pairs.** A pair awaits a decision when the matching rule calls it a candidate and no
decisions file decides it (csn.loaders.resolution.merging); a pair decided `unsure` is listed
apart, with who was unsure, when and why (csn.loaders.resolution.resolutions says why).

**Strongest first.** Pairs are ranked by their evidence, each step deciding only between pairs
equal on the steps before it: a shared document (passport, identity or registration number)
first; then birth dates that agree, are a day apart or swapped, share the year, are unknown,
disagree; then nationalities that agree, are unknown, disagree; then names that are the same
words, one within the other, similar, one word, different; then the names' score (how much of
the shorter name the other holds, 0 to 1); then the pair's ids.

**Filters** (a `Selection`) narrow the pairs: by label (either side has it), by list (each named
list is on one side: `curated` names the curated facts), by the names' least score, and by
evidence tags (`EVIDENCE_TAGS`: every one named must hold). A selection describes itself in words,
which a batch decision records as its reason.

**Side by side.** Each pair has rows of what each side says: the names that matched (saying when
it is an alias), the other names, birth dates, places of birth, nationalities (each with its
country code, as matching compares them), identifiers, programmes or regimes, and the listings
(list, reference, and when the listing held).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from csn.graph.errors import CsnError
from csn.graph.model import Edge, Node, Record
from csn.graph.provenance import CURATED
from csn.graph.schema import SCHEMA
from csn.loaders.lists.listing import ListImport
from csn.loaders.resolution.countries import country_code
from csn.loaders.resolution.matching import ACTORS, Candidate, Evidence
from csn.loaders.resolution.merging import MergeReport, merge
from csn.loaders.resolution.resolutions import UNSURE, Decision
from csn.workspace.assembly import graph_inputs
from csn.workspace.case import Workspace

CURATED_LIST = "curated"  # the name `--list` gives the curated facts
PENDING = "pending"

_BIRTH_DATES = ("disagree", "unknown", "same year", "close", "agree")  # weakest first
_NATIONALITIES = ("disagree", "unknown", "agree")
_NAMES = ("different", "one word", "similar", "words within", "same words")


def _slug(words: str) -> str:
    return words.replace(" ", "-")


EVIDENCE_TAGS = (
    "shared-identifier",
    *(f"birth-dates-{_slug(kind)}" for kind in reversed(_BIRTH_DATES)),
    *(f"nationalities-{_slug(kind)}" for kind in reversed(_NATIONALITIES)),
    *(f"names-{_slug(kind)}" for kind in reversed(_NAMES)),
)


def evidence_tags(evidence: Evidence) -> tuple[str, ...]:
    """The evidence of a pair as tags a filter names.

    >>> evidence_tags(Evidence("similar", "close", "agree", ()))
    ('birth-dates-close', 'nationalities-agree', 'names-similar')
    """
    shared = ("shared-identifier",) if evidence.shared_identifiers else ()
    return (
        *shared,
        f"birth-dates-{_slug(evidence.birth_dates)}",
        f"nationalities-{_slug(evidence.nationalities)}",
        f"names-{_slug(evidence.names)}",
    )


def strength(evidence: Evidence) -> tuple[int, int, int, int, float]:
    """How strongly the evidence says one entity, for ranking (higher first; see the module).

    >>> strength(Evidence("different", "same year", "agree", ("Passport: B7654321",))) > strength(
    ...     Evidence("same words", "agree", "agree", ()))
    True
    """
    return (
        1 if evidence.shared_identifiers else 0,
        _BIRTH_DATES.index(evidence.birth_dates),
        _NATIONALITIES.index(evidence.nationalities),
        _NAMES.index(evidence.names),
        evidence.name_score,
    )


@dataclass(frozen=True)
class Side:
    """One entity of a pair as the review shows it: where it comes from and where it is now."""

    id: str
    label: str
    name: str
    list: str  # the list's key (ofac-sdn, un-sc, ftm:DATASET), or `curated`
    origin: str  # the list and its edition's date ("un-sc 2026-02-27"), or "curated facts"
    now_in: str  # the node it is part of now: itself, or the node it was merged into


@dataclass(frozen=True)
class Row:
    """One line of the side-by-side view: what each side says of one thing."""

    field: str
    a: tuple[str, ...]
    b: tuple[str, ...]


@dataclass(frozen=True)
class ReviewPair:
    """A pair that may be one entity: both sides, the evidence, the rows, and (for a pair
    decided `unsure`) that decision."""

    a: Side
    b: Side
    evidence: Evidence
    rows: tuple[Row, ...]
    decision: Decision | None = None

    @property
    def pair(self) -> tuple[str, str]:
        return (self.a.id, self.b.id) if self.a.id <= self.b.id else (self.b.id, self.a.id)

    @property
    def status(self) -> str:
        """`pending` (awaiting a decision) or `unsure`."""
        return PENDING if self.decision is None else UNSURE

    @property
    def tags(self) -> tuple[str, ...]:
        return evidence_tags(self.evidence)


@dataclass(frozen=True)
class Selection:
    """Which pairs to list or decide: the pairs awaiting a decision (or, with `unsure`, those
    decided unsure) that pass every filter given.

    Raises CsnError from `check` (and `select`) for a label matching does not compare, an
    evidence tag not in EVIDENCE_TAGS, more than two lists or a score outside 0 to 1.
    """

    labels: tuple[str, ...] = ()
    lists: tuple[str, ...] = ()
    min_score: float | None = None
    evidence: tuple[str, ...] = ()
    unsure: bool = False

    @property
    def narrows(self) -> bool:
        """Whether any filter is given (a batch decision needs one)."""
        return bool(self.labels or self.lists or self.min_score is not None or self.evidence)

    def check(self) -> None:
        wrong = [label for label in self.labels if label not in ACTORS]
        if wrong:
            raise CsnError(f"the review compares no label {', '.join(wrong)}; use {', '.join(ACTORS)}")
        unknown = [tag for tag in self.evidence if tag not in EVIDENCE_TAGS]
        if unknown:
            raise CsnError(f"no evidence is called {', '.join(unknown)}; use {', '.join(EVIDENCE_TAGS)}")
        if len(self.lists) > 2:
            raise CsnError("a pair has two sides: name one list, or two (one for each side)")
        if self.min_score is not None and not 0 <= self.min_score <= 1:
            raise CsnError(f"a names' score is from 0 to 1, not {self.min_score:g}")

    def selects(self, pair: ReviewPair) -> bool:
        """Whether the pair passes every filter (its status is checked by Review.select)."""
        if self.labels and not {pair.a.label, pair.b.label} & set(self.labels):
            return False
        if self.min_score is not None and pair.evidence.name_score < self.min_score:
            return False
        if not set(self.evidence) <= set(pair.tags):
            return False
        sides = (pair.a.list, pair.b.list)
        if len(self.lists) == 1:
            return self.lists[0] in sides
        if len(self.lists) == 2:
            return sides in (self.lists, self.lists[::-1])
        return True

    def describe(self) -> str:
        """The selection in words, as a batch decision records it.

        >>> chosen = Selection(labels=("Person",), lists=("un-sc", "ofac-sdn"), min_score=0.9,
        ...                    evidence=("birth-dates-agree",))
        >>> print(chosen.describe().replace("; ", ";\\n"))
        pairs awaiting a decision: label Person;
        lists un-sc and ofac-sdn;
        names scoring at least 0.9;
        evidence birth-dates-agree
        """
        filters = self.filters()
        return f"{self.status_words()}: {filters}" if filters else self.status_words()

    def status_words(self) -> str:
        return "pairs decided unsure" if self.unsure else "pairs awaiting a decision"

    def filters(self) -> str:
        """The filters in words ('' when none is given)."""
        parts = []
        if self.labels:
            parts.append(f"label {' or '.join(self.labels)}")
        if self.lists:
            parts.append(f"list{'s' if len(self.lists) > 1 else ''} {' and '.join(self.lists)}")
        if self.min_score is not None:
            parts.append(f"names scoring at least {self.min_score:g}")
        if self.evidence:
            parts.append(f"evidence {' and '.join(self.evidence)}")
        return "; ".join(parts)


@dataclass
class Review:
    """Every pair awaiting a decision, and every pair decided unsure, each strongest first, and
    the lists they come from (`curated` first)."""

    pending: list[ReviewPair] = field(default_factory=list)
    unsure: list[ReviewPair] = field(default_factory=list)
    lists: tuple[str, ...] = (CURATED_LIST,)

    def select(self, selection: Selection) -> list[ReviewPair]:
        """The pairs `selection` chooses, strongest first. Raises CsnError for a bad selection,
        or a list the case does not hold."""
        selection.check()
        unknown = [key for key in selection.lists if key not in self.lists]
        if unknown:
            raise CsnError(f"the case holds no list {', '.join(unknown)}; it holds {', '.join(self.lists)}")
        pairs = self.unsure if selection.unsure else self.pending
        return [pair for pair in pairs if selection.selects(pair)]


def load_review(case: Workspace) -> Review:
    """The case's review: its curated facts and kept editions merged as every command merges
    them, with the decisions that apply to it."""
    curated, imports, decisions = graph_inputs(case)
    return review_of(curated, imports, decisions)


def review_of(curated: list[Record], imports: list[ListImport], decisions: list[Decision]) -> Review:
    """The review of a merge of these inputs (see csn.loaders.resolution.merging.merge)."""
    _, report = merge(curated, imports, decisions)
    context = _Context(curated, imports, report)
    decided = {d.pair: d for d in decisions}
    return Review(
        pending=_ranked(context.pair(c, None) for c in report.pending),
        unsure=_ranked(context.pair(c, decided[c.pair]) for c in report.unsure),
        lists=(CURATED_LIST, *(listed.edition.key for listed in imports)),
    )


def _ranked(pairs: Iterable[ReviewPair]) -> list[ReviewPair]:
    by_ids = sorted(pairs, key=lambda p: p.pair)
    return sorted(by_ids, key=lambda p: strength(p.evidence), reverse=True)


class _Context:
    """What the rows need beyond the two nodes: each entry's list and edition, and its listings."""

    def __init__(self, curated: list[Record], imports: list[ListImport], report: MergeReport):
        self.report = report
        self.lists: dict[str, tuple[str, str]] = {}
        self.listings: dict[str, list[Edge]] = defaultdict(list)
        listing_types = set(SCHEMA.listing_types)
        for listed in imports:
            for record in listed.records:
                if isinstance(record, Node):
                    edition = listed.edition
                    self.lists[record.id] = (edition.key, f"{edition.key} {edition.date}")
        for record in [*curated, *(r for listed in imports for r in listed.records)]:
            if isinstance(record, Edge) and record.type in listing_types:
                self.listings[record.from_id].append(record)

    def side(self, node: Node) -> Side:
        key, origin = self.lists.get(node.id, (CURATED_LIST, CURATED))
        return Side(node.id, node.label, node.name, key, origin, self.report.node_of(node.id))

    def pair(self, candidate: Candidate, decision: Decision | None) -> ReviewPair:
        a, b, evidence = candidate.a, candidate.b, candidate.evidence
        matched = evidence.matched_names
        rows = [
            Row("names that matched", _matched(a, matched[0]), _matched(b, matched[1])),
            Row("other names", _others(a, matched[0]), _others(b, matched[1])),
            Row("birth dates", _values(a, "birth_dates"), _values(b, "birth_dates")),
            Row("places of birth", _values(a, "birth_place"), _values(b, "birth_place")),
            Row("nationalities", _countries(a), _countries(b)),
            Row("identifiers", _values(a, "identifiers"), _values(b, "identifiers")),
            Row("programmes", self._programmes(a), self._programmes(b)),
            Row("listings", self._listed(a), self._listed(b)),
        ]
        return ReviewPair(self.side(a), self.side(b), evidence, tuple(rows), decision)

    def _programmes(self, node: Node) -> tuple[str, ...]:
        found = (e.properties.get("program") for e in self.listings.get(node.id, ()))
        return tuple(dict.fromkeys(p for p in found if p))

    def _listed(self, node: Node) -> tuple[str, ...]:
        """Each listing: who lists it (the list's key, else the authority), the reference, when."""
        out = []
        for edge in sorted(self.listings.get(node.id, ()), key=lambda e: (e.valid_from or "", e.id)):
            who = edge.properties.get("list") or edge.to_id
            reference = edge.properties.get("reference")
            out.append(f"{who}{f' {reference}' if reference else ''}: {edge.period}")
        return tuple(out)


def _matched(node: Node, name: str) -> tuple[str, ...]:
    if not name:
        return ()
    return (name if name == node.name else f"{name} (alias)",)


def _others(node: Node, matched: str) -> tuple[str, ...]:
    return tuple(name for name in [node.name, *node.aliases] if name != matched)


def _values(node: Node, key: str) -> tuple[str, ...]:
    value = node.properties.get(key)
    if not value:
        return ()
    return (value,) if isinstance(value, str) else tuple(value)


def _countries(node: Node) -> tuple[str, ...]:
    """Nationalities as the list gives them, each with the code matching compares."""
    out = []
    for given in _values(node, "nationalities"):
        code = country_code(given)
        out.append(f"{given} ({code})" if code and code != given.lower() else given)
    return tuple(out)


def batch_decisions(
    pairs: Iterable[ReviewPair], verdict: str, by: str, date: str, why: str
) -> list[Decision]:
    """One decision on each pair, all with the same verdict (`same`, `different` or `unsure`),
    author, date and reason."""
    return [Decision.of(verdict, p.a.id, p.b.id, by, date, why) for p in pairs]


def batch_reason(selection: Selection, why: str | None = None) -> str:
    """The reason a batch decision records: the selection that chose its pairs, after the
    analyst's own words if any.

    >>> batch_reason(Selection(evidence=("shared-identifier",)), "passports read one by one")
    'passports read one by one (batch decision on the pairs awaiting a decision: evidence shared-identifier)'
    """
    said = f"batch decision on the {selection.describe()}"
    return f"{why} ({said})" if why else said[0].upper() + said[1:]


def side_data(side: Side) -> dict[str, Any]:
    return {
        "id": side.id,
        "label": side.label,
        "name": side.name,
        "list": side.list,
        "origin": side.origin,
        "now_in": side.now_in,
    }


def pair_data(pair: ReviewPair, rank: int) -> dict[str, Any]:
    """A pair as JSON data: its rank in the listing, both sides, the evidence, the rows."""
    evidence = pair.evidence
    decision = pair.decision
    return {
        "rank": rank,
        "status": pair.status,
        "a": side_data(pair.a),
        "b": side_data(pair.b),
        "evidence": {
            "verdict": evidence.verdict,
            "names": evidence.names,
            "name_score": round(evidence.name_score, 4),
            "matched_names": list(evidence.matched_names),
            "birth_dates": evidence.birth_dates,
            "nationalities": evidence.nationalities,
            "shared_identifiers": list(evidence.shared_identifiers),
            "tags": list(pair.tags),
        },
        "rows": [{"field": row.field, "a": list(row.a), "b": list(row.b)} for row in pair.rows],
        "decision": (
            None
            if decision is None
            else {"verdict": decision.verdict, "by": decision.by, "date": decision.date, "why": decision.why}
        ),
    }


def as_data(
    review: Review, selection: Selection, chosen: list[ReviewPair], limit: int | None = None
) -> dict[str, Any]:
    """The JSON form of a listing: how many pairs await a decision and are decided unsure, the
    selection, how many it chose, and the chosen pairs, strongest first (the first `limit`)."""
    return {
        "pending": len(review.pending),
        "unsure": len(review.unsure),
        "selection": selection.describe(),
        "selected": len(chosen),
        "pairs": [pair_data(pair, rank) for rank, pair in enumerate(chosen[:limit], 1)],
    }
