"""Plain-text renderings of query results for the terminal."""

from __future__ import annotations

from csn.cli.formats import text_table
from csn.graph.model import Edge, Node
from csn.graph.provenance import ORIGIN_PROPERTIES, sourced_values
from csn.graph.schema import SCHEMA
from csn.queries.evidence import citation
from csn.queries.profile import Profile, listing_details, origins_frame, profile_frame
from csn.queries.trace import TracedPath, TraceResult


def quoted(text: str) -> str:
    """Text in curly quotes, unless it already is a quotation."""
    return text if text[:1] in '"\u201c' else f"\u201c{text}\u201d"


def render_path(number: int, total: int, path: TracedPath) -> list[str]:
    route = " -> ".join(f"{n.name} ({n.label})" for n in path.nodes)
    lines = [f"Path {number} of {total}: weakest link {path.weakest}, {len(path.hops)} hops", f"  {route}"]
    for step, hop in enumerate(path.hops, start=1):
        for index, fact in enumerate(hop.facts):
            marker = f"{step}." if index == 0 else "  +"
            lines.append(f"  {marker} {fact.sentence}  [{fact.edge.status}, {fact.edge.period}]")
            for source in fact.sources:
                lines.append(f"       source: {source.citation()}")
                lines.append(f"       says: {quoted(source.says)}")
    return lines


def render_trace(result: TraceResult) -> str:
    if not result.paths:
        return "No paths match."
    lines: list[str] = []
    for number, path in enumerate(result.paths, start=1):
        lines += [*render_path(number, len(result.paths), path), ""]
    if result.truncated:
        lines.append("More paths exist than shown: raise --limit or narrow the search.")
    return "\n".join(lines).rstrip()


def render_entity(node: Node, edges: list[Edge], nodes: dict[str, Node]) -> str:
    """One entity with every fact it takes part in, and numbered sources."""
    lines = [f"{node.name} ({node.label}, id {node.id})"]
    sourced = [v for v in sourced_values(node) if v.origins]
    traced = {v.field for v in sourced}
    if node.aliases and "aliases" not in traced:
        lines.append(f"  also known as: {', '.join(node.aliases)}")
    for key, value in sorted(node.properties.items()):
        if key != "aliases" and key not in traced and key not in ORIGIN_PROPERTIES:
            lines.append(f"  {key}: {value}")
    if sourced:
        lines.append("  where each value comes from:")
        lines += [f"    {v.field}: {v.described()}" for v in sourced]
    footnotes: dict[str, int] = {}
    if edges:
        lines.append("")
        lines.append(f"Facts ({len(edges)}):")
    for edge in sorted(edges, key=lambda e: (e.type, e.valid_from or "", e.id)):
        other = edge.to_id if edge.from_id == node.id else edge.from_id
        arrow = (
            f"-[{edge.type}]-> {nodes[other].name}"
            if edge.from_id == node.id
            else (f"<-[{edge.type}]- {nodes[other].name}")
        )
        marks = "".join(f"[{footnotes.setdefault(c.source, len(footnotes) + 1)}]" for c in edge.citations)
        listing = f" {listing_details(edge)}" if edge.type in SCHEMA.listing_types else ""
        lines.append(f"  {arrow}  [{edge.status}, {edge.period}]{listing} {marks}")
        for cited in edge.citations:
            lines.append(f"      {quoted(cited.says)}")
    if footnotes:
        lines.append("")
        lines.append("Sources:")
        for source_id, number in footnotes.items():
            lines.append(f"  [{number}] {citation(nodes[source_id])}")
    return "\n".join(lines)


def render_profile(result: Profile) -> str:
    """A profile's timeline as a table, its sources as numbered notes below it, every value in
    full: long ones wrap within their column, and addresses get a line of their own."""
    notes: dict[str, int] = {}
    cited = {s.id: s for f in result.timeline() for s in f.sources}
    frame = profile_frame(result).drop(columns=["valid_from", "valid_to"])
    frame["sources"] = [
        " ".join(f"[{notes.setdefault(s.id, len(notes) + 1)}]" for s in fact.sources)
        for fact in result.timeline()
    ]
    lines = [text_table(frame)]
    if result.has_origins:
        lines = ["Where each value comes from:", text_table(origins_frame(result)), "", *lines]
    if notes:
        lines += ["", "Sources:", *(f"  [{n}] {cited[i].citation()}" for i, n in notes.items())]
    return "\n".join(lines)
