"""Writing a query's result as a table, CSV, JSON or Markdown (`--format`)."""

from __future__ import annotations

import dataclasses
import json
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # pandas is imported in the functions that use it: it costs a second at start-up
    import pandas as pd


FORMATS = ("table", "json", "csv", "markdown")


def markdown_table(frame: pd.DataFrame) -> str:
    """A GitHub-style Markdown table (pandas' own needs the tabulate package)."""
    import pandas as pd

    def cell(value: Any) -> str:
        text = "" if value is None or (isinstance(value, float) and pd.isna(value)) else str(value)
        return text.replace("|", "\\|").replace("\n", " ")

    head = "| " + " | ".join(map(str, frame.columns)) + " |"
    rule = "|" + "---|" * len(frame.columns)
    rows = ["| " + " | ".join(cell(v) for v in row) + " |" for row in frame.itertuples(index=False)]
    return "\n".join([head, rule, *rows])


def as_json(value: Any) -> str:
    """Dataclasses (results, nodes, edges) as JSON; dates stay text as stored."""

    def plain(item: Any) -> Any:
        if dataclasses.is_dataclass(item) and not isinstance(item, type):
            return {f.name: plain(getattr(item, f.name)) for f in dataclasses.fields(item)}
        if isinstance(item, dict):
            return {str(k): plain(v) for k, v in item.items()}
        if isinstance(item, (list, tuple)):
            return [plain(v) for v in item]
        return item

    return json.dumps(plain(value), ensure_ascii=False, indent=2)


def render(frame: pd.DataFrame, fmt: str, result: Any, heading: str = "") -> str:
    """The result in the asked format: table and CSV from `frame`, JSON from the result itself."""
    if fmt == "json":
        return as_json(result)
    if fmt == "csv":
        return frame.to_csv(index=False).rstrip("\n")
    if fmt == "markdown":
        return (f"## {heading}\n\n" if heading else "") + markdown_table(frame)
    if frame.empty:
        return f"{heading}\n(nothing)" if heading else "(nothing)"
    table = frame.to_string(index=False, max_colwidth=60)
    return f"{heading}\n{table}" if heading else table
