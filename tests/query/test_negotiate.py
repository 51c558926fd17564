"""Tests for negotiate: format parameter and Accept with q-values."""

from __future__ import annotations

import pytest
from werkzeug.datastructures import MIMEAccept
from werkzeug.http import parse_accept_header

from sister_graph.errors import NotAcceptable
from sister_graph.query.negotiation import BOOLEAN, GRAPH, PAGE, SOLUTIONS, choose, error_format

BROWSER = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"


def accept(header: str) -> MIMEAccept:
    return parse_accept_header(header, MIMEAccept)


@pytest.mark.parametrize(
    ("header", "offers", "expected"),
    [
        ("", SOLUTIONS, "application/sparql-results+json"),
        ("*/*", GRAPH, "text/turtle"),
        ("text/csv;q=0.5, text/tab-separated-values", SOLUTIONS, "text/tab-separated-values"),
        ("application/rdf+xml;q=0.2, application/n-triples;q=0.9", GRAPH, "application/n-triples"),
        ("application/json", GRAPH, "application/ld+json"),
        ("application/json", SOLUTIONS, "application/sparql-results+json"),
        (BROWSER, PAGE, "text/html"),
    ],
)
def test_accept_with_q_values(header, offers, expected):
    assert choose(accept(header), offers).media_type == expected


@pytest.mark.parametrize(
    ("name", "offers", "expected"),
    [
        ("json", GRAPH, "jsonld"),
        ("xml", GRAPH, "rdfxml"),
        ("rdf+xml", GRAPH, "rdfxml"),
        ("n3", GRAPH, "turtle"),
        ("nt", GRAPH, "ntriples"),
        ("csv", SOLUTIONS, "csv"),
        ("text/tab-separated-values", SOLUTIONS, "tsv"),
        ("xml", BOOLEAN, "xml"),
    ],
)
def test_format_parameter_wins_over_accept(name, offers, expected):
    assert choose(accept("text/html"), offers, format=name).format.name == expected


def test_nothing_acceptable():
    with pytest.raises(NotAcceptable):
        choose(accept("image/png"), SOLUTIONS)
    with pytest.raises(NotAcceptable):
        choose(accept("*/*"), BOOLEAN, format="csv")


COMPACTED = 'application/ld+json;profile="http://www.w3.org/ns/json-ld#compacted"'


@pytest.mark.parametrize(
    ("header", "offers", "expected"),
    [
        ("text/turtle;charset=utf-8", GRAPH, "text/turtle"),
        ("text/turtle; charset=UTF-8", PAGE, "text/turtle"),
        (COMPACTED, GRAPH, "application/ld+json"),
        (COMPACTED, PAGE, "application/ld+json"),
        (
            "application/sparql-results+json;charset=utf-8",
            SOLUTIONS,
            "application/sparql-results+json",
        ),
        (
            "application/sparql-results+json;charset=utf-8",
            BOOLEAN,
            "application/sparql-results+json",
        ),
        (
            "application/n-triples;charset=utf-8;q=0.9, text/turtle;q=0.1",
            GRAPH,
            "application/n-triples",
        ),
        ("application/*", PAGE, "application/ld+json"),
        ("application/*", GRAPH, "application/ld+json"),
        ("application/*", SOLUTIONS, "application/sparql-results+json"),
        ("application/*", BOOLEAN, "application/sparql-results+json"),
        ("*/*", PAGE, "text/turtle"),
        ("*/*", SOLUTIONS, "application/sparql-results+json"),
        ("text/*", SOLUTIONS, "text/csv"),
        ("text/plain", GRAPH, "application/n-triples"),
        ("application/xml", BOOLEAN, "application/sparql-results+xml"),
        ("text/xml", GRAPH, "application/rdf+xml"),
    ],
)
def test_parameters_are_ignored_and_wildcards_pick_one_canonical_type(header, offers, expected):
    assert choose(accept(header), offers).media_type == expected


def test_a_wildcard_never_selects_through_an_alias():
    with pytest.raises(NotAcceptable):
        choose(accept("text/*"), BOOLEAN)  # text/xml is only an alias of SPARQL XML


@pytest.mark.parametrize(
    "name", ["application/json", "text/xml", "text/plain", "application/x-turtle"]
)
def test_format_parameter_labels_with_the_canonical_type(name):
    choice = choose(accept(""), GRAPH, format=name)
    assert choice.media_type == choice.format.media_type


@pytest.mark.parametrize(
    ("header", "expected"),
    [
        ("application/sparql-results+json;charset=utf-8", "json"),
        ("application/json", "json"),
        (COMPACTED, "json"),
        ("application/*", "json"),
        (BROWSER, "html"),
        ("*/*", "text"),
        ("text/turtle", "text"),
        ("", "text"),
    ],
)
def test_error_bodies_follow_accept(header, expected):
    assert error_format(accept(header)).name == expected
