"""A page in another language: its dates are checked as it writes them, its lines keep its tag."""

from __future__ import annotations

import doctest
from datetime import date
from pathlib import Path

import pytest
from rdflib import Literal, URIRef

import sister_graph.build.written_dates as written_dates
from sister_graph.build.graph import build_graph, read_ontology
from sister_graph.build.sources import read_sources
from sister_graph.build.written_dates import written_forms
from sister_graph.errors import SourceError
from sister_graph.rdf.namespaces import sg_namespace
from tests.support import BASE

REPO = Path(__file__).resolve().parents[2]

PAGE = """Städtepartnerschaften
Zu einer offiziellen Städtepartnerschaft zwischen Graz und Triest kam es am 22. Mai 1973.
Graz ist Mitglied im Netzwerk EUROCITIES (Eurocities)."""

FILES = {
    "publisher.csv": "city,page_url,page_title,page_language,source_file,source_line\n"
    "graz,https://example.org/graz,Städtepartnerschaften,de,page.txt,1\n",
    "cities.csv": "id,label_sr_latn,label_sr_cyrl,label_en,native_names,page_form,country,lat,long,"
    "wikidata,geonames,identification,note,source_line\n"
    "graz,Grac,Грац,Graz,de:Graz,Graz,AT,47.0667,15.45,,,confirmed,,2\n"
    "trieste,Trst,Трст,Trieste,it:Trieste,Triest,IT,45.64953,13.77678,,,confirmed,,2\n",
    "agreements.csv": "id,partner,type,signed,signing,occasion,source_line\n"
    "graz-trieste-1973,trieste,town-partnership,1973-05-22,graz-1973-05-22,,2\n",
    "concepts.csv": "scheme,id,label_sr_latn,label_sr_cyrl,label_en,page_form,source_line\n"
    "agreement-type,town-partnership,Partnerstvo gradova,Партнерство градова,Town partnership,"
    "Städtepartnerschaft,2\n",
    "networks.csv": "id,acronym,label_sr_latn,label_sr_cyrl,label_en,website,source_line\n"
    "eurocities,EUROCITIES,Eurocities,Еурocities,Eurocities,,3\n",
    "memberships.csv": "id,member,network,source_line\ngraz-eurocities,graz,eurocities,3\n",
}


@pytest.fixture
def german_page(tmp_path: Path) -> Path:
    folder = tmp_path / "data" / "graz"
    folder.mkdir(parents=True)
    (folder / "page.txt").write_text(PAGE, encoding="utf-8")
    for name, text in FILES.items():
        (folder / name).write_text(text, encoding="utf-8")
    return tmp_path / "data"


def test_the_module_examples_run() -> None:
    assert doctest.testmod(written_dates).failed == 0


@pytest.mark.parametrize(
    ("language", "day", "form"),
    [
        ("sr-Latn", date(2015, 6, 5), "5. juna 2015"),
        ("sr", date(2003, 10, 3), "3. oktobra 2003"),
        ("sr-Cyrl", date(2014, 4, 22), "22. априла 2014"),
        ("sr-Cyrl-RS", date(2014, 4, 22), "22. априла 2014"),
        ("de", date(1973, 5, 22), "22. Mai 1973"),
        ("de-AT", date(2008, 7, 25), "25. Juli 2008"),
        ("sl", date(2006, 3, 24), "24. marca 2006"),
        ("hr", date(2006, 6, 21), "21. lipnja 2006"),
        ("mk", date(2012, 11, 11), "11 ноември 2012"),
    ],
)
def test_a_date_is_written_as_the_pages_language_writes_it(language, day, form) -> None:
    assert written_forms(day, language)[0] == form
    assert f"{day.day:02d}.{day.month:02d}.{day.year}" in written_forms(day, language)


def test_a_language_without_month_names_gets_the_numeric_forms_only() -> None:
    assert written_forms(date(2014, 4, 22), "hu") == ("22.04.2014", "22.4.2014")


def test_a_german_page_states_its_date_in_german(german_page: Path) -> None:
    (graz,) = read_sources(german_page)
    assert graz.agreements[0].signed == date(1973, 5, 22)


def test_a_german_page_with_a_wrong_date_is_named(german_page: Path) -> None:
    rows = german_page / "graz" / "agreements.csv"
    rows.write_text(rows.read_text().replace("1973-05-22", "1973-06-22"), encoding="utf-8")
    with pytest.raises(SourceError) as caught:
        read_sources(german_page)
    assert caught.value.problems == [
        "data/graz/agreements.csv:2: column 'source_line': '22. Juni 1973' is not on page line 2"
    ]


def test_cited_lines_and_page_forms_keep_the_pages_language(german_page: Path) -> None:
    sources = read_sources(german_page)
    ontology = read_ontology(REPO / "ontology" / "sister-graph.ttl", base=BASE)
    graph = build_graph(sources, base=BASE, ontology=ontology)
    sg = sg_namespace(BASE)
    agreement = URIRef(f"{BASE}id/agreement/graz-trieste-1973")
    text = graph.value(agreement, sg.sourceText)
    assert text == Literal(PAGE.splitlines()[1], lang="de")
    assert graph.value(URIRef(f"{BASE}id/city/trieste"), sg.pageForm) == Literal(
        "Triest", lang="de"
    )


def test_module_examples_of_page_addresses_run() -> None:
    import sister_graph.build.page_address as page_address

    assert doctest.testmod(page_address).failed == 0


def test_a_title_the_page_address_states_needs_no_title_line(german_page: Path) -> None:
    publisher = german_page / "graz" / "publisher.csv"
    text = publisher.read_text(encoding="utf-8")
    publisher.write_text(
        text.replace(
            "https://example.org/graz", "https://example.org/ueber/staedtepartnerschaften"
        ).replace(",page.txt,1", ",page.txt,2"),
        encoding="utf-8",
    )
    (graz,) = read_sources(german_page)
    assert graz.publisher.page_title == "Städtepartnerschaften"


def test_a_title_neither_on_its_line_nor_in_the_address_is_named(german_page: Path) -> None:
    publisher = german_page / "graz" / "publisher.csv"
    text = publisher.read_text(encoding="utf-8")
    publisher.write_text(text.replace(",page.txt,1", ",page.txt,2"), encoding="utf-8")
    with pytest.raises(SourceError) as caught:
        read_sources(german_page)
    assert caught.value.problems == [
        "data/graz/publisher.csv:2: column 'source_line': "
        "'Städtepartnerschaften' is not on page line 2"
    ]


def test_language_tags_of_the_sources_are_published_in_their_conventional_case(
    data_copy: Path, tmp_path: Path
) -> None:
    """BCP 47 tags are case-insensitive, so a clerk may write 'sr-latn' or `init --language
    sr-latn`; the dumps then said "…"@sr-latn beside "…"@sr-Latn (README: one spelling)."""
    from sister_graph.build.pipeline import build_graph as build_from_config
    from sister_graph.rdf.langtags import canonical_lang
    from tests.support import repo_config

    def recase(name: str, old: str, new: str) -> None:
        path = data_copy / name
        text = path.read_text(encoding="utf-8")
        assert old in text, (name, old)
        path.write_text(text.replace(old, new), encoding="utf-8")

    recase("banja-luka/publisher.csv", ",sr-Latn,", ",sr-latn,")  # page_language
    recase("villach/cities.csv", "de:Villach", "DE:Villach")  # native_names
    recase("banja-luka/identifications.csv", ",sr-Cyrl\n", ",sr-cyrl\n")  # quote_language
    recase("kaiserslautern/evidence.csv", ",de,", ",De,")  # evidence page_language
    graph, _, _ = build_from_config(repo_config(tmp_path, data_dir=data_copy))
    tags = {o.language for o in graph.objects() if isinstance(o, Literal) and o.language}
    assert {"sr-Latn", "sr-Cyrl", "de"} <= tags
    assert {t for t in tags if t != canonical_lang(t)} == set()
