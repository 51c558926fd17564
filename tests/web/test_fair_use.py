"""One client cannot starve the others: two clients on two loopback addresses, one greedy.

127.0.0.2 and 127.0.0.3 are both loopback on Linux (all of 127.0.0.0/8 is), so each
connection below comes from its own client address to the same server.
"""

from __future__ import annotations

import http.client
import json
import threading
import time
import urllib.parse

import pytest

from sister_graph.web.context import EXTENSION
from tests.support import LiveServer, chain_ntriples, endpoint_config, fixture_ntriples

GREEDY, OTHER = "127.0.0.2", "127.0.0.3"
TIMEOUT = 2.0
HEAVY = "SELECT (COUNT(*) AS ?n) { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l }"
JSON = "application/sparql-results+json"


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    root = tmp_path_factory.mktemp("fair")
    config = endpoint_config(
        root,
        fixture_ntriples() + chain_ntriples(400),
        query_timeout=TIMEOUT,
        query_workers=2,
        client_queries=1,
        client_query_seconds=1.5,
        inline_solutions=0,  # every query in a worker: fair use, not the bound, keeps it fast
    )
    live = LiveServer(config)
    yield live
    live.close()


def ask(server: LiveServer, source: str, query: str) -> tuple[int, dict, bytes]:
    """Send one GET /sparql from the given source address; return status, headers, body."""
    address = urllib.parse.urlsplit(server.url)
    connection = http.client.HTTPConnection(
        address.hostname, address.port, timeout=30, source_address=(source, 0)
    )
    try:
        path = "/sparql?" + urllib.parse.urlencode({"query": query})
        connection.request("GET", path, headers={"Accept": JSON})
        response = connection.getresponse()
        return response.status, dict(response.getheaders()), response.read()
    finally:
        connection.close()


def test_a_greedy_client_gets_429_while_another_client_is_answered(server):
    finished: list[str] = []
    heavy: dict = {}

    def run_heavy() -> None:
        heavy["reply"] = ask(server, GREEDY, HEAVY + " # 1")
        finished.append("heavy")

    thread = threading.Thread(target=run_heavy)
    thread.start()
    books = server.app.extensions[EXTENSION].fair_use
    deadline = time.monotonic() + 10
    while books.clients() == 0 and time.monotonic() < deadline:  # until it is being evaluated
        time.sleep(0.02)
    status, headers, body = ask(server, GREEDY, HEAVY + " # 2")
    assert status == 429, body
    assert headers["Retry-After"] == "1"
    assert json.loads(body)["error"]["code"] == "too-many-requests"
    status, _, body = ask(server, OTHER, "ASK { <urn:x:n0> <urn:x:next> <urn:x:n1> } # unique")
    finished.append("other")
    assert status == 200 and json.loads(body)["boolean"] is True
    thread.join(TIMEOUT + 10)
    assert heavy["reply"][0] == 503  # the heavy query ran to the timeout and was stopped
    assert finished == ["other", "heavy"]  # the other client did not wait for the greedy one

    # The greedy client has now used its 1.5 s of query time for this minute ...
    status, headers, body = ask(server, GREEDY, "ASK { ?s ?p ?o } # after")
    assert status == 429, body
    assert 1 <= int(headers["Retry-After"]) <= 60
    assert "query time" in json.loads(body)["error"]["message"]
    # ... while the other client is not held back, and cached answers are never refused.
    status, _, _ = ask(server, OTHER, "ASK { ?s ?p ?o } # after")
    assert status == 200
    status, _, _ = ask(server, GREEDY, "ASK { ?s ?p ?o } # after")
    assert status == 200
