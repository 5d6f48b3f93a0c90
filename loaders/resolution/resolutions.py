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

`same` says one of three things:
- `true`: the two merge whenever both are in the graph;
- `false`: they stay apart, even if the automatic rule (csn.loaders.resolution.matching) would
  merge them;
- `unsure`: someone looked and could not tell. The two stay apart (a doubt never merges, and it
  holds back an automatic merge too), and the pair leaves the list of pairs awaiting a decision,
  so that the queue an analyst works through only shrinks; it is listed apart, marked unsure with
  who, when and why (`csn resolve --status unsure`), so that nothing looked at is forgotten.
A pair is decided once, except that a pair decided `unsure` may be decided again further down the
file (by anyone, later, with more to go on): the last decision on a pair holds, and the doubt
stays on record above it. Files written before `unsure` existed read as they did.

`csn resolve` lists the candidate pairs and records decisions here, one at a time or a batch in
one write (`append_decisions`); every import applies them.

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
UNSURE = "unsure"
VERDICTS = ("same", "different", UNSURE)
HEADER = """\
# Which entries of official lists are the same real-world entity as a curated node, or as an entry
# of another list. Every import applies these decisions (see loaders/resolution/resolutions.py); `csn resolve`
# lists candidate pairs with their evidence and adds decisions here. Review them like code.
# same: true (one entity: merged), false (two: kept apart) or unsure (looked at, cannot tell: kept
# apart and listed by `csn resolve --status unsure`; a later decision on the pair replaces it).
"""


@dataclass(frozen=True)
class Decision:
    """Whether `a` and `b` are the same entity (True), not (False) or nobody can tell yet (None:
    unsure), who decided, when and why.

    >>> Decision("b-id", "a-id", None, "A. Analyst", "2026-12-08", "no birth date").verdict
    'unsure'
    """

    a: str
    b: str
    same: bool | None
    by: str
    date: str
    why: str

    @property
    def pair(self) -> tuple[str, str]:
        """The two ids in a stable order, so a decision is found whichever way it was written."""
        return (self.a, self.b) if self.a <= self.b else (self.b, self.a)

    @property
    def verdict(self) -> str:
        """`same`, `different` or `unsure` (one of VERDICTS)."""
        return UNSURE if self.same is None else ("same" if self.same else "different")

    @classmethod
    def of(cls, verdict: str, a: str, b: str, by: str, date: str, why: str) -> Decision:
        """The decision for a verdict in words (one of VERDICTS); raises ValueError for another."""
        if verdict not in VERDICTS:
            raise ValueError(f"'{verdict}' is not a verdict; use {', '.join(VERDICTS)}")
        same = None if verdict == UNSURE else verdict == "same"
        return cls(a, b, same, by, date, why)


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
    decisions: dict[tuple[str, str], Decision] = {}
    seen: dict[tuple[str, str], int] = {}
    for number, entry in enumerate(entries, start=1):
        decision = _decision(str(path), number, entry, problems)
        if decision is None:
            continue
        earlier = decisions.get(decision.pair)
        if earlier is not None and earlier.same is not None:
            message = (
                f"the pair {decision.a} / {decision.b} is already decided in decision {seen[decision.pair]}"
            )
            problems.append(Problem(str(path), f"decision {number}", "b", message, line_of(entry)))
            continue
        seen[decision.pair] = number
        decisions.pop(decision.pair, None)  # a decision after an unsure one takes its place
        decisions[decision.pair] = decision
    if problems:
        raise DataError(problems)
    return list(decisions.values())


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
    if not isinstance(entry.get("same", False), bool) and entry.get("same") != UNSURE:
        problems.append(Problem(file, record, "same", f"must be true, false or {UNSURE}", line))
    date = entry.get("date")
    if isinstance(date, dt.date):
        date = date.isoformat()
    for field, message in control_characters({k: entry.get(k) for k in ("by", "why")}):
        problems.append(Problem(file, record, field, message, line))
    if len(problems) > found:
        return None
    same = None if entry["same"] == UNSURE else entry["same"]
    return Decision(entry["a"], entry["b"], same, str(entry["by"]), str(date), str(entry["why"]))


def append_decision(path: Path, decision: Decision) -> None:
    """Add a decision at the end of the file (created with its header if absent), keeping every
    earlier line as it was, and return once it is on disk: `append_decisions` with one."""
    append_decisions(path, [decision])


def append_decisions(path: Path, decisions: list[Decision]) -> None:
    """Add decisions at the end of the file (created with its header if absent), all in one
    write, keeping every earlier line as it was, and return once they are on disk.

    They are added to what the file holds when this writer has it to itself
    (csn.loaders.storage.user_files), so decisions recorded at once by several commands are all
    kept. Raises DataError, and writes nothing, if any pair is already decided (other than
    `unsure`) or comes twice, if a decision holds a control character (a line break), or if the
    file is malformed; FileBusy if another command holds the file too long.
    """
    found: dict[tuple[str, str], str] = {}  # a batch shares its `by` and `why`: each problem once
    for d in decisions:
        for field, message in control_characters({"by": d.by, "why": d.why}):
            found.setdefault((field, message), f"{d.a} / {d.b}")
    if found:
        raise DataError(
            [Problem(str(path), pair, field, message) for (field, message), pair in found.items()]
        )

    def added(text: str | None) -> str:
        text = HEADER + "decisions:\n" if text is None or not text.strip() else text
        decided = {d.pair for d in parse_resolutions(text, path) if d.same is not None}
        message = "the pair {} / {} is already decided; edit the file to change it"
        taken = [
            Problem(str(path), "-", "b", message.format(d.a, d.b)) for d in decisions if d.pair in decided
        ]
        if len({d.pair for d in decisions}) < len(decisions):
            taken.append(Problem(str(path), "-", "b", "a pair comes twice in one batch of decisions"))
        if taken:
            raise DataError(taken)
        entries = yaml.safe_dump(
            [
                {field: (_written(d.same) if field == "same" else getattr(d, field)) for field in FIELDS}
                for d in decisions
            ],
            allow_unicode=True,
            sort_keys=False,
            width=100,
        )
        lines = entries.splitlines(keepends=True)
        indented = "".join(f"  {line}" if line.strip() else line for line in lines)
        return text.rstrip("\n") + "\n" + indented

    update_text(path, added)


def _written(same: bool | None) -> bool | str:
    return UNSURE if same is None else same
