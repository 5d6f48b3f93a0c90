"""Which list entries may be the same entity as a curated node or another list's entry, and why.

Names are compared as sets of words, folded for case and accents, so word order and commas do
not matter: 'MADURO MOROS, Nicolas' holds every word of 'Nicolás Maduro'. Particles (de, del, la,
y, ...) and initials are left out. Two entities are compared only if they are both people or
both organisations, and only if one of their names (or aliases) holds every word, at least two,
of a name of the other.

The verdict on a pair:
- `apart`: their birth dates or their nationalities disagree (and no identifier is shared): a
  name alone never merges them, and they are not proposed;
- `same`: they share an identifier number (a passport, a cedula), or they have the same words
  in a name and the same full birth date: the import merges them without asking;
- `candidate`: anything else; a person decides in seed/resolutions.yaml (`csn resolve`).

Common names therefore never merge strangers: without a matching birth date or document, two
'Juan Carlos López' stay two nodes until someone decides.

>>> maduro = Node("nicolas-maduro", "Person", "Nicolás Maduro")
>>> entry = Node("ofac-sdn-22790", "Person", "MADURO MOROS, Nicolas", {"birth_dates": ["1962-11-23"]})
>>> compare(maduro, entry).verdict
'candidate'
>>> namesake = Node("ofac-sdn-1", "Person", "Nicolas Maduro", {"birth_dates": ["1990-06-21"]})
>>> compare(entry, namesake).verdict
'apart'
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from itertools import combinations

from csn.graph.model import Node, normalise_name
from csn.graph.schema import SCHEMA

PARTICLES = frozenset({"de", "del", "la", "las", "los", "y", "e", "da", "do", "dos", "das", "di"})
PERSON = SCHEMA.label("Person").name
ACTORS = SCHEMA.labels_with_role("person", "state", "criminal", "other")
_WORD = re.compile(r"[a-z0-9]+")
_NUMBER = re.compile(r":\s*([^(]+)")


def name_words(name: str) -> frozenset[str]:
    """The words of a name that matching compares: 'FLORES DE MADURO, Cilia' -> {cilia, flores, maduro}."""
    return frozenset(w for w in _WORD.findall(normalise_name(name)) if len(w) > 1 and w not in PARTICLES)


def _forms(node: Node) -> list[frozenset[str]]:
    """The word sets of a node's name and aliases that are long enough to compare (two words)."""
    forms = {name_words(n) for n in [node.name, *node.aliases]}
    return [f for f in forms if len(f) >= 2]


@dataclass(frozen=True)
class Evidence:
    """What two entities' records say about whether they are one."""

    names: str  # "same words" or "words within"
    birth_dates: str  # "agree", "same year", "disagree" or "unknown"
    nationalities: str  # "agree", "disagree" or "unknown"
    shared_identifiers: tuple[str, ...]

    @property
    def verdict(self) -> str:
        if self.shared_identifiers:
            return "same"
        if "disagree" in (self.birth_dates, self.nationalities):
            return "apart"
        if self.names == "same words" and self.birth_dates == "agree":
            return "same"
        return "candidate"

    @property
    def strength(self) -> int:
        """How strongly the records say one entity, for ordering a review (higher first): a
        shared identifier above all, then the same words in a name, agreeing birth dates and
        nationalities; a disagreement counts against.

        >>> Evidence("same words", "same year", "agree", ()).strength
        8
        """
        score = 100 if self.shared_identifiers else 0
        score += {"same words": 4, "words within": 2}.get(self.names, 0)
        score += {"agree": 4, "same year": 2, "disagree": -4}.get(self.birth_dates, 0)
        score += {"agree": 2, "disagree": -2}.get(self.nationalities, 0)
        return score

    def summary(self) -> str:
        shared = (
            f"; shared identifiers: {', '.join(self.shared_identifiers)}" if self.shared_identifiers else ""
        )
        return (
            f"names: {self.names}; birth dates: {self.birth_dates}; "
            f"nationalities: {self.nationalities}{shared}"
        )


@dataclass(frozen=True)
class Candidate:
    """Two entities that may be one, with the evidence; `a` is the one already in the graph."""

    a: Node
    b: Node
    evidence: Evidence

    @property
    def pair(self) -> tuple[str, str]:
        return (self.a.id, self.b.id) if self.a.id <= self.b.id else (self.b.id, self.a.id)


def _same_kind(a: Node, b: Node) -> bool:
    return a.label in ACTORS and b.label in ACTORS and (a.label == PERSON) == (b.label == PERSON)


def _names(a: Node, b: Node) -> str | None:
    forms_a, forms_b = _forms(a), _forms(b)
    if any(x == y for x in forms_a for y in forms_b):
        return "same words"
    if any(x <= y or y <= x for x in forms_a for y in forms_b):
        return "words within"
    return None


def _birth_dates(a: Node, b: Node) -> str:
    dates_a, dates_b = a.properties.get("birth_dates") or [], b.properties.get("birth_dates") or []
    if not dates_a or not dates_b:
        return "unknown"
    if any(len(d) == 10 for d in set(dates_a) & set(dates_b)):  # the same full date
        return "agree"
    if any(x.startswith(y) or y.startswith(x) for x in dates_a for y in dates_b):
        return "same year"
    return "disagree"


def _nationalities(a: Node, b: Node) -> str:
    found_a = {normalise_name(n) for n in a.properties.get("nationalities") or []}
    found_b = {normalise_name(n) for n in b.properties.get("nationalities") or []}
    if not found_a or not found_b:
        return "unknown"
    if found_a & found_b:
        return "agree"
    # Only values written the same way can disagree: 've' and 'venezuela' are not a conflict.
    if len({len(n) == 2 for n in found_a | found_b}) == 1:
        return "disagree"
    return "unknown"


def _numbers(node: Node) -> dict[str, str]:
    """Identifier numbers (5 characters or more) by their folded value: 'Passport: PP3227493 (Haiti)'."""
    found = {}
    for identifier in node.properties.get("identifiers") or []:
        match = _NUMBER.search(identifier)
        number = re.sub(r"[^0-9a-z]", "", normalise_name(match.group(1))) if match else ""
        if len(number) >= 5:
            found[number] = identifier
    return found


def compare(a: Node, b: Node) -> Evidence | None:
    """The evidence on two entities, or None if their kinds or names do not match at all."""
    if not _same_kind(a, b):
        return None
    names = _names(a, b)
    if names is None:
        return None
    numbers_a, numbers_b = _numbers(a), _numbers(b)
    shared = tuple(sorted(numbers_a[n] for n in numbers_a.keys() & numbers_b.keys()))
    return Evidence(names, _birth_dates(a, b), _nationalities(a, b), shared)


def candidates(entries: Iterable[Node], known: Iterable[Node]) -> list[Candidate]:
    """Pairs of an entry and a known node whose names share two words or more, with their evidence,
    ordered by the known node's id, then the entry's.

    The known nodes (the curated ones: a few hundred) are indexed by each pair of words in their
    names, so a list of a million entries is read once, a few look-ups an entry.
    """
    by_pair: dict[tuple[str, str], list[Node]] = defaultdict(list)
    for node in known:
        if node.label in ACTORS:
            for pair in {p for form in _forms(node) for p in combinations(sorted(form), 2)}:
                by_pair[pair].append(node)
    found: dict[tuple[str, str], Candidate] = {}
    for entry in entries:
        if entry.label not in ACTORS:
            continue
        for pair in {p for form in _forms(entry) for p in combinations(sorted(form), 2)}:
            for node in by_pair.get(pair, ()):
                if (node.id, entry.id) in found or node.id == entry.id:
                    continue
                evidence = compare(node, entry)
                if evidence is not None:
                    found[node.id, entry.id] = Candidate(node, entry, evidence)
    return [found[key] for key in sorted(found)]


def same_names(entries: Iterable[Node], others: Iterable[Node]) -> list[Candidate]:
    """Pairs of an entry and another list's entry with the same words in a name, with their
    evidence: how entries of two lists are matched (a dictionary look-up each, for any size)."""
    by_form: dict[frozenset[str], list[Node]] = defaultdict(list)
    for other in others:
        if other.label in ACTORS:
            for form in _forms(other):
                by_form[form].append(other)
    found: dict[tuple[str, str], Candidate] = {}
    for entry in entries:
        if entry.label not in ACTORS:
            continue
        for form in _forms(entry):
            for other in by_form.get(form, ()):
                evidence = compare(other, entry) if other.id != entry.id else None
                if evidence is not None:
                    found.setdefault((other.id, entry.id), Candidate(other, entry, evidence))
    return [found[key] for key in sorted(found)]
