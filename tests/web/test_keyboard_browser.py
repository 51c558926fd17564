"""The pages from the keyboard alone, in Chromium.

- The first Tab on every page reaches a visible link that skips the menus to the content
  (WCAG 2.2 SC 2.4.1 "Bypass Blocks", https://www.w3.org/WAI/WCAG22/Understanding/bypass-blocks).
- A chart's links (a city each: 31 Tab stops on a publisher page before its agreements table)
  are preceded by a link that skips past them, which works.
- Tab leaves the query editor, and Shift+Tab goes back out of it (SC 2.1.2 "No Keyboard Trap",
  https://www.w3.org/WAI/WCAG22/Understanding/no-keyboard-trap).
"""

from __future__ import annotations

from urllib.parse import quote

import pytest

from tests.web.conftest import shot
from tests.web.test_pages_any_screen import KINDS, LANGS
from tests.web.test_query_editor_browser import GEO

pytest.importorskip(
    "playwright.sync_api", reason="pip package 'playwright' is not installed (CI installs it)"
)

FOCUSED = """() => { const e = document.activeElement, r = e.getBoundingClientRect();
  return {tag: e.tagName.toLowerCase(), href: e.getAttribute('href') || '', text: e.textContent.trim(),
          shown: r.width >= 1 && r.height >= 1 && r.right > 0 && r.bottom > 0 && r.left < innerWidth,
          inMain: !!e.closest('main'), chart: e.closest('svg.chart') ? e.closest('svg.chart').getAttribute('class') : null}; }"""


def _open(browser, site, path: str, lang: str = "en", width: int = 1280):
    context = browser.new_context(viewport={"width": width, "height": 900})
    page = context.new_page()
    page.goto(f"{site.url}{path}{'&' if '?' in path else '?'}lang={lang}")
    return context, page


@pytest.mark.parametrize("lang", LANGS)
def test_the_first_tab_reaches_a_visible_link_that_skips_to_the_content(browser, site, lang):
    found = []
    for kind, path in KINDS.items():
        context, page = _open(browser, site, path, lang, 375)
        page.keyboard.press("Tab")
        first = page.evaluate(FOCUSED)
        after = {"inMain": False}
        if first["href"] == "#main":
            page.keyboard.press("Enter")
            page.keyboard.press("Tab")
            after = page.evaluate(FOCUSED)
        if not (first["shown"] and first["href"] == "#main" and after["inMain"]):
            shot(page, f"keyboard-skip-{kind}-{lang}")
            found.append(f"{kind}: first Tab {first}, then Enter and Tab: {after}")
        context.close()
    assert found == []


@pytest.mark.parametrize(
    "path", ["", "publisher/banja-luka", "publisher/novi-sad", "sparql?query=" + quote(GEO)]
)
def test_every_chart_is_skipped_with_one_link_that_works(browser, site, path):
    context, page = _open(browser, site, path)
    stops = []
    for _ in range(300):
        page.keyboard.press("Tab")
        stop = page.evaluate(FOCUSED)
        if stop["tag"] == "body" or (stops and stop == stops[0]):
            break
        stops.append(stop)
    charts = [i for i, s in enumerate(stops) if s["chart"]]
    runs = [i for i in charts if i == 0 or not stops[i - 1]["chart"]]
    unskippable = [
        f"{stops[i]['chart']} after {stops[i - 1]}"
        for i in runs
        if not stops[i - 1]["href"].startswith("#")
        or "skip"
        not in page.evaluate(
            "h => [...document.querySelectorAll(`a[href='${h}']`)].map(a => a.className).join()",
            stops[i - 1]["href"],
        )
    ]
    assert charts and unskippable == []
    # the skip link before the first chart, activated, puts the next Tab past every chart link
    before = stops[runs[0] - 1]
    page.goto(page.url)
    for _ in range(runs[0]):
        page.keyboard.press("Tab")
    assert page.evaluate(FOCUSED)["href"] == before["href"]
    page.keyboard.press("Enter")
    page.keyboard.press("Tab")
    landed = page.evaluate(FOCUSED)
    context.close()
    assert landed["chart"] is None and landed["tag"] != "body", landed


def test_tab_and_shift_tab_leave_the_query_editor(browser, site):
    context, page = _open(browser, site, "sparql")
    page.locator(".CodeMirror").click()
    page.keyboard.type(" ")
    page.keyboard.press("Tab")
    after = page.evaluate(FOCUSED)
    page.locator(".CodeMirror").click()
    page.keyboard.press("Shift+Tab")
    before = page.evaluate("document.activeElement.id")
    context.close()
    assert after["tag"] == "button", after
    assert before != "query-editor"
