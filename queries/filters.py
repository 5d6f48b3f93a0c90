"""Turning the filters a user gives (type and label names, a status, a date) into an EdgeFilter,
checked against the schema, and saying them in words. Queries, views and exports all filter with
this one type."""

from __future__ import annotations

from collections.abc import Iterable

from csn.graph.schema import SCHEMA
from csn.graph.store import EdgeFilter
from csn.queries.evidence import check_as_of


def edge_filter(
    types: Iterable[str] | None = None,
    labels: Iterable[str] | None = None,
    min_status: str | None = None,
    as_of: str | None = None,
) -> EdgeFilter:
    """The filter the user's names ask for: every type, label, status and date when None.

    Raises SchemaError for a type, label or status the schema lacks, CsnError for a bad date.
    """
    type_names = tuple(SCHEMA.relationship(t).name for t in types) if types else None
    label_names = tuple(SCHEMA.label(label).name for label in labels) if labels else None
    return EdgeFilter(
        types=type_names,
        labels=label_names,
        min_rank=SCHEMA.rank(min_status) if min_status else 0,
        as_of=check_as_of(as_of),
    )


def describe(where: EdgeFilter) -> str:
    """The filters in words, for captions and report headers: every answer says what it leaves out.

    >>> describe(edge_filter(types=["LEADS"], min_status="designated", as_of="2020-01-31"))
    'types LEADS; status at least sanctioned or designated; as of 2020-01-31 (only facts that held that day)'
    >>> describe(EdgeFilter())
    'all dates'
    """
    parts = []
    if where.types:
        parts.append("types " + ", ".join(where.types))
    if where.labels:
        parts.append("labels " + ", ".join(where.labels))
    if where.min_rank:
        weakest = min(s.rank for s in SCHEMA.evidence.values() if s.rank >= where.min_rank)
        names = [s.name for s in SCHEMA.evidence.values() if s.rank == weakest]
        parts.append(f"status at least {' or '.join(names)}")
    parts.append(f"as of {where.as_of} (only facts that held that day)" if where.as_of else "all dates")
    return "; ".join(parts)
