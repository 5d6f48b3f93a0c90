"""The reviewable record of which list entries are the same real-world entity: `seed/resolutions.yaml`.

Each decision names two ids (a curated node and a list entry, or entries of two lists), says
whether they are the same, who decided and why:

    decisions:
      - a: nicolas-maduro
        b: ofac-sdn-22790
        same: true
        by: csn maintainers
        date: 2026-12-01
        why: "Same name; OFAC's entry calls him President of Venezuela; DOB 23 Nov 1962."

A `same: true` decision merges the two whenever both are in the graph; `same: false` keeps them
apart even if the automatic rule (csn.loaders.resolution.matching) would merge them. `csn resolve` lists the
candidate pairs and records decisions here; every import applies them.

>>> decisions = read_resolutions(Path("seed/resolutions.yaml"))
>>> any(d.pair == ("nicolas-maduro", "ofac-sdn-22790") and d.same for d in decisions)
True
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from csn.graph.errors import DataError, Problem
from csn.graph.schema import ID_PATTERN
from csn.loaders.curated.text import control_characters
from csn.loaders.curated.yaml_lines import line_of, parse_yaml
from csn.loaders.storage.user_files import update_text

RESOLUTIONS_FILE = "resolutions.yaml"
FIELDS = ("a", "b", "same", "by", "date", "why")
HEADER = """\
# Which entries of official lists are the same real-world entity as a curated node, or as an entry
# of another list. Every import applies these decisions (see loaders/resolution/resolutions.py); `csn resolve`
# lists candidate pairs with their evidence and adds decisions here. Review them like code.
"""


@dataclass(frozen=True)
class Decision:
    """Whether `a` and `b` are the same entity, who decided, when and why."""

    a: str
    b: str
    same: bool
    by: str
    date: str
    why: str

    @property
    def pair(self) -> tuple[str, str]:
        """The two ids in a stable order, so a decision is found whichever way it was written."""
        return (self.a, self.b) if self.a <= self.b else (self.b, self.a)


def resolutions_file(seed: Path) -> Path:
    """The decisions file of a seed folder (beside a seed file given alone)."""
    return (seed if seed.is_dir() else seed.parent) / RESOLUTIONS_FILE


def read_resolutions(path: Path) -> list[Decision]:
    """The decisions in `path`, or none if it does not exist.

    Raises DataError naming the file, line and field of every malformed decision, and of a
    pair decided twice.
    """
    if not path.exists():
        return []
    return parse_resolutions(path.read_text(encoding="utf-8"), path)


def parse_resolutions(text: str, path: Path) -> list[Decision]:
    """The decisions in `text`, the content of `path` (named in errors); see read_resolutions."""
    try:
        raw = parse_yaml(text)
    except yaml.YAMLError as error:
        raise DataError([Problem(str(path), "-", "-", f"not valid YAML: {error}")]) from None
    entries = raw.get("decisions") or [] if isinstance(raw, dict) else None
    if not isinstance(entries, list):
        raise DataError([Problem(str(path), "-", "decisions", "the file must hold a list 'decisions'")])
    problems: list[Problem] = []
    decisions: list[Decision] = []
    seen: dict[tuple[str, str], int] = {}
    for number, entry in enumerate(entries, start=1):
        decision = _decision(str(path), number, entry, problems)
        if decision is None:
            continue
        if decision.pair in seen:
            message = (
                f"the pair {decision.a} / {decision.b} is already decided in decision {seen[decision.pair]}"
            )
            problems.append(Problem(str(path), f"decision {number}", "b", message, line_of(entry)))
            continue
        seen[decision.pair] = number
        decisions.append(decision)
    if problems:
        raise DataError(problems)
    return decisions


def _decision(file: str, number: int, entry: Any, problems: list[Problem]) -> Decision | None:
    record, line = f"decision {number}", line_of(entry)
    if not isinstance(entry, dict):
        problems.append(Problem(file, record, "-", "a decision must be a mapping", line))
        return None
    found = len(problems)
    for field in FIELDS:
        if entry.get(field) in (None, ""):
            problems.append(Problem(file, record, field, "missing", line))
    for field in sorted(set(entry) - set(FIELDS)):
        problems.append(
            Problem(file, record, str(field), f"unknown field; allowed: {', '.join(FIELDS)}", line)
        )
    for field in ("a", "b"):
        value = entry.get(field)
        if value is not None and not (isinstance(value, str) and ID_PATTERN.fullmatch(value)):
            problems.append(Problem(file, record, field, f"'{value}' is not an id", line))
    if not isinstance(entry.get("same", False), bool):
        problems.append(Problem(file, record, "same", "must be true or false", line))
    date = entry.get("date")
    if isinstance(date, dt.date):
        date = date.isoformat()
    for field, message in control_characters({k: entry.get(k) for k in ("by", "why")}):
        problems.append(Problem(file, record, field, message, line))
    if len(problems) > found:
        return None
    return Decision(entry["a"], entry["b"], entry["same"], str(entry["by"]), str(date), str(entry["why"]))


def append_decision(path: Path, decision: Decision) -> None:
    """Add a decision at the end of the file (created with its header if absent), keeping every
    earlier line as it was, and return once it is on disk.

    The decision is added to what the file holds when this writer has it to itself
    (csn.loaders.storage.user_files), so decisions recorded at once by several commands are all kept.
    Raises DataError if the pair is already decided, the decision holds a control character (a
    line break) or the file is malformed (nothing written), FileBusy if another command holds the
    file too long.
    """
    said = {"by": decision.by, "why": decision.why}
    problems = [Problem(str(path), "-", field, message) for field, message in control_characters(said)]
    if problems:
        raise DataError(problems)

    def added(text: str | None) -> str:
        text = HEADER + "decisions:\n" if text is None or not text.strip() else text
        if any(d.pair == decision.pair for d in parse_resolutions(text, path)):
            message = f"the pair {decision.a} / {decision.b} is already decided; edit the file to change it"
            raise DataError([Problem(str(path), "-", "b", message)])
        entry = yaml.safe_dump(
            [{field: getattr(decision, field) for field in FIELDS}],
            allow_unicode=True,
            sort_keys=False,
            width=100,
        )
        indented = "".join(f"  {line}" if line.strip() else line for line in entry.splitlines(keepends=True))
        return text.rstrip("\n") + "\n" + indented

    update_text(path, added)
