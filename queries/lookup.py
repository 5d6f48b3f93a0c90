"""Finding an entity by id, name or alias, ignoring case and accents.

>>> resolve(store, "the minister").id, resolve(store, "ANA RIOS").id
('minister', 'minister')
"""

from __future__ import annotations

import difflib

from csn.graph.errors import Ambiguous, NotFound
from csn.graph.model import Node, normalise_name
from csn.graph.schema import SCHEMA
from csn.graph.store import GraphStore


def resolve(store: GraphStore, text: str) -> Node:
    """The one entity that `text` names: an exact id, else a name or alias, else a unique part.

    Raises Ambiguous listing the candidates when several match, and NotFound with close matches
    when none does.
    """
    exact = store.nodes([text])
    if exact:
        return exact[text]
    key = normalise_name(text)
    for candidates in (store.find_by_key(key), store.find_containing(key)):
        candidates = _prefer_entities(candidates)
        if len(candidates) == 1:
            return candidates[0]
        if candidates:
            raise Ambiguous(text, [(n.id, n.label, n.name) for n in candidates])
    raise NotFound(_not_found_message(store, text))


def _prefer_entities(candidates: list[Node]) -> list[Node]:
    """Sources match by title too, but a person or group of that name is what was meant."""
    entities = [n for n in candidates if n.label != SCHEMA.source_label]
    return entities or candidates


def _not_found_message(store: GraphStore, text: str) -> str:
    names = store.names()
    by_key = {normalise_name(name): name for _, name in names}
    by_key.update({node_id: node_id for node_id, _ in names})
    close = difflib.get_close_matches(normalise_name(text), list(by_key), n=3, cutoff=0.6)
    hint = f"; did you mean {', '.join(repr(by_key[c]) for c in close)}?" if close else ""
    return f"no entity named '{text}'{hint}"
