"""Turning the filters a user gives (type and label names, a status, a date) into an EdgeFilter,
checked against the schema."""

from __future__ import annotations

from collections.abc import Iterable

from graph.schema import SCHEMA
from graph.store import EdgeFilter
from queries.evidence import check_as_of


def edge_filter(
    types: Iterable[str] | None = None,
    labels: Iterable[str] | None = None,
    min_status: str | None = None,
    as_of: str | None = None,
) -> EdgeFilter:
    """Raises SchemaError for a type, label or status the schema lacks, CsnError for a bad date."""
    type_names = tuple(SCHEMA.relationship(t).name for t in types) if types else None
    label_names = tuple(SCHEMA.label(label).name for label in labels) if labels else None
    return EdgeFilter(
        types=type_names,
        labels=label_names,
        min_rank=SCHEMA.rank(min_status) if min_status else 0,
        as_of=check_as_of(as_of),
    )


def describe(where: EdgeFilter) -> str:
    """The filters in words, for captions and report headers."""
    parts = []
    if where.types:
        parts.append("types " + ", ".join(where.types))
    if where.labels:
        parts.append("labels " + ", ".join(where.labels))
    if where.min_rank:
        weakest = min((s for s in SCHEMA.evidence.values() if s.rank >= where.min_rank), key=lambda s: s.rank)
        parts.append(f"status at least {weakest.name}")
    parts.append(f"as of {where.as_of}" if where.as_of else "all dates")
    return "; ".join(parts)
