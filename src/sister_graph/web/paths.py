"""One spelling of every path, checked before any route runs (a `before_request` hook).

- A path that is not UTF-8 once percent-decoded (`/doc/city/%FF`) names nothing: a 404 on
  every route, naming the byte. URIs carry text as percent-encoded UTF-8 (RFC 3986 §2.5,
  https://www.rfc-editor.org/rfc/rfc3986#section-2.5); werkzeug put U+FFFD in its place and
  the route looked up, and named in its 404, a name nobody wrote.
- A request target that is not a path (`GET catalog`, `GET *`) is a 400; `OPTIONS *` asks
  about the server and gets 200 with the methods of all its routes (RFC 9110 §9.3.7).
- A doubled slash anywhere (`//doc/city/graz`, `/doc//city/graz`) or a trailing slash
  (`/catalog/`) is a 308 Permanent Redirect to the path written once, whatever the route: one
  URL per resource, and a 308 keeps the method and body (RFC 9110 §15.4.9). The Location is
  relative, built from the request's path under the mount point and its query string as sent,
  never from the Host header (werkzeug's own slash redirect wrote `http://{Host}/...`).
"""

from __future__ import annotations

import re
from urllib.parse import quote, urlsplit

from flask import Response, request

from sister_graph.errors import BadRequest, NotFound
from sister_graph.web.site import with_query_string

_SLASHES = re.compile(r"/{2,}")
_ABSOLUTE = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*://")
SERVER_METHODS = "GET, HEAD, POST, OPTIONS"  # the union of every route's methods
# Characters a path segment may hold unencoded (RFC 3986 §3.3: pchar, and "/" between them).
_PATH_SAFE = "/:@!$&'()*+,;=-._~"


def _raw(name: str) -> bytes:
    """Return a WSGI path variable as the bytes the client sent, percent-decoded (PEP 3333)."""
    return request.environ.get(name, "").encode("latin-1")


def canonical_path() -> Response | None:
    """Refuse a path that is not UTF-8 (404); redirect other spellings to the one (308)."""
    raw = _raw("PATH_INFO")
    try:
        raw.decode("utf-8")
    except UnicodeDecodeError as err:
        byte = raw[err.start]
        raise NotFound(
            f"nothing at a path that is not UTF-8: byte %{byte:02X} at position {err.start + 1}"
            " of the decoded path; write characters as percent-encoded UTF-8 (RFC 3986 §2.5)"
        ) from None
    target = _target()
    if not target.startswith("/"):
        if target == "*" and request.method == "OPTIONS":  # the server itself (RFC 9110 §9.3.7)
            return Response(status=200, headers={"Allow": SERVER_METHODS})
        raise BadRequest(
            f"the request target {target!r} is not a path: it must start with '/' "
            "(RFC 9112 §3.2; '*' only with OPTIONS)"
        )
    path = _SLASHES.sub("/", target)
    if _SLASHES.sub("/", raw.decode("latin-1")) != "/":  # the root of the mount keeps its "/"
        path = path.rstrip("/") or "/"
    if path == target:
        return None
    response = Response(status=308)
    response.headers["Location"] = with_query_string(path)
    return response


def _target() -> str:
    """Return the path as the client wrote it (percent-encoded, with the mount point).

    The request target itself where the server passes it on (waitress: REQUEST_URI; gunicorn:
    RAW_URI): waitress merges leading slashes in PATH_INFO. Else PATH_INFO re-encoded.
    """
    for name in ("REQUEST_URI", "RAW_URI"):
        uri = (request.environ.get(name) or "").split("?", 1)[0]
        if _ABSOLUTE.match(uri):  # absolute-form (RFC 9112 §3.2.2): its path
            return urlsplit(uri).path or "/"
        if uri:
            return uri
    return quote(_raw("SCRIPT_NAME") + _raw("PATH_INFO"), safe=_PATH_SAFE)
