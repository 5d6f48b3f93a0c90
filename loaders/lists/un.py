"""Read the UN Security Council Consolidated List (XML) into list entries and their designations.

The UN publishes the list at https://scsanctions.un.org as one XML file: root `CONSOLIDATED_LIST`
with `dateGenerated` (an ISO date and time; its date is the edition's date), holding
`INDIVIDUALS/INDIVIDUAL` and `ENTITIES/ENTITY`. Each entry has `DATAID`, `FIRST_NAME` to
`FOURTH_NAME`, `UN_LIST_TYPE` (the sanctions regime: `Haiti`, `DRC`, `Libya`, ...),
`REFERENCE_NUMBER` (`HTi.001`), `LISTED_ON`, `COMMENTS1` (the committee's words about it),
`NAME_ORIGINAL_SCRIPT`, `DESIGNATION/VALUE`, `NATIONALITY/VALUE`, `GENDER` (often absent),
`INDIVIDUAL_ALIAS`/`ENTITY_ALIAS` (`QUALITY` Good, Low, a.k.a. or f.k.a., and `ALIAS_NAME`),
`INDIVIDUAL_DATE_OF_BIRTH` (`TYPE_OF_DATE` EXACT, APPROXIMATELY or BETWEEN, with `DATE`, `YEAR`
or `FROM_YEAR`/`TO_YEAR`), `INDIVIDUAL_PLACE_OF_BIRTH`, `INDIVIDUAL_DOCUMENT` and
`INDIVIDUAL_ADDRESS`/`ENTITY_ADDRESS`.

The mapping, one entry at a time:

- node: id `entry_id("un", REFERENCE_NUMBER)` (`un-hti-001`); label by `csn.loaders.lists.entity_kind`
  (an individual is a Person; an entity a CriminalGroup when its name or comment calls it a gang,
  armed group or the like, else a Company); name = the name parts joined with single spaces as the
  UN writes them (`JIMMY CHERIZIER`); aliases = every `ALIAS_NAME` of quality Good, a.k.a. or
  f.k.a. (quality Low ones are `weak_aliases`: shown, never matched), and
  `NAME_ORIGINAL_SCRIPT`; identifiers = `UN: HTi.001`, then each document as
  `TYPE_OF_DOCUMENT: NUMBER (ISSUING_COUNTRY)`; birth_dates = each `DATE` (YYYY-MM-DD), `YEAR`,
  and for BETWEEN both `FROM_YEAR` and `TO_YEAR`; birth_place = city, state, country; nationalities,
  gender and addresses (street, city, state, postcode, country, and the UN's note in brackets);
- edge: one DESIGNATED_BY to the curated Authority `un-security-council`, status `designated`,
  program `UN_LIST_TYPE`, reference `REFERENCE_NUMBER`, valid_from `LISTED_ON`, list `un-sc`,
  citing the edition's Source node with `COMMENTS1` as what it says (or `Listed on DATE (REF)`);
- the edition: `ListEdition("un-sc", date, Source node un-sc-DATE, ("un-security-council",))`.
  The Source node is one of the records; the Authority is curated (seed/common.yaml), never emitted.

Choices. Whitespace: the UN's comments hold line breaks and its names trailing spaces, and in XML
these are layout, so every text value has its runs of XML whitespace (space, tab, CR, LF) made one
space and is trimmed *before* the project's control-character check; any other control character
(DEL, C1) is refused. What the schema has no place for is left out: an alias's quality beyond
weak or not, an approximate birth date's "approximately", `DESIGNATION`, `TITLE` and
document notes. A missing or unreadable `REFERENCE_NUMBER`, `UN_LIST_TYPE`, name or `LISTED_ON`,
a birth date that is not a date and two entries with the same id are problems of that entry.

The file is streamed (`iterparse`, each entry dropped once read), so a full list is never held
whole; element names are matched without a namespace, should the UN ever add one. iterparse gives
no line numbers, so a problem names its entry (`INDIVIDUAL HTi.001`, or `INDIVIDUAL DATAID 123`
without a reference) and the element; only a break in the XML (a truncated file) carries the
parser's line and column.

>>> edition = read_un(Path("tests/fixtures/lists/un/consolidated.xml")).edition
>>> edition.key, edition.date, edition.source.id
('un-sc', '2026-02-27', 'un-sc-2026-02-27')
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from datetime import date, datetime
from pathlib import Path

from csn.graph.errors import DataError, Problem
from csn.graph.model import Citation, Edge, Node
from csn.graph.names import DESIGNATED_BY, SOURCE
from csn.graph.schema import SCHEMA
from csn.loaders.curated.text import control_characters
from csn.loaders.lists.entity_kind import label_for
from csn.loaders.lists.listing import ListEdition, ListImport, entry_id, listing_edge_id

# The schema's names this reader maps to: the one place they are spelled.
DESIGNATED = SCHEMA.status("designated").name
ENTRY_KINDS = {"INDIVIDUAL": "individual", "ENTITY": "entity"}

ROOT = "CONSOLIDATED_LIST"
LIST_KEY = "un-sc"
AUTHORITY = "un-security-council"
PUBLISHER = "United Nations Security Council"
TITLE = "United Nations Security Council Consolidated List"
URL = "https://scsanctions.un.org"
NOT_THIS_LIST = "not a UN Security Council Consolidated List"

NAME_PARTS = ("FIRST_NAME", "SECOND_NAME", "THIRD_NAME", "FOURTH_NAME")
PLACE_PARTS = ("CITY", "STATE_PROVINCE", "COUNTRY")
WEAK_QUALITY = "low"  # the UN's QUALITY of an alias it calls weak
ADDRESS_PARTS = ("STREET", "CITY", "STATE_PROVINCE", "ZIP_CODE", "COUNTRY")
DOCUMENT_TYPES = ("TYPE_OF_DOCUMENT", "TYPE_OF_DOCUMENT2")
XML_WHITESPACE = re.compile(r"[ \t\r\n]+")
XSD_DATE = re.compile(r"^(\d{4}-\d{2}-\d{2})(Z|[+-]\d{2}:\d{2})?$")
YEAR = re.compile(r"^\d{4}$")


def read_un(path: Path, regimes: tuple[str, ...] = (), skip_bad: bool = False) -> ListImport:
    """Read one edition of the UN Security Council Consolidated List from its XML file.

    `regimes` keeps only entries whose `UN_LIST_TYPE` is one of them (case-insensitive, exact:
    `("Haiti",)`); entries of other regimes are not read at all. Raises DataError listing every
    problem: a file of another kind (not XML, or another root element) or a missing or bad
    `dateGenerated` always; bad entries and a break in the XML unless `skip_bad`, in which case
    the bad entries, and the break with everything after it, are left out and listed in
    `skipped`. OSError if the file cannot be opened.
    """
    reading = _Reading(str(path), {r.strip().casefold() for r in regimes})
    try:
        for event, elem in ET.iterparse(path, events=("start", "end")):
            if event == "start":
                reading.start(elem)
            else:
                reading.end(elem)
    except ET.ParseError as error:
        reading.broken(error)
    return reading.result(skip_bad)


def _clean(text: str | None) -> str:
    """Text with its runs of XML whitespace made one space, trimmed."""
    return XML_WHITESPACE.sub(" ", text).strip() if text else ""


def _local(tag: str) -> str:
    """A tag without its namespace: '{urn:x}ENTITY' -> 'ENTITY'."""
    return tag.rsplit("}", 1)[-1]


def _date(text: str) -> str | None:
    """The YYYY-MM-DD of an XML Schema date (a time zone allowed), or None if it is not one."""
    match = XSD_DATE.match(text)
    if not match:
        return None
    try:
        return date.fromisoformat(match.group(1)).isoformat()
    except ValueError:
        return None


def _unique(values: list[str | None] | list[str], leave_out: str = "") -> list[str]:
    return [v for v in dict.fromkeys(values) if v and v != leave_out]


def edition_source(list_date: str) -> Node:
    """The Source node of the edition generated on `list_date` (YYYY-MM-DD)."""
    return Node(
        id=f"{LIST_KEY}-{list_date}",
        label=SOURCE,
        name=f"UN Security Council Consolidated List, {list_date}",
        properties={"publisher": PUBLISHER, "title": TITLE, "date": list_date, "url": URL},
    )


class _Reading:
    """The state of one pass over the file: depth, the edition's date, records and problems."""

    def __init__(self, shown: str, wanted: set[str]):
        self.shown = shown
        self.wanted = wanted
        self.depth = 0
        self.root_seen = False
        self.container: ET.Element | None = None
        self.list_date: str | None = None
        self.fatal: list[Problem] = []
        self.bad: list[Problem] = []
        self.nodes: list[Node] = []
        self.edges: list[Edge] = []
        self.first_of: dict[str, str] = {}
        self.counts = dict.fromkeys(ENTRY_KINDS, 0)

    def start(self, elem: ET.Element) -> None:
        elem.tag = _local(elem.tag)
        self.depth += 1
        if self.depth == 1:
            self.root_seen = True
            if elem.tag != ROOT:
                raise DataError([self.problem("file", "-", f"{NOT_THIS_LIST}: root element is {elem.tag}")])
            self.list_date = self._list_date(elem.get("dateGenerated"))
        elif self.depth == 2:
            self.container = elem

    def end(self, elem: ET.Element) -> None:
        self.depth -= 1
        if self.depth == 2 and elem.tag in ENTRY_KINDS:
            self.counts[elem.tag] += 1
            self._entry(elem)
            # Drop the entry once read; it is its container's first child, so this is quick.
            if self.container is not None:
                self.container.remove(elem)

    def broken(self, error: ET.ParseError) -> None:
        line, column = error.position
        reason = str(error).rsplit(": line ", 1)[0]
        if not self.root_seen:
            message = f"{NOT_THIS_LIST}: not XML; the parser says '{reason}' at column {column}"
            raise DataError([self.problem("file", "-", message, line)])
        message = (
            f"the XML breaks off at column {column}, the parser says '{reason}': the file is truncated"
            " or not well-formed, and nothing after this point was read"
        )
        self.bad.append(self.problem("file", "-", message, line))

    def result(self, skip_bad: bool) -> ListImport:
        if self.fatal or (self.bad and not skip_bad):
            raise DataError(self.fatal + self.bad)
        assert self.list_date is not None  # set, or a fatal problem was recorded
        source = edition_source(self.list_date)
        edition = ListEdition(key=LIST_KEY, date=self.list_date, source=source, authority_ids=(AUTHORITY,))
        return ListImport(edition, [source, *self.nodes, *self.edges], skipped=list(self.bad))

    def problem(self, record: str, field: str, message: str, line: int | None = None) -> Problem:
        return Problem(self.shown, record, field, message, line)

    def _list_date(self, generated: str | None) -> str | None:
        value = _clean(generated)
        if not value:
            self.fatal.append(self.problem(ROOT, "dateGenerated", "missing: the list's date is unknown"))
            return None
        try:
            return datetime.fromisoformat(value).date().isoformat()
        except ValueError:
            message = f"'{value}' is not an ISO date and time"
            self.fatal.append(self.problem(ROOT, "dateGenerated", message))
            return None

    def _entry(self, elem: ET.Element) -> None:
        """Map one INDIVIDUAL or ENTITY to a node and its designation, or record its problems."""
        tag = elem.tag
        reference = _clean(elem.findtext("REFERENCE_NUMBER"))
        dataid = _clean(elem.findtext("DATAID"))
        named = reference or (f"DATAID {dataid}" if dataid else f"number {self.counts[tag]} in the file")
        entry = _Entry(self, elem, f"{tag} {named}")
        program = entry.text("UN_LIST_TYPE")
        if self.wanted and program.casefold() not in self.wanted:
            return
        reference = entry.text("REFERENCE_NUMBER")
        if not reference:
            entry.missing("REFERENCE_NUMBER")
        if not program:
            entry.missing("UN_LIST_TYPE")
        name = " ".join(part for part in (entry.text(p) for p in NAME_PARTS) if part)
        if not name:
            entry.missing("FIRST_NAME")
        listed_on = entry.date("LISTED_ON", required=True)
        comment = entry.text("COMMENTS1")
        properties = entry.properties(reference, name)
        node_id = entry_id("un", reference)
        if reference and node_id in self.first_of:
            entry.note(
                "REFERENCE_NUMBER", f"gives the id '{node_id}' of {self.first_of[node_id]}, read before"
            )
        if entry.problems:
            self.bad.extend(entry.problems)
            return
        self.first_of[node_id] = entry.record
        label = label_for(ENTRY_KINDS[tag], (program,), (name, comment))
        assert label is not None  # individuals and entities always have a label
        self.nodes.append(Node(id=node_id, label=label, name=name, properties=properties))
        says = comment or f"Listed on {listed_on} ({reference})"
        self.edges.append(
            Edge(
                id=listing_edge_id(node_id, DESIGNATED_BY, AUTHORITY),
                type=DESIGNATED_BY,
                from_id=node_id,
                to_id=AUTHORITY,
                status=DESIGNATED,
                citations=(Citation(source=f"{LIST_KEY}-{self.list_date}", says=says),),
                valid_from=listed_on,
                properties={
                    "designation": f"UN Security Council {program} sanctions list",
                    "program": program,
                    "reference": reference,
                    "list": LIST_KEY,
                },
            )
        )


class _Entry:
    """Reads the texts of one entry, noting each problem against the entry and the element."""

    def __init__(self, reading: _Reading, elem: ET.Element, record: str):
        self.reading = reading
        self.elem = elem
        self.tag = elem.tag
        self.record = record
        self.problems: list[Problem] = []

    def note(self, field: str, message: str) -> None:
        self.problems.append(self.reading.problem(self.record, field, message))

    def missing(self, field: str) -> None:
        self.note(field, "missing")

    def checked(self, raw: str | None, field: str) -> str:
        """`raw` cleaned, after noting any control character it holds against `field`."""
        value = _clean(raw)
        if value:
            for _, message in control_characters(value):
                self.note(field, message)
        return value

    def text(self, path: str, within: ET.Element | None = None) -> str:
        """The cleaned text at `path` (below `within`, else the entry); '' when absent."""
        if within is None:
            return self.checked(self.elem.findtext(path), path)
        return self.checked(within.findtext(path), f"{within.tag}/{path}")

    def texts(self, path: str) -> list[str]:
        """The cleaned texts of every element at `path` below the entry, each once."""
        return _unique([self.checked(item.text, path) for item in self.elem.findall(path)])

    def date(self, path: str, within: ET.Element | None = None, required: bool = False) -> str | None:
        value = self.text(path, within)
        field = path if within is None else f"{within.tag}/{path}"
        if not value:
            if required:
                self.missing(field)
            return None
        parsed = _date(value)
        if parsed is None:
            self.note(field, f"'{value}' is not a date (YYYY-MM-DD)")
        return parsed

    def year(self, path: str, within: ET.Element) -> str | None:
        value = self.text(path, within)
        if value and not YEAR.match(value):
            self.note(f"{within.tag}/{path}", f"'{value}' is not a year (YYYY)")
            return None
        return value or None

    def joined(self, within: ET.Element, parts: tuple[str, ...]) -> str:
        return ", ".join(part for part in (self.text(p, within) for p in parts) if part)

    def properties(self, reference: str, name: str) -> dict[str, object]:
        """The node's properties the schema declares, each only when the entry gives it."""
        kind = self.tag
        aliases: list[str | None] = []
        weak: list[str | None] = []
        for alias in self.elem.findall(f"{kind}_ALIAS"):
            low = (self.text("QUALITY", alias) or "").casefold() == WEAK_QUALITY
            (weak if low else aliases).append(self.text("ALIAS_NAME", alias))
        aliases.append(self.text("NAME_ORIGINAL_SCRIPT"))
        birth_dates: list[str | None] = []
        for born in self.elem.findall(f"{kind}_DATE_OF_BIRTH"):
            birth_dates.append(self.date("DATE", born))
            birth_dates.extend(self.year(part, born) for part in ("YEAR", "FROM_YEAR", "TO_YEAR"))
        places = [self.joined(place, PLACE_PARTS) for place in self.elem.findall(f"{kind}_PLACE_OF_BIRTH")]
        addresses = []
        for address in self.elem.findall(f"{kind}_ADDRESS"):
            where, note = self.joined(address, ADDRESS_PARTS), self.text("NOTE", address)
            addresses.append(f"{where} ({note})" if where and note else where)
        values: dict[str, object] = {
            "aliases": _unique(aliases, leave_out=name),
            "weak_aliases": _unique(weak, leave_out=name),
            "identifiers": [f"UN: {reference}", *self._documents()],
            "birth_dates": _unique([d for d in birth_dates if d]),
            "birth_place": "; ".join(_unique(places)),
            "nationalities": self.texts("NATIONALITY/VALUE"),
            "gender": self.text("GENDER"),
            "addresses": _unique(addresses),
        }
        return {key: value for key, value in values.items() if value}

    def _documents(self) -> list[str]:
        """Each identity document as 'TYPE: NUMBER (COUNTRY)'; a document without a number is left out."""
        found = []
        for document in self.elem.findall(f"{self.tag}_DOCUMENT"):
            number = self.text("NUMBER", document)
            kind = ", ".join(
                _unique([self.text(t, document) for t in ("TYPE_OF_DOCUMENT", "TYPE_OF_DOCUMENT2")])
            )
            country = self.text("ISSUING_COUNTRY", document) or self.text("COUNTRY_OF_ISSUE", document)
            if number:
                found.append(f"{kind or 'Document'}: {number}" + (f" ({country})" if country else ""))
        return _unique(found)
