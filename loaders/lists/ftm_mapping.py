"""How FollowTheMoney (FtM) schemata map onto the graph's schema: the one table `csn.loaders.lists.ftm` reads.

FtM (https://followthemoney.tech) describes entities (Person, Company, ...) and the links between
them as entities too (Ownership has an `owner` and an `asset`). The reader turns the first kind
into nodes and the second into edges:

- nodes (`NODE_LABELS`): Person, Company, Organization, PublicBody (a `StateBody`), LegalEntity (a
  `Company`: FtM's LegalEntity is any body that can own or be sanctioned, most often a business
  whose kind the publisher did not record), Position (a `StateBody`, the office, which an Occupancy
  points to); an Organization whose `topics` include a crime topic (`crime`, `crime.traffick`, ...)
  is a `CriminalGroup`;
- edges (`LINKS`): Family, Associate, Membership, Directorship, Ownership, Occupancy and
  UnknownLink, each from one FtM property to another, with the FtM properties that give the edge's
  own properties; Sanction is an edge too (its `entity` to the Authority of its `authority`), built
  by the reader from `SANCTION`.

Every other FtM schema (`FTM_SCHEMATA`: Address, Passport, Vessel, ...) has no place in the graph
and is counted as unsupported; a schema name outside `FTM_SCHEMATA` is not FtM at all, an error.
"""

from __future__ import annotations

from dataclasses import dataclass

from csn.graph.model import normalise_name
from csn.graph.names import (
    ASSOCIATED_WITH,
    COMPANY,
    FAMILY_OF,
    HOLDS_OFFICE,
    LEADS,
    MEMBER_OF,
    ORGANIZATION,
    OWNS,
    PERSON,
    SANCTIONED_BY,
    STATE_BODY,
)
from csn.graph.schema import SCHEMA

# Every schema of FtM's model (followthemoney 4.x, `followthemoney/schema/*.yaml`).
FTM_SCHEMATA = frozenset(
    {
        "Address", "Airplane", "Analyzable", "Article", "Asset", "Associate", "Audio", "BankAccount",
        "Call", "CallForTenders", "Company", "Contract", "ContractAward", "Control", "CourtCase",
        "CourtCaseParty", "CryptoWallet", "Debt", "Directorship", "Document", "Documentation",
        "EconomicActivity", "Email", "Employment", "Event", "Family", "Folder", "HyperText",
        "Identification", "Image", "Interest", "Interval", "LegalEntity", "License", "Membership",
        "Mention", "Message", "Note", "Occupancy", "Organization", "Ownership", "Package", "Page",
        "Pages", "Passport", "Payment", "Person", "PlainText", "Position", "Project",
        "ProjectParticipant", "PublicBody", "RealEstate", "Representation", "Risk", "Sanction",
        "Security", "Similar", "Succession", "Table", "TaxRoll", "Territory", "Thing", "Trip",
        "UnknownLink", "UserAccount", "Value", "Vehicle", "Vessel", "Video", "Workbook",
    }
)  # fmt: skip


NODE_LABELS: dict[str, str] = {
    "Person": PERSON,
    "Company": COMPANY,
    "Organization": ORGANIZATION,
    "PublicBody": STATE_BODY,
    "LegalEntity": COMPANY,
    "Position": STATE_BODY,
}
CRIME_TOPIC = "crime"  # an Organization with a topic starting so is a CriminalGroup
CRIME_TOPIC_SCHEMA = "Organization"

SANCTIONED = SCHEMA.status("sanctioned").name
REPORTED = SCHEMA.status("reported").name


@dataclass(frozen=True)
class Link:
    """An FtM link schema as an edge: from the entity in `source` to the one in `target`.

    `props` maps an edge property to the FtM properties that give it (the first present wins);
    `default` gives a required property's value when none is present. `role_from_target` takes
    the `role` from the target node's name (an Occupancy's Position).
    """

    rel_type: str
    source: str
    target: str
    props: tuple[tuple[str, tuple[str, ...]], ...] = ()
    default: tuple[tuple[str, str], ...] = ()
    role_from_target: bool = False


LINKS: dict[str, Link] = {
    "Family": Link(
        FAMILY_OF,
        "person",
        "relative",
        (("relation", ("relationship",)),),
        (("relation", "relative"),),
    ),
    "Associate": Link(ASSOCIATED_WITH, "person", "associate", (("relation", ("relationship",)),)),
    "Membership": Link(MEMBER_OF, "member", "organization", (("role", ("role",)),)),
    "Directorship": Link(LEADS, "director", "organization", (("role", ("role",)),)),
    "Ownership": Link(OWNS, "owner", "asset"),
    "Occupancy": Link(HOLDS_OFFICE, "holder", "post", role_from_target=True),
    "UnknownLink": Link(ASSOCIATED_WITH, "subject", "object", (("relation", ("role",)),)),
}


@dataclass(frozen=True)
class SanctionRule:
    """A Sanction as a SANCTIONED_BY edge from its `entity` to the Authority of its `authority`."""

    rel_type: str
    entity: str = "entity"
    authority: str = "authority"
    program: tuple[str, ...] = ("program", "programId")
    reference: tuple[str, ...] = ("unscId", "authorityId")


SANCTION = SanctionRule(SANCTIONED_BY)

# The FtM properties quoted, in this order, as what the publisher says of a sanction or a link.
SAYS_SANCTION = (
    "program", "programId", "authorityId", "unscId", "reason", "provisions", "summary",
    "listingDate", "startDate", "endDate", "status", "sourceUrl",
)  # fmt: skip
SAYS_LINK = ("role", "relationship", "percentage", "startDate", "endDate", "summary", "sourceUrl")

# Free text a publisher writes in paragraphs (OpenSanctions' reasons hold line breaks): its runs
# of white space, line breaks included, are read as one space, since a quote is printed on one line.
FREE_TEXT = frozenset({"reason", "provisions", "summary", "address"})

# Authorities the seed holds, by FtM `authority` value (folded): their curated node ids.
CURATED_AUTHORITIES: dict[str, str] = {
    normalise_name(name): node_id
    for name, node_id in (
        ("Office of Foreign Assets Control", "ofac"),
        ("OFAC", "ofac"),
        ("Office of Foreign Assets Control, U.S. Department of the Treasury", "ofac"),  # the seed's name
        ("United Nations Security Council", "un-security-council"),
        ("UN Security Council", "un-security-council"),
    )
}

# Node properties and the FtM properties they come from.
NAME = "name"
ALIAS_PROPS = ("alias", "previousName")
WEAK_ALIAS = "weakAlias"  # kept as weak_aliases: shown, never matched
BIRTH_DATE = "birthDate"
BIRTH_PLACE = "birthPlace"
NATIONALITY_PROPS = ("nationality", "citizenship")
GENDER = "gender"
ADDRESS = "address"
TOPICS = "topics"

# FtM identifier properties and the scheme each is written under ("INN: 1835045074").
IDENTIFIER_SCHEMES: tuple[tuple[str, str], ...] = (
    ("idNumber", "ID number"),
    ("passportNumber", "Passport"),
    ("socialSecurityNumber", "Social security number"),
    ("registrationNumber", "Registration number"),
    ("taxNumber", "Tax number"),
    ("vatCode", "VAT"),
    ("innCode", "INN"),
    ("ogrnCode", "OGRN"),
    ("kppCode", "KPP"),
    ("okpoCode", "OKPO"),
    ("leiCode", "LEI"),
    ("dunsCode", "DUNS"),
    ("swiftBic", "SWIFT/BIC"),
    ("imoNumber", "IMO"),
    ("permId", "PermID"),
    ("uniqueEntityId", "SAM UEI"),
    ("wikidataId", "Wikidata"),
)
FTM_SCHEME = "FtM"
REFERENT_SCHEME = "Referent"

# The FtM properties a node is made from: only these are checked for control characters.
NODE_PROPS = frozenset(
    {NAME, *ALIAS_PROPS, BIRTH_DATE, BIRTH_PLACE, *NATIONALITY_PROPS, GENDER, ADDRESS, TOPICS}
    | {prop for prop, _ in IDENTIFIER_SCHEMES}
)
