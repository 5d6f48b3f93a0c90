"""Imports that last: each list's latest edition kept as JSON lines, and delisting between editions.

`csn import` keeps what it read in the case folder's `.csn/imports/`, one file a list
(`ofac-sdn.jsonl`, `un-sc.jsonl`, `ftm-DATASET.jsonl`), so every later command on the embedded
store sees the imported facts without reading the publisher's file again. The files hold the
entries as the list wrote them, before matching: a decision added to seed/resolutions.yaml later
applies to them at the next run.

A newer edition of a list replaces the kept one. Listings that the newer edition no longer holds
are not dropped: they are kept with `valid_to` set to the newer edition's date and a citation of
it, so `--as-of` before that date still shows them and after it does not (delisted is not the
same as never listed). An edition older than the kept one is refused.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator
from pathlib import Path
from typing import Any, BinaryIO

import orjson

from csn.graph.errors import DataError, Problem
from csn.graph.model import Citation, Edge, Node, Record
from csn.graph.schema import SCHEMA
from csn.loaders.lists.listing import ListEdition, ListImport, slug
from csn.loaders.storage import user_files


def kept_file(folder: Path, key: str) -> Path:
    return folder / f"{slug(key)}.jsonl"


def next_edition(previous: ListImport | None, new: ListImport) -> ListImport:
    """What to keep once `new` is imported over the kept edition `previous` of the same list:
    `new`'s records, plus every earlier record it no longer holds, with the listings among them
    ended on `new`'s date. Raises DataError if `new` is older than `previous`."""
    if previous is None:
        return new
    edition = new.edition
    if edition.date < previous.edition.date:
        message = (
            f"this edition ({edition.date}) is older than the one already imported "
            f"({previous.edition.date}); import editions oldest first"
        )
        raise DataError([Problem(edition.key, "-", "date", message)])
    held = {r.id for r in new.records}
    carried: list[Record] = []
    for record in previous.records:
        if record.id in held:
            continue
        if isinstance(record, Edge) and record.type in SCHEMA.listing_types and record.valid_to is None:
            record = _ended(record, edition)
        carried.append(record)
    nodes = [r for r in (*new.records, *carried) if isinstance(r, Node)]
    edges = [r for r in (*new.records, *carried) if isinstance(r, Edge)]
    return dataclasses.replace(new, records=[*nodes, *edges])


def _ended(listing: Edge, edition: ListEdition) -> Edge:
    reference = listing.properties.get("reference")
    entry = f"Entry {reference}" if reference else "The entry"
    says = f"{entry} is not on the edition of {edition.date}: the listing had ended by then."
    return dataclasses.replace(
        listing,
        valid_to=edition.date,
        citations=(*listing.citations, Citation(edition.source.id, says)),
    )


def save(folder: Path, kept: ListImport) -> Path:
    """Write the edition's records to its kept file, whole or not at all (csn.loaders.storage.user_files), and
    return the file. Hold `user_files.locked(kept_file(...))` from reading the previous edition
    to this save, so that two imports of one list at once do not drop each other's records."""
    path = kept_file(folder, kept.edition.key)
    edition = kept.edition
    head = {"key": edition.key, "date": edition.date, "authority_ids": list(edition.authority_ids)}

    def write(handle: BinaryIO) -> None:
        handle.write(orjson.dumps({"edition": head, "source": _node_row(edition.source)}) + b"\n")
        for record in kept.records:
            row = _node_row(record) if isinstance(record, Node) else _edge_row(record)
            handle.write(orjson.dumps(row) + b"\n")

    user_files.replace(path, write)
    return path


def load(path: Path) -> ListImport:
    """The kept edition in `path`. Raises DataError if the file is not a kept import."""
    rows = _rows(path)
    try:
        head = next(rows)
        source = _node(head["source"])
        edition = ListEdition(
            head["edition"]["key"], head["edition"]["date"], source, tuple(head["edition"]["authority_ids"])
        )
        records: list[Record] = [_node(row) if "label" in row else _edge(row) for row in rows]
    except (StopIteration, KeyError, TypeError, ValueError, orjson.JSONDecodeError) as error:
        message = f"not a kept import ({type(error).__name__}: {error}); import the list again"
        raise DataError([Problem(str(path), "-", "-", message)]) from None
    return ListImport(edition, records)


def kept_files(folder: Path) -> list[Path]:
    """The kept editions' files in `folder`, ordered by list key."""
    return sorted(folder.glob("*.jsonl")) if folder.is_dir() else []


def load_all(folder: Path) -> list[ListImport]:
    """Every kept edition in `folder`, ordered by list key."""
    return [load(path) for path in kept_files(folder)]


def _rows(path: Path) -> Iterator[dict[str, Any]]:
    with path.open("rb") as handle:
        for line in handle:
            yield orjson.loads(line)


def _node_row(node: Node) -> dict[str, Any]:
    return {"label": node.label, **node.to_properties()}


def _edge_row(edge: Edge) -> dict[str, Any]:
    return {"type": edge.type, "from": edge.from_id, "to": edge.to_id, **edge.to_properties()}


def _node(row: dict[str, Any]) -> Node:
    label = row.pop("label")
    return Node.from_properties(label, row)


def _edge(row: dict[str, Any]) -> Edge:
    return Edge.from_properties(row.pop("type"), row.pop("from"), row.pop("to"), row)
