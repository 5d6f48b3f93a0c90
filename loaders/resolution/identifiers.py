"""Identity and registration documents, read from a node's `identifiers` so two lists' can be compared.

The readers write each identifier as `SCHEME: NUMBER (COUNTRY)`, in the list's own words:
OFAC `Passport: PS 472330208 (Korea, North)`, the UN `Passport: Libya B014995` or
`National Identification Number: 137803`, FtM `Passport: 123456789`. A `Document` keeps
- its kind: passport, identity (national ID numbers, identity cards, cedulas), registration (of
  companies: registration, tax, VAT, trade licence, SWIFT/BIC, ...) or other; two documents of
  different known kinds are never the same;
- its number: the words of the value that hold a digit, their letters and digits only, upper case
  (`Libya B/002210` -> `B002210`, `911-10-77` -> `9111077`); numbers shorter than MIN_NUMBER are
  left out, as too likely to be shared by chance;
- its issuing country as a code (csn.loaders.resolution.countries), when the value ends with one
  in brackets; two documents of different known countries are never the same.
The lists' own reference numbers (`OFAC SDN: 22790`, `UN: KPi.001`, `FtM: ...`, `Referent: ...`)
say where an entry comes from, not who it is: they are not documents.

>>> (passport,) = documents(["OFAC SDN: 22790", "Passport: PS 472330208 (Korea, North)"])
>>> passport.kind, passport.number, passport.country
('passport', '472330208', 'kp')
>>> a = documents(["Personal ID Card: 137803"])
>>> b = documents(["National Identification Number: 137803"])
>>> [x.written for x, _ in shared(a, b)]
['Personal ID Card: 137803']
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache

from csn.graph.model import normalise_name
from csn.loaders.resolution.countries import country_code

MIN_NUMBER = 5
LIST_SCHEMES = frozenset({"ofac sdn", "un", "ftm", "referent"})
# Words of a scheme that say which kind of document it is, checked in this order (acronyms are
# read without their dots and hyphens: V.A.T. is vat, D-U-N-S duns).
# fmt: off
KIND_WORDS = (
    ("passport", frozenset({"passport", "passeport", "pasaporte", "laissezpasser"})),
    ("registration", frozenset({
        "registration", "registry", "company", "business", "tax", "vat", "trade", "incorporation", "swift",
        "bic", "duns", "lei", "inn", "ogrn", "kpp", "okpo", "nit", "rif", "ruc", "rtn", "rfc", "mercantil",
        "gazette", "legal", "uscc", "cuit",
    })),
    ("identity", frozenset({
        "national", "identification", "identity", "identidad", "id", "cedula", "personal", "curp", "cui",
        "ssn", "social", "residency", "birth", "refugee", "driver", "drivers", "electoral",
    })),
)
# fmt: on
_SCHEME = re.compile(r"^(?P<scheme>[^:]+):\s*(?P<value>.*?)(?:\s*\((?P<country>[^()]*)\))?$")


@dataclass(frozen=True)
class Document:
    """One identifier of a node, as matching compares it, with the node's own words for it."""

    kind: str
    number: str
    issued_by: str  # the value's last words in brackets, as written ('' when none)
    written: str

    @property
    def country(self) -> str | None:
        """The issuing country's code; None when the brackets name no country ('(Expired 2016)').
        Worked out only for documents whose numbers are the same (the look-up is rigour's)."""
        return country_code(self.issued_by) if self.issued_by else None

    def same_as(self, other: Document) -> bool:
        """The same number, of kinds and issuing countries that do not contradict each other."""
        if self.number != other.number:
            return False
        if "other" not in (self.kind, other.kind) and self.kind != other.kind:
            return False
        return not (self.country and other.country and self.country != other.country)


@lru_cache(maxsize=1024)
def kind_of(scheme: str) -> str:
    """'Diplomatic Passport' -> 'passport'; 'Cedula No.' -> 'identity'; 'RIF #' -> 'registration'."""
    words = set(re.findall(r"[a-z0-9]+", re.sub(r"[.'\-]", "", normalise_name(scheme))))
    for kind, known in KIND_WORDS:
        if words & known:
            return kind
    return "other"


def number_of(value: str) -> str:
    """The letters and digits of the words of `value` that hold a digit, upper case."""
    words = [w for w in value.split() if any(c.isdigit() for c in w)]
    return re.sub(r"[^0-9A-Z]", "", normalise_name(" ".join(words)).upper())


def documents(identifiers: Iterable[str]) -> list[Document]:
    """The documents among a node's identifiers (see the module's docstring)."""
    found = []
    for written in identifiers:
        match = _SCHEME.match(written.strip())
        if match is None or match["scheme"].casefold() in LIST_SCHEMES:
            continue
        number = number_of(match["value"])
        if len(number) >= MIN_NUMBER:
            found.append(Document(kind_of(match["scheme"]), number, match["country"] or "", written))
    return found


def shared(a: list[Document], b: list[Document]) -> list[tuple[Document, Document]]:
    """The pairs of a document of `a` and one of `b` that are the same document."""
    return [(x, y) for x in a for y in b if x.same_as(y)]
