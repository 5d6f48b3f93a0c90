"""Which list entries may be the same entity as a curated node or another list's entry, and why.

Two entities are compared only if both are people or both organisations. What is compared is
made alike first:
- names, part by part, tolerating extra parts, word order and spelling variants
  (csn.loaders.resolution.names, on OpenSanctions' rigour);
- nationalities as country codes ("Korea, North" and "Democratic People's Republic of Korea" are
  both `kp`: csn.loaders.resolution.countries);
- identity and registration documents by kind, number and issuing country
  (csn.loaders.resolution.identifiers);
- birth dates as the lists give them, at their own precision (`1962`, `1962-11`, `1962-11-23`).

The evidence on a pair:
- names: `same words`, `words within`, `similar`, `one word` (see names.py), or `different`;
- birth dates: `agree` (a full date in common), `close` (full dates one day apart, or with day
  and month swapped), `same year` (a year or a month that holds a date of the other), `disagree`
  or `unknown` (one has none);
- nationalities: `agree` (a country in common), `disagree` or `unknown`;
- shared identifiers: the documents both hold.

The verdict:
- `same`, merged by the import without asking: a shared document, names that match at all, and
  neither birth dates nor nationalities that disagree; or, without one, the same words in a name
  (two parts at least, every part of both spelt the same or nearly so: see names.py) and a full
  birth date in common, nationalities not disagreeing;
- `apart`, not even proposed: no shared document, and birth dates or nationalities that
  disagree (a name alone never merges people, nor keeps them in review);
- `candidate`, for a person to decide in seed/resolutions.yaml (`csn resolve`): anything else,
  such as a shared document with names that differ, names within one another, spelling variants,
  a year that holds the other's full date, dates a day apart, or one-word names.

A name alone therefore never merges: two 'Juan Carlos López' without a birth date or a document
stay two nodes until someone decides, and two with the same birth date but different countries
stay apart.

Candidates are found by look-ups, never by comparing every pair (csn.loaders.resolution.blocking):
the known entities are indexed by their name parts (as written and as they sound), document
numbers, full birth dates and whole names; an entry is compared with those sharing two name
parts of which one is not common (one for a one-word name), a document number, a full birth
date or a whole name.

>>> maduro = Node("nicolas-maduro", "Person", "Nicolás Maduro")
>>> entry = Node("ofac-sdn-22790", "Person", "MADURO MOROS, Nicolas", {"birth_dates": ["1962-11-23"]})
>>> compare(maduro, entry).verdict
'candidate'
>>> namesake = Node("ofac-sdn-1", "Person", "Nicolas Maduro", {"birth_dates": ["1990-06-21"]})
>>> compare(entry, namesake).verdict
'apart'
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cached_property

from csn.graph.model import Node
from csn.graph.names import PERSON
from csn.graph.schema import SCHEMA
from csn.loaders.resolution.countries import country_codes
from csn.loaders.resolution.identifiers import Document, documents, shared
from csn.loaders.resolution.names import NameForm, compare_names, name_forms

ACTORS = SCHEMA.labels_with_role("person", "state", "criminal", "other")


@dataclass(frozen=True)
class Evidence:
    """What two entities' records say about whether they are one."""

    names: str  # "same words", "words within", "similar", "one word" or "different"
    birth_dates: str  # "agree", "close", "same year", "disagree" or "unknown"
    nationalities: str  # "agree", "disagree" or "unknown"
    shared_identifiers: tuple[str, ...]
    name_score: float = 0.0  # how much of the shorter matching name the other holds, 0 to 1
    matched_names: tuple[str, str] = ("", "")  # the two names (or aliases) that match best

    @property
    def verdict(self) -> str:
        disagree = "disagree" in (self.birth_dates, self.nationalities)
        if self.shared_identifiers:
            return "same" if self.names != "different" and not disagree else "candidate"
        if disagree:
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
        matched = f" ({self.name_score:.2f}: {self.matched_names[0]!r} / {self.matched_names[1]!r})"
        shared_ids = (
            f"; shared identifiers: {', '.join(self.shared_identifiers)}" if self.shared_identifiers else ""
        )
        return (
            f"names: {self.names}{matched if self.names != 'different' else ''}; "
            f"birth dates: {self.birth_dates}; nationalities: {self.nationalities}{shared_ids}"
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


class Profile:
    """A node as matching reads it: its names analysed, countries as codes, documents parsed.
    Each is worked out once, when first needed."""

    def __init__(self, node: Node):
        self.node = node
        self.person = node.label == PERSON

    @cached_property
    def names(self) -> list[NameForm]:
        return name_forms([self.node.name, *self.node.aliases], person=self.person)

    @cached_property
    def birth_dates(self) -> tuple[str, ...]:
        return tuple(self.node.properties.get("birth_dates") or ())

    @cached_property
    def countries(self) -> frozenset[str]:
        return country_codes(self.node.properties.get("nationalities") or ())

    @cached_property
    def documents(self) -> list[Document]:
        return documents(self.node.properties.get("identifiers") or ())


def same_kind(a: Node, b: Node) -> bool:
    """Both people, or both organisations of any label matching compares."""
    return a.label in ACTORS and b.label in ACTORS and (a.label == PERSON) == (b.label == PERSON)


def compare(a: Node, b: Node) -> Evidence | None:
    """The evidence on two entities, or None if their kinds differ, or if neither a name nor a
    document of theirs matches."""
    if not same_kind(a, b):
        return None
    return compare_profiles(Profile(a), Profile(b))


def compare_profiles(a: Profile, b: Profile, keep_apart: bool = True) -> Evidence | None:
    """`compare` on profiles, which keep what they worked out for the next comparison. Without
    `keep_apart`, a pair that would be `apart` is None too, found out as cheaply as can be: birth
    dates first, then names, then nationalities."""
    ids = tuple(sorted({x.written for x, _ in shared(a.documents, b.documents)}))
    dates = birth_dates(a.birth_dates, b.birth_dates)
    if not keep_apart and not ids and dates == "disagree":
        return None
    match = compare_names(a.names, b.names)
    if match is None and not ids:
        return None
    countries = nationalities(a.countries, b.countries)
    if not keep_apart and not ids and countries == "disagree":
        return None
    return Evidence(
        names=match.kind if match else "different",
        birth_dates=dates,
        nationalities=countries,
        shared_identifiers=ids,
        name_score=match.score if match else 0.0,
        matched_names=(match.a, match.b) if match else ("", ""),
    )


def birth_dates(a: Iterable[str], b: Iterable[str]) -> str:
    """How two entities' birth dates (ISO, at any precision) compare.

    >>> birth_dates(["1969-11-08"], ["1969-11-07"]), birth_dates(["1988-07-05"], ["1988-05-07"])
    ('close', 'close')
    >>> birth_dates(["1962"], ["1962-11-23"]), birth_dates(["1962-11-23"], ["1962-11-24", "1962-11-23"])
    ('same year', 'agree')
    """
    dates_a, dates_b = set(a), set(b)
    if not dates_a or not dates_b:
        return "unknown"
    full_a, full_b = {d for d in dates_a if len(d) == 10}, {d for d in dates_b if len(d) == 10}
    if full_a & full_b:
        return "agree"
    if any(_close(x, y) for x in full_a for y in full_b):
        return "close"
    if any(x.startswith(y) or y.startswith(x) for x in dates_a for y in dates_b):
        return "same year"
    return "disagree"


def nationalities(a: frozenset[str], b: frozenset[str]) -> str:
    """How two sets of country codes compare: `unknown` when either is empty."""
    if not a or not b:
        return "unknown"
    return "agree" if a & b else "disagree"


def _close(x: str, y: str) -> bool:
    """Two full dates one day apart, or one the other with day and month swapped."""
    try:
        first, second = datetime.date.fromisoformat(x), datetime.date.fromisoformat(y)
    except ValueError:
        return False
    swapped = first.year == second.year and (first.month, first.day) == (second.day, second.month)
    return abs((first - second).days) == 1 or swapped
