"""The UN Security Council Consolidated List reader: the hand-written fixture, the real excerpt, bad input."""

import os

import pytest

from csn.graph.errors import DataError
from csn.graph.model import Edge, Node
from csn.graph.schema import SCHEMA, check_value
from csn.loaders.lists.un import read_un
from tests.conftest import SHARED_DATA, TESTS

UN = TESTS / "fixtures" / "lists" / "un"
FIXTURE = UN / "consolidated.xml"
BAD = UN / "bad"
SHARED = SHARED_DATA
EXCERPT = SHARED / "un-sc-consolidated-2026-02-27-excerpt.xml"


@pytest.fixture(scope="module")
def excerpt_path():
    if not EXCERPT.exists():
        if os.environ.get("CI") == "true":
            pytest.fail(f"the real excerpt {EXCERPT.name} is missing")
        pytest.skip("the real excerpt is not beside the checkout")
    return EXCERPT


@pytest.fixture(scope="module")
def excerpt(excerpt_path):
    return read_un(excerpt_path)


def by_id(records):
    return {record.id: record for record in records}


def nodes(records, label=None):
    return [r for r in records if isinstance(r, Node) and (label is None or r.label == label)]


def test_fixture_edition_and_its_source():
    result = read_un(FIXTURE)
    edition = result.edition
    assert (edition.key, edition.date, edition.authority_ids) == (
        "un-sc",
        "2026-02-27",
        ("un-security-council",),
    )
    assert edition.source == Node(
        id="un-sc-2026-02-27",
        label="Source",
        name="UN Security Council Consolidated List, 2026-02-27",
        properties={
            "publisher": "United Nations Security Council",
            "title": "United Nations Security Council Consolidated List",
            "date": "2026-02-27",
            "url": "https://scsanctions.un.org",
        },
    )
    assert result.records[0] == edition.source
    assert "un-security-council" not in by_id(result.records)  # curated, never emitted
    assert not result.skipped and not result.unsupported
    kinds = [type(r).__name__ for r in result.records]
    assert kinds == ["Node"] * 5 + ["Edge"] * 4  # nodes first, then edges


def test_fixture_individual_with_every_part():
    records = by_id(read_un(FIXTURE).records)
    assert records["un-hti-901"] == Node(
        id="un-hti-901",
        label="Person",
        name="JEAN-BAPTISTE EXEMPLE",  # the trailing space of SECOND_NAME is layout
        properties={
            "aliases": ["JB EXEMPLE"],  # quality Good
            "weak_aliases": ["TI JEAN"],  # quality Low: shown, never matched
            "identifiers": [
                "UN: HTi.901",
                "Passport: PP0000001 (Haiti)",
                "National Identification Number: 000-000-000-1",
            ],
            "birth_dates": ["1980-05-12"],
            "birth_place": "Port-au-Prince, Ouest, Haiti",
            "nationalities": ["Haiti"],
            "gender": "Male",
            "addresses": ["12, Rue Fictive, Port-au-Prince, Haiti (as of March 2024)"],
        },
    )
    edge = records["un-hti-901--designated-by--un-security-council"]
    assert isinstance(edge, Edge)
    assert (edge.type, edge.from_id, edge.to_id, edge.status) == (
        "DESIGNATED_BY",
        "un-hti-901",
        "un-security-council",
        "designated",
    )
    assert (edge.valid_from, edge.valid_to) == ("2024-03-15", None)
    assert edge.properties == {
        "designation": "UN Security Council Haiti sanctions list",
        "program": "Haiti",
        "reference": "HTi.901",
        "list": "un-sc",
    }
    # The comment's line break is layout: one space, then the project's control-character check.
    (citation,) = edge.citations
    assert citation.source == "un-sc-2026-02-27"
    assert citation.says.startswith(
        "Jean-Baptiste Exemple leads an invented gang in a test fixture. He is not"
    )
    assert "  " not in citation.says


def test_fixture_approximate_between_and_original_script():
    records = by_id(read_un(FIXTURE).records)
    approximate = records["un-cdi-902"]
    assert approximate.name == "MARIE CLAIRE MODELE KIBWE"  # four name parts
    assert approximate.properties == {
        "identifiers": ["UN: CDi.902"],
        "birth_dates": ["1965"],  # APPROXIMATELY 1965
        "nationalities": ["Democratic Republic of the Congo"],
    }  # empty alias, address, place of birth and document, and no GENDER: nothing made up
    no_comment = records["un-cdi-902--designated-by--un-security-council"]
    assert [c.says for c in no_comment.citations] == ["Listed on 2019-02-01 (CDi.902)"]
    between = records["un-lyi-903"]
    assert between.properties["birth_dates"] == ["1970", "1972"]
    assert between.properties["aliases"] == ["Ali al-Tajriba", "علي مثال التجربة"]
    assert (
        between.properties["identifiers"][1]
        == "National Identification Number, Military ID: 1-00-00-00000-00"
    )


def test_fixture_entity_is_a_criminal_group_with_aka_and_fka():
    records = by_id(read_un(FIXTURE).records)
    group = records["un-hte-901"]
    assert (group.label, group.name) == ("CriminalGroup", "BRIGADE EXEMPLE")  # its comment calls it a gang
    assert group.properties["aliases"] == ["BAZ EXEMPLE", "GROUPE MODELE"]  # a.k.a. and f.k.a.


def test_every_record_fits_the_schema():
    records = read_un(FIXTURE).records
    labels = {r.id: r.label for r in nodes(records)} | {"un-security-council": "Authority"}
    for record in records:
        if isinstance(record, Node):
            declared = SCHEMA.node_properties_of(record.label)
            values = record.properties
        else:
            assert SCHEMA.relationship(record.type).allows(labels[record.from_id], labels[record.to_id])
            declared = SCHEMA.edge_properties_of(record.type)
            values = {**record.properties, "status": record.status, "valid_from": record.valid_from}
        for key, value in values.items():
            assert key in declared, (record.id, key)
            assert check_value(declared[key], value, SCHEMA.evidence) is None, (record.id, key, value)


def test_regimes_narrow_case_insensitively():
    records = read_un(FIXTURE, regimes=("haiti",)).records
    assert sorted(n.id for n in nodes(records) if n.label != "Source") == ["un-hte-901", "un-hti-901"]
    assert len([r for r in records if isinstance(r, Edge)]) == 2
    both = read_un(FIXTURE, regimes=("Haiti", "LIBYA")).records
    assert len(nodes(both)) == 1 + 3
    assert len(read_un(FIXTURE, regimes=("Hait",)).records) == 1  # exact, not a prefix: the Source only


def test_a_namespace_on_the_elements_changes_nothing(tmp_path):
    spaced = tmp_path / "spaced.xml"
    text = FIXTURE.read_text(encoding="utf-8")
    spaced.write_text(text.replace("<CONSOLIDATED_LIST ", '<CONSOLIDATED_LIST xmlns="urn:un:sc" '), "utf-8")
    assert read_un(spaced).records == read_un(FIXTURE).records


def test_reading_twice_gives_identical_records():
    assert read_un(FIXTURE).records == read_un(FIXTURE).records


# Bad input: each file and the exact problems it gives.
BAD_CASES = {
    "not-xml.json": [
        "{f}:1: file: -: not a UN Security Council Consolidated List: not XML; the parser says"
        " 'not well-formed (invalid token)' at column 0"
    ],
    "ofac-like.csv": [
        "{f}:1: file: -: not a UN Security Council Consolidated List: not XML; the parser says"
        " 'syntax error' at column 0"
    ],
    "wrong-root.xml": ["{f}: file: -: not a UN Security Council Consolidated List: root element is sdnList"],
    "truncated.xml": [
        "{f}:68: file: -: the XML breaks off at column 21, the parser says 'no element found': the file"
        " is truncated or not well-formed, and nothing after this point was read"
    ],
    "missing-date.xml": ["{f}: CONSOLIDATED_LIST: dateGenerated: missing: the list's date is unknown"],
    "bad-date.xml": ["{f}: CONSOLIDATED_LIST: dateGenerated: '27/02/2026' is not an ISO date and time"],
    "listed-on.xml": ["{f}: INDIVIDUAL HTi.901: LISTED_ON: '15 March 2024' is not a date (YYYY-MM-DD)"],
    "missing-reference.xml": ["{f}: INDIVIDUAL DATAID 9900002: REFERENCE_NUMBER: missing"],
    "control-character.xml": [
        "{f}: INDIVIDUAL LYi.903: INDIVIDUAL_ALIAS/ALIAS_NAME: contains a control character (U+0085)"
        " at character 4; text may not hold control characters"
    ],
    "birth-date.xml": [
        "{f}: INDIVIDUAL HTi.901: INDIVIDUAL_DATE_OF_BIRTH/DATE: '1980-13-12' is not a date (YYYY-MM-DD)"
    ],
    "duplicate.xml": [
        "{f}: INDIVIDUAL HTI.901: REFERENCE_NUMBER: gives the id 'un-hti-901' of INDIVIDUAL HTi.901,"
        " read before"
    ],
}


@pytest.mark.parametrize("name", sorted(BAD_CASES))
def test_bad_input_is_refused_with_every_problem(name):
    path = BAD / name
    with pytest.raises(DataError) as caught:
        read_un(path)
    assert [str(p) for p in caught.value.problems] == [line.format(f=path) for line in BAD_CASES[name]]


def test_every_bad_entry_is_reported_together(tmp_path):
    several = tmp_path / "several.xml"
    text = FIXTURE.read_text(encoding="utf-8")
    text = text.replace("<LISTED_ON>2024-03-15</LISTED_ON>", "<LISTED_ON>2024-02-30</LISTED_ON>")
    text = text.replace("<YEAR>1965</YEAR>", "<YEAR>c. 1965</YEAR>")
    text = text.replace("<UN_LIST_TYPE>Libya</UN_LIST_TYPE>", "<UN_LIST_TYPE/>")
    several.write_text(text, "utf-8")
    with pytest.raises(DataError) as caught:
        read_un(several)
    assert [str(p) for p in caught.value.problems] == [
        f"{several}: INDIVIDUAL HTi.901: LISTED_ON: '2024-02-30' is not a date (YYYY-MM-DD)",
        f"{several}: INDIVIDUAL CDi.902: INDIVIDUAL_DATE_OF_BIRTH/YEAR: 'c. 1965' is not a year (YYYY)",
        f"{several}: INDIVIDUAL LYi.903: UN_LIST_TYPE: missing",
    ]


@pytest.mark.parametrize(
    "name, kept",
    [
        ("listed-on.xml", ["un-cdi-902", "un-hte-901", "un-lyi-903"]),
        ("missing-reference.xml", ["un-hte-901", "un-hti-901", "un-lyi-903"]),
        ("control-character.xml", ["un-cdi-902", "un-hte-901", "un-hti-901"]),
        ("duplicate.xml", ["un-cdi-902", "un-hte-901", "un-hti-901"]),
        ("truncated.xml", ["un-hti-901"]),  # the entries before the break, never past it
    ],
)
def test_skip_bad_keeps_the_rest_and_lists_what_it_left_out(name, kept):
    path = BAD / name
    result = read_un(path, skip_bad=True)
    assert sorted(n.id for n in nodes(result.records) if n.label != "Source") == kept
    assert sorted(r.from_id for r in result.records if isinstance(r, Edge)) == kept
    assert [str(p) for p in result.skipped] == [line.format(f=path) for line in BAD_CASES[name]]


@pytest.mark.parametrize("name", ["not-xml.json", "ofac-like.csv", "wrong-root.xml", "missing-date.xml"])
def test_skip_bad_never_skips_a_file_of_the_wrong_kind_or_without_a_date(name):
    with pytest.raises(DataError):
        read_un(BAD / name, skip_bad=True)


def test_a_bad_entry_of_another_regime_is_not_read():
    assert len(nodes(read_un(BAD / "listed-on.xml", regimes=("Libya",)).records)) == 2


# The real excerpt: Haiti, DRC and Libya regimes, generated 2026-02-27.


def test_excerpt_counts_and_date(excerpt):
    assert excerpt.edition.date == "2026-02-27" and excerpt.edition.source.id == "un-sc-2026-02-27"
    assert len(nodes(excerpt.records, "Person")) == 81
    entities = [n for n in nodes(excerpt.records) if n.label not in ("Person", "Source")]
    assert len(entities) == 13
    assert len([r for r in excerpt.records if isinstance(r, Edge)]) == 81 + 13
    assert not excerpt.skipped


def test_excerpt_jimmy_cherizier(excerpt):
    records = by_id(excerpt.records)
    person = records["un-hti-001"]
    assert (person.label, person.name) == ("Person", "JIMMY CHERIZIER")
    assert person.properties["identifiers"][0] == "UN: HTi.001"
    assert person.properties["birth_dates"] == ["1977-03-30"]
    assert person.properties["weak_aliases"] == ["BARBEQUE"] and "aliases" not in person.properties
    edge = records["un-hti-001--designated-by--un-security-council"]
    assert (edge.type, edge.to_id, edge.valid_from) == ("DESIGNATED_BY", "un-security-council", "2022-10-21")
    assert edge.properties["reference"] == "HTi.001" and edge.properties["program"] == "Haiti"
    assert "one of Haiti’s most influential gang leaders" in edge.citations[0].says


def test_excerpt_haiti_gangs_are_criminal_groups(excerpt):
    records = by_id(excerpt.records)
    assert (records["un-hte-001"].name, records["un-hte-001"].label) == ("GRAN GRIF", "CriminalGroup")
    assert (records["un-hte-002"].name, records["un-hte-002"].label) == ("VIV ANSANM", "CriminalGroup")
    assert records["un-hte-002--designated-by--un-security-council"].valid_from == "2025-07-08"


def test_excerpt_regime_narrows_to_haiti(excerpt_path):
    haiti = read_un(excerpt_path, regimes=("Haiti",))
    edges = [r for r in haiti.records if isinstance(r, Edge)]
    assert len(edges) == 11 and {e.properties["program"] for e in edges} == {"Haiti"}


def test_excerpt_read_twice_is_identical(excerpt_path, excerpt):
    assert read_un(excerpt_path).records == excerpt.records
