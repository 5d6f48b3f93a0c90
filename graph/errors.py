"""The errors the library raises. Only the command line turns them into `Error: ...` lines."""

from __future__ import annotations

from dataclasses import dataclass


class CsnError(Exception):
    """Base class of every error this project raises on purpose."""


class SchemaError(CsnError):
    """The schema file itself is inconsistent, or a name is not in it."""


@dataclass(frozen=True)
class Problem:
    """One thing wrong with an input file: where it is and what is wrong."""

    file: str
    record: str
    field: str
    message: str
    line: int | None = None

    def __str__(self) -> str:
        where = f"{self.file}:{self.line}" if self.line else self.file
        return f"{where}: {self.record}: {self.field}: {self.message}"


class DataError(CsnError):
    """Input files hold one or more problems; nothing from them was loaded."""

    def __init__(self, problems: list[Problem]):
        self.problems = problems
        count = len(problems)
        head = f"{count} problem{'s' if count != 1 else ''} in the input, nothing loaded"
        super().__init__(head + "\n" + "\n".join(f"  {p}" for p in problems))


class NotFound(CsnError):
    """No entity matches a name or id."""


class Ambiguous(CsnError):
    """A name matches more than one entity."""

    def __init__(self, query: str, candidates: list[tuple[str, str, str]]):
        self.query = query
        self.candidates = candidates
        listed = "; ".join(f"{name} ({label}, id {node_id})" for node_id, label, name in candidates)
        super().__init__(f"'{query}' matches {len(candidates)} entities: {listed}. Use an id.")


class Conflict(CsnError):
    """A write would give an id already held by another edge of the store to a different fact."""


class StoreUnavailable(CsnError):
    """The database cannot be reached or refused the credentials."""


class NoWorkspace(CsnError):
    """A command needs a case folder (csn init) that is not there."""


class FileBusy(CsnError):
    """Another csn command held a user's file past the wait; nothing was changed."""


class QueryBoundExceeded(CsnError):
    """A query hit its hop, result or time bound before finishing."""
