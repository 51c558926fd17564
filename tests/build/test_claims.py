"""The page's own claims: published as its claims, and the build fails when the data disagrees."""

from __future__ import annotations

from pathlib import Path

import pytest

from sister_graph.build.sources import read_sources
from sister_graph.errors import SourceError
from sister_graph.rdf.namespaces import RDF, XSD, id_namespace, sg_namespace

BASE = "https://w3id.org/sister-graph/"
SG, ID = sg_namespace(BASE), id_namespace(BASE)
CLAIMS = Path("banja-luka") / "claims.csv"


def test_the_pages_partner_count_is_published_as_its_claim(built):
    _, result = built
    graph = result.graph
    claim = ID["claim/banja-luka-partner-cities"]
    assert (claim, RDF.type, SG.PageClaim) in graph
    assert graph.value(claim, SG.claimAbout) == ID["city/banja-luka"]
    assert graph.value(claim, SG.statedPartnerCityCount).toPython() == 15
    assert graph.value(claim, SG.statedPartnerCityCount).datatype == XSD.integer
    assert int(graph.value(claim, SG.sourceLine)) == 15
    assert "sa 15 gradova" in str(graph.value(claim, SG.sourceText))


def test_build_fails_when_the_data_has_fewer_partners_than_the_page_states(data_copy: Path):
    agreements = data_copy / "banja-luka" / "agreements.csv"
    lines = agreements.read_text(encoding="utf-8").splitlines(keepends=True)
    agreements.write_text("".join(line for line in lines if "moscow" not in line), "utf-8")
    with pytest.raises(SourceError) as failure:
        read_sources(data_copy)
    assert failure.value.problems == [
        "data/banja-luka/claims.csv:2: column 'value': the page states 15 partner cities "
        "(line 15) but agreements.csv names 14"
    ]


def test_a_claimed_number_must_be_on_its_page_line(data_copy: Path):
    (data_copy / CLAIMS).write_text(
        "id,claim,value,source_line\nbanja-luka-partner-cities,partner-cities,16,15\n", "utf-8"
    )
    with pytest.raises(SourceError) as failure:
        read_sources(data_copy)
    # one message: a number not on its line is not also compared with the data's count
    assert failure.value.problems == [
        "data/banja-luka/claims.csv:2: column 'source_line': '16' is not on page line 15",
    ]


def test_an_unknown_claim_is_named(data_copy: Path):
    (data_copy / CLAIMS).write_text(
        "id,claim,value,source_line\nbanja-luka-networks,networks,15,15\n", "utf-8"
    )
    with pytest.raises(SourceError) as failure:
        read_sources(data_copy)
    assert any("column 'claim'" in p for p in failure.value.problems)


def test_claims_are_optional(data_copy: Path):
    (data_copy / CLAIMS).unlink()
    (banja_luka,) = [s for s in read_sources(data_copy) if s.publisher.city == "banja-luka"]
    assert banja_luka.claims == ()
