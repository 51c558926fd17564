"""Pages stay light: no page kind carries huge inline data, in any language.

The maps are inline SVG (drawn on the server, no tiles or scripts), so their country borders
are the bulk of a publisher page; each page carries a wide and a narrow drawing. Borders are
simplified to what a screen shows (Douglas–Peucker at half a view unit, about half a CSS px),
so a map stays under MAP_BUDGET and a page under PAGE_BUDGET bytes of HTML.
"""

from __future__ import annotations

import re

import pytest

PAGE_BUDGET = 150_000
MAP_BUDGET = 64_000
PUBLISHERS = [
    "banja-luka",
    "graz",
    "kaiserslautern",
    "kranj",
    "kumanovo",
    "modiin",
    "novi-sad",
    "subotica",
    "timisoara",
    "villach",
]


@pytest.mark.parametrize("lang", ["sr-Latn", "sr-Cyrl", "en"])
def test_every_publisher_page_and_the_landing_page_stay_light(client, lang):
    heavy = []
    for path in ["/", *(f"/publisher/{slug}" for slug in PUBLISHERS)]:
        answer = client.get(path, query_string={"lang": lang})
        assert answer.status_code == 200, path
        html = answer.get_data(as_text=True)
        if len(html.encode()) > PAGE_BUDGET:
            heavy.append(f"{path}: {len(html.encode())} bytes")
        maps = re.findall(r'<svg class="chart map[^"]*".*?</svg>', html, flags=re.S)
        assert maps, path
        heavy += [
            f"{path}: a map of {len(svg.encode())} bytes"
            for svg in maps
            if len(svg.encode()) > MAP_BUDGET
        ]
    assert heavy == []
