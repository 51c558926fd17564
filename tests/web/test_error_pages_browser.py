"""The error answers a browser meets, in Chromium, in every language at 320, 768 and 1280 px:
a query the page cannot read (400), no such page (404), a format not offered (406), and a
client over its fair-use limit (429), on the query page or the error page.

Each says its own status in the page's language, in the headline and in the page's title
(WCAG 2.2 SC 2.4.2 "Page Titled", https://www.w3.org/WAI/WCAG22/Understanding/page-titled:
the title tells an error page from the page that worked), never another status's words (a
429 said "Bad request"); its English detail is marked lang="en" (SC 3.1.2); no text leaves
the page.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from sister_graph.views.error_text import error_headline
from tests.support import LiveServer
from tests.web.conftest import shot
from tests.web.test_pages_any_screen import LANGS
from tests.web.test_reflow_browser import TEXT_BEYOND

pytest.importorskip(
    "playwright.sync_api", reason="pip package 'playwright' is not installed (CI installs it)"
)

ERRORS = {400: "sparql?query=SELEC", 404: "no/such/page", 406: "catalog?format=csv"}

SAID = """() => {
  const head = document.querySelector('main h1[id=error-title], main .error h2');
  const detail = document.querySelector('main .detail code, main .error pre');
  return {head: head ? head.textContent.trim() : null, title: document.title,
          detail: detail ? detail.closest('[lang]').getAttribute('lang') : null};
}"""


@pytest.fixture(scope="module")
def strict_site(built, tmp_path_factory) -> Iterator[LiveServer]:
    """A live server that gives each client a microsecond of query time a minute."""
    config, _ = built
    store_dir = tmp_path_factory.mktemp("strict-store")
    server = LiveServer(
        config.with_(port=0, store_dir=str(store_dir), query_workers=1, client_query_seconds=1e-6)
    )
    yield server
    server.close()


def _check(page, status: int, lang: str, answer) -> list[str]:
    said = page.evaluate(SAID)
    headline = error_headline(status, lang)
    problems = [f"answered {answer.status}"] if answer.status != status else []
    if status == 429 and "retry-after" not in answer.headers:
        problems.append("a 429 without Retry-After")
    if status != 400 and headline == error_headline(400, lang):
        problems.append(f"{status} has no words of its own: {headline!r}")
    if said["head"] is None or headline not in said["head"] or str(status) not in said["head"]:
        problems.append(f"headline {said['head']!r}, not {status} {headline!r}")
    if str(status) not in said["title"] or headline not in said["title"]:
        problems.append(f"title {said['title']!r}")
    if said["detail"] != "en":
        problems.append(f"the English detail is marked {said['detail']!r}")
    return problems + page.evaluate(TEXT_BEYOND)


@pytest.mark.parametrize("lang", LANGS)
def test_each_error_says_its_own_status_in_the_page_language_at_every_width(
    browser, site, strict_site, lang
):
    found = []
    for width in (320, 768, 1280):
        context = browser.new_context(viewport={"width": width, "height": 800})
        page = context.new_page()
        for status, path in ERRORS.items():
            answer = page.goto(f"{site.url}{path}{'&' if '?' in path else '?'}lang={lang}")
            problems = _check(page, status, lang, answer)
            if problems:
                shot(page, f"error-{status}-{lang}-{width}")
                found.append(f"{status} at {width} px: {problems}")
        # the first query spends the client's microsecond; the next one is refused
        page.goto(f"{strict_site.url}sparql?query=ASK%7B%7D&lang={lang}&w={width}")
        answer = page.goto(f"{strict_site.url}sparql?query=ASK%7B?s?p?o%7D&lang={lang}&w={width}")
        problems = _check(page, 429, lang, answer)
        if problems:
            shot(page, f"error-429-{lang}-{width}")
            found.append(f"429 at {width} px: {problems}")
        context.close()
    assert found == [], "\n".join(found)
