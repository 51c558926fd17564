"""Language choice and label picking (tags compared case-insensitively)."""

from __future__ import annotations

import re

import pytest
from rdflib import Literal

from sister_graph.rdf.langtags import canonical_lang
from sister_graph.views.i18n import LANGS, choose_lang, pick_literal
from sister_graph.views.ui_text import UI


@pytest.mark.parametrize(
    ("param", "accepted", "expected"),
    [
        (None, [], "sr-Latn"),
        ("sr-cyrl", [("en", 1)], "sr-Cyrl"),
        ("xx", [("sr-Cyrl-BA", 0.9), ("en", 0.5)], "sr-Cyrl"),
        (None, [("de", 1), ("en", 0.7)], "en"),
        (None, [("sr", 1)], "sr-Latn"),
        (None, [("en", 0)], "sr-Latn"),
        # RFC 9110 §12.5.4 with RFC 4647 §3.3.1 ranges: the most specific range decides, q=0
        # excludes, "*" stands for the languages no other range names
        (None, [("sr-Latn", 0), ("*", 1)], "sr-Cyrl"),
        (None, [("sr-Latn", 0), ("sr", 1)], "sr-Cyrl"),
        (None, [("sr", 0), ("*", 1)], "en"),
        (None, [("*", 1), ("sr-Latn", 0.5)], "sr-Cyrl"),
        (None, [("de", 1), ("*", 0.5)], "sr-Latn"),
        (None, [("*", 0), ("en", 0.1)], "en"),
        (None, [("*", 0)], "sr-Latn"),
        (None, [("en", 1), ("sr", 1)], "en"),
        (None, [("sr-Cyrl-RS", 0.8), ("en", 0.9)], "en"),
        (None, [("sr-cyrl-rs", 0.9), ("en", 0.8)], "sr-Cyrl"),
        (None, [("en-GB", 0.5), ("sr-RS", 0.4)], "en"),
        (None, [("EN", 1)], "en"),
        (None, [("sr-Cyrl", 0), ("sr", 0.5), ("en", 0.4)], "sr-Latn"),
        (None, [("en", 0), ("*", 0.3)], "sr-Latn"),
    ],
)
def test_choose_lang(param, accepted, expected):
    assert choose_lang(param, accepted) == expected


def test_pick_literal_matches_lowercased_tags_and_falls_back():
    labels = [Literal("Бари", lang="sr-cyrl"), Literal("Bari", lang="sr-latn")]
    assert str(pick_literal(labels, "sr-Cyrl")) == "Бари"
    assert str(pick_literal(labels, "en")) == "Bari"
    assert pick_literal([], "en") is None


def test_canonical_lang_and_every_ui_string_in_three_languages():
    assert canonical_lang("SR-LATN-ba") == "sr-Latn-BA"
    assert all(len(texts) == len(LANGS) and all(texts) for texts in UI.values())


# Names and codes that stay in Latin script on a Cyrillic page (brands, standards, query words).
LATIN_OK = {"SPARQL", "Wikidata", "GeoNames", "ID", "LIMIT", "DCAT", "VoID", "P190", "P463"}
LATIN_OK |= {"P625", "P1566", "P571", "P856", "English", "sister", "graph", "dct", "source"}
LATIN_OK |= {"prov", "entity", "Creative", "Commons", "CC", "BY"}


def _latin_words(text: str) -> set[str]:
    text = re.sub(r"\{\w+\}|\b[a-z]+:[A-Za-z]+\b", "", text)  # placeholders, prefixed names
    return set(re.findall(r"[A-Za-z][A-Za-z0-9]+", text)) - LATIN_OK


def test_every_ui_string_exists_in_every_language_and_script():
    from sister_graph.views.error_text import ERRORS
    from sister_graph.views.i18n import LANG_NAMES
    from sister_graph.views.ui_text import TERMS, UI

    tables = {"UI": UI, "TERMS": TERMS}
    tables["ERRORS"] = {f"{k}.{i}": v[i] for k, v in ERRORS.items() for i in (0, 1)}
    for table_name, table in tables.items():
        for key, values in table.items():
            assert len(values) == 3 and all(v.strip() for v in values), (table_name, key)
            latin, cyrillic, english = values
            assert not re.search("[\u0400-\u04ff]", latin + english), (table_name, key)
            assert not _latin_words(cyrillic), (table_name, key, cyrillic)
    assert set(LANG_NAMES) == {"sr-Latn", "sr-Cyrl", "en"}


def test_a_missing_language_is_caught():
    assert _latin_words("Споразуми") == set() and _latin_words("Sporazumi") == {"Sporazumi"}


def test_every_ontology_label_and_comment_is_in_three_languages():
    from rdflib import RDFS, SKOS, Graph

    from tests.support import REPO

    graph = Graph().parse(REPO / "ontology" / "sister-graph.ttl")
    checked = 0
    for predicate in (RDFS.label, RDFS.comment, SKOS.prefLabel):
        for subject in set(graph.subjects(predicate, None)):
            langs = {(o.language or "").lower() for o in graph.objects(subject, predicate)}
            assert {"en", "sr-latn", "sr-cyrl"} <= langs, (subject, predicate, langs)
            cyrillic = [o for o in graph.objects(subject, predicate) if o.language == "sr-Cyrl"]
            assert all(not _latin_words(str(o)) for o in cyrillic), (subject, cyrillic)
            checked += 1
    assert checked > 40


def test_the_ontology_writes_each_cyrillic_text_as_its_latin_one_transliterated():
    """Every sr-Cyrl label, preferred label and comment of the vocabulary is its sr-Latn text in
    Cyrillic (the words kept Latin, such as the project's name, in place): "рјечник
    sister-graph" had its words the other way round from "sister-graph rječnik"."""
    from rdflib import Graph

    from sister_graph.views.i18n import cyrillic
    from tests.support import REPO

    graph = Graph().parse(REPO / "ontology" / "sister-graph.ttl")
    texts: dict[tuple, dict[str, str]] = {}
    for subject, predicate, value in graph:
        if getattr(value, "language", None) in ("sr-Latn", "sr-Cyrl"):
            texts.setdefault((subject, predicate), {})[value.language] = str(value)
    pairs = [t for t in texts.values() if len(t) == 2]
    assert len(pairs) > 30
    assert [t for t in pairs if cyrillic(t["sr-Latn"]) != t["sr-Cyrl"]] == []
