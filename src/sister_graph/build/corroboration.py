"""One agreement, several sources: rows of different publishers that state the same agreement.

The rule (README, "Add your city"): a row in a publisher's agreements.csv that states an
agreement another publisher's page states already uses that agreement's `id`. Rows with the
same id are one agreement resource citing every page that states it. The first statement (the
publisher folders in name order) gives the agreement its publishing city, partner, type, date
and signing event; every statement keeps its own page, line, text, date and type on its
citation, and where a later one differs (date, type, occasion) the agreement is flagged with
`sg:sourcesDisagreeOn` (https://www.w3.org/TR/prov-o/#qualifiedDerivation for the citations).

Checked here, each problem naming both rows: the two rows must name the same pair of cities,
and two rows naming the same pair in the same year under different ids are reported (the
same agreement needs the same id; a second agreement that year needs the page to say so).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from sister_graph.build.csv_rows import Problems
from sister_graph.build.records import Agreement, PublisherSources


@dataclass(frozen=True)
class Statement:
    """One publisher's row stating an agreement."""

    publisher: str
    agreement: Agreement

    @property
    def pair(self) -> frozenset[str]:
        return frozenset((self.publisher, self.agreement.partner))

    def where(self) -> str:
        return f"{self.agreement.cited.csv_file}:{self.agreement.cited.csv_line}"


# the facts two statements of one agreement may disagree on, by the property that publishes them
COMPARED = (
    ("signingDate", lambda a: a.signed.isoformat()),
    ("agreementType", lambda a: a.type),
    ("occasion", lambda a: a.occasion),
)


def statements(sources: Iterable[PublisherSources]) -> dict[str, list[Statement]]:
    """Group every agreement row by its id, first statement first (folders in name order)."""
    grouped: dict[str, list[Statement]] = {}
    for s in sorted(sources, key=lambda s: s.publisher.city):
        for agreement in s.agreements:
            grouped.setdefault(agreement.id, []).append(Statement(s.publisher.city, agreement))
    return grouped


def disagreements(first: Statement, other: Statement) -> tuple[str, ...]:
    """Return the properties (local names) on which a later statement differs from the first."""
    return tuple(
        name for name, value in COMPARED if value(first.agreement) != value(other.agreement)
    )


def check_corroboration(sources: list[PublisherSources], problems: Problems) -> None:
    """Report rows that share an id but not a city pair, and one pair-year under two ids."""
    grouped = statements(s for s in sources if s.publisher is not None)
    by_pair_year: dict[tuple[frozenset[str], int], Statement] = {}
    for agreement_id, group in grouped.items():
        first = group[0]
        for other in group[1:]:
            if other.pair != first.pair:
                cities = " and ".join(sorted(first.pair))
                problems.add(
                    f"{other.where()}: column 'partner'",
                    f"agreement {agreement_id!r} is between {cities} at {first.where()}; "
                    f"this row names {' and '.join(sorted(other.pair))}",
                )
        key = (first.pair, first.agreement.signed.year)
        seen = by_pair_year.setdefault(key, first)
        if seen is not first and seen.publisher != first.publisher:
            problems.add(
                f"{first.where()}: column 'id'",
                f"{' and '.join(sorted(first.pair))} in {key[1]} is agreement "
                f"{seen.agreement.id!r} at {seen.where()}: use that id for the same agreement",
            )
