"""What a page's address carries: the as-of date and the minimum evidence status every page
takes, and the page's own parameters, read and checked the way the command line checks its options.

>>> args = Args({"as_of": "2024-01-01", "k": "3"})
>>> args.controls, args.number("k", 5, 1, 10)
(Controls(as_of='2024-01-01', min_status=None), 3)
>>> address("/connect", args.controls, a="JOH", b="")
'/connect?a=JOH&as_of=2024-01-01'
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from urllib.parse import urlencode

from csn.graph.errors import CsnError
from csn.graph.schema import SCHEMA
from csn.queries.evidence import check_as_of


@dataclass(frozen=True)
class Controls:
    """The as-of date (YYYY-MM-DD) and the minimum evidence status; None when not set."""

    as_of: str | None = None
    min_status: str | None = None

    def query(self) -> dict[str, str]:
        return {k: v for k, v in (("as_of", self.as_of), ("min_status", self.min_status)) if v}

    def described(self) -> str:
        parts = [f"as of {self.as_of}" if self.as_of else "all dates"]
        if self.min_status:
            parts.append(f"status at least {self.min_status}")
        return "; ".join(parts)


class Args:
    """A request's parameters (the query string and the path), checked as they are read.

    Raises CsnError naming the parameter for a value it cannot take.
    """

    def __init__(self, values: Mapping[str, str], lists: Mapping[str, Sequence[str]] | None = None):
        self.values = values
        self.lists = lists or {}
        as_of = check_as_of(self.text("as_of"))
        status = self.text("min_status")
        if status and status not in SCHEMA.evidence:
            raise CsnError(f"unknown status '{status}'; known: {', '.join(SCHEMA.evidence)}")
        self.controls = Controls(as_of, status)

    def text(self, name: str) -> str | None:
        """The parameter stripped of spaces, None when absent or empty."""
        value = (self.values.get(name) or "").strip()
        return value or None

    def all(self, name: str) -> tuple[str, ...]:
        """Every non-empty value of a repeated parameter (label=Person&label=Company)."""
        return tuple(v.strip() for v in self.lists.get(name, ()) if v.strip())

    def number(self, name: str, default: int, low: int, high: int) -> int:
        value = self.text(name)
        if value is None:
            return default
        try:
            number = int(value)
        except ValueError:
            raise CsnError(f"{name} must be a whole number, not '{value}'") from None
        if not low <= number <= high:
            raise CsnError(f"{name} must be from {low} to {high}, not {number}")
        return number


def address(path: str, controls: Controls, **params: str | int | Sequence[str] | None) -> str:
    """A page's address with its parameters (empty ones left out) and the controls after them."""
    pairs: list[tuple[str, str]] = []
    for name, value in params.items():
        if isinstance(value, (list, tuple)):
            pairs += [(name, str(v)) for v in value if v not in (None, "")]
        elif value not in (None, ""):
            pairs.append((name, str(value)))
    pairs += list(controls.query().items())
    return f"{path}?{urlencode(pairs)}" if pairs else path
