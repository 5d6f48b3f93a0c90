"""YAML reading that remembers on which line each mapping starts, for error messages."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml


class LineDict(dict):
    """A dict from YAML that knows the line (1-based) where it began."""

    line: int | None = None


class _LineLoader(yaml.SafeLoader):
    def construct_mapping(self, node: yaml.MappingNode, deep: bool = False) -> LineDict:
        mapping = LineDict(super().construct_mapping(node, deep=deep))
        mapping.line = node.start_mark.line + 1
        return mapping


_LineLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _LineLoader.construct_mapping)


def read_yaml(path: Path) -> Any:
    """Parse a YAML file; raises yaml.YAMLError (with its mark) on a syntax error."""
    with path.open(encoding="utf-8") as handle:
        return yaml.load(handle, Loader=_LineLoader)


def parse_yaml(text: str) -> Any:
    """Parse YAML text, as read_yaml does a file."""
    return yaml.load(text, Loader=_LineLoader)


def line_of(value: Any) -> int | None:
    return getattr(value, "line", None)
