"""Tests for negotiate: format parameter and Accept with q-values."""

from __future__ import annotations

import pytest
from werkzeug.datastructures import MIMEAccept
from werkzeug.http import parse_accept_header

from sister_graph.errors import NotAcceptable
from sister_graph.query.negotiation import BOOLEAN, GRAPH, PAGE, SOLUTIONS, choose

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
        ("application/json", GRAPH, "application/json"),
        ("application/json", SOLUTIONS, "application/json"),
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
