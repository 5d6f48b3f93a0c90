"""Read OFAC's Specially Designated Nationals (SDN) list, legacy CSV trio, into one list edition.

OFAC publishes the list at https://sanctionslist.ofac.treas.gov as `sdn.csv` (the entries), `add.csv`
(their addresses) and `alt.csv` (their other names). `read_ofac` reads them as published:

- no header row; Latin-1; CRLF line ends; a 0x1A (DOS end-of-file) byte after the last line,
  accepted there and nowhere else; `-0-`, often with a trailing space, means empty;
- `sdn.csv`: ent_num, name, type (`individual`, `vessel`, `aircraft`, or `-0-` for an entity),
  programs (several written `A] [B`, OFAC's bracketed list without its outer brackets), title,
  call_sign, vess_type, tonnage, grt, vess_flag, vess_owner, remarks;
- `add.csv`: ent_num, add_num, address, city (city/state/postal code), country, add_remarks;
- `alt.csv`: ent_num, alt_num, alt_type (`aka`, `fka`, `nka`), alt_name, alt_remarks;
- the remarks hold birth dates, ID numbers, a.k.a. names and `Linked To: NAME.` (see
  `csn.loaders.lists.ofac_remarks`; a part it cannot read, such as an odd DOB, is counted in `unsupported`).

Rows are streamed (`csn.loaders.lists.ofac_csv`); bad rows are Problems naming file, line, entry and column.

The CSV carries no date, so the caller states the edition's date (`list_date`). Each entry is a
node `ofac-sdn-ENT_NUM` whose label follows the one rule of `csn.loaders.lists.entity_kind.label_for`, fed
the programmes and the list's words about the entry (name, aliases, title, remarks less their
`Linked To` parts, which are about another entry); vessels and aircraft have no label: counted in
`unsupported`, by kind. Its properties: the name
as OFAC writes it, aliases (alt.csv's, then the remarks' a.k.a. names), identifiers (`OFAC SDN:
ENT_NUM` first, then the remarks' ID numbers), birth dates, birth place, nationalities (nationality
and citizen), gender, and addresses (add.csv's address, city and country joined by `, `).

Edges, each citing the edition's Source node with the row's own words (`SDN entry 22790, programs
[VENEZUELA] [IRAN-CON-ARMS-EO], title President of ...: DOB 23 Nov 1962; ...` for a listing,
`SDN entry 12625: Linked To: THIEVES-IN-LAW.` for a link):

- one listing edge per entry to the curated Authority `ofac`: DESIGNATED_BY (status `designated`)
  when one of its programmes is a designation (DESIGNATION_PROGRAMS: FTO, SDGT, TCO, SDNTK for the
  Kingpin Act), otherwise SANCTIONED_BY (status `sanctioned`); with the programmes, the entry
  number as reference, and no start date (the CSV gives none);
- a LINKED_TO edge (status `official_finding`) for each `Linked To: NAME.`, to the entry of that
  exact primary name, else the one entry with that alias. A link to an entry left out of the
  import, or to a name no entry (or several entries) carries, is counted in `unsupported`.

`programs` narrows the import to entries with a programme starting with one of the given codes
(case-insensitive: `VENEZUELA` takes `VENEZUELA-EO13850`).

>>> edition = read_ofac(Path("tests/fixtures/lists/ofac"), "2024-05-01")
>>> [n.name for n in edition.records if n.id == "ofac-sdn-36001"]
['PÉREZ GÓMEZ, José Luis']
"""

from __future__ import annotations

import datetime
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from csn.graph.errors import DataError, Problem
from csn.graph.model import Citation, Edge, Node
from csn.graph.names import DESIGNATED_BY, LINKED_TO, SANCTIONED_BY
from csn.graph.schema import SCHEMA
from csn.loaders.lists.entity_kind import label_for
from csn.loaders.lists.listing import ListEdition, ListImport, entry_id, listing_edge_id
from csn.loaders.lists.ofac_csv import (
    ADD_COLUMNS,
    ALT_COLUMNS,
    EMPTY,
    SDN_COLUMNS,
    address_of,
    alias_of,
    is_number,
    read_extra,
    rows,
)  # fmt: skip
from csn.loaders.lists.ofac_remarks import LINKED_TO_PREFIX, Remarks, link_target, parse_remarks, split_parts

LIST_KEY = "ofac-sdn"
AUTHORITY = "ofac"
PUBLISHER = "Office of Foreign Assets Control, U.S. Department of the Treasury"
TITLE = "Specially Designated Nationals and Blocked Persons List (SDN)"
URL = "https://sanctionslist.ofac.treas.gov"

# The schema's relationship types and statuses this reader writes: the one place they are named.
SANCTIONED = (SANCTIONED_BY, SCHEMA.status("sanctioned").name)
DESIGNATED = (DESIGNATED_BY, SCHEMA.status("designated").name)
LINKED = (LINKED_TO, SCHEMA.status("official_finding").name)
AUTHORITY_LABEL = SCHEMA.labels_with_role("authority")[0]

DESIGNATION_PROGRAMS = frozenset({"FTO", "SDGT", "TCO", "SDNTK"})
KINDS = {"individual": "individual", "vessel": "vessel", "aircraft": "aircraft", "": "entity"}


@dataclass(frozen=True)
class Entry:
    """One row of sdn.csv, its `-0-`s made empty and its remarks read."""

    ent_num: str
    name: str
    kind: str
    programs: tuple[str, ...]
    title: str
    remarks: str
    parsed: Remarks


def read_ofac(
    path: Path, list_date: str, programs: tuple[str, ...] = (), skip_bad: bool = False
) -> ListImport:
    """Read the SDN trio at `path` (their folder, or sdn.csv with add.csv and alt.csv beside it;
    those two may be absent) as the edition of `list_date` (YYYY-MM-DD).

    Raises DataError naming every bad row (file, line, entry, column), or a bad `list_date`, or
    a file that is not of the SDN trio. With `skip_bad`, bad rows are left out and listed in
    `skipped` instead; a file of the wrong kind still raises.
    """
    shown = str(path)
    _check_date(shown, list_date)
    sdn_path = path / "sdn.csv" if path.is_dir() else path
    if not sdn_path.is_file():
        raise DataError(
            [Problem(shown, "-", "-", "no sdn.csv here: give the folder of the SDN files or sdn.csv")]
        )
    problems: list[Problem] = []
    entries, seen = _read_entries(sdn_path, problems)
    aliases = read_extra(sdn_path.parent / "alt.csv", ALT_COLUMNS, seen, problems, alias_of)
    addresses = read_extra(sdn_path.parent / "add.csv", ADD_COLUMNS, seen, problems, address_of)
    if problems and not skip_bad:
        raise DataError(problems)
    source = Node(
        id=f"{LIST_KEY}-{list_date}",
        label=SCHEMA.source_label,
        name=f"OFAC Specially Designated Nationals (SDN) List, {list_date}",
        properties={"publisher": PUBLISHER, "title": TITLE, "date": list_date, "url": URL},
    )
    edition = ListEdition(key=LIST_KEY, date=list_date, source=source, authority_ids=(AUTHORITY,))
    result = ListImport(edition=edition, records=[source], skipped=problems)
    _build(entries, aliases, addresses, tuple(p.strip().upper() for p in programs if p.strip()), result)
    return result


def _build(
    entries: dict[str, Entry],
    aliases: dict[str, list[str]],
    addresses: dict[str, list[str]],
    wanted: tuple[str, ...],
    result: ListImport,
) -> None:
    """Append the nodes, then the edges, of the entries with a wanted programme to `result`."""
    source_id = result.edition.source.id
    labels: dict[str, str] = {}
    edges: list[Edge | None] = []
    for entry in entries.values():
        if wanted and not any(p.upper().startswith(wanted) for p in entry.programs):
            continue
        names = _aliases(entry, aliases.get(entry.ent_num, []))
        about = [p for p in split_parts(entry.remarks) if not p.startswith(LINKED_TO_PREFIX)]
        label = label_for(entry.kind, entry.programs, (entry.name, *names, entry.title, *about))
        if label is None:
            result.unsupported[entry.kind] += 1
            continue
        for part in entry.parsed.not_understood:
            result.unsupported[f"remarks: {part} not understood"] += 1
        node = _node(entry, label, names, addresses.get(entry.ent_num, []))
        labels[entry.ent_num] = label
        result.records.append(node)
        edges.append(_listing(entry, node, source_id, result.unsupported))
    index = _name_index(entries, aliases)
    for ent_num, label in labels.items():
        edges.extend(_links(entries[ent_num], label, labels, index, source_id, result.unsupported))
    result.records.extend(edge for edge in edges if edge is not None)


def _node(entry: Entry, label: str, aliases: list[str], addresses: list[str]) -> Node:
    parsed = entry.parsed
    properties: dict[str, object] = {
        "aliases": aliases,
        "identifiers": [f"OFAC SDN: {entry.ent_num}", *parsed.identifiers],
        "birth_dates": parsed.birth_dates,
        "birth_place": parsed.birth_place,
        "nationalities": parsed.nationalities,
        "gender": parsed.gender,
        "addresses": list(dict.fromkeys(addresses)),
    }
    kept = {key: value for key, value in properties.items() if value}
    return Node(id=entry_id(LIST_KEY, entry.ent_num), label=label, name=entry.name, properties=kept)


def _aliases(entry: Entry, alt_names: list[str]) -> list[str]:
    return [a for a in dict.fromkeys([*alt_names, *entry.parsed.aliases]) if a != entry.name]


def _says(entry: Entry) -> str:
    written = " ".join(f"[{p}]" for p in entry.programs)
    title = f", title {entry.title}" if entry.title else ""
    return f"SDN entry {entry.ent_num}, programs {written}{title}" + (
        f": {entry.remarks}" if entry.remarks else "."
    )


def _listing(entry: Entry, node: Node, source_id: str, unsupported: Counter[str]) -> Edge | None:
    """The entry's DESIGNATED_BY or SANCTIONED_BY edge to OFAC, or None (counted) if the schema
    does not let its label have one."""
    designations = [p for p in entry.programs if p.upper() in DESIGNATION_PROGRAMS]
    rel_type, status = DESIGNATED if designations else SANCTIONED
    if not SCHEMA.relationship(rel_type).allows(node.label, AUTHORITY_LABEL):
        unsupported[f"{rel_type} of a {node.label}"] += 1
        return None
    properties = {"program": "; ".join(entry.programs), "reference": entry.ent_num, "list": LIST_KEY}
    if designations:
        properties["designation"] = "; ".join(designations)
    return Edge(
        id=listing_edge_id(node.id, rel_type, AUTHORITY),
        type=rel_type,
        from_id=node.id,
        to_id=AUTHORITY,
        status=status,
        citations=(Citation(source_id, _says(entry)),),
        properties=properties,
    )


def _name_index(entries: dict[str, Entry], aliases: dict[str, list[str]]) -> dict[str, dict[str, set[str]]]:
    """Entry numbers by exact primary name ("name") and by alias ("alias"), over the whole file."""
    index: dict[str, dict[str, set[str]]] = {"name": {}, "alias": {}}
    for entry in entries.values():
        index["name"].setdefault(entry.name, set()).add(entry.ent_num)
        for alias in _aliases(entry, aliases.get(entry.ent_num, [])):
            index["alias"].setdefault(alias, set()).add(entry.ent_num)
    return index


def _links(
    entry: Entry,
    label: str,
    labels: dict[str, str],
    index: dict[str, dict[str, set[str]]],
    source_id: str,
    unsupported: Counter[str],
) -> Iterator[Edge]:
    """The entry's LINKED_TO edges; each `Linked To` that cannot be one is counted, never guessed."""
    rel_type, status = LINKED
    from_id = entry_id(LIST_KEY, entry.ent_num)
    linked: set[str] = set()
    for part in entry.parsed.links:
        target = link_target(part)
        found = _resolve(target, index)
        if found is None:
            unsupported["Linked To a name no entry carries"] += 1
        elif not found:
            unsupported["Linked To a name several entries carry"] += 1
        elif found not in labels:
            unsupported["Linked To an entry not imported"] += 1
        elif found == entry.ent_num:
            unsupported["Linked To the entry itself"] += 1
        elif found in linked:
            continue  # two spellings of one target's name: one tie
        elif not SCHEMA.relationship(rel_type).allows(label, labels[found]):
            unsupported[f"Linked To from a {label} to a {labels[found]}"] += 1
        else:
            to_id = entry_id(LIST_KEY, found)
            linked.add(found)
            yield Edge(
                id=f"{from_id}--linked-to--{to_id}",
                type=rel_type,
                from_id=from_id,
                to_id=to_id,
                status=status,
                citations=(Citation(source_id, f"SDN entry {entry.ent_num}: {part}"),),
                properties={"list": LIST_KEY},
            )


def _resolve(target: str, index: dict[str, dict[str, set[str]]]) -> str | None:
    """The entry number a `Linked To` name names: its exact primary name (with its trailing full
    stop, then without), else the one entry with that alias; "" when several carry it; None when
    none does."""
    tries = list(dict.fromkeys([target, target.removesuffix(".").strip()]))
    for kind in ("name", "alias"):
        for name in tries:
            found = index[kind].get(name)
            if found:
                return next(iter(found)) if len(found) == 1 else ""
    return None


def _check_date(shown: str, list_date: str) -> None:
    """Raises DataError unless `list_date` is a real date written YYYY-MM-DD."""
    try:
        ok = len(list_date) == 10 and datetime.date.fromisoformat(list_date).isoformat() == list_date
    except ValueError:
        ok = False
    if not ok:
        message = f"'{list_date}' is not a date written YYYY-MM-DD (the SDN files carry no date of their own)"
        raise DataError([Problem(shown, "options", "--list-date", message)])


def _read_entries(path: Path, problems: list[Problem]) -> tuple[dict[str, Entry], set[str]]:
    """The good entries of sdn.csv by ent_num, and every ent_num the file holds (bad rows too)."""
    shown = str(path)
    entries: dict[str, Entry] = {}
    lines: dict[str, int] = {}
    for line, row in rows(path, SDN_COLUMNS, problems):
        ent_num = row["ent_num"]
        record = f"entry {ent_num or EMPTY}"
        if not is_number(ent_num):
            problems.append(Problem(shown, record, "ent_num", "is not a whole number", line))
            continue
        if ent_num in lines:
            message = f"entry {ent_num} appears twice (first on line {lines[ent_num]})"
            problems.append(Problem(shown, record, "ent_num", message, line))
            continue
        lines[ent_num] = line
        bad = len(problems)
        if row["type"] not in KINDS:
            message = (
                f"'{row['type']}' is not an SDN type (individual, vessel, aircraft, or {EMPTY} for an entity)"
            )
            problems.append(Problem(shown, record, "type", message, line))
        programs = tuple(p.strip() for p in row["programs"].strip("[]").split("] [") if p.strip())
        if not programs:
            problems.append(
                Problem(shown, record, "programs", "is empty: every SDN entry names its programmes", line)
            )
        if not row["name"]:
            problems.append(Problem(shown, record, "name", "is empty", line))
        if len(problems) == bad:
            parsed = parse_remarks(row["remarks"])
            kind = KINDS[row["type"]]
            entries[ent_num] = Entry(
                ent_num, row["name"], kind, programs, row["title"], row["remarks"], parsed
            )
    if not lines and not problems:
        raise DataError([Problem(shown, "-", "-", "holds no entries: not an OFAC sdn.csv file")])
    return entries, set(lines)
