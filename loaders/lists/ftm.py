"""Read FollowTheMoney (FtM) JSON lines, such as OpenSanctions' exports, into one list edition.

An FtM file holds one entity a line: `{"id", "schema", "properties": {name: [str, ...]}}`, and in
OpenSanctions' exports also `caption`, `datasets`, `referents`, `first_seen`, `last_seen` and
`target`. The file is streamed line by line; entities become nodes and links become edges by the
table in `csn.loaders.lists.ftm_mapping` (which also says what is counted as unsupported):

- a node's id is `entry_id("ftm", id)`; its name is the entity's `caption` when that is one of its
  names (OpenSanctions' choice of display name), else its first `name`, else its caption; its
  other names, aliases and previous names are aliases; its identifiers start with `FtM: <id>`,
  then the identifier properties (`INN: ...`) and OpenSanctions' `referents` (`Referent: ...`);
  dates of birth, place of birth, nationality and citizenship (ISO codes as FtM gives them, e.g.
  `ru`), gender and addresses are kept as given;
- a Sanction is a `SANCTIONED_BY` edge, status `sanctioned`, from its `entity` to the Authority of
  its first `authority`: OFAC and the UN Security Council are the seed's curated nodes, any other
  authority an Authority node this import makes (`ftm-authority-<slug>`); `program`, the
  reference (`unscId`, else `authorityId`) and the validity (`startDate`, `endDate`) come from it;
- the links (Family, Associate, Membership, Directorship, Ownership, Occupancy, UnknownLink) are
  edges of status `reported`: OpenSanctions aggregates them from company registries, official
  lists and media without marking which, so no stronger status can be claimed for them.

Every edge has `list` = the edition's key and cites the edition's Source node with the row's own
words (the schema, role, program, reason, `sourceUrl`, ...). An edge whose end is not in the file
or is of an unsupported schema, or that the graph's schema cannot hold between its ends' labels,
is counted in `unsupported`, never guessed. Control characters are refused in every property the
import keeps (loaders/curated/text.py); properties it does not read (notes, say) are not looked at.

>>> listed = read_ftm(Path("tests/fixtures/lists/ftm/small.ftm.json"))
>>> listed.edition.key, listed.edition.date
('ftm:test_list', '2024-06-01')
"""

from __future__ import annotations

import codecs
import gc
import hashlib
import re
from collections import Counter
from dataclasses import replace
from pathlib import Path
from typing import Any, NamedTuple

import orjson

from csn.graph.errors import DataError, Problem
from csn.graph.model import Citation, Edge, Node, Record, normalise_name
from csn.graph.names import AUTHORITY, CRIMINAL_GROUP
from csn.graph.schema import DATE_PATTERN, SCHEMA, URL_PATTERN
from csn.loaders.curated.text import control_characters
from csn.loaders.lists import ftm_mapping as fm
from csn.loaders.lists.listing import ListEdition, ListImport, entry_id, listing_edge_id, slug

PREFIX = "ftm"
OPENSANCTIONS = "OpenSanctions"
OPENSANCTIONS_DATASETS = "https://www.opensanctions.org/datasets/"
# A line holding a JSON escape of a control character, or a raw DEL or C1 character, is checked
# character by character; other lines cannot hold one.
MAY_HOLD_CONTROL = re.compile(rb"\\[nrtbf]|\\u00[0189][0-9a-fA-F]|\\u007[fF]|\x7f|\xc2[\x80-\x9f]")
LINK_PROPS = frozenset(
    {"authority", fm.SANCTION.entity, *fm.SAYS_SANCTION, *fm.SAYS_LINK}
    | {end for link in fm.LINKS.values() for end in (link.source, link.target)}
)
CHECKED_PROPS = fm.NODE_PROPS | LINK_PROPS
IDENTIFIER_SCHEMES = dict(fm.IDENTIFIER_SCHEMES)
IDENTIFIER_ORDER = {prop: index for index, (prop, _) in enumerate(fm.IDENTIFIER_SCHEMES)}
SANCTION_SUBJECTS = frozenset(
    label
    for label in SCHEMA.relationship(fm.SANCTION.rel_type).from_labels
    if SCHEMA.relationship(fm.SANCTION.rel_type).allows(label, AUTHORITY)
)
SOURCE_LABEL = SCHEMA.source_label
SANCTION_SCHEMA = "Sanction"
NAME_PROPS = (fm.NAME, *fm.ALIAS_PROPS)
NATIONALITY_PROPS = frozenset(fm.NATIONALITY_PROPS)
NO_PROPERTIES: dict[str, list[str]] = {}
SAYS_SANCTION = {name: index for index, name in enumerate(("authority", *fm.SAYS_SANCTION))}
SAYS_LINK = {name: index for index, name in enumerate(fm.SAYS_LINK)}


class _Link(NamedTuple):
    line: int
    ftm_id: str
    schema: str
    properties: dict[str, list[str]]


def read_ftm(
    path: Path,
    skip_bad: bool = False,
    publisher: str | None = None,
    list_date: str | None = None,
    url: str | None = None,
) -> ListImport:
    """Read one FtM JSON lines file as a list edition (see the module's docstring).

    The edition's key is `ftm:<dataset>` when every entity carries one OpenSanctions dataset in
    common, else `ftm:file-<file name>` (a file mixing datasets, such as an excerpt of one of
    OpenSanctions' collections, is titled by its file name and points to OpenSanctions' datasets
    page: the file does not say which collection it came from); its date is `list_date`, else
    the latest `last_seen` in the file. `publisher` and `url` describe the edition's Source; they
    are required when the file is not an OpenSanctions export (no `datasets`).

    The file is streamed: only the records made from it are held, and each link's properties
    only until its edge is made.

    Raises DataError listing every bad line (not JSON, not an object, no id, an unknown schema,
    properties that are not lists of strings, control characters, dates that are not dates), or
    at once if the first line is not JSON (a file of another kind); with `skip_bad` bad lines are
    left out and listed in `skipped` instead. Also raises DataError when the edition's date,
    publisher or address cannot be known.
    """
    collecting = gc.isenabled()
    gc.disable()  # the records hold no cycles; its passes over them would take a third of the time
    try:
        return _read(Path(path), skip_bad, publisher, list_date, url)
    finally:
        if collecting:
            gc.enable()


def _read(
    path: Path, skip_bad: bool, publisher: str | None, list_date: str | None, url: str | None
) -> ListImport:
    reader = _Reader(str(path))
    with open(path, "rb") as handle:
        for number, raw in enumerate(handle, start=1):
            reader.read_line(number, raw)
    if reader.problems and not skip_bad:
        raise DataError(reader.problems)
    edition = reader.edition(path, publisher, list_date, url)
    edges, curated = reader.edges(edition)
    edition = replace(edition, authority_ids=curated)
    if reader.problems and not skip_bad:
        raise DataError(reader.problems)
    nodes: list[Record] = [edition.source, *reader.authorities.values(), *reader.nodes.values()]
    return ListImport(edition, nodes + edges, list(reader.problems), reader.unsupported)


def _date(value: str) -> str | None:
    """The date part of an FtM date ('2023-02-24T10:00:00' -> '2023-02-24'), None if not a date."""
    day = value.split("T", 1)[0]
    return day if DATE_PATTERN.match(day) else None


def _spaced(prop: str, values: list[str]) -> list[str]:
    """The values of `prop` as kept: free text (fm.FREE_TEXT) with its white space as one space."""
    return [" ".join(v.split()) for v in values] if prop in fm.FREE_TEXT else values


def _strings(value: Any) -> bool:
    """Whether `value` is a list of strings (joining them is the fastest check there is)."""
    if type(value) is not list:
        return False
    try:
        "".join(value)
    except TypeError:
        return False
    return True


def _all_strings(properties: dict) -> bool:
    """Whether every value of `properties` is a list of strings."""
    try:
        for values in properties.values():
            if type(values) is not list:
                return False
            "".join(values)
    except TypeError:
        return False
    return True


PLAIN_ID = re.compile(r"[A-Za-z0-9]+(?:-[A-Za-z0-9]+)*")


def _node_id(ftm_id: str) -> str:
    """`entry_id("ftm", ftm_id)`, quicker for the ids FtM writes (letters, digits, hyphens)."""
    if PLAIN_ID.fullmatch(ftm_id):
        return f"{PREFIX}-{ftm_id.lower()}"
    return entry_id(PREFIX, ftm_id)


class _Reader:
    """The state of one read: nodes by id, the links left for the end, what was counted."""

    def __init__(self, shown: str) -> None:
        self.shown = shown
        self.problems: list[Problem] = []
        self.nodes: dict[str, Node] = {}
        self.authorities: dict[str, Node] = {}
        self.seen: dict[str, tuple[str, str, int]] = {}  # node id -> (FtM id, schema, line)
        self.links: list[_Link] = []
        self.authority_ids: dict[str, str] = {}  # authority as the file names it -> node id
        self.unsupported: Counter[str] = Counter()
        self.entities = 0
        self.datasets: list[str] | None = None  # the datasets every entity so far carries
        self.any_datasets = False
        self.last_seen = ""  # the latest day
        self.last_seen_read: str | None = None  # the last value read, already checked
        self.datasets_read: Any = NO_PROPERTIES  # the last `datasets` read, already counted

    def problem(self, line: int, record: str, field: str, message: str) -> None:
        self.problems.append(Problem(self.shown, record, field, message, line))

    def read_line(self, number: int, raw: bytes) -> None:
        try:
            entity = orjson.loads(raw)
        except orjson.JSONDecodeError as error:
            if number == 1 and raw.startswith(codecs.BOM_UTF8):
                self.read_line(number, raw[len(codecs.BOM_UTF8) :])
            elif raw.strip():
                self.not_json(number, raw, error)
            return
        self.entities += 1
        if type(entity) is not dict:
            self.problem(number, f"line {number}", "json", "not a JSON object; each line holds one entity")
            return
        get = entity.get
        ftm_id: Any = get("id")  # each checked below, before it is used
        schema: Any = get("schema")
        properties: Any = get("properties", NO_PROPERTIES)
        datasets, referents, caption, last_seen = (
            get("datasets"),
            get("referents"),
            get("caption"),
            get("last_seen"),
        )
        well_formed = (
            type(ftm_id) is str
            and ftm_id.strip()
            and schema in fm.FTM_SCHEMATA
            and type(properties) is dict
            and _all_strings(properties)
            and (datasets is None or _strings(datasets))
            and (referents is None or _strings(referents))
            and (caption is None or type(caption) is str)
            and (last_seen is None or type(last_seen) is str)
        )
        if not well_formed:
            self.malformed(number, entity)
            return
        if (b"\\" in raw or b"\x7f" in raw or b"\xc2" in raw) and MAY_HOLD_CONTROL.search(raw):
            kept = {k: _spaced(k, v) for k, v in properties.items() if k in CHECKED_PROPS}
            checked = {k: get(k) for k in ("id", "schema", "caption", "datasets", "referents")}
            found = list(control_characters({**checked, "properties": kept}))
            for field, message in found:
                self.problem(number, f"entity {ftm_id}", field, message)
            if found:
                return
        if last_seen is not None and last_seen != self.last_seen_read:
            if _date(last_seen) is None:
                self.problem(number, f"entity {ftm_id}", "last_seen", f"'{last_seen}' is not a date")
                return
            self.last_seen_read = last_seen
            day = last_seen[:10]
            if day > self.last_seen:
                self.last_seen = day
        node_id = _node_id(ftm_id)
        seen = self.seen.get(node_id)
        if seen is not None or node_id == f"{PREFIX}-":
            self.bad_id(number, ftm_id, node_id, seen)
            return
        if schema in fm.NODE_LABELS:
            node = self.node(number, node_id, ftm_id, schema, properties, caption, referents)
            if node is None:
                return
            self.nodes[node_id] = node
        elif schema in fm.LINKS or schema == SANCTION_SCHEMA:
            self.links.append(_Link(number, ftm_id, schema, properties))
        else:
            self.unsupported[schema] += 1
        self.seen[node_id] = (ftm_id, schema, number)
        if datasets != self.datasets_read:
            self.datasets_read = datasets
            self.any_datasets = self.any_datasets or bool(datasets)
            if self.datasets is None:
                self.datasets = list(datasets or ())
            elif self.datasets:
                self.datasets = [d for d in self.datasets if datasets and d in datasets]

    def not_json(self, number: int, raw: bytes, error: orjson.JSONDecodeError) -> None:
        """Record a line that is not JSON (or not UTF-8); raises DataError at once if it is the
        first line, since the file is then of another kind."""
        try:
            raw.decode("utf-8")
        except UnicodeDecodeError as bad:
            why = f"not UTF-8 (byte {bad.start + 1} of the line); FtM files are UTF-8"
        else:
            at = f" (at character {error.pos + 1})" if error.pos is not None else ""
            why = f"not JSON{at}; each line holds one entity"
        if self.entities == 0 and not self.problems:
            message = f"not an FtM JSON lines file: the first line is {why.split(';')[0]}"
            raise DataError([Problem(self.shown, f"line {number}", "json", message, number)])
        self.problem(number, f"line {number}", "json", why)

    def malformed(self, number: int, entity: dict) -> None:
        """Record what is wrong with an entity that is not of FtM's shape."""
        ftm_id = entity.get("id")
        if not isinstance(ftm_id, str) or not ftm_id.strip():
            self.problem(number, f"line {number}", "id", "missing; every entity needs an id")
            return
        record = f"entity {ftm_id}"
        schema = entity.get("schema")
        properties = entity.get("properties", NO_PROPERTIES)
        if not isinstance(schema, str):
            self.problem(number, record, "schema", "missing; every entity names its FtM schema")
        elif schema not in fm.FTM_SCHEMATA:
            self.problem(number, record, "schema", f"'{schema}' is not a FollowTheMoney schema")
        if not isinstance(properties, dict):
            self.problem(number, record, "properties", "must be an object of lists of strings")
        else:
            for name, values in properties.items():
                if not _strings(values):
                    self.problem(number, record, f"properties.{name}", "must be a list of strings")
        for key in ("datasets", "referents"):
            if key in entity and not _strings(entity[key]):
                self.problem(number, record, key, "must be a list of strings")
        for key in ("caption", "last_seen"):
            if key in entity and not isinstance(entity[key], str):
                self.problem(number, record, key, "must be a string")

    def bad_id(self, number: int, ftm_id: str, node_id: str, seen: tuple[str, str, int] | None) -> None:
        record = f"entity {ftm_id}"
        if seen is None:
            self.problem(number, record, "id", "holds no letter or digit to make a node id of")
            return
        other, _, line = seen
        why = "the same id" if other == ftm_id else f"the id '{other}', once lower-cased"
        self.problem(number, record, "id", f"the entity on line {line} has {why}")

    def node(
        self,
        number: int,
        node_id: str,
        ftm_id: str,
        schema: str,
        props: dict,
        caption: str | None,
        referents: list[str] | None,
    ) -> Node | None:
        label = fm.NODE_LABELS[schema]
        if schema == fm.CRIME_TOPIC_SCHEMA and any(
            t.startswith(fm.CRIME_TOPIC) for t in props.get(fm.TOPICS, ())
        ):
            label = CRIMINAL_GROUP
        names = [n for n in props.get(fm.NAME, ()) if n.strip()]
        caption = (caption or "").strip()
        name = caption if caption in names else (names[0] if names else caption)
        if not name:
            self.problem(number, f"entity {ftm_id}", "properties.name", "no name and no caption")
            return None
        values: dict[str, Any] = {}
        others = [n for prop in NAME_PROPS if prop in props for n in props[prop] if n.strip()]
        aliases = [n for n in dict.fromkeys(others) if n != name]
        if aliases:
            values["aliases"] = aliases
        weak = [n for n in dict.fromkeys(props.get(fm.WEAK_ALIAS, ())) if n.strip() and n != name]
        if weak:
            values["weak_aliases"] = weak
        ids = [f"{fm.FTM_SCHEME}: {ftm_id}"]
        present = [prop for prop in props if prop in IDENTIFIER_SCHEMES]
        if len(present) > 1:
            present.sort(key=IDENTIFIER_ORDER.__getitem__)
        ids += [f"{IDENTIFIER_SCHEMES[prop]}: {v}" for prop in present for v in props[prop] if v]
        ids += [f"{fm.REFERENT_SCHEME}: {r}" for r in referents or () if r]
        values["identifiers"] = list(dict.fromkeys(ids))
        if fm.BIRTH_DATE in props:
            births = [_date(value) for value in props[fm.BIRTH_DATE]]
            if None in births:
                value = props[fm.BIRTH_DATE][births.index(None)]
                field = f"properties.{fm.BIRTH_DATE}"
                self.problem(number, f"entity {ftm_id}", field, f"'{value}' is not a date")
                return None
            if births:
                values["birth_dates"] = list(dict.fromkeys(births))
        if fm.BIRTH_PLACE in props:
            places = [p for p in props[fm.BIRTH_PLACE] if p.strip()]
            if places:
                values["birth_place"] = "; ".join(dict.fromkeys(places))
        if NATIONALITY_PROPS & props.keys():
            nationalities = [c for prop in fm.NATIONALITY_PROPS for c in props.get(prop, ()) if c.strip()]
            if nationalities:
                values["nationalities"] = list(dict.fromkeys(nationalities))
        if fm.GENDER in props:
            genders = [g for g in props[fm.GENDER] if g.strip()]
            if genders:
                values["gender"] = genders[0]
        if fm.ADDRESS in props:
            addresses = [a for a in _spaced(fm.ADDRESS, props[fm.ADDRESS]) if a]
            if addresses:
                values["addresses"] = list(dict.fromkeys(addresses))
        return Node(id=node_id, label=label, name=name, properties=values)

    def edition(
        self, path: Path, publisher: str | None, list_date: str | None, url: str | None
    ) -> ListEdition:
        """The edition the file is, from the options and what the file says of itself."""
        if self.entities == 0:
            raise DataError([Problem(self.shown, "file", "-", "holds no entity")])
        wrong: list[Problem] = []
        stem = path.name
        for suffix in (".json", ".jsonl", ".ftm"):
            stem = stem.removesuffix(suffix)
        dataset = self.datasets[0] if self.datasets else None
        key = f"ftm:{dataset}" if dataset else f"ftm:file-{slug(stem)}"
        date = list_date or self.last_seen
        if not date:
            why = "no entity carries last_seen, so the list's date is unknown: give it with --list-date"
            wrong.append(Problem(self.shown, "file", "list_date", why))
        elif not DATE_PATTERN.match(date):
            wrong.append(Problem(self.shown, "file", "list_date", f"'{date}' is not a date (YYYY-MM-DD)"))
        if publisher is None and self.any_datasets:
            publisher = OPENSANCTIONS
        if url is None and self.any_datasets:
            url = f"{OPENSANCTIONS_DATASETS}{dataset}/" if dataset else OPENSANCTIONS_DATASETS
        not_os = "the file is not an OpenSanctions export (no entity carries datasets)"
        if not publisher:
            wrong.append(
                Problem(self.shown, "file", "publisher", f"{not_os}: give its publisher with --publisher")
            )
        if not url:
            wrong.append(Problem(self.shown, "file", "url", f"{not_os}: give the list's address with --url"))
        elif not URL_PATTERN.match(url):
            wrong.append(Problem(self.shown, "file", "url", f"'{url}' is not an http(s) URL"))
        if wrong:
            raise DataError(wrong)
        assert publisher and url
        if self.any_datasets and dataset:
            title = f"OpenSanctions dataset {dataset}"
        elif self.any_datasets:
            title = f"OpenSanctions export {path.name}"
        else:
            title = path.name
        properties = {"publisher": publisher, "title": title, "date": date, "url": url}
        source = Node(id=f"{slug(key)}-{date}", label=SOURCE_LABEL, name=title, properties=properties)
        return ListEdition(key=key, date=date, source=source, authority_ids=())

    def edges(self, edition: ListEdition) -> tuple[list[Record], tuple[str, ...]]:
        """The edges of the links and sanctions read, now that every node is known, and the
        curated Authority nodes they point to."""
        edges: list[Record] = []
        curated: dict[str, None] = {}
        links, self.links = self.links, []
        links.reverse()
        while links:
            link = links.pop()  # each link's properties are let go once its edge is made
            before = len(self.problems)
            made = (
                self.sanction(link, edition, curated)
                if link.schema == SANCTION_SCHEMA
                else self.link(link, edition)
            )
            if len(self.problems) == before and made is not None:
                edges.append(made)
        return edges, tuple(curated)

    def end(self, link: _Link, prop: str) -> str | None:
        """The node id in the link's `prop`, or None after counting why there is none."""
        values = link.properties.get(prop) or []
        if not values:
            self.unsupported[f"{link.schema}: no {prop}"] += 1
            return None
        node_id = _node_id(values[0])
        if node_id not in self.seen:
            self.unsupported[f"{link.schema}: {prop} not in file"] += 1
            return None
        return node_id

    def unheld(self, link: _Link, from_id: str, to_schema: str) -> None:
        self.unsupported[f"{link.schema} ({self.seen[from_id][1]}→{to_schema})"] += 1

    def says(self, link: _Link, order: dict[str, int]) -> str:
        """What the link's row says: the FtM properties of `order` it has, in that order."""
        props = link.properties
        present = [k for k in props if k in order and props[k]]
        present.sort(key=order.__getitem__)
        quoted = [f"{k}: {'; '.join(_spaced(k, props[k]))}" for k in present]
        return f"FtM {link.schema} {link.ftm_id}" + (f": {'; '.join(quoted)}" if quoted else "")

    def dates(self, link: _Link) -> tuple[str | None, str | None] | None:
        """(valid_from, valid_to): the earliest startDate and the latest endDate; None after
        recording a value that is not a date."""
        found: list[str | None] = [None, None]
        for index, prop in enumerate(("startDate", "endDate")):
            values = link.properties.get(prop)
            if not values:
                continue
            days = [_date(value) for value in values]
            if None in days:
                value = values[days.index(None)]
                self.problem(
                    link.line, f"entity {link.ftm_id}", f"properties.{prop}", f"'{value}' is not a date"
                )
                return None
            found[index] = min(days) if index == 0 else max(days)  # type: ignore[type-var]
        return found[0], found[1]

    def sanction(self, link: _Link, edition: ListEdition, curated: dict[str, None]) -> Edge | None:
        rule = fm.SANCTION
        subject = self.end(link, rule.entity)
        names = [a for a in link.properties.get(rule.authority, ()) if a.strip()]
        if subject is None:
            return None
        if not names:
            self.unsupported[f"{link.schema}: no {rule.authority}"] += 1
            return None
        subject_node = self.nodes.get(subject)
        if subject_node is None or subject_node.label not in SANCTION_SUBJECTS:
            self.unheld(link, subject, "Authority")
            return None
        dates = self.dates(link)
        if dates is None:
            return None
        authority = self.authority(names[0], curated)
        properties: dict[str, Any] = {"list": edition.key}
        for key, props in (("program", rule.program), ("reference", rule.reference)):
            value = _first(link.properties, props)
            if value:
                properties[key] = value
        own = _node_id(link.ftm_id).removeprefix(f"{PREFIX}-")
        edge_id = f"{listing_edge_id(subject, rule.rel_type, authority)}--{own}"
        citation = Citation(edition.source.id, self.says(link, SAYS_SANCTION))
        return Edge(
            edge_id, rule.rel_type, subject, authority, fm.SANCTIONED, (citation,), *dates, properties
        )

    def authority(self, name: str, curated: dict[str, None]) -> str:
        """The id of the Authority node named `name`: a curated one, or one this import makes."""
        known = self.authority_ids.get(name)
        if known is not None:
            return known
        authority = fm.CURATED_AUTHORITIES.get(normalise_name(name))
        if authority is not None:
            curated[authority] = None
        else:
            authority = f"ftm-authority-{slug(name) or hashlib.sha1(name.encode()).hexdigest()[:12]}"
            self.authorities.setdefault(authority, Node(id=authority, label=AUTHORITY, name=name))
        self.authority_ids[name] = authority
        return authority

    def link(self, link: _Link, edition: ListEdition) -> Edge | None:
        rule = fm.LINKS[link.schema]
        from_id, to_id = self.end(link, rule.source), self.end(link, rule.target)
        if from_id is None or to_id is None:
            return None
        start, target = self.nodes.get(from_id), self.nodes.get(to_id)
        if (
            start is None
            or target is None
            or not SCHEMA.relationship(rule.rel_type).allows(start.label, target.label)
        ):
            self.unheld(link, from_id, self.seen[to_id][1])
            return None
        dates = self.dates(link)
        if dates is None:
            return None
        properties: dict[str, Any] = {"list": edition.key, **dict(rule.default)}
        for key, props in rule.props:
            value = _first(link.properties, props)
            if value:
                properties[key] = value
        if rule.role_from_target:
            properties["role"] = target.name
        share = _share(link.properties.get("percentage", []))
        if rule.rel_type == fm.LINKS["Ownership"].rel_type and share is not None:
            properties["share"] = share
        citation = Citation(edition.source.id, self.says(link, SAYS_LINK))
        edge_id = _node_id(link.ftm_id)
        return Edge(edge_id, rule.rel_type, from_id, to_id, fm.REPORTED, (citation,), *dates, properties)


def _first(properties: dict[str, list[str]], names: tuple[str, ...]) -> str | None:
    """The first value of the first of `names` that has one."""
    for name in names:
        for value in properties.get(name, ()):
            if value.strip():
                return value
    return None


def _share(values: list[str]) -> float | None:
    """The first percentage as a share from 0 to 1, None when it is not a number in 0..100."""
    for value in values:
        try:
            number = float(value.strip().rstrip("%"))
        except ValueError:
            continue
        if 0 <= number <= 100:
            return number / 100
    return None
