"""Agreements the real data states from both sides: each page's line, what it states, what differs."""

from __future__ import annotations

import pytest
from rdflib import Literal, URIRef

from sister_graph.rdf.namespaces import DCTERMS, PROV, XSD, sg_namespace
from sister_graph.views.examples import read_examples, with_prefixes
from tests.support import BASE, REPO

SG = sg_namespace(BASE)
DATA = REPO / "data"


def _line(folder: str, page: str, number: int) -> str:
    (path,) = (DATA / folder / "source").glob(f"{page}_*.txt")
    return path.read_text(encoding="utf-8").split("\n")[number - 1]


def _citation(graph, slug: str, host: str, line: int):
    """The agreement's citation of the page on this host at this line."""
    agreement = URIRef(f"{BASE}id/agreement/{slug}")
    (found,) = [
        d
        for d in graph.objects(agreement, PROV.qualifiedDerivation)
        if host in str(graph.value(d, PROV.entity)) and int(graph.value(d, SG.sourceLine)) == line
    ]
    return found


# (agreement, folder, page, host, line, words on that line, stated date, its datatype,
#  stated type, the source's words for the type)
STATED = [
    (
        "banja-luka-kaiserslautern-2003",
        "kaiserslautern",
        "000",
        "kaiserslautern.de",
        8,
        "Die Städtepartnerschaft mit Kaiserslautern besteht seit 2003.",
        "2003",
        XSD.gYear,
        "town-partnership",
        "Städtepartnerschaft",
    ),
    (
        "banja-luka-kaiserslautern-2003",
        "kaiserslautern",
        "001",
        "kaiserslautern.de",
        10,
        "zehnten Jahrestages der Unterzeichnung des Partnerschaftsvertrages",
        None,
        None,
        None,
        "Partnerschaftsvertrages",
    ),
    (
        "banja-luka-kumanovo-2012",
        "kumanovo",
        "000",
        "kumanovo.gov.mk",
        6,
        "по повод Ден на Градот – 11 Ноември",
        "--11-11",
        XSD.gMonthDay,
        "memorandum-of-cooperation",
        "меморандум",
    ),
    (
        "villach-kranj-2008",
        "kranj",
        "000",
        "kranj.si",
        6,
        "V pobratenem mestu Beljak",
        None,
        None,
        None,
        None,
    ),
    (  # "this week a twin-cities covenant was signed between Modi'in ... and Banja Luka"
        "banja-luka-modiin-2010",
        "modiin",
        "000",
        "modiin.muni.il",
        2,
        "השבוע נחתמה ברית ערים תאומות בין מודיעין מכבים רעות לעיר בניה לוקה",
        None,
        None,
        None,  # no agreement type in data/ is a twin-cities covenant: not compared
        "ברית ערים תאומות",
    ),
    (  # Banja Luka among the "fraternal and partner cities" whose representatives came
        "banja-luka-subotica-2015",
        "subotica",
        "000",
        "subotica.rs",
        13,
        "Босне и Херцеговине (Бањалука)",
        None,
        None,
        None,
        None,
    ),
]


@pytest.mark.parametrize(
    ("slug", "folder", "page", "host", "line", "words", "date", "datatype", "kind", "form"),
    STATED,
)
def test_each_partner_side_citation_states_what_its_line_says(
    built, slug, folder, page, host, line, words, date, datatype, kind, form
) -> None:
    _, result = built
    graph = result.graph
    citation = _citation(graph, slug, host, line)
    text = _line(folder, page, line)
    assert words in text
    assert str(graph.value(citation, SG.sourceText)) == text.strip()
    stated = graph.value(citation, SG.statedDate)
    assert stated == (Literal(date, datatype=datatype) if date else None)
    if date and datatype == XSD.gYear:
        assert date in text
    stated_type = graph.value(citation, SG.statedType)
    assert stated_type == (URIRef(f"{BASE}id/concept/agreement-type/{kind}") if kind else None)
    form_literal = graph.value(citation, SG.statedTypeForm)
    assert (str(form_literal) if form_literal else None) == form
    if form:
        assert form in text


def test_kaiserslautern_s_town_partnership_differs_from_the_partnership_charter(built) -> None:
    _, result = built
    graph = result.graph
    agreement = URIRef(f"{BASE}id/agreement/banja-luka-kaiserslautern-2003")
    assert list(graph.objects(agreement, SG.sourcesDisagreeOn)) == [SG.agreementType]
    charter = URIRef(f"{BASE}id/concept/agreement-type/partnership-charter")
    assert list(graph.objects(agreement, SG.agreementType)) == [charter]  # Banja Luka's, kept
    banja_luka = _citation(graph, "banja-luka-kaiserslautern-2003", "banjaluka.rs.ba", 35)
    assert graph.value(banja_luka, SG.statedType) == charter
    assert "Povelja o partnerstvu sa Kajzerslauternom" in str(
        graph.value(banja_luka, SG.sourceText)
    )
    # the year both state agrees: the date is not flagged, the full date is Banja Luka's
    assert [str(d) for d in graph.objects(agreement, SG.signingDate)] == ["2003-10-03"]


def test_the_example_query_lists_both_sides_one_side_and_the_partner_list_that_omits_one(
    built,
) -> None:
    _, result = built
    (example,) = [e for e in read_examples() if e.name.startswith("13-")]
    rows = {
        str(r[0]).rpartition("/")[2]: (str(r[1]), int(r[2]), str(r[4]))
        for r in result.graph.query(with_prefixes(example.body, base=BASE))
    }
    both = {slug: pages for slug, (side, pages, _) in rows.items() if side == "both sides"}
    assert both == {
        "banja-luka-kaiserslautern-2003": 3,
        "banja-luka-kumanovo-2012": 2,
        "banja-luka-modiin-2010": 2,
        "banja-luka-subotica-2015": 2,
        "villach-kranj-2008": 2,
    }
    assert {side for slug, (side, _, _) in rows.items() if slug not in both} == {"one side"}
    # Timișoara's own list of partner cities (data/timisoara, line 17) does not name Banja Luka
    omitted = {slug: as_of for slug, (_, _, as_of) in rows.items() if as_of}
    assert omitted == {"banja-luka-timisoara-2014": "2026-11-30"}
    assert rows["banja-luka-timisoara-2014"][:2] == ("one side", 1)
    # each partner-side page is published by the partner city
    graph = result.graph
    for slug, partner in (
        ("villach-kranj-2008", "kranj"),
        ("banja-luka-kumanovo-2012", "kumanovo"),
        ("banja-luka-modiin-2010", "modiin"),
        ("banja-luka-subotica-2015", "subotica"),
    ):
        agreement = URIRef(f"{BASE}id/agreement/{slug}")
        publishers = {
            graph.value(page, DCTERMS.publisher)
            for page in graph.objects(agreement, DCTERMS.source)
        }
        assert URIRef(f"{BASE}id/city/{partner}") in publishers


def test_timisoara_s_own_list_of_partner_cities_does_not_name_banja_luka(built) -> None:
    _, result = built
    graph = result.graph
    agreement = URIRef(f"{BASE}id/agreement/banja-luka-timisoara-2014")
    (plist,) = graph.objects(agreement, SG.notOnPartnerList)
    assert plist == URIRef(f"{BASE}id/list/timisoara-partner-cities")
    assert graph.value(plist, DCTERMS.publisher) == URIRef(f"{BASE}id/city/timisoara")
    assert "primariatm.ro" in str(graph.value(plist, DCTERMS.source))
    assert (int(graph.value(plist, SG.firstLine)), int(graph.value(plist, SG.lastLine))) == (17, 17)
    line = _line("timisoara", "000", 17)
    names = "Faenza, Rueil-Malmaison, Mulhouse, Karlsruhe, Gera, Szeged, Treviso, Palermo, Novi Sad"
    assert f"mit 9 europäischen Städten befreundet: {names} und" in line
    assert len(names.split(", ")) == 9  # the count the page states: the list is complete
    assert "Banja" not in line and "Luka" not in line
    # the only agreement marked so: every other partner either is no publisher or states it
    marked = {s for s, _, _ in graph.triples((None, SG.notOnPartnerList, None))}
    assert marked == {agreement}
