"""The decisions file (seed/resolutions.yaml): read, refused with every problem named, appended to."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from csn.graph.errors import DataError, Problem
from csn.loaders.resolution.resolutions import (
    HEADER,
    Decision,
    append_decision,
    append_decisions,
    parse_resolutions,
    read_resolutions,
    resolutions_file,
)

DECIDED = Decision("minister", "test-list-1", True, "a reviewer", "2026-12-01", "same person")


def problems(tmp_path, text: str) -> list[Problem]:
    path = tmp_path / "resolutions.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(DataError) as refused:
        read_resolutions(path)
    return refused.value.problems


def test_a_pair_reads_the_same_whichever_way_it_was_written():
    assert Decision("b-1", "a-1", True, "me", "2026", "why").pair == ("a-1", "b-1")
    assert Decision("a-1", "b-1", True, "me", "2026", "why").pair == ("a-1", "b-1")
    assert Decision("a-1", "a-1", True, "me", "2026", "why").pair == ("a-1", "a-1")


def test_the_decisions_file_sits_in_the_seed_folder_or_beside_a_seed_file(tmp_path):
    seed_file = tmp_path / "network.yaml"
    seed_file.write_text("nodes: []\n", encoding="utf-8")
    assert resolutions_file(tmp_path) == tmp_path / "resolutions.yaml"
    assert resolutions_file(seed_file) == tmp_path / "resolutions.yaml"


def test_no_file_and_no_decisions_mean_no_decisions(tmp_path):
    assert read_resolutions(tmp_path / "resolutions.yaml") == []
    path = tmp_path / "resolutions.yaml"
    path.write_text("decisions:\n", encoding="utf-8")
    assert read_resolutions(path) == []


def test_decisions_read_as_written_in_order(tmp_path):
    path = tmp_path / "resolutions.yaml"
    path.write_text(
        "decisions:\n"
        "  - {a: minister, b: test-list-1, same: true, by: a reviewer, date: 2026-12-01, why: same person}\n"
        "  - {a: gang, b: test-list-9, same: false, by: 'Ríos, B.', date: '2026-12', why: 'no: another'}\n",
        encoding="utf-8",
    )
    assert read_resolutions(path) == [
        DECIDED,
        Decision("gang", "test-list-9", False, "Ríos, B.", "2026-12", "no: another"),
    ]


def test_every_problem_of_a_file_is_named_with_its_decision_line_and_field(tmp_path):
    text = (
        "decisions:\n"
        "  - just a string\n"
        "  - {a: x, b: y, same: true, by: me, date: 2026-12-01, why: w, note: extra}\n"
        "  - {a: x, b: Bad Id, same: 1, by: '', date: 2026-12-01, why: w}\n"
        '  - {a: q, b: r, same: true, by: "m\\x07e", date: 2026-12-01, why: w}\n'
        "  - {a: x, b: y, same: false, by: me, date: 2026-12-02, why: again}\n"
        "  - {a: y, b: x, same: false, by: me, date: 2026-12-02, why: reversed}\n"
        '  - {a: s, b: t, same: false, by: me, date: 2026-12-02, why: "a\\tb"}\n'
    )
    found = [(p.record, p.field, p.message, p.line) for p in problems(tmp_path, text)]
    assert found == [
        ("decision 1", "-", "a decision must be a mapping", None),
        ("decision 2", "note", "unknown field; allowed: a, b, same, by, date, why", 3),
        ("decision 3", "by", "missing", 4),
        ("decision 3", "b", "'Bad Id' is not an id", 4),
        ("decision 3", "same", "must be true, false or unsure", 4),
        (
            "decision 4",
            "by",
            "contains a control character (U+0007) at character 2; text may not hold control characters",
            5,
        ),
        ("decision 6", "b", "the pair y / x is already decided in decision 5", 7),
        (
            "decision 7",
            "why",
            "contains a tab (U+0009) at character 2; text may not hold control characters",
            8,
        ),
    ]
    assert all(p.file == str(tmp_path / "resolutions.yaml") for p in problems(tmp_path, text))


def test_a_decision_missing_its_fields_names_each(tmp_path):
    found = problems(tmp_path, "decisions:\n  - {same: true}\n")
    assert [(p.field, p.message) for p in found] == [
        ("a", "missing"),
        ("b", "missing"),
        ("by", "missing"),
        ("date", "missing"),
        ("why", "missing"),
    ]


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("decisions: [unclosed\n", "not valid YAML: "),
        ("- a list\n", "the file must hold a list 'decisions'"),
        ("decisions: {a: x}\n", "the file must hold a list 'decisions'"),
    ],
)
def test_a_file_of_the_wrong_shape_is_refused(tmp_path, text, message):
    (problem,) = problems(tmp_path, text)
    assert problem.message.startswith(message)
    assert (problem.file, problem.record) == (str(tmp_path / "resolutions.yaml"), "-")
    assert problem.field == ("-" if "YAML" in message else "decisions")


def test_a_date_reads_as_text_whether_yaml_made_it_a_date_or_not():
    (decision,) = parse_resolutions(
        "decisions:\n  - {a: x, b: y, same: true, by: me, date: 2026-12-01, why: w}\n",
        Path("resolutions.yaml"),
    )
    assert decision.date == "2026-12-01"
    assert dt.date.fromisoformat(decision.date) == dt.date(2026, 12, 1)


def test_a_decision_is_appended_under_the_header_as_a_reviewer_reads_it(tmp_path):
    path = tmp_path / "resolutions.yaml"
    long_why = (
        "Same name and birth date; the list calls her the Minister of the Interior of Aland, 2010-2015."
    )
    first = Decision("minister", "test-list-1", True, "Zoë Ríos", "2026-12-01", long_why)
    append_decision(path, first)
    assert path.read_text(encoding="utf-8") == (
        HEADER + "decisions:\n"
        "  - a: minister\n"
        "    b: test-list-1\n"
        "    same: true\n"
        "    by: Zoë Ríos\n"
        "    date: '2026-12-01'\n"
        f"    why: {long_why}\n"
    )
    assert read_resolutions(path) == [first]


def test_appending_keeps_every_earlier_line_and_an_empty_file_gets_the_header(tmp_path):
    path = tmp_path / "resolutions.yaml"
    path.write_text("\n\n", encoding="utf-8")
    append_decision(path, DECIDED)
    assert path.read_text(encoding="utf-8").startswith(HEADER + "decisions:\n  - a: minister\n")
    written = (
        "# our own notes\ndecisions:\n"
        "  - {a: gang, b: test-list-9, same: false, by: me, date: 2026-12-01, why: w}\n\n\n"
    )
    path.write_text(written, encoding="utf-8")
    append_decision(path, DECIDED)
    text = path.read_text(encoding="utf-8")
    assert text.startswith(written.rstrip("\n") + "\n  - a: minister\n    b: test-list-1\n")
    assert [d.pair for d in read_resolutions(path)] == [("gang", "test-list-9"), ("minister", "test-list-1")]


def test_a_pair_already_decided_is_refused_and_nothing_written(tmp_path):
    path = tmp_path / "resolutions.yaml"
    append_decision(path, DECIDED)
    before = path.read_text(encoding="utf-8")
    with pytest.raises(DataError) as refused:
        append_decision(path, Decision("test-list-1", "minister", False, "b", "2026-12-02", "no"))
    (problem,) = refused.value.problems
    assert (problem.file, problem.record, problem.field) == (str(path), "-", "b")
    assert problem.message == "the pair test-list-1 / minister is already decided; edit the file to change it"
    assert path.read_text(encoding="utf-8") == before
    path.write_text("decisions: 3\n", encoding="utf-8")
    with pytest.raises(DataError, match=rf"{path}: -: decisions: the file must hold a list"):
        append_decision(path, DECIDED)


@pytest.mark.parametrize("ending", ["# checked by MAX\n\n\n", "# checked by me   \n"])
def test_appending_keeps_the_last_line_as_it_was(tmp_path, ending):
    path = tmp_path / "resolutions.yaml"
    written = (
        "decisions:\n  - {a: gang, b: test-list-9, same: false, by: me, date: 2026-12-01, why: w}\n" + ending
    )
    path.write_text(written, encoding="utf-8")
    append_decision(path, DECIDED)
    assert path.read_text(encoding="utf-8").startswith(written.rstrip("\n") + "\n  - a: minister\n")


def test_a_verdict_in_words_makes_its_decision_and_reads_back_the_same():
    made = {
        v: Decision.of(v, "b-1", "a-1", "me", "2026-12-01", "why") for v in ("same", "different", "unsure")
    }
    assert {v: d.same for v, d in made.items()} == {"same": True, "different": False, "unsure": None}
    assert all(d.verdict == v for v, d in made.items())
    assert made["same"] == Decision("b-1", "a-1", True, "me", "2026-12-01", "why")
    with pytest.raises(ValueError, match=r"^'maybe' is not a verdict; use same, different, unsure$"):
        Decision.of("maybe", "a-1", "b-1", "me", "2026-12-01", "why")


def test_a_batch_with_a_control_character_is_refused_naming_each_problem_once(tmp_path):
    path = tmp_path / "resolutions.yaml"
    batch = [
        Decision("gang", f"test-list-{n}", False, "a\treviewer", "2026-12-01", "line\nbreak") for n in (2, 3)
    ]
    with pytest.raises(DataError) as refused:
        append_decisions(path, batch)
    assert refused.value.problems == [
        Problem(
            str(path),
            "gang / test-list-2",
            "by",
            "contains a tab (U+0009) at character 2; text may not hold control characters",
        ),
        Problem(
            str(path),
            "gang / test-list-2",
            "why",
            "contains a line break (U+000A) at character 5; text may not hold control characters",
        ),
    ]
    assert not path.exists()
    twice = Decision("gang", "test-list-2", False, "a reviewer", "2026-12-01", "w")
    with pytest.raises(DataError) as refused:
        append_decisions(path, [twice, twice])
    assert refused.value.problems == [
        Problem(str(path), "-", "b", "a pair comes twice in one batch of decisions")
    ]


def test_a_decision_after_an_unsure_one_takes_its_place_at_the_end(tmp_path):
    path = tmp_path / "resolutions.yaml"
    doubt = Decision("minister", "test-list-1", None, "a reviewer", "2026-12-01", "no date")
    other = Decision("gang", "test-list-9", False, "a reviewer", "2026-12-02", "another")
    settled = Decision("test-list-1", "minister", True, "a reviewer", "2026-12-03", "date found")
    append_decisions(path, [doubt, other])
    append_decision(path, settled)
    assert read_resolutions(path) == [other, settled]
