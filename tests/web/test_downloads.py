"""GET/HEAD /download/<file>: media types, length, checksum headers, ETag and 304."""

from __future__ import annotations

import base64
import hashlib
from pathlib import Path

import pytest
import requests

from sister_graph.dist.files import read_checksums
from sister_graph.rdf.formats import file_media_type


@pytest.fixture(scope="module")
def listed(built) -> dict[str, str]:
    config, _ = built
    return read_checksums((Path(config.dist_dir) / "SHA256SUMS").read_text(encoding="utf-8"))


def test_every_listed_file_downloads_with_its_checksum(site, listed):
    assert len(listed) >= 7
    for name, digest in listed.items():
        answer = requests.get(site.url + "download/" + name)
        assert answer.status_code == 200, name
        assert answer.headers["Content-Type"].split(";")[0] == file_media_type(name)
        assert int(answer.headers["Content-Length"]) == len(answer.content)
        assert hashlib.sha256(answer.content).hexdigest() == digest
        encoded = base64.b64encode(bytes.fromhex(digest)).decode()
        assert answer.headers["Repr-Digest"] == f"sha-256=:{encoded}:"
        assert answer.headers["ETag"] == f'"{digest}"'


def test_if_none_match_gives_304_and_head_gives_headers_only(site, listed):
    url = site.url + "download/sister-graph.ttl"
    etag = requests.get(url).headers["ETag"]
    again = requests.get(url, headers={"If-None-Match": etag})
    assert again.status_code == 304 and again.content == b""
    head = requests.head(url)
    assert head.status_code == 200 and head.content == b""
    assert int(head.headers["Content-Length"]) > 1000


def test_checksum_file_and_unknown_files(site):
    sums = requests.get(site.url + "download/SHA256SUMS")
    assert sums.status_code == 200 and "sister-graph.nt" in sums.text
    for name in ("nothing.ttl", "..%2Fpyproject.toml", ".store"):
        assert requests.get(site.url + "download/" + name).status_code == 404
