"""Choose a response format from a `format` parameter or the Accept header (RFC 9110 §12.5.1).

Accept parsing and q-value ranking are werkzeug's; this module only knows which formats
each kind of answer has, from the tables in `formats`.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass

from werkzeug.datastructures import MIMEAccept

from sister_graph.errors import NotAcceptable
from sister_graph.rdf.formats import BOOLEAN_FORMATS, HTML, RDF_FORMATS, RESULT_FORMATS, Format

SOLUTIONS: tuple[Format, ...] = RESULT_FORMATS
BOOLEAN: tuple[Format, ...] = BOOLEAN_FORMATS
GRAPH: tuple[Format, ...] = RDF_FORMATS
PAGE: tuple[Format, ...] = (*RDF_FORMATS, HTML)


@dataclass(frozen=True)
class Choice:
    """The chosen format and the media type to label the response with (may be an alias)."""

    format: Format
    media_type: str


def by_name(key: str, offers: tuple[Format, ...]) -> Choice:
    """Choose by a `format` parameter value (short name, extension or media type).

    >>> by_name("json", GRAPH).format.name
    'jsonld'
    """
    key = key.strip().lower()
    for fmt in offers:
        if key in fmt.names():
            media = key if key in (fmt.media_type, *fmt.aliases) else fmt.media_type
            return Choice(fmt, media)
    for fmt in offers:  # names clients such as SPARQLWrapper send (e.g. json for JSON-LD)
        if key in fmt.keywords:
            return Choice(fmt, fmt.media_type)
    names = ", ".join(f.name for f in offers)
    raise NotAcceptable(f"format {key!r} is not available for this answer; choose one of {names}")


@functools.lru_cache(maxsize=512)
def by_accept(accept: MIMEAccept, offers: tuple[Format, ...]) -> Choice:
    """Choose the best offer for an Accept header; no header means the first offer.

    Remembered per (header, offers): clients send few distinct headers, and q-value
    ranking costs more than the rest of a small query.
    """
    if not accept:
        return Choice(offers[0], offers[0].media_type)
    media_types = [m for fmt in offers for m in (fmt.media_type, *fmt.aliases)]
    best = accept.best_match(media_types)
    if best is None:
        wanted = ", ".join(f.media_type for f in offers)
        raise NotAcceptable(f"none of the accepted media types is available; offered: {wanted}")
    fmt = next(f for f in offers if best in (f.media_type, *f.aliases))
    return Choice(fmt, best)


def choose(accept: MIMEAccept, offers: tuple[Format, ...], *, format: str | None = None) -> Choice:
    """Choose by `format` parameter if given, else by Accept."""
    return by_name(format, offers) if format else by_accept(accept, offers)
