"""The whole graph as FollowTheMoney (FtM) JSON lines, for Aleph, OpenSanctions' tools or `ftm`.

Every actor becomes an FtM entity with the id `csn-<node id>`: Person, Company and Organization
as themselves, CriminalGroup and SmugglingNetwork as an Organization with the topic `crime`,
StateBody and Authority as a PublicBody. Facts between them become FtM's link entities, with the
id `csn-<edge id>`:

- SANCTIONED_BY and DESIGNATED_BY: a Sanction (`entity`, `authority` = the Authority's name,
  `program`, `provisions` = the designation, `authorityId` = the reference, `startDate`,
  `endDate`);
- FAMILY_OF: a Family; MEMBER_OF: a Membership; LEADS: a Directorship; OWNS: an Ownership
  (`percentage` = share × 100) when the asset is a Company (FtM's Organization is no asset),
  else an UnknownLink; HOLDS_OFFICE: an Occupancy of a Position (`csn-position-...`, named by the
  role, its `organization` the state body);
- every other fact between two exported actors (ASSOCIATED_WITH, COLLUDES_WITH, ALLIED_WITH,
  LINKED_TO, SUPPORTS, CHARGED_BY, ...): an Associate between two people, else an UnknownLink,
  with `role` = the relationship type (and its own `relation`, `how` or `charges`).

What FtM has no field for is written in words, so nothing is lost silently: each link's
`summary` holds the evidence status, the list it came from and the note (`Evidence: charged.`);
its `description` what each cited source says; `sourceUrl` and `publisher` the cited Source
documents' addresses and publishers. A node's `identifiers` go to `idNumber` with their scheme
(`OFAC SDN: 12345`), its description to `notes`, and a nationality or gender FtM cannot read as a
country code or gender to `notes` as given. A LOCATED_IN edge to a Country gives the entity's
`country` (the ISO code, lower-case).

Where a merged node's values came from (csn.graph.provenance) goes to `notes`, one line a value,
the value quoted as JSON: `birthDate "1978-04-28" from un-sc 2026-02-27, entry un-cdi-006;
ofac-sdn 2021-07-01, entry ofac-sdn-11975`. FtM's entity JSON gives a property's values without saying
which dataset gave each; FtM's statements do (one row per value, with its dataset), but they are
another file format, which Aleph does not import and which would need each list edition declared
as a dataset. Notes keep one file that Aleph, `ftm` and OpenSanctions' tools read as they are, and
an investigator reads the origin on the entity itself.

Not exported, because FtM has no entity for them: Country, Place, MigrationCorridor, Indicator
and Source nodes (sources survive as `sourceUrl` and `publisher`), and the facts that join them
(CONTROLS, SMUGGLES_ON, PASSES_THROUGH, ENCOUNTERED_IN, SCORED, CARRIES, ...): `write_ftm` is a
view of the actors and their ties, not a backup of the store.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from csn.graph.model import Edge, Node
from csn.graph.names import (
    AUTHORITY,
    COMPANY,
    COUNTRY,
    CRIMINAL_GROUP,
    FAMILY_OF,
    HOLDS_OFFICE,
    LEADS,
    LOCATED_IN,
    MEMBER_OF,
    ORGANIZATION,
    OWNS,
    PERSON,
    SMUGGLING_NETWORK,
    STATE_BODY,
)
from csn.graph.provenance import sourced_values
from csn.graph.schema import SCHEMA
from csn.graph.store import GraphStore

PREFIX = "csn-"
CRIME_TOPIC = "crime"
ENTITY_SCHEMATA: dict[str, str] = {
    PERSON: "Person",
    COMPANY: "Company",
    ORGANIZATION: "Organization",
    CRIMINAL_GROUP: "Organization",
    SMUGGLING_NETWORK: "Organization",
    STATE_BODY: "PublicBody",
    AUTHORITY: "PublicBody",
}
CRIMINAL = frozenset(SCHEMA.labels_with_role("criminal"))
# Relationship types with an FtM link schema of their own: (schema, from property, to property,
# the edge property that gives the FtM one, and that FtM property).
LINKS: dict[str, tuple[str, str, str, str, str]] = {
    FAMILY_OF: ("Family", "person", "relative", "relation", "relationship"),
    MEMBER_OF: ("Membership", "member", "organization", "role", "role"),
    LEADS: ("Directorship", "director", "organization", "role", "role"),
}
# Edge properties that say more about an UnknownLink's or Associate's tie.
SAYS_MORE = ("relation", "how", "charges", "sentence", "designation")
ISO2 = re.compile(r"^[a-z]{2}$")
GENDERS = ("male", "female", "other")
# The FtM property each traced node property is written to, for the notes on where values came from.
FTM_PROPERTY = {
    "aliases": "alias",
    "weak_aliases": "weakAlias",
    "identifiers": "idNumber",
    "birth_dates": "birthDate",
    "birth_place": "birthPlace",
    "nationalities": "nationality",
    "addresses": "address",
}


def _id(record_id: str) -> str:
    return PREFIX + record_id


def ftm_entities(store: GraphStore) -> Iterator[dict[str, Any]]:
    """The graph's actors and their ties as FtM entities ({"id", "schema", "properties"}), in
    id order: actors first, then positions, then links. See the module's docstring."""
    nodes = {node.id: node for node in store.all_nodes()}
    edges = sorted(store.all_edges(), key=lambda edge: edge.id)
    country: dict[str, str] = {}
    for edge in edges:
        target = nodes.get(edge.to_id)
        if edge.type == LOCATED_IN and target is not None and target.label == COUNTRY:
            country.setdefault(edge.from_id, target.properties["iso2"].lower())
    for node_id in sorted(nodes):
        node = nodes[node_id]
        if node.label in ENTITY_SCHEMATA:
            yield _actor(node, country.get(node_id))
    exported = {node_id for node_id, node in nodes.items() if node.label in ENTITY_SCHEMATA}
    positions: dict[str, dict[str, Any]] = {}
    links = []
    for edge in edges:
        if edge.from_id in exported and edge.to_id in exported:
            links.append(_link(edge, nodes, positions))
    yield from (positions[key] for key in sorted(positions))
    yield from links


def write_ftm(store: GraphStore, path: Path) -> int:
    """Write `ftm_entities(store)` to `path`, one JSON object a line; returns how many."""
    path.parent.mkdir(parents=True, exist_ok=True)
    count = 0
    with open(path, "w", encoding="utf-8", newline="\n") as handle:
        for entity in ftm_entities(store):
            handle.write(json.dumps(entity, ensure_ascii=False, sort_keys=True) + "\n")
            count += 1
    return count


def _put(properties: dict[str, list[str]], name: str, *values: Any) -> None:
    kept = [str(v) for v in values if v not in (None, "")]
    if kept:
        properties.setdefault(name, []).extend(kept)


def _actor(node: Node, country: str | None) -> dict[str, Any]:
    props: dict[str, list[str]] = {"name": [node.name]}
    values = node.properties
    _put(props, "alias", *values.get("aliases", ()))
    _put(props, "weakAlias", *values.get("weak_aliases", ()))
    _put(props, "idNumber", *values.get("identifiers", ()))
    _put(props, "notes", values.get("description"))
    _put(props, "address", *values.get("addresses", ()))
    _put(props, "country", country)
    if node.label in CRIMINAL:
        _put(props, "topics", CRIME_TOPIC)
    if node.label == PERSON:
        _put(props, "birthDate", *values.get("birth_dates", ()))
        _put(props, "birthPlace", values.get("birth_place"))
        for given in values.get("nationalities", ()):
            if ISO2.match(given.lower()):
                _put(props, "nationality", given.lower())
            else:
                _put(props, "notes", f"Nationality as given: {given}")
        gender = values.get("gender")
        if gender and gender.lower() in GENDERS:
            _put(props, "gender", gender.lower())
        elif gender:
            _put(props, "notes", f"Gender as given: {gender}")
    for value in sourced_values(node):
        if value.origins:
            name = FTM_PROPERTY.get(value.field, value.field)
            quoted = json.dumps(value.value, ensure_ascii=False)  # a value may hold ':' or ','
            _put(props, "notes", f"{name} {quoted} from {'; '.join(value.origins)}")
    return {"id": _id(node.id), "schema": ENTITY_SCHEMATA[node.label], "properties": props}


def _sourced(edge: Edge, nodes: dict[str, Node], props: dict[str, list[str]]) -> None:
    """The edge's evidence and sources, in the fields every FtM link has."""
    summary = f"Evidence: {edge.status}."
    if edge.properties.get("list"):
        summary += f" List: {edge.properties['list']}."
    if edge.properties.get("note"):
        summary += f" Note: {edge.properties['note']}"
    _put(props, "summary", summary)
    _put(props, "startDate", edge.valid_from)
    _put(props, "endDate", edge.valid_to)
    for citation in edge.citations:
        source = nodes.get(citation.source)
        if source is not None:
            _put(props, "sourceUrl", source.properties.get("url"))
            _put(props, "publisher", source.properties.get("publisher"))
    for name in ("sourceUrl", "publisher"):
        if name in props:
            props[name] = list(dict.fromkeys(props[name]))


def _link(edge: Edge, nodes: dict[str, Node], positions: dict[str, dict[str, Any]]) -> dict[str, Any]:
    start, end = nodes[edge.from_id], nodes[edge.to_id]
    says = [c.says for c in edge.citations]
    own = edge.properties
    props: dict[str, list[str]] = {}
    if edge.type in SCHEMA.listing_types:
        schema = "Sanction"
        _put(props, "entity", _id(start.id))
        _put(props, "authority", end.name)
        _put(props, "program", own.get("program"))
        _put(props, "provisions", own.get("designation"))
        _put(props, "authorityId", own.get("reference"))
        _put(props, "reason", *says)
    elif edge.type in LINKS:
        schema, source, target, ours, theirs = LINKS[edge.type]
        _put(props, source, _id(start.id))
        _put(props, target, _id(end.id))
        _put(props, theirs, own.get(ours))
        _put(props, "description", *says)
    elif edge.type == HOLDS_OFFICE:
        schema = "Occupancy"
        role = own.get("role") or f"Office in {end.name}"
        position = f"{PREFIX}position-{end.id}--{re.sub(r'[^a-z0-9]+', '-', role.lower()).strip('-')}"
        positions.setdefault(
            position,
            {
                "id": position,
                "schema": "Position",
                "properties": {"name": [role], "organization": [_id(end.id)]},
            },
        )
        _put(props, "holder", _id(start.id))
        _put(props, "post", position)
        _put(props, "description", *says)
    elif edge.type == OWNS and end.label == COMPANY:
        schema = "Ownership"
        _put(props, "owner", _id(start.id))
        _put(props, "asset", _id(end.id))
        share = own.get("share")
        _put(props, "percentage", None if share is None else f"{share * 100:g}")
        _put(props, "description", *says)
    else:
        both_people = start.label == end.label == PERSON
        schema = "Associate" if both_people else "UnknownLink"
        _put(props, "person" if both_people else "subject", _id(start.id))
        _put(props, "associate" if both_people else "object", _id(end.id))
        more = "; ".join(f"{name}: {own[name]}" for name in SAYS_MORE if own.get(name))
        role = f"{edge.type}: {more}" if more else edge.type
        _put(props, "relationship" if both_people else "role", role)
        _put(props, "description", *says)
    _sourced(edge, nodes, props)
    return {"id": _id(edge.id), "schema": schema, "properties": props}
