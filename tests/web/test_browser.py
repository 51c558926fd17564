"""Real headless Chromium (Debian's `chromium`, driven by Playwright) on the live pages.

Needs the apt package `chromium` (/usr/bin/chromium) and the pip package `playwright`; never
`playwright install`. Screenshots go to artifacts/screenshots/. Every request the browser
makes is recorded: none may go to a host other than the test server.
"""

from __future__ import annotations

from urllib.parse import urlsplit

import pytest

from tests.support import REPO, data_totals
from tests.web.conftest import SHOTS, shot

pytest.importorskip(
    "playwright.sync_api", reason="pip package 'playwright' is not installed (CI installs it)"
)


@pytest.fixture
def page(browser, site):
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="sr-Latn")
    tab = context.new_page()
    tab.requests = []
    tab.on("request", lambda request: tab.requests.append(request.url))
    yield tab
    allowed = urlsplit(site.url).netloc
    foreign = [
        u for u in tab.requests if urlsplit(u).scheme != "data" and urlsplit(u).netloc != allowed
    ]
    context.close()
    assert foreign == [], "the page asked another host"


def _partners(page, chart: str) -> set[str]:
    links = page.locator(f"svg.{chart} a.partner")
    return {links.nth(i).get_attribute("data-iri") for i in range(links.count())}


def test_landing_page_lists_and_maps_every_publisher(page, site):
    page.goto(site.url)
    assert page.locator("html").get_attribute("lang") == "sr-Latn"
    folders = {
        p.parent
        for pattern in ("*/publisher.csv", "*/evidence.csv")
        for p in (REPO / "data").glob(pattern)
    }
    publishers = len(folders)  # every city whose own page states an agreement
    assert page.locator("#publishers tbody tr").count() == publishers
    assert len(_partners(page, "map.wide")) == publishers
    shot(page, "landing")
    page.locator("#publishers tr[data-publisher='banja-luka'] a").first.click()
    assert page.url.endswith("/publisher/banja-luka")


def test_publisher_page_shows_15_partners_on_timeline_and_map(page, site):
    page.goto(site.url + "publisher/banja-luka")
    assert page.locator("html").get_attribute("lang") == "sr-Latn"
    partners = 15  # Banja Luka's page: 15 partner cities, 15 agreements
    assert page.locator("[data-count=partners]").inner_text() == "15"
    assert len(_partners(page, "timeline.wide")) == partners
    assert len(_partners(page, "map.wide")) == partners
    assert page.locator("svg.timeline.wide").bounding_box()["width"] > 600
    assert page.locator("svg.map.wide").is_visible()
    shot(page, "home")
    page.locator("svg.timeline.wide").screenshot(path=str(SHOTS / "timeline.png"))
    page.locator("svg.map.wide").screenshot(path=str(SHOTS / "map.png"))


def test_city_page_shows_its_agreement(page, site):
    page.goto(site.url + "id/city/graz")
    assert page.url.endswith("/doc/city/graz.html")
    assert page.locator("h1").inner_text() == "Grac"
    assert page.locator("#incoming a", has_text="Ugovor o saradnji").count() >= 1
    shot(page, "city-graz")
    page.locator("#incoming a", has_text="Ugovor o saradnji").first.click()
    assert "/doc/agreement/banja-luka-graz-2006.html" in page.url
    shot(page, "agreement-graz")


def test_clicking_an_example_query_shows_result_rows(page, site):
    page.goto(site.url + "sparql")
    page.locator("a.example").first.click()
    page.wait_for_selector("table.result-table")
    assert page.locator("table.result-table tbody tr").count() == data_totals()[0]
    assert "query=" in page.url
    shot(page, "sparql")


def test_switching_to_cyrillic_changes_labels(page, site):
    page.goto(site.url + "id/city/novi-sad")
    assert page.locator("h1").inner_text() == "Novi Sad"
    page.locator(".langs a[hreflang='sr-Cyrl']").click()
    assert page.locator("html").get_attribute("lang") == "sr-Cyrl"
    assert page.locator("h1").inner_text() == "Нови Сад"
    assert page.locator("nav a").first.inner_text() == "Почетна"
    shot(page, "city-novi-sad-cyrillic")
    page.locator("nav a").first.click()
    row = page.locator("#publishers tr[data-publisher='banja-luka'] a").first
    assert row.inner_text() == "Бања Лука"
    row.click()
    assert page.locator("svg.timeline.wide", has_text="Крањ").count() == 1
    shot(page, "home-cyrillic")
