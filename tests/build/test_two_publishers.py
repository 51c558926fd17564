"""Two publishers in data/: optional files, and every kind of conflict named by both rows."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from rdflib import Literal, URIRef

from sister_graph.build.graph import (
    build_source_graphs,
    read_ontology,
    source_graph_iri,
    union_graph,
)
from sister_graph.build.pipeline import build_dist
from sister_graph.build.sources import read_sources
from sister_graph.rdf.namespaces import DCTERMS, PROV, WDT, XSD, sg_namespace
from tests.support import BASE, REPO, repo_config
from tests.support import edit_file as _edit
from tests.support import source_problems as _problems

SG = sg_namespace(BASE)

FIXTURE = Path(__file__).resolve().parents[1] / "fixtures" / "novi-sad"
BL_CITIES = "data/banja-luka/cities.csv"
NS_CITIES = "data/novi-sad/cities.csv"


@pytest.fixture
def two(data_copy: Path) -> Path:
    """data/ with Banja Luka and the Novi Sad fixture (no memberships.csv, empty networks.csv)."""
    for folder in data_copy.iterdir():
        if folder.is_dir() and folder.name != "banja-luka":
            shutil.rmtree(folder)
    shutil.copytree(FIXTURE, data_copy / "novi-sad")
    return data_copy


def test_optional_files_may_be_absent_or_hold_only_a_header(two: Path, tmp_path: Path) -> None:
    assert not (two / "novi-sad" / "memberships.csv").exists()
    ns = {s.publisher.city: s for s in read_sources(two)}["novi-sad"]
    assert (ns.networks, ns.memberships) == ((), ())
    (two / "novi-sad" / "concepts.csv").unlink()
    problems = _problems(two)  # the agreement's type is then defined nowhere in the folder
    assert any("novi-sad/agreements.csv:2: column 'type'" in p for p in problems), problems


def test_a_page_that_is_only_a_list_of_partner_cities_needs_no_agreement_rows(two: Path) -> None:
    """Novi Sad's page as a bare list (lists.csv, agreements.csv header only): Banja Luka's
    2006 agreement with Novi Sad is then not on Novi Sad's list; without lists.csv the
    header-only agreements.csv is a problem as before."""
    agreements = two / "novi-sad" / "agreements.csv"
    agreements.write_text(agreements.read_text(encoding="utf-8").splitlines()[0] + "\n")
    (problem,) = _problems(two)
    assert problem == "data/novi-sad/agreements.csv:2: no data rows"
    (two / "novi-sad" / "lists.csv").write_text(
        "id,first_line,last_line,as_of,source_line\nnovi-sad-partner-cities,1,1,2024-01-01,1\n",
        encoding="utf-8",
    )
    ns = {s.publisher.city: s for s in read_sources(two)}["novi-sad"]
    assert (ns.agreements, len(ns.lists)) == ((), 1)
    agreements.unlink()  # absent, likewise
    _, graph = _graph(two)
    (plist,) = graph.objects(
        URIRef(f"{BASE}id/agreement/banja-luka-novi-sad-2006"), SG.notOnPartnerList
    )
    assert plist == URIRef(f"{BASE}id/list/novi-sad-partner-cities")


def test_two_publishers_with_optional_files_missing_build_and_conform(two: Path) -> None:
    config = repo_config(two.parent).with_(data_dir=two)
    assert build_dist(config).validation.conforms


CONFLICTS = [
    ("44.7758,17.1856", "44.78,17.1856", "lat 44.7758 vs 44.78"),
    ("44.7758,17.1856", "44.7758,17.2", "long 17.1856 vs 17.2"),
    ("Q131127", "Q1", "wikidata 'Q131127' vs 'Q1'"),
    (",Q131127,", ",,", "wikidata 'Q131127' vs (empty)"),
    ("3204541", "3204542", "geonames '3204541' vs '3204542'"),
    ("Бања Лука,Banja Luka,sr", "Бања Лука,Banjaluka,sr", "label_en 'Banja Luka' vs 'Banjaluka'"),
    (",BA,", ",RS,", "country 'BA' vs 'RS'"),
    ("sr:Бања Лука", "sr:Бањалука", "native_names 'sr:Бања Лука' vs 'sr:Бањалука'"),
]


@pytest.mark.parametrize(("old", "new", "differs"), CONFLICTS, ids=[c[2][:12] for c in CONFLICTS])
def test_shared_city_conflict_names_both_rows_and_what_differs(two, old, new, differs) -> None:
    _edit(two / "novi-sad" / "cities.csv", old, new)
    problems = _problems(two)
    assert len(problems) == 1, problems
    assert problems[0].startswith(f"{NS_CITIES}:3: city 'banja-luka' differs from {BL_CITIES}:2")
    assert differs in problems[0]


def test_concept_clash_names_both_rows(two: Path) -> None:
    _edit(two / "novi-sad" / "concepts.csv", "Cooperation agreement", "Agreement on cooperation")
    (problem,) = _problems(two)
    assert problem.startswith("data/novi-sad/concepts.csv:2: concept 'agreement-type/coop")
    assert "data/banja-luka/concepts.csv:13" in problem
    assert "label_en 'Cooperation agreement' vs 'Agreement on cooperation'" in problem


def test_network_clash_names_both_rows(two: Path) -> None:
    source = (REPO / "data" / "banja-luka" / "networks.csv").read_text(encoding="utf-8")
    header, nalas = source.splitlines()[0], source.splitlines()[4]
    nalas_text = "NALAS (Mreža asocijacija lokalnih vlasti Jugoistočne Evrope)"
    (two / "novi-sad" / "networks.csv").write_text(
        f"{header}\n{nalas.replace('https://www.nalas.eu/', 'https://nalas.eu/')[:-2]}4\n",
        encoding="utf-8",
    )
    _edit(two / "novi-sad" / "source" / "page.txt", "Grad Novi Sad", f"Grad Novi Sad: {nalas_text}")
    (problem,) = _problems(two)
    assert problem.startswith("data/novi-sad/networks.csv:2: network 'nalas' differs from")
    assert "data/banja-luka/networks.csv:5" in problem
    assert "website 'https://www.nalas.eu/' vs 'https://nalas.eu/'" in problem


def test_each_page_keeps_its_own_line_on_a_shared_city(two: Path) -> None:
    sources = read_sources(two)
    ontology = read_ontology(REPO / "ontology" / "sister-graph.ttl", base=BASE)
    parts = build_source_graphs(sources, base=BASE)
    union = union_graph(parts, base=BASE, ontology=ontology)
    city = URIRef(f"{BASE}id/city/banja-luka")
    cited = {
        (str(union.value(d, PROV.entity)), int(union.value(d, SG.sourceLine)))
        for d in union.objects(city, PROV.qualifiedDerivation)
    }
    pages = {s.publisher.city: s.publisher.page_url for s in sources}
    assert cited == {(pages["banja-luka"], 7), (pages["novi-sad"], 5)}
    # one named graph per source page, each holding only its own page's line
    assert set(parts) == {source_graph_iri(BASE, p) for p in ("banja-luka", "novi-sad")}
    novi_sad = parts[source_graph_iri(BASE, "novi-sad")]
    assert set(novi_sad.objects(city, SG.sourceLine)) == {Literal(5, datatype=XSD.integer)}
    assert set(novi_sad.objects(city, DCTERMS.source)) == {URIRef(pages["novi-sad"])}


def _graph(data: Path):
    sources = read_sources(data)
    ontology = read_ontology(REPO / "ontology" / "sister-graph.ttl", base=BASE)
    return sources, union_graph(
        build_source_graphs(sources, base=BASE), base=BASE, ontology=ontology
    )


AGREEMENT = URIRef(f"{BASE}id/agreement/banja-luka-novi-sad-2006")


def test_an_agreement_both_sides_state_is_one_resource_citing_both_pages(two: Path) -> None:
    sources, graph = _graph(two)
    pages = {s.publisher.city: URIRef(s.publisher.page_url) for s in sources}
    assert set(graph.objects(AGREEMENT, DCTERMS.source)) == set(pages.values())
    stated = {
        (
            graph.value(d, PROV.entity),
            int(graph.value(d, SG.sourceLine)),
            str(graph.value(d, SG.statedDate)),
        )
        for d in graph.objects(AGREEMENT, PROV.qualifiedDerivation)
    }
    assert stated == {(pages["banja-luka"], 33, "2006-03-24"), (pages["novi-sad"], 5, "2006-03-24")}
    assert graph.value(AGREEMENT, SG.city) == URIRef(f"{BASE}id/city/banja-luka")  # first folder
    assert list(graph.objects(AGREEMENT, SG.sourcesDisagreeOn)) == []
    # both sides twinned, as on Wikidata
    ns, bl = URIRef(f"{BASE}id/city/novi-sad"), URIRef(f"{BASE}id/city/banja-luka")
    assert (ns, WDT.P190, bl) in graph and (bl, WDT.P190, ns) in graph


def test_a_date_the_sources_disagree_on_is_published_and_flagged(two: Path) -> None:
    _edit(two / "novi-sad" / "agreements.csv", "2006-03-24", "2006-03-25")
    _edit(two / "novi-sad" / "source" / "page.txt", "24. marta", "25. marta")
    sources, graph = _graph(two)
    assert list(graph.objects(AGREEMENT, SG.sourcesDisagreeOn)) == [SG.signingDate]
    assert {str(d) for d in graph.objects(AGREEMENT, SG.signingDate)} == {"2006-03-24"}
    stated = {
        str(graph.value(d, SG.statedDate))
        for d in graph.objects(AGREEMENT, PROV.qualifiedDerivation)
    }
    assert stated == {"2006-03-24", "2006-03-25"}


def test_a_type_the_sources_disagree_on_is_published_and_flagged(two: Path) -> None:
    memorandum = "Memorandum o saradnji"
    _edit(two / "novi-sad" / "source" / "page.txt", "Sporazum o saradnji", memorandum)
    _edit(
        two / "novi-sad" / "concepts.csv",
        "cooperation-agreement,Sporazum o saradnji,Споразум о сарадњи,Cooperation agreement,Sporazum o saradnji",
        f"memorandum-of-cooperation,{memorandum},Меморандум о сарадњи,Memorandum of cooperation,{memorandum}",
    )
    _edit(two / "novi-sad" / "agreements.csv", "cooperation-agreement", "memorandum-of-cooperation")
    _, graph = _graph(two)
    assert list(graph.objects(AGREEMENT, SG.sourcesDisagreeOn)) == [SG.agreementType]
    assert len(set(graph.objects(AGREEMENT, SG.agreementType))) == 1


def test_a_shared_id_for_another_pair_names_both_rows(two: Path) -> None:
    _edit(two / "novi-sad" / "agreements.csv", "banja-luka-novi-sad-2006", "banja-luka-kranj-2006")
    problems = _problems(two)
    assert any(
        p.startswith("data/novi-sad/agreements.csv:2: column 'partner'")
        and "between banja-luka and kranj at data/banja-luka/agreements.csv:12" in p
        for p in problems
    ), problems


def test_the_same_pair_and_year_under_another_id_names_both_rows(two: Path) -> None:
    _edit(
        two / "novi-sad" / "agreements.csv", "banja-luka-novi-sad-2006", "novi-sad-banja-luka-2006"
    )
    (problem,) = _problems(two)
    assert problem.startswith("data/novi-sad/agreements.csv:2: column 'id'")
    assert "'banja-luka-novi-sad-2006' at data/banja-luka/agreements.csv:11" in problem


def test_the_example_query_lists_both_sides_vs_one_side(two: Path) -> None:
    from sister_graph.views.examples import read_examples, with_prefixes

    _, graph = _graph(two)
    (example,) = [e for e in read_examples() if e.name.startswith("13-")]
    rows = {
        str(r[0]).rpartition("/")[2]: (str(r[1]), int(r[2]))
        for r in graph.query(with_prefixes(example.body, base=BASE))
    }
    assert rows.pop("banja-luka-novi-sad-2006") == ("both sides", 2)
    assert set(rows.values()) == {("one side", 1)} and len(rows) == 14


def _unlisted_agreement(two: Path, last_line: int) -> None:
    """Novi Sad states a 2010 agreement Banja Luka's folder does not; Banja Luka has a list."""
    _edit(two / "novi-sad" / "source" / "page.txt", "24. marta 2006", "24. marta 2010")
    _edit(
        two / "novi-sad" / "agreements.csv", "banja-luka-novi-sad-2006", "novi-sad-banja-luka-2010"
    )
    _edit(two / "novi-sad" / "agreements.csv", "2006-03-24", "2010-03-24")
    (two / "banja-luka" / "lists.csv").write_text(
        f"id,first_line,last_line,as_of,source_line\nbanja-luka-partner-cities,25,{last_line},2024-01-01,23\n",
        encoding="utf-8",
    )


def test_an_agreement_not_on_the_partners_list_is_published_as_such(two: Path) -> None:
    _unlisted_agreement(two, last_line=32)  # lines 25-32 do not name Novi Sad
    _, graph = _graph(two)
    agreement = URIRef(f"{BASE}id/agreement/novi-sad-banja-luka-2010")
    (plist,) = graph.objects(agreement, SG.notOnPartnerList)
    assert plist == URIRef(f"{BASE}id/list/banja-luka-partner-cities")
    assert str(graph.value(plist, DCTERMS.date)) == "2024-01-01"
    assert (int(graph.value(plist, SG.firstLine)), int(graph.value(plist, SG.lastLine))) == (25, 32)
    assert (
        list(graph.objects(URIRef(f"{BASE}id/agreement/banja-luka-graz-2006"), SG.notOnPartnerList))
        == []
    )
    config = repo_config(two.parent).with_(data_dir=two)
    assert build_dist(config).validation.conforms


def test_a_list_that_names_the_city_needs_the_agreement_row(two: Path) -> None:
    _unlisted_agreement(two, last_line=37)  # line 33 names "Novim Sadom"
    (problem,) = _problems(two)
    assert problem.startswith("data/banja-luka/lists.csv:2: the list names novi-sad")
    assert "page line 33" in problem and "data/novi-sad/agreements.csv:2" in problem


def _same_as_graph_by_graph(data: Path) -> int:
    from sister_graph.build.evidence import (
        agreements_by_id,
        evidence_graphs,
        read_partner_evidence,
    )
    from sister_graph.build.source_triples import build_union

    sources = read_sources(data)
    ontology = read_ontology(REPO / "ontology" / "sister-graph.ttl", base=BASE)
    evidence = evidence_graphs(
        read_partner_evidence(data, sources), agreements_by_id(sources), base=BASE
    )
    parts = build_source_graphs(sources, base=BASE)
    parts.update(evidence)
    graph, triples = build_union(sources, base=BASE, ontology=ontology, more=evidence)
    assert len(graph) == len(union_graph(parts, base=BASE, ontology=ontology))
    assert set(graph) == set(union_graph(parts, base=BASE, ontology=ontology))
    assert list(triples) == list(parts)  # the same names, in the same order
    for name, part in parts.items():
        assert len(triples[name]) == len(set(triples[name])) == len(part), name
        assert set(triples[name]) == set(part), name
    return len(evidence)


def test_one_pass_build_gives_the_union_and_each_source_graph(two: Path) -> None:
    _same_as_graph_by_graph(two)


def test_one_pass_build_keeps_the_partner_evidence_graphs() -> None:
    assert _same_as_graph_by_graph(REPO / "data") > 0  # the data has partner evidence
