"""Text that is safe to print: no control characters in anything a loader accepts.

A name, alias, title or quote is printed by every command, one fact or source per line. A line
break (or a NUL, a tab, an escape sequence) inside one would let a file forge lines of `csn`
output, so loaders refuse every string holding a control character (Unicode category Cc: C0,
DEL and C1). Every other character is welcome: accents, emoji, right-to-left scripts.

>>> list(control_characters({"name": "Ana\\nRíos", "aliases": ["ok", "tab\\there"]}))
[('name', 'contains a line break (U+000A) at character 4; text may not hold control characters'), \
('aliases[2]', 'contains a tab (U+0009) at character 4; text may not hold control characters')]
>>> list(control_characters({"name": "José 🙂 محمد"}))
[]
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

NAMED = {"\n": "a line break", "\r": "a carriage return", "\t": "a tab", "\0": "a NUL", "\x1b": "an escape"}
REFUSED = "text may not hold control characters"


# Unicode category Cc is exactly these code points; a regular expression finds them far faster
# than asking unicodedata about every character (tests/test_loaders.py checks the equivalence).
CONTROL = re.compile("[\x00-\x1f\x7f-\x9f]")


def _first_control(text: str) -> tuple[int, str] | None:
    """(1-based position, character) of the first control character in `text`, or None."""
    found = CONTROL.search(text)
    return (found.start() + 1, found.group()) if found else None


def _described(position: int, char: str) -> str:
    what = NAMED.get(char, "a control character")
    return f"contains {what} (U+{ord(char):04X}) at character {position}; {REFUSED}"


def control_characters(value: Any, field: str = "") -> Iterator[tuple[str, str]]:
    """(field, what is wrong) for each string in `value` (mappings and lists walked, keys too)
    that holds a control character. Fields read like `name`, `aliases[2]`, `sources[1].says`;
    a bad key is reported on its parent's field, and its value is not looked into."""
    if isinstance(value, str):
        found = _first_control(value)
        if found:
            yield field or "-", _described(*found)
    elif isinstance(value, dict):
        for key, item in value.items():
            found = _first_control(key) if isinstance(key, str) else None
            if found:
                yield field or "-", "a key " + _described(*found)
                continue
            yield from control_characters(item, f"{field}.{key}" if field else str(key))
    elif isinstance(value, list):
        for index, item in enumerate(value, start=1):
            yield from control_characters(item, f"{field}[{index}]")
