"""Validators and freshness alike on every route (README: Content negotiation and caching).

Every 200 GET and HEAD carries an ETag and `Cache-Control: public, max-age=N` (/health:
no-store), the static files included; an answer with a Last-Modified gives 304 to an
If-Modified-Since of that date, and a 304 repeats the 200's ETag, Cache-Control and Vary.
"""

from __future__ import annotations

import re

import pytest
import requests

PATHS = [
    "",
    "publisher/banja-luka",
    "doc/city/graz",
    "doc/city/graz.html",
    "ontology",
    "ontology.ttl",
    "catalog",
    "catalog.jsonld",
    ".well-known/void",
    "download/sister-graph.ttl",
    "static/site.css",
    "static/sparql.js",
    "openapi.json",
    "sparql",
    "sparql?query=ASK%7B%7D",
]


@pytest.mark.parametrize("accept", [None, "text/html", "application/json"])
@pytest.mark.parametrize("path", PATHS)
def test_every_200_has_an_etag_and_public_freshness(site, path, accept):
    headers = {"Accept": accept} if accept else {}
    for method in ("GET", "HEAD"):
        answer = requests.request(method, site.url + path, headers=headers)
        assert answer.status_code == 200, (method, path)
        assert answer.headers.get("ETag"), (method, path)
        control = answer.headers.get("Cache-Control", "")
        assert re.fullmatch(r"public, max-age=\d+", control), (method, path, control)
        if "Last-Modified" in answer.headers:
            again = requests.request(
                method,
                site.url + path,
                headers={**headers, "If-Modified-Since": answer.headers["Last-Modified"]},
            )
            assert again.status_code == 304, (method, path)
        tagged = requests.request(
            method, site.url + path, headers={**headers, "If-None-Match": answer.headers["ETag"]}
        )
        assert tagged.status_code == 304
        for name in ("ETag", "Cache-Control", "Vary"):
            assert tagged.headers.get(name) == answer.headers.get(name), (path, name)


def test_health_is_never_stored(site):
    assert requests.get(site.url + "health").headers["Cache-Control"] == "no-store"
