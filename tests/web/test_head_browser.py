"""What a page's head tells browsers, search engines and assistive technology.

- Every page has one h1, skips no heading level and has one banner, main and footer.
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
# One h1, no heading level skipped, and one of each landmark a page has (WCAG 2.2 SC 1.3.1).
OUTLINE = """() => {
  const levels = [...document.querySelectorAll('h1, h2, h3, h4, h5, h6')].map(h => +h.tagName[1]);
  const out = levels[0] === 1 && levels.filter(l => l === 1).length === 1 ? [] : [`h ${levels}`];
  levels.forEach((l, i) => { if (i && l > levels[i - 1] + 1) out.push(`h${levels[i - 1]} to h${l}`); });
  for (const [name, css] of [['banner', 'body > header'], ['main', 'main'], ['contentinfo', 'body > footer']])
    if (document.querySelectorAll(css).length !== 1) out.push(`${name}: ${document.querySelectorAll(css).length}`);
  return out;
}"""


def test_every_page_names_its_other_languages_and_has_one_outline(browser, site):
    pytest.importorskip("playwright.sync_api", reason="pip package 'playwright' is not installed")
    context = browser.new_context()
    page = context.new_page()
    found = []
    for kind, path in KINDS.items():
        answer = page.goto(f"{site.url}{path}{'&' if '?' in path else '?'}lang=en")
        alternates = dict(page.evaluate(ALTERNATES))
        found += [f"{kind}: {problem}" for problem in page.evaluate(OUTLINE)]
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
