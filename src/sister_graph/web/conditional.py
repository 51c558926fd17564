"""Validators and conditional GET/HEAD for every cacheable answer (RFC 9110 §8.8.3, §13).

One evaluation for every route (https://www.rfc-editor.org/rfc/rfc9110#section-13.2.2):
If-Match first, by the strong comparison (§13.1.1: `*` matches any current representation, a
weak tag never matches), failing with 412; then If-None-Match, by the weak comparison
(§13.1.2: `W/"x"` matches `"x"`, a list matches when any member does, `*` matches any), giving
304. If-Modified-Since and If-Unmodified-Since are ignored: no answer has a Last-Modified, and
§13.1.3/§13.1.4 apply only with one. Routes that know their validator before doing the work
(SPARQL answers, downloads) call `precondition` first; every other 200 GET/HEAD answer gets a
strong ETag (SHA-256 of its body, so equal bodies give equal tags in every server process) and
a Cache-Control from `add_validators`, which evaluates the same conditions on it.
"""

from __future__ import annotations

import hashlib

from flask import Response, current_app, request, send_from_directory

from sister_graph.errors import PreconditionFailed
from sister_graph.web.context import current_config
from sister_graph.web.ranges import RANGE, drop_unusable_range

ETAG_HEX_DIGITS = 40


def precondition(etag: str, *, weak: bool = False) -> bool:
    """Evaluate If-Match, then If-None-Match, against this (unquoted) entity tag.

    weak: the tag is weak (`W/"..."`), so no If-Match tag but `*` matches it. Returns True
    when If-None-Match names the tag (answer 304), False to answer in full. Raises
    PreconditionFailed when If-Match is given and names no current representation.
    """
    if_match = request.if_match
    if if_match and not (if_match.star_tag or (not weak and if_match.is_strong(etag))):
        raise PreconditionFailed(
            "If-Match names no current representation of this resource (compared strongly: "
            "only its ETag as sent, or *, matches); fetch it again to get its ETag"
        )
    return request.if_none_match.contains_weak(etag)


def body_etag(body: bytes) -> str:
    """Return the entity tag of a body: the first 40 hex digits of its SHA-256."""
    return hashlib.sha256(body).hexdigest()[:ETAG_HEX_DIGITS]


def add_validators(response: Response) -> Response:
    """Give a 200 GET/HEAD answer an ETag and Cache-Control, then evaluate the conditions.

    304 when If-None-Match names it; 412 (the app's error response) when If-Match names no
    current representation. Answers that say `Cache-Control: no-store` (/health) or are
    streamed are left alone, as are answers that already carry an ETag (their route evaluated
    the conditions).
    """
    if (
        request.method not in ("GET", "HEAD")
        or response.status_code != 200
        or response.is_streamed
        or "ETag" in response.headers
        or "no-store" in response.headers.get("Cache-Control", "")
    ):
        return response
    etag = body_etag(response.get_data())
    response.set_etag(etag)
    response.headers.setdefault(
        "Cache-Control", f"public, max-age={current_config().cache_seconds}"
    )
    try:
        held = precondition(etag)
    except PreconditionFailed as err:
        from sister_graph.web import error_response  # the app's one translation (it imports us)

        return error_response(err)
    if held:
        response.status_code = 304  # werkzeug sends no body and no entity headers with a 304
    return response


def static_conditions() -> None:
    """Evaluate If-Match and vet Range for /static/ before Flask's send_file does it its way.

    werkzeug's send_file answers `If-Match: *` with 412 and puts 412 before 304; here the
    file's own ETag is compared as `precondition` does (PreconditionFailed: 412), and the
    header is then removed, so send_file still gives 304 and Last-Modified as before. A Range
    the whole file must answer is removed the same way (web.ranges).
    """
    environ = request.environ
    if request.endpoint != "static" or not ({"HTTP_IF_MATCH", RANGE} & environ.keys()):
        return
    filename = (request.view_args or {}).get("filename", "")
    probe = send_from_directory(current_app.static_folder, filename, conditional=False)
    etag, weak = probe.get_etag()
    sent_etag, last_modified = probe.headers.get("ETag"), probe.headers.get("Last-Modified")
    length = probe.content_length or 0
    probe.close()
    if "HTTP_IF_MATCH" in environ:
        if etag:
            precondition(etag, weak=weak)
        del environ["HTTP_IF_MATCH"]
    drop_unusable_range(environ, sent_etag, last_modified, length=length)
