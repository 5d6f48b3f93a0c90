"""The reference of the matching benchmark: UN–OFAC person pairs found without csn's own code.

The two matching cuts of ../shared/data (`ofac-sdn-2021-matching-dev/` and
`un-sc-consolidated-2026-02-27-matching-dev.xml`) are read here with the standard library only
(csv, xml.etree), not with csn's readers, so a bug in a reader cannot hide a pair from the
evaluation. An OFAC individual and a UN individual are *proposed* as one person when:
- they give the same full birth date (`DOB 28 Apr 1978` in OFAC's remarks, a `DATE` in the UN's
  `INDIVIDUAL_DATE_OF_BIRTH`; any of their dates), and
- one of their names (primary names and every alias, of any quality) agrees strongly with one of
  the other's: after folding case and accents and splitting at anything but letters and digits,
  the words of one hold at least NAME_OVERLAP of the other's, or the two sorted word lists are at
  least NAME_OVERLAP alike by difflib's ratio.

Each proposal was then read by hand once (names, aliases, dates, places of birth, nationalities,
documents, remarks) and kept in benchmarks/matching_reference.csv with `same` yes or no and a note:
that checked file, not these rules, is the reference. Rows whose `found_by` is `merge review` are
automatic merges of the matcher that the rules above do not propose (no full birth date in
common), read by hand the same way; they count for precision, never for recall.

    python -m benchmarks.matching --propose new.csv   # proposals the checked file lacks
"""

from __future__ import annotations

import csv
import difflib
import io
import re
import unicodedata
import xml.etree.ElementTree as ET
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

REFERENCE = Path(__file__).with_name("matching_reference.csv")
COLUMNS = ("ofac_id", "un_id", "ofac_name", "un_name", "birth_date", "same", "found_by", "note")
NAME_OVERLAP = 0.8
MONTHS = {
    m: i
    for i, m in enumerate(
        ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"), 1
    )
}
OFAC_DOB = re.compile(r"DOB (\d{1,2}) ([A-Za-z]{3})[a-z]* (\d{4})(?! to)")
OFAC_AKA = re.compile(r"a\.k\.a\. '([^']+)'")


@dataclass(frozen=True)
class Person:
    """One individual of either list: its id as csn names it, its names and its full birth dates."""

    id: str
    names: tuple[str, ...]
    birth_dates: frozenset[str]


@dataclass(frozen=True)
class Pair:
    """A checked (or proposed) pair of the reference."""

    ofac_id: str
    un_id: str
    ofac_name: str
    un_name: str
    birth_date: str
    same: str  # "yes", "no", or "" while unchecked
    found_by: str  # "same birth date" or "merge review"
    note: str


def words(name: str) -> list[str]:
    """'CH'OE, So'k-min' -> ['ch', 'oe', 'so', 'k', 'min']."""
    decomposed = unicodedata.normalize("NFKD", name)
    folded = "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()
    return re.sub(r"[^a-z0-9]+", " ", folded).split()


def name_agreement(a: list[str] | tuple[str, ...], b: list[str] | tuple[str, ...]) -> tuple[float, str, str]:
    """The best agreement between a name of `a` and a name of `b`, with the two names."""
    best = (0.0, "", "")
    for x in a:
        wx = words(x)
        for y in b:
            wy = words(y)
            if not wx or not wy:
                continue
            overlap = len(set(wx) & set(wy)) / min(len(set(wx)), len(set(wy)))
            ratio = difflib.SequenceMatcher(None, " ".join(sorted(wx)), " ".join(sorted(wy))).ratio()
            score = max(overlap, ratio)
            if score > best[0]:
                best = (score, x, y)
    return best


def read_ofac_people(folder: Path) -> dict[str, Person]:
    """The individuals of an OFAC SDN trio (sdn.csv, alt.csv), by csn's id `ofac-sdn-ENT_NUM`."""
    aliases: dict[str, list[str]] = defaultdict(list)
    for row in _csv_rows(folder / "alt.csv", 5):
        aliases[row[0]].append(row[3].strip())
    people = {}
    for row in _csv_rows(folder / "sdn.csv", 12):
        if row[2].strip() != "individual":
            continue
        remarks = row[11]
        dates = {f"{y}-{MONTHS[m.lower()]:02d}-{int(d):02d}" for d, m, y in OFAC_DOB.findall(remarks)}
        names = (row[1].strip(), *aliases[row[0]], *OFAC_AKA.findall(remarks))
        people[f"ofac-sdn-{row[0]}"] = Person(f"ofac-sdn-{row[0]}", names, frozenset(dates))
    return people


def read_un_people(path: Path) -> dict[str, Person]:
    """The individuals of a UN consolidated list, by csn's id `un-<reference, lower case, - for .>`."""
    people = {}
    root = ET.parse(path).getroot()
    for individual in root.iter("INDIVIDUAL"):
        parts = ("FIRST_NAME", "SECOND_NAME", "THIRD_NAME", "FOURTH_NAME")
        name = " ".join(" ".join((individual.findtext(p) or "").split()) for p in parts).strip()
        name = " ".join(name.split())
        aliases = [
            " ".join((a.findtext("ALIAS_NAME") or "").split()) for a in individual.iter("INDIVIDUAL_ALIAS")
        ]
        dates = {
            (d.findtext("DATE") or "")[:10]
            for d in individual.iter("INDIVIDUAL_DATE_OF_BIRTH")
            if (d.findtext("DATE") or "").strip()
        }
        reference = (individual.findtext("REFERENCE_NUMBER") or "").strip()
        key = "un-" + re.sub(r"[^a-z0-9]+", "-", reference.casefold()).strip("-")
        people[key] = Person(key, (name, *(a for a in aliases if a)), frozenset(dates))
    return people


def propose(ofac: dict[str, Person], un: dict[str, Person]) -> list[Pair]:
    """Every UN–OFAC pair with a full birth date in common and strong name agreement, unchecked."""
    by_date: dict[str, list[Person]] = defaultdict(list)
    for person in ofac.values():
        for date in person.birth_dates:
            by_date[date].append(person)
    found: dict[tuple[str, str], Pair] = {}
    for listed in un.values():
        for date in sorted(listed.birth_dates):
            for other in by_date.get(date, ()):
                score, ofac_name, un_name = name_agreement(other.names, listed.names)
                if score >= NAME_OVERLAP and (other.id, listed.id) not in found:
                    agreeing = f"names that agree: '{ofac_name}' / '{un_name}'"
                    found[other.id, listed.id] = Pair(
                        other.id,
                        listed.id,
                        other.names[0],
                        listed.names[0],
                        date,
                        "",
                        "same birth date",
                        agreeing,
                    )
    return sorted(found.values(), key=lambda p: (p.un_id, p.ofac_id))


def read_reference(path: Path = REFERENCE) -> list[Pair]:
    """The checked pairs. Raises ValueError on a row without a yes/no verdict."""
    with path.open(encoding="utf-8", newline="") as file:
        pairs = [Pair(**{k: row[k] for k in COLUMNS}) for row in csv.DictReader(file)]
    unchecked = [f"{p.ofac_id} / {p.un_id}" for p in pairs if p.same not in ("yes", "no")]
    if unchecked:
        raise ValueError(f"{path.name}: rows without a 'same' of yes or no: {', '.join(unchecked)}")
    return pairs


def write_pairs(path: Path, pairs: list[Pair]) -> None:
    with path.open("w", encoding="utf-8", newline="") as file:
        writer = csv.writer(file, lineterminator="\n")
        writer.writerow(COLUMNS)
        for pair in pairs:
            writer.writerow([getattr(pair, column) for column in COLUMNS])


def _csv_rows(path: Path, width: int) -> list[list[str]]:
    """The rows of an OFAC CSV file (Latin-1, no header, a 0x1A byte at the end) of `width` fields."""
    text = path.read_bytes().decode("latin-1").rstrip("\x1a")
    return [row for row in csv.reader(io.StringIO(text, newline="")) if len(row) == width]
