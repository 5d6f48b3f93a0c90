"""Read CBP's "Nationwide Encounters" CSV files into encounter counts and ENCOUNTERED_IN edges.

CBP publishes two variants of the file (https://www.cbp.gov/newsroom/stats/nationwide-encounters):

- by state:  Fiscal Year, Month Grouping, Month (abbv), Land Border Region, State, Demographic,
             Citizenship, Title of Authority, Encounter Count
- by area of responsibility: ... Component, Land Border Region, Area of Responsibility,
             AOR (Abbv), Demographic, Citizenship, Title of Authority, Encounter Type, Encounter Count

Both are read the same way: headers are matched by their snake-case form (`Month (abbv)` is
`month_abbv`), so janitor-cleaned copies of the files read too. The file is streamed row by row
and only the running totals are kept (a few thousand keys at most), so a 100,000-row file reads
in bounded memory.

Counts are aggregated by citizenship and fiscal year, nationwide (every region added up, as CBP
defines it) and by land border region. `OTHER` is CBP's catch-all and stays a bucket of its own.
A row with an unknown citizenship, region or fiscal year, or a count that is not a whole number,
is never dropped silently: it is reported with its line number.

>>> table = read_encounters(Path("tests/fixtures/cbp/state-variant.csv"))
>>> table.count("mexico", 2022, "southwest land border")
2000
"""

from __future__ import annotations

import csv
import re
from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path

from csn.graph.errors import DataError, Problem
from csn.graph.model import Citation, Edge

OTHER = "OTHER"
NATIONWIDE = "nationwide"
REQUIRED = ("fiscal_year", "land_border_region", "citizenship", "encounter_count")
VARIANTS = {
    "state": ("state",),
    "area of responsibility": ("component", "aor_abbv", "encounter_type"),
}
# CBP's region names and the schema's `area` values; "Other" (airports, seaports, inland) only
# counts towards the nationwide total.
REGIONS = {
    "southwest land border": "southwest land border",
    "northern land border": "northern land border",
    "other": "other",
}
MONTHS = ("OCT", "NOV", "DEC", "JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP")

# CBP's upper-case citizenship values and the Country ids of the seed.
CBP_CITIZENSHIP: dict[str, str] = {
    "BRAZIL": "brazil",
    "CANADA": "canada",
    "CHINA, PEOPLES REPUBLIC OF": "china",
    "COLOMBIA": "colombia",
    "CUBA": "cuba",
    "ECUADOR": "ecuador",
    "EL SALVADOR": "el-salvador",
    "GUATEMALA": "guatemala",
    "HAITI": "haiti",
    "HONDURAS": "honduras",
    "INDIA": "india",
    "MEXICO": "mexico",
    "MYANMAR (BURMA)": "myanmar",
    "NICARAGUA": "nicaragua",
    "PERU": "peru",
    "PHILIPPINES": "philippines",
    "ROMANIA": "romania",
    "RUSSIA": "russia",
    "TURKEY": "turkey",
    "UKRAINE": "ukraine",
    "VENEZUELA": "venezuela",
}


def snake(header: str) -> str:
    """A header in snake case: 'AOR (Abbv)' -> 'aor_abbv', 'Encounter Count' -> 'encounter_count'."""
    return re.sub(r"[^a-z0-9]+", "_", header.strip().lower()).strip("_")


@dataclass
class EncounterTable:
    """Encounters by citizenship key (a Country id or OTHER), fiscal year and area.

    `area` is `nationwide`, `southwest land border`, `northern land border` or `other`.
    `months` holds the months seen per fiscal year (a fiscal year in progress has fewer than 12).
    `problems` lists every row that was not counted and why.
    """

    path: str
    variant: str
    counts: dict[tuple[str, int, str], int] = field(default_factory=dict)
    months: dict[int, set[str]] = field(default_factory=dict)
    rows: int = 0
    problems: list[Problem] = field(default_factory=list)

    def count(self, key: str, fiscal_year: int, area: str = NATIONWIDE) -> int:
        """Encounters for one citizenship key, fiscal year and area (0 when none were counted)."""
        return self.counts.get((key, fiscal_year, area), 0)

    def total(self, fiscal_year: int, area: str = NATIONWIDE) -> int:
        """Encounters of every citizenship, OTHER included, for a fiscal year and area."""
        return sum(n for (_, fy, a), n in self.counts.items() if fy == fiscal_year and a == area)

    @property
    def fiscal_years(self) -> list[int]:
        return sorted({fy for _, fy, _ in self.counts})

    @property
    def keys(self) -> list[str]:
        """Citizenship keys counted: Country ids, and OTHER when present."""
        return sorted({key for key, _, _ in self.counts})


def read_encounters(
    path: Path,
    *,
    citizenship: Mapping[str, str] = CBP_CITIZENSHIP,
    strict: bool = True,
) -> EncounterTable:
    """Stream one CBP Nationwide Encounters CSV file and aggregate it.

    Raises DataError if the header is not one of CBP's variants, and, when `strict`, if any row
    could not be counted (every such row is listed with its line). With `strict=False` the bad
    rows are left out of the totals and listed in `table.problems`.
    """
    shown = str(path)
    with open(path, newline="", encoding="utf-8-sig") as handle:
        reader = csv.reader(handle)
        header = next(reader, None)
        if header is None:
            raise DataError([Problem(shown, "header", "-", "the file is empty", 1)])
        columns = [snake(h) for h in header]
        variant = _variant(shown, columns)
        index = {name: columns.index(name) for name in (*REQUIRED, "month_abbv") if name in columns}
        table = EncounterTable(path=shown, variant=variant)
        sums: dict[tuple[str, int, str], int] = defaultdict(int)
        for row in reader:
            line = reader.line_num
            if not any(cell.strip() for cell in row):
                continue
            table.rows += 1
            counted = _read_row(shown, line, row, columns, index, citizenship, table.problems)
            if counted is None:
                continue
            key, fiscal_year, area, month, count = counted
            sums[(key, fiscal_year, area)] += count
            sums[(key, fiscal_year, NATIONWIDE)] += count
            if month:
                table.months.setdefault(fiscal_year, set()).add(month)
    table.counts = dict(sums)
    if strict and table.problems:
        raise DataError(table.problems)
    return table


def _variant(shown: str, columns: list[str]) -> str:
    missing = [name for name in REQUIRED if name not in columns]
    matched = [name for name, needs in VARIANTS.items() if all(n in columns for n in needs)]
    if missing or not matched:
        wanted = "State, or Component, AOR (Abbv) and Encounter Type"
        why = f"missing {', '.join(missing)}" if missing else f"neither variant's columns ({wanted})"
        raise DataError([Problem(shown, "header", "-", f"not a CBP Nationwide Encounters file: {why}", 1)])
    return matched[0]


def _read_row(
    shown: str,
    line: int,
    row: list[str],
    columns: list[str],
    index: dict[str, int],
    citizenship: Mapping[str, str],
    problems: list[Problem],
) -> tuple[str, int, str, str, int] | None:
    """(citizenship key, fiscal year, area, month, count) of one row, or None after recording why."""
    record = f"row {line}"
    if len(row) != len(columns):
        problems.append(
            Problem(shown, record, "-", f"has {len(row)} fields, the header {len(columns)}", line)
        )
        return None
    raw_year = row[index["fiscal_year"]].strip()
    fiscal_year = int(raw_year) if raw_year.isdigit() and len(raw_year) == 4 else None
    if fiscal_year is None:
        problems.append(Problem(shown, record, "Fiscal Year", f"'{raw_year}' is not a year", line))
    region = REGIONS.get(row[index["land_border_region"]].strip().lower())
    if region is None:
        value = row[index["land_border_region"]].strip()
        problems.append(Problem(shown, record, "Land Border Region", f"unknown region '{value}'", line))
    name = " ".join(row[index["citizenship"]].split()).upper()
    key = OTHER if name == OTHER else citizenship.get(name)
    if key is None:
        problems.append(Problem(shown, record, "Citizenship", f"unknown citizenship '{name}'", line))
    raw_count = row[index["encounter_count"]].strip().replace(",", "")
    count = int(raw_count) if raw_count.isdigit() else None
    if count is None:
        shown_count = row[index["encounter_count"]].strip()
        problems.append(
            Problem(shown, record, "Encounter Count", f"'{shown_count}' is not a whole number", line)
        )
    if key is None or fiscal_year is None or region is None or count is None:
        return None  # each was recorded in `problems` above
    month = row[index["month_abbv"]].strip().upper() if "month_abbv" in index else ""
    return key, fiscal_year, region, month if month in MONTHS else "", count


def fiscal_year_dates(fiscal_year: int) -> tuple[str, str]:
    """First and last day of a US fiscal year: FY2024 runs from 2023-10-01 to 2024-09-30."""
    return f"{fiscal_year - 1}-10-01", f"{fiscal_year}-09-30"


def encounter_edge_id(country_id: str, fiscal_year: int, area: str) -> str:
    """The id flows use for one ENCOUNTERED_IN fact, e.g. 'enc-mexico-fy2024-southwest-land-border'."""
    return f"enc-{country_id}-fy{fiscal_year}-{area.replace(' ', '-')}"


def encounter_edges(
    table: EncounterTable,
    source_id: str,
    *,
    says: str = "CBP Nationwide Encounters data file",
    to_id: str = "united-states",
    status: str = "official_finding",
    areas: Iterable[str] = (NATIONWIDE, "southwest land border", "northern land border"),
) -> list[Edge]:
    """ENCOUNTERED_IN edges for every Country counted in `table` (OTHER has no Country node).

    Each edge cites `source_id` (a Source node the caller writes too) with what it says, and
    notes when its fiscal year is counted for fewer than 12 months. Raises nothing.
    """
    edges = []
    wanted = tuple(areas)
    for (key, fiscal_year, area), count in sorted(table.counts.items()):
        if key == OTHER or area not in wanted:
            continue
        start, end = fiscal_year_dates(fiscal_year)
        months = table.months.get(fiscal_year, set())
        properties: dict[str, object] = {"fiscal_year": fiscal_year, "encounters": count, "area": area}
        if months and len(months) < len(MONTHS):
            properties["note"] = f"fiscal year to date: {len(months)} of 12 months in {table.path}"
        edges.append(
            Edge(
                id=encounter_edge_id(key, fiscal_year, area),
                type="ENCOUNTERED_IN",
                from_id=key,
                to_id=to_id,
                status=status,
                citations=(Citation(source_id, f"{says}: {count} encounters, FY{fiscal_year}, {area}"),),
                valid_from=start,
                valid_to=end,
                properties=properties,
            )
        )
    return edges
