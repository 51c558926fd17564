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


JSON_ERRORS = {"Accept": "application/sparql-results+json, application/json"}


@pytest.mark.parametrize("method", ["GET", "HEAD", "POST"])
@pytest.mark.parametrize(
    ("query_string", "parameter"),
    [
        ("query=ASK%20%7B%7D%FF", "query"),  # a stray byte in the value
        ("query=ASK%20%7B%7D&default-graph-uri=urn:%C3", "default-graph-uri"),  # cut in two
        ("query=ASK%20%7B%7D&%FFname=1", "\\xffname"),  # in a name
    ],
)
def test_a_url_not_in_utf8_is_a_400_naming_the_parameter(site, method, query_string, parameter):
    """Both the WSGI front (GET, POST) and the Flask view (HEAD) read the URL the same way."""
    data = {"query": "ASK {}"} if method == "POST" else None
    if method == "POST":  # the query in the form, the URL's other parameters
        query_string = query_string.replace("query=ASK%20%7B%7D", "x=1")
        parameter = "x" if parameter == "query" else parameter
    url = site.sparql + "?" + query_string
    answer = requests.request(method, url, data=data, headers=JSON_ERRORS)
    assert answer.status_code == 400, answer.text
    if method != "HEAD":
        message = answer.json()["error"]["message"]
        assert "not valid UTF-8" in message and repr(parameter) in message, message


@pytest.mark.parametrize("conditional", [{}, {"If-None-Match": '"x"'}])  # front, then view
def test_a_form_body_not_in_utf8_is_a_400_naming_the_parameter(site, conditional):
    body = b"query=ASK%20%7B%20%3Fs%20%3Fp%20%22%E9%22%20%7D"  # latin-1 e-acute
    headers = {"Content-Type": "application/x-www-form-urlencoded", **JSON_ERRORS, **conditional}
    answer = requests.post(site.sparql, data=body, headers=headers)
    assert answer.status_code == 400, answer.text
    message = answer.json()["error"]["message"]
    assert message.startswith("the form body is not valid UTF-8 (parameter 'query')"), message


@pytest.mark.parametrize("method", ["GET", "POST"])
def test_two_different_formats_are_a_400_and_the_same_one_twice_is_fine(site, method):
    def ask(formats):
        params = [("query", "ASK {}"), *(("format", f) for f in formats)]
        if method == "GET":
            return requests.get(site.sparql, params=params, headers=JSON_ERRORS)
        return requests.post(site.sparql, data=params, headers=JSON_ERRORS)

    answer = ask(["json", "xml"])
    assert answer.status_code == 400
    assert (
        answer.json()["error"]["message"] == "more than one format was given (json, xml); send one"
    )
    assert ask(["json", "json"]).status_code == 200


@pytest.mark.parametrize(
    "path", ["/doc/city/graz.ttl", "/catalog.ttl", "/ontology.ttl", "/id/city/graz.ttl"]
)
def test_an_extension_and_a_format_naming_another_format_are_a_400(site, path):
    url = site.url + path.lstrip("/")
    answer = requests.get(url, params={"format": "jsonld"}, headers=JSON_ERRORS)
    assert answer.status_code == 400, (path, answer.status_code)
    message = answer.json()["error"]["message"]
    assert message == "the extension .ttl and format=jsonld name different formats; use one of them"
    for same in ("ttl", "turtle", "text/turtle"):  # the extension's own format, named again
        agreed = requests.get(url, params={"format": same}, allow_redirects=False)
        assert agreed.status_code in (200, 303), (path, same, agreed.status_code)


@pytest.mark.parametrize("path", ["/doc/city/graz", "/catalog", "/ontology", "/id/city/graz"])
def test_two_formats_on_a_negotiated_document_are_a_400(site, path):
    url = site.url + path.lstrip("/")
    params = [("format", "ttl"), ("format", "jsonld")]
    answer = requests.get(url, params=params, headers=JSON_ERRORS, allow_redirects=False)
    assert answer.status_code == 400, (path, answer.status_code)
    assert "more than one format was given (ttl, jsonld)" in answer.json()["error"]["message"]
    same = [("format", "ttl"), ("format", "text/turtle")]
    assert requests.get(url, params=same, allow_redirects=False).status_code in (200, 303)
