"""Tables on a phone, in Chromium: below 761 px every table.list reflows into one card per
row (site.css). A card still says which column each value is (the column headers are moved
off screen), and the query page's pager still shows one page of 25 rows at a time.

WCAG 2.2 SC 1.3.1 "Info and Relationships" (https://www.w3.org/WAI/WCAG22/Understanding/info-and-relationships):
a value's column is information the layout conveys; the reflowed card must convey it too.
"""

from __future__ import annotations

from urllib.parse import quote

import pytest

from tests.web.conftest import shot
from tests.web.test_pages_any_screen import LANGS

pytest.importorskip(
    "playwright.sync_api", reason="pip package 'playwright' is not installed (CI installs it)"
)

TABLES = [
    "",
    "publisher/banja-luka",
    "catalog",
    "sparql?query=" + quote("SELECT * { ?s ?p ?o } LIMIT 3"),
]

# Each cell of a table with column headers, and whether its header can be seen: the th above
# it on screen, or the header's words shown in the cell itself (as generated content).
UNNAMED_CELLS = r"""() => {
  const out = [];
  for (const table of document.querySelectorAll('table')) {
    const heads = [...table.querySelectorAll('thead th')].map(th => th.textContent.trim());
    if (!heads.length) continue;
    const thead = table.tHead.getBoundingClientRect();
    const headsShown = thead.right > 0 && thead.width > 0;
    for (const row of table.tBodies[0].rows) {
      [...row.cells].forEach((cell, i) => {
        const own = getComputedStyle(cell, '::before').content
          .replace(/attr\(([\w-]+)\)/g, (_, name) => JSON.stringify(cell.getAttribute(name) || ''));
        if (!headsShown && heads[i] && !own.includes(heads[i]))
          out.push(`"${cell.textContent.trim().slice(0, 20)}" (column ${heads[i]}): ${own}`);
      });
    }
  }
  return out;
}"""


@pytest.mark.parametrize("lang", LANGS)
def test_a_card_names_the_column_of_each_value_at_320_px(browser, site, lang):
    context = browser.new_context(viewport={"width": 320, "height": 800})
    page = context.new_page()
    found = []
    for path in TABLES:
        page.goto(f"{site.url}{path}{'&' if '?' in path else '?'}lang={lang}")
        unnamed = page.evaluate(UNNAMED_CELLS)
        if unnamed:
            shot(page, f"cards-{path.split('?')[0].replace('/', '-') or 'landing'}-{lang}")
            found.append(f"{path or 'landing'}: {len(unnamed)} cells, {unnamed[:2]}")
    context.close()
    assert found == []


@pytest.mark.parametrize("width", [320, 390, 760])
def test_the_result_pager_shows_25_rows_at_a_time_on_a_phone(browser, site, width):
    query = "SELECT ?s ?p ?o WHERE { ?s ?p ?o } LIMIT 60"
    context = browser.new_context(viewport={"width": width, "height": 800})
    page = context.new_page()
    page.goto(site.url + "sparql?lang=en&query=" + quote(query))
    rows = page.locator("table.result-table tbody tr:visible")
    counts = [rows.count(), page.locator("#pager .status").inner_text()]
    page.locator("#pager .next").click()
    page.locator("#pager .next").click()
    counts += [rows.count(), page.locator("#pager .status").inner_text()]
    context.close()
    assert counts == [25, "1 / 3", 10, "3 / 3"]
