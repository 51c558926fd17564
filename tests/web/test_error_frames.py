"""The frame of every error page is in the page's language; the engine's message is quoted.

On the styled error page and on the query page alike, in sr-Latn, sr-Cyrl and en, the
headline and the sentence around an error are the page language's own text for that status
(never another status's: a 429 is not 'Bad request'), and the message the engine or the
server wrote in English is an element marked lang="en" on the Serbian pages (WCAG 2.2 SC
3.1.2). Every status the app can answer with has its own frame.
"""

from __future__ import annotations

import re

import pytest
import requests
from markupsafe import escape

from sister_graph import errors
from sister_graph.views import error_text
from sister_graph.views.i18n import LANGS, cyrillic
from sister_graph.web.openapi_document import build_openapi


def _statuses_the_app_sends() -> set[int]:
    statuses = {
        cls.status
        for cls in vars(errors).values()
        if isinstance(cls, type) and issubclass(cls, errors.SisterGraphError)
    }
    for item in build_openapi()["paths"].values():
        for operation in item.values():
            statuses |= {int(s) for s in operation["responses"] if int(s) >= 400}
    return statuses | {405}  # HttpError's 405 has its status per instance


def test_every_status_the_app_sends_has_its_own_frame_in_each_language():
    missing = sorted(s for s in _statuses_the_app_sends() if s not in error_text.ERRORS)
    assert missing == []
    for status, texts in error_text.ERRORS.items():
        for latin, cyr in ((t[0], t[1]) for t in texts):
            assert cyrillic(latin) == cyr, status


QUERIES = {
    400: "SELECT * { ?x ?p }",
    403: "INSERT DATA { <urn:a> <urn:b> <urn:c> }",
}


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("status", sorted(QUERIES))
def test_the_query_page_frames_an_error_in_its_language(site, lang, status):
    page = requests.get(
        site.sparql,
        params={"query": QUERIES[status], "lang": lang},
        headers={"Accept": "text/html"},
    )
    assert page.status_code == status
    section = re.search(r'<section class="panel error".*?</section>', page.text, re.S).group()
    assert str(escape(error_text.error_headline(status, lang))) in section
    assert str(escape(error_text.error_text(status, lang))) in section
    message = re.search(r"<pre([^>]*)>", section).group(1)
    assert ('lang="en"' in message) == (lang != "en")


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize(
    ("method", "path", "headers", "status"),
    [
        ("GET", "doc/city/graz.xyz", {}, 404),
        ("DELETE", "sparql", {}, 405),
        ("GET", "doc/city/graz?format=ttl&format=rdf", {}, 400),
        ("GET", "download/sister-graph.nt", {"Range": "bytes=99999999-"}, 416),
        ("GET", "catalog", {"If-Match": '"nope"'}, 412),
        ("POST", "sparql", {"Content-Type": "text/csv"}, 415),
        ("GET", "sparql?query=INSERT%20DATA%20%7B%7D", {}, 403),
    ],
)
def test_every_error_page_frames_its_status_in_the_page_language(
    site, lang, method, path, headers, status
):
    url = f"{site.url}{path}{'&' if '?' in path else '?'}lang={lang}"
    page = requests.request(method, url, headers={"Accept": "text/html", **headers}, data=b"x")
    assert page.status_code == status
    assert f'<html lang="{lang}">' in page.text
    assert str(escape(error_text.error_headline(status, lang))) in page.text
    assert str(escape(error_text.error_text(status, lang))) in page.text
