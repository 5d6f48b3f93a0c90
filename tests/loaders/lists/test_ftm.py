"""The FollowTheMoney reader: the real OpenSanctions excerpts, the hand-written fixture, bad input."""

from __future__ import annotations

import os
from collections import Counter
from pathlib import Path

import pytest

from csn.graph.errors import DataError
from csn.graph.model import Edge, Node
from csn.graph.schema import SCHEMA
from csn.loaders.lists.ftm import read_ftm
from tests.conftest import FIXTURES, SHARED_DATA

FIXTURE = FIXTURES / "lists" / "ftm" / "small.ftm.json"
SHARED = SHARED_DATA / "ftm"
ZALA = SHARED / "opensanctions-zala.ftm.json"
EU_FSF = SHARED / "opensanctions-eu-fsf-t1.ftm.json"


def shared(path: Path) -> Path:
    if not path.exists():
        if os.environ.get("CI") == "true":
            pytest.fail(f"{path.name} is missing; CI must have the shared data beside the checkout")
        pytest.skip(f"{path.name} is not here")
    return path


def nodes(listed) -> dict[str, Node]:
    return {r.id: r for r in listed.records if isinstance(r, Node)}


def edges(listed) -> list[Edge]:
    return [r for r in listed.records if isinstance(r, Edge)]


def test_zala_counts_by_label_type_and_unsupported():
    listed = read_ftm(shared(ZALA))
    labels = Counter(n.label for n in nodes(listed).values())
    assert labels == {"Authority": 17, "Company": 11, "Person": 6, "Source": 1}
    assert Counter(e.type for e in edges(listed)) == {
        "SANCTIONED_BY": 41,
        "OWNS": 14,
        "FAMILY_OF": 4,
        "LEADS": 3,
    }
    assert listed.unsupported == {"Address": 11, "Passport": 1}
    assert listed.edition.key == "ftm:file-opensanctions-zala"
    assert listed.edition.date == "2026-04-29"
    assert listed.edition.authority_ids == ("ofac",)
    source = listed.edition.source
    assert source.id == "ftm-file-opensanctions-zala-2026-04-29"
    assert source.properties["publisher"] == "OpenSanctions"


def test_zala_sanction_has_its_authority_dates_and_words():
    listed = read_ftm(shared(ZALA))
    by_id = {e.id: e for e in edges(listed)}
    dfat = by_id[
        "ftm-nk-abdzbebkqyt29gyrebiurz--sanctioned-by--ftm-authority-department-of-foreign-affairs-and-trade"
        "--au-dfat-56600015954691cece058c2a3b0e3b27740701e6"
    ]
    assert nodes(listed)[dfat.to_id].name == "Department of Foreign Affairs and Trade"
    assert (dfat.status, dfat.valid_from, dfat.valid_to) == ("sanctioned", "2023-02-24", None)
    assert dfat.properties == {"list": "ftm:file-opensanctions-zala", "program": "Autonomous (Russia)"}
    assert "sourceUrl: https://www.dfat.gov.au/" in dfat.citations[0].says
    ofac = [e for e in edges(listed) if e.to_id == "ofac"]
    assert len(ofac) == 8
    assert {e.properties.get("reference") for e in ofac} >= {"45928"}


def test_zala_family_edge():
    listed = read_ftm(shared(ZALA))
    family = next(e for e in edges(listed) if e.id == "ftm-ofac-6d023267c742427bc92220ad97daca2e17b136ff")
    people = nodes(listed)
    assert family.type == "FAMILY_OF" and family.status == "reported"
    assert people[family.from_id].label == people[family.to_id].label == "Person"
    assert family.properties["relation"] == "Family member of"


def test_zala_person_properties():
    person = nodes(read_ftm(shared(ZALA)))["ftm-nk-2tbri3s6ggntawssxh4qpl"]
    assert person.name == "Maria Aleksandrovna Osetrova"
    assert "Mariya ZAKHAROVA" in person.aliases and "Maria Aleksandrovna Zakharova" in person.aliases
    ids = person.properties["identifiers"]
    assert ids[0] == "FtM: NK-2Tbri3s6GgNtAwsSXh4qpL"
    assert "INN: 183116181362" in ids and "Referent: ofac-46001" in ids
    assert person.properties["birth_dates"] == ["1988-01-07"]
    assert person.properties["nationalities"] == ["ru"]
    assert person.properties["gender"] == "female"


def test_eu_fsf_is_one_dataset():
    listed = read_ftm(shared(EU_FSF))
    assert listed.edition.key == "ftm:eu_fsf"
    assert listed.edition.source.properties["url"] == "https://www.opensanctions.org/datasets/eu_fsf/"
    assert Counter(n.label for n in nodes(listed).values()) == {"Person": 4, "Organization": 2, "Source": 1}
    assert listed.unsupported == {"Address": 1}


def test_fixture_maps_every_schema():
    listed = read_ftm(FIXTURE)
    found = nodes(listed)
    assert found["ftm-o-gang"].label == "CriminalGroup"
    assert found["ftm-o-fund"].label == "Organization"
    assert found["ftm-le-holding"].label == "Company"
    assert found["ftm-pb-ministry"].label == found["ftm-pos-minister"].label == "StateBody"
    eu = found["ftm-authority-council-of-the-european-union"]
    assert eu.label == "Authority"
    ana = found["ftm-p-ana"]
    assert ana.properties == {
        "aliases": ["RIOS, Ana", "La Jefa"],
        "identifiers": ["FtM: p-ana", "ID number: V-1234567", "Referent: ofac-99001"],
        "birth_dates": ["1970-03-04"],
        "birth_place": "Caracas",
        "nationalities": ["ve", "co"],
        "gender": "female",
        "addresses": ["Calle 1, Caracas"],
    }
    by_id = {e.id: e for e in edges(listed)}
    assert by_id["ftm-own-1"].properties["share"] == pytest.approx(0.51)
    occupancy = by_id["ftm-occ-1"]
    assert (occupancy.type, occupancy.properties["role"]) == ("HOLDS_OFFICE", "Minister of Examples")
    assert (occupancy.valid_from, occupancy.valid_to) == ("2018-05", "2020")
    assert by_id["ftm-ul-1"].properties["relation"] == "Funded by"
    eu_sanction = by_id["ftm-o-gang--sanctioned-by--ftm-authority-council-of-the-european-union--s-eu"]
    assert (eu_sanction.valid_from, eu_sanction.valid_to) == ("2020-06-29", "2023-11-13")
    assert listed.unsupported == {
        "Address": 1,
        "Vessel": 1,
        "Sanction: entity not in file": 1,
        "Sanction (Vessel→Authority)": 1,
        "Membership (Person→PublicBody)": 1,
        "Ownership (Person→Vessel)": 1,
    }


def test_every_edge_is_in_the_schema_and_sourced():
    listed = read_ftm(FIXTURE)
    labels = {n.id: n.label for n in nodes(listed).values()} | {"ofac": "Authority"}
    for edge in edges(listed):
        assert SCHEMA.relationship(edge.type).allows(labels[edge.from_id], labels[edge.to_id])
        assert edge.properties["list"] == "ftm:test_list"
        assert [c.source for c in edge.citations] == [listed.edition.source.id]
        for name in edge.properties:
            SCHEMA.edge_property(edge.type, name)
    for node in nodes(listed).values():
        for name in node.properties:
            SCHEMA.node_property(node.label, name)


def test_reading_is_deterministic():
    assert read_ftm(FIXTURE).records == read_ftm(FIXTURE).records


def test_options_name_the_edition(tmp_path):
    path = tmp_path / "registry.ftm.json"
    path.write_text('{"id": "p1", "schema": "Person", "properties": {"name": ["Ana"]}}\n', encoding="utf-8")
    listed = read_ftm(path, publisher="A Registry", list_date="2025-01-31", url="https://registry.example/x")
    assert listed.edition.key == "ftm:file-registry"
    assert listed.edition.source.properties == {
        "publisher": "A Registry",
        "title": "registry.ftm.json",
        "date": "2025-01-31",
        "url": "https://registry.example/x",
    }


GOOD = (
    '{"id": "p1", "schema": "Person", "properties": {"name": ["Ana"]},'
    ' "datasets": ["d"], "last_seen": "2024-01-01"}'
)
BAD_CASES = {
    "xml": (
        "<?xml version='1.0'?>\n<list/>\n",
        "F:1: line 1: json: not an FtM JSON lines file: the first line is not JSON (at character 1)",
    ),
    "not utf-8": (
        GOOD + '\n{"id": "x\xe9"}\n',
        "F:2: line 2: json: not UTF-8 (byte 10 of the line); FtM files are UTF-8",
    ),
    "latin-1 file": (
        '{"id": "\xe9"}\n',
        "F:1: line 1: json: not an FtM JSON lines file: the first line is not UTF-8 (byte 9 of the line)",
    ),
    "truncated": (
        GOOD + '\n{"id": "x", "schema": "Per',
        "F:2: line 2: json: not JSON (at character 27); each line holds one entity",
    ),
    "not json": (
        GOOD + "\n{oops\n",
        "F:2: line 2: json: not JSON (at character 2); each line holds one entity",
    ),
    "not an object": (
        GOOD + "\n[1, 2]\n",
        "F:2: line 2: json: not a JSON object; each line holds one entity",
    ),
    "no id": (GOOD + '\n{"schema": "Person"}\n', "F:2: line 2: id: missing; every entity needs an id"),
    "unknown schema": (
        GOOD + '\n{"id": "x", "schema": "Persona", "properties": {}}\n',
        "F:2: entity x: schema: 'Persona' is not a FollowTheMoney schema",
    ),
    "no schema": (
        GOOD + '\n{"id": "x", "properties": {}}\n',
        "F:2: entity x: schema: missing; every entity names its FtM schema",
    ),
    "value not a list": (
        GOOD + '\n{"id": "x", "schema": "Person", "properties": {"name": "Ana"}}\n',
        "F:2: entity x: properties.name: must be a list of strings",
    ),
    "properties not an object": (
        GOOD + '\n{"id": "x", "schema": "Person", "properties": ["Ana"]}\n',
        "F:2: entity x: properties: must be an object of lists of strings",
    ),
    "control character": (
        GOOD + '\n{"id": "x", "schema": "Person", "properties": {"name": ["Ana\\u001bR"]}}\n',
        "F:2: entity x: properties.name[1]: contains an escape (U+001B) at character 4; "
        "text may not hold control characters",
    ),
    "line break in a name": (
        GOOD + '\n{"id": "x", "schema": "Person", "properties": {"name": ["Ana\\nR"]}}\n',
        "F:2: entity x: properties.name[1]: contains a line break (U+000A) at character 4; "
        "text may not hold control characters",
    ),
    "bad birth date": (
        GOOD
        + '\n{"id": "x", "schema": "Person", "properties": {"name": ["A"], "birthDate": ["1970-13-01"]}}\n',
        "F:2: entity x: properties.birthDate: '1970-13-01' is not a date",
    ),
    "no name": (
        GOOD + '\n{"id": "x", "schema": "Company", "properties": {}}\n',
        "F:2: entity x: properties.name: no name and no caption",
    ),
    "duplicate id": (GOOD + "\n" + GOOD + "\n", "F:2: entity p1: id: the entity on line 1 has the same id"),
    "ids that differ in case": (
        GOOD + '\n{"id": "P1", "schema": "Person", "properties": {"name": ["B"]}}\n',
        "F:2: entity P1: id: the entity on line 1 has the id 'p1', once lower-cased",
    ),
    "bad sanction date": (
        GOOD + '\n{"id": "s", "schema": "Sanction", "properties": {"entity": ["p1"], "authority": ["OFAC"], '
        '"startDate": ["soon"]}}\n',
        "F:2: entity s: properties.startDate: 'soon' is not a date",
    ),
    "empty": ("\n\n", "F: file: -: holds no entity"),
}


@pytest.mark.parametrize("case", BAD_CASES)
def test_bad_input_is_refused_with_its_line_and_field(tmp_path, case):
    text, expected = BAD_CASES[case]
    path = tmp_path / "F"
    path.write_bytes(text.encode("latin-1" if "latin-1" in case or "utf-8" in case else "utf-8"))
    with pytest.raises(DataError) as caught:
        read_ftm(path)
    assert [str(p).replace(str(path), "F") for p in caught.value.problems] == [expected]


def test_a_byte_order_mark_is_read_past(tmp_path):
    path = tmp_path / "f.ftm.json"
    path.write_bytes(b"\xef\xbb\xbf" + GOOD.encode() + b"\n")
    assert list(nodes(read_ftm(path))) == ["ftm-d-2024-01-01", "ftm-p1"]


def test_a_quoted_reason_keeps_its_words_on_one_line(tmp_path):
    path = tmp_path / "f.ftm.json"
    sanction = (
        '{"id": "s", "schema": "Sanction", "datasets": ["d"], "last_seen": "2024-01-01",'
        ' "properties": {"entity": ["p1"], "authority": ["OFAC"], "reason": ["First.\\nSecond."]}}'
    )
    path.write_text(GOOD + "\n" + sanction + "\n", encoding="utf-8")
    (sanction_edge,) = edges(read_ftm(path))
    assert sanction_edge.citations[0].says == "FtM Sanction s: authority: OFAC; reason: First. Second."


def test_skip_bad_keeps_the_rest_and_lists_what_it_left_out(tmp_path):
    path = tmp_path / "F"
    path.write_text(GOOD + '\n{oops\n{"id": "x", "schema": "Persona"}\n', encoding="utf-8")
    listed = read_ftm(path, skip_bad=True)
    assert list(nodes(listed)) == ["ftm-d-2024-01-01", "ftm-p1"]
    assert [p.line for p in listed.skipped] == [2, 3]


def test_a_file_without_datasets_needs_the_options(tmp_path):
    path = tmp_path / "F"
    path.write_text('{"id": "p1", "schema": "Person", "properties": {"name": ["Ana"]}}\n', encoding="utf-8")
    with pytest.raises(DataError) as caught:
        read_ftm(path)
    assert [str(p).replace(str(path), "F") for p in caught.value.problems] == [
        "F: file: list_date: no entity carries last_seen, so the list's date is unknown: "
        "give it with --list-date",
        "F: file: publisher: the file is not an OpenSanctions export (no entity carries datasets): "
        "give its publisher with --publisher",
        "F: file: url: the file is not an OpenSanctions export (no entity carries datasets): "
        "give the list's address with --url",
    ]
