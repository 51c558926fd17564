"""Property tests over HTTP: random parameters, paths, bodies and headers never give a 5xx.

Every answer is a 2xx, 3xx or 4xx, and no body shows a traceback or a path on this machine.
Requests go out as raw bytes, so invalid percent-encoding, NUL bytes and non-UTF-8 reach the app.
"""

from __future__ import annotations

import socket
import urllib.parse
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

REPO = str(Path(__file__).resolve().parents[2])
LEAKS = ("Traceback", 'File "', "site-packages", REPO)
PATHS = (
    "/sparql",
    "/",
    "/health",
    "/catalog",
    "/ontology",
    "/.well-known/void",
    "/id/city/banja-luka",
    "/id/",
    "/doc/city/banja-luka",
    "/download/",
    "/static/",
    "/openapi.json",
)
PARAMS = ("query", "format", "default-graph-uri", "named-graph-uri", "update", "lang", "q")
FUZZ = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])

raw_text = st.one_of(
    st.text(max_size=60),
    st.binary(max_size=60).map(lambda b: b.decode("latin-1")),
    st.sampled_from(["\x00", "%", "%zz", "%C0%AF", "%FF%FE", "%00", "\ud800", "../../etc/passwd"]),
    st.integers(min_value=100, max_value=50_000),  # a value of this many characters
)


def send(raw: bytes, port: int) -> tuple[int, bytes]:
    """Send one raw HTTP request to 127.0.0.1; return (status, body)."""
    with socket.create_connection(("127.0.0.1", port), timeout=30) as sock:
        sock.sendall(raw)
        chunks = []
        while chunk := sock.recv(65536):
            chunks.append(chunk)
    head, _, body = b"".join(chunks).partition(b"\r\n\r\n")
    return int(head.split(b" ", 2)[1]), body


def encode(value: str | int, *, raw: bool) -> bytes:
    """Percent-encode a value as a browser would, or pass it through as bytes (raw)."""
    data = ("x" * value if isinstance(value, int) else value).encode("utf-8", "surrogatepass")
    return data if raw else urllib.parse.quote_from_bytes(data, safe="").encode()


def request(method: str, target: bytes, headers: dict[str, bytes], body: bytes = b"") -> bytes:
    """Build a raw HTTP/1.1 request with Connection: close and a Content-Length."""
    lines = [method.encode() + b" " + target + b" HTTP/1.1", b"Host: 127.0.0.1"]
    lines += [name.encode() + b": " + value for name, value in headers.items()]
    lines += [b"Connection: close", b"Content-Length: " + str(len(body)).encode()]
    return b"\r\n".join(lines) + b"\r\n\r\n" + body


def check(status: int, body: bytes, sent: bytes) -> None:
    """Assert the answer is no server error and leaks nothing the request did not contain."""
    assert status < 500, body[:300]
    text = body.decode("utf-8", "replace")
    for leak in LEAKS:
        assert leak not in text or leak.encode() in sent, f"{leak!r} leaked: {text[:300]}"


def header_safe(value: bytes) -> bytes:
    """Drop the bytes that would end a header line early."""
    return value.replace(b"\r", b"").replace(b"\n", b"")


@pytest.fixture(scope="module")
def port(site) -> int:
    return site.server.effective_port


@FUZZ
@given(
    path=st.sampled_from(PATHS),
    params=st.lists(st.tuples(st.sampled_from(PARAMS), raw_text), max_size=4),
    raw=st.booleans(),
)
def test_random_query_parameters_never_give_a_server_error(port, path, params, raw):
    query = b"&".join(name.encode() + b"=" + encode(v, raw=raw) for name, v in params)
    target = path.encode() + (b"?" + query if query else b"")
    target = target.replace(b" ", b"%20").replace(b"\r", b"").replace(b"\n", b"").replace(b"#", b"")
    sent = request("GET", target, {"Accept": b"*/*"})
    check(*send(sent, port), sent)


@FUZZ
@given(path=st.text(max_size=80), prefix=st.sampled_from(["/id/", "/doc/", "/download/", "/"]))
def test_random_paths_never_give_a_server_error(port, path, prefix):
    target = prefix.encode() + encode(path, raw=False).replace(b"%2F", b"/")
    sent = request("GET", target, {"Accept": b"text/html"})
    check(*send(sent, port), sent)


@FUZZ
@given(
    content_type=st.one_of(
        st.sampled_from(
            [
                "application/sparql-query",
                "application/sparql-query; charset=latin-1",
                "application/x-www-form-urlencoded",
                "application/sparql-update",
                "multipart/form-data; boundary=x",
                "application/json",
                "text/plain",
                "",
            ]
        ),
        st.text(max_size=40),
    ),
    body=st.one_of(st.binary(max_size=300), st.text(max_size=300).map(str.encode)),
    accept=st.one_of(st.just("*/*"), st.text(max_size=40)),
)
def test_random_posts_never_give_a_server_error(port, content_type, body, accept):
    headers = {
        "Content-Type": header_safe(content_type.encode("utf-8", "surrogatepass")),
        "Accept": header_safe(accept.encode("utf-8", "surrogatepass")),
    }
    sent = request("POST", b"/sparql", headers, body)
    check(*send(sent, port), sent)


@FUZZ
@given(
    accept=st.text(max_size=80),
    query=st.sampled_from(["ASK {}", "SELECT * { ?s ?p ?o } LIMIT 1", "DESCRIBE <urn:x>"]),
    path=st.sampled_from(PATHS),
)
def test_random_accept_headers_never_give_a_server_error(port, accept, query, path):
    target = path.encode() + b"?query=" + encode(query, raw=False)
    headers = {"Accept": header_safe(accept.encode("utf-8", "surrogatepass"))}
    sent = request("GET", target, headers)
    check(*send(sent, port), sent)


@pytest.mark.parametrize(
    "target",
    [
        b"/sparql?query=%",
        b"/sparql?query=%G1%zz",
        b"/sparql?query=ASK%00%7B%7D",
        b"/sparql?query=%FF%FE%00",
        b"/sparql?query=%C0%AF",
        b"/id/%00",
        b"/id/%FF",
        b"/doc/..%2F..%2Fetc%2Fpasswd",
        b"/download/..%2Fsister-graph.nt",
        b"/download/%2e%2e/SHA256SUMS",
        b"/static/..%2F..%2F__init__.py",
        b"/catalog.%00",
    ],
)
def test_known_nasty_targets(port, target):
    sent = request("GET", target, {"Accept": b"text/html"})
    status, body = send(sent, port)
    check(status, body, sent)
    assert b"sister_graph" not in body or b"sister_graph" in sent


def test_a_query_over_the_size_limit_is_413(port):
    sent = request("POST", b"/sparql", {"Content-Type": b"application/sparql-query"}, b"#" * 70_000)
    status, _ = send(sent, port)
    assert status == 413
