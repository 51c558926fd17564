"""Error pages: styled, in the user's language, a 404 suggesting the closest names only."""

from __future__ import annotations

import re

import pytest
import requests

BROWSER = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"


@pytest.fixture(scope="module")
def http() -> requests.Session:
    return requests.Session()


def _suggested(page: str) -> list[str]:
    block = page.split('class="suggestions"', 1)
    return (
        re.findall(r'<a href="([^"]+)">', block[1].split("</ul>", 1)[0]) if len(block) > 1 else []
    )


@pytest.mark.parametrize(
    ("lang", "headline"),
    [("sr-Latn", "Nije pronađeno"), ("sr-Cyrl", "Није пронађено"), ("en", "Not found")],
)
def test_unknown_path_gets_a_styled_404_in_the_page_language(site, http, lang, headline):
    answer = http.get(site.url + f"no/such/page?lang={lang}", headers={"Accept": BROWSER})
    assert answer.status_code == 404
    page = answer.text
    assert f'<html lang="{lang}">' in page and "site.css" in page and "favicon.svg" in page
    assert f"404 · {headline}" in page
    assert answer.headers["Content-Security-Policy"].startswith("default-src 'self'")


def test_404_for_a_thing_suggests_the_closest_names_not_arbitrary_ones(site, http):
    answer = http.get(site.url + "id/city/grz?lang=sr-Cyrl", headers={"Accept": BROWSER})
    page = answer.text
    assert answer.status_code == 404
    suggested = _suggested(page)
    assert any(
        href.split("?")[0].endswith("/doc/city/graz") or "/city/graz" in href for href in suggested
    )
    assert not any("moscow" in href or "lviv" in href for href in suggested)
    assert "Граф не именује ништа на адреси" in page  # the detail line is Cyrillic too


def test_404_with_nothing_close_says_so(site, http):
    page = http.get(site.url + "id/city/qqqqqqqq?lang=en", headers={"Accept": BROWSER}).text
    assert _suggested(page) == [] and "No name is close enough" in page


def test_unknown_path_close_to_a_page_suggests_that_page(site, http):
    page = http.get(site.url + "ontologi?lang=en", headers={"Accept": BROWSER}).text
    assert any(href.split("?")[0].endswith("/ontology") for href in _suggested(page))


def test_other_errors_are_styled_and_localized_with_the_english_detail_marked(site, http):
    answer = http.delete(site.url + "catalog?lang=sr-Cyrl", headers={"Accept": BROWSER})
    assert answer.status_code == 405
    page = answer.text
    assert "Метода није дозвољена" in page and "site.css" in page
    assert re.search(r'<code class="wrap-any" lang="en">', page)


def test_home_heading_is_nominative_plural():
    from sister_graph.views.i18n import text

    assert text("agreements_heading", "sr-Latn") == "Sporazumi"
    assert text("agreements_heading", "sr-Cyrl") == "Споразуми"


def test_text_in_another_language_carries_its_lang(site, http):
    """WCAG 2.2 SC 3.1.2: a native name or an English label on a Cyrillic page is marked."""
    page = http.get(site.url + "doc/city/graz.html?lang=sr-Cyrl", headers={"Accept": BROWSER}).text
    assert '<html lang="sr-Cyrl">' in page
    assert re.search(r'<span class="literal" lang="(en|de)">Graz</span>', page)
    assert not re.search(r'<span class="literal" lang="sr-Cyrl">', page)


def test_catalog_page_names_publisher_licence_and_terms_in_the_page_language(site, http):
    page = http.get(site.url + "catalog?lang=sr-Cyrl", headers={"Accept": BROWSER}).text
    assert "Издавач" in page and "Лиценца" in page and "Тема" in page
    assert "CC BY 4.0" in page and ">sister-graph</a>" in page  # the publisher's foaf:name
    body = page.split("<main", 1)[1].split("</main>", 1)[0]
    visible = re.sub(r"<[^>]+>", " ", body)
    labelled = visible.split("Дистрибуције", 1)[0]  # the files' URLs are shown as they are
    assert "id:city/" not in labelled and "void:" not in labelled and "https://" not in labelled
