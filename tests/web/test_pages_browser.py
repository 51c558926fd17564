"""Every page kind in Chromium at a phone (390×844) and a desktop (1280×900) width.

For each kind: no sideways scrolling (document width ≤ viewport), no browser console error,
no request to another host, and axe-core (axe-playwright-python, run on Debian's chromium)
finds no serious or critical violation. Screenshots of each go to artifacts/screenshots/.
The query page is also used from the keyboard alone.
"""

from __future__ import annotations

from urllib.parse import quote, urlsplit

import pytest

from tests.web.conftest import shot

pytest.importorskip(
    "playwright.sync_api", reason="pip package 'playwright' is not installed (CI installs it)"
)
axe_sync = pytest.importorskip(
    "axe_playwright_python.sync_playwright",
    reason="pip package 'axe-playwright-python' is not installed (the test extra installs it)",
)

QUERY = "SELECT ?s ?p ?o WHERE { ?s ?p ?o } LIMIT 30"
PAGE_KINDS = {
    "landing": "",
    "publisher": "publisher/banja-luka",
    "city": "doc/city/graz.html",
    "agreement": "doc/agreement/banja-luka-graz-2006.html",
    "signing": "doc/signing/banja-luka-2007-04-21.html",
    "network": "doc/organization/nalas.html",
    "membership": "doc/membership/banja-luka-nalas.html",
    "concept": "doc/concept/field/cultural.html",
    "catalog": "catalog",
    "ontology": "ontology",
    "query": "sparql",
    "query-results": "sparql?query=" + quote(QUERY),
    "unknown-path": "no/such/page",
    "unknown-thing": "id/city/grz",
}
WIDTHS = {"phone": (390, 844), "desktop": (1280, 900)}
SEVERE = {"serious", "critical"}


def _visit(browser, site, path: str, size: tuple[int, int], lang: str = "sr-Latn"):
    context = browser.new_context(viewport={"width": size[0], "height": size[1]})
    page = context.new_page()
    page.problems = []
    page.requests = []
    page.on("request", lambda request: page.requests.append(request.url))
    page.on("pageerror", lambda error: page.problems.append(f"page error: {error}"))

    def console(message):
        own = message.location.get("url", "").split("?")[0] == page.url.split("?")[0]
        status_line = "Failed to load resource: the server responded with a status of 404"
        if message.type == "error" and not (own and message.text.startswith(status_line)):
            page.problems.append(f"console: {message.text} ({message.location.get('url')})")

    page.on("console", console)
    sep = "&" if "?" in path else "?"
    answer = page.goto(f"{site.url}{path}{sep}lang={lang}")
    page.wait_for_load_state("load")
    return context, page, answer


@pytest.mark.parametrize("kind", list(PAGE_KINDS))
def test_page_kind_fits_a_phone_logs_no_error_and_passes_axe(browser, site, kind):
    for width_name, size in WIDTHS.items():
        context, page, answer = _visit(browser, site, PAGE_KINDS[kind], size)
        expected = 404 if kind.startswith("unknown") else 200
        assert answer.status == expected, kind
        widths = page.evaluate(
            "[document.documentElement.scrollWidth, document.documentElement.clientWidth]"
        )
        assert widths[0] <= widths[1], f"{kind} at {width_name}: {widths[0]} px > {widths[1]} px"
        shot(page, f"page-{kind}-{size[0]}")
        results = axe_sync.Axe().run(page)
        severe = [
            f"{v['id']} ({v['impact']}): {v['nodes'][0]['target']}"
            for v in results.response["violations"]
            if v["impact"] in SEVERE
        ]
        allowed = urlsplit(site.url).netloc
        foreign = [u for u in page.requests if urlsplit(u).netloc not in ("", allowed)]
        problems = list(page.problems)
        context.close()
        assert severe == [], f"{kind} at {width_name}"
        assert problems == [], f"{kind} at {width_name}"
        assert foreign == [], f"{kind} at {width_name}"


@pytest.mark.parametrize("lang", ["sr-Cyrl", "en"])
def test_error_and_home_pages_are_clean_in_other_languages(browser, site, lang):
    for path in ("", "no/such/page", "id/city/grz"):
        context, page, _ = _visit(browser, site, path, WIDTHS["phone"], lang)
        assert page.locator("html").get_attribute("lang") == lang
        width = page.evaluate("document.documentElement.scrollWidth")
        problems = list(page.problems)
        context.close()
        assert width <= 390 and problems == [], path


def test_query_page_works_from_the_keyboard(browser, site):
    context, page, _ = _visit(browser, site, "sparql", WIDTHS["desktop"])
    for _ in range(30):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.id") == "query-editor":
            break
    assert page.evaluate("document.activeElement.id") == "query-editor", "Tab never reaches it"
    page.keyboard.press("Control+A")
    page.keyboard.type(
        "SELECT ?city WHERE { [] <https://w3id.org/sister-graph/ontology#partner> ?city } LIMIT 3"
    )
    page.keyboard.press("Control+Enter")
    page.wait_for_selector("table.result-table")
    rows = page.locator("table.result-table tbody tr").count()
    shot(page, "query-keyboard-1280")
    context.close()
    assert rows == 3
