"""Range requests (RFC 9110 §14) on every route whose OpenAPI operation lists 206.

Each route that claims 206 must answer a single byte range with 206 and Content-Range, an
unsatisfiable one with 416 and `Content-Range: bytes */length`, honour If-Range only with
its current strong ETag, answer several ranges or an unknown unit with the whole 200, and put
If-None-Match before Range (§13.2.2). Every other route ignores Range (a whole 200).
"""

from __future__ import annotations

import pytest
import requests

from sister_graph.web.openapi_document import build_openapi

SAMPLES = {"/download/{name}": "download/sister-graph.nt", "/static/{filename}": "static/site.css"}


def ranged_paths() -> list[str]:
    paths = build_openapi()["paths"]
    return sorted(
        p for p, item in paths.items() if "206" in item.get("get", {}).get("responses", {})
    )


def test_the_downloads_and_static_files_claim_ranges():
    assert ranged_paths() == sorted(SAMPLES)


@pytest.fixture(params=sorted(SAMPLES))
def target(request, site) -> tuple[str, bytes, str]:
    url = site.url + SAMPLES[request.param]
    whole = requests.get(url)
    assert whole.status_code == 200 and whole.headers["Accept-Ranges"] == "bytes"
    return url, whole.content, whole.headers["ETag"]


@pytest.mark.parametrize(
    ("spec", "part"),
    [("bytes=0-9", slice(0, 10)), ("bytes=5-", slice(5, None)), ("bytes=-7", slice(-7, None))],
)
def test_one_range_is_a_206_with_its_bytes(target, spec, part):
    url, whole, _ = target
    for method in ("GET", "HEAD"):
        answer = requests.request(method, url, headers={"Range": spec})
        assert answer.status_code == 206, (method, spec)
        first = len(whole) + part.start if part.start < 0 else part.start
        last = first + len(whole[part]) - 1
        assert answer.headers["Content-Range"] == f"bytes {first}-{last}/{len(whole)}"
        assert int(answer.headers["Content-Length"]) == len(whole[part])
        assert answer.content == (whole[part] if method == "GET" else b"")


@pytest.mark.parametrize("spec", ["bytes=99999999-", "bytes=99999999-100000000", "bytes=-0"])
def test_an_unsatisfiable_range_is_a_416_naming_the_length(target, spec):
    url, whole, _ = target
    answer = requests.get(url, headers={"Range": spec, "Accept": "application/json"})
    assert answer.status_code == 416
    assert answer.headers["Content-Range"] == f"bytes */{len(whole)}"
    assert answer.json()["error"]["status"] == 416


@pytest.mark.parametrize("spec", ["bytes=0-1,5-6", "items=0-1", "bytes=5-1", "bytes=x-y"])
def test_several_ranges_an_unknown_unit_or_a_bad_range_get_the_whole(target, spec):
    url, whole, _ = target
    answer = requests.get(url, headers={"Range": spec})
    assert answer.status_code == 200, spec
    assert answer.content == whole and "Content-Range" not in answer.headers


def test_if_range_applies_the_range_only_to_the_current_strong_etag(target):
    url, whole, etag = target
    same = requests.get(url, headers={"Range": "bytes=0-9", "If-Range": etag})
    assert same.status_code == 206 and same.content == whole[:10]
    for other in ('"other"', f"W/{etag}", "Sat, 01 Jan 2000 00:00:00 GMT", "garbage"):
        answer = requests.get(url, headers={"Range": "bytes=0-9", "If-Range": other})
        assert answer.status_code == 200 and answer.content == whole, other


def test_if_none_match_comes_before_range(target):
    url, _, etag = target
    answer = requests.get(url, headers={"Range": "bytes=0-9", "If-None-Match": etag})
    assert answer.status_code == 304 and answer.content == b""


@pytest.mark.parametrize(
    "path", ["", "catalog.ttl", "doc/city/graz.ttl", "ontology", "openapi.json", "sparql"]
)
def test_routes_that_claim_no_ranges_send_the_whole(site, path):
    whole = requests.get(site.url + path)
    answer = requests.get(site.url + path, headers={"Range": "bytes=0-9"})
    assert answer.status_code == 200 and answer.content == whole.content
    assert "Content-Range" not in answer.headers
