"""Finding the pairs worth comparing by look-ups, so matching stays fast on full lists.

Comparing every entry of a list with every entity already in the graph grows with the product of
their sizes, and most pairs have nothing in common. A `Matcher` instead indexes the entities it
knows (the curated nodes, then each list's entries once that list is matched) by keys:
- each part of each name (particles and one-letter initials left out), as written and as it
  sounds (its metaphone: Soleimani and Soleymani are both SLMN);
- each document number (csn.loaders.resolution.identifiers);
- each full birth date;
- each whole name, as its set of parts.
An entry is compared (csn.loaders.resolution.matching.compare_profiles) with the known entities
of its own kind that share with it a document number, a full birth date, a whole name, or two
name parts (one when either has a one-word name) of which one at least is not common. A part is
common when more than COMMON_PART known entities hold it (Mohammed, Kim, Trading in full lists):
two people who share only common parts are compared only if a date, a document or their whole
name brings them together, so that a list of common names does not make every pair. Parts held
by more than TOO_COMMON are not looked up at all.

>>> from csn.graph.model import Node
>>> matcher = Matcher([Node("a", "Person", "KATANGA, Germain", {"birth_dates": ["1978-04-28"]})])
>>> [c.evidence.verdict for c in matcher.candidates([Node("b", "Person", "GERMAIN KATANGA",
...                                                       {"birth_dates": ["1978-04-28"]})])]
['same']
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Iterable

from rigour.text import is_stopword, metaphone

from csn.graph.model import Node, normalise_name
from csn.loaders.resolution.matching import ACTORS, Candidate, Profile, compare_profiles, same_kind

COMMON_PART = 50  # a part held by more known entities finds no one alone
TOO_COMMON = 2_000  # a part held by more is not looked up at all
_WORD = re.compile(r"[^\W_]+")


class Matcher:
    """Known entities, indexed to find the ones an entry may be."""

    def __init__(self, known: Iterable[Node] = ()):
        self.known: list[Profile] = []
        self.by_part: dict[str, list[int]] = defaultdict(list)
        self.by_key: dict[tuple[str, str], list[int]] = defaultdict(list)
        self.one_word: set[int] = set()
        self.add(known)

    def add(self, nodes: Iterable[Node]) -> None:
        """Index more known entities (those matching does not compare are left out)."""
        for node in nodes:
            if node.label not in ACTORS:
                continue
            index = len(self.known)
            profile = Profile(node)
            self.known.append(profile)
            names = name_words(node)
            for keys in _part_keys(names).values():
                for part_key in keys:
                    self.by_part[part_key].append(index)
            for key in _other_keys(profile, names):
                self.by_key[key].append(index)
            if any(len(words) == 1 for words in names):
                self.one_word.add(index)

    def candidates(self, entries: Iterable[Node]) -> list[Candidate]:
        """Pairs of an entry and a known entity that may be one (their verdict is `same` or
        `candidate`; `apart` ones are left out), with their evidence, ordered by the known
        entity's id, then the entry's."""
        found: dict[tuple[str, str], Candidate] = {}
        for entry in entries:
            if entry.label not in ACTORS:
                continue
            profile = Profile(entry)
            for index in self._look_up(profile):
                other = self.known[index]
                if other.node.id == entry.id or not same_kind(other.node, entry):
                    continue
                evidence = compare_profiles(other, profile, keep_apart=False)
                if evidence is not None:
                    found.setdefault((other.node.id, entry.id), Candidate(other.node, entry, evidence))
        return [found[key] for key in sorted(found)]

    def _look_up(self, profile: Profile) -> set[int]:
        """The known entities that share enough keys with `profile` to be compared."""
        names = name_words(profile.node)
        shared_parts: Counter[int] = Counter()
        shared_rare: set[int] = set()
        for keys in _part_keys(names).values():
            hits: set[int] = set()
            rare = True
            for part_key in keys:
                posting = self.by_part.get(part_key, ())
                rare = rare and len(posting) <= COMMON_PART
                if len(posting) <= TOO_COMMON:
                    hits.update(posting)
            shared_parts.update(hits)
            if rare:
                shared_rare.update(hits)
        one_word = any(len(words) == 1 for words in names)
        chosen = {i for i in shared_rare if shared_parts[i] >= 2 or one_word or i in self.one_word}
        for key in _other_keys(profile, names):
            chosen.update(self.by_key.get(key, ()))
        return chosen


def name_words(node: Node) -> list[frozenset[str]]:
    """The words of each name of a node, as look-ups compare them: case and accents folded,
    apostrophes dropped, particles left out ('MILAD, Abd al-Rahman' -> abd, milad, rahman).
    Much cheaper than rigour's full reading of names, which only the pairs compared need; names
    in other scripts are not transliterated here, so they find names in their own script (and
    any Latin alias finds Latin names)."""
    found = []
    for name in [node.name, *node.aliases]:
        folded = normalise_name(name).replace("'", "").replace("\u2019", "")
        words = frozenset(w for w in _WORD.findall(folded) if not is_stopword(w))
        if words:
            found.append(words)
    return found


def _part_keys(names: list[frozenset[str]]) -> dict[str, set[str]]:
    """Each word of the names (two letters or more), with its look-up keys: the word as written
    and as it sounds."""
    parts: dict[str, set[str]] = {}
    for word in frozenset().union(*names) if names else ():
        if len(word) < 2:
            continue
        keys = {f"w:{word}"}
        sound = metaphone(word) if word.isascii() and word.isalpha() else ""
        if len(sound) >= 2:
            keys.add(f"s:{sound}")
        parts[word] = keys
    return parts


def _other_keys(profile: Profile, names: list[frozenset[str]]) -> set[tuple[str, str]]:
    """The profile's document numbers, full birth dates and whole names, as look-up keys."""
    keys = {("document", d.number) for d in profile.documents}
    keys |= {("born", d) for d in profile.birth_dates if len(d) == 10}
    keys |= {("name", " ".join(sorted(words))) for words in names}
    return keys
