"""The schema's names as the code refers to them: one constant for each label and relationship
type of graph/schema.yaml, each looked up there once, so a name the schema does not hold fails at
import, and a test checks that this list and the schema agree.

>>> PERSON, COLLUDES_WITH
('Person', 'COLLUDES_WITH')
"""

from __future__ import annotations

from csn.graph.schema import SCHEMA

# Labels

PERSON = SCHEMA.label("Person").name
STATE_BODY = SCHEMA.label("StateBody").name
CRIMINAL_GROUP = SCHEMA.label("CriminalGroup").name
SMUGGLING_NETWORK = SCHEMA.label("SmugglingNetwork").name
COMPANY = SCHEMA.label("Company").name
ORGANIZATION = SCHEMA.label("Organization").name
COUNTRY = SCHEMA.label("Country").name
PLACE = SCHEMA.label("Place").name
MIGRATION_CORRIDOR = SCHEMA.label("MigrationCorridor").name
AUTHORITY = SCHEMA.label("Authority").name
INDICATOR = SCHEMA.label("Indicator").name
SOURCE = SCHEMA.label("Source").name

# Relationship types

HOLDS_OFFICE = SCHEMA.relationship("HOLDS_OFFICE").name
PART_OF = SCHEMA.relationship("PART_OF").name
MEMBER_OF = SCHEMA.relationship("MEMBER_OF").name
LEADS = SCHEMA.relationship("LEADS").name
COLLUDES_WITH = SCHEMA.relationship("COLLUDES_WITH").name
ALLIED_WITH = SCHEMA.relationship("ALLIED_WITH").name
FAMILY_OF = SCHEMA.relationship("FAMILY_OF").name
SUPPORTS = SCHEMA.relationship("SUPPORTS").name
LINKED_TO = SCHEMA.relationship("LINKED_TO").name
OWNS = SCHEMA.relationship("OWNS").name
ASSOCIATED_WITH = SCHEMA.relationship("ASSOCIATED_WITH").name
CONTROLS = SCHEMA.relationship("CONTROLS").name
SMUGGLES_ON = SCHEMA.relationship("SMUGGLES_ON").name
FACILITATES = SCHEMA.relationship("FACILITATES").name
STARTS_IN = SCHEMA.relationship("STARTS_IN").name
PASSES_THROUGH = SCHEMA.relationship("PASSES_THROUGH").name
ENDS_IN = SCHEMA.relationship("ENDS_IN").name
FEEDS_INTO = SCHEMA.relationship("FEEDS_INTO").name
LOCATED_IN = SCHEMA.relationship("LOCATED_IN").name
CHARGED_BY = SCHEMA.relationship("CHARGED_BY").name
CONVICTED_BY = SCHEMA.relationship("CONVICTED_BY").name
SENTENCED_BY = SCHEMA.relationship("SENTENCED_BY").name
SANCTIONED_BY = SCHEMA.relationship("SANCTIONED_BY").name
DESIGNATED_BY = SCHEMA.relationship("DESIGNATED_BY").name
EXTRADITED_TO = SCHEMA.relationship("EXTRADITED_TO").name
PARDONED_BY = SCHEMA.relationship("PARDONED_BY").name
ENCOUNTERED_IN = SCHEMA.relationship("ENCOUNTERED_IN").name
SCORED = SCHEMA.relationship("SCORED").name
CARRIES = SCHEMA.relationship("CARRIES").name
LIVING_IN = SCHEMA.relationship("LIVING_IN").name
