"""Text in another language than the page's carries its own `lang` (WCAG 2.2 SC 3.1.2).

Every language-tagged title and keyword of the graph (a source page's `dct:title`: German,
Slovene, Macedonian, Serbian Latin; the catalog's `dcat:keyword`) is looked for in the text
of every page that shows it, in all three page languages; where it is found, the language
in force there (the nearest `lang` attribute) must be the literal's own. A Cyrillic page
shows no Serbian keyword written in Latin when the keyword exists in Cyrillic.
"""

from __future__ import annotations

from html.parser import HTMLParser

import pytest
from rdflib import Graph

from sister_graph.rdf.langtags import canonical_lang
from sister_graph.rdf.namespaces import DCAT, DCTERMS

LANGS = ["sr-Latn", "sr-Cyrl", "en"]
PAGES = [
    "/",
    "/publisher/banja-luka",
    "/publisher/graz",
    "/publisher/villach",
    "/publisher/kranj",
    "/publisher/kumanovo",
    "/publisher/kaiserslautern",
    "/publisher/novi-sad",
    "/doc/city/graz.html",
    "/doc/city/kranj.html",
    "/doc/agreement/banja-luka-kumanovo-2012.html",
    "/doc/agreement/banja-luka-kaiserslautern-2003.html",
    "/catalog",
]
HTML = {"Accept": "text/html"}
VOID_TAGS = {"br", "img", "input", "meta", "link", "hr", "wbr", "source", "area", "col"}


class _Texts(HTMLParser):
    """Collect (text, language in force) for every text node of <main> (not the menus)."""

    def __init__(self) -> None:
        super().__init__()
        self.stack: list[tuple[str, str]] = []
        self.found: list[tuple[str, str]] = []

    def handle_starttag(self, tag, attrs):
        if tag in VOID_TAGS:
            return
        lang = dict(attrs).get("lang")
        self.stack.append((tag, lang if lang is not None else self.lang()))

    def handle_endtag(self, tag):
        for i in range(len(self.stack) - 1, -1, -1):
            if self.stack[i][0] == tag:
                del self.stack[i:]
                break

    def handle_data(self, data):
        tags = {tag for tag, _ in self.stack}
        if data.strip() and "main" in tags and not tags & {"script", "style", "title"}:
            self.found.append((data.strip(), self.lang()))

    def lang(self) -> str:
        return self.stack[-1][1] if self.stack else ""


def _tagged_literals(built) -> dict[str, str]:
    config, _ = built
    graph = Graph()
    graph.parse(config.dist_dir / "sister-graph.ttl")
    graph.parse(config.dist_dir / "catalog.ttl")
    out = {}
    for predicate in (DCTERMS.title, DCAT.keyword):
        for literal in graph.objects(None, predicate):
            if getattr(literal, "language", None):
                out[str(literal)] = canonical_lang(literal.language)
    return out


@pytest.mark.parametrize("lang", LANGS)
def test_other_language_titles_and_keywords_carry_their_lang(client, built, lang):
    wanted = _tagged_literals(built)
    assert {"de", "sl", "mk", "sr-Latn"} <= set(wanted.values())
    wrong, seen = [], set()
    for path in PAGES:
        answer = client.get(path, query_string={"lang": lang}, headers=HTML)
        assert answer.status_code == 200, path
        parser = _Texts()
        parser.feed(answer.get_data(as_text=True))
        for text, in_force in parser.found:
            for piece in [text, *text.split(", ")]:
                if piece in wanted:
                    seen.add(piece)
                    if in_force.lower() != wanted[piece].lower():
                        wrong.append(f"{path}: {piece!r} ({wanted[piece]}) under lang={in_force!r}")
    assert {"Städtepartnerschaften", "SLOVENSKI DAN V BELJAKU", "Međunarodna saradnja"} <= seen
    assert wrong == []


def test_the_cyrillic_catalog_page_shows_keywords_in_cyrillic(client):
    answer = client.get("/catalog", query_string={"lang": "sr-Cyrl"}, headers=HTML)
    page = answer.get_data(as_text=True)
    assert "градови партнери" in page
    assert "bratimljenje" not in page and "gradovi partneri" not in page
