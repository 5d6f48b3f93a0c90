"""Case folders (csn/workspace/case.py): made by init, found as git finds its repository, read-only
without one."""

from __future__ import annotations

import pytest

from csn import ARTICLE_DATASET
from csn.graph.errors import DataError, NoWorkspace
from csn.workspace import case as cases
from csn.workspace.case import CONFIG_FILE, ENVIRONMENT, find, init, nearest, open_case


def test_init_makes_the_folder_with_its_parts(tmp_path):
    made = init(tmp_path / "my-case")
    root = tmp_path / "my-case"
    assert made.root == root.resolve() and made.name == "my-case" and made.writable
    assert made.datasets == (ARTICLE_DATASET,)
    assert sorted(p.name for p in root.iterdir()) == [".gitignore", "csn.toml", "facts", "resolutions.yaml"]
    assert (root / ".gitignore").read_text().splitlines()[-1] == ".csn/"
    assert made.imports_folder == root.resolve() / ".csn" / "imports"
    example = (root / "facts" / "example.yaml").read_text()
    assert all(line.startswith("#") or not line for line in example.splitlines())  # commented out
    assert "source:" in example and "https://www.justice.gov/" in example  # a fact that cites a source


def test_init_keeps_what_is_there_and_refuses_a_case(tmp_path):
    (tmp_path / "facts").mkdir()
    (tmp_path / "facts" / "mine.yaml").write_text("nodes: []\n")
    (tmp_path / ".gitignore").write_text("secret/\n")
    init(tmp_path, name='Case "A"')
    assert (tmp_path / "facts" / "mine.yaml").read_text() == "nodes: []\n"
    assert (tmp_path / ".gitignore").read_text() == "secret/\n"
    assert open_case(tmp_path).name == 'Case "A"'
    with pytest.raises(NoWorkspace, match="already a case folder"):
        init(tmp_path)


def test_a_case_is_found_from_the_option_then_the_environment_then_upwards(tmp_path, monkeypatch):
    first, second = init(tmp_path / "first"), init(tmp_path / "second")
    inside = tmp_path / "first" / "facts" / "deeper"
    inside.mkdir()
    monkeypatch.delenv(ENVIRONMENT, raising=False)
    assert find(cwd=inside).root == first.root
    assert nearest(tmp_path) is None
    found = find(cwd=tmp_path)
    assert (found.root, found.writable, found.datasets) == (None, False, (ARTICLE_DATASET,))
    monkeypatch.setenv(ENVIRONMENT, str(second.root))
    assert find(cwd=inside).root == second.root
    assert find(first.root, cwd=inside).root == first.root
    with pytest.raises(NoWorkspace, match=f"is not a case folder \\(it has no {CONFIG_FILE}\\)"):
        find(tmp_path / "nowhere")


def test_a_command_that_writes_needs_a_case():
    with pytest.raises(NoWorkspace) as refused:
        cases.builtin().writable_root("an import")
    assert str(refused.value) == (
        "an import writes into a case folder, and there is none here: run 'csn init PATH' first, "
        "then run csn inside PATH (or pass --workspace PATH)"
    )


def test_a_case_may_leave_the_article_out_and_add_folders_of_its_own(tmp_path):
    init(tmp_path)
    (tmp_path / "ours").mkdir()
    (tmp_path / CONFIG_FILE).write_text('name = "x"\ndatasets = ["ours"]\n')
    assert open_case(tmp_path).datasets == (tmp_path / "ours",)
    assert open_case(tmp_path).fact_paths() == [tmp_path / "ours", tmp_path.resolve() / "facts"]


@pytest.mark.parametrize(
    ("text", "field", "message"),
    [
        ("name = [", "-", "not valid TOML"),
        ('datasets = "article"', "datasets", "must be a list of names"),
        ('datasets = ["elsewhere"]', "datasets", "'elsewhere' is neither 'article'"),
        ("colour = 1", "colour", "unknown setting; allowed: name, datasets"),
    ],
)
def test_a_bad_config_names_the_file_and_the_field(tmp_path, text, field, message):
    init(tmp_path)
    (tmp_path / CONFIG_FILE).write_text(text + "\n")
    with pytest.raises(DataError) as refused:
        open_case(tmp_path)
    (problem,) = refused.value.problems
    assert (problem.file, problem.field) == (str(tmp_path / CONFIG_FILE), field)
    assert problem.message.startswith(message)
