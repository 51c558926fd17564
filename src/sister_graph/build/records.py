"""Typed records read from the source CSVs: one frozen dataclass per kind of fact.

Language tags are kept in the case RFC 5646 §2.1.1 gives them (`sr-latn` is read as
`sr-Latn`): tags compare case-insensitively, and the graph writes one spelling of each.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sister_graph.rdf.langtags import canonical_lang


def recased(tag: str) -> str:
    """Return a language tag in its conventional case; an empty one (a refused cell) stays."""
    return canonical_lang(tag) if tag else tag


@dataclass(frozen=True)
class Cited:
    """Where a record comes from: the CSV row and the line of the publisher's page it cites."""

    csv_file: str
    csv_line: int
    source_line: int


@dataclass(frozen=True)
class Labels:
    """A name in Serbian Latin (as on the page), Serbian Cyrillic and English."""

    sr_latn: str
    sr_cyrl: str
    en: str


@dataclass(frozen=True)
class Publisher:
    """The city whose page is the source, and that page."""

    city: str
    page_url: str
    page_title: str
    page_language: str
    source_file: str
    page_lines: tuple[str, ...]
    cited: Cited

    def __post_init__(self) -> None:
        object.__setattr__(self, "page_language", recased(self.page_language))


@dataclass(frozen=True)
class City:
    """A city: the publisher or a partner."""

    id: str
    labels: Labels
    native_names: tuple[tuple[str, str], ...]
    page_form: str
    country: str
    lat: float
    long: float
    wikidata: str
    geonames: str
    identification: str
    note: str
    cited: Cited

    def __post_init__(self) -> None:
        names = tuple((recased(lang), name) for lang, name in self.native_names)
        object.__setattr__(self, "native_names", names)


@dataclass(frozen=True)
class Agreement:
    """One signed agreement between the publisher and one partner city."""

    id: str
    partner: str
    type: str
    signed: date
    signing: str
    occasion: str
    cited: Cited


@dataclass(frozen=True)
class Network:
    """An association of cities the publisher belongs to."""

    id: str
    acronym: str
    labels: Labels
    website: str
    cited: Cited


@dataclass(frozen=True)
class Membership:
    """The membership of a city in a network."""

    id: str
    member: str
    network: str
    cited: Cited


@dataclass(frozen=True)
class Concept:
    """A term of the page: agreement type, field or priority of cooperation, occasion."""

    scheme: str
    id: str
    labels: Labels
    page_form: str
    cited: Cited


@dataclass(frozen=True)
class PartnerList:
    """The publisher's own list of its partner cities: page lines first..last, as of a date."""

    id: str
    first_line: int
    last_line: int
    as_of: date
    cited: Cited


@dataclass(frozen=True)
class Claim:
    """A number the publisher's page states about its own data (claims.csv), and where."""

    id: str
    claim: str
    value: int
    cited: Cited


@dataclass(frozen=True)
class IdentificationSource:
    """A source other than the page that identifies a city (identifications.csv), and its row."""

    id: str
    city: str
    citation: str
    title: str
    quote: str
    quote_language: str
    row: str

    def __post_init__(self) -> None:
        object.__setattr__(self, "quote_language", recased(self.quote_language))


@dataclass(frozen=True)
class PublisherSources:
    """Everything one publisher's folder says."""

    publisher: Publisher
    cities: tuple[City, ...]
    agreements: tuple[Agreement, ...]
    networks: tuple[Network, ...]
    memberships: tuple[Membership, ...]
    concepts: tuple[Concept, ...]
    lists: tuple[PartnerList, ...] = ()
    claims: tuple[Claim, ...] = ()
    identifications: tuple[IdentificationSource, ...] = ()
