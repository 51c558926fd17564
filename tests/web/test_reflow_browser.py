"""Reflow and text resize in Chromium: no text leaves the page at 320 CSS px, with text at
100 % and at 200 %, in every language, on every page kind and on the pages holding the
longest names and values of the data.

320 CSS px is a 1280 px screen at 400 % zoom (WCAG 2.2 SC 1.4.10 "Reflow",
https://www.w3.org/WAI/WCAG22/Understanding/reflow); text at 200 % is SC 1.4.4 "Resize Text"
(https://www.w3.org/WAI/WCAG22/Understanding/resize-text), set as the browser's default font
size (Chrome's font-size setting, and what Android's text scaling does on a 320-412 px phone),
through the DevTools protocol (Page.setFontSizes). Every text node is measured by its own
range, since a word wider than its box overflows the box without widening it. Text inside a
box that scrolls sideways counts as lost too: on a phone every table reflows into cards.
"""

from __future__ import annotations

import pytest

from tests.web.conftest import shot
from tests.web.test_pages_any_screen import KINDS, LANGS

pytest.importorskip(
    "playwright.sync_api", reason="pip package 'playwright' is not installed (CI installs it)"
)

# The pages holding the data's longest strings (measured over dist/: the longest IRI is a
# citation's, 118 characters; the longest labels are an identification source's, 109, and
# NALAS's name, 65; the longest verbatim lines are Novi Sad's, 654, and Kranj's, 637).
LONGEST = {
    "longest-iri": "doc/citation/kaiserslautern/000_bdffa3bc2b7cd9e5/agreement/"
    "banja-luka-kaiserslautern-2003.html",
    "longest-label": "doc/identification-source/modiin-protokol-rs.html",
    "longest-line": "doc/city/novi-sad.html",
    "longest-note": "doc/city/modiin.html",
    "not-acceptable": "catalog?format=csv",
}

# Text nodes (by their own range) that end beyond the page, or beyond a box that clips or
# scrolls them sideways. Text moved far off to the left is the visually hidden technique.
TEXT_BEYOND = """() => {
  const vw = document.documentElement.clientWidth, out = [];
  if (document.documentElement.scrollWidth > vw)
    out.push(`the page scrolls sideways: ${document.documentElement.scrollWidth} px`);
  const clipper = e => { for (let p = e; p; p = p.parentElement) {
    if (['auto', 'scroll', 'hidden', 'clip'].includes(getComputedStyle(p).overflowX)) return p; }
    return null; };
  const walk = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  for (let n; (n = walk.nextNode());) {
    const e = n.parentElement;
    if (!n.textContent.trim() || e.closest('svg, [hidden], .CodeMirror-measure')) continue;
    const range = document.createRange(); range.selectNodeContents(n);
    const r = range.getBoundingClientRect();
    if (!r.width || r.right < 0) continue;
    const box = clipper(e), edge = box ? box.getBoundingClientRect().right : vw;
    if (r.right > edge + 1)
      out.push(`${e.tagName.toLowerCase()} "${n.textContent.trim().slice(0, 30)}" ends at `
               + `${Math.round(r.right)} px, ${box ? 'clipped by ' + box.className : 'beyond the page'}`);
  }
  return out;
}"""


@pytest.mark.parametrize("text_px", [16, 32])
def test_no_text_leaves_a_320_px_page_with_text_at_100_or_200_percent(browser, site, text_px):
    context = browser.new_context(viewport={"width": 320, "height": 800})
    page = context.new_page()
    protocol = context.new_cdp_session(page)
    protocol.send("Page.enable")
    protocol.send("Page.setFontSizes", {"fontSizes": {"standard": text_px, "fixed": text_px}})
    found = []
    for lang in LANGS:
        for kind, path in {**KINDS, **LONGEST}.items():
            page.goto(f"{site.url}{path}{'&' if '?' in path else '?'}lang={lang}")
            lost = page.evaluate(TEXT_BEYOND)
            if lost:
                shot(page, f"reflow-{kind}-{lang}-{text_px}px")
                found.append(f"{kind} {lang}: {lost[:3]}")
    context.close()
    assert found == []


# WCAG 2.2 SC 1.4.12 "Text Spacing" (https://www.w3.org/WAI/WCAG22/Understanding/text-spacing):
# a reader's style sheet sets these; no HTML text may be lost. (The SVG charts' labels, placed
# on the server from font metrics, collide in two or three places under it: every fact they
# show is in the table beside them. Reserving the room in labels.text_width moved the
# collisions elsewhere on the timelines; left open.)
SPACING = (
    "* { line-height: 1.5 !important; letter-spacing: .12em !important;"
    " word-spacing: .16em !important; } p { margin-bottom: 2em !important; }"
)


def test_text_spacing_loses_no_text_at_320_px(browser, site, width=320):
    # a reader's style sheet is the browser's own, which the page's CSP does not govern
    context = browser.new_context(viewport={"width": width, "height": 800}, bypass_csp=True)
    page = context.new_page()
    found = []
    for lang in LANGS:
        for kind, path in {**KINDS, **LONGEST}.items():
            page.goto(f"{site.url}{path}{'&' if '?' in path else '?'}lang={lang}")
            page.add_style_tag(content=SPACING)
            lost = page.evaluate(TEXT_BEYOND)
            if lost:
                shot(page, f"spacing-{kind}-{lang}-{width}")
                found.append(f"{kind} {lang}: {lost[:3]}")
    context.close()
    assert found == [], "\n".join(found)
