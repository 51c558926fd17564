"""Pushing the dump with the Graph Store Protocol: request shape, auth and errors."""

from __future__ import annotations

import base64
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from sister_graph.build.graph_store_push import push_graph
from sister_graph.errors import GraphStoreError
from sister_graph.rdf.formats import NTRIPLES

DUMP = b"<urn:x:a> <urn:x:b> <urn:x:c> .\n"


class _Recorder(BaseHTTPRequestHandler):
    """Answers PUT with the status the test sets; asks for basic auth when a password is set."""

    def do_PUT(self) -> None:  # noqa: N802 - http.server's naming
        server = self.server
        body = self.rfile.read(int(self.headers["Content-Length"]))
        if server.password and self.headers.get("Authorization") != server.password:
            self.send_response(401)
            self.send_header("WWW-Authenticate", 'Basic realm="gsp"')
            self.end_headers()
            return
        server.requests.append((self.path, self.headers["Content-Type"], body))
        self.send_response(server.status)
        self.send_header("Content-Type", "text/plain")
        self.end_headers()
        self.wfile.write(b"store says no\n" if server.status >= 400 else b"")

    def log_message(self, *args) -> None:
        """Keep test output quiet."""


@pytest.fixture
def gsp() -> Iterator[ThreadingHTTPServer]:
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Recorder)
    server.status, server.password, server.requests = 201, None, []
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield server
    server.shutdown()
    server.server_close()


@pytest.fixture
def dump(tmp_path: Path) -> Path:
    path = tmp_path / "sister-graph.nt"
    path.write_bytes(DUMP)
    return path


def _url(server: ThreadingHTTPServer) -> str:
    return f"http://127.0.0.1:{server.server_address[1]}/gsp"


def test_push_puts_the_ntriples_into_the_named_graph(gsp, dump: Path) -> None:
    pushed = push_graph(_url(gsp), dump, graph="https://w3id.org/sister-graph/graph")
    assert pushed.status == 201
    assert gsp.requests == [
        ("/gsp?graph=https%3A%2F%2Fw3id.org%2Fsister-graph%2Fgraph", NTRIPLES.media_type, DUMP)
    ]


def test_push_without_a_graph_replaces_the_default_graph(gsp, dump: Path) -> None:
    push_graph(_url(gsp), dump)
    assert gsp.requests[0][0] == "/gsp?default"


def test_push_answers_a_basic_auth_challenge(gsp, dump: Path) -> None:
    gsp.password = "Basic " + base64.b64encode(b"dba:secret").decode()
    push_graph(_url(gsp), dump, graph="urn:g", user="dba", password="secret")
    assert len(gsp.requests) == 1


def test_wrong_credentials_name_the_status_and_the_fix(gsp, dump: Path) -> None:
    gsp.password = "Basic " + base64.b64encode(b"dba:secret").decode()
    with pytest.raises(GraphStoreError, match=r"HTTP 401 .*check --user/--password"):
        push_graph(_url(gsp), dump, graph="urn:g", user="dba", password="wrong")


def test_a_server_error_names_the_status_and_the_servers_words(gsp, dump: Path) -> None:
    gsp.status = 500
    with pytest.raises(GraphStoreError, match=r"HTTP 500 .*store says no"):
        push_graph(_url(gsp), dump, graph="urn:g")


def test_an_unreachable_server_is_a_clear_error(dump: Path) -> None:
    with pytest.raises(GraphStoreError, match="cannot reach the graph store"):
        push_graph("http://127.0.0.1:9/gsp", dump, graph="urn:g", timeout=5)


def test_only_http_urls_are_accepted(dump: Path) -> None:
    with pytest.raises(GraphStoreError, match="not an http"):
        push_graph("file:///etc/passwd", dump)
