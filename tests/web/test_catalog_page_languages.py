"""The catalog page marks text in another language than the page's (WCAG 2.2 SC 3.1.2)."""

from __future__ import annotations

import re
from html.parser import HTMLParser

import pytest
import requests

LATIN = re.compile(r"[A-Za-zČčĆćĐđŠšŽž]{3,}")
CYRILLIC = re.compile(r"[\u0400-\u04FF]")


class _Texts(HTMLParser):
    """Collect (tag, attributes, own text, languages of the enclosing elements) for tags we check."""

    CHECKED = {"h1", "p", "a", "h2"}

    def __init__(self) -> None:
        super().__init__()
        self.stack: list[tuple[str, dict]] = []
        self.found: list[tuple[str, str, str | None]] = []  # (tag, text, nearest lang)

    def handle_starttag(self, tag, attrs):
        if tag in {"meta", "link", "br", "img", "input"}:
            return
        self.stack.append((tag, dict(attrs)))

    def handle_endtag(self, tag):
        while self.stack:
            if self.stack.pop()[0] == tag:
                break

    def handle_data(self, data):
        if not self.stack or not data.strip():
            return
        tag, _ = self.stack[-1]
        if tag not in self.CHECKED or any(t in {"code", "script", "style"} for t, _ in self.stack):
            return
        nearest = next((a["lang"] for _, a in reversed(self.stack) if "lang" in a), None)
        self.found.append((tag, data.strip(), nearest))


@pytest.mark.parametrize("page_lang", ["sr-Cyrl", "en"])
def test_catalog_texts_in_another_language_carry_lang(site, page_lang):
    html = requests.get(
        site.url + "catalog", params={"lang": page_lang}, headers={"Accept": "text/html"}
    ).text
    main = html.index("<main")
    parser = _Texts()
    parser.feed(html[main : html.index("</main>")])
    assert parser.found, "no text found on the catalog page"
    for tag, text, nearest in parser.found:
        if page_lang == "sr-Cyrl" and LATIN.search(text) and not CYRILLIC.search(text):
            # Latin-only text on a Cyrillic page: a name, title or place in its own language,
            # or a technical term (format names, acronyms) which stays Latin in Serbian too
            if (
                text.isupper()
                or re.fullmatch(r"[a-z0-9.-]+", text)  # file names, extensions, product names
                or re.fullmatch(r"[\w.+\-/ ()]*\d[\w.+\-/ ()]*", text)
            ):
                continue
            assert nearest and nearest != "sr-Cyrl", f"<{tag}> {text!r} has no lang attribute"
