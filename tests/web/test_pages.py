"""Dereferenceable URIs and HTML pages over the real built dataset (live server)."""

from __future__ import annotations

import json
import re
from html import escape
from pathlib import Path
from urllib.parse import urljoin

import pyoxigraph as ox
import pytest
import requests
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, FOAF, VOID

from tests.support import REPO

BROWSER = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"
RDF_ACCEPT = {
    "ttl": ("text/turtle", ox.RdfFormat.TURTLE),
    "jsonld": ("application/ld+json", ox.RdfFormat.JSON_LD),
    "nt": ("application/n-triples", ox.RdfFormat.N_TRIPLES),
    "rdf": ("application/rdf+xml", ox.RdfFormat.RDF_XML),
}


def _norm(term) -> str:
    if isinstance(term, Literal) and term.language:
        return f"{json.dumps(str(term))}@{term.language.lower()}"
    return term.n3()


def _triples(graph: Graph) -> set[tuple[str, str, str]]:
    return {(_norm(s), _norm(p), _norm(o)) for s, p, o in graph}


@pytest.fixture(scope="module")
def dist(built) -> Path:
    config, _ = built
    return Path(config.dist_dir)


@pytest.fixture(scope="module")
def dump(dist) -> Graph:
    return Graph().parse(dist / "sister-graph.nt", format="nt")


@pytest.fixture(scope="module")
def http() -> requests.Session:
    return requests.Session()


def _subject_graph(graph: Graph, subject) -> Graph:
    out, todo, seen = Graph(), [subject], set()
    while todo:
        node = todo.pop()
        if node in seen:
            continue
        seen.add(node)
        for _, p, o in graph.triples((node, None, None)):
            out.add((node, p, o))
            if isinstance(o, BNode):
                todo.append(o)
    return out


def test_every_thing_303s_to_its_documents_whose_rdf_is_its_triples(site, built, dump, dist, http):
    config, _ = built
    catalog = Graph().parse(dist / "catalog.ttl")
    things = sorted(
        {s for s in dump.subjects() if str(s).startswith(config.base + "id/") and "#" not in s}
    )
    things += sorted({s for s in catalog.subjects() if str(s).startswith(config.base + "id/")})
    assert len(things) >= 78 + 6
    for thing in things:
        path = str(thing)[len(config.base) :]
        source = dump if (thing, None, None) in dump else catalog
        expected = _subject_graph(source, thing)
        html = http.get(site.url + path, headers={"Accept": BROWSER}, allow_redirects=False)
        assert html.status_code == 303, path
        assert html.headers["Location"].endswith("/doc/" + path[3:] + ".html")
        assert "Accept" in html.headers["Vary"]
        page = http.get(urljoin(site.url, html.headers["Location"]), headers={"Accept": BROWSER})
        assert page.status_code == 200 and page.headers["Content-Type"].startswith("text/html")
        turtle = http.get(site.url + path, headers={"Accept": "text/turtle"})
        assert turtle.history[0].status_code == 303
        assert turtle.url.endswith(".ttl") and turtle.status_code == 200
        got = Graph().parse(data=turtle.text, format="turtle")
        doc = URIRef(config.base + "doc/" + path[3:])
        # the document also holds the thing's # nodes (its address), the triples naming it
        # (incoming links) and the document's own description
        for node in {o for o in source.objects(thing) if str(o).startswith(str(thing) + "#")}:
            expected += _subject_graph(source, node)
        extra = Graph()
        for t in got:
            if t[0] == doc or (t[2] == thing and t[0] != thing):
                extra.add(t)
        assert got.value(doc, FOAF.primaryTopic) == thing, path
        assert got.value(doc, VOID.inDataset) == URIRef(config.base + "id/dataset/sister-graph")
        assert got.value(doc, DCTERMS.license) == URIRef(config.license), path
        assert _triples(got - extra) == _triples(expected), path
        if source is dump:
            incoming = {(s, p) for s, p, _ in dump.triples((None, None, thing)) if s != thing}
            assert incoming == {(s, p) for s, p, _ in got.triples((None, None, thing)) if s != doc}


def test_every_ontology_term_is_in_the_ontology_document(site, built, dump, http):
    config, _ = built
    terms = {s for s in dump.subjects() if str(s).startswith(config.base + "ontology")}
    answer = http.get(site.url + "ontology", headers={"Accept": "text/turtle"})
    assert answer.status_code == 200 and "Accept" in answer.headers["Vary"]
    got = _triples(Graph().parse(data=answer.text, format="turtle"))
    expected = {t for t in _triples(dump) if any(t[0] == _norm(term) for term in terms)}
    assert got == expected
    page = http.get(site.url + "ontology?lang=en", headers={"Accept": BROWSER}).text
    for term in terms - {URIRef(config.base + "ontology")}:
        assert f'id="{str(term).rpartition("#")[2]}"' in page


@pytest.mark.parametrize("ext", sorted(RDF_ACCEPT))
def test_extensions_work_without_content_negotiation(site, http, ext):
    media, parser = RDF_ACCEPT[ext]
    answer = http.get(site.url + f"doc/city/graz.{ext}", headers={"Accept": BROWSER})
    assert answer.status_code == 200
    assert answer.headers["Content-Type"].split(";")[0] == media
    triples = list(ox.parse(answer.content, format=parser))
    graz = "https://w3id.org/sister-graph/id/city/graz"
    doc = "https://w3id.org/sister-graph/doc/city/graz"
    for t in triples:  # its own, its # nodes, the links naming it, the document's description
        assert (
            t.subject.value in (graz, doc)
            or t.subject.value.startswith(graz + "#")
            or (t.object.value == graz)
        ), t
    assert {t.subject.value for t in triples} >= {graz, doc, graz + "#address"}


@pytest.mark.parametrize("ext", sorted(RDF_ACCEPT))
def test_conneg_picks_each_rdf_format_by_q_value(site, http, ext):
    media, _ = RDF_ACCEPT[ext]
    accept = f"text/html;q=0.5, {media};q=0.9"
    answer = http.get(site.url + "id/city/graz", headers={"Accept": accept})
    assert answer.url.endswith(f"/doc/city/graz.{ext}")
    negotiated = http.get(site.url + "doc/city/graz", headers={"Accept": accept})
    assert negotiated.headers["Content-Type"].split(";")[0] == media
    assert negotiated.headers["Content-Location"].endswith(f"graz.{ext}")


def test_unknown_uri_gives_a_helpful_404(site, http):
    page = http.get(site.url + "id/city/barri", headers={"Accept": BROWSER})
    assert page.status_code == 404 and "text/html" in page.headers["Content-Type"]
    assert "/id/city/bari" in page.text and "Traceback" not in page.text
    as_json = http.get(site.url + "doc/city/barri.ttl", headers={"Accept": "application/json"})
    assert as_json.status_code == 404
    assert as_json.json()["error"]["code"] == "not-found"
    plain = http.get(site.url + "id/nothing/here", headers={"Accept": "text/turtle"})
    assert plain.status_code == 404 and plain.headers["Content-Type"].startswith("text/plain")


@pytest.mark.parametrize("path", ["id/%FF", "doc/%FF.ttl", "doc/city/%FF", "id/%00x", "id/a%3Eb"])
def test_undecodable_or_non_iri_paths_are_404_not_400(site, http, path):
    answer = http.get(site.url + path, headers={"Accept": "text/turtle"})
    assert answer.status_code == 404, answer.text
    assert answer.headers["Content-Type"].startswith("text/plain")


def test_city_page_shows_labels_agreements_source_line_and_alternates(site, http):
    page = http.get(site.url + "doc/city/bari.html?lang=en").text
    assert "/id/agreement/banja-luka-bari-2007" in page
    assert "Cooperation agreement: Banja Luka – Bari (2007)" in page
    assert "Sporazum o saradnji sa Barijem i Bitontom – potpisani 21. aprila 2007. godine;" in page
    assert 'href="https://sws.geonames.org/3182351/"' in page
    for media in ("text/turtle", "application/ld+json", "application/n-triples"):
        assert re.search(rf'<link rel="alternate" type="{re.escape(media)}" href="[^"]+"', page)
    block = re.search(r'<script type="application/ld\+json">(.*?)</script>', page, re.S)
    data = json.loads(block.group(1))
    assert data["@type"] == "City" and data["geo"]["latitude"] == pytest.approx(41.1115)


def test_linked_resources_show_labels_not_iris(site, http):
    page = http.get(site.url + "doc/agreement/banja-luka-graz-2006.html?lang=en").text
    assert re.search(r'<a href="[^"]*/id/city/graz[?"][^>]*>Graz</a>', page)
    assert re.search(r'<a href="[^"]*ontology[^"]*#partner"[^>]*>partner city</a>', page)


@pytest.mark.parametrize(
    ("headers", "query", "lang", "word"),
    [
        ({}, "", "sr-Latn", "Početna"),
        ({}, "?lang=sr-Cyrl", "sr-Cyrl", "Бари"),
        ({"Accept-Language": "sr-Cyrl-BA, en;q=0.5"}, "", "sr-Cyrl", "Почетна"),
        ({"Accept-Language": "de, en;q=0.8"}, "", "en", "Home"),
        ({"Accept-Language": "en"}, "?lang=sr-latn", "sr-Latn", "Početna"),
    ],
)
def test_language_from_param_or_accept_language(site, http, headers, query, lang, word):
    answer = http.get(site.url + "doc/city/bari.html" + query, headers=headers)
    assert f'<html lang="{lang}">' in answer.text
    assert word in answer.text
    assert answer.headers["Content-Language"] == lang


def test_publisher_page_tells_what_and_where_from(site, http):
    page = http.get(site.url + "publisher/banja-luka?lang=en").text
    assert "https://www.banjaluka.rs.ba/gradska-uprava/међународна-сарадња/?sr_pismo=lat" in page
    timeline = re.search(r'<svg class="chart timeline wide".*?</svg>', page, re.S).group(0)
    map_svg = re.search(r'<svg class="chart map wide".*?</svg>', page, re.S).group(0)
    for svg in (timeline, map_svg):
        assert (
            len(set(re.findall(r'class="partner[^"]*" href="[^"]*" data-iri="([^"]+)"', svg)))
            == 15  # Banja Luka's page names 15 partner cities
        )
    assert re.search(r'data-count="partners">15<', page)
    assert re.search(r'data-count="agreements">15<', page)
    assert "signed together" in timeline
    assert len(re.findall(r'class="together"[^>]*><title>', map_svg)) == 2
    for section, count in (("priorities", 3), ("fields", 4), ("networks", 4)):
        block = re.search(rf'id="{section}".*?</section>', page, re.S).group(0)
        assert block.count("<li>") == count, section
    for target in ("download/sister-graph.ttl", "catalog", "sparql", "openapi.json"):
        assert f'href="/{target}' in page


def test_html_pages_carry_security_headers_and_use_only_this_host(site, http):
    for path in ("", "doc/city/bari.html", "ontology", "catalog", "sparql", "id/x/none"):
        answer = http.get(site.url + path, headers={"Accept": BROWSER})
        assert answer.headers["Content-Security-Policy"].startswith("default-src 'self'")
        assert answer.headers["X-Content-Type-Options"] == "nosniff"
        assert answer.headers["Referrer-Policy"] == "same-origin"
        for url in re.findall(r'<(?:script|link|img)[^>]+(?:src|href)="([^"]+)"', answer.text):
            assert url.startswith("/"), (path, url)


def test_landing_page_counts_each_publisher_honestly(site, http):
    from sister_graph.build.sources import read_sources

    page = http.get(site.url + "?lang=en").text
    for source in read_sources(REPO / "data"):
        row = re.search(rf'data-publisher="{source.publisher.city}".*?</tr>', page, re.S).group(0)
        partners = {a.partner for a in source.agreements}
        assert f'data-count="agreements">{len(source.agreements)}<' in row
        assert f'data-count="partners">{len(partners)}<' in row
        url = escape(source.publisher.page_url)  # in HTML a URL's "&" is "&amp;"
        assert f'href="{url}"' in row or url in row


def test_an_unknown_publisher_is_a_404(site, http):
    assert http.get(site.url + "publisher/atlantis").status_code == 404
    assert http.get(site.url + "publisher/graz-1").status_code == 404
