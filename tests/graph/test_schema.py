from pathlib import Path

import pytest
import yaml

from csn.graph.errors import SchemaError
from csn.graph.schema import SCHEMA, load_schema


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
