"""The files a page loads, as Chromium's network log records them, on every page kind.

No request fails (nothing 4xx or 5xx but the page itself, where it is an error page), and the
console logs no error. Every stylesheet, script and icon is asked for at an address naming its
content (?v=, the first 12 hex digits of its SHA-256), and served so that a browser keeps it for
a year without asking again (Cache-Control immutable: RFC 8246,
https://www.rfc-editor.org/rfc/rfc8246): the query page's editor is a megabyte, and with
`no-cache` (now max-age=cache_seconds) every page asked again for every file once stale. An
address naming other content gets the short freshness only (a page cached from before a
deployment must not pin an old file for a year).
"""

from __future__ import annotations

import re

import pytest
import requests

from tests.web.test_pages_any_screen import KINDS

pytest.importorskip(
    "playwright.sync_api", reason="pip package 'playwright' is not installed (CI installs it)"
)

YEAR = 365 * 24 * 3600


def test_every_file_a_page_loads_is_named_by_content_and_kept_for_a_year(browser, site):
    context = browser.new_context()
    page = context.new_page()
    log, found = [], []
    page.on("response", lambda r: log.append(r))
    page.on(  # the error pages' own status is logged too: only other errors count
        "console",
        lambda m: (
            m.type == "error"
            and m.location.get("url") != page.url
            and found.append(f"console: {m.text} ({m.location.get('url')})")
        ),
    )
    for kind, path in KINDS.items():
        log.clear()
        answer = page.goto(f"{site.url}{path}{'&' if '?' in path else '?'}lang=sr-Cyrl")
        page.wait_for_load_state("load")
        for response in log:
            if response.url == answer.url:
                continue
            if response.status >= 400:
                found.append(f"{kind}: {response.status} {response.url}")
            if "/static/" not in response.url:
                continue
            cache = response.headers.get("cache-control", "")
            age = re.search(r"max-age=(\d+)", cache)
            named = re.search(r"[?&]v=[0-9a-f]{12}(&|$)", response.url)
            if not named or not age or int(age.group(1)) < YEAR or "immutable" not in cache:
                found.append(f"{kind}: {response.url} served with {cache!r}")
    context.close()
    assert sorted(set(found)) == []


def test_a_file_asked_for_by_other_content_is_not_kept_for_long(site):
    for path in ("static/site.css?v=000000000000", "static/site.css"):
        answer = requests.get(site.url + path)
        control = answer.headers["Cache-Control"]
        assert answer.status_code == 200
        assert "immutable" not in control and int(control.split("max-age=")[1]) < YEAR, path
