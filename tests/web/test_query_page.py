"""The /sparql page for browsers; other clients keep the SPARQL 1.1 Protocol behaviour."""

from __future__ import annotations

import html
import re

import pytest
import requests

from sister_graph.views.examples import read_examples

BROWSER = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"
ASK = "ASK { ?s ?p ?o }"


def _example_urls(page: str) -> list[str]:
    return [html.unescape(u) for u in re.findall(r'class="example" href="([^"]+)"', page)]


def test_page_has_editor_with_prefixes_and_at_least_eight_examples(site):
    page = requests.get(site.url + "sparql", headers={"Accept": BROWSER}).text
    editor = re.search(r"<textarea[^>]*>(.*?)</textarea>", page, re.S).group(1)
    assert "PREFIX sg: &lt;https://w3id.org/sister-graph/ontology#&gt;" in editor
    examples = read_examples()
    assert len(examples) >= 8 and len(_example_urls(page)) == len(examples)
    for example in examples:
        assert example.description_in("sr-Latn") in html.unescape(page)
    english = requests.get(site.url + "sparql?lang=en", headers={"Accept": BROWSER}).text
    cyrillic = requests.get(site.url + "sparql?lang=sr-Cyrl", headers={"Accept": BROWSER}).text
    for example in examples:
        assert example.description in html.unescape(english)
        assert example.title_in("sr-Cyrl") in html.unescape(cyrillic)


def test_every_example_runs_with_one_click_and_shows_results(site):
    page = requests.get(site.url + "sparql", headers={"Accept": BROWSER}).text
    for url in _example_urls(page):
        answer = requests.get(site.url.rstrip("/") + url, headers={"Accept": BROWSER})
        assert answer.status_code == 200, url
        rows = re.findall(r"<tr><td[ >]", answer.text)
        assert rows or 'class="boolean"' in answer.text, url
        for fmt in re.findall(r'download="result\.(\w+)"', answer.text):
            assert fmt in ("srj", "srx", "csv", "tsv", "ttl", "jsonld", "nt", "rdf")


def test_result_iris_link_to_local_pages_and_offer_every_format(site):
    query = "SELECT ?city WHERE { ?a <https://w3id.org/sister-graph/ontology#partner> ?city }"
    answer = requests.get(site.sparql, params={"query": query}, headers={"Accept": BROWSER})
    assert 'href="/id/city/graz"' in answer.text
    formats = re.findall(r'href="[^"]*format=(\w+)" download', answer.text)
    assert formats == ["json", "xml", "csv", "tsv"]
    assert 'id="share"' in answer.text


@pytest.mark.parametrize(
    ("accept", "params", "media"),
    [
        ("application/sparql-results+json", {}, "application/sparql-results+json"),
        ("*/*", {}, "application/sparql-results+json"),
        ("", {}, "application/sparql-results+json"),
        (BROWSER, {"format": "xml"}, "application/sparql-results+xml"),
        ("application/xml, text/html;q=0.5", {}, "application/sparql-results+xml"),
    ],
)
def test_non_browser_clients_keep_the_protocol_answer(site, accept, params, media):
    headers = {"Accept": accept} if accept else {}
    answer = requests.get(site.sparql, params={"query": ASK, **params}, headers=headers)
    assert answer.headers["Content-Type"].split(";")[0] == media


def test_bad_query_shows_the_error_on_the_page(site):
    answer = requests.get(
        site.sparql, params={"query": "SELEC nothing"}, headers={"Accept": BROWSER}
    )
    assert answer.status_code == 400
    assert 'role="alert"' in answer.text and "SELEC nothing" in answer.text
