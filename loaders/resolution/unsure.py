"""Pairs a person looked at and could not decide: a case's `unsure.yaml`.

An unsure mark is not a decision: the pair stays a candidate (the matching rule and
resolutions.yaml alone decide what merges), and the mark says who looked, when and why they
could not tell, so the next reviewer starts from there. The workbench's review page and
`csn resolve A B --unsure` write it, through the same locked, atomic writer as the decisions
(csn.loaders.storage.user_files); a pair may be marked again, and the latest mark is shown.

    notes:
      - a: nicolas-maduro
        b: ofac-sdn-99999
        by: A. Analyst
        date: 2026-12-08
        why: "Same name, no birth date on the entry"

>>> import tempfile
>>> path = Path(tempfile.mkdtemp()) / UNSURE_FILE
>>> append_unsure(path, Unsure("b-id", "a-id", "A. Analyst", "2026-12-08", "no birth date"))
>>> [note.pair for note in read_unsure(path)]
[('a-id', 'b-id')]
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from csn.graph.errors import DataError, Problem
from csn.graph.schema import ID_PATTERN
from csn.loaders.curated.text import control_characters
from csn.loaders.curated.yaml_lines import line_of, parse_yaml
from csn.loaders.storage.user_files import update_text

UNSURE_FILE = "unsure.yaml"
FIELDS = ("a", "b", "by", "date", "why")
HEADER = """\
# Pairs of entities a reviewer looked at and could not decide (csn's review page, or
# `csn resolve A B --unsure`). A mark decides nothing: the pair stays a candidate until
# resolutions.yaml decides it. See loaders/resolution/unsure.py.
"""


@dataclass(frozen=True)
class Unsure:
    """Who could not tell whether `a` and `b` are one entity, when, and why."""

    a: str
    b: str
    by: str
    date: str
    why: str

    @property
    def pair(self) -> tuple[str, str]:
        return (self.a, self.b) if self.a <= self.b else (self.b, self.a)


def read_unsure(path: Path) -> list[Unsure]:
    """The marks in `path`, oldest first (none if it does not exist).

    Raises DataError naming the file, line and field of every malformed mark.
    """
    if not path.exists():
        return []
    return _parse(path.read_text(encoding="utf-8"), path)


def _parse(text: str, path: Path) -> list[Unsure]:
    try:
        raw = parse_yaml(text)
    except yaml.YAMLError as error:
        raise DataError([Problem(str(path), "-", "-", f"not valid YAML: {error}")]) from None
    entries = raw.get("notes") or [] if isinstance(raw, dict) else None
    if not isinstance(entries, list):
        raise DataError([Problem(str(path), "-", "notes", "the file must hold a list 'notes'")])
    problems: list[Problem] = []
    marks = [m for n, entry in enumerate(entries, 1) if (m := _mark(str(path), n, entry, problems))]
    if problems:
        raise DataError(problems)
    return marks


def _mark(file: str, number: int, entry: Any, problems: list[Problem]) -> Unsure | None:
    record, line = f"note {number}", line_of(entry)
    if not isinstance(entry, dict):
        problems.append(Problem(file, record, "-", "a note must be a mapping", line))
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
    for field, message in control_characters({k: entry.get(k) for k in ("by", "why")}):
        problems.append(Problem(file, record, field, message, line))
    if len(problems) > found:
        return None
    return Unsure(entry["a"], entry["b"], str(entry["by"]), str(entry["date"]), str(entry["why"]))


def append_unsure(path: Path, mark: Unsure) -> None:
    """Add a mark at the end of the file (made with its header if absent), once it is on disk.

    Raises DataError if the file is malformed or the mark holds a control character (nothing
    written), FileBusy if another command holds the file too long.
    """
    problems = [
        Problem(str(path), "-", f, m) for f, m in control_characters({"by": mark.by, "why": mark.why})
    ]
    if problems:
        raise DataError(problems)

    def added(text: str | None) -> str:
        text = HEADER + "notes:\n" if text is None or not text.strip() else text
        _parse(text, path)
        entry = yaml.safe_dump(
            [{field: getattr(mark, field) for field in FIELDS}],
            allow_unicode=True,
            sort_keys=False,
            width=100,
        )
        indented = "".join(f"  {line}" if line.strip() else line for line in entry.splitlines(keepends=True))
        return text.rstrip("\n") + "\n" + indented

    update_text(path, added)
