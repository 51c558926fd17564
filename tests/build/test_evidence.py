"""Partner-side evidence (evidence.csv): a partner's official source states a publisher's agreement."""

from __future__ import annotations

from pathlib import Path

import pytest
from rdflib import URIRef

from sister_graph.build.evidence import agrees, read_partner_evidence
from sister_graph.build.pipeline import build_and_validate
from sister_graph.build.sources import read_sources
from sister_graph.errors import SourceError
from sister_graph.rdf.namespaces import DCTERMS, PROV, XSD, sg_namespace
from tests.support import BASE, repo_config

SG = sg_namespace(BASE)


def _agreement(slug: str) -> URIRef:
    return URIRef(f"{BASE}id/agreement/{slug}")


def test_partner_sources_corroborate_banja_lukas_agreements(built) -> None:
    _, result = built
    graph = result.graph
    for slug, publisher, partner, differs in (
        ("banja-luka-kaiserslautern-2003", "banja-luka", "kaiserslautern", [SG.agreementType]),
        ("banja-luka-kumanovo-2012", "banja-luka", "kumanovo", []),
        ("villach-kranj-2008", "villach", "kranj", []),
    ):
        agreement = _agreement(slug)
        publishers = {
            graph.value(page, DCTERMS.publisher)
            for page in graph.objects(agreement, DCTERMS.source)
        }
        assert publishers == {
            URIRef(f"{BASE}id/city/{publisher}"),
            URIRef(f"{BASE}id/city/{partner}"),
        }
        assert list(graph.objects(agreement, SG.sourcesDisagreeOn)) == differs
    stated = {
        graph.value(d, SG.statedDate).datatype
        for d in graph.objects(_agreement("banja-luka-kumanovo-2012"), PROV.qualifiedDerivation)
    }
    assert stated == {XSD.date, XSD.gMonthDay}


def test_a_partial_date_that_contradicts_is_flagged(data_copy: Path) -> None:
    path = data_copy / "kumanovo" / "evidence.csv"
    path.write_text(
        path.read_text(encoding="utf-8").replace("--11-11", "--11-12"), encoding="utf-8"
    )
    built = build_and_validate(repo_config(data_copy.parent).with_(data_dir=data_copy))
    agreement = _agreement("banja-luka-kumanovo-2012")
    assert list(built.graph.objects(agreement, SG.sourcesDisagreeOn)) == [SG.signingDate]


@pytest.mark.parametrize(
    ("old", "new", "where", "rule"),
    [
        (
            "banja-luka-kaiserslautern-2003",
            "banja-luka-kaiserslautern-2004",
            "column 'agreement'",
            "is no agreement of data/ (not in data/banja-luka/agreements.csv)",
        ),
        (",2003,", ",2004,", "column 'source_line'", "the year 2004 is not on page line 8"),
        (",kaiserslautern,", ",graz,", "column 'city'", "neither city"),
        (",2003,", ",3.10.2003,", "column 'signed'", "is not YYYY"),
    ],
)
def test_a_bad_evidence_row_is_named_by_file_line_and_column(
    data_copy, old, new, where, rule
) -> None:
    path = data_copy / "kaiserslautern" / "evidence.csv"
    path.write_text(path.read_text(encoding="utf-8").replace(old, new, 1), encoding="utf-8")
    with pytest.raises(SourceError) as caught:
        read_partner_evidence(data_copy, read_sources(data_copy))
    assert any(
        p.startswith("data/kaiserslautern/evidence.csv:2") and where in p and rule in p
        for p in caught.value.problems
    ), caught.value.problems


def test_agrees_compares_what_the_source_states() -> None:
    from datetime import date

    assert agrees("2012-11", date(2012, 11, 11)) and not agrees("2012-12", date(2012, 11, 11))


def _break(data_copy: Path, folder: str, old: str, new: str) -> list[str]:
    path = data_copy / folder / "evidence.csv"
    path.write_text(path.read_text(encoding="utf-8").replace(old, new, 1), encoding="utf-8")
    with pytest.raises(SourceError) as caught:
        read_partner_evidence(data_copy, read_sources(data_copy))
    return caught.value.problems


def test_a_type_must_be_a_defined_agreement_type_with_the_source_s_words(data_copy) -> None:
    problems = _break(data_copy, "kaiserslautern", ",town-partnership,", ",twin-town,")
    assert any(
        p.startswith("data/kaiserslautern/evidence.csv:2: column 'type'")
        and "'twin-town' is no agreement-type" in p
        for p in problems
    ), problems
    problems = _break(data_copy, "kumanovo", ",меморандум,", ",,")
    assert any(
        p.startswith("data/kumanovo/evidence.csv:2: column 'type'") and "type_form" in p
        for p in problems
    ), problems


def test_a_type_the_agreement_has_is_agreement(data_copy: Path) -> None:
    path = data_copy / "kaiserslautern" / "evidence.csv"
    path.write_text(
        path.read_text(encoding="utf-8").replace(",town-partnership,", ",partnership-charter,"),
        encoding="utf-8",
    )
    built = build_and_validate(repo_config(data_copy.parent).with_(data_dir=data_copy))
    agreement = _agreement("banja-luka-kaiserslautern-2003")
    assert list(built.graph.objects(agreement, SG.sourcesDisagreeOn)) == []


def test_a_source_stating_no_date_and_no_type_is_compared_on_nothing(built) -> None:
    _, result = built
    graph = result.graph
    agreement = _agreement("villach-kranj-2008")
    (kranj,) = [
        d
        for d in graph.objects(agreement, PROV.qualifiedDerivation)
        if "kranj.si" in str(graph.value(d, PROV.entity))
    ]
    assert int(graph.value(kranj, SG.sourceLine)) == 6
    assert "V pobratenem mestu Beljak" in str(graph.value(kranj, SG.sourceText))
    for stated in (SG.statedDate, SG.statedType, SG.statedTypeForm):
        assert graph.value(kranj, stated) is None
