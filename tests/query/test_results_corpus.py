"""The SELECT writers give, byte for byte, the answers recorded in results_corpus/ for odd terms.

The recorded files were written by the writers before they were made faster; the corpus has
language tags in odd case, datatypes, blank nodes, unbound values, quotes, markup characters,
control characters, non-ASCII and triple terms (RDF 1.2), each on its own predicate so the
order is fixed.
"""

from __future__ import annotations

from pathlib import Path

import pyoxigraph as ox
import pytest

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
