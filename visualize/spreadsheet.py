"""CSV cells that a spreadsheet shows as text and never runs as a formula.

Excel and LibreOffice read a cell that starts with `=`, `+`, `-` or `@` (or a tab or carriage
return before them) as a formula: a name such as `=HYPERLINK("http://...")` would run when an
analyst opens the file (CSV injection, as OWASP describes it). So every text cell that starts with
one of those characters gets a leading apostrophe, which spreadsheets read as "this is text" and
do not show. Cells that already start with an apostrophe get one more, so the change can be undone
exactly: drop the first character of every text cell that starts with `'`. Numbers stay numbers
(a negative count is not text), and nothing else in a cell changes.

>>> spreadsheet_cell('=HYPERLINK("http://example.org","x")')
'\\'=HYPERLINK("http://example.org","x")'
>>> spreadsheet_cell(-3), spreadsheet_cell("Río Cartel")
(-3, 'Río Cartel')
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # pandas is imported in the functions that use it: it costs a second at start-up
    import pandas as pd

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r", "'")


def spreadsheet_cell(value: Any) -> Any:
    """`value` with a leading apostrophe if it is text a spreadsheet would run (see above)."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def spreadsheet_frame(frame: pd.DataFrame) -> pd.DataFrame:
    """A copy of `frame` with every text cell passed through spreadsheet_cell."""
    return frame.map(spreadsheet_cell)


def frame_csv(frame: pd.DataFrame) -> str:
    """The table as CSV text, safe to open in a spreadsheet (see above)."""
    return spreadsheet_frame(frame).to_csv(index=False)


def write_frame_csv(frame: pd.DataFrame, path: Path) -> None:
    """Write the table to `path` as CSV, safe to open in a spreadsheet (see above)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    spreadsheet_frame(frame).to_csv(path, index=False)
