"""A cache of the embedded store's records: commands need not parse the seed and every kept import
at each run.

`cached(inputs, build, folder)` returns `build()`'s records, pickled in `folder` under a key made
of every input file's path, size and modification time, and of the code's own files that shape
records (the schema and the loaders). Any change to any of them misses the cache, and the records
are built again and the old cache file replaced. A cache file that cannot be read is rebuilt too:
the cache only ever saves time, it never decides what the graph holds.

Records are pickled as plain tuples and rebuilt with their constructors, with the cycle collector
paused: for a million records that reads in about 6 s, against 30 s for pickled dataclasses with
the collector on (measured on the FtM benchmark's million entities, on a shared machine).

Only files this module wrote are replaced (`records-*.pickle` in its folder).
"""

from __future__ import annotations

import hashlib
import pickle
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

from csn import PACKAGE
from csn.graph.collector import collector_paused
from csn.graph.model import Citation, Edge, Node, Record
from csn.loaders.storage import user_files

Row = tuple[Any, ...]


def _row(record: Record) -> Row:
    if isinstance(record, Node):
        return (record.id, record.label, record.name, record.properties)
    citations = tuple((c.source, c.says) for c in record.citations)
    return (
        record.id,
        record.type,
        record.from_id,
        record.to_id,
        record.status,
        citations,
        record.valid_from,
        record.valid_to,
        record.properties,
    )


def _record(row: Row) -> Record:
    if len(row) == 4:
        return Node(*row)
    cited = tuple(Citation(source, says) for source, says in row[5])
    return Edge(row[0], row[1], row[2], row[3], row[4], cited, row[6], row[7], row[8])


CODE = [
    PACKAGE / "graph" / "schema.yaml",
    *sorted(
        p for folder in ("graph", "loaders", "workspace") for p in (PACKAGE / folder).resolve().rglob("*.py")
    ),
]


def fingerprint(inputs: Iterable[Path]) -> str:
    """A key that changes when any input or any record-shaping code file changes."""
    digest = hashlib.sha256()
    for path in [*sorted(Path(p).resolve() for p in inputs), *CODE]:
        stat = path.stat()
        digest.update(f"{path}\0{stat.st_size}\0{stat.st_mtime_ns}\n".encode())
    return digest.hexdigest()[:24]


def cached(inputs: Iterable[Path], build: Callable[[], list[Record]], folder: Path) -> list[Record]:
    """The records `build` makes from `inputs`, from the cache in `folder` when it is current."""
    key = fingerprint(inputs)
    path = folder / f"records-{key}.pickle"
    if path.exists():
        try:
            with path.open("rb") as handle, collector_paused():
                return [_record(row) for row in pickle.load(handle)]
        except (OSError, pickle.UnpicklingError, EOFError, TypeError, ValueError, IndexError):
            pass  # a damaged or stale cache file: built again below
    with collector_paused():
        records = build()
    rows = [_row(r) for r in records]
    user_files.replace(path, lambda handle: pickle.dump(rows, handle, protocol=pickle.HIGHEST_PROTOCOL))
    for old in folder.glob("records-*.pickle"):
        if old != path:
            old.unlink(missing_ok=True)
    return records
