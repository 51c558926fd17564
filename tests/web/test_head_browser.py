"""What a page's head tells browsers, search engines and assistive technology.

- Every page that worked names its versions in the other languages (link rel=alternate
  hreflang, and x-default for the one chosen by Accept-Language; https://developers.google.com/search/docs/specialty/international/localized-versions),
  and each answers 200 in the language it claims; an error page names none (Chromium).
- Every thing's page has a title of its own in each language, in words: no two things share
  one, and none is a compact IRI such as "id:citation/banja-luka/city/graz" (WCAG 2.2 SC
  2.4.2, https://www.w3.org/WAI/WCAG22/Understanding/page-titled). Read over HTTP: the 700
  pages are written by the server, not the browser.
"""

from __future__ import annotations

import html
import re
from collections import defaultdict

import pytest
import requests

from tests.support import BASE
from tests.web.test_pages_any_screen import KINDS, LANGS

BROWSER = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"

ALTERNATES = """() => [...document.querySelectorAll('link[rel=alternate][hreflang]')]
  .map(l => [l.hreflang, l.href])"""


def test_every_page_names_its_other_languages_and_each_exists(browser, site):
    pytest.importorskip("playwright.sync_api", reason="pip package 'playwright' is not installed")
    context = browser.new_context()
    page = context.new_page()
    found = []
    for kind, path in KINDS.items():
        answer = page.goto(f"{site.url}{path}{'&' if '?' in path else '?'}lang=en")
        alternates = dict(page.evaluate(ALTERNATES))
        if answer.status != 200:
            found += [f"{kind} ({answer.status}) names {alternates}"] if alternates else []
            continue
        if sorted(alternates) != sorted([*LANGS, "x-default"]):
            found.append(f"{kind}: hreflang {sorted(alternates)}")
            continue
        for code, url in alternates.items():
            other = page.request.get(url, headers={"Accept": BROWSER})
            said = re.search(r'<html lang="([^"]+)"', other.text())
            if other.status != 200 or (code != "x-default" and said.group(1) != code):
                found.append(f"{kind}: {code} -> {url} answers {other.status} {said.group(1)}")
    context.close()
    assert found == [], "\n".join(found)


def _things(site) -> list[str]:
    query = f'SELECT DISTINCT ?s {{ ?s ?p ?o FILTER(STRSTARTS(STR(?s), "{BASE}id/")) }}'
    answer = requests.get(site.sparql, params={"query": query}, headers={"Accept": "text/csv"})
    return sorted({line.strip().split("#")[0] for line in answer.text.splitlines()[1:]})


@pytest.mark.parametrize("lang", LANGS)
def test_every_thing_has_a_title_of_its_own_in_words(site, lang):
    titles = defaultdict(list)
    with requests.Session() as http:
        for iri in _things(site):
            page = http.get(
                site.url + iri[len(BASE) :], params={"lang": lang}, headers={"Accept": BROWSER}
            )
            title = html.unescape(re.search(r"<title>(.*?)</title>", page.text, re.S).group(1))
            titles[title].append(iri[len(BASE) :])
    shared = {t: things for t, things in titles.items() if len(things) > 1}
    compact = sorted(t for t in titles if re.match(r"^\w+:\S+ ·", t))
    assert len(titles) > 200
    assert shared == {}
    assert compact == [], f"{len(compact)} titles: {compact[:3]}"
