"""Example queries: each has a title and description, and runs on the real dataset."""

from __future__ import annotations

import re

import pytest
from rdflib import Graph

from sister_graph.views.examples import parse_example, read_examples, with_prefixes


def test_examples_have_titles_descriptions_and_bodies():
    examples = read_examples()
    assert len(examples) >= 8
    for example in examples:
        assert example.title and example.description and "#" not in example.body.split("\n")[0]


def test_parse_example_refuses_a_file_without_description():
    with pytest.raises(ValueError, match="description"):
        parse_example("x.rq", "# title: T\nASK {}\n")


def test_with_prefixes_declares_only_what_the_body_uses():
    text = with_prefixes("ASK { ?s sg:partner ?o ; rdfs:label 'a:b' }", base="https://x.org/")
    assert "PREFIX sg: <https://x.org/ontology#>" in text and "PREFIX rdfs:" in text
    assert "PREFIX schema:" not in text


def test_every_example_answers_on_the_built_graph(built):
    config, result = built
    graph: Graph = result.graph
    for example in read_examples():
        answer = graph.query(with_prefixes(example.body, base=config.base))
        if answer.type == "ASK":
            assert answer.askAnswer is True, example.name
        else:
            assert len(answer) > 0, example.name


def test_every_example_has_title_and_description_in_every_language():
    from sister_graph.views.i18n import LANGS

    for example in read_examples():
        for lang in LANGS:
            assert example.titles.get(lang), (example.name, "title", lang)
            assert example.descriptions.get(lang), (example.name, "description", lang)
        cyrillic = example.title_in("sr-Cyrl") + example.description_in("sr-Cyrl")
        assert not re.search(
            r"\b(?!wdt|ASK|CONSTRUCT|GeoNames|Wikidata)[A-Za-z]{3,}\b", cyrillic
        ), example.name


def test_a_translated_example_is_parsed_per_language():
    example = parse_example(
        "x.rq",
        "# title: T\n# title@sr-Cyrl: Т\n# description: D\n# description@sr-Latn: O\nASK {}\n",
    )
    assert (example.title_in("sr-Cyrl"), example.title_in("sr-Latn")) == ("Т", "T")
    assert example.description_in("sr-Latn") == "O"
