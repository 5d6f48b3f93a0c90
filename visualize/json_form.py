"""Query results as JSON: the one form that `--format json` prints and the workbench serves.

Every result type is a dataclass (paths, profiles, reports, nodes, edges), written field by field;
dates stay text as stored, and nothing is escaped here (a reader parses it as JSON, never as markup).

>>> from csn.graph.model import Node
>>> print(as_json(Node("a", "Person", "Ana Ríos")))
{
  "id": "a",
  "label": "Person",
  "name": "Ana Ríos",
  "properties": {}
}
"""

from __future__ import annotations

import dataclasses
import json
from typing import Any


def plain(item: Any) -> Any:
    """Dataclasses, dicts, lists and tuples as plain dicts and lists, for json.dumps."""
    if dataclasses.is_dataclass(item) and not isinstance(item, type):
        return {f.name: plain(getattr(item, f.name)) for f in dataclasses.fields(item)}
    if isinstance(item, dict):
        return {str(k): plain(v) for k, v in item.items()}
    if isinstance(item, (list, tuple)):
        return [plain(v) for v in item]
    return item


def as_json(value: Any) -> str:
    """Dataclasses (results, nodes, edges) as indented JSON; dates stay text as stored."""
    return json.dumps(plain(value), ensure_ascii=False, indent=2)
