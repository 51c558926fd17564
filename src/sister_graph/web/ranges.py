"""Byte ranges for the answers whose bytes are files: /download/<file> and /static/<file>.

werkzeug does the range work (Response.make_conditional: 206 with Content-Range and the
bytes, 416 `RequestedRangeNotSatisfiable` naming the length, Accept-Ranges). Before it runs,
`drop_unusable_range` removes the Range header where RFC 9110 says the whole answer is sent
and werkzeug would answer 416 or 206 instead
(https://www.rfc-editor.org/rfc/rfc9110#section-14.2):

- a unit other than `bytes`: "MUST ignore" (werkzeug: 416);
- several ranges, or a ranges-specifier that does not parse (`bytes=5-1`): ignored, which
  §14.2 allows (werkzeug: 416; it writes no multipart answer);
- an If-Range that is not the current ETag by the strong comparison, or not the current
  Last-Modified date (§13.1.5; werkzeug also took a weak tag);
- an If-None-Match that names the current ETag: the 304 comes first (§13.2.2; werkzeug sent
  the 206).
"""

from __future__ import annotations

import re

from flask import Response
from werkzeug.datastructures import ETags
from werkzeug.http import parse_date, parse_etags, parse_range_header, unquote_etag

from sister_graph.errors import RangeNotSatisfiable

RANGE = "HTTP_RANGE"
_ZERO_SUFFIX = re.compile(r"^\s*bytes\s*=\s*-0+\s*$", re.IGNORECASE)


def drop_unusable_range(
    environ: dict, etag: str | None, last_modified: str | None = None, *, length: int
) -> None:
    """Remove the request's Range when the whole answer must be sent (see the module).

    etag: the answer's entity tag as sent (`"x"` or `W/"x"`); last_modified: its HTTP date;
    length: its size in bytes. Raises RangeNotSatisfiable for `bytes=-0`, the one
    range werkzeug does not parse that §14.1.1 calls unsatisfiable (a suffix of no bytes).
    """
    header = environ.get(RANGE)
    if header is None:
        return
    parsed = parse_range_header(header)
    usable = parsed is not None and parsed.units == "bytes" and len(parsed.ranges) == 1
    tag, weak = unquote_etag(etag) if etag else (None, True)
    fresh = bool(tag) and parse_etags(environ.get("HTTP_IF_NONE_MATCH")).contains_weak(tag)
    applies = not fresh and (
        "HTTP_IF_RANGE" not in environ
        or _if_range_holds(environ["HTTP_IF_RANGE"].strip(), tag, weak, last_modified)
    )
    if applies and _ZERO_SUFFIX.match(header):
        raise RangeNotSatisfiable(
            f"the range {header!r} asks for a suffix of no bytes of the {length}",
            headers={"Content-Range": f"bytes */{length}"},
        )
    if not (usable and applies):
        del environ[RANGE]


def _if_range_holds(value: str, tag: str | None, weak: bool, last_modified: str | None) -> bool:
    if value.startswith(('"', "W/")):
        sent: ETags = parse_etags(value)
        return bool(tag) and not weak and sent.is_strong(tag) and len(sent.as_set()) == 1
    date = parse_date(value)
    return date is not None and last_modified is not None and date == parse_date(last_modified)


def ranged(response: Response, environ: dict, *, length: int) -> Response:
    """Make a whole 200 answer of `length` bytes a 206 or 416 as the request's Range asks.

    Raises werkzeug's RequestedRangeNotSatisfiable (416, with `Content-Range: bytes */length`)
    for a range that starts past the end, or `bytes=-0`.
    """
    drop_unusable_range(environ, response.headers.get("ETag"), length=length)
    # only the range headers: web.conditional has evaluated If-Match and If-None-Match its way
    ranges_only = {k: v for k, v in environ.items() if k in (RANGE, "HTTP_IF_RANGE")}
    ranges_only["REQUEST_METHOD"] = environ["REQUEST_METHOD"]
    return response.make_conditional(ranges_only, accept_ranges=True, complete_length=length)
