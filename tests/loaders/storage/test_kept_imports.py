"""Kept editions of official lists: where they live, how a newer edition ends old listings, the file."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from csn.graph.errors import DataError
from csn.graph.model import Citation, Edge, Node
from csn.loaders.lists.listing import ListEdition, ListImport
from csn.loaders.storage import kept_imports
from csn.loaders.storage.kept_imports import kept_file, kept_files, load, next_edition, save


def source(date: str) -> Node:
    properties = {"publisher": "Test Authority", "title": "Test list", "date": date, "url": "https://e.org/l"}
    return Node(f"test-list-{date}", "Source", f"Test list, {date}", properties)


def listing(number: str, date: str, reference: bool = True, valid_to: str | None = None) -> Edge:
    return Edge(
        f"test-list-{number}--sanctioned-by--court-a",
        "SANCTIONED_BY",
        f"test-list-{number}",
        "court-a",
        "sanctioned",
        (Citation(f"test-list-{date}", f"entry {number}"),),
        valid_to=valid_to,
        properties={"list": "test-list", **({"reference": number} if reference else {})},
    )


def link(a: str, b: str, date: str) -> Edge:
    return Edge(f"link-{a}-{b}", "LINKED_TO", f"test-list-{a}", f"test-list-{b}", "official_finding",
                (Citation(f"test-list-{date}", "linked"),))  # fmt: skip


def edition(date: str, numbers: list[str], edges: list[Edge] | None = None) -> ListImport:
    nodes = [Node(f"test-list-{n}", "Person", f"Person {n}") for n in numbers]
    edges = edges if edges is not None else [listing(n, date) for n in numbers]
    return ListImport(
        ListEdition("test-list", date, source(date), ("court-a",)), [source(date), *nodes, *edges]
    )


def test_a_kept_file_is_named_after_its_list():
    folder = Path("imports")
    assert kept_file(folder, "ftm:OpenSanctions Zala") == folder / "ftm-opensanctions-zala.jsonl"


def test_the_first_edition_is_kept_as_it_is():
    first = edition("2025-01-01", ["1"])
    assert next_edition(None, first) is first


def test_a_newer_edition_ends_only_the_listings_it_no_longer_holds_and_keeps_the_rest():
    first = edition(
        "2025-01-01",
        ["1", "2", "3", "4"],
        [
            listing("1", "2025-01-01"),
            listing("2", "2025-01-01"),
            listing("3", "2025-01-01", reference=False),
            listing("4", "2025-01-01", valid_to="2024-06-30"),  # already ended: left as it was
            link("2", "3", "2025-01-01"),  # not a listing: carried as it was
        ],
    )
    second = edition("2026-01-01", ["1"])
    kept = next_edition(first, second)
    by_id = {r.id: r for r in kept.records}
    assert kept.edition == second.edition
    assert by_id["test-list-1--sanctioned-by--court-a"] == listing("1", "2026-01-01")
    ended = by_id["test-list-2--sanctioned-by--court-a"]
    assert ended.valid_to == "2026-01-01" and ended.valid_from is None
    assert ended.citations == (
        Citation("test-list-2025-01-01", "entry 2"),
        Citation(
            "test-list-2026-01-01",
            "Entry 2 is not on the edition of 2026-01-01: the listing had ended by then.",
        ),
    )
    assert by_id["test-list-3--sanctioned-by--court-a"].citations[-1].says == (
        "The entry is not on the edition of 2026-01-01: the listing had ended by then."
    )
    assert by_id["test-list-4--sanctioned-by--court-a"] == listing("4", "2025-01-01", valid_to="2024-06-30")
    assert by_id["link-2-3"] == link("2", "3", "2025-01-01")
    # nodes first (the new edition's, then the carried ones), then edges
    kinds = [type(r).__name__ for r in kept.records]
    assert kinds == sorted(kinds, key=lambda k: k != "Node")
    assert [r.id for r in kept.records if isinstance(r, Node)] == [
        "test-list-2026-01-01",
        "test-list-1",
        "test-list-2025-01-01",
        "test-list-2",
        "test-list-3",
        "test-list-4",
    ]


def test_the_same_edition_again_changes_nothing_and_an_older_one_is_refused():
    first = edition("2025-01-01", ["1", "2"])
    assert next_edition(first, edition("2025-01-01", ["1", "2"])).records == first.records
    with pytest.raises(DataError) as refused:
        next_edition(first, edition("2024-12-31", ["1"]))
    (problem,) = refused.value.problems
    assert (problem.file, problem.record, problem.field) == ("test-list", "-", "date")
    assert problem.message == (
        "this edition (2024-12-31) is older than the one already imported (2025-01-01); "
        "import editions oldest first"
    )


def test_a_kept_file_holds_the_edition_then_a_record_a_line(tmp_path):
    kept = edition("2025-01-01", ["1"], [listing("1", "2025-01-01"), link("1", "1", "2025-01-01")])
    path = save(tmp_path, kept)
    assert path == tmp_path / "test-list.jsonl"
    lines = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]
    assert lines[0] == {
        "edition": {"key": "test-list", "date": "2025-01-01", "authority_ids": ["court-a"]},
        "source": {"label": "Source", **source("2025-01-01").to_properties()},
    }
    assert lines[2] == {
        "label": "Person",
        "id": "test-list-1",
        "name": "Person 1",
        "search_keys": ["person 1"],
    }
    assert (
        lines[3]["type"] == "SANCTIONED_BY"
        and lines[3]["from"] == "test-list-1"
        and lines[3]["to"] == "court-a"
    )
    assert len(lines) == 1 + len(kept.records)
    back = load(path)
    assert back.edition == kept.edition and back.records == kept.records


def test_kept_files_are_read_in_order_of_their_list(tmp_path):
    assert kept_files(tmp_path / "none") == [] and kept_imports.load_all(tmp_path / "none") == []
    for key in ("un-sc", "ftm:b", "ofac-sdn"):
        listed = edition("2025-01-01", ["1"])
        save(tmp_path, ListImport(ListEdition(key, "2025-01-01", listed.edition.source, ()), listed.records))
    (tmp_path / "notes.txt").write_text("not an import", encoding="utf-8")
    assert [p.name for p in kept_files(tmp_path)] == ["ftm-b.jsonl", "ofac-sdn.jsonl", "un-sc.jsonl"]
    assert [k.edition.key for k in kept_imports.load_all(tmp_path)] == ["ftm:b", "ofac-sdn", "un-sc"]


@pytest.mark.parametrize(
    ("text", "error"),
    [
        ("", "StopIteration"),
        ('{"edition": {"key": "k"}}\n', "KeyError"),
        ("not json\n", "JSONDecodeError"),
        (
            '{"edition": {"key": "k", "date": "2025", "authority_ids": []}, "source": '
            '{"label": "Source", "id": "s", "name": "S"}}\n{"type": "LEADS", "from": "a"}\n',
            "KeyError",
        ),
    ],
)
def test_a_file_that_is_not_a_kept_import_is_refused(tmp_path, text, error):
    path = tmp_path / "broken.jsonl"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(DataError) as refused:
        load(path)
    (problem,) = refused.value.problems
    assert (problem.file, problem.record, problem.field) == (str(path), "-", "-")
    assert problem.message.startswith(f"not a kept import ({error}")
    assert problem.message.endswith("); import the list again")
