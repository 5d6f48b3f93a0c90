"""Which label a list entry gets: the one rule every importer of a published list follows.

Lists say whether an entry is an individual, an entity, a vessel or an aircraft; they do not say
whether an entity is a gang or a business. The rule:

- an individual is a `Person`;
- an entity is a `CriminalGroup` when one of its programmes is a designation of criminal or
  terrorist groups (`CRIMINAL_PROGRAMS`: OFAC's FTO and TCO), or when the list's own words about
  it (its name, remarks or committee comment) call it a gang, cartel, armed group, militia or
  terrorist organisation (`CRIMINAL_WORDS`);
- any other entity is a `Company`: lists name banks, airlines and front companies far more often
  than anything else, and an importer never guesses a state body from a name;
- vessels and aircraft have no label in the schema: `None`, and the importer counts them as
  unsupported.

>>> label_for("individual", (), ())
'Person'
>>> label_for("entity", ("SDGT", "TCO"), ("TREN DE ARAGUA",))
'CriminalGroup'
>>> label_for("entity", ("HAITI",), ("Viv Ansanm is a coalition of gangs",))
'CriminalGroup'
>>> label_for("entity", ("VENEZUELA",), ("PETROLEOS DE VENEZUELA, S.A.",))
'Company'
>>> label_for("vessel", ("VENEZUELA",), ()) is None
True
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from csn.graph.model import normalise_name
from csn.graph.names import COMPANY, CRIMINAL_GROUP, PERSON

KINDS = ("individual", "entity", "vessel", "aircraft")
CRIMINAL_PROGRAMS = frozenset({"FTO", "TCO"})
CRIMINAL_WORDS = re.compile(
    r"\b(gangs?|cartels?|cartel de|armed groups?|militias?|terrorist (?:group|organi[sz]ation)s?"
    r"|pandillas?|bandas? criminal(?:es)?|maras?)\b"
)


def label_for(kind: str, programs: Iterable[str], texts: Iterable[str]) -> str | None:
    """The schema label of a list entry of this kind (one of KINDS), or None for kinds the schema
    cannot hold. `programs` are the entry's programme codes; `texts` the list's words about it."""
    if kind == "individual":
        return PERSON
    if kind != "entity":
        return None
    if CRIMINAL_PROGRAMS.intersection(p.strip().upper() for p in programs):
        return CRIMINAL_GROUP
    if any(CRIMINAL_WORDS.search(normalise_name(text)) for text in texts):
        return CRIMINAL_GROUP
    return COMPANY
