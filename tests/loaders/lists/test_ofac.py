"""The OFAC SDN reader: the published CSV trio's quirks, the mapping to records, and every bad input.

The fixture trio in tests/fixtures/lists/ofac is written by hand, byte for byte in OFAC's format
(Latin-1 with accented letters, CRLF, `-0- `, a 0x1A byte at the end). The real 2021 excerpt in
the shared data folder is read too; those tests skip without it, except in CI.
"""

from __future__ import annotations

import csv
import io
import os
import shutil
from pathlib import Path

import pytest

from csn.graph.errors import DataError
from csn.graph.model import Edge, Node
from csn.graph.schema import SCHEMA, check_value
from csn.loaders.lists.ofac import read_ofac
from csn.loaders.lists.ofac_remarks import birth_dates, parse_remarks
from tests.conftest import SHARED_DATA, TESTS

FIXTURE = TESTS / "fixtures" / "lists" / "ofac"
DATE = "2024-05-01"
SHARED = SHARED_DATA / "ofac-sdn-2021"


def nodes(result) -> dict[str, Node]:
    return {r.id: r for r in result.records if isinstance(r, Node)}


def edges(result, rel_type: str | None = None) -> list[Edge]:
    return [r for r in result.records if isinstance(r, Edge) and rel_type in (None, r.type)]


# --- the fixture trio -------------------------------------------------------------------------


def test_fixture_is_in_the_published_format():
    data = (FIXTURE / "sdn.csv").read_bytes()
    assert data.endswith(b"\r\n\x1a") and b"-0- ," in data and "É".encode("latin-1") in data
    assert b"\n" not in data.replace(b"\r\n", b"")


def test_entries_become_nodes_with_their_properties():
    result = read_ofac(FIXTURE, DATE)
    found = nodes(result)
    assert {i: n.label for i, n in found.items()} == {
        "ofac-sdn-2024-05-01": "Source",
        "ofac-sdn-36001": "Person",
        "ofac-sdn-36002": "CriminalGroup",  # TCO
        "ofac-sdn-36003": "Company",
        "ofac-sdn-36005": "Person",
        "ofac-sdn-36006": "Company",  # SDGT alone does not make a criminal group
    }
    perez = found["ofac-sdn-36001"]
    assert perez.name == "PÉREZ GÓMEZ, José Luis"
    assert perez.properties == {
        "aliases": ["PEREZ, Jose", "EL PROFE"],
        "identifiers": [
            "OFAC SDN: 36001",
            "Passport: 123456789 (Venezuela)",
            "Cedula No.: V-12.345.678 (Venezuela)",
        ],
        "birth_dates": ["1970-03-05", "1971"],
        "birth_place": "Maracaibo, Zulia, Venezuela",
        "nationalities": ["Venezuela", "Colombia"],
        "gender": "Male",
        "addresses": ["Calle 5 No. 10, Maracaibo, Zulia, Venezuela", "Caracas, Venezuela"],
    }
    assert found["ofac-sdn-36002"].aliases == ["LOS DEL NORTE", "TDN"]
    assert found["ofac-sdn-36005"].properties["birth_dates"] == ["1980"]  # DOB circa 1980
    assert "addresses" not in found["ofac-sdn-36003"].properties  # an add.csv row of -0- only
    assert result.unsupported["vessel"] == 1 and not result.skipped


def test_the_edition_and_its_source():
    result = read_ofac(FIXTURE / "sdn.csv", DATE)
    assert result.edition.key == "ofac-sdn" and result.edition.date == DATE
    assert result.edition.authority_ids == ("ofac",)
    source = result.records[0]
    assert source == result.edition.source and source.id == "ofac-sdn-2024-05-01"
    assert source.name == "OFAC Specially Designated Nationals (SDN) List, 2024-05-01"
    assert source.properties == {
        "publisher": "Office of Foreign Assets Control, U.S. Department of the Treasury",
        "title": "Specially Designated Nationals and Blocked Persons List (SDN)",
        "date": DATE,
        "url": "https://sanctionslist.ofac.treas.gov",
    }
    assert "ofac" not in nodes(result)  # the curated Authority is not the reader's to write


def test_listing_edges():
    result = read_ofac(FIXTURE, DATE)
    listings = {e.from_id: e for e in edges(result) if e.to_id == "ofac"}
    perez = listings["ofac-sdn-36001"]
    assert (perez.id, perez.type, perez.status) == (
        "ofac-sdn-36001--designated-by--ofac",
        "DESIGNATED_BY",
        "designated",
    )
    assert perez.properties == {
        "program": "VENEZUELA-EO13850; SDNTK",
        "designation": "SDNTK",
        "reference": "36001",
        "list": "ofac-sdn",
    }
    assert perez.valid_from is None and perez.valid_to is None
    assert perez.citations[0].source == "ofac-sdn-2024-05-01"
    assert perez.citations[0].says.startswith("SDN entry 36001, programs [VENEZUELA-EO13850] [SDNTK]: DOB 05")
    company = listings["ofac-sdn-36003"]
    assert (company.type, company.status, company.properties) == (
        "SANCTIONED_BY",
        "sanctioned",
        {"program": "VENEZUELA-EO13850", "reference": "36003", "list": "ofac-sdn"},
    )
    assert listings["ofac-sdn-36006"].citations[0].says == "SDN entry 36006, programs [SDGT]."
    assert listings["ofac-sdn-36002"].properties["designation"] == "TCO"


def test_linked_to_edges():
    result = read_ofac(FIXTURE, DATE)
    links = {(e.from_id, e.to_id): e for e in edges(result, "LINKED_TO")}
    assert set(links) == {
        ("ofac-sdn-36001", "ofac-sdn-36002"),  # "Linked To: TREN DEL NORTE." (sentence's full stop)
        ("ofac-sdn-36002", "ofac-sdn-36003"),  # "... ÑANDÚ, C.A." (the name's own full stop)
        ("ofac-sdn-36003", "ofac-sdn-36001"),
        ("ofac-sdn-36005", "ofac-sdn-36001"),  # by the remarks' a.k.a. 'EL PROFE'
    }
    link = links[("ofac-sdn-36005", "ofac-sdn-36001")]
    assert link.id == "ofac-sdn-36005--linked-to--ofac-sdn-36001"
    assert link.status == "official_finding" and link.properties == {"list": "ofac-sdn"}
    assert link.citations[0].says == "SDN entry 36005: Linked To: EL PROFE."
    assert result.unsupported["Linked To a name no entry carries"] == 1  # NAVIERA FANTASMA S.A.


def test_programs_narrow_by_prefix_and_links_out_of_the_import_are_counted():
    result = read_ofac(FIXTURE, DATE, programs=("venezuela",))
    assert set(nodes(result)) == {"ofac-sdn-2024-05-01", "ofac-sdn-36001", "ofac-sdn-36003"}
    assert [(e.from_id, e.to_id) for e in edges(result, "LINKED_TO")] == [
        ("ofac-sdn-36003", "ofac-sdn-36001")
    ]
    assert result.unsupported == {
        "vessel": 1,
        "Linked To an entry not imported": 1,  # 36001 -> TREN DEL NORTE (TCO)
        "Linked To a name no entry carries": 1,
    }
    assert set(nodes(read_ofac(FIXTURE, DATE, programs=("SDGT", "nicaragua")))) == {
        "ofac-sdn-2024-05-01",
        "ofac-sdn-36005",
        "ofac-sdn-36006",
    }


def test_records_fit_the_schema():
    for record in read_ofac(FIXTURE, DATE).records:
        if isinstance(record, Node):
            declared = SCHEMA.node_properties_of(record.label)
        else:
            declared = SCHEMA.edge_properties_of(record.type)
            assert SCHEMA.status(record.status)
        for name, value in record.properties.items():
            assert check_value(declared[name], value, SCHEMA.evidence) is None, (record.id, name)


def test_reading_twice_gives_the_same_records():
    assert read_ofac(FIXTURE, DATE).records == read_ofac(FIXTURE, DATE).records


def test_add_and_alt_are_optional(tmp_path):
    shutil.copy(FIXTURE / "sdn.csv", tmp_path / "sdn.csv")
    person = nodes(read_ofac(tmp_path, DATE))["ofac-sdn-36001"]
    assert person.aliases == ["EL PROFE"] and "addresses" not in person.properties


# --- the remarks --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("part", "dates"),
    [
        ("DOB 23 Nov 1962", ["1962-11-23"]),
        ("DOB 1962", ["1962"]),
        ("DOB circa 1962", ["1962"]),
        # circa keeps only the year, however precisely the date is written: approximate, never exact
        ("DOB circa 12 Mar 1965", ["1965"]),
        ("DOB circa Mar 1965.", ["1965"]),
        ("DOB Circa 12 March 1965", ["1965"]),
        ("DOB Nov 1962.", ["1962-11"]),
        ("DOB 01 Feb 1960 to 29 Feb 1960", ["1960-02"]),
        ("DOB 26 Sep 1946 to 07 Dec 1946.", ["1946"]),
        ("DOB 01 Jan 1955 to 31 Dec 1956", ["1955", "1956"]),
        ("DOB 31 Feb 1962", []),
        ("DOB 1962 to 1990", []),
        ("DOB unknown", []),
    ],
)
def test_birth_dates(part, dates):
    assert birth_dates(part) == dates


def test_remarks_parts_not_read_are_left_to_the_quote():
    remarks = parse_remarks(
        "DOB Smarch 1962; Former Governor of Aragua State; Website www.example.com; "
        "alt. Tax ID No. 32071216470 (Texas) (United States); f.k.a. 'OLD NAME'."
    )
    assert remarks.not_understood == ["DOB"] and remarks.birth_dates == []
    assert remarks.identifiers == ["Tax ID No.: 32071216470 (Texas) (United States)"]
    assert remarks.aliases == ["OLD NAME"]


def test_a_birth_date_about_a_day_keeps_only_its_year(tmp_path):
    row = (
        '36011,"CIRCA, Carla","individual","NICARAGUA",-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,'
        '"DOB circa 12 Mar 1965; alt. DOB 01 Apr 1966; nationality Nicaragua."'
    )
    result = read_ofac(trio(tmp_path / "sdn", [row]), DATE)
    assert nodes(result)["ofac-sdn-36011"].properties["birth_dates"] == ["1965", "1966-04-01"]
    assert parse_remarks("alt. DOB circa 12 Mar 1965").birth_dates == ["1965"]


def test_a_birth_date_not_understood_is_counted_not_guessed(tmp_path):
    row = '36010,"ODD, Date","individual","NICARAGUA",-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,"DOB Smarch 1962."'
    result = read_ofac(trio(tmp_path / "sdn", [row]), DATE)
    assert "birth_dates" not in nodes(result)["ofac-sdn-36010"].properties
    assert result.unsupported == {"remarks: DOB not understood": 1}


# --- bad input ----------------------------------------------------------------------------------

SDN_ROW = '36010,"GOOD, Name","individual","NICARAGUA",-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- '
BAD_SDN = [
    (
        '36x10,"BAD, Number","individual","NICARAGUA",-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ',
        "sdn.csv:2: entry 36x10: ent_num: is not a whole number",
    ),
    (
        '36011,"BAD, Type","person","NICARAGUA",-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ',
        "sdn.csv:2: entry 36011: type: 'person' is not an SDN type (individual, vessel, aircraft, "
        "or -0- for an entity)",
    ),
    (
        '36011,"NO PROGRAM",-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ',
        "sdn.csv:2: entry 36011: programs: is empty: every SDN entry names its programmes",
    ),
    (
        '36011,-0- ,"individual","NICARAGUA",-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ',
        "sdn.csv:2: entry 36011: name: is empty",
    ),
    (
        SDN_ROW,
        "sdn.csv:2: entry 36010: ent_num: entry 36010 appears twice (first on line 1)",
    ),
    (
        '36011,"SHORT, Row","individual","NICARAGUA",-0- ',
        "sdn.csv:2: entry 36011: -: has 5 fields, a row of sdn.csv has 12",
    ),
    (
        '36011,"QUOTE, Open,"individual","NICARAGUA",-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ',
        "sdn.csv:2: line 2: -: broken CSV row: ',' expected after '\"'",
    ),
    (
        '36011,"RUNS, On","individual","NICARAGUA",-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,"DOB 1960',
        "sdn.csv:2: line 2: -: broken CSV row: a quoted field opened here runs on into line 3 "
        "(',' expected after '\"')",
    ),
    (
        '36011,"NUL\x00, Byte","individual","NICARAGUA",-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ',
        "sdn.csv:2: entry 36011: name: contains a NUL (U+0000) at character 4; "
        "text may not hold control characters",
    ),
    (
        '36011,"EOF\x1a, Early","individual","NICARAGUA",-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ',
        "sdn.csv:2: entry 36011: name: contains a control character (U+001A) at character 4; "
        "text may not hold control characters",
    ),
    (
        '\x1a36011,"CONCATENATED, Files","individual","NICARAGUA",-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ',
        "sdn.csv:2: line 2: ent_num: contains a control character (U+001A) at character 1; "
        "text may not hold control characters",
    ),
    (
        '36\xb2,"SUPERSCRIPT, Two","individual","NICARAGUA",-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ',
        "sdn.csv:2: entry 36\xb2: ent_num: is not a whole number",
    ),
    (
        '36011,"C1\x85, Byte","individual","NICARAGUA",-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ',
        "sdn.csv:2: entry 36011: name: contains a control character (U+0085) at character 3; "
        "text may not hold control characters",
    ),
]


def trio(
    folder: Path, sdn: list[str], add: tuple[str, ...] | list[str] = (), alt: tuple[str, ...] | list[str] = ()
) -> Path:
    """Write a trio in the published format: Latin-1, CRLF, 0x1A at the end."""
    folder.mkdir(exist_ok=True)
    for name, rows in (("sdn.csv", sdn), ("add.csv", add), ("alt.csv", alt)):
        if rows:
            (folder / name).write_bytes("".join(r + "\r\n" for r in rows).encode("latin-1") + b"\x1a")
    return folder


def shown_error(error: DataError, folder: Path) -> list[str]:
    return [str(p).replace(str(folder) + os.sep, "") for p in error.problems]


@pytest.mark.parametrize(("row", "message"), BAD_SDN, ids=[m.split(": ", 2)[2][:40] for _, m in BAD_SDN])
def test_bad_sdn_rows_are_named_and_skippable(tmp_path, row, message):
    folder = trio(tmp_path / "sdn", [SDN_ROW, row, SDN_ROW.replace("36010", "36012")])
    with pytest.raises(DataError) as raised:
        read_ofac(folder, DATE)
    assert shown_error(raised.value, folder) == [message]
    result = read_ofac(folder, DATE, skip_bad=True)
    assert [str(p).replace(str(folder) + os.sep, "") for p in result.skipped] == [message]
    assert "ofac-sdn-36010" in nodes(result)


def test_a_quote_never_closed(tmp_path):
    never = '36011,"NEVER, Closed","individual","NICARAGUA",-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,"DOB 1960'
    folder = trio(tmp_path / "sdn", [SDN_ROW, never])
    message = "sdn.csv:2: line 2: -: broken CSV row: a quoted field opened here is never closed"
    with pytest.raises(DataError) as raised:
        read_ofac(folder, DATE)
    assert shown_error(raised.value, folder) == [message]
    assert set(nodes(read_ofac(folder, DATE, skip_bad=True))) == {"ofac-sdn-2024-05-01", "ofac-sdn-36010"}


BAD_EXTRA = [
    (
        [],
        ['36099,201,"aka","NOBODY",-0- '],
        "alt.csv:1: entry 36099: ent_num: no entry of this number in sdn.csv",
    ),
    (
        ['36099,101,-0- ,"Managua","Nicaragua",-0- '],
        [],
        "add.csv:1: entry 36099: ent_num: no entry of this number in sdn.csv",
    ),
    (
        ['36010,101,-0- ,"Managua","Nicaragua",-0- ', "X,102,-0- ,-0- ,-0- ,-0- "],
        [],
        "add.csv:2: entry X: ent_num: is not a whole number",
    ),
]


@pytest.mark.parametrize(("add", "alt", "message"), BAD_EXTRA)
def test_bad_add_and_alt_rows(tmp_path, add, alt, message):
    folder = trio(tmp_path / "sdn", [SDN_ROW], add, alt)
    with pytest.raises(DataError) as raised:
        read_ofac(folder, DATE)
    assert shown_error(raised.value, folder) == [message]
    assert len(read_ofac(folder, DATE, skip_bad=True).skipped) == 1


WRONG_KIND = [
    (
        b'<?xml version="1.0" encoding="utf-8"?>\r\n<sdnList></sdnList>\r\n',
        "sdn.csv:1: line 1: -: not an OFAC sdn.csv file (it looks like XML): its first row has 1 fields, "
        "sdn.csv rows have 12",
    ),
    (
        b'{"id": "x", "schema": "Person", "properties": {}}\n',
        "sdn.csv:1: line 1: -: not an OFAC sdn.csv file (it looks like JSON): its first row has 3 fields, "
        "sdn.csv rows have 12",
    ),
    (
        b"\xef\xbb\xbf" + SDN_ROW.encode() + b"\r\n",
        "sdn.csv:1: line 1: -: starts with a UTF-8 byte order mark: "
        "OFAC's SDN files are Latin-1 and have none",
    ),
    (
        b'36010,2007,-0- ,"Cali","Colombia",-0- \r\n',
        "sdn.csv:1: entry 36010: -: not an OFAC sdn.csv file: its first row has 6 fields, "
        "sdn.csv rows have 12",
    ),
    (b"", "sdn.csv: -: -: holds no entries: not an OFAC sdn.csv file"),
]


@pytest.mark.parametrize(("data", "message"), WRONG_KIND)
def test_files_of_the_wrong_kind_are_refused_even_with_skip_bad(tmp_path, data, message):
    (tmp_path / "sdn.csv").write_bytes(data)
    for skip_bad in (False, True):
        with pytest.raises(DataError) as raised:
            read_ofac(tmp_path, DATE, skip_bad=skip_bad)
        assert shown_error(raised.value, tmp_path) == [message]


def test_an_alt_file_of_the_wrong_kind(tmp_path):
    folder = trio(tmp_path / "sdn", [SDN_ROW], alt=['36010,101,-0- ,"Managua","Nicaragua",-0- '])
    with pytest.raises(DataError) as raised:
        read_ofac(folder, DATE)
    assert shown_error(raised.value, folder) == [
        "alt.csv:1: entry 36010: -: not an OFAC alt.csv file: its first row has 6 fields, alt.csv rows have 5"
    ]


@pytest.mark.parametrize("bad", ["2021-7-1", "01/07/2021", "2021-02-30", ""])
def test_the_list_date_must_be_a_date(bad):
    with pytest.raises(DataError) as raised:
        read_ofac(FIXTURE, bad)
    assert [str(p) for p in raised.value.problems] == [
        f"{FIXTURE}: options: --list-date: '{bad}' is not a date written YYYY-MM-DD "
        "(the SDN files carry no date of their own)"
    ]


def test_a_folder_without_sdn_csv(tmp_path):
    with pytest.raises(DataError) as raised:
        read_ofac(tmp_path, DATE)
    assert [str(p) for p in raised.value.problems] == [
        f"{tmp_path}: -: -: no sdn.csv here: give the folder of the SDN files or sdn.csv"
    ]


# --- the real 2021 excerpt ----------------------------------------------------------------------


@pytest.fixture(scope="module")
def excerpt():
    if not (SHARED / "sdn.csv").exists():
        if os.environ.get("CI") == "true":
            pytest.fail(f"the OFAC excerpt is required in CI: {SHARED}")
        pytest.skip("the OFAC excerpt is not here")
    return read_ofac(SHARED, "2021-07-01")


def test_excerpt_maduro(excerpt):
    maduro = nodes(excerpt)["ofac-sdn-22790"]
    assert (maduro.label, maduro.name) == ("Person", "MADURO MOROS, Nicolas")
    assert maduro.properties["birth_dates"] == ["1962-11-23"]
    assert maduro.properties["identifiers"][0] == "OFAC SDN: 22790"
    listing = next(e for e in edges(excerpt) if e.id == "ofac-sdn-22790--sanctioned-by--ofac")
    assert "VENEZUELA" in listing.properties["program"].split("; ")
    assert listing.status == "sanctioned"


def test_excerpt_counts(excerpt):
    entries = [r for r in excerpt.records if isinstance(r, Node) and r.label != "Source"]
    kinds = {k: n for k, n in excerpt.unsupported.items() if k in ("vessel", "aircraft")}
    assert kinds == {"vessel": 53, "aircraft": 56}
    assert len(entries) == 651 - sum(kinds.values()) and not excerpt.skipped
    assert len([e for e in edges(excerpt) if e.to_id == "ofac"]) == len(entries)


def test_excerpt_linked_to_and_criminal_groups(excerpt):
    found = nodes(excerpt)
    assert found["ofac-sdn-23223"].name == "THIEVES-IN-LAW"
    assert found["ofac-sdn-23223"].label == "CriminalGroup"  # a TCO entity
    assert found["ofac-sdn-15412"].label == "CriminalGroup"  # MS-13
    link = next(e for e in edges(excerpt, "LINKED_TO") if e.from_id == "ofac-sdn-12625")
    assert link.to_id == "ofac-sdn-23223"  # KOLBAYEV, Kamchybek Asanbekovich
    assert link.citations[0].says == "SDN entry 12625: Linked To: THIEVES-IN-LAW."
    assert len(edges(excerpt, "LINKED_TO")) > 150


def test_excerpt_programs_narrow(excerpt):
    narrowed = read_ofac(SHARED, "2021-07-01", programs=("VENEZUELA",))
    text = (SHARED / "sdn.csv").read_bytes().decode("latin-1").rstrip("\x1a")
    rows = [r for r in csv.reader(io.StringIO(text, newline="")) if r]
    venezuelan = [r for r in rows if any(p.startswith("VENEZUELA") for p in r[3].split("] ["))]
    entries = [n for n in nodes(narrowed).values() if n.label != "Source"]
    unsupported = narrowed.unsupported["vessel"] + narrowed.unsupported["aircraft"]
    assert len(entries) == len(venezuelan) - unsupported and 0 < len(entries) < len(nodes(excerpt))
    for listing in (e for e in edges(narrowed) if e.to_id == "ofac"):
        assert any(p.startswith("VENEZUELA") for p in listing.properties["program"].split("; "))


def test_excerpt_reads_the_same_twice(excerpt):
    assert read_ofac(SHARED, "2021-07-01").records == excerpt.records
