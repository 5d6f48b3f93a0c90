"""`csn export --format ftm`: the seed as FollowTheMoney, read back by followthemoney and by our reader."""

from __future__ import annotations

import json
import subprocess
import sys
from collections import Counter
from pathlib import Path

import pytest

from csn.graph.memory_store import MemoryStore
from csn.graph.model import Edge, Node
from csn.loaders.curated.seed import load_seed
from csn.loaders.lists.ftm import read_ftm
from csn.loaders.lists.ftm_export import ftm_entities, write_ftm

followthemoney = pytest.importorskip("followthemoney")
from followthemoney import model  # noqa: E402
from followthemoney.types import registry  # noqa: E402

from tests.conftest import REPO  # noqa: E402

# Types whose values FtM normalises by a fixed rule (a URL gains its trailing slash): valid, not equal.
FREE = (registry.text, registry.string, registry.name, registry.address, registry.identifier, registry.url)


@pytest.fixture(scope="module")
def seed_store() -> MemoryStore:
    store = MemoryStore()
    store.write(load_seed(REPO / "seed"))
    return store


@pytest.fixture(scope="module")
def exported(seed_store, tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("ftm") / "seed.ftm.json"
    write_ftm(seed_store, path)
    return path


def test_every_line_is_an_entity_followthemoney_reads(exported):
    lines = [json.loads(line) for line in exported.read_text(encoding="utf-8").splitlines()]
    schemata = {entity["id"]: entity["schema"] for entity in lines}
    assert len(schemata) == len(lines)
    for entity in lines:
        proxy = model.get_proxy(entity)
        assert proxy.to_dict()["properties"] == entity["properties"]
        for name, values in entity["properties"].items():
            prop = proxy.schema.get(name)
            assert prop is not None, f"{entity['schema']} has no property {name}"
            for value in values:
                if prop.type == registry.entity:
                    assert model.get(schemata[value]).is_a(prop.range), (entity["id"], name, value)
                elif prop.type in FREE:
                    assert prop.type.clean(value) is not None, (entity["id"], name, value)
                else:
                    assert prop.type.clean(value) == value, (entity["id"], name, value)


def test_counts_by_schema(seed_store):
    counts = Counter(entity["schema"] for entity in ftm_entities(seed_store))
    nodes = Counter(node.label for node in seed_store.all_nodes())
    assert counts["Person"] == nodes["Person"]
    assert counts["Company"] == nodes["Company"]
    assert (
        counts["Organization"] == nodes["CriminalGroup"] + nodes["SmugglingNetwork"] + nodes["Organization"]
    )
    assert counts["PublicBody"] == nodes["StateBody"] + nodes["Authority"]
    edges = Counter(edge.type for edge in seed_store.all_edges())
    assert counts["Sanction"] == edges["SANCTIONED_BY"] + edges["DESIGNATED_BY"]
    assert counts["Family"] == edges["FAMILY_OF"]
    assert counts["Occupancy"] == edges["HOLDS_OFFICE"]
    assert counts["Directorship"] == edges["LEADS"]
    assert counts["Membership"] == edges["MEMBER_OF"]
    assert "Address" not in counts and "Source" not in counts


def test_maduro_and_his_sanction(seed_store):
    entities = {entity["id"]: entity for entity in ftm_entities(seed_store)}
    maduro = entities["csn-nicolas-maduro"]
    assert maduro["schema"] == "Person"
    assert maduro["properties"]["name"] == ["Nicolás Maduro"]
    assert "Nicolás Maduro Moros" in maduro["properties"]["alias"]
    sanction = entities["csn-nicolas-maduro--sanctioned-by--ofac--2017-07-31"]
    props = sanction["properties"]
    assert sanction["schema"] == "Sanction"
    assert props["entity"] == ["csn-nicolas-maduro"]
    assert props["authority"] == ["Office of Foreign Assets Control, U.S. Department of the Treasury"]
    assert props["startDate"] == ["2017-07-31"]
    assert props["program"] == ["E.O. 13692 (Venezuela - officials undermining democracy)"]
    assert props["summary"][0].startswith("Evidence: sanctioned.")
    assert len(props["reason"]) == len(props["sourceUrl"]) == 2


def test_criminal_groups_carry_the_crime_topic(seed_store):
    entities = {entity["id"]: entity for entity in ftm_entities(seed_store)}
    assert entities["csn-cartel-de-los-soles"]["properties"]["topics"] == ["crime"]


def test_our_reader_reads_the_export_back(seed_store, exported):
    listed = read_ftm(exported, publisher="csn", list_date="2026-01-01", url="https://example.org/csn")
    people = {n.name for n in listed.records if isinstance(n, Node) and n.label == "Person"}
    assert people == {n.name for n in seed_store.all_nodes() if n.label == "Person"}
    read_back = Counter(
        (r.from_id.removeprefix("ftm-csn-"), r.valid_from)
        for r in listed.records
        if isinstance(r, Edge) and r.type == "SANCTIONED_BY"
    )
    sanctions = Counter(
        (e.from_id, e.valid_from)
        for e in seed_store.all_edges()
        if e.type in ("SANCTIONED_BY", "DESIGNATED_BY")
    )
    assert read_back == sanctions
    maduro = next(
        r
        for r in listed.records
        if isinstance(r, Edge) and r.from_id == "ftm-csn-nicolas-maduro" and r.type == "SANCTIONED_BY"
    )
    assert maduro.to_id == "ofac" and maduro.valid_from == "2017-07-31"
    assert listed.unsupported == {}


def test_the_command_writes_the_whole_graph_and_refuses_a_selection(tmp_path):
    target = tmp_path / "graph.ftm.json"
    run = subprocess.run(
        [sys.executable, "-m", "csn", "export", "--format", "ftm", "-o", str(target)],
        capture_output=True,
        text=True,
        timeout=120,
        cwd=REPO,
    )
    assert run.returncode == 0, run.stderr
    count = len(target.read_text(encoding="utf-8").splitlines())
    assert run.stdout == f"Wrote {count:,} FollowTheMoney entities to {target}\n"
    run = subprocess.run(
        [sys.executable, "-m", "csn", "export", "--format", "ftm", "--around", "Maduro", "-o", str(target)],
        capture_output=True,
        text=True,
        timeout=120,
        cwd=REPO,
    )
    assert run.returncode == 2
    assert (
        run.stderr.splitlines()[-1] == "Error: --format ftm writes the whole graph; --around does not apply"
    )
