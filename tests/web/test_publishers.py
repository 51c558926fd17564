"""Several publishers on the web pages: the sources block of an agreement both sides state."""

from __future__ import annotations

import re

import requests


def _page(server, path: str, lang: str = "en") -> str:
    response = requests.get(server.url + path.lstrip("/"), params={"lang": lang}, timeout=30)
    assert response.status_code == 200, response.text[:300]
    return response.text


def test_an_agreement_page_lists_every_source_with_its_line(two_site) -> None:
    html = _page(two_site, "/doc/agreement/banja-luka-novi-sad-2006.html")
    block = html[html.index('id="sources"') :]
    block = block[: block.index("</section>")]
    assert "Sources (2)" in block
    assert 'cite="https://example.org/novi-sad/medjunarodna-saradnja"' in block
    assert "Sporazum o saradnji sa Banjom Lukom – potpisan 24. marta 2006. godine;" in block
    assert re.search(r"line 5\b", block) and re.search(r"line 33\b", block)
    assert block.count("2006-03-24") >= 2  # each page's stated date


def test_a_one_source_agreement_page_lists_its_one_source(two_site) -> None:
    html = _page(two_site, "/doc/agreement/banja-luka-graz-2006.html", lang="sr-Cyrl")
    block = html.split('id="sources"')[1].split("</section>")[0]
    assert "Извори (1)" in block
    assert "Ugovor o saradnji Banje Luke sa Gracom" in block and "ред 32" in block
