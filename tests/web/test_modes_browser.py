"""The pages in the modes a reader's system chooses, in Chromium: dark colour scheme, forced
colours (Windows high contrast) on a light or a dark theme, and print.

- Chart labels keep a contrast of 4.5:1 or more against what is drawn behind them, in every
  mode (WCAG 2.2 SC 1.4.3, https://www.w3.org/WAI/WCAG22/Understanding/contrast-minimum).
  Forced colours repaint HTML text and backgrounds but not SVG fills
  (https://www.w3.org/TR/css-color-adjust-1/#forced-colors-properties): a label painted in
  the page's ink stayed dark on a panel turned black.
- Under forced colours every button keeps a border: the background that made it a button is
  removed (SC 1.4.11, https://www.w3.org/WAI/WCAG22/Understanding/non-text-contrast).
- Printed, a thing's page leaves out the site's menus, language switch and footer, and shows
  where each link leads: the IRI of a linked thing, the address of an outside page.
"""

from __future__ import annotations

from urllib.parse import quote

import pytest

from tests.web.conftest import shot
from tests.web.test_pages_any_screen import LANGS
from tests.web.test_query_editor_browser import DATES, GEO
from tests.web.test_reflow_browser import TEXT_BEYOND

pytest.importorskip(
    "playwright.sync_api", reason="pip package 'playwright' is not installed (CI installs it)"
)

MODES = {
    "dark": {"color_scheme": "dark"},
    "forced-dark": {"color_scheme": "dark", "forced_colors": "active"},
    "forced-light": {"color_scheme": "light", "forced_colors": "active"},
}
CHARTS = ["", "publisher/banja-luka", "sparql?query=" + quote(GEO), "sparql?query=" + quote(DATES)]

# Each visible chart label: its fill, and the colour it is read against (its own halo where
# it has one, else the first painted shape or HTML background under its centre).
LABEL_COLOURS = """() => {
  const painted = c => c && c !== 'none' && !/rgba\\(.*, 0\\)$/.test(c) && c !== 'transparent';
  const out = [];
  for (const t of document.querySelectorAll('svg.chart text')) {
    if (!t.getBoundingClientRect().width) continue;
    t.scrollIntoView({block: 'center'});  // elementsFromPoint sees the viewport only
    const r = t.getBoundingClientRect();
    const s = getComputedStyle(t);
    let back = null;
    if (s.paintOrder.startsWith('stroke') && painted(s.stroke) && parseFloat(s.strokeWidth) >= 2)
      back = s.stroke;
    const stack = document.elementsFromPoint(r.left + r.width / 2, r.top + r.height / 2);
    for (const e of stack.slice(stack.indexOf(t) + 1)) {
      if (back) break;
      if (['line', 'text', 'tspan', 'title'].includes(e.tagName)) continue;
      const c = getComputedStyle(e);
      if (e instanceof SVGElement && e.tagName !== 'svg') { if (painted(c.fill)) back = c.fill; }
      else if (painted(c.backgroundColor)) back = c.backgroundColor;
    }
    out.push({text: t.textContent, fill: s.fill, back: back || 'rgb(255, 255, 255)'});
  }
  return out;
}"""


def _luminance(css: str) -> float:
    parts = css[css.index("(") + 1 : css.index(")")].replace("/", ",").split(",")
    red, green, blue = (float(p) / 255 for p in parts[:3])

    def linear(c: float) -> float:
        return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4

    return 0.2126 * linear(red) + 0.7152 * linear(green) + 0.0722 * linear(blue)


def contrast(one: str, two: str) -> float:
    """WCAG 2 contrast ratio of two CSS rgb() colours (https://www.w3.org/TR/WCAG22/#dfn-contrast-ratio)."""
    high, low = sorted((_luminance(one), _luminance(two)), reverse=True)
    return (high + 0.05) / (low + 0.05)


@pytest.mark.parametrize("mode", list(MODES))
@pytest.mark.parametrize("width", [390, 1280])
def test_chart_labels_keep_4_5_to_1_contrast_in_dark_and_forced_colours(browser, site, mode, width):
    context = browser.new_context(viewport={"width": width, "height": 900}, **MODES[mode])
    page = context.new_page()
    found = []
    for path in CHARTS:
        page.goto(f"{site.url}{path}{'&' if '?' in path else '?'}lang=en")
        labels = page.evaluate(LABEL_COLOURS)
        assert labels, path
        faint = sorted(
            (round(contrast(t["fill"], t["back"]), 2), t["text"], t["fill"], t["back"])
            for t in labels
            if contrast(t["fill"], t["back"]) < 4.5
        )
        if faint:
            shot(page, f"modes-{mode}-{width}-{path.split('?')[0].replace('/', '-') or 'landing'}")
            found.append(f"{path[:30] or 'landing'}: {len(faint)} labels, {faint[:2]}")
    context.close()
    assert found == []


def test_buttons_keep_a_border_under_forced_colours(browser, site):
    query = "SELECT ?s ?p ?o WHERE { ?s ?p ?o } LIMIT 60"
    context = browser.new_context(viewport={"width": 1280, "height": 900}, **MODES["forced-dark"])
    page = context.new_page()
    page.goto(site.url + "sparql?lang=en&query=" + quote(query))
    bare = page.evaluate(
        """() => [...document.querySelectorAll('button, input[type=submit], select')]
          .filter(b => b.getBoundingClientRect().width > 0)
          .filter(b => { const s = getComputedStyle(b);
                         return s.borderTopStyle === 'none' || parseFloat(s.borderTopWidth) === 0; })
          .map(b => b.textContent.trim())"""
    )
    shot(page, "modes-forced-dark-buttons")
    context.close()
    assert bare == []


PRINTED = """() => {
  const shown = e => getComputedStyle(e).display !== 'none' && e.getClientRects().length > 0;
  const chrome = [...document.querySelectorAll('header.top, body > footer, .langs, a.skip')]
    .filter(shown).map(e => e.tagName.toLowerCase() + '.' + e.className);
  const silent = [];
  for (const a of document.querySelectorAll('main a[href]')) {
    if (!shown(a) || a.closest('svg') || a.getAttribute('href').startsWith('#')) continue;
    const after = getComputedStyle(a, '::after').content;
    const target = /^https?:/.test(a.title) ? a.title : a.href;
    const printed = after.replace(/attr\\(([\\w-]+)\\)/g, (_, name) => a.getAttribute(name) || '');
    const text = a.textContent.trim();
    if (![decodeURI(target), target].some(t => printed.includes(t) || text === t))
      silent.push(`"${a.textContent.trim().slice(0, 20)}" -> ${target} (printed: ${after})`);
  }
  return {chrome, silent};
}"""


@pytest.mark.parametrize("lang", LANGS)
def test_a_printed_page_drops_the_menus_and_shows_where_links_lead(browser, site, lang):
    # an A4 page's printable width is about 700 CSS px
    context = browser.new_context(viewport={"width": 700, "height": 1000})
    page = context.new_page()
    page.emulate_media(media="print")
    found = []
    for path in ("doc/agreement/banja-luka-graz-2006.html", "doc/city/graz.html"):
        page.goto(f"{site.url}{path}?lang={lang}")
        printed = page.evaluate(PRINTED)
        lost = page.evaluate(TEXT_BEYOND)
        if printed["chrome"] or printed["silent"] or lost:
            shot(page, f"print-{path.split('/')[1]}-{lang}")
            found.append(f"{path}: {printed['chrome']}, {printed['silent'][:3]}, {lost[:2]}")
    context.close()
    assert found == []
