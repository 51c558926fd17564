"""The query page's editor (YASGUI's Yasqe, vendored) and result views, in Chromium.

Syntax highlighting and prefix completion in the editor, under the page's CSP with no console
error; result paging; the map view for a result with coordinates and the timeline view for a
result with dates, drawn by the home page's chart code and checked for overlaps by bounding
boxes. Screenshots at 390 and 1280 px go to artifacts/screenshots/.
"""

from __future__ import annotations

from urllib.parse import quote

import pytest

from tests.web.conftest import shot
from tests.web.test_charts_browser import COLLECT, _collisions

pytest.importorskip(
    "playwright.sync_api", reason="pip package 'playwright' is not installed (CI installs it)"
)

GEO = (
    "PREFIX geo: <http://www.w3.org/2003/01/geo/wgs84_pos#> PREFIX rdfs: "
    "<http://www.w3.org/2000/01/rdf-schema#> SELECT ?city ?name ?lat ?long WHERE { ?city "
    'geo:lat ?lat ; geo:long ?long ; rdfs:label ?name FILTER(LANGMATCHES(LANG(?name), "en")) }'
)
DATES = (
    "PREFIX sg: <https://w3id.org/sister-graph/ontology#> PREFIX rdfs: "
    "<http://www.w3.org/2000/01/rdf-schema#> SELECT ?city ?name ?date WHERE { [] sg:partner "
    '?city ; sg:signingDate ?date . ?city rdfs:label ?name FILTER(LANGMATCHES(LANG(?name), "en")) }'
)


def _open(browser, site, path: str, width: int = 1280):
    context = browser.new_context(viewport={"width": width, "height": 900})
    page = context.new_page()
    page.errors = []
    page.on("console", lambda m: m.type == "error" and page.errors.append(m.text))
    page.on("pageerror", lambda e: page.errors.append(str(e)))
    page.goto(site.url + path)
    return context, page


def test_editor_highlights_and_completes_prefixes_under_the_csp(browser, site):
    context, page = _open(browser, site, "sparql?lang=en")
    page.wait_for_selector(".CodeMirror")
    keywords = page.locator(".CodeMirror .cm-keyword").count()
    page.locator(".CodeMirror").click()
    page.keyboard.press("Control+End")
    page.keyboard.press("Enter")
    page.keyboard.type("PREFIX foa")
    page.wait_for_selector(".CodeMirror-hints li", timeout=5000)
    hints = page.locator(".CodeMirror-hints li").all_inner_texts()
    shot(page, "query-editor-completion-1280")
    errors = list(page.errors)
    context.close()
    assert keywords >= 2
    assert any("foaf:" in h for h in hints), hints
    assert errors == []


def test_result_table_pages_through_rows(browser, site):
    query = "SELECT ?s ?p ?o WHERE { ?s ?p ?o } LIMIT 60"
    context, page = _open(browser, site, "sparql?lang=en&query=" + quote(query))
    visible = page.locator("table.result-table tbody tr:visible")
    first = visible.count()
    status = page.locator("#pager .status").inner_text()
    page.locator("#pager .next").click()
    second = visible.first.inner_text()
    page.locator("#pager .next").click()
    third = visible.count()
    context.close()
    assert (first, status, third) == (25, "1 / 3", 10)
    assert second


@pytest.mark.parametrize("width", [390, 1280])
def test_results_with_coordinates_or_dates_get_a_map_or_a_timeline(browser, site, width):
    found = {}
    for kind, query in (("map", GEO), ("timeline", DATES)):
        context, page = _open(browser, site, "sparql?lang=en&query=" + quote(query), width)
        charts = [c for c in page.evaluate(COLLECT) if f"result-{kind}" in c["kind"]]
        shot(page, f"query-{kind}-view-{width}")
        width_now = page.evaluate("document.documentElement.scrollWidth")
        errors = list(page.errors)
        context.close()
        assert len(charts) == 1, kind
        assert len({t["iri"] for t in charts[0]["labels"] if t["iri"]}) >= 15, kind
        assert _collisions(charts[0]) == [], kind
        assert width_now <= width and errors == [], kind
        found[kind] = True
    assert found == {"map": True, "timeline": True}
