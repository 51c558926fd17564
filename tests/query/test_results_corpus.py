"""The SELECT writers give, byte for byte, the answers recorded in results_corpus/ for odd terms.

The recorded files were written by the writers before they were made faster; the corpus has
language tags in odd case, datatypes, blank nodes, unbound values, quotes, markup characters,
control characters, non-ASCII and triple terms (RDF 1.2), each on its own predicate so the
order is fixed.
"""

from __future__ import annotations

import json
from pathlib import Path

import pyoxigraph as ox
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from sister_graph.query.results import to_answer

CORPUS = Path(__file__).parent / "results_corpus"
XSD = "http://www.w3.org/2001/XMLSchema#"
# characters XML 1.0 cannot carry: only in the JSON, CSV and TSV answers
NOT_XML = "\x01\x08\x0b\x1f"
MEDIA = {
    "json": "application/sparql-results+json",
    "xml": "application/sparql-results+xml",
    "csv": "text/csv",
    "tsv": "text/tab-separated-values",
}


def corpus_terms() -> list:
    """Return the odd terms of the corpus, in predicate order."""
    lit, node = ox.Literal, ox.NamedNode
    triple = ox.Triple(node("urn:a"), node("urn:b"), lit('c "d"\n', language="de-ch"))
    return [
        node("http://example.org/é?q=1&r='2'#frag"),
        ox.BlankNode("b1"),
        lit("plain"),
        lit(""),
        lit("Бања Лука", language="sr-cyrl"),
        lit("tab\tcr\rlf\n \"q\" 'a' <&> \\ ]]> ,;", language="en-gb"),
        lit("x", language="DE-CH-1901"),
        lit("y", language="en-x-private"),
        lit("7", datatype=node(XSD + "integer")),
        lit("s", datatype=node(XSD + "string")),
        lit("true", datatype=node(XSD + "boolean")),
        lit("x", datatype=node("http://example.org/dt#a&b'c")),
        lit("\x7f\x85\u2028\u2029\ud7ff\ue000\U0001f600 \u00e9"),
        triple,
        ox.Triple(node("urn:s"), node("urn:p"), triple),
        lit(f"ctl {NOT_XML} end"),
    ]


@pytest.fixture(scope="module")
def store() -> ox.Store:
    store = ox.Store()
    for index, term in enumerate(corpus_terms()):
        store.add(ox.Quad(ox.NamedNode("urn:s"), ox.NamedNode(f"urn:p{index:02}"), term))
    return store


def corpus_answer(store: ox.Store, fmt: str) -> bytes:
    """Return the corpus answer in a format ("json", "xml", "csv" or "tsv")."""
    skip = f'FILTER(!isLiteral(?o) || !CONTAINS(STR(?o), "{NOT_XML[0]}"))' if fmt == "xml" else ""
    text = f"SELECT ?p ?o ?unbound {{ ?s ?p ?o {skip} }} ORDER BY ?p"
    return to_answer(store.query(text), media_type=MEDIA[fmt], max_rows=100).body


@pytest.mark.parametrize("fmt", MEDIA)
def test_the_writers_answer_as_recorded(store, fmt):
    assert corpus_answer(store, fmt) == (CORPUS / f"select.{fmt}").read_bytes()


def test_json_from_the_engine_is_byte_for_byte_the_json_written_here(store):
    """A bounded query's JSON comes from the engine's writer (rows_at_most): the same bytes."""
    text = "SELECT ?p ?o ?unbound { ?s ?p ?o } ORDER BY ?p"
    ours = to_answer(store.query(text), media_type=MEDIA["json"], max_rows=100)
    engine = to_answer(store.query(text), media_type=MEDIA["json"], max_rows=100, rows_at_most=16)
    assert engine.body == ours.body == (CORPUS / "select.json").read_bytes()
    assert not engine.truncated and b'"xml:lang":"sr-Cyrl"' in engine.body


TAGS = ("en", "sr-latn", "sr-cyrl-ba", "de-ch-1901", "en-x-private", "zh-hant-tw", "es-419")


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    values=st.lists(st.text(st.characters(exclude_categories=("Cs",))), min_size=1, max_size=4),
    tag=st.sampled_from(TAGS).flatmap(
        lambda tag: st.lists(st.booleans(), min_size=len(tag), max_size=len(tag)).map(
            lambda upper: "".join(
                c.upper() if u else c.lower() for c, u in zip(tag, upper, strict=True)
            )
        )
    ),
)
def test_any_text_and_tag_give_the_same_json_from_both_writers(values, tag):
    store = ox.Store()
    for index, value in enumerate(values):
        term = ox.Literal(value, language=tag) if index % 2 else ox.Literal(value)
        store.add(ox.Quad(ox.NamedNode(f"urn:{index}"), ox.NamedNode("urn:p"), term))
        store.add(
            ox.Quad(
                ox.NamedNode(f"urn:{index}"),
                ox.NamedNode("urn:q"),
                ox.NamedNode("urn:x:" + value.encode().hex()),
            )
        )
    text = "SELECT * { ?s ?p ?o } ORDER BY ?s ?p"
    ours = to_answer(store.query(text), media_type=MEDIA["json"], max_rows=100).body
    engine = to_answer(
        store.query(text), media_type=MEDIA["json"], max_rows=100, rows_at_most=100
    ).body
    assert engine == ours


@pytest.mark.parametrize("max_rows", [1, 5, 15, 16, 17])
def test_engine_json_is_cut_as_the_json_written_here(store, max_rows):
    """A bound above max_rows: the engine writes every row, the answer is cut as ours is."""
    text = "SELECT ?p ?o ?unbound { ?s ?p ?o } ORDER BY ?p"
    ours = to_answer(store.query(text), media_type=MEDIA["json"], max_rows=max_rows)
    engine = to_answer(
        store.query(text), media_type=MEDIA["json"], max_rows=max_rows, rows_at_most=8 * max_rows
    )
    assert (engine.body, engine.truncated) == (ours.body, ours.truncated)
    assert ours.truncated == (max_rows < 16)


def test_a_value_spelling_a_tag_member_keeps_its_case():
    store = ox.Store()
    value = '"xml:lang":"sr-latn" },{ "xml:lang":"sr-latn"'
    literal = ox.Literal(value, language="sr-latn")
    store.add(ox.Quad(ox.NamedNode("urn:s"), ox.NamedNode("urn:p"), literal))
    text = "SELECT ?o { ?s ?p ?o }"
    engine = to_answer(store.query(text), media_type=MEDIA["json"], max_rows=1, rows_at_most=2)
    ours = to_answer(store.query(text), media_type=MEDIA["json"], max_rows=1)
    assert engine == ours
    assert json.loads(engine.body)["results"]["bindings"][0]["o"] == {
        "type": "literal",
        "value": value,
        "xml:lang": "sr-Latn",
    }
