"""Every error says what was wrong in the client's terms, the same way on every route.

A method a route does not have names the method and the methods it has (the Allow header
says the same); an unknown extension on a document names the extensions there are, on /doc
as on /catalog and /ontology.
"""

from __future__ import annotations

import pytest
import requests

ROUTES = ["/", "/sparql", "/doc/city/graz", "/catalog", "/download/SHA256SUMS", "/health"]


@pytest.mark.parametrize("route", ROUTES)
@pytest.mark.parametrize("method", ["PUT", "DELETE", "PATCH"])
def test_405_names_the_method_and_the_allowed_ones(site, route, method):
    answer = requests.request(method, site.url + route.lstrip("/"), headers={"Accept": "*/*"})
    assert answer.status_code == 405
    allowed = [m.strip() for m in answer.headers["Allow"].split(",")]
    assert method in answer.text and route in answer.text
    assert all(m in answer.text for m in allowed if m != "OPTIONS")


@pytest.mark.parametrize("path", ["/doc/city/graz.xyz", "/catalog.xyz", "/ontology.xyz"])
def test_an_unknown_extension_names_the_known_ones_on_every_document_route(site, path):
    answer = requests.get(site.url + path.lstrip("/"), headers={"Accept": "application/json"})
    assert answer.status_code == 404
    message = answer.json()["error"]["message"]
    assert message == "no format with extension .xyz; use ttl, jsonld, nt, rdf or html"


def test_an_unknown_thing_with_an_extension_is_still_an_unknown_thing(site):
    answer = requests.get(site.url + "doc/city/nowhere.xyz", headers={"Accept": "application/json"})
    assert answer.status_code == 404
    assert "names nothing" in answer.json()["error"]["message"]


@pytest.mark.parametrize(
    "path", ["/nothing", "/doc/city/nope", "/catalog.xyz", "/download/x", "/publisher/nope"]
)
def test_an_error_page_in_the_reader_language_varies_on_it(site, path):
    """The HTML error page is written in the Accept-Language's language, so a shared cache must
    key it on that header too (RFC 9110 §12.5.5), as every other page does."""
    pages = {}
    for lang in ("en", "sr-Cyrl"):
        headers = {"Accept": "text/html", "Accept-Language": lang}
        answer = requests.get(site.url + path.lstrip("/"), headers=headers)
        assert answer.status_code == 404 and answer.headers["Content-Language"] == lang
        vary = {v.strip() for v in answer.headers["Vary"].split(",")}
        assert {"Accept", "Accept-Language"} <= vary, (path, answer.headers["Vary"])
        pages[lang] = answer.text
    assert pages["en"] != pages["sr-Cyrl"]


@pytest.mark.parametrize(
    ("path", "methods"),
    [
        ("/sparql", {"GET", "HEAD", "POST", "OPTIONS"}),
        ("/doc/city/graz", {"GET", "HEAD", "OPTIONS"}),
    ],
)
def test_a_preflight_offers_the_methods_the_route_has(site, path, methods):
    answer = requests.options(
        site.url + path.lstrip("/"),
        headers={"Origin": "https://example.org", "Access-Control-Request-Method": "GET"},
    )
    offered = {m.strip() for m in answer.headers["Access-Control-Allow-Methods"].split(",")}
    allowed = {m.strip() for m in answer.headers["Allow"].split(",")}
    assert offered == allowed == methods
