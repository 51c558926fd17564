"""Tests for sparql.read_protocol_request: where the query comes from, and what is refused."""

from __future__ import annotations

import pytest
from werkzeug.datastructures import MultiDict

from sister_graph.errors import BadRequest, PayloadTooLarge, QueryRefused, UnsupportedMediaType
from sister_graph.query.service import FORM, QUERY, UPDATE, ProtocolRequest, read_protocol_request


def read(method="GET", args=(), **kw):
    return read_protocol_request(method=method, args=MultiDict(args), max_query_bytes=100, **kw)


def test_get_query_with_dataset_and_format():
    request = read(
        args=[
            ("query", "ASK {}"),
            ("default-graph-uri", "http://a/"),
            ("default-graph-uri", "http://b/"),
            ("named-graph-uri", "http://c/"),
            ("format", "xml"),
        ]
    )
    assert request == ProtocolRequest("ASK {}", ("http://a/", "http://b/"), ("http://c/",), "xml")


def test_no_query_on_get_means_describe_the_service():
    assert read().query is None


def test_form_post_merges_url_graphs_and_direct_post_reads_the_body():
    form = read(
        "POST",
        [("default-graph-uri", "http://a/")],
        mimetype=FORM,
        body=b"query=ASK+%7B%7D",
    )
    assert (form.query, form.default_graphs) == ("ASK {}", ("http://a/",))
    direct = read("POST", mimetype=QUERY, charset="utf-8", body='ASK { ?s ?p "ž" }'.encode())
    assert direct.query == 'ASK { ?s ?p "ž" }'
    saved = read("POST", mimetype=QUERY, body='\ufeffASK { ?s ?p "ž" }'.encode())  # a BOM
    assert saved.query == 'ASK { ?s ?p "ž" }'


@pytest.mark.parametrize(
    ("kwargs", "error"),
    [
        ({"method": "POST"}, UnsupportedMediaType),
        ({"method": "POST", "mimetype": "text/plain", "body": b"ASK {}"}, UnsupportedMediaType),
        (
            {"method": "POST", "mimetype": QUERY, "charset": "utf-16", "body": b"x"},
            UnsupportedMediaType,
        ),
        ({"method": "POST", "mimetype": QUERY, "body": b"\xff\xfe"}, BadRequest),
        ({"method": "POST", "mimetype": UPDATE, "body": b"CLEAR ALL"}, QueryRefused),
        ({"method": "POST", "mimetype": FORM, "body": b""}, BadRequest),
        ({"args": [("update", "CLEAR ALL")]}, QueryRefused),
        ({"args": [("query", "ASK {}"), ("query", "ASK {}")]}, BadRequest),
        (
            {"method": "POST", "args": [("query", "ASK {}")], "mimetype": QUERY, "body": b"ASK {}"},
            BadRequest,
        ),
        ({"args": [("query", "ASK {} #" + "x" * 100)]}, PayloadTooLarge),
        ({"args": [("query", "ASK {}"), ("default-graph-uri", "no iri")]}, BadRequest),
    ],
)
def test_protocol_violations(kwargs, error):
    with pytest.raises(error):
        read(**kwargs)
