"""Validators and conditional GET for every cacheable answer (RFC 9110 §8.8.3, §13.1.2).

If-None-Match uses the weak comparison (https://www.rfc-editor.org/rfc/rfc9110#section-13.1.2):
`W/"x"` matches the entity tag `"x"`, a list matches when any member does, `*` matches any.
Routes that know their validator before doing the work (SPARQL answers, downloads) call
`none_match` first; every other 200 GET/HEAD answer gets a strong ETag (SHA-256 of its body,
so equal bodies give equal tags in every server process) and a Cache-Control from
`add_validators`, which also turns it into a 304 when the client already holds it.
"""

from __future__ import annotations

import hashlib

from flask import Response, request

from sister_graph.web.context import current_config

ETAG_HEX_DIGITS = 40


def none_match(etag: str) -> bool:
    """Return whether If-None-Match names this (unquoted) entity tag, by weak comparison."""
    return request.if_none_match.contains_weak(etag)


def body_etag(body: bytes) -> str:
    """Return the entity tag of a body: the first 40 hex digits of its SHA-256."""
    return hashlib.sha256(body).hexdigest()[:ETAG_HEX_DIGITS]


def add_validators(response: Response) -> Response:
    """Give a 200 GET/HEAD answer an ETag and Cache-Control; 304 when If-None-Match names it.

    Answers that say `Cache-Control: no-store` (/health) or are streamed are left alone, as
    are answers that already carry an ETag (their route compared it).
    """
    if (
        request.method not in ("GET", "HEAD")
        or response.status_code != 200
        or response.is_streamed
        or "ETag" in response.headers
        or "no-store" in response.headers.get("Cache-Control", "")
    ):
        return response
    response.set_etag(body_etag(response.get_data()))
    response.headers.setdefault(
        "Cache-Control", f"public, max-age={current_config().cache_seconds}"
    )
    return response.make_conditional(request)
