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


def _sources_block(html: str) -> str:
    block = html[html.index('id="sources"') :]
    return block[: block.index("</section>")]


def test_partner_side_sources_and_the_flagged_type_on_the_real_site(site) -> None:
    html = _page(site, "/doc/agreement/banja-luka-kaiserslautern-2003.html")
    block = _sources_block(html)
    assert "Sources (3)" in block
    assert "Die Städtepartnerschaft mit Kaiserslautern besteht seit 2003." in block
    assert "des Partnerschaftsvertrages weilte" in block
    assert "Povelja o partnerstvu sa Kajzerslauternom" in block
    assert all(re.search(rf"line {n}\b", block) for n in (8, 10, 35))
    # what each page states, by the properties' own labels, not their IRIs
    assert "stated signing date" in block and "stated agreement type" in block
    assert "stated type, as written" in block
    assert "Town partnership" in block and "Partnership charter" in block
    assert "sg:statedDate" not in block and "sg:statedType" not in block
    assert "sources disagree on" in html


def test_a_partial_date_and_a_source_stating_no_date_are_shown_as_stated(site) -> None:
    block = _sources_block(_page(site, "/doc/agreement/banja-luka-kumanovo-2012.html", "sr-Latn"))
    assert "--11-11" in block and "2012-11-11" in block
    assert "Ден на Градот – 11 Ноември" in block
    assert "navedeni datum potpisivanja" in block
    block = _sources_block(_page(site, "/doc/agreement/villach-kranj-2008.html"))
    assert "Sources (2)" in block and "V pobratenem mestu Beljak" in block
    kranj = block[block.index("V pobratenem mestu Beljak") :].split("<blockquote")[0]
    assert "SLOVENSKI DAN V BELJAKU" in kranj and re.search(r"line 6\b", kranj)
    assert "stated signing date" not in kranj  # Kranj's page states no date
