"""The page's claims about its own data: published as the page's claims and checked.

A row of the optional claims.csv quotes a number the page states about the publisher, e.g.
line 15 of Banja Luka's page, "Banja Luka ima potpisane sporazume o saradnji sa 15 gradova"
(agreements on cooperation with 15 cities). The graph states it as an `sg:PageClaim` citing
that line (`sg:statedPartnerCityCount`), and the build fails, naming the row, when the data
disagrees: for `partner-cities`, the distinct partner cities of the publisher's agreements.
"""

from __future__ import annotations

from collections.abc import Iterable

from rdflib import Literal

from sister_graph.build.csv_rows import Problems, Row, integer, slug
from sister_graph.build.records import Agreement, Claim
from sister_graph.rdf.namespaces import RDF, RDFS, XSD

COLUMNS = ("id", "claim", "value", "source_line")
# claim -> (what the data counts, its labels in sr-Latn, sr-Cyrl and en; {n}: the number)
CLAIMS = {
    "partner-cities": (
        "partner cities",
        ("potpisani sporazumi o saradnji sa {n} gradova", "потписани споразуми о сарадњи са {n} "
         "градова", "signed cooperation agreements with {n} cities"),
    ),
}  # fmt: skip


def parse_claims(rows: Iterable[Row], problems: Problems, cite) -> list[Claim]:
    """Read claims.csv rows; the claimed number must be on the cited page line."""
    claims = []
    for row in rows:
        kind = row.values["claim"]
        if kind not in CLAIMS:
            problems.add(row.where("claim"), f"{kind!r} is not one of {tuple(CLAIMS)}")
        value = integer(row, "value", 0, 1_000_000, problems)
        claims.append(Claim(slug(row, "id", problems), kind, value, cite(row, str(value))))
    return claims


def check_claims(
    claims: Iterable[Claim], agreements: Iterable[Agreement], problems: Problems
) -> None:
    """Report a claim the data disagrees with, naming its row, its page line and both counts.

    A claim whose row has a problem already is not compared: that problem is the one message.
    """
    partners = {a.partner for a in agreements}
    for claim in claims:
        if problems.reported(f"{claim.cited.csv_file}:{claim.cited.csv_line}"):
            continue  # a claim whose row is refused (its number unreadable) states no count
        if claim.claim == "partner-cities" and len(partners) != claim.value:
            problems.add(
                f"{claim.cited.csv_file}:{claim.cited.csv_line}: column 'value'",
                f"the page states {claim.value} partner cities (line {claim.cited.source_line}) "
                f"but agreements.csv names {len(partners)}",
            )


def add_claim(builder, claim: Claim) -> None:
    """Add the claim to the graph: the page's number, about the publisher, citing its line."""
    iri = builder.id[f"claim/{claim.id}"]
    sg = builder.sg
    builder.g.add((iri, RDF.type, sg.PageClaim))
    builder.g.add((iri, sg.claimAbout, builder.publisher))
    builder.g.add((iri, sg.statedPartnerCityCount, Literal(claim.value, datatype=XSD.integer)))
    for lang, text in zip(("sr-Latn", "sr-Cyrl", "en"), CLAIMS[claim.claim][1], strict=True):
        builder.g.add((iri, RDFS.label, Literal(text.format(n=claim.value), lang=lang)))
    builder.cite(iri, claim.cited.source_line)
