"""Bad input: every kind is reported with file, record and field, and nothing is loaded."""

import subprocess
import sys
from pathlib import Path
from textwrap import dedent

import pytest

from csn.graph.errors import DataError
from csn.graph.memory_store import MemoryStore
from csn.graph.model import Edge, Node
from csn.loaders.curated.seed import load_seed

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


# -- control characters: no name, alias, title or quote can forge a line of output ----------------

CONTROL = {
    "newline in a name": (
        GOOD.replace("name: Ana}", 'name: "Ana\\nFake: line"}'),
        "facts.yaml:4: node 'ana': name: contains a line break (U+000A) at character 4; "
        "text may not hold control characters",
    ),
    "NUL in an id": (
        GOOD.replace("{id: gang,", '{id: "gang\\0",'),
        "facts.yaml:6: node #3: id: contains a NUL (U+0000) at character 5; "
        "text may not hold control characters",
    ),
    "tab in an alias": (
        GOOD.replace("name: Gov}", 'name: Gov, aliases: [G, "G\\tov"]}'),
        "facts.yaml:5: node 'gov': aliases[2]: contains a tab (U+0009) at character 2; "
        "text may not hold control characters",
    ),
    "carriage return in a title": (
        GOOD.replace("title: T,", 'title: "T\\r",'),
        "facts.yaml:2: source 'src': title: contains a carriage return (U+000D) at character 2; "
        "text may not hold control characters",
    ),
    "escape in a quote": (
        GOOD.replace('says: "she is minister"', 'says: "she is \\e[2Jminister"'),
        "facts.yaml:8: edge #1: sources[1].says: contains an escape (U+001B) at character 8; "
        "text may not hold control characters",
    ),
    "DEL in an edge end": (
        GOOD.replace("to: gov,", 'to: "gov\\x7f",'),
        "facts.yaml:8: edge #1: to: contains a control character (U+007F) at character 4; "
        "text may not hold control characters",
    ),
    "C1 in a description": (
        GOOD.replace("name: Gang}", 'name: Gang, description: "next\\x85line"}'),
        "facts.yaml:6: node 'gang': description: contains a control character (U+0085) at character 5; "
        "text may not hold control characters",
    ),
}


@pytest.mark.parametrize("case", list(CONTROL), ids=list(CONTROL))
def test_control_characters_are_refused_with_file_line_record_and_field(tmp_path, case):
    text, line = CONTROL[case]
    path = write(tmp_path, text)
    with pytest.raises(DataError) as caught:
        load_seed(path)
    assert [str(p) for p in caught.value.problems] == [f"{path.parent}/{line}"]


def test_edges_to_a_refused_node_add_no_further_problem(tmp_path):
    path = write(tmp_path, GOOD.replace("name: Gov}", 'name: "Gov\\n"}'))
    with pytest.raises(DataError) as caught:
        load_seed(path)
    assert [(p.record, p.field) for p in caught.value.problems] == [("node 'gov'", "name")]


def test_the_cli_prints_a_refused_name_on_one_line(tmp_path):
    path = write(tmp_path, GOOD.replace("name: Ana}", 'name: "Ana\\nFake: line"}'))
    run = subprocess.run(
        [sys.executable, "-m", "csn", "check", "--seed", str(path)],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert run.returncode == 1 and run.stdout == ""
    assert run.stderr.splitlines() == [
        "Error: 1 problem in the input, nothing loaded",
        f"  {path}:4: node 'ana': name: contains a line break (U+000A) at character 4; "
        "text may not hold control characters",
    ]


WELCOME = ["José Ríos Muñoz", "محمد بن سلمان", "גדעון", "Zoë 🙂 Łódź", "Ông Nguyễn", "東京 組"]


def test_ordinary_unicode_is_welcome_and_kept_as_written(tmp_path):
    names = "".join(
        f'  - {{id: p{i}, label: Person, name: "{name}", aliases: ["{name[::-1]}"]}}\n'
        for i, name in enumerate(WELCOME)
    )
    quote = "«هذا ما قاله» — 🙂"
    text = GOOD.replace("nodes:\n", f"nodes:\n{names}").replace("she is minister", quote)
    records = load_seed(write(tmp_path, text))
    people = {r.id: r for r in records if isinstance(r, Node) and r.id.startswith("p")}
    assert [people[f"p{i}"].name for i in range(len(WELCOME))] == WELCOME
    assert [people[f"p{i}"].aliases for i in range(len(WELCOME))] == [[n[::-1]] for n in WELCOME]
    (edge,) = [r for r in records if isinstance(r, Edge)]
    assert edge.citations[0].says == quote
    store = MemoryStore()
    store.write(records)
    assert store.find_containing("محمد") == [people["p1"]]


def test_the_control_character_pattern_is_exactly_unicode_category_cc():
    import sys
    import unicodedata

    from csn.loaders.curated.text import CONTROL

    found = [c for c in map(chr, range(sys.maxunicode + 1)) if CONTROL.fullmatch(c)]
    assert found == [c for c in map(chr, range(sys.maxunicode + 1)) if unicodedata.category(c) == "Cc"]
