"""Writing a query's result as a table, CSV, JSON or Markdown (`--format`).

Every value taken from data is made inert where a reader opens it: Markdown escapes it
(csn.visualize.markdown) and CSV keeps spreadsheets from running it (csn.visualize.spreadsheet).
"""

from __future__ import annotations

import textwrap
from typing import TYPE_CHECKING, Any

from csn.visualize.json_form import as_json
from csn.visualize.markdown import markdown_table, markdown_text
from csn.visualize.spreadsheet import frame_csv

if TYPE_CHECKING:  # pandas is imported in the functions that use it: it costs a second at start-up
    import pandas as pd


__all__ = ["FORMATS", "as_json", "render", "text_table"]

FORMATS = ("table", "json", "csv", "markdown")
COLUMN_WIDTH = 40  # characters; a longer value wraps onto the next lines of its row


def text_table(frame: pd.DataFrame, width: int = COLUMN_WIDTH) -> str:
    """The table for a terminal: every value in full (a long one wraps within its column, and
    rows are then set apart by a blank line), an empty cell empty, numbers to the right."""
    import pandas as pd

    def text(value: Any) -> str:
        missing = value is None or (isinstance(value, float) and pd.isna(value))
        return "" if missing else str(value)

    header = [str(c) for c in frame.columns]
    rows = [[text(v) for v in row] for row in frame.itertuples(index=False)]
    widths = [min(width, max(len(cell) for cell in column)) for column in zip(header, *rows, strict=True)]
    numeric = [pd.api.types.is_numeric_dtype(dtype) for dtype in frame.dtypes]

    def lines(cells: list[str]) -> list[str]:
        wrapped = [
            textwrap.wrap(cell, w, break_long_words=True, break_on_hyphens=False) or [""]
            for cell, w in zip(cells, widths, strict=True)
        ]
        return [
            "  ".join(
                (column[k] if k < len(column) else "").rjust(w)
                if right
                else (column[k] if k < len(column) else "").ljust(w)
                for column, w, right in zip(wrapped, widths, numeric, strict=True)
            ).rstrip()
            for k in range(max(len(column) for column in wrapped))
        ]

    body = [lines(row) for row in rows]
    gap = [""] if any(len(row) > 1 for row in body) else []
    out = [*lines(header), "  ".join("-" * w for w in widths)]
    for number, row in enumerate(body):
        out += (gap if number else []) + row
    return "\n".join(out)


def render(frame: pd.DataFrame, fmt: str, result: Any, heading: str = "") -> str:
    """The result in the asked format: table and CSV from `frame`, JSON from the result itself."""
    if fmt == "json":
        return as_json(result)
    if fmt == "csv":
        return frame_csv(frame).rstrip("\n")
    if fmt == "markdown":
        return (f"## {markdown_text(heading)}\n\n" if heading else "") + markdown_table(frame)
    if frame.empty:
        return f"{heading}\n(nothing)" if heading else "(nothing)"
    table = text_table(frame)
    return f"{heading}\n{table}" if heading else table
