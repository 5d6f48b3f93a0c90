"""Markdown from csn shows data as text in the renderers analysts use (visualize/markdown.py).

Each hostile string is escaped, rendered by python-markdown and by markdown-it in its GitHub-like
preset (raw HTML allowed, bare addresses linked), and must come back as exactly its own text in
one paragraph: no tag, link, emphasis or entity that the data did not mean.
"""

from __future__ import annotations

from html.parser import HTMLParser

import markdown
import pytest
from markdown_it import MarkdownIt

from csn.visualize.markdown import markdown_link, markdown_table, markdown_text

HOSTILE = [
    '<img src=x onerror="alert(1)">',
    '</script><script>alert("x")</script>',
    "[click me](javascript:alert(1))",
    "![image](https://evil.example/x.png)",
    "**bold** __bold__ *em* _em_ ~~strike~~ `code` ``code``",
    "www.evil.example http://evil.example/x https://evil.example evil@evil.example",
    "<https://evil.example> <evil@evil.example>",
    "&lt;b&gt; &amp; &#60;script&#62; &copy;",
    "# heading",
    "## heading",
    "- list item",
    "+ list item",
    "* list item",
    "1. ordered",
    "12) ordered",
    "> quote",
    "    four spaces: code",
    "=== setext",
    "| a | b |",
    "[^1] footnote [^note]: defined",
    "$x^2$ ^sup^ ~sub~ {.class #id} {: .attr}",
    "back\\slash \\*not escaped\\*",
    "{{7*7}} ${7*7} {% raw %}",
    "') MATCH (n) DETACH DELETE n //",
    "Río Cartel: ordinary text, with accents — and dashes (kept as they are).",
]


class Elements(HTMLParser):
    """The tags and the text of an HTML fragment."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, list[tuple[str, str | None]]]] = []
        self.text = ""

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, attrs))

    def handle_data(self, data):
        self.text += data


def elements(html: str) -> Elements:
    parser = Elements()
    parser.feed(html)
    parser.close()
    return parser


RENDERERS = {
    "python-markdown": lambda text: markdown.markdown(text, extensions=["tables", "footnotes"]),
    "markdown-it gfm-like": MarkdownIt("gfm-like").render,
}


@pytest.mark.parametrize("renderer", RENDERERS)
@pytest.mark.parametrize("value", HOSTILE)
def test_a_value_renders_as_its_own_text(value, renderer):
    html = RENDERERS[renderer](markdown_text(value))
    found = elements(html)
    assert found.tags == [("p", [])], html
    assert found.text.strip() == value.strip(), html


@pytest.mark.parametrize("renderer", RENDERERS)
def test_a_value_inside_a_line_renders_as_its_own_text(renderer):
    line = "- Name: " + " / ".join(markdown_text(v) for v in HOSTILE)
    found = elements(RENDERERS[renderer](line))
    assert [tag for tag, _ in found.tags] == ["ul", "li"]
    assert found.text.strip() == "Name: " + " / ".join(HOSTILE)


@pytest.mark.parametrize("renderer", RENDERERS)
def test_only_http_addresses_become_links(renderer):
    found = elements(RENDERERS[renderer](markdown_link("https://example.org/a_b*c")))
    assert found.tags == [("p", []), ("a", [("href", "https://example.org/a_b*c")])]
    for address in ("javascript:alert(1)", "data:text/html,<script>x</script>", "https://x.org/<b>"):
        found = elements(RENDERERS[renderer](markdown_link(address)))
        assert found.tags == [("p", [])] and found.text.strip() == address


def test_table_cells_and_headings_are_escaped():
    import pandas as pd

    frame = pd.DataFrame({"name | <b>": ["a | b", "<img src=x onerror=alert(1)>", None]})
    html = markdown.markdown(markdown_table(frame), extensions=["tables"])
    found = elements(html)
    assert {tag for tag, _ in found.tags} == {"table", "thead", "tbody", "tr", "th", "td"}
    assert "name | <b>" in found.text and "a | b" in found.text and "<img src=x" in found.text
