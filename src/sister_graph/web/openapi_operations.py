"""The table of HTTP operations the OpenAPI document describes (web/openapi_document.py).

One row per route and method: summary, success media types, errors, parameters, body.
A test compares the table with the Flask app's URL map (tests/web/test_openapi.py).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from sister_graph.rdf.formats import (
    CSS,
    FORM,
    HTML,
    JAVASCRIPT,
    NQUADS,
    OCTET_STREAM,
    PLAIN_TEXT,
    RDF_FORMATS,
    RESULT_FORMATS,
    SPARQL_QUERY,
    SVG,
)
from sister_graph.rdf.formats import JSON as JSON_FORMAT

SOLUTIONS = tuple(f.media_type for f in RESULT_FORMATS)
RDF = tuple(f.media_type for f in RDF_FORMATS)
PAGE = (HTML.media_type,)
JSON = (JSON_FORMAT.media_type,)
ERRORS = {
    400: "The request or the query is malformed, or the query is too complex.",
    403: "The query is refused: updates and SERVICE are not allowed.",
    404: "Nothing at this path.",
    406: "No representation matches the Accept header or the format parameter.",
    412: "If-Match names no current representation (strong comparison; * matches any).",
    413: "The query or request body is larger than allowed.",
    415: "The request body has an unsupported Content-Type or charset.",
    416: "The byte range starts past the end of the file (Content-Range: bytes */length).",
    422: "The answer is larger than the server sends (max_result_bytes); add a LIMIT.",
    429: "The client is over its fair-use limits (client_queries, client_query_seconds); "
    "see Retry-After.",
    502: "The query store failed or a query worker stopped.",
    503: "The query ran longer than the timeout, or the dataset is missing.",
}
DOWNLOADS = (*RDF, NQUADS.media_type, PLAIN_TEXT.media_type, OCTET_STREAM.media_type)
ERROR_MEDIA = (*JSON, HTML.media_type, PLAIN_TEXT.media_type)


@dataclass(frozen=True)
class Param:
    """One query or path parameter."""

    name: str
    where: str
    description: str
    schema: dict = field(default_factory=lambda: {"type": "string"})
    required: bool = False


@dataclass(frozen=True)
class Operation:
    """One method on one path: what it returns (status -> media types) and how it can fail."""

    path: str
    method: str
    summary: str
    ok: dict[int, tuple[str, ...]]
    errors: tuple[int, ...] = (404, 406, 412)
    params: tuple[Param, ...] = ()
    body: dict[str, dict] = field(default_factory=dict)
    tag: str = "pages"


FORMAT = Param("format", "query", "Short format name (e.g. json, csv, ttl); overrides Accept.")
LANG = Param("lang", "query", "Page language: sr-Latn, sr-Cyrl or en.")
EXTENSION = Param("ext", "path", "html, ttl, jsonld, nt or rdf.", required=True)
EXTENSION_FORMAT = Param(
    "format", "query", "Must name the extension's format if given (else 400), e.g. ttl."
)
IRI_LIST = {"type": "array", "items": {"type": "string", "format": "iri"}}
PROTOCOL = (
    Param("query", "query", "A SPARQL 1.1 query (SELECT, ASK, CONSTRUCT, DESCRIBE)."),
    Param("default-graph-uri", "query", "IRI of a graph for the default graph.", IRI_LIST),
    Param("named-graph-uri", "query", "IRI of a named graph.", IRI_LIST),
    FORMAT,
)
SPARQL_ERRORS = (400, 403, 406, 413, 415, 422, 429, 502, 503)
FORM_BODY = {
    "type": "object",
    "properties": {
        "query": {"type": "string"},
        "default-graph-uri": IRI_LIST,
        "named-graph-uri": IRI_LIST,
        "format": {"type": "string"},
    },
    "required": ["query"],
}
HEALTH_SCHEMA = {
    "type": "object",
    "required": ["status", "store", "dataset"],
    "properties": {
        "status": {"enum": ["ok", "degraded"]},
        "store": {"type": "string"},
        "dataset": {"type": "object"},
        "engine": {
            "enum": ["in-memory copy", "on-disk store"],
            "description": "what the embedded engine queries (setting memory_copy_triples)",
        },
        "workers": {"type": "integer", "description": "query worker processes running"},
        "workers_starting": {
            "type": "integer",
            "description": "query worker processes still starting (at start or to replace one)",
        },
    },
}

OPERATIONS: tuple[Operation, ...] = (
    Operation(
        "/sparql",
        "get",
        "SPARQL 1.1 Protocol query; without a query: the service description or the query page.",
        {200: (*SOLUTIONS, *RDF, *PAGE), 304: ()},
        (*SPARQL_ERRORS, 412),
        (*PROTOCOL, LANG),
        tag="sparql",
    ),
    Operation(
        "/sparql",
        "post",
        f"SPARQL 1.1 Protocol query by POST (form or {SPARQL_QUERY.media_type} body).",
        {200: (*SOLUTIONS, *RDF, *PAGE)},
        SPARQL_ERRORS,
        PROTOCOL[1:],
        body={
            FORM.media_type: FORM_BODY,
            SPARQL_QUERY.media_type: {"type": "string"},
        },
        tag="sparql",
    ),
    Operation(
        "/health",
        "get",
        "Liveness, dataset checksum and triple count.",
        {200: JSON, 503: JSON},
        (),
        tag="service",
    ),
    Operation(
        "/",
        "get",
        "Landing page: every publishing city with its counts, and a map of them.",
        {200: PAGE, 304: ()},
        (412,),
        (LANG,),
    ),
    Operation(
        "/publisher/{slug}",
        "get",
        "A publishing city's page: its source page, partners, agreements and memberships.",
        {200: PAGE, 304: ()},
        (404, 412),
        (Param("slug", "path", "The city's slug, e.g. banja-luka.", required=True), LANG),
    ),
    Operation(
        "/id/{rest}",
        "get",
        "A thing's IRI: 303 See Other to its document in the negotiated format.",
        {303: ()},
        (400, 404, 406),
        params=(
            Param("rest", "path", "kind/slug, e.g. city/banja-luka.", required=True),
            FORMAT,
            LANG,
        ),
    ),
    Operation(
        "/doc/{rest}",
        "get",
        "A thing's document: HTML or RDF (extension, format parameter or Accept).",
        {200: (*PAGE, *RDF), 304: ()},
        (400, 404, 406, 412),
        params=(
            Param("rest", "path", "kind/slug[.ext], e.g. city/banja-luka.ttl.", required=True),
            FORMAT,
            LANG,
        ),
    ),
    Operation(
        "/ontology",
        "get",
        "The project's vocabulary (HTML or RDF).",
        {200: (*PAGE, *RDF), 304: ()},
        (400, 406, 412),
        params=(FORMAT, LANG),
    ),
    Operation(
        "/ontology.{ext}",
        "get",
        "The vocabulary in the format of the extension.",
        {200: (*PAGE, *RDF), 304: ()},
        (400, 404, 412),
        params=(EXTENSION, EXTENSION_FORMAT, LANG),
    ),
    Operation(
        "/catalog",
        "get",
        "DCAT-AP catalog and VoID description of the dumps.",
        {200: (*PAGE, *RDF), 304: ()},
        (400, 406, 412, 503),
        (FORMAT, LANG),
    ),
    Operation(
        "/catalog.{ext}",
        "get",
        "The catalog in the format of the extension.",
        {200: (*PAGE, *RDF), 304: ()},
        (400, 404, 412, 503),
        (EXTENSION, EXTENSION_FORMAT, LANG),
    ),
    Operation(
        "/.well-known/void",
        "get",
        "VoID description (RFC 5785 well-known location).",
        {200: (*PAGE, *RDF), 304: ()},
        (406, 412, 503),
        (FORMAT,),
    ),
    Operation(
        "/download/{name}",
        "get",
        "A published file of dist/ (dumps, context, catalog, report, SHA256SUMS).",
        {200: DOWNLOADS, 206: DOWNLOADS, 304: ()},
        (404, 412, 416, 503),
        (Param("name", "path", "File name, e.g. sister-graph.ttl.", required=True),),
        tag="downloads",
    ),
    Operation(
        "/static/{filename}",
        "get",
        "Style sheets, scripts and images of the pages.",
        {
            200: tuple(f.media_type for f in (CSS, JAVASCRIPT, SVG, OCTET_STREAM)),
            206: tuple(f.media_type for f in (CSS, JAVASCRIPT, SVG, OCTET_STREAM)),
            304: (),
        },
        (404, 412, 416),
        (
            Param("filename", "path", "File name under static/.", required=True),
            Param(
                "v",
                "query",
                "The file's content as the pages link it (12 hex digits of its SHA-256): "
                "answered with Cache-Control immutable for a year; any other value, no-cache.",
            ),
        ),
    ),
    Operation(
        "/openapi.json", "get", "This description.", {200: JSON, 304: ()}, (412,), tag="service"
    ),
)
