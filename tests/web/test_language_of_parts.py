"""Text in another language than the page's carries its own `lang` (WCAG 2.2 SC 3.1.2).

Every language-tagged title and keyword of the graph (a source page's `dct:title`: German,
Slovene, Macedonian, Serbian Latin; the catalog's `dcat:keyword`) is looked for in the text
of every page that shows it, in all three page languages; where it is found, the language
in force there (the nearest `lang` attribute) must be the literal's own. A Cyrillic page
shows no Serbian keyword written in Latin when the keyword exists in Cyrillic.
"""

from __future__ import annotations

import re
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


# A Latin word that is not Serbian text: an acronym or a name written with inner capitals
# (NALAS, GeoNames), a word with letters Serbian Latin has not (Wikidata, SPARQL), a prefixed
# name or an address (sg:partner, https://…), the project's own name, or a licence's name.
NAMES = {"Creative", "Commons"}


def _not_serbian(word: str) -> bool:
    return bool(
        sum(c.isupper() for c in word) >= 2
        or re.search(r"[qwxyQWXY:/\d]", word)
        or word.lower().startswith("sister-graph")
        or word in NAMES
    )


class _CyrillicTexts(_Texts):
    """Collect the words of <main> whose language in force is sr-Cyrl, outside code and
    elements marked translate="no" (file names, format names, language tags)."""

    def __init__(self) -> None:
        super().__init__()
        self.skip: list[bool] = []
        self.words: list[tuple[str, str]] = []

    def handle_starttag(self, tag, attrs):
        if tag in VOID_TAGS:
            return
        super().handle_starttag(tag, attrs)
        code = tag in ("code", "kbd", "pre", "script", "style", "textarea")
        self.skip.append(code or dict(attrs).get("translate") == "no" or self._skipping())

    def handle_endtag(self, tag):
        super().handle_endtag(tag)
        del self.skip[len(self.stack) :]

    def _skipping(self) -> bool:
        return bool(self.skip and self.skip[-1])

    def handle_data(self, data):
        tags = {tag for tag, _ in self.stack}
        if "main" not in tags or self._skipping() or self.lang() != "sr-Cyrl":
            return
        for word in re.findall(r"[A-Za-zČĆŽŠĐčćžšđ][\w'’:/.\-]*", data):
            if not _not_serbian(word):
                self.words.append((word, data.strip()[:60]))


def test_cyrillic_pages_show_no_serbian_in_latin_letters(client):
    """sr-Cyrl pages write Serbian in Cyrillic; only text in another language, marked so,
    or a verbatim source that is Latin only (marked sr-Latn) keeps Latin letters."""
    pages = [
        *PAGES,
        "/ontology",
        "/doc/concept/agreement-type.html",
        "/doc/organization/nalas.html",
        "/doc/signing/graz-1973-05-22.html",
        "/sparql",
    ]
    found = []
    for path in pages:
        answer = client.get(path, query_string={"lang": "sr-Cyrl"}, headers=HTML)
        parser = _CyrillicTexts()
        parser.feed(answer.get_data(as_text=True))
        found += [f"{path}: {word!r} in {text!r}" for word, text in parser.words]
    assert found == []


def test_the_cyrillic_catalog_page_writes_the_catalogs_own_texts_in_cyrillic(client):
    """The catalog's titles and descriptions exist in sr-Latn and en only; a Cyrillic page
    shows them in Cyrillic (the project wrote them; they are no verbatim source)."""
    answer = client.get("/catalog", query_string={"lang": "sr-Cyrl"}, headers=HTML)
    page = answer.get_data(as_text=True)
    assert "sister-graph: међународна сарадња градова" in page
    assert "Повезани отворени подаци о међународној сарадњи" in page
    assert "SPARQL 1.1 сервис за упите" in page
    assert "братимљење" in page and "međunarodna" not in page and "Povezani" not in page


@pytest.mark.parametrize(
    ("lang", "names"),
    [
        ("sr-Cyrl", ["Бељак", "Кајзерслаутерн"]),
        ("sr-Latn", ["Beljak", "Kajzerslautern"]),
        ("en", ["Villach", "Kaiserslautern"]),
    ],
)
def test_the_catalogs_places_are_named_in_the_page_language(client, lang, names):
    """dct:spatial names GeoNames places (labelled "Villach"@en there); the page names them
    as the graph names the city that is owl:sameAs the place."""
    answer = client.get("/catalog", query_string={"lang": lang}, headers=HTML)
    page = answer.get_data(as_text=True)
    assert all(f">{name}</a>" in page for name in names), names
