"""A synthetic OFAC SDN list in the published legacy CSV format, for measuring the importer at scale.

The real list is not redistributed here, so the benchmark writes one of the size it wants, with
the quirks the reader must handle: no header, Latin-1 with accented names, CRLF, `-0- ` for empty,
a trailing 0x1A byte, several programmes in one field, and remarks with birth dates, places of
birth, nationalities, gender, identity numbers, `a.k.a.` names and `Linked To:` ties to earlier
entries. The mix (about 60% individuals, 35% entities, 5% vessels; a third of the entries linked
to another) follows the real excerpt's. Every value is invented.

    write_sdn_trio(Path("/tmp/sdn"), entries=6_510)
"""

from __future__ import annotations

import random
from pathlib import Path

GIVEN = [
    "José",
    "María",
    "Juan",
    "Ana",
    "Luis",
    "Carmen",
    "Jorge",
    "Rosa",
    "Pedro",
    "Elena",
    "Víctor",
    "Inés",
]
FAMILY = ["García", "Pérez", "Rodríguez", "Núñez", "Ortega", "Peña", "Castillo", "Muñoz", "Rivas", "Mejía"]
WORDS = ["Inversiones", "Grupo", "Transportes", "Comercial", "Servicios", "Agropecuaria", "Naviera"]
PROGRAMS = ["VENEZUELA", "VENEZUELA-EO13850", "NICARAGUA", "TCO", "SDNTK", "GLOMAG", "ILLICIT-DRUGS-EO14059"]
COUNTRIES = ["Venezuela", "Nicaragua", "Honduras", "Mexico", "Colombia", "Haiti", "Guatemala"]
MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
EMPTY = "-0- "


def _quoted(text: str) -> str:
    return '"' + text.replace('"', '""') + '"'


def _row(fields: list[str]) -> str:
    return ",".join(f if f == EMPTY or f.isdigit() else _quoted(f) for f in fields)


def write_sdn_trio(folder: Path, entries: int, seed: int = 11) -> Path:
    """Write sdn.csv, add.csv and alt.csv with `entries` entries into `folder`; return the folder."""
    rng = random.Random(seed)
    folder.mkdir(parents=True, exist_ok=True)
    names: list[str] = []
    with (
        (folder / "sdn.csv").open("w", encoding="latin-1", newline="") as sdn,
        (folder / "add.csv").open("w", encoding="latin-1", newline="") as add,
        (folder / "alt.csv").open("w", encoding="latin-1", newline="") as alt,
    ):
        for number in range(10_000, 10_000 + entries):
            kind = rng.random()
            country = rng.choice(COUNTRIES)
            programs = "] [".join(sorted(set(rng.sample(PROGRAMS, rng.choice((1, 1, 2))))))
            if kind < 0.60:
                name = (
                    f"{rng.choice(FAMILY).upper()} {rng.choice(FAMILY).upper()}, {rng.choice(GIVEN)} {number}"
                )
                remarks = (
                    f"DOB {rng.randint(1, 28):02d} {rng.choice(MONTHS)} {rng.randint(1940, 1995)}; "
                    f"POB {country}; nationality {country}; Gender {rng.choice(('Male', 'Female'))}; "
                    f"Passport {rng.randint(10**7, 10**8)} ({country})"
                )
                entry_type = "individual"
            elif kind < 0.95:
                name = f"{rng.choice(WORDS).upper()} {rng.choice(FAMILY).upper()} {number} C.A."
                remarks = f"RIF # J{rng.randint(10**8, 10**9)} ({country})"
                entry_type = EMPTY
            else:
                name = f"{rng.choice(WORDS).upper()} {number}"
                remarks = f"Vessel Registration Identification IMO {rng.randint(10**6, 10**7)}"
                entry_type = "vessel"
            if entry_type != "vessel" and rng.random() < 0.2:
                remarks += f"; a.k.a. '{rng.choice(FAMILY).upper()} {number}'"
            if entry_type != "vessel" and names and rng.random() < 0.33:
                remarks += f"; Linked To: {rng.choice(names)}"
            fields = [
                str(number),
                name,
                entry_type,
                programs,
                EMPTY,
                EMPTY,
                EMPTY,
                EMPTY,
                EMPTY,
                EMPTY,
                EMPTY,
            ]
            sdn.write(_row([*fields, remarks + "."]) + "\r\n")
            add.write(_row([str(number), str(number), f"Calle {number}", "Caracas", country, EMPTY]) + "\r\n")
            if rng.random() < 0.3:
                alias = f"{rng.choice(GIVEN).upper()} {rng.choice(FAMILY).upper()} {number}"
                alt.write(_row([str(number), str(number), "aka", alias, EMPTY]) + "\r\n")
            if entry_type != "vessel":
                names.append(name)
    for name in ("sdn.csv", "add.csv", "alt.csv"):
        with (folder / name).open("ab") as handle:
            handle.write(b"\x1a")
    return folder
