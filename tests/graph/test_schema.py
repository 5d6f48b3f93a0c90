from pathlib import Path

import pytest
import yaml

from csn.graph.errors import SchemaError
from csn.graph.schema import SCHEMA, load_schema, schema_tables


def test_every_label_and_type_is_described_and_drawable():
    for label in SCHEMA.labels.values():
        assert label.description and label.colour.startswith("#") and label.shape
    for rel in SCHEMA.relationships.values():
        assert rel.meaning and rel.category in SCHEMA.categories
        assert rel.from_labels and rel.to_labels
    for prop in [*SCHEMA.node_properties.values(), *SCHEMA.edge_properties.values()]:
        assert prop.description


def test_evidence_ladder_order():
    order = ["convicted", "charged", "sanctioned", "official_finding", "reported", "alleged", "rumoured"]
    ranks = [SCHEMA.rank(s) for s in order]
    assert ranks == sorted(ranks, reverse=True) and len(set(ranks)) == len(ranks)
    assert SCHEMA.rank("designated") == SCHEMA.rank("sanctioned")


def test_issue_labels_and_relationship_kinds_exist():
    for label in [
        "Person",
        "StateBody",
        "CriminalGroup",
        "SmugglingNetwork",
        "Company",
        "Country",
        "Place",
        "MigrationCorridor",
        "Authority",
        "Source",
    ]:
        assert label in SCHEMA.labels
    for rel_type in [
        "HOLDS_OFFICE",
        "MEMBER_OF",
        "LEADS",
        "COLLUDES_WITH",
        "CONTROLS",
        "SMUGGLES_ON",
        "STARTS_IN",
        "PASSES_THROUGH",
        "ENDS_IN",
        "CHARGED_BY",
        "CONVICTED_BY",
        "SENTENCED_BY",
        "SANCTIONED_BY",
        "DESIGNATED_BY",
        "EXTRADITED_TO",
        "PARDONED_BY",
        "FAMILY_OF",
        "SUPPORTS",
    ]:
        assert rel_type in SCHEMA.relationships


def test_allowed_pairs():
    assert SCHEMA.relationship("CONVICTED_BY").allows("Person", "Authority")
    assert not SCHEMA.relationship("CONVICTED_BY").allows("Authority", "Person")
    with pytest.raises(SchemaError, match="unknown relationship type 'BRIBES'"):
        SCHEMA.relationship("BRIBES")


def test_trace_walks_network_ties_but_not_legal_actions():
    assert "COLLUDES_WITH" in SCHEMA.types_traced("always")
    assert "CONVICTED_BY" in SCHEMA.types_traced("never")
    assert "PASSES_THROUGH" in SCHEMA.types_traced("last")
    assert SCHEMA.office_types == ("HOLDS_OFFICE",)


def test_inconsistent_schema_is_refused(tmp_path: Path):
    raw = yaml.safe_load(Path("graph/schema.yaml").read_text())
    raw["relationships"]["LEADS"]["to"].append("Spaceship")
    broken = tmp_path / "schema.yaml"
    broken.write_text(yaml.safe_dump(raw))
    with pytest.raises(SchemaError, match="LEADS: unknown to label"):
        load_schema(broken)


def test_the_code_names_every_label_and_type_of_the_schema_once():
    from csn.graph import names

    declared = {v for k, v in vars(names).items() if k.isupper() and isinstance(v, str)}
    assert declared == set(SCHEMA.labels) | set(SCHEMA.relationships)


SCHEMA_FILE = Path(__file__).parents[2] / "graph" / "schema.yaml"


def schema_with(tmp_path: Path, change) -> Path:
    """schema.yaml with `change(raw)` applied, written to a file of the test's own."""
    raw = yaml.safe_load(SCHEMA_FILE.read_text(encoding="utf-8"))
    change(raw)
    path = tmp_path / "schema.yaml"
    path.write_text(yaml.safe_dump(raw, allow_unicode=True), encoding="utf-8")
    return path


def test_the_schema_reads_the_same_every_time():
    assert load_schema() == SCHEMA
    assert load_schema(SCHEMA_FILE) == SCHEMA


def test_what_the_schema_file_declares_is_read_as_written():
    person = SCHEMA.label("Person")
    assert (person.name, person.role, person.colour, person.shape) == ("Person", "person", "#4e79a7", "dot")
    assert person.description == "A natural person: an official, a gang leader, a trafficker."
    mode = SCHEMA.label("MigrationCorridor").properties["mode"]
    assert (mode.name, mode.kind, mode.required, mode.choices) == (
        "mode",
        "str",
        True,
        ("land", "air", "sea", "mixed"),
    )
    assert SCHEMA.node_properties["aliases"].required is False and SCHEMA.node_properties["id"].required
    office = SCHEMA.relationship("HOLDS_OFFICE")
    assert office.makes_state_actor and not office.is_listing and office.category in SCHEMA.categories
    sanctioned = SCHEMA.relationship("SANCTIONED_BY")
    assert sanctioned.is_listing and not sanctioned.makes_state_actor
    assert SCHEMA.listing_types == ("SANCTIONED_BY", "DESIGNATED_BY")
    convicted = SCHEMA.status("convicted")
    assert (convicted.name, convicted.rank) == ("convicted", SCHEMA.rank("convicted"))
    assert SCHEMA.base_label == "Entity" and SCHEMA.source_label == "Source"
    assert SCHEMA.labels_with_role("corridor") == ("MigrationCorridor",)
    assert SCHEMA.labels_with_role("state", "corridor") == ("StateBody", "MigrationCorridor")


def test_unknown_names_are_refused_with_what_is_known():
    with pytest.raises(SchemaError, match=r"^unknown label 'Ship'; known: Person, StateBody, "):
        SCHEMA.label("Ship")
    with pytest.raises(SchemaError, match=r"^unknown status 'likely'; known: convicted, charged, "):
        SCHEMA.status("likely")
    with pytest.raises(SchemaError, match=r"^unknown relationship type 'BRIBES'; known: HOLDS_OFFICE, "):
        SCHEMA.relationship("BRIBES")
    with pytest.raises(SchemaError, match=r"^unknown status 'likely'"):
        SCHEMA.rank("likely")


def test_the_properties_of_a_label_and_a_type_are_their_own_and_the_common_ones():
    assert set(SCHEMA.node_properties_of("Country")) == {"iso2", *SCHEMA.node_properties}
    assert SCHEMA.node_property("Country", "iso2").kind == "str"
    assert SCHEMA.node_property("Country", "aliases").kind == "list"
    assert set(SCHEMA.edge_properties_of("HOLDS_OFFICE")) == {"role", *SCHEMA.edge_properties}
    assert SCHEMA.edge_property("HOLDS_OFFICE", "role").name == "role"
    assert SCHEMA.edge_property("HOLDS_OFFICE", "status").kind == "status"
    with pytest.raises(
        SchemaError, match=r"^the label Country has no property 'mode'; it has iso2, id, name, "
    ):
        SCHEMA.node_property("Country", "mode")
    with pytest.raises(SchemaError, match=r"^the relationship type LEADS has no property 'share'; it has "):
        SCHEMA.edge_property("LEADS", "share")
    with pytest.raises(SchemaError, match="unknown label 'Ship'"):
        SCHEMA.node_properties_of("Ship")


@pytest.mark.parametrize(
    ("kind", "value", "problem"),
    [
        ("list", ["a", "b"], None),
        ("list", ["a", ""], "must be a list of non-empty strings"),
        ("list", ["a", 1], "must be a list of non-empty strings"),
        ("list", "a", "must be a list of non-empty strings"),
        ("int", 3, None),
        ("int", True, "must be a whole number"),
        ("int", 3.0, "must be a whole number"),
        ("number", 2.5, None),
        ("number", 2, None),
        ("number", False, "must be a number"),
        ("number", "2", "must be a number"),
        ("fraction", 0, None),
        ("fraction", 1, None),
        ("fraction", 0.5, None),
        ("fraction", 1.01, "must be a number from 0 to 1"),
        ("fraction", -0.01, "must be a number from 0 to 1"),
        ("fraction", True, "must be a number from 0 to 1"),
        ("fraction", "0.5", "must be a number from 0 to 1"),
        ("str", "x", None),
        ("str", "  ", "must be a non-empty string"),
        ("str", 3, "must be a non-empty string"),
        ("date", "2020", None),
        ("date", "2020-02", None),
        ("date", "2020-02-29", None),
        ("date", "2020-13", "'2020-13' is not a date (YYYY, YYYY-MM or YYYY-MM-DD)"),
        ("date", "2020-02-32", "'2020-02-32' is not a date (YYYY, YYYY-MM or YYYY-MM-DD)"),
        ("url", "https://example.org/a", None),
        ("url", "http://example.org", None),
        ("url", "ftp://example.org", "'ftp://example.org' is not an http(s) URL"),
        ("url", "https:// example.org", "'https:// example.org' is not an http(s) URL"),
        ("status", "reported", None),
        ("status", "likely", "unknown status 'likely'; known: convicted, charged, sanctioned, designated, "),
    ],
)
def test_values_are_checked_against_their_kind(kind, value, problem):
    from csn.graph.schema import Property, check_value

    found = check_value(Property("p", kind, False, "d"), value, SCHEMA.evidence)
    if problem is None or not problem.endswith(", "):
        assert found == problem
    else:
        assert found is not None and found.startswith(problem)


def test_a_closed_property_takes_only_its_choices():
    from csn.graph.schema import check_value

    mode = SCHEMA.label("MigrationCorridor").properties["mode"]
    assert check_value(mode, "air", SCHEMA.evidence) is None
    assert check_value(mode, "rail", SCHEMA.evidence) == "'rail' is not one of land, air, sea, mixed"


def _set(path: list, value):
    def change(raw):
        target = raw
        for key in path[:-1]:
            target = target[key]
        if value is KeyError:
            del target[path[-1]]
        else:
            target[path[-1]] = value

    return change


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (
            _set(["node_properties", "aliases", "type"], "text"),
            "node_properties.aliases: type 'text' is not one of "
            "str, list, date, url, status, fraction, int, number",
        ),
        (
            _set(["node_properties", "aliases", "description"], ""),
            "node_properties.aliases: a description is required",
        ),
        (
            _set(["edge_properties", "status", "description"], ""),
            "edge_properties.status: a description is required",
        ),
        (
            _set(["labels", "Place", "properties", "kind", "description"], KeyError),
            "labels.Place.kind: a description is required",
        ),
        (
            _set(["relationships", "LEADS", "properties"], {"rank": {"type": "int"}}),
            "relationships.LEADS.rank: a description is required",
        ),
        (
            _set(["labels", "Place", "description"], ""),
            "label Place: description and display colour and shape are required",
        ),
        (
            _set(["labels", "Place", "display"], {"colour": "#ffffff"}),
            "label Place: description and display colour and shape are required",
        ),
        (
            _set(["labels", "Place", "display"], {"shape": "dot"}),
            "label Place: description and display colour and shape are required",
        ),
        (
            _set(["labels", "Place", "display"], KeyError),
            "label Place: description and display colour and shape are required",
        ),
        (
            _set(["categories", "legal", "traced"], "sometimes"),
            "category legal: traced must be one of always, last, never",
        ),
        (
            _set(["relationships", "LEADS", "category"], "friendship"),
            "relationship LEADS: unknown category 'friendship'",
        ),
        (
            _set(["relationships", "LEADS", "from"], ["Person", "Robot", "Ghost"]),
            "relationship LEADS: unknown from label(s) Robot, Ghost",
        ),
        (_set(["relationships", "LEADS", "meaning"], ""), "relationship LEADS: a meaning is required"),
        (_set(["base_label"], "Person"), "base_label must be set and differ from every label"),
        (_set(["base_label"], ""), "base_label must be set and differ from every label"),
    ],
)
def test_a_broken_schema_is_refused_naming_what_is_wrong(tmp_path, change, message):
    with pytest.raises(SchemaError) as refused:
        load_schema(schema_with(tmp_path, change))
    assert str(refused.value) == message


def test_what_a_schema_may_leave_out_takes_its_default(tmp_path):
    def change(raw):
        raw["labels"]["Place"].pop("role")
        raw["labels"]["Place"]["properties"]["kind"]["choices"] = ["city", "state"]
        raw["node_properties"]["aliases"].pop("required", None)
        raw["relationships"]["HOLDS_OFFICE"].pop("makes_state_actor")
        raw["relationships"]["SANCTIONED_BY"].pop("listing")
        raw["relationships"]["LEADS"]["properties"] = {
            "since": {"type": "date", "required": True, "description": "When."}
        }

    schema = load_schema(schema_with(tmp_path, change))
    assert schema.label("Place").role == "other"
    assert schema.label("Place").properties["kind"].choices == ("city", "state")
    assert schema.label("Place").properties["kind"].required is False
    assert schema.node_properties["aliases"].required is False
    assert schema.office_types == () and schema.listing_types == ("DESIGNATED_BY",)
    since = schema.edge_property("LEADS", "since")
    assert (since.kind, since.required, since.description, since.choices) == ("date", True, "When.", ())
    assert schema.evidence == SCHEMA.evidence and schema.categories == SCHEMA.categories


def test_the_schema_reads_as_three_tables_with_required_properties_starred():
    tables = schema_tables().split("\n\n")
    assert [t.splitlines()[:2] for t in tables] == [
        ["| label | what it is | own properties |", "|---|---|---|"],
        ["| relationship | category | from → to | meaning |", "|---|---|---|---|"],
        ["| status | rank | meaning |", "|---|---|---|"],
    ]
    labels, relationships, statuses = (t.splitlines()[2:] for t in tables)
    assert len(labels) == len(SCHEMA.labels) and len(relationships) == len(SCHEMA.relationships)
    place = next(row for row in labels if row.startswith("| Place |"))
    assert place.endswith("a region such as the Darién. | `kind` |")
    assert labels[0] == "| Person | A natural person: an official, a gang leader, a trafficker. |  |"
    source = next(row for row in labels if row.startswith("| Source |"))
    assert source.endswith(
        "| `publisher`*, `title`*, `date`*, `url`*, "
        "`primary_publisher`, `primary_title`, `primary_date`, `primary_url` |"
    )
    assert (
        relationships[0]
        == "| HOLDS_OFFICE | network | Person → StateBody | PERSON held an office in STATE BODY. |"
    )
    member_of = next(row for row in relationships if row.startswith("| MEMBER_OF |"))
    assert member_of.startswith(
        "| MEMBER_OF | network | Person, CriminalGroup, SmugglingNetwork, Company, Organization → "
    )
    assert (
        "| LEADS | network | Person → CriminalGroup, SmugglingNetwork, Company, Organization |"
        in "\n".join(relationships)
    )
    assert statuses[0] == "| convicted | 8 | A court convicted, or the person pleaded guilty. |"
    assert statuses[-1] == "| rumoured | 1 | Circulating, with no firm source for the claim itself. |"
