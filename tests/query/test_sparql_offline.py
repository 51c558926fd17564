"""No query or parameter makes the server open a connection anywhere (SERVICE, FROM, LOAD, ...)."""

from __future__ import annotations

import socket
import threading
from collections.abc import Iterator

import pytest
import requests


@pytest.fixture
def listener() -> Iterator[tuple[str, list]]:
    """A TCP listener on loopback that records every connection it accepts."""
    server = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    server.bind(("127.0.0.1", 0))
    server.listen(16)
    server.settimeout(0.1)
    accepted: list = []
    stop = threading.Event()

    def accept() -> None:
        while not stop.is_set():
            try:
                conn, _ = server.accept()
            except TimeoutError:
                continue
            accepted.append(conn)
            conn.close()

    thread = threading.Thread(target=accept, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.getsockname()[1]}/", accepted
    stop.set()
    thread.join()
    server.close()


def attempts(trap: str) -> list[tuple[str, dict, dict]]:
    """Return (method, params, data) requests that would fetch trap if the server federated."""
    return [
        ("GET", {"query": f"SELECT * {{ SERVICE <{trap}> {{ ?s ?p ?o }} }}"}, {}),
        ("GET", {"query": f"SELECT * {{ SERVICE SILENT <{trap}> {{ ?s ?p ?o }} }}"}, {}),
        ("GET", {"query": f"ASK {{ {{ SELECT * {{ SERVICE <{trap}> {{ }} }} }} }}"}, {}),
        ("GET", {"query": f"SELECT * FROM <{trap}x> {{ ?s ?p ?o }}"}, {}),
        ("GET", {"query": f"SELECT * FROM NAMED <{trap}x> {{ GRAPH ?g {{ ?s ?p ?o }} }}"}, {}),
        ("GET", {"query": "ASK { ?s ?p ?o }", "default-graph-uri": f"{trap}x"}, {}),
        ("GET", {"query": "ASK { GRAPH ?g { ?s ?p ?o } }", "named-graph-uri": f"{trap}x"}, {}),
        ("POST", {}, {"update": f"LOAD <{trap}x>"}),
        ("POST", {}, {"query": f"LOAD <{trap}x>"}),
        ("GET", {"query": f"DESCRIBE <{trap}x>"}, {}),
        ("GET", {"query": f'SELECT (IRI("{trap}") AS ?x) {{ }}'}, {}),
    ]


def test_nothing_reaches_a_local_listener(endpoint, listener):
    trap, accepted = listener
    statuses = []
    for method, params, data in attempts(trap):
        response = requests.request(method, endpoint.sparql, params=params, data=data)
        statuses.append(response.status_code)
    assert not accepted, "the server connected to the trap"
    assert statuses == [403, 403, 403, 200, 200, 200, 200, 403, 403, 200, 200]


def test_remote_looking_graphs_are_empty_local_graphs(endpoint, listener):
    trap, accepted = listener
    query = f"SELECT (COUNT(*) AS ?n) FROM <{trap}x> {{ ?s ?p ?o }}"
    count = requests.get(endpoint.sparql, params={"query": query}).json()
    assert count["results"]["bindings"][0]["n"]["value"] == "0"
    full = requests.get(endpoint.sparql, params={"query": query.replace(f"FROM <{trap}x> ", "")})
    assert full.json()["results"]["bindings"][0]["n"]["value"] == "22"
    assert not accepted
