"""Markdown in which every value taken from data stays text.

Analysts paste profiles and tables into reports and wikis, or turn them into HTML with pandoc or
python-markdown, which pass raw HTML through. A name such as `<img src=x onerror=...>`, or one
holding `[a link](...)`, `**emphasis**` or a bare `www.` address, must come out as the characters
it is, in every common renderer. So `markdown_text` writes:

- `&`, `<` and `>` as HTML entities: no tag, no entity of the data's own, no `<autolink>`;
- `\\`, backquote, `*`, `_`, `{`, `}`, `[` and `]` with a backslash (escapes that CommonMark,
  GitHub, pandoc and python-markdown all honour): no emphasis, code, link, image or footnote;
- `|`, `~`, `^`, `$` and `@` as numeric entities (table cells, strike-through, superscript, TeX
  maths and e-mail autolinks in the dialects that have them), and the `:` of `://` and the `.` of
  `www.` likewise, so no renderer turns a bare address into a link;
- a leading `#`, `+`, `-`, `=` or the `.` of `1.` as an entity, so a value that starts a line is no
  heading, list or quote; leading spaces likewise (no code block).

Links csn means to make (a source's address, after its citation) are written by `markdown_link`,
and only for http and https addresses; anything else is text.

>>> print(markdown_text('<img src=x onerror="alert(1)"> *Boss* [x](javascript:y)'))
&lt;img src=x onerror="alert(1)"&gt; \\*Boss\\* \\[x\\](javascript:y)
>>> markdown_link("https://example.org/a_b")
'<https://example.org/a_b>'
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # pandas is imported in the functions that use it: it costs a second at start-up
    import pandas as pd

_BACKSLASHED = re.compile(r"([\\`*_{}\[\]])")
_ENTITIES = {"&": "&amp;", "<": "&lt;", ">": "&gt;", "|": "&#124;", "~": "&#126;", "^": "&#94;"}
_ENTITIES |= {"$": "&#36;", "@": "&#64;"}
_ENTITY_CHARACTERS = re.compile("[" + re.escape("".join(_ENTITIES)) + "]")
_AUTOLINKS = [(re.compile(r"(?<=\w):(?=//)"), "&#58;"), (re.compile(r"(?i)(?<=www)\."), "&#46;")]
_LINE_START = re.compile(r"^(\s*)([#+\-=]|\d+[.)])?")
_SAFE_URL = re.compile(r"https?://[^\s<>\"'`\\]+", re.IGNORECASE)


def markdown_text(value: Any) -> str:
    """`value` as Markdown that every renderer shows as these characters (None as empty)."""
    if value is None:
        return ""
    text = _ENTITY_CHARACTERS.sub(lambda m: _ENTITIES[m.group()], str(value))
    text = _BACKSLASHED.sub(r"\\\1", text)
    for pattern, entity in _AUTOLINKS:
        text = pattern.sub(entity, text)
    return _LINE_START.sub(_line_start, text, count=1)


def _line_start(match: re.Match[str]) -> str:
    spaces, mark = match.groups()
    return "&#32;" * len(spaces) + "".join(c if c.isdigit() else f"&#{ord(c)};" for c in mark or "")


def markdown_link(url: Any) -> str:
    """An http(s) address as a Markdown autolink; anything else as text (markdown_text)."""
    text = "" if url is None else str(url)
    return f"<{text}>" if _SAFE_URL.fullmatch(text) else markdown_text(text)


def markdown_table(frame: pd.DataFrame) -> str:
    """A GitHub-style Markdown table, every cell and heading escaped (pandas' own needs the
    tabulate package, and escapes nothing)."""
    import pandas as pd

    def cell(value: Any) -> str:
        missing = value is None or (isinstance(value, float) and pd.isna(value))
        return "" if missing else markdown_text(value)

    head = "| " + " | ".join(cell(c) for c in frame.columns) + " |"
    rule = "|" + "---|" * len(frame.columns)
    rows = ["| " + " | ".join(cell(v) for v in row) + " |" for row in frame.itertuples(index=False)]
    return "\n".join([head, rule, *rows])
