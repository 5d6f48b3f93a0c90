"""The Browser guide: one question a slide, each answered on the seed by its query exactly as the
slide shows it, after the slide's own :params."""

import re
from html.parser import HTMLParser

import pytest
from neo4j.graph import Path

from csn.graph.cypher import FOLDER
from csn.graph.store import PathQuery
from csn.neo4j_local.guide import SLIDES, Slide, guide_html, search_files

RUNNABLE = "pre-scrollable code runnable"


class _Guide(HTMLParser):
    """The slides of a guide page as the Browser reads them: title, text, runnable blocks."""

    def __init__(self) -> None:
        super().__init__()
        self.slides: list[dict[str, list[str]]] = []
        self._into: list[str] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "slide":
            self.slides.append({"h3": [], "p": [], "pre": []})
        elif tag in ("h3", "p") or (tag == "pre" and dict(attrs).get("class") == RUNNABLE):
            self._into = self.slides[-1][tag]
            self._into.append("")

    def handle_endtag(self, tag: str) -> None:
        if tag in ("h3", "p", "pre"):
            self._into = None

    def handle_data(self, data: str) -> None:
        if self._into is not None:
            self._into[-1] += data


def slides_of(page: str) -> list[dict[str, list[str]]]:
    parser = _Guide()
    parser.feed(page)
    return parser.slides


def test_every_slide_asks_one_question_and_the_first_has_a_query():
    slides = slides_of(guide_html())
    assert [s["h3"] for s in slides] == [[slide.question] for slide in SLIDES]
    assert all(s["h3"][0].endswith("?") and s["h3"][0].count("?") == 1 for s in slides)
    first = slides[0]["pre"]
    assert first[0].startswith(":params {") and first[1].startswith("MATCH ")


@pytest.mark.parametrize("slide", [s for s in SLIDES if s.query], ids=lambda s: s.query)
def test_a_slide_sets_exactly_the_parameters_its_query_uses(slide):
    params, query = slide.code()
    assert set(re.findall(r"\$(\w+)", query)) == set(slide.params)
    assert params.count("\n") == len(slide.params) + 1  # one value a line


def test_the_last_slide_sets_what_the_search_files_use_and_names_each_file():
    last = SLIDES[-1]
    used = {name for body in search_files().values() for name in re.findall(r"\$(\w+)", body)}
    assert last.query is None and used == set(last.params)
    assert all(name in last.text for name in search_files())
    assert sorted(search_files()) == sorted(path.stem for path in FOLDER.glob("*.cypher"))


def test_every_guide_query_reads_only():
    writes = {"MERGE", "CREATE", "SET", "DELETE", "DETACH", "REMOVE", "FOREACH", "LOAD"}
    for path in (FOLDER / "guide").glob("*.cypher"):
        assert not set(re.findall(r"[A-Z]+", path.read_text(encoding="utf-8"))) & writes, path.name


def test_slide_text_and_values_are_escaped():
    hostile = Slide("<b>Who?</b>", "<script>alert(1)</script>", {"id": "</pre><script>"})
    page = guide_html((hostile,))
    assert "<script>" not in page and "<b>" not in page
    assert slides_of(page) == [
        {
            "h3": ["<b>Who?</b>"],
            "p": ["<script>alert(1)</script>"],
            "pre": [':params {\n  id: "</pre><script>"\n}'],
        }
    ]


def run_slide(store, blocks: list[str]) -> list:
    """Run a slide's blocks in order, as a person clicking them would: :params sets the values
    (the Browser reads the map itself; Cypher reads the same literal), then the query uses them."""
    params: dict = {}
    records: list = []
    for block in blocks:
        if block.startswith(":params "):
            values, _, _ = store.driver.execute_query(
                "RETURN " + block.removeprefix(":params ") + " AS params", database_=store.settings.database
            )
            params = values[0]["params"]
        else:
            records, _, _ = store.driver.execute_query(block, params, database_=store.settings.database)
    return records


def test_every_slide_answers_on_the_seed_with_paths_to_draw(neo4j_seed_store):
    for slide in slides_of(guide_html())[:-1]:
        records = run_slide(neo4j_seed_store, slide["pre"])
        assert records, slide["h3"]
        assert all(isinstance(record["path"], Path) for record in records), slide["h3"]


def test_the_search_files_run_as_pasted_after_the_last_slide(neo4j_seed_store):
    last = slides_of(guide_html())[-1]["pre"]
    assert len(last) == 1
    for name, body in search_files().items():
        assert run_slide(neo4j_seed_store, [*last, body]), name


def ids(path: Path) -> tuple[tuple[str, ...], tuple[str, ...]]:
    return tuple(n["id"] for n in path.nodes), tuple(r["id"] for r in path.relationships)


@pytest.mark.parametrize("as_of", [None, "2023-10-01"])
def test_what_reaches_a_corridor_is_what_csn_trace_finds(neo4j_seed_store, memory_seed_store, as_of):
    slide = next(s for s in SLIDES if s.query == "reaches" and s.params["as_of"] == as_of)
    records = run_slide(neo4j_seed_store, slide.code())
    corridor = str(slide.params["corridor"])
    traced = memory_seed_store.find_paths(PathQuery(end_ids=(corridor,), as_of=as_of))
    assert {ids(record["path"]) for record in records} == {(p.node_ids, p.edge_ids) for p in traced.paths}
    assert len(records) == len(traced.paths)
