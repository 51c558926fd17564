"""An extension no format has is one 404, worded alike on every route that takes extensions.

/id/{thing}.x, /doc/{thing}.x, /catalog.x and /ontology.x each answer 404 with the message
'no format with extension .x; use ttl, jsonld, nt, rdf or html', naming the whole extension
as written (`.ttl.ttl`, `.TTL`, an empty one), in JSON, plain text and the HTML error page.
"""

from __future__ import annotations

import html

import pytest
import requests

STEMS = ["id/city/graz", "doc/city/graz", "catalog", "ontology"]
EXTENSIONS = ["xyz", "TTL", "ttl.ttl", "html.x", "", "nt.", "json"]


def expected(ext: str) -> str:
    return f"no format with extension .{ext}; use ttl, jsonld, nt, rdf or html"


@pytest.mark.parametrize("ext", EXTENSIONS)
@pytest.mark.parametrize("stem", STEMS)
def test_every_route_words_an_unknown_extension_alike(site, stem, ext):
    url = f"{site.url}{stem}.{ext}"
    as_json = requests.get(url, headers={"Accept": "application/json"}, allow_redirects=False)
    assert as_json.status_code == 404, url
    assert as_json.json()["error"]["message"] == expected(ext), url
    as_text = requests.get(url, headers={"Accept": "text/plain"}, allow_redirects=False)
    assert as_text.status_code == 404
    assert as_text.text.splitlines()[0] == f"404 not-found: {expected(ext)}"
    page = requests.get(url, headers={"Accept": "text/html"}, allow_redirects=False)
    assert page.status_code == 404
    assert html.escape(expected(ext), quote=False) in page.text


@pytest.mark.parametrize("stem", ["id/city/nope", "doc/city/nope"])
def test_an_unknown_thing_is_not_found_whatever_its_extension(site, stem):
    answer = requests.get(f"{site.url}{stem}.xyz", headers={"Accept": "application/json"})
    assert answer.status_code == 404
    assert answer.json()["error"]["message"].startswith("the graph names nothing at")
