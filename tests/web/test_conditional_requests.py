"""Conditional requests as RFC 9110 §13 says, on every route that sends an ETag, from outside.

A representation's entity tag names its bytes: equal requests give equal tags and equal
bodies (no fresh blank-node labels), and HEAD gives the GET's tag. If-Match uses the strong
comparison and `*` matches any current representation (§13.1.1); If-None-Match the weak one
(§13.1.2); If-Match is evaluated first, so a request carrying both gets 304 when both hold
(§13.2.2). A tag made from the request rather than the bytes is weak when the bytes may vary
(answers that mint blank nodes). Spec: https://www.rfc-editor.org/rfc/rfc9110#section-13
"""

from __future__ import annotations

from urllib.parse import quote

import pytest
import requests

MINTS = "CONSTRUCT { ?c <urn:x:p> [ <urn:x:q> ?c ] } WHERE { ?c a <https://schema.org/City> }"
SD_TYPES = ["text/turtle", "application/ld+json", "application/n-triples", "application/rdf+xml"]
ROUTES = [
    ("/", None),
    ("/publisher/banja-luka", None),
    ("/catalog", "application/ld+json"),
    ("/catalog.rdf", None),
    ("/.well-known/void", None),
    ("/doc/city/graz", "application/n-triples"),
    ("/doc/city/graz.html", None),
    ("/ontology", "application/rdf+xml"),
    ("/openapi.json", None),
    ("/download/sister-graph.nq", None),
    ("/download/SHA256SUMS", None),
    ("/sparql", "application/ld+json"),
    ("/sparql", "application/rdf+xml"),
    ("/sparql?query=ASK%20%7B%7D", None),
    ("/sparql?query=ASK%20%7B%7D&format=xml", None),
    ("/sparql?query=SELECT%20*%20%7B%7D", "text/csv"),
    ("/static/site.css", None),
]


def _get(site, route: str, accept: str | None, method: str = "GET", **headers):
    if accept:
        headers["Accept"] = accept
    headers = {name.replace("_", "-"): value for name, value in headers.items()}
    return requests.request(method, site.url + route.lstrip("/"), headers=headers, timeout=30)


@pytest.mark.parametrize("accept", SD_TYPES)
def test_the_service_description_is_the_same_bytes_every_time(site, accept):
    first, second = (_get(site, "/sparql", accept) for _ in range(2))
    assert first.status_code == second.status_code == 200
    assert first.content == second.content
    assert first.headers["ETag"] == second.headers["ETag"]
    head = _get(site, "/sparql", accept, method="HEAD")
    assert head.headers["ETag"] == first.headers["ETag"]
    again = _get(site, "/sparql", accept, If_None_Match=first.headers["ETag"])
    assert again.status_code == 304


@pytest.mark.parametrize(("route", "accept"), ROUTES)
def test_if_match_is_strong_and_star_matches_on_every_route(site, route, accept):
    first = _get(site, route, accept)
    assert first.status_code == 200, route
    etag = first.headers["ETag"]
    for method in ("GET", "HEAD"):
        for header, status in (
            ('"nope"', 412),
            (f'"nope", {etag}', 200 if not etag.startswith("W/") else 412),
            ("*", 200),
            (f"W/{etag.removeprefix('W/')}", 412),
        ):
            answer = _get(site, route, accept, method, If_Match=header)
            assert answer.status_code == status, (route, method, header)


@pytest.mark.parametrize(("route", "accept"), ROUTES)
def test_if_match_is_evaluated_before_if_none_match(site, route, accept):
    etag = _get(site, route, accept).headers["ETag"]
    both = _get(site, route, accept, If_Match="*", If_None_Match=etag)
    assert both.status_code == 304, route
    assert both.headers["ETag"] == etag and not both.content
    refused = _get(site, route, accept, If_Match='"nope"', If_None_Match=etag)
    assert refused.status_code == 412, route


@pytest.mark.parametrize(
    "route", ["/sparql?query=ASK%20%7B%7D", "/catalog", "/download/SHA256SUMS"]
)
def test_a_failed_precondition_is_an_error_naming_the_header(site, route):
    answer = _get(site, route, "application/json", If_Match='"nope"')
    assert answer.status_code == 412
    error = answer.json()["error"]
    assert error["code"] == "precondition-failed" and "If-Match" in error["message"]


def test_an_answer_that_mints_blank_nodes_has_a_weak_tag(site):
    route = "/sparql?query=" + quote(MINTS)
    first = _get(site, route, "application/n-triples")
    assert first.status_code == 200 and b"_:" in first.content
    etag = first.headers["ETag"]
    assert etag.startswith('W/"'), "fresh blank-node labels: the bytes are not the tag's"
    assert _get(site, route, "application/n-triples", If_None_Match=etag).status_code == 304
    plain = _get(site, "/sparql?query=" + quote("ASK {}"), None).headers["ETag"]
    assert plain.startswith('"'), "answers without blank nodes keep a strong tag"
