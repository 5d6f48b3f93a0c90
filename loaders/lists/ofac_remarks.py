"""Read the remarks field of an OFAC SDN entry: birth dates, nationality, ID numbers, a.k.a. names, links.

OFAC writes one remarks string per entry, parts separated by `; `, the last ending with `.`:

    DOB 23 Nov 1962; POB Caracas, Venezuela; citizen Venezuela; Gender Male;
    Cedula No. 5892464 (Venezuela); President of the Bolivarian Republic of Venezuela.

A part may start with `alt.` (another value of the same kind: `alt. DOB 01 Jan 1973`). The parts
read here, each as OFAC writes it:

- `DOB 23 Nov 1962` -> `1962-11-23`; `DOB Nov 1962` -> `1962-11`; `DOB 1962` and `DOB circa 1962`
  -> `1962` (circa keeps only the year); a range `DOB 01 Feb 1960 to 29 Feb 1960` keeps what both
  ends share (`1960-02`; across years, each year of the range, up to MAX_RANGE_YEARS);
- `POB PLACE` (the first one is the birth place), `nationality X`, `citizen X`, `Gender Male`;
- ID numbers of the schemes in ID_SCHEMES: `Passport X0062329 (Switzerland) issued 27 Feb 2012`
  -> `Passport: X0062329 (Switzerland)`;
- `a.k.a. 'NAME'` (and `f.k.a.`, `n.k.a.`) -> an alias; `Linked To: NAME.` -> a link, by name.

Every other part (titles, websites, e-mail addresses, vessel details) is left to the remarks as
written, which the listing edge quotes whole. A DOB part that cannot be read is named in
`not_understood`, never guessed.

>>> r = parse_remarks("DOB 23 Nov 1962; alt. DOB circa 1960; POB Caracas, Venezuela; citizen Venezuela; "
...                   "Gender Male; Cedula No. 5892464 (Venezuela); a.k.a. 'EL JEFE'; Linked To: X, S.A.")
>>> r.birth_dates, r.birth_place, r.nationalities, r.gender
(['1962-11-23', '1960'], 'Caracas, Venezuela', ['Venezuela'], 'Male')
>>> r.identifiers, r.aliases, r.links
(['Cedula No.: 5892464 (Venezuela)'], ['EL JEFE'], ['Linked To: X, S.A.'])
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass, field

_FULL = (
    "january", "february", "march", "april", "may", "june",
    "july", "august", "september", "october", "november", "december",
)  # fmt: skip
MONTHS = {**{m[:3]: i for i, m in enumerate(_FULL, 1)}, **{m: i for i, m in enumerate(_FULL, 1)}, "sept": 9}
MAX_RANGE_YEARS = 10
LINKED_TO_PREFIX = "Linked To: "

# The identity and registration numbers OFAC writes in remarks, as it spells their schemes.
ID_SCHEMES = (
    "Passport",
    "Diplomatic Passport",
    "Cedula No.",
    "National ID No.",
    "National Foreign ID Number",
    "Identification Number",
    "Personal ID Card",
    "Residency Number",
    "Birth Certificate Number",
    "Refugee ID Card",
    "SSN",
    "Tax ID No.",
    "Registration ID",
    "Registration Number",
    "Public Registration Number",
    "Business Registration Document #",
    "Business Registration Number",
    "Commercial Registry Number",
    "Certificate of Incorporation Number",
    "Company Number",
    "Government Gazette Number",
    "Legal Entity Number",
    "File Number",
    "Trade License No.",
    "V.A.T. Number",
    "D-U-N-S Number",
    "SWIFT/BIC",
    "Unified Social Credit Code (USCC)",
    "NIT #",
    "RIF #",
    "RUC #",
    "RTN",
    "RFC",
    "C.U.I.",
    "C.U.I.T.",
    "C.U.R.P.",
    "Matricula Mercantil No",
    "Folio Mercantil No.",
    "Numero de Identidad",
    "Driver's License No.",
    "Electoral Registry No.",
)
_SCHEME = "|".join(re.escape(s) for s in sorted(ID_SCHEMES, key=len, reverse=True))
ID_PART = re.compile(
    rf"(?P<scheme>{_SCHEME}) (?P<value>.+?)(?P<where>(?: \([^()]*\))*)"
    r"(?: issued .*| expires .*)?\.?$"
)
DATE = r"(?:(?P<{p}d>\d{{1,2}}) )?(?:(?P<{p}m>[A-Za-z]{{3,9}}) )?(?P<{p}y>\d{{4}})"
DOB_PART = re.compile(
    rf"DOB (?P<circa>circa )?{DATE.format(p='a')}(?: to {DATE.format(p='b')})?\.?$", re.IGNORECASE
)
ALIAS_PART = re.compile(r"[afn]\.k\.a\. '(?P<name>.+)'\.?$")


@dataclass
class Remarks:
    """What one entry's remarks say, each value as OFAC gives it (dates made ISO)."""

    birth_dates: list[str] = field(default_factory=list)
    birth_place: str | None = None
    nationalities: list[str] = field(default_factory=list)
    gender: str | None = None
    identifiers: list[str] = field(default_factory=list)
    aliases: list[str] = field(default_factory=list)
    links: list[str] = field(default_factory=list)
    not_understood: list[str] = field(default_factory=list)


def split_parts(remarks: str) -> list[str]:
    """The remarks' parts, as written: split at `; `, empty parts dropped."""
    return [part.strip() for part in re.split(r";\s+", remarks) if part.strip()]


def link_target(part: str) -> str:
    """The name a `Linked To: NAME.` part names, as written (a trailing full stop kept)."""
    return part[len(LINKED_TO_PREFIX) :].strip()


def parse_remarks(remarks: str) -> Remarks:
    """Read one remarks string (already stripped of OFAC's `-0-`). Raises nothing."""
    found = Remarks()
    for part in split_parts(remarks):
        text = part[len("alt. ") :] if part.startswith("alt. ") else part
        bare = text.rstrip(".").strip()
        if text.startswith("DOB "):
            dates = birth_dates(text)
            if dates:
                _add(found.birth_dates, *dates)
            else:
                found.not_understood.append("DOB")
        elif text.startswith("POB "):
            if found.birth_place is None:
                found.birth_place = bare[4:].strip()
        elif text.startswith(("nationality ", "citizen ")):
            _add(found.nationalities, bare.split(" ", 1)[1].strip())
        elif text.startswith("Gender "):
            found.gender = found.gender or bare[7:].strip()
        elif text.startswith(LINKED_TO_PREFIX):
            _add(found.links, text)
        elif alias := ALIAS_PART.match(text):
            _add(found.aliases, alias["name"].strip())
        elif number := ID_PART.match(text):
            _add(found.identifiers, f"{number['scheme']}: {number['value'].strip()}{number['where']}")
    return found


def birth_dates(part: str) -> list[str]:
    """The dates a `DOB ...` part gives, ISO at their own precision; [] when it cannot be read.

    >>> birth_dates("DOB 23 Nov 1962"), birth_dates("DOB Nov 1962"), birth_dates("DOB circa 1962.")
    (['1962-11-23'], ['1962-11'], ['1962'])
    >>> birth_dates("DOB 26 Sep 1946 to 07 Dec 1946"), birth_dates("DOB 01 Jan 1955 to 31 Dec 1956")
    (['1946'], ['1955', '1956'])
    """
    match = DOB_PART.match(part)
    if match is None:
        return []
    start = _date(match["ad"], match["am"], match["ay"])
    if start is None:
        return []
    if match["circa"]:
        return [start[:4]]
    if match["by"] is None:
        return [start]
    end = _date(match["bd"], match["bm"], match["by"])
    if end is None or end < start:
        return []
    if start == end:
        return [start]
    if start[:7] == end[:7] and len(start) >= 7:
        return [start[:7]]
    first, last = int(start[:4]), int(end[:4])
    if last - first > MAX_RANGE_YEARS:
        return []
    return [str(year) for year in range(first, last + 1)]


def _date(day: str | None, month: str | None, year: str) -> str | None:
    """ISO date at the precision given, or None when the month or day is not a real one."""
    if month is None:
        return None if day else year
    number = MONTHS.get(month.lower())
    if number is None:
        return None
    if day is None:
        return f"{year}-{number:02d}"
    if not 1 <= int(day) <= calendar.monthrange(int(year), number)[1]:
        return None
    return f"{year}-{number:02d}-{int(day):02d}"


def _add(values: list[str], *new: str) -> None:
    for value in new:
        if value and value not in values:
            values.append(value)
