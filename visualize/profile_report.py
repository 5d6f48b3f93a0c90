"""A profile (csn.queries.profile) as a Markdown report: facts by type, a timeline, and the sources as
numbered footnotes. Every value taken from data is escaped (csn.visualize.markdown), so the report
renders as the text it holds, wherever it is pasted.

>>> from csn.queries.profile import profile
>>> print(profile_markdown(profile(store, "Ana Ríos")))
# Ana Ríos
<BLANKLINE>
Person, id `minister`
...
## Timeline
<BLANKLINE>
- 2010-01 to 2015-06: `-[HOLDS_OFFICE]->` Government of Aland (official_finding)
- since 2012: `-[COLLUDES_WITH]->` Río Cartel (convicted)
- since 2016-05-02: `-[CONVICTED_BY]->` Aland High Court (convicted)
- dates unknown: `<-[FAMILY_OF]-` Bo Ríos (reported)
<BLANKLINE>
[^1]: Test Court Records, "Verdict in the minister case", 2016-05-02, <https://example.org/verdict>
[^2]: Test Gazette, "Smugglers on the river route", 2021-03, <https://example.org/gazette>
<BLANKLINE>
"""

from __future__ import annotations

from csn.graph.schema import SCHEMA
from csn.queries.evidence import CitedSource
from csn.queries.profile import Profile, ProfileFact, listing_details
from csn.visualize.markdown import markdown_link, markdown_text


def footnote(source: CitedSource) -> str:
    """A source as a footnote: publisher, "title", date and its address as a link."""
    return (
        f'{markdown_text(source.publisher)}, "{markdown_text(source.title)}", '
        f"{markdown_text(source.date)}, {markdown_link(source.url)}"
    )


def _sentence(fact: ProfileFact) -> str:
    """The fact from the entity's side: the schema's arrow as code, the other end's name as text."""
    arrow = f"-[{fact.edge.type}]->" if fact.outgoing else f"<-[{fact.edge.type}]-"
    return f"`{arrow}` {markdown_text(fact.other.name)}"


def profile_markdown(result: Profile) -> str:
    """A Markdown report: facts by type, a timeline, and numbered footnotes for the sources."""
    node = result.node
    notes: dict[str, int] = {}
    footnotes: dict[str, str] = {}

    def marks(fact: ProfileFact) -> str:
        out = []
        for source in fact.sources:
            number = notes.setdefault(source.id, len(notes) + 1)
            footnotes[source.id] = footnote(source)
            out.append(f"[^{number}]")
        return "".join(out)

    lines = [
        f"# {markdown_text(node.name)}",
        "",
        f"{node.label}, id `{node.id}`" + (f"; as of {result.as_of}" if result.as_of else ""),
    ]
    if node.aliases:
        lines.append(f"Also known as: {', '.join(markdown_text(a) for a in node.aliases)}")
    if node.properties.get("description"):
        lines += ["", markdown_text(node.properties["description"])]
    if node.properties.get("identifiers"):
        lines += ["", "Identifiers: " + "; ".join(markdown_text(i) for i in node.properties["identifiers"])]
    if result.has_origins:
        lines += ["", "## Where each value comes from", ""]
        for value in result.values:
            origin = f" (from {markdown_text('; '.join(value.origins))})" if value.origins else ""
            lines.append(f"- {value.field}: {markdown_text(value.value)}{origin}")
    listings = [f for f in result.facts if f.edge.type in SCHEMA.listing_types and f.outgoing]
    if listings:
        lines += ["", "## Listings", ""]
        for fact in sorted(listings, key=lambda f: (f.other.name, f.edge.valid_from or "", f.edge.id)):
            what = f"{fact.other.name}: {listing_details(fact.edge)}"
            lines.append(f"- {markdown_text(what)} ({fact.edge.period}){marks(fact)}")
    for rel_type, facts in result.by_type().items():
        lines += ["", f"## {rel_type}", "", f"_{SCHEMA.relationship(rel_type).meaning}_", ""]
        for fact in facts:
            lines.append(f"- {_sentence(fact)} ({fact.edge.status}, {fact.edge.period}){marks(fact)}")
    lines += ["", "## Timeline", ""]
    for fact in result.timeline():
        lines.append(f"- {fact.edge.period}: {_sentence(fact)} ({fact.edge.status})")
    if notes:
        lines.append("")
        for source_id, number in notes.items():
            lines.append(f"[^{number}]: {footnotes[source_id]}")
    return "\n".join(lines) + "\n"
