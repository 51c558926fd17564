"""One URL per resource: every route treats the other spellings of its path alike.

A doubled slash anywhere or a trailing slash is a 308 to the path written once (relative
Location, never from the Host header, the query string as sent); percent-encoded unreserved
characters name the same resource; bytes that are not UTF-8 name nothing (a 404 naming the
byte; tests/web/test_pages.py holds it to 404, not 400); very long paths are a 404. Never a
5xx.
"""

from __future__ import annotations

import pytest
import requests

# One path per route of the URL map (the OpenAPI operations), each answering 200 as written.
ROUTES = [
    "/",
    "/publisher/banja-luka",
    "/doc/city/graz",
    "/doc/city/graz.ttl",
    "/ontology",
    "/ontology.nt",
    "/catalog",
    "/catalog.jsonld",
    "/.well-known/void",
    "/download/SHA256SUMS",
    "/static/site.css",
    "/openapi.json",
    "/health",
    "/sparql",
]


def _get(site, path: str, **kwargs) -> requests.Response:
    return requests.get(site.url.rstrip("/") + path, allow_redirects=False, **kwargs)


def _spellings(path: str) -> list[str]:
    inner = path.replace("/", "//", 2) if path.count("/") > 1 else "/" + path
    return ["/" + path, inner, path + "/", path + "//", path.replace("/", "///")]


@pytest.mark.parametrize("prefix", ["", "/sister-graph"])
@pytest.mark.parametrize("path", [p for p in ROUTES if p != "/"])
def test_doubled_and_trailing_slashes_redirect_to_the_path(site, path, prefix):
    for spelling in _spellings(path):
        answer = _get(site, prefix + spelling + "?a=1&a=%20", headers={"Host": "evil.example"})
        assert answer.status_code == 308, spelling
        assert answer.headers["Location"] == prefix + path + "?a=1&a=%20", spelling
    assert _get(site, prefix + path).status_code == 200


@pytest.mark.parametrize("prefix", ["", "/sister-graph"])
def test_the_root_keeps_its_slash(site, prefix):
    assert _get(site, prefix + "/").status_code == 200
    for spelling in ("//", "///"):
        answer = _get(site, prefix + spelling)
        assert (answer.status_code, answer.headers["Location"]) == (308, prefix + "/")


def test_a_redirected_post_keeps_its_method(site):
    answer = requests.post(site.url + "/sparql/", data={"query": "ASK {}"}, allow_redirects=False)
    assert answer.status_code == 308 and answer.headers["Location"] == "/sparql"


@pytest.mark.parametrize(
    "encoded", ["/doc/city/%62anja-luka", "/doc/city/banja%2Dluka", "/publisher/%62anja-luka"]
)
def test_percent_encoded_unreserved_characters_name_the_same_thing(site, encoded):
    plain = encoded.replace("%62", "b").replace("%2D", "-")
    assert _get(site, encoded).content == _get(site, plain).content


@pytest.mark.parametrize(
    "path",
    [
        "/doc/city/%FF",
        "/id/city/%FF",
        "/publisher/%FF",
        "/download/%FF",
        "/static/%FF",
        "/%FF",
        "/catalog.%FF",
        "/ontology.%C3",
        "/doc/city/graz.%FF",
        "/sparql%FF",
        "/sister-graph/doc/city/%FF",
    ],
)
def test_a_path_that_is_not_utf8_is_a_404_naming_the_byte(site, path):
    for accept in ("application/json", "text/html", "*/*"):
        answer = _get(site, path, headers={"Accept": accept})
        assert answer.status_code == 404, (path, accept)
    message = _get(site, path, headers={"Accept": "application/json"}).json()["error"]["message"]
    assert "not UTF-8" in message and ("%FF" in message or "%C3" in message)
    assert "\ufffd" not in message


@pytest.mark.parametrize("route", ["/doc/city/", "/id/city/", "/publisher/", "/download/", "/"])
def test_very_long_paths_are_404(site, route):
    answer = _get(site, route + "a" * 20_000, headers={"Accept": "application/json"})
    assert answer.status_code == 404


def _raw_request(site, line: bytes) -> bytes:
    import socket
    from urllib.parse import urlsplit

    where = urlsplit(site.url)
    with socket.create_connection((where.hostname, where.port), timeout=30) as sock:
        sock.sendall(line + b"\r\nHost: evil.example\r\nConnection: close\r\n\r\n")
        answer = b""
        while chunk := sock.recv(65536):
            answer += chunk
    return answer


def test_options_star_describes_the_server_and_other_targets_are_refused(site):
    star = _raw_request(site, b"OPTIONS * HTTP/1.1")
    head = star.split(b"\r\n\r\n")[0].decode().lower()
    assert head.startswith("http/1.1 200") and "\r\nallow: " in head, head
    for target in (b"*", b"catalog", b"doc/city/graz"):
        answer = _raw_request(site, b"GET " + target + b" HTTP/1.1")
        head = answer.split(b"\r\n\r\n")[0].decode().lower()
        assert head.split()[1] in ("400", "404"), (target, head)
        assert "evil.example" not in head
