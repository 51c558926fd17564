"""Behind a reverse proxy: absolute URLs come from the base IRI unless a proxy is trusted;
Host and X-Forwarded-* headers a client sends never choose them."""

from __future__ import annotations

import re
from collections.abc import Iterator

import pytest
from rdflib import Graph, URIRef
from rdflib.namespace import Namespace

from sister_graph.web.context import state
from tests.support import BASE
from tests.web.conftest import new_app

SD = Namespace("http://www.w3.org/ns/sparql-service-description#")
FORWARDED = {"Host": "data.example.org", "X-Forwarded-Proto": "https"}
PUBLISHER = "/publisher/banja-luka"
PAGES = ["/", PUBLISHER, "/catalog", "/catalog.html", "/doc/city/graz.html", "/ontology", "/sparql"]
BROWSER = "text/html"


def _endpoint(body: bytes) -> str:
    graph = Graph().parse(data=body, format="turtle")
    return str(next(graph.objects(None, SD.endpoint)))


def _http_links(text: str) -> set[str]:
    return set(re.findall(r"http://[^\s\"'<>]+", text))


@pytest.fixture(scope="module")
def proxied(built, tmp_path_factory) -> Iterator:
    config, _ = built
    app = new_app(config.with_(trusted_proxies="127.0.0.1"), tmp_path_factory, "proxied-store")
    yield app.test_client()
    with app.app_context():
        state().store.close()


def test_untrusted_forwarded_headers_do_not_change_the_endpoint_iri(client):
    for headers in (
        {},
        FORWARDED,
        {**FORWARDED, "X-Forwarded-Host": "evil.example", "X-Forwarded-Prefix": "/x"},
    ):
        response = client.get("/sparql", headers={"Accept": "text/turtle", **headers})
        assert _endpoint(response.data) == BASE + "sparql"


@pytest.mark.parametrize("path", PAGES)
def test_no_internal_http_links_on_any_page(client, path):
    response = client.get(path, headers={"Accept": BROWSER, **FORWARDED})
    assert response.status_code == 200
    text = response.get_data(as_text=True)
    for link in _http_links(text):
        assert not link.startswith(("http://data.example.org", "http://localhost")), link


def test_publisher_page_downloads_are_under_the_base(client):
    text = client.get(PUBLISHER, headers={"Accept": BROWSER, **FORWARDED}).get_data(as_text=True)
    downloads = re.findall(r'"contentUrl": ?"([^"]+)"', text)
    assert downloads and all(url.startswith(BASE + "download/") for url in downloads)


def test_catalog_links_come_from_the_base(client):
    graph = Graph().parse(data=client.get("/catalog.ttl", headers=FORWARDED).data, format="turtle")
    urls = {str(o) for o in graph.objects() if isinstance(o, URIRef) and "download/" in str(o)}
    assert urls and all(url.startswith(BASE) for url in urls)


def test_a_trusted_proxy_sets_scheme_host_and_prefix(proxied):
    headers = {"Accept": "text/turtle", **FORWARDED, "X-Forwarded-Host": "data.example.org"}
    assert (
        _endpoint(proxied.get("/sparql", headers=headers).data) == "https://data.example.org/sparql"
    )
    with_prefix = {**headers, "X-Forwarded-Prefix": "/lod"}
    assert _endpoint(proxied.get("/sparql", headers=with_prefix).data) == (
        "https://data.example.org/lod/sparql"
    )
    page = proxied.get(PUBLISHER, headers={"Accept": BROWSER, **with_prefix}).get_data(as_text=True)
    assert "https://data.example.org/lod/download/" in page
    assert 'href="/lod/' in page


def test_the_same_headers_from_another_address_are_not_trusted(proxied):
    headers = {"Accept": "text/turtle", **FORWARDED, "X-Forwarded-Prefix": "/lod"}
    response = proxied.get("/sparql", headers=headers, environ_base={"REMOTE_ADDR": "10.9.9.9"})
    assert _endpoint(response.data) == BASE + "sparql"


# Every redirect the mounted app answers: the bare mount point (308 to its slash) and /id/ (303),
# at the root and under the base IRI's path, with and without a query string.
REDIRECTS = [
    ("/sister-graph", "/sister-graph/"),
    ("/sister-graph?lang=en&a=1", "/sister-graph/?lang=en&a=1"),
    ("/id/city/graz", "/doc/city/graz.html"),
    ("/sister-graph/id/city/graz?x=1", "/sister-graph/doc/city/graz.html?x=1"),
]


@pytest.mark.parametrize(("path", "location"), REDIRECTS)
def test_redirects_never_take_their_host_from_the_request(client, path, location):
    from werkzeug.test import Client

    from sister_graph.web.server import mount

    mounted = Client(mount(client.application, BASE))
    headers = {**FORWARDED, "X-Forwarded-Host": "evil.example", "Accept": BROWSER}
    for method in (mounted.get, mounted.head):
        response = method(path, headers=headers)
        assert response.status_code in (303, 308), path
        assert response.headers["Location"] == location
        assert "example" not in response.headers["Location"]
