"""Bad input: every kind is reported with file, record and field, and nothing is loaded."""

from pathlib import Path
from textwrap import dedent

import pytest

from graph.errors import DataError
from graph.memory_store import MemoryStore
from graph.model import Edge, Node
from loaders.seed import load_seed

GOOD = dedent(
    """\
    sources:
      - {id: src, publisher: P, title: T, date: 2024-01-02, url: "https://example.org/a"}
    nodes:
      - {id: ana, label: Person, name: Ana}
      - {id: gov, label: StateBody, name: Gov}
      - {id: gang, label: CriminalGroup, name: Gang}
    edges:
      - {from: ana, type: HOLDS_OFFICE, to: gov, status: reported, valid_from: 2020-05,
         sources: [{source: src, says: "she is minister"}]}
    """
)

BROKEN = {
    "yaml syntax": ("edges:\n  - {from: ana, type: [\n", "-", "-", "YAML syntax error"),
    "unknown label": (
        GOOD.replace("label: CriminalGroup", "label: Cartel"),
        "node 'gang'",
        "label",
        "unknown label 'Cartel'",
    ),
    "unknown type": (
        GOOD.replace("type: HOLDS_OFFICE", "type: BRIBES"),
        "edge #1",
        "type",
        "unknown relationship type 'BRIBES'",
    ),
    "missing endpoint": (
        GOOD.replace("to: gov,", "to: nobody,"),
        "edge #1",
        "to",
        "no node with id 'nobody'",
    ),
    "pair not allowed": (
        GOOD.replace("to: gov,", "to: gang,"),
        "edge #1",
        "type",
        "HOLDS_OFFICE may not join Person to CriminalGroup",
    ),
    "missing source": (
        GOOD.replace('sources: [{source: src, says: "she is minister"}]', "note: x"),
        "edge #1",
        "sources",
        "every edge cites at least one source",
    ),
    "unknown source": (
        GOOD.replace("source: src,", "source: nowhere,"),
        "edge #1",
        "sources[1].source",
        "no source with id 'nowhere'",
    ),
    "malformed date": (
        GOOD.replace("valid_from: 2020-05", "valid_from: 2020-13"),
        "edge #1",
        "valid_from",
        "'2020-13' is not a date",
    ),
    "malformed source date": (
        GOOD.replace("date: 2024-01-02", "date: 'March 2024'"),
        "source 'src'",
        "date",
        "is not a date",
    ),
    "duplicate id": (
        GOOD.replace("{id: gang, label: CriminalGroup", "{id: ana, label: CriminalGroup"),
        "node 'ana'",
        "id",
        "duplicate id, first defined in",
    ),
    "unknown status": (
        GOOD.replace("status: reported", "status: likely"),
        "edge #1",
        "status",
        "unknown status 'likely'",
    ),
    "unknown property": (
        GOOD.replace("name: Ana}", "name: Ana, colour: red}"),
        "node 'ana'",
        "colour",
        "not a property",
    ),
    "missing required property": (
        GOOD.replace("name: Gov}", "aliases: [G]}"),
        "node 'gov'",
        "name",
        "required",
    ),
    "valid_to before valid_from": (
        GOOD.replace("valid_from: 2020-05", "valid_from: 2020-05, valid_to: 2019"),
        "edge #1",
        "valid_to",
        "2019 is before valid_from 2020-05",
    ),
}


def write(tmp_path: Path, text: str, name: str = "facts.yaml") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_good_file_loads(tmp_path):
    records = load_seed(write(tmp_path, GOOD))
    assert [r.id for r in records if isinstance(r, Node)] == ["src", "ana", "gov", "gang"]
    (edge,) = [r for r in records if isinstance(r, Edge)]
    assert edge.id == "ana--holds-office--gov--2020-05"
    assert edge.citations[0].says == "she is minister"


@pytest.mark.parametrize("case", list(BROKEN), ids=list(BROKEN))
def test_bad_input_names_file_record_and_field_and_loads_nothing(tmp_path, case):
    text, record, field, message = BROKEN[case]
    path = write(tmp_path, text)
    store = MemoryStore()
    with pytest.raises(DataError) as caught:
        store.write(load_seed(path))
    problems = caught.value.problems
    assert any(
        p.file.endswith("facts.yaml") and p.record == record and p.field == field and message in p.message
        for p in problems
    ), problems
    assert store.counts() == (0, 0)


def test_problems_in_several_files_are_reported_together(tmp_path):
    write(tmp_path, GOOD.replace("status: reported", "status: likely"), "a.yaml")
    write(tmp_path, "nodes:\n  - {id: Bad Id, label: Person, name: X}\n", "b.yaml")
    with pytest.raises(DataError) as caught:
        load_seed(tmp_path)
    found = {(Path(p.file).name, p.field) for p in caught.value.problems}
    assert found == {("a.yaml", "status"), ("b.yaml", "id")}
    assert str(caught.value).startswith("2 problems in the input, nothing loaded")


def test_problem_carries_the_line_of_the_record(tmp_path):
    path = write(tmp_path, GOOD.replace("name: Gov}", "name: Gov, iso2: XX}"))
    with pytest.raises(DataError) as caught:
        load_seed(path)
    (problem,) = caught.value.problems
    assert problem.line == 5
    assert str(problem).endswith("facts.yaml:5: node 'gov': iso2: not a property the schema declares here")


def test_duplicate_edge_needs_explicit_id(tmp_path):
    edge = GOOD.split("edges:\n")[1]
    path = write(tmp_path, GOOD + edge)
    with pytest.raises(DataError, match="duplicate edge id 'ana--holds-office--gov--2020-05'"):
        load_seed(path)
