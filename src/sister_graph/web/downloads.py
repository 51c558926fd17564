"""GET/HEAD /download/<file>: the published files listed in SHA256SUMS, at stable URLs.

Each response carries its media type, Content-Length, a strong ETag (the SHA-256), and
the digest as `Repr-Digest` (RFC 9530) and the older `Digest` (RFC 3230); If-None-Match
gives 304 and an If-Match that names another file version 412 (web.conditional); a single
byte range gives 206 (web.ranges).
"""

from __future__ import annotations

import base64
import hashlib
from dataclasses import dataclass
from pathlib import Path

from flask import Blueprint, Response, request

from sister_graph.dist.files import CHECKSUMS, read_checksums
from sister_graph.errors import DatasetMissing, NotFound
from sister_graph.rdf.formats import by_media_type, content_type, file_media_type
from sister_graph.web.conditional import precondition
from sister_graph.web.context import current_config
from sister_graph.web.ranges import ranged

bp = Blueprint("downloads", __name__)


@dataclass(frozen=True)
class PublishedFile:
    """A file of dist/ as SHA256SUMS lists it."""

    name: str
    sha256: str
    size: int
    media_type: str


def published_files() -> list[PublishedFile]:
    """List the files SHA256SUMS names (and SHA256SUMS itself), with sizes and media types."""
    dist = Path(current_config().dist_dir)
    sums_path = dist / CHECKSUMS
    if not sums_path.is_file():
        return []
    sums = read_checksums(sums_path.read_text(encoding="utf-8"))
    files = [
        PublishedFile(name, digest, (dist / name).stat().st_size, file_media_type(name))
        for name, digest in sorted(sums.items())
        if (dist / name).is_file()
    ]
    return files


def _digest_header(hex_digest: str) -> str:
    return base64.b64encode(bytes.fromhex(hex_digest)).decode("ascii")


@bp.route("/download/<name>", methods=["GET", "HEAD"])
def download(name: str):
    """Serve one published file with its checksum headers."""
    dist = Path(current_config().dist_dir)
    listed = {f.name: f for f in published_files()}
    if name == CHECKSUMS and (dist / CHECKSUMS).is_file():
        data = (dist / CHECKSUMS).read_bytes()
        digest = hashlib.sha256(data).hexdigest()
        info = PublishedFile(name, digest, len(data), file_media_type(name))
    elif name in listed:
        info = listed[name]
        data = (dist / name).read_bytes()
        if hashlib.sha256(data).hexdigest() != info.sha256:
            raise DatasetMissing(f"{name} does not match its checksum in {CHECKSUMS}; rebuild")
    else:
        raise NotFound(f"no published file {name!r}; the files are listed in /download/{CHECKSUMS}")
    headers = {
        "ETag": f'"{info.sha256}"',
        "Repr-Digest": f"sha-256=:{_digest_header(info.sha256)}:",
        "Digest": f"sha-256={_digest_header(info.sha256)}",
        "Cache-Control": "public, max-age=3600",
        "Content-Disposition": f'inline; filename="{name}"',
    }
    if precondition(info.sha256):
        return Response(status=304, headers=headers)
    response = Response(data, headers=headers)
    response.headers["Content-Type"] = content_type(by_media_type(info.media_type))
    return ranged(response, request.environ, length=len(data))
