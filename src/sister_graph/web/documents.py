"""RDF documents over HTTP: pick a format by extension or Accept, serialise, label the response."""

from __future__ import annotations

from flask import Response, current_app, request
from rdflib import Graph
from werkzeug.exceptions import HTTPException

from sister_graph.errors import BadRequest, NotFound
from sister_graph.query import negotiation as negotiate
from sister_graph.rdf.formats import HTML, RDF_FORMATS, Format, content_type
from sister_graph.rdf.serialize import to_jsonld, to_ntriples, to_rdfxml, to_turtle

DOCUMENT_FORMATS: tuple[Format, ...] = (*RDF_FORMATS, HTML)
EXTENSIONS: dict[str, Format] = {fmt.extension: fmt for fmt in DOCUMENT_FORMATS}


def split_extension(path: str) -> tuple[str, Format | None]:
    """Split 'city/bari.ttl' into ('city/bari', turtle); no known extension gives (path, None).

    >>> split_extension("city/bari.ttl")[1].name, split_extension("city/bari")
    ('turtle', ('city/bari', None))
    """
    stem, dot, ext = path.rpartition(".")
    if dot and "/" not in ext and ext in EXTENSIONS:
        return stem, EXTENSIONS[ext]
    return path, None


def unknown_extension(ext: str) -> NotFound:
    """The 404 of a document asked for with an extension no format has, the same on every route.

    >>> unknown_extension("xyz").message
    'no format with extension .xyz; use ttl, jsonld, nt, rdf or html'
    """
    *first, last = EXTENSIONS
    return NotFound(f"no format with extension .{ext}; use {', '.join(first)} or {last}")


def empty_extension(path: str) -> NotFound | None:
    """The unknown-extension 404 of a path ending in "." on a route that takes an extension.

    `/catalog.` and `/ontology.`: a route's `<ext>` holds at least one character, so the URL
    map finds no route; this gives them the same 404 as `/catalog.xyz`.
    """
    if not path.endswith("."):
        return None
    try:
        _, arguments = current_app.url_map.bind("").match(path + "x")
    except HTTPException:
        return None
    return unknown_extension("") if "ext" in arguments else None


def negotiated() -> Format:
    """Choose a document format from `?format=` or Accept (no Accept: Turtle; browsers: HTML)."""
    choice = negotiate.choose(
        request.accept_mimetypes, DOCUMENT_FORMATS, format=request.args.get("format")
    )
    return choice.format


def requested(fixed: Format | None) -> Format:
    """Return the format an extension fixes, else the negotiated one; `?format=` must agree.

    Raises BadRequest when `format` values name no format in common, or one the extension
    does not name (`/doc/x.ttl?format=jsonld`: the client asked for two formats);
    NotAcceptable when negotiation finds none.
    """
    keys = request.args.getlist("format")
    negotiate.one_format(keys)  # raises BadRequest on two formats
    if fixed is None:
        return negotiated()
    if keys and not negotiate.name_one_format([*keys, fixed.extension]):
        raise BadRequest(
            f"the extension .{fixed.extension} and format={keys[0]} name different formats; "
            "use one of them"
        )
    return fixed


def serialise(graph: Graph, fmt: Format, *, base: str) -> bytes:
    """Serialise a graph in an RDF format, byte-stable, with the project's prefixes."""
    writers = {
        "turtle": lambda: to_turtle(graph, base=base),
        "jsonld": lambda: to_jsonld(graph, base=base),
        "ntriples": lambda: to_ntriples(graph),
        "rdfxml": lambda: to_rdfxml(graph, base=base),
    }
    return writers[fmt.name]()


def rdf_response(graph: Graph, fmt: Format, *, base: str, headers: dict | None = None) -> Response:
    """Return the graph as a response in the format, with its media type and charset."""
    body = serialise(graph, fmt, base=base)
    response = Response(body, headers=headers or {})
    response.headers["Content-Type"] = content_type(fmt)
    return response


def mark_negotiated(response: Response, fmt: Format, *, location: str) -> Response:
    """Say the answer was chosen by negotiation: Vary, and where this variant lives."""
    response.headers["Vary"] = "Accept, Accept-Language" if fmt is HTML else "Accept"
    response.headers["Content-Location"] = location
    return response
