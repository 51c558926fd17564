"""Tests for the fast path: a repeated GET /sparql is replayed byte for byte, nothing else is."""

from __future__ import annotations

import logging

import pytest
import requests

from sister_graph.query.cache import ResultsCache
from sister_graph.query.results import Answer
from sister_graph.web.fast_path import BODY, FastPath, request_key
from tests.support import LiveServer, endpoint_config, fixture_ntriples

REMEMBERED = "query=remembered"
JSON = "application/sparql-results+json"


def _replayed(caplog) -> int:
    return sum(REMEMBERED in r.getMessage() for r in caplog.records)


def _get(url: str, query: str, **headers: str) -> requests.Response:
    return requests.get(url, params={"query": query}, headers=headers)


@pytest.fixture
def access_log(caplog):
    caplog.set_level(logging.INFO, logger="sister_graph.access")
    return caplog


def test_repeated_get_is_replayed_with_the_same_headers_and_body(endpoint, access_log):
    query = "SELECT ?s WHERE { ?s ?p ?o } ORDER BY ?s LIMIT 3"
    first = _get(endpoint.sparql, query, Accept=JSON)
    second = _get(endpoint.sparql, query, Accept=JSON)
    assert first.status_code == second.status_code == 200
    assert second.content == first.content
    same = {k: v for k, v in first.headers.items() if k != "Date"}
    assert {k: v for k, v in second.headers.items() if k != "Date"} == same
    assert second.headers["Access-Control-Allow-Origin"] == "*" and second.headers["ETag"]
    assert _replayed(access_log) == 1


def test_each_accept_header_gets_its_own_format(endpoint, access_log):
    query = "SELECT ?s WHERE { ?s ?p ?o } ORDER BY DESC(?s) LIMIT 2"
    for _ in range(2):
        as_json = _get(endpoint.sparql, query, Accept=JSON)
        as_csv = _get(endpoint.sparql, query, Accept="text/csv")
        assert as_json.headers["Content-Type"].startswith(JSON)
        assert as_csv.headers["Content-Type"].startswith("text/csv")
        assert as_csv.text.startswith("s\r\n")
    assert _replayed(access_log) == 2


def test_conditional_and_head_requests_still_get_their_own_answers(endpoint):
    query = "ASK { ?s ?p ?o }"
    first = _get(endpoint.sparql, query, Accept=JSON)
    _get(endpoint.sparql, query, Accept=JSON)
    etag = first.headers["ETag"]
    again = _get(endpoint.sparql, query, Accept=JSON, **{"If-None-Match": etag})
    assert again.status_code == 304 and again.content == b""
    head = requests.head(endpoint.sparql, params={"query": query}, headers={"Accept": JSON})
    assert head.status_code == 200 and head.content == b"" and head.headers["ETag"] == etag


def test_errors_are_never_replayed(endpoint, access_log):
    for _ in range(2):
        assert _get(endpoint.sparql, "SELECT ?s WHERE {", Accept=JSON).status_code == 400
        assert _get(endpoint.sparql, "ASK {}", Accept="image/png").status_code == 406
    assert _replayed(access_log) == 0


def _marking_app(environ, start_response):
    body = environ["PATH_INFO"].encode() * 10
    environ[BODY] = body
    start_response("200 OK", [("Content-Type", "text/plain")])
    return [body]


def _ignore(status, headers, exc_info=None):
    return None


def test_remembered_responses_share_the_results_caches_byte_budget():
    memory = ResultsCache(entries=100, max_bytes=400)
    memory.put(("answer",), Answer(b"a" * 100))
    fast = FastPath(_marking_app, memory=memory)
    for n in range(20):
        path = f"/{n:09d}"  # 10-byte path: 100-byte body
        environ = {"REQUEST_METHOD": "GET", "PATH_INFO": path}
        assert fast(environ, _ignore) == [path.encode() * 10]
        assert memory.bytes <= 400
    assert len(memory) == 4 and memory.get(("answer",)) is None
    assert memory.get(request_key({"PATH_INFO": "/000000019"})).body == b"/000000019" * 10


def test_cache_off_replays_nothing(tmp_path, access_log):
    server = LiveServer(endpoint_config(tmp_path, fixture_ntriples(), cache_entries=0))
    try:
        answers = [_get(server.sparql, "ASK { ?s ?p ?o }", Accept=JSON) for _ in range(2)]
    finally:
        server.close()
    assert [a.json()["boolean"] for a in answers] == [True, True]
    assert _replayed(access_log) == 0
