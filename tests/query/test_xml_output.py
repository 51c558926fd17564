"""XML outputs carry every character: CR and TAB round-trip, what XML 1.0 cannot carry is a 406."""

from __future__ import annotations

import xml.etree.ElementTree as ET

import pyoxigraph as ox
import pytest
from rdflib import Graph, Literal, URIRef

from sister_graph.errors import NotRepresentable
from sister_graph.query.results import to_answer
from sister_graph.rdf.serialize import to_rdfxml
from sister_graph.rdf.xml_chars import escape_text, fix_rdfxml, quote_attribute

SRX = "{http://www.w3.org/2005/sparql-results#}"
VALUES = ["g\rh", "tab\there", "cr\r\nlf", "\r", "a\tb\rc\nd", "<&>\"'", "ls\u2028ps\u2029nel\x85"]
GRAPH_MEDIA = ("text/turtle", "application/n-triples", "application/ld+json", "application/rdf+xml")


@pytest.fixture(scope="module")
def store() -> ox.Store:
    store = ox.Store()
    for index, value in enumerate(VALUES):
        subject = ox.NamedNode(f"urn:x:s{index}")
        store.add(ox.Quad(subject, ox.NamedNode("urn:x:p"), ox.Literal(value)))
        store.add(ox.Quad(subject, ox.NamedNode("urn:x:q"), ox.Literal(value, language="sr-Cyrl")))
    return store


def _srx_values(body: bytes) -> list[str]:
    root = ET.fromstring(body)
    return [lit.text or "" for lit in root.iter(f"{SRX}literal")]


def test_select_xml_keeps_cr_and_tab_from_bind():
    answer = to_answer(
        ox.Store().query('SELECT ?w { BIND("g\\rh\\ti" AS ?w) }'),
        media_type="application/sparql-results+xml",
        max_rows=10,
    )
    assert b"&#13;" in answer.body
    assert _srx_values(answer.body) == ["g\rh\ti"]
    parsed = ox.parse_query_results(answer.body, format=ox.QueryResultsFormat.XML)
    assert [row["w"].value for row in parsed] == ["g\rh\ti"]


def test_select_xml_keeps_every_stored_value(store):
    answer = to_answer(
        store.query("SELECT ?o { ?s <urn:x:p> ?o }"),
        media_type="application/sparql-results+xml",
        max_rows=100,
    )
    assert sorted(_srx_values(answer.body)) == sorted(VALUES)


@pytest.mark.filterwarnings("ignore:ConjunctiveGraph is deprecated:DeprecationWarning")
@pytest.mark.parametrize("media_type", GRAPH_MEDIA)
def test_construct_keeps_cr_and_tab_in_every_rdf_format(store, media_type):
    answer = to_answer(
        store.query("CONSTRUCT WHERE { ?s ?p ?o }"), media_type=media_type, max_rows=100
    )
    rdflib_format = {
        "text/turtle": "turtle",
        "application/n-triples": "nt",
        "application/ld+json": "json-ld",
        "application/rdf+xml": "xml",
    }[media_type]
    graph = Graph().parse(data=answer.body, format=rdflib_format)
    plain = sorted(str(o) for o in graph.objects(None, URIRef("urn:x:p")))
    assert plain == sorted(VALUES)
    tags = {o.language for o in graph.objects(None, URIRef("urn:x:q"))}
    assert tags == {"sr-Cyrl"}


@pytest.mark.parametrize("value", ["a\x01b", "\x00", "x\x0bz", "\x1f", "\ufffe", "\uffff"])
def test_a_character_xml_cannot_carry_is_refused_never_ill_formed(value):
    store = ox.Store()
    store.add(ox.Quad(ox.NamedNode("urn:x:s"), ox.NamedNode("urn:x:p"), ox.Literal(value)))
    with pytest.raises(NotRepresentable, match=r"U\+[0-9A-F]{4}.*JSON") as caught:
        to_answer(
            store.query("SELECT ?o { ?s ?p ?o }"),
            media_type="application/sparql-results+xml",
            max_rows=10,
        )
    assert caught.value.status == 406
    with pytest.raises(NotRepresentable, match="Turtle"):
        to_answer(
            store.query("CONSTRUCT WHERE { ?s ?p ?o }"),
            media_type="application/rdf+xml",
            max_rows=10,
        )
    for media_type in ("application/sparql-results+json", "text/csv", "text/tab-separated-values"):
        body = to_answer(
            store.query("SELECT ?o { ?s ?p ?o }"), media_type=media_type, max_rows=10
        ).body
        assert body
    graph = Graph()
    graph.add((URIRef("urn:x:s"), URIRef("urn:x:p"), Literal(value)))
    with pytest.raises(NotRepresentable):
        to_rdfxml(graph, base="https://example.org/")


def test_rdfxml_dump_writer_keeps_cr_tab_and_tag_case():
    graph = Graph()
    for index, value in enumerate(VALUES):
        graph.add((URIRef(f"urn:x:s{index}"), URIRef("urn:x:p"), Literal(value, lang="sr-Latn")))
    data = to_rdfxml(graph, base="https://example.org/")
    back = Graph().parse(data=data, format="xml")
    assert set(back) == set(graph)
    assert b'xml:lang="sr-Latn"' in data and b"sr-latn" not in data


def test_helpers_escape_what_parsers_would_change():
    assert escape_text("a\rb\tc", other_formats="JSON") == "a&#13;b\tc"
    attribute = quote_attribute("x\ty\nz", other_formats="JSON")
    assert ET.fromstring(f"<a b={attribute}/>").get("b") == "x\ty\nz"
    assert fix_rdfxml(b"<a>x\ry</a>", other_formats="JSON") == b"<a>x&#13;y</a>"
    with pytest.raises(NotRepresentable):
        fix_rdfxml(b"<a>\x02</a>", other_formats="JSON")


# Property IRIs that do not end in an XML name: pyoxigraph's writer emits an element "<prefix:>",
# ill-formed under Namespaces in XML. Each must be a 406 naming the IRI, never ill-formed XML.
UNSPLITTABLE = ["http://x/1", "http://x/a#", "http://x/", "urn:x:1", "http://x/ab:", "urn:x:9-1"]
# Siblings that end in an XML name and must still be written and read back.
SPLITTABLE = ["http://x/1a", "http://x/é", "http://x/a:b", "http://x/_1", "urn:x:p"]


def _one_triple_store(predicate: str) -> ox.Store:
    store = ox.Store()
    subject = ox.NamedNode("http://x/s")
    store.add(ox.Quad(subject, ox.NamedNode(predicate), ox.Literal("a")))
    return store


@pytest.mark.parametrize("predicate", UNSPLITTABLE)
def test_a_property_rdfxml_cannot_name_is_refused_never_ill_formed(predicate):
    for query in ("CONSTRUCT WHERE { ?s ?p ?o }", "DESCRIBE <http://x/s>"):
        with pytest.raises(NotRepresentable, match=f"property <{predicate}>.*Turtle") as caught:
            to_answer(
                _one_triple_store(predicate).query(query),
                media_type="application/rdf+xml",
                max_rows=10,
            )
        assert caught.value.status == 406
        for media_type in GRAPH_MEDIA[:3]:
            body = to_answer(
                _one_triple_store(predicate).query(query), media_type=media_type, max_rows=10
            ).body
            assert predicate.encode() in body
    graph = Graph()
    graph.add((URIRef("http://x/s"), URIRef(predicate), Literal("a")))
    with pytest.raises(NotRepresentable, match=f"property <{predicate}>"):
        to_rdfxml(graph, base="https://example.org/")


def test_a_registered_namespace_used_as_a_property_is_refused():
    # to_rdfxml binds the project's prefixes: wdt: itself as a property gives "<wdt:>".
    graph = Graph()
    wdt = "http://www.wikidata.org/prop/direct/"
    graph.add((URIRef("http://x/s"), URIRef(wdt), Literal("a")))
    with pytest.raises(NotRepresentable, match=f"property <{wdt}>"):
        to_rdfxml(graph, base="https://example.org/")


@pytest.mark.parametrize("predicate", SPLITTABLE)
def test_a_property_ending_in_an_xml_name_still_round_trips(predicate):
    body = to_answer(
        _one_triple_store(predicate).query("CONSTRUCT WHERE { ?s ?p ?o }"),
        media_type="application/rdf+xml",
        max_rows=10,
    ).body
    back = Graph().parse(data=body, format="xml")
    assert set(back) == {(URIRef("http://x/s"), URIRef(predicate), Literal("a"))}
