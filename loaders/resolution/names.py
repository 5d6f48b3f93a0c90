"""How alike two entities' names are: part by part, tolerating extra parts and spelling variants.

Names are read with rigour, OpenSanctions' name library, the one its matcher (nomenklatura's
logic-v2, behind yente) is built on. `analyze_names` splits a name into parts (`HUWAYSH,
Abd-al-Tawab Mullah` -> huwaysh, abd, al, tawab, mullah), folds case, accents and apostrophes
(`CH'OE So'k-min` and `CH'OE SO’K MIN` give the same parts) and tags particles such as al, de
and la as stop words; for organisations it also makes legal forms one word (Limited, Ltd. ->
ltd) and marks generic words with symbols (Corporation ~ Corp.). `compare_parts` scores the
parts of two names against each other by an edit distance that counts confusable letters as
cheap, lets one part be split in two (Nkundabatware, Nkunda Batware) and refuses pairs too far
apart to be one spelling (Tawwab and Tawab 0.83; Jamal and Kamal 0.64).

What csn does not take from OpenSanctions, and why:
- nomenklatura's `name_match` (its comparer of whole names) scores followthemoney entities, gives
  one number where csn needs to know how two names agree (a merge needs every part to agree),
  and brings scikit-learn, SciPy and DuckDB with it; csn scores parts itself with rigour's pieces;
- rigour's tagger of person names (Wikidata's spellings of given names, Mohammed ~ Muhammad) takes
  about 6 s of CPU and 380 MB to build in each process, at every `csn import`. In its place, two
  parts that sound the same (the same metaphone, rigour's too: Mohammed and Muhammad are both
  MHMT, Soleimani and Soleymani SLMN) count as variants: enough to propose a pair, never to merge
  one. On the evaluation (benchmarks/matching.py) the tagger changed no figure.

Two names (one of each entity, its name or any alias; weak aliases are never compared) are
scored part by part: a part the same as a part of the other scores 1, one spelt nearly the same
rigour's score (an *agreeing* part scores AGREES or more), a part that sounds the same VARIANT,
a part with no counterpart 0. Particles count only in a name made of nothing else. Initials stay
parts of their own ("A.W.A." is the part `awa`) and must agree like any other. Some parts tell
names apart less than others: in an organisation's name, its legal form, the words rigour knows
as generic (Trading, Corporation, International) and the names of countries; they count in the
scores but not as the two alike parts a `similar` match needs, so "KOREA TANGUN TRADING
CORPORATION" and "KOREA HYOKSIN TRADING CORPORATION" do not match, and a name made of nothing
else ("INTERNATIONAL CO., LTD.") is within no other. The match of the
two names is then, best first:
- `same words`: every part of both agrees, two parts at least (word order, commas and particles
  do not matter: "Maria de Lopez" and "LOPEZ, Maria");
- `words within`: every part of the shorter agrees with one of the longer, which has more, two
  parts at least ("MILAD, Abd al-Rahman" within "Abd Al-Rahman SALIM IBRAHIM AL-MILAD");
- `similar`: the shorter name's parts score SIMILAR or more on average, each of its telling parts
  has a counterpart however spelt, and two telling parts at least agree or sound the same on
  both sides (transliterations: "ABD-AL-TAWWAB MULLAH HUWAYSH" and
  "HUWAYSH, Abd-al-Tawab Mullah", 0.96; "Mohammed Ahmed Hassan" and "Muhammad Ahmad Hasan");
- `one word`: two one-part names that agree ("NZERI" and "Nzeri").
Anything less is no match. The match of two entities is the best of all their pairs of names.

>>> match = compare_names(name_forms(["MILAD, Abd al-Rahman"]),
...                       name_forms(["Abd Al-Rahman SALIM IBRAHIM AL-MILAD"]))
>>> match.kind, match.score
('words within', 1.0)
>>> compare_names(name_forms(["A.W.A. ENGINEERING"], person=False),
...               name_forms(["T.M.G. ENGINEERING"], person=False)) is None
True
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from rigour.names import (
    Name,
    NamePart,
    NamePartTag,
    NameTypeTag,
    SymbolCategory,
    align_person_name_order,
    analyze_names,
    compare_parts,
    pair_symbols,
)

from csn.loaders.resolution.countries import country_code

AGREES = 0.85  # Juan and Juana score 0.8, Yasir and Yassir 0.83: an agreeing part is nearer than these
VARIANT = 0.8  # two parts that sound the same: counted for `similar`, never agreeing
SYMBOL = 0.9  # two generic words of organisations with one meaning (Corporation, Corp.)
SIMILAR = 0.75  # three parts of four
GENERIC = frozenset({SymbolCategory.ORG_CLASS, SymbolCategory.SYMBOL})  # in organisations' names
KINDS = ("one word", "similar", "words within", "same words")  # weakest first


@dataclass(frozen=True)
class NameForm:
    """One name of an entity as rigour reads it, with what comparing it needs."""

    written: str
    name: Name
    parts: tuple[NamePart, ...]  # the parts compared: particles only in a name of nothing else
    words: frozenset[str]  # their comparable forms
    sounds: frozenset[str]  # their metaphones
    telling: frozenset[NamePart]  # the parts that tell it apart from other names (see _telling)
    size: int = 0  # how many different parts it has
    keys: frozenset[str] = frozenset()  # its parts' forms and sounds, for a quick first look

    def anchored(self, other: NameForm) -> int:
        """How many of this name's parts are written, or sound, as a part of `other`."""
        return sum(1 for p in self.parts if p.comparable in other.words or p.metaphone in other.sounds)


@dataclass(frozen=True)
class NameMatch:
    """How two entities' best pair of names agree, and which names they are."""

    kind: str
    score: float
    a: str
    b: str

    @property
    def rank(self) -> tuple[int, float]:
        return KINDS.index(self.kind), self.score


def name_forms(names: Iterable[str], person: bool = True) -> list[NameForm]:
    """The names of `names` that have a part to compare, each set of parts once, read as a
    person's or as an organisation's names."""
    tag = NameTypeTag.PER if person else NameTypeTag.ORG
    forms: dict[frozenset[str], NameForm] = {}
    for text in dict.fromkeys(n for n in names if n and n.strip()):
        # symbols: for organisations only (see the module's docstring)
        for name in analyze_names(tag, [text], consolidate=False, symbols=not person):
            parts = tuple(p for p in name.parts if p.tag != NamePartTag.STOP) or name.parts
            words = frozenset(p.comparable for p in parts if p.comparable)
            if words and words not in forms:
                sounds = frozenset(p.metaphone for p in parts if p.metaphone and len(p.metaphone) >= 2)
                keys = words | {f"~{sound}" for sound in sounds}
                forms[words] = NameForm(
                    text, name, parts, words, sounds, _telling(name, parts), len(words), keys
                )
    return list(forms.values())


def _telling(name: Name, parts: tuple[NamePart, ...]) -> frozenset[NamePart]:
    """The parts that tell a name apart from others: for a person all of them; for an
    organisation not its legal form, generic words (Trading, Corporation, International) nor the
    name of a country (Korea, Iran); none for a name of nothing else."""
    if name.tag == NameTypeTag.PER:
        return frozenset(parts)
    generic = {p for span in name.spans if span.symbol.category in GENERIC for p in span.parts}
    generic.update(p for p in parts if len(p.comparable) >= 4 and country_code(p.comparable))
    return frozenset(p for p in parts if p not in generic)


def compare_names(a: list[NameForm], b: list[NameForm]) -> NameMatch | None:
    """The best match of a name of `a` with a name of `b`, or None if no pair matches.

    Only names with two parts (one for a one-word name) written or sounding the same are scored:
    the others could not match unless two parts were spelt alike without sounding alike."""
    for x in a:
        for y in b:
            if x.words == y.words and x.size >= 2:  # the same parts: nothing to score
                return NameMatch("same words", 1.0, x.written, y.written)
    best: NameMatch | None = None
    for x in a:
        for y in b:
            if x.keys.isdisjoint(y.keys):
                continue
            needed = min(2, x.size, y.size)
            if x.anchored(y) < needed or y.anchored(x) < needed:
                continue
            found = _match(x, y)
            if found is not None and (best is None or found.rank > best.rank):
                best = found
                if found.kind == "same words":
                    return best
    return best


def _match(x: NameForm, y: NameForm) -> NameMatch | None:
    scores_x, scores_y = _part_scores(x.name, y.name)
    values_x = [scores_x.get(p, 0.0) for p in x.parts]
    values_y = [scores_y.get(p, 0.0) for p in y.parts]
    all_x, all_y = all(v >= AGREES for v in values_x), all(v >= AGREES for v in values_y)
    score = round(max(sum(values_x) / len(values_x), sum(values_y) / len(values_y)), 2)
    if all_x and all_y:
        kind = "same words" if min(len(x.parts), len(y.parts)) >= 2 else "one word"
        return NameMatch(kind, score, x.written, y.written)
    if (all_x and len(x.parts) >= 2 and x.telling) or (all_y and len(y.parts) >= 2 and y.telling):
        return NameMatch("words within", score, x.written, y.written)
    alike_x = sum(1 for p, v in zip(x.parts, values_x, strict=True) if v >= VARIANT and p in x.telling)
    alike_y = sum(1 for p, v in zip(y.parts, values_y, strict=True) if v >= VARIANT and p in y.telling)
    # every telling part of the shorter name has some counterpart, however spelt
    matched_x = all(v > 0 for p, v in zip(x.parts, values_x, strict=True) if p in x.telling)
    matched_y = all(v > 0 for p, v in zip(y.parts, values_y, strict=True) if p in y.telling)
    shorter = (matched_x if len(x.parts) <= len(y.parts) else False) or (
        matched_y if len(y.parts) <= len(x.parts) else False
    )
    if score >= SIMILAR and min(alike_x, alike_y) >= 2 and shorter:
        return NameMatch("similar", score, x.written, y.written)
    return None


def _part_scores(x: Name, y: Name) -> tuple[dict[NamePart, float], dict[NamePart, float]]:
    """The score of each part of `x` and of `y`, under the pairing of symbols that scores best
    (organisations' names only have symbols)."""
    best: tuple[float, dict[NamePart, float], dict[NamePart, float]] = (-1.0, {}, {})
    for edges in pair_symbols(x, y):
        scores_x: dict[NamePart, float] = {}
        scores_y: dict[NamePart, float] = {}
        for edge in edges:
            value = 1.0 if edge.qstr == edge.rstr else SYMBOL
            for part in edge.qps:
                scores_x[part] = max(scores_x.get(part, 0.0), value)
            for part in edge.rps:
                scores_y[part] = max(scores_y.get(part, 0.0), value)
        rest_x = [p for p in x.parts if p not in scores_x]
        rest_y = [p for p in y.parts if p not in scores_y]
        if rest_x and rest_y:
            _score_rest(rest_x, rest_y, scores_x, scores_y, x.tag == NameTypeTag.PER)
        total = sum(scores_x.values()) + sum(scores_y.values())
        if total > best[0]:
            best = (total, scores_x, scores_y)
    return best[1], best[2]


def _score_rest(
    rest_x: list[NamePart],
    rest_y: list[NamePart],
    scores_x: dict[NamePart, float],
    scores_y: dict[NamePart, float],
    person: bool,
) -> None:
    """Score the parts no symbol paired: by rigour's distance, then, for the parts left over or
    scoring less than VARIANT, by their sound."""
    if person:
        rest_x, rest_y = align_person_name_order(rest_x, rest_y)
    for aligned in compare_parts(rest_x, rest_y):
        if not (aligned.qps and aligned.rps):
            continue
        score = aligned.score
        if (
            len(aligned.qps) == len(aligned.rps) == 1
            and score < VARIANT
            and _sound_alike(*aligned.qps, *aligned.rps)
        ):
            score = VARIANT
        for part in aligned.qps:
            scores_x[part] = score
        for part in aligned.rps:
            scores_y[part] = score
    unmatched_y = [p for p in rest_y if scores_y.get(p, 0.0) == 0.0]
    for part in rest_x:
        if scores_x.get(part, 0.0) > 0.0:
            continue
        other = next((p for p in unmatched_y if _sound_alike(part, p)), None)
        if other is not None:
            scores_x[part] = scores_y[other] = VARIANT
            unmatched_y.remove(other)


def _sound_alike(a: NamePart, b: NamePart) -> bool:
    """Two parts of two letters or more with the same metaphone."""
    return bool(a.metaphone) and a.metaphone == b.metaphone and len(a.metaphone or "") >= 2
