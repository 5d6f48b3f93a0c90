"""The Neo4j Browser guide: one slide per question an investigator asks of the seed data.

Each slide holds its question, a sentence or two, a `:params` line with the few values its query
needs, and the query (a file of graph/cypher/guide/), which returns paths so that the Browser
draws them. The values are constants of this module and lists from the schema, never text from a
user. The last slide sets every parameter of the search files (graph/cypher/*.cypher), for those
who run them by hand.
"""

from __future__ import annotations

import html
import json
from collections.abc import Mapping
from dataclasses import dataclass, field

from csn.graph import cypher
from csn.graph.schema import SCHEMA


@dataclass(frozen=True)
class Slide:
    """A question, a short text, the values to set and the guide query (None: values only)."""

    question: str
    text: str
    params: Mapping[str, object] = field(default_factory=dict)
    query: str | None = None  # a file name in graph/cypher/guide/, without .cypher

    def code(self) -> list[str]:
        """The slide's runnable blocks, in the order to run them."""
        blocks = [params_command(self.params)] if self.params else []
        if self.query is not None:
            blocks.append(body(cypher.guide(self.query)))
        return blocks


def body(text: str) -> str:
    """A Cypher file without its header comment."""
    return "\n".join(line for line in text.splitlines() if not line.startswith("//")).strip()


def cypher_literal(value: object) -> str:
    """A value as a Cypher literal, the syntax :params takes."""
    if isinstance(value, Mapping):
        return "{" + ", ".join(f"{k}: {cypher_literal(v)}" for k, v in value.items()) + "}"
    if isinstance(value, (list, tuple)):
        return "[" + ", ".join(cypher_literal(v) for v in value) + "]"
    if value is None:
        return "null"
    return json.dumps(value)


def params_command(values: Mapping[str, object]) -> str:
    """`:params {...}`, one value a line."""
    lines = [f"  {name}: {cypher_literal(value)}" for name, value in values.items()]
    return ":params {\n" + ",\n".join(lines) + "\n}"


def search_files() -> dict[str, str]:
    """The search files of graph/cypher/ by name, without their headers: what the last slide's
    values are for. Its store/ folder (writes, counts, clearing) is left out on purpose."""
    paths = sorted(cypher.FOLDER.glob("*.cypher"))
    return {path.stem: body(path.read_text(encoding="utf-8")) for path in paths}


def search_parameters() -> dict[str, object]:
    """Values for every parameter of the search files, with example ids."""
    return {
        "state_labels": list(SCHEMA.labels_with_role("state")),
        "office_types": list(SCHEMA.office_types),
        "always_types": list(SCHEMA.types_traced("always")),
        "last_types": list(SCHEMA.types_traced("last")),
        "corridor_labels": list(SCHEMA.labels_with_role("corridor")),
        "criminal_labels": list(SCHEMA.labels_with_role("criminal")),
        "ranks": {name: status.rank for name, status in SCHEMA.evidence.items()},
        "min_rank": 0,
        "as_of": None,
        "start_ids": ["juan-orlando-hernandez", "nicolas-maduro", "daniel-ortega", "michel-martelly"],
        "end_ids": None,
        "max_hops": 6,
        "max_paths": 1000,
        "a": "juan-orlando-hernandez",
        "b": "tren-de-aragua",
        "centre": "daniel-ortega",
        "id": "juan-orlando-hernandez",
        "hops": 2,
        "types": None,
        "labels": None,
        "sources": ["nicolas-maduro", "juan-orlando-hernandez"],
        "targets": ["tren-de-aragua", "sinaloa-cartel"],
    }


TIES = list(SCHEMA.types_traced("always"))  # ties between actors and their hold on places


def _reaches(as_of: str | None) -> dict[str, object]:
    return {
        "corridor": "managua-air-bridge",
        "as_of": as_of,
        "state_labels": list(SCHEMA.labels_with_role("state")),
        "office_types": list(SCHEMA.office_types),
        "criminal_labels": list(SCHEMA.labels_with_role("criminal")),
        "corridor_labels": list(SCHEMA.labels_with_role("corridor")),
        "ties": TIES,
        "legs": list(SCHEMA.types_traced("last")),
    }


SLIDES = (
    Slide(
        "Who links Juan Orlando Hernández to the Sinaloa Cartel, and on what evidence?",
        "The shortest chains between the two, then longer ones. Click a box to put it in the "
        "editor and run it (▶): the values first, then the query. Click a relationship for its "
        "status, sources and quotes; the table lists each chain's evidence.",
        {"a": "juan-orlando-hernandez", "b": "sinaloa-cartel", "ties": TIES},
        "links",
    ),
    Slide(
        "What reaches the Managua air bridge?",
        "Chains from state actors through criminal groups or smuggling networks to the route, by "
        "the rules of csn trace.",
        _reaches(None),
        "reaches",
    ),
    Slide(
        "What reached the Managua air bridge on 2023-10-01?",
        "Only facts that held that day: Martelly, out of office since 2016, drops out, and flights "
        "still left Port-au-Prince (Haiti stopped them on 2023-10-30). With as_of 2024-01-01 those "
        "chains are gone.",
        _reaches("2023-10-01"),
        "reaches",
    ),
    Slide(
        "Who is within two ties of Nicolás Maduro?",
        "His office, the groups he is tied to, and their ties. Double-click a node to go further.",
        {"centre": "nicolas-maduro", "ties": TIES},
        "around",
    ),
    Slide(
        "Whom has the US State Department designated or sanctioned, and when?",
        "Every listing it made, oldest first. Set authority to ofac or un-security-council for theirs.",
        {"authority": "us-state-department", "listings": list(SCHEMA.listing_types)},
        "listed",
    ),
    Slide(
        "What is on record about Jimmy Cherizier?",
        "Every fact about him, with how sure it is and when it held: his police post, the gangs "
        "he leads, sanctions and charges.",
        {"id": "jimmy-cherizier"},
        "record",
    ),
    Slide(
        "How do I run csn's own searches here?",
        "Run these values, then paste any file of graph/cypher/: find_paths is csn trace, "
        "connect_paths csn connect, neighbourhood csn neighbourhood, shortest_between csn brokers, "
        "edges_of csn profile, state_actors the list of state actors. Change the ids, min_rank or "
        "as_of (YYYY-MM-DD) to ask something else.",
        search_parameters(),
    ),
)


def slide_html(slide: Slide) -> str:
    blocks = "".join(
        f'<pre mode="cypher" class="pre-scrollable code runnable">{html.escape(code)}</pre>'
        for code in slide.code()
    )
    return (
        '<slide class="row-fluid"><div class="col-sm-12">'
        f"<h3>{html.escape(slide.question)}</h3><p>{html.escape(slide.text)}</p>{blocks}"
        "</div></slide>"
    )


def guide_html(slides: tuple[Slide, ...] = SLIDES) -> str:
    """The guide page the Browser plays: every slide, in order."""
    return (
        '<article class="guide"><carousel class="deck container-fluid">'
        + "".join(slide_html(slide) for slide in slides)
        + "</carousel></article>\n"
    )
