"""Hostile names imported through `csn import ftm` come out of every Markdown and CSV as inert text.

The FtM file (tests/fixtures/lists/ftm/hostile.ftm.json) holds names, aliases, identifiers, a
programme, an authority, a role and a summary written as HTML, Markdown, spreadsheet formulas,
Cypher and templates. Each output is read back the way an analyst's tools read it: Markdown
rendered to HTML by python-markdown and by markdown-it (raw HTML allowed, bare addresses linked),
CSV by the csv module, looking at each cell as a spreadsheet would.
"""

from __future__ import annotations

import csv
import io
import json

import markdown
import pytest
from click.testing import CliRunner
from markdown_it import MarkdownIt

from csn.cli.main import cli
from csn.graph.schema import SCHEMA
from csn.visualize.spreadsheet import FORMULA_STARTS
from csn.workspace.case import ENVIRONMENT, init
from tests.conftest import FIXTURES
from tests.visualize.test_markdown import Elements

FILE = FIXTURES / "lists" / "ftm" / "hostile.ftm.json"
PERSON = "ftm-hostile-person"
SOURCE_URL = "https://example.org/hostile"


def entities() -> list[dict]:
    return [json.loads(line) for line in FILE.read_text(encoding="utf-8").splitlines()]


def csn(*args: str) -> str:
    done = CliRunner().invoke(cli, list(args), catch_exceptions=False)
    assert done.exit_code == 0, done.output
    return done.output


@pytest.fixture(scope="module")
def imported(tmp_path_factory):
    """The hostile file imported into kept imports of this module's own."""
    made = init(tmp_path_factory.mktemp("hostile") / "case")
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv(ENVIRONMENT, str(made.root))
        csn("import", "ftm", str(FILE), "--publisher", "Evil <b>Press</b>", "--url", SOURCE_URL)
        csn("import", "ftm", str(FILE), "--publisher", "Evil <b>Press</b>", "--url", SOURCE_URL)
        yield patch


RENDERERS = {
    "python-markdown": lambda text: markdown.markdown(text, extensions=["tables", "footnotes"]),
    "markdown-it gfm-like": MarkdownIt("gfm-like").render,
}


class Report(Elements):
    """The elements of a rendered report, with the text inside each `em`, `code` and `a`."""

    def __init__(self) -> None:
        super().__init__()
        self.open: list[str] = []
        self.inside: list[tuple[str, str]] = []

    def handle_starttag(self, tag, attrs):
        super().handle_starttag(tag, attrs)
        self.open.append(tag)

    def handle_endtag(self, tag):
        if tag in self.open:
            del self.open[len(self.open) - 1 - self.open[::-1].index(tag)]

    def handle_data(self, data):
        super().handle_data(data)
        for tag in ("em", "code", "a", "strong", "del"):
            if tag in self.open:
                self.inside.append((tag, data))


@pytest.mark.parametrize("renderer", RENDERERS)
def test_a_hostile_profile_in_markdown_shows_every_name_as_text(imported, renderer):
    html = RENDERERS[renderer](csn("profile", PERSON, "--format", "markdown"))
    report = Report()
    report.feed(html)
    for tag, attrs in report.tags:
        assert tag in {"h1", "h2", "p", "ul", "ol", "li", "em", "code", "a", "sup", "div", "hr"}, tag
        for name, value in attrs:
            assert not name.startswith("on"), (tag, name)
            if name == "href":
                assert value == SOURCE_URL or value.startswith("#fn"), value  # its link, or a footnote's
    meanings = {r.meaning for r in SCHEMA.relationships.values()}
    for tag, text in report.inside:
        if tag == "em":
            assert text in meanings
        elif tag == "code":
            assert text == PERSON or text.startswith(("-[", "<-[")), text
        elif tag == "a":
            assert text in (SOURCE_URL, "1", "\u21a9"), text  # the source, the footnote mark, the way back
        else:
            raise AssertionError(f"<{tag}> from data: {text}")
    for value in ('<img src=x onerror="alert(1)">', "**bold** _em_ ~~strike~~ `code`"):
        assert value in report.text
    assert "Evil <b>Press</b>" in report.text


def spreadsheet_cells(text: str) -> list[str]:
    return [cell for row in csv.reader(io.StringIO(text)) for cell in row]


def test_every_csv_keeps_hostile_names_from_running_as_formulas(imported, tmp_path):
    outputs = [
        csn("profile", PERSON, "--format", "csv"),
        csn("neighbourhood", PERSON, "--format", "csv"),
        csn("connect", PERSON, "ftm-hostile-org", "--format", "csv"),
    ]
    csn("export", "--format", "csv", "-o", str(tmp_path / "graph.csv"))
    outputs += [p.read_text(encoding="utf-8") for p in sorted(tmp_path.glob("graph.*.csv"))]
    cells = [cell for text in outputs for cell in spreadsheet_cells(text)]
    running = [c for c in cells if c.startswith(FORMULA_STARTS) and not c.startswith("'")]
    assert running == []
    neutralised = {c[1:] for c in cells if c.startswith("'")}
    names = {n for e in entities() for n in e["properties"].get("name", []) if n.startswith(FORMULA_STARTS)}
    assert len(names) == 4 and names <= neutralised  # each is there, as text, one apostrophe away


def test_numbers_stay_numbers_in_csv():
    from csn.visualize.spreadsheet import spreadsheet_cell

    assert spreadsheet_cell(-12) == -12 and spreadsheet_cell(-0.5) == -0.5
    assert spreadsheet_cell("'quoted") == "''quoted"  # so that dropping one apostrophe undoes it
