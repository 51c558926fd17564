"""Dates and numbers read as each language writes them, on every page that shows them.

A page shows a signing date as "21. jun 2006." (sr-Latn), "21. јун 2006." (sr-Cyrl) or
"21 June 2006" (en), inside <time datetime="2006-06-21">, and a count or a size as
"52.840" (sr) or "52,840" (en): CLDR's long date and decimal formats for sr-Latn, sr-Cyrl and
en-GB. A text that is a bare ISO date or a bare number of four digits or more is a fault.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser

import pytest

LANGS = ["sr-Latn", "sr-Cyrl", "en"]
PAGES = [
    "/",
    "/publisher/banja-luka",
    "/publisher/graz",
    "/doc/agreement/banja-luka-graz-2006.html",
    "/doc/signing/banja-luka-2006-06-21.html",
    "/catalog",
]
# a whole text that is an ISO date, or an ungrouped number (a count, or a size and its unit)
BARE = re.compile(r"^(\d{4}-\d{2}-\d{2}|\d{4,}(\s+\w+)?)$")
EXPECTED = {
    "sr-Latn": ("21. jun 2006.", "2.537"),
    "sr-Cyrl": ("21. јун 2006.", "2.537"),
    "en": ("21 June 2006", "2,537"),
}


class _Texts(HTMLParser):
    """Collect the text nodes of <main> outside code, pre and charts, and every <time>.

    A chart's axis labels are years (2003, 2004, ...), not counts.
    """

    def __init__(self) -> None:
        super().__init__()
        self.open: list[str] = []
        self.texts: list[str] = []
        self.times: list[tuple[str, str]] = []
        self._time: str | None = None

    def handle_starttag(self, tag, attrs):
        if tag not in ("br", "img", "input", "meta", "link", "wbr"):
            self.open.append(tag)
        if tag == "time":
            self._time = dict(attrs).get("datetime", "")

    def handle_endtag(self, tag):
        if tag in self.open:
            del self.open[len(self.open) - 1 - self.open[::-1].index(tag) :]

    def handle_data(self, data):
        text = data.strip()
        if not text or "main" not in self.open or {"code", "pre", "script", "svg"} & set(self.open):
            return
        self.texts.append(text)
        if self._time is not None and "time" in self.open:
            self.times.append((self._time, text))


@pytest.mark.parametrize("lang", LANGS)
def test_dates_and_numbers_are_written_as_the_language_writes_them(client, lang):
    bare, times = [], []
    for path in PAGES:
        answer = client.get(path, query_string={"lang": lang}, headers={"Accept": "text/html"})
        assert answer.status_code == 200, path
        parser = _Texts()
        parser.feed(answer.get_data(as_text=True))
        bare += [f"{path}: {t!r}" for t in parser.texts if BARE.match(t)]
        times += parser.times
    day, triples = EXPECTED[lang]
    assert ("2006-06-21", day) in times
    assert bare == []


@pytest.mark.parametrize("lang", LANGS)
def test_the_triple_count_is_grouped_as_the_language_groups_it(client, lang):
    page = client.get("/publisher/banja-luka", query_string={"lang": lang}).get_data(as_text=True)
    count = re.search(r"<strong>([\d.,]+)</strong>\s*\S*\s*(trojki|тројки|triples)", page)
    assert count, "no triple count on the page"
    assert re.fullmatch(r"\d{1,3}([.,]\d{3})+", count.group(1)), count.group(1)
    separator = "," if lang == "en" else "."
    assert separator in count.group(1)
