"""Choose a response format from a `format` parameter or the Accept header (RFC 9110 §12.5.1).

Accept parsing and q-value ranking are werkzeug's (MIMEAccept.best_match); this module only
knows which formats each kind of answer has, from the tables in `formats`, and fixes two
things about how they meet (https://www.rfc-editor.org/rfc/rfc9110#section-12.5.1):

- media-type parameters the client adds (Turtle with charset=utf-8, JSON-LD with the
  compacted profile) are dropped before matching: werkzeug matches an offer without
  parameters only to a range without them, and no format here depends on one (UTF-8 is the
  only charset; JSON-LD is sent compacted);
- canonical media types are offered before aliases, so a wildcard (`application/*`, `*/*`)
  picks the same format on every route, and the answer is always labelled with the
  format's canonical media type, never with the alias or range that matched it.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass

from werkzeug.datastructures import MIMEAccept

from sister_graph.errors import BadRequest, NotAcceptable
from sister_graph.rdf.formats import (
    ALL_FORMATS,
    BOOLEAN_FORMATS,
    HTML,
    JSON,
    PLAIN_TEXT,
    RDF_FORMATS,
    RESULT_FORMATS,
    Format,
)

SOLUTIONS: tuple[Format, ...] = RESULT_FORMATS
BOOLEAN: tuple[Format, ...] = BOOLEAN_FORMATS
GRAPH: tuple[Format, ...] = RDF_FORMATS
PAGE: tuple[Format, ...] = (*RDF_FORMATS, HTML)


@dataclass(frozen=True)
class Choice:
    """The chosen format and the media type to label the response with (its canonical one)."""

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
            return Choice(fmt, fmt.media_type)
    for fmt in offers:  # names clients such as SPARQLWrapper send (e.g. json for JSON-LD)
        if key in fmt.keywords:
            return Choice(fmt, fmt.media_type)
    names = ", ".join(f.name for f in offers)
    raise NotAcceptable(f"format {key!r} is not available for this answer; choose one of {names}")


def name_one_format(keys: list[str]) -> bool:
    """Return whether some format answers to every `format` value that names one (by_name).

    Clients name one format twice, even as lists (SPARQLWrapper sends `format=json-ld` and
    then JSON-LD's two media types, comma-separated); `json` and `xml` name none in common.

    >>> name_one_format(["tsv", "TSV"])
    True
    >>> name_one_format(["json", "xml"])
    False
    """
    named = []
    for key in keys:
        parts = {part.strip().lower() for part in key.split(",")}
        formats = {f for f in ALL_FORMATS if parts & {*f.names(), *f.keywords}}
        if formats:
            named.append(formats)
    return not named or bool(set.intersection(*named))


def one_format(keys: list[str]) -> str | None:
    """Return the `format` value to choose by (the first given), or None when none is.

    Raises BadRequest when the values name no format in common (name_one_format).
    """
    if len(set(keys)) > 1 and not name_one_format(keys):
        raise BadRequest(f"more than one format was given ({', '.join(keys)}); send one")
    return keys[0] if keys else None


def without_parameters(accept: MIMEAccept) -> MIMEAccept:
    """Return the Accept ranges with their media-type parameters dropped (q kept, the highest
    q of ranges that become equal).

    >>> from sister_graph.rdf.formats import TURTLE
    >>> ranges = without_parameters(MIMEAccept([(TURTLE.media_type + ";charset=utf-8", 0.9)]))
    >>> [(value == TURTLE.media_type, q) for value, q in ranges]
    [(True, 0.9)]
    """
    quality: dict[str, float] = {}
    for value, q in accept:
        bare = value.partition(";")[0].strip().lower()
        quality[bare] = max(q, quality.get(bare, 0.0))
    return MIMEAccept(list(quality.items()))


def best_offer(accept: MIMEAccept, offers: tuple[Format, ...]) -> Format | None:
    """Return the offer the Accept header ranks best (ties: the earlier offer), or None.

    An alias names its format only when written out (generic JSON on a graph answer means
    JSON-LD); wildcards match canonical media types only, so `text/*` never selects a format
    through an alias (SPARQL XML's text/ alias).
    """
    canonical = {alias: fmt.media_type for fmt in offers for alias in fmt.aliases}
    quality: dict[str, float] = {}
    for value, q in without_parameters(accept):
        bare = canonical.get(value, value)
        quality[bare] = max(q, quality.get(bare, 0.0))
    best = MIMEAccept(list(quality.items())).best_match([fmt.media_type for fmt in offers])
    return next((f for f in offers if f.media_type == best), None)


@functools.lru_cache(maxsize=512)
def by_accept(accept: MIMEAccept, offers: tuple[Format, ...]) -> Choice:
    """Choose the best offer for an Accept header; no header means the first offer.

    Remembered per (header, offers): clients send few distinct headers, and q-value
    ranking costs more than the rest of a small query.
    """
    if not accept:
        return Choice(offers[0], offers[0].media_type)
    fmt = best_offer(accept, offers)
    if fmt is None:
        wanted = ", ".join(f.media_type for f in offers)
        raise NotAcceptable(f"none of the accepted media types is available; offered: {wanted}")
    return Choice(fmt, fmt.media_type)


def error_format(accept: MIMEAccept) -> Format:
    """Return the format of an error body: JSON for JSON clients, HTML for browsers, else text.

    A JSON client accepts some JSON type (generic JSON or any +json type such as SPARQL JSON,
    with or without parameters) or any application type; a browser ranks HTML at least as
    high. The any-type wildcard alone gets plain text.
    """
    ranges = without_parameters(accept)
    json_q = max(
        (q for v, q in ranges if v.endswith(("/json", "+json")) or v == "application/*"),
        default=0.0,
    )
    html_q = max((q for v, q in ranges if v in (HTML.media_type, *HTML.aliases)), default=0.0)
    if html_q > 0 and html_q >= json_q:
        return HTML
    return JSON if json_q > 0 else PLAIN_TEXT


def choose(accept: MIMEAccept, offers: tuple[Format, ...], *, format: str | None = None) -> Choice:
    """Choose by `format` parameter if given, else by Accept."""
    return by_name(format, offers) if format else by_accept(accept, offers)
