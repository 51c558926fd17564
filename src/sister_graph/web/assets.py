"""Static files at addresses that name their content, kept by browsers for a year.

A page links `/static/site.css?v=<12 hex digits of the file's SHA-256>`; the file answered at
that address with its current digest is `Cache-Control: public, max-age=31536000, immutable`
(RFC 8246, https://www.rfc-editor.org/rfc/rfc8246), so a browser asks once per deployment,
not on every page. Any other address of the file (no ?v=, or an old digest) keeps the app's
short freshness (`cache_seconds`, as every other answer): a page cached before a deployment
must not pin an old file for a year.
"""

from __future__ import annotations

import functools
import hashlib
from pathlib import Path

from flask import Response, current_app, request, url_for

KEEP = "public, max-age=31536000, immutable"


@functools.lru_cache(maxsize=64)
def _digest(folder: str, filename: str) -> str:
    """The first 12 hex digits of a static file's SHA-256 (read once per process)."""
    return hashlib.sha256((Path(folder) / filename).read_bytes()).hexdigest()[:12]


def asset_url(filename: str) -> str:
    """Return the URL of a file under static/ that names its content (?v=digest)."""
    return url_for("static", filename=filename, v=_digest(current_app.static_folder, filename))


def keep_named_assets(response: Response) -> Response:
    """Let browsers keep a static file asked for by its current digest for a year."""
    if request.endpoint != "static" or response.status_code not in (200, 206, 304):
        return response
    filename = (request.view_args or {}).get("filename", "")
    try:
        current = _digest(current_app.static_folder, filename)
    except OSError:
        return response
    if request.args.get("v") == current:
        response.headers["Cache-Control"] = KEEP
    return response
