"""Stream the rows of OFAC's SDN CSV files (sdn.csv, add.csv, alt.csv) as published.

No header row; Latin-1; CRLF; `-0-` (often `-0- `) for an empty value; a 0x1A byte after the last
line, which is the DOS end-of-file mark and is accepted there only (anywhere else it is a control
character and refused, as `csn.loaders.curated.text.control_characters` refuses every one). A file that starts
with a UTF-8 byte order mark, or whose first row is not as wide as the file's rows are, is not one
of the trio: it raises at once. Every other bad row is a Problem naming the file, the line, the
entry and the column, and reading goes on.
"""

from __future__ import annotations

import csv
from collections.abc import Callable, Iterator
from pathlib import Path

from csn.graph.errors import DataError, Problem
from csn.loaders.curated.text import control_characters

SDN_COLUMNS = (
    "ent_num", "name", "type", "programs", "title", "call_sign",
    "vess_type", "tonnage", "grt", "vess_flag", "vess_owner", "remarks",
)  # fmt: skip
ADD_COLUMNS = ("ent_num", "add_num", "address", "city", "country", "add_remarks")
ALT_COLUMNS = ("ent_num", "alt_num", "alt_type", "alt_name", "alt_remarks")
EMPTY = "-0-"
EOF_BYTE = "\x1a"
BOM = b"\xef\xbb\xbf"


def is_number(text: str) -> bool:
    """Whether `text` is an entry number: ASCII digits only (`str.isdigit` also takes '²')."""
    return text.isascii() and text.isdigit()


def alias_of(row: dict[str, str]) -> str:
    """The alias an alt.csv row gives ("" when it is `-0-`)."""
    return row["alt_name"]


def address_of(row: dict[str, str]) -> str:
    """An add.csv row's address, city and country, joined by `, ` ("" when all are `-0-`)."""
    return ", ".join(value for value in (row["address"], row["city"], row["country"]) if value)


def read_extra(
    path: Path,
    columns: tuple[str, ...],
    seen: set[str],
    problems: list[Problem],
    value_of: Callable[[dict[str, str]], str],
) -> dict[str, list[str]]:
    """Values of add.csv or alt.csv by ent_num (none when the file is absent). A row naming an
    entry sdn.csv lacks is a problem of this file."""
    shown = str(path)
    values: dict[str, list[str]] = {}
    if not path.exists():
        return values
    for line, row in rows(path, columns, problems):
        ent_num = row["ent_num"]
        record = f"entry {ent_num or EMPTY}"
        if not is_number(ent_num):
            problems.append(Problem(shown, record, "ent_num", "is not a whole number", line))
        elif ent_num not in seen:
            problems.append(Problem(shown, record, "ent_num", "no entry of this number in sdn.csv", line))
        elif value := value_of(row):
            values.setdefault(ent_num, []).append(value)
    return values


def rows(
    path: Path, columns: tuple[str, ...], problems: list[Problem]
) -> Iterator[tuple[int, dict[str, str]]]:
    """(first line, values by column) of each good row of one file of the trio, streamed, `-0-`
    made empty. Bad rows are appended to `problems`; raises DataError if the file is not one of
    the trio's kind (a byte order mark, or a first row of the wrong width)."""
    shown = str(path)
    name = path.name if path.name in ("sdn.csv", "add.csv", "alt.csv") else f"{len(columns)}-column SDN"
    with open(path, "rb") as raw:
        if raw.read(len(BOM)) == BOM:
            message = "starts with a UTF-8 byte order mark: OFAC's SDN files are Latin-1 and have none"
            raise DataError([Problem(shown, "line 1", "-", message, 1)])
    with open(path, encoding="latin-1", newline="") as handle:
        reader = csv.reader(_without_eof_byte(handle), strict=True)
        end = 0
        first = True
        while True:
            start = end + 1
            try:
                row = next(reader)
            except StopIteration:
                break
            except csv.Error as error:
                end = reader.line_num
                problems.append(Problem(shown, f"line {start}", "-", _broken(str(error), start, end), start))
                continue
            end = reader.line_num
            if not row:
                continue
            if len(row) != len(columns):
                if first:
                    raise DataError(
                        [Problem(shown, _record(row, start), "-", _wrong_kind(row, name, columns), start)]
                    )
                message = f"has {len(row)} fields, a row of {name} has {len(columns)}"
                problems.append(Problem(shown, _record(row, start), "-", message, start))
                continue
            first = False
            values = {
                column: "" if cell.strip() == EMPTY else cell.strip()
                for column, cell in zip(columns, row, strict=True)
            }
            bad = list(control_characters(values))
            record = _record([values["ent_num"]], start)
            problems.extend(Problem(shown, record, field, message, start) for field, message in bad)
            if not bad:
                yield start, values


def _record(row: list[str], line: int) -> str:
    """How a problem names a row it could not read: by its entry number when it starts with one."""
    first = row[0].strip() if row else ""
    return f"entry {first}" if is_number(first) else f"line {line}"


def _broken(error: str, start: int, end: int) -> str:
    """What is wrong with a row the csv module could not read, in words a person can act on."""
    if error == "unexpected end of data":
        return "broken CSV row: a quoted field opened here is never closed"
    if end > start:
        return f"broken CSV row: a quoted field opened here runs on into line {end} ({error})"
    return f"broken CSV row: {error}"


def _wrong_kind(row: list[str], name: str, columns: tuple[str, ...]) -> str:
    head = ",".join(row).lstrip()
    looks = " (it looks like XML)" if head.startswith("<") else ""
    looks = " (it looks like JSON)" if head.startswith(("{", "[")) else looks
    width = f"its first row has {len(row)} fields, {name} rows have {len(columns)}"
    return f"not an OFAC {name} file{looks}: {width}"


def _without_eof_byte(lines: Iterator[str]) -> Iterator[str]:
    """The file's lines, less the 0x1A byte OFAC puts after the last line (only there)."""
    previous: str | None = None
    for line in lines:
        if previous is not None:
            yield previous
        previous = line
    if previous is not None:
        previous = previous.removesuffix(EOF_BYTE)
        if previous:
            yield previous
