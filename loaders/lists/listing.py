"""What every importer of a published list returns: one edition of the list, as records.

The importers (`csn.loaders.lists.ofac`, `.un`, `.ftm`) read a publisher's file as it is
published and return a `ListImport`: the entries as nodes, their listings and the ties between
them as edges, every edge citing the edition's own `Source` node with the row's own words. They
never touch a store and never match entries to curated nodes; the import pipeline does that.

Ids are stable across editions of the same list, so importing a newer edition updates the same
records and importing the same file twice changes nothing:

- an entry's node id is `entry_id(prefix, key)`, e.g. `ofac-sdn-12345`, `un-hti-001`;
- a listing edge's id is `f"{subject}--{type-slug}--{authority}"` (see `listing_edge_id`).
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from dataclasses import dataclass, field

from csn.graph.errors import Problem
from csn.graph.model import Node, Record


@dataclass(frozen=True)
class ListEdition:
    """One edition of a published list.

    `key` names the list across its editions (`ofac-sdn`, `un-sc`, `ftm:DATASET`); it is the
    `list` property of every edge the import makes, which is how a later edition finds the
    listings it no longer holds. `date` is the edition's date (YYYY-MM-DD). `source` is the
    edition's Source node. `authority_ids` are the Authority nodes its listings point to.
    """

    key: str
    date: str
    source: Node
    authority_ids: tuple[str, ...]


@dataclass
class ListImport:
    """An edition's records, and what was left out of them.

    `records` holds nodes first, then edges; every edge joins nodes in `records` or curated
    Authority nodes named in `edition.authority_ids`. `skipped` lists the bad records left out
    under `skip_bad` (without it a bad record raises DataError and nothing is returned).
    `unsupported` counts the entries of kinds the schema cannot hold (a vessel, an Address
    entity), by kind: counted and reported, never guessed into another label.
    """

    edition: ListEdition
    records: list[Record]
    skipped: list[Problem] = field(default_factory=list)
    unsupported: Counter[str] = field(default_factory=Counter)


def slug(text: str) -> str:
    """Lower-case letters, digits and hyphens, as the schema's ids require: 'HTi.001' -> 'hti-001'."""
    plain = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", plain.lower()).strip("-")


def entry_id(prefix: str, key: str) -> str:
    """The node id of a list entry: `entry_id('ofac-sdn', '12345') == 'ofac-sdn-12345'`."""
    return f"{prefix}-{slug(key)}"


def listing_edge_id(subject_id: str, rel_type: str, authority_id: str) -> str:
    """The id of a listing edge, the same in every edition of the list."""
    return f"{subject_id}--{rel_type.lower().replace('_', '-')}--{authority_id}"
