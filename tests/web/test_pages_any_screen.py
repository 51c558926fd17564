"""Every page kind in every language at the widths people use: 320, 375, 768 and 1280 px.

test_pages_browser.py checks each kind in sr-Latn at 390 and 1280 px; the faults of a kind
rarely stay in one language or one width (a Cyrillic menu wraps where the Latin one does
not, an editor scrolls sideways only below 330 px). Here, in Debian's Chromium:

- tap targets are at least 24 × 24 CSS px or spaced so (WCAG 2.2 SC 2.5.8, "Target Size
  (Minimum)", https://www.w3.org/TR/WCAG22/#target-size-minimum), links inside a sentence
  excepted, as the criterion allows, and the cities on a map (their places are the
  information; each is also a full-size link in the table beside it: the "Equivalent" and
  "Essential" exceptions);
- axe-core finds no serious or critical violation at the narrowest width and on the
  query page's error answer (a 400), in every language.
"""

from __future__ import annotations

from urllib.parse import quote

import pytest

from tests.web.conftest import shot
from tests.web.test_query_editor_browser import DATES, GEO

pytest.importorskip(
    "playwright.sync_api", reason="pip package 'playwright' is not installed (CI installs it)"
)

LANGS = ["sr-Latn", "sr-Cyrl", "en"]
QUERY = "SELECT ?s ?p ?o WHERE { ?s ?p ?o } LIMIT 30"
# the query page's map and timeline views of an answer (the query editor test's queries)
RESULT_CHARTS = ["sparql?query=" + quote(GEO), "sparql?query=" + quote(DATES)]
KINDS = {
    "landing": "",
    "publisher": "publisher/banja-luka",
    "publisher-de": "publisher/graz",
    "city": "doc/city/graz.html",
    "agreement": "doc/agreement/banja-luka-graz-2006.html",
    "signing": "doc/signing/banja-luka-2007-04-21.html",
    "network": "doc/organization/nalas.html",
    "concept": "doc/concept/field/cultural.html",
    "scheme": "doc/concept/agreement-type.html",
    "citation": "doc/citation/banja-luka/city/graz.html",
    "catalog": "catalog",
    "ontology": "ontology",
    "query": "sparql",
    "query-results": "sparql?query=" + quote(QUERY),
    "query-error": "sparql?query=SELEC",
    "unknown-path": "no/such/page",
    "unknown-thing": "id/city/grz",
}

# Targets smaller than 24 × 24 px whose 24 px circle (centred on the target) meets another
# target, or whose centre is closer than 24 px to another small target's (SC 2.5.8 spacing).
SMALL_TARGETS = """() => {
  const seen = e => { const s = getComputedStyle(e), r = e.getBoundingClientRect();
                      return s.visibility !== 'hidden' && r.width > 0 && r.height > 0; };
  const targets = [...document.querySelectorAll(
      'a[href], button, select, summary, input:not([type=hidden]), [role=button]')]
    .filter(seen).filter(t => !t.closest('svg'));
  const inSentence = t => {
    let p = t.parentElement;
    while (p && getComputedStyle(p).display.startsWith('inline')) p = p.parentElement;
    const own = t.textContent.trim().length, all = p ? p.textContent.trim().length : 0;
    return getComputedStyle(t).display === 'inline' && p && p.tagName === 'P' && all > own + 3;
  };
  const rects = targets.map(t => t.getBoundingClientRect());
  const small = r => r.width < 24 || r.height < 24;
  const out = [];
  targets.forEach((t, i) => {
    const r = rects[i];
    if (!small(r) || inSentence(t)) return;
    const cx = r.left + r.width / 2, cy = r.top + r.height / 2;
    const clash = rects.some((o, j) => {
      if (j === i) return false;
      const nx = Math.max(o.left, Math.min(cx, o.right)), ny = Math.max(o.top, Math.min(cy, o.bottom));
      if (Math.hypot(nx - cx, ny - cy) < 12) return true;
      return small(o) && Math.hypot(o.left + o.width / 2 - cx, o.top + o.height / 2 - cy) < 24;
    });
    if (clash) out.push(`${t.tagName.toLowerCase()} "${t.textContent.trim().slice(0, 30)}" `
                        + `${Math.round(r.width)}x${Math.round(r.height)} px`);
  });
  return out;
}"""


def open_page(browser, site, path: str, width: int, lang: str):
    """Open `path` in `lang` at `width` × 800 px; return (context, page, HTTP status)."""
    context = browser.new_context(viewport={"width": width, "height": 800})
    page = context.new_page()
    sep = "&" if "?" in path else "?"
    answer = page.goto(f"{site.url}{path}{sep}lang={lang}")
    page.wait_for_load_state("load")
    return context, page, answer.status


@pytest.mark.parametrize("lang", LANGS)
def test_tap_targets_are_24_px_or_spaced_at_every_width(browser, site, lang):
    found = []
    for width in (320, 375, 768, 1280):
        kinds = KINDS if width in (320, 375) else {"landing": "", "query": "sparql"}
        for kind, path in kinds.items():
            context, page, _ = open_page(browser, site, path, width, lang)
            small = page.evaluate(SMALL_TARGETS)
            if small:
                shot(page, f"targets-{kind}-{lang}-{width}")
                found.append(f"{kind} at {width} px: {small[:4]}")
            context.close()
    assert found == []


@pytest.mark.parametrize("lang", LANGS)
def test_axe_finds_nothing_serious_at_320_px_and_on_the_query_error(browser, site, lang):
    axe_sync = pytest.importorskip(
        "axe_playwright_python.sync_playwright",
        reason="pip package 'axe-playwright-python' is not installed (the test extra installs it)",
    )
    found = []
    visits = [(kind, path, 320) for kind, path in KINDS.items()]
    visits += [("query-error", KINDS["query-error"], w) for w in (375, 768, 1280)]
    for kind, path, width in visits:
        context, page, _ = open_page(browser, site, path, width, lang)
        violations = axe_sync.Axe().run(page).response["violations"]
        found += [
            f"{kind} at {width} px: {v['id']} ({v['impact']}) {v['nodes'][0]['target']}"
            for v in violations
            if v["impact"] in ("serious", "critical")
        ]
        context.close()
    assert found == []


def test_the_query_editor_shows_where_the_keyboard_is(browser, site):
    """WCAG 2.4.7: Tab into the editor and its box shows a focus ring, not only a caret."""
    context, page, _ = open_page(browser, site, "sparql", 1280, "en")
    for _ in range(30):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.id") == "query-editor":
            break
    ring = page.evaluate(
        """() => { const box = document.activeElement.closest('.CodeMirror');
                   const s = getComputedStyle(box);
                   return [s.outlineStyle, parseFloat(s.outlineWidth), s.boxShadow]; }"""
    )
    shot(page, "query-editor-focus-1280")
    context.close()
    assert (ring[0] != "none" and ring[1] >= 2) or ring[2] != "none", ring


@pytest.mark.parametrize("lang", LANGS)
def test_every_chart_label_is_11_css_px_and_clear_at_every_width(browser, site, lang):
    """Names, dates and years of the maps and timelines, from 320 to 1280 px (WCAG 1.4.4 asks
    for text that stays readable; issue 14 set 11 CSS px): no label under 11 px, none
    overlapping another label, a stem or another city's dot."""
    from tests.web.test_charts_browser import COLLECT, _collisions

    found = []
    for width in (320, 375, 768, 1024, 1280):
        context = browser.new_context(viewport={"width": width, "height": 800})
        page = context.new_page()
        for path in ("", "publisher/banja-luka", "publisher/novi-sad", *RESULT_CHARTS):
            page.goto(f"{site.url}{path}{'&' if '?' in path else '?'}lang={lang}")
            for chart in page.evaluate(COLLECT):
                where = f"{path or 'landing'} {chart['kind']} at {width} px"
                small = sorted((round(t["px"], 1), t["text"]) for t in chart["labels"])
                found += [f"{where}: {small[0]}"] if small and small[0][0] < 11 else []
                found += [f"{where}: {c}" for c in _collisions(chart)[:2]]
        context.close()
    assert found == []
