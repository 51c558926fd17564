"""The /sparql endpoint (SPARQL 1.1 Protocol query operation and service description)."""

from __future__ import annotations

from flask import Blueprint, Response, render_template, request
from werkzeug.datastructures import MultiDict

from sister_graph.errors import NotAcceptable
from sister_graph.query import negotiation as negotiate
from sister_graph.query.results import Answer
from sister_graph.query.service import (
    FORM,
    QUERY,
    PreparedQuery,
    dataset_graph,
    execute,
    parse_params,
    prepare_query,
    read_protocol_request,
)
from sister_graph.query.service_description import build_service_description, serialise_description
from sister_graph.rdf.formats import HTML, content_type
from sister_graph.settings import Config
from sister_graph.web.conditional import precondition
from sister_graph.web.context import (
    current_client,
    current_config,
    current_store,
    note_query_time,
    state,
)
from sister_graph.web.fast_path import BODY
from sister_graph.web.query_page import accepts_html, prefers_html, render_query_page
from sister_graph.web.site import absolute

bp = Blueprint("sparql", __name__)

TRUNCATED = "X-Sister-Graph-Truncated"


def url_params(environ: dict) -> MultiDict:
    """Return the URL's parameters (service.parse_params; WSGI gives the bytes as latin-1)."""
    return parse_params(environ.get("QUERY_STRING", "").encode("latin-1"), "URL's query string")


@bp.route("/sparql", methods=["GET", "POST"])
def sparql():
    """Answer a SPARQL query, or describe the service when no query is given."""
    config = current_config()
    mimetype = request.mimetype if request.method == "POST" else ""
    protocol = read_protocol_request(
        method=request.method,
        args=url_params(request.environ),
        mimetype=mimetype,
        charset=request.mimetype_params.get("charset"),
        body=request.get_data() if mimetype in (FORM, QUERY) else b"",
        max_query_bytes=config.max_query_bytes,
    )
    if prefers_html(request.accept_mimetypes, protocol):
        return render_query_page(protocol)
    if protocol.query is None:
        return _describe(protocol.format)
    store = current_store()
    try:
        prepared = prepare_query(store, protocol, accept=request.accept_mimetypes, config=config)
    except NotAcceptable:
        # no answer format is acceptable, but the query page may be (RFC 9110 §12.5.1: the
        # best available representation, even at a low q); a format= names one: no fallback
        if protocol.format is None and accepts_html(request.accept_mimetypes):
            return render_query_page(protocol)
        raise
    conditional = prepared.etag and request.method in ("GET", "HEAD")
    if conditional and precondition(prepared.etag, weak=mints_blank_nodes(prepared.plan.text)):
        return Response(status=304, headers=answer_headers(prepared, None, config))
    app_state = state()
    answer, milliseconds = execute(
        store, prepared, cache=app_state.cache, fair_use=app_state.fair_use, client=current_client()
    )
    note_query_time(milliseconds)
    if prepared.etag and request.method == "GET":
        request.environ[BODY] = answer.body
    headers = answer_headers(prepared, answer, config)
    response = Response(answer.body, headers=headers)
    response.headers["Content-Type"] = content_type(prepared.choice.format)  # the table's label
    return response


def answer_headers(
    prepared: PreparedQuery, answer: Answer | None, config: Config
) -> dict[str, str]:
    """Return the headers of a query's answer (None: of its 304), after Content-Type/Length.

    The Flask view and the WSGI front (web.sparql_front) both send exactly these.
    """
    headers = {"Vary": "Accept", "Cache-Control": f"public, max-age={config.cache_seconds}"}
    if prepared.etag:
        weak = mints_blank_nodes(prepared.plan.text)
        headers["ETag"] = f'W/"{prepared.etag}"' if weak else f'"{prepared.etag}"'
    if answer is not None and answer.truncated:
        headers[TRUNCATED] = "true"
    return headers


def mints_blank_nodes(query: str) -> bool:
    """Tell whether the answer may hold blank nodes the engine labels afresh on each run.

    A query's ETag names the request (query, dataset, format), not the bytes: it is strong
    only when equal requests give equal bytes (RFC 9110 §8.8.1). A blank node in a CONSTRUCT
    template (`[`, `_:`) or a BNODE() call gets a new label on every evaluation, so such an
    answer gets a weak tag (equivalent, not byte-equal). A `[` or `_:` elsewhere (in WHERE, in
    a string) only makes the tag weak as well.
    """
    return "[" in query or "_:" in query or "bnode" in query.lower()


def _describe(format_param: str | None) -> Response:
    choice = negotiate.choose(request.accept_mimetypes, negotiate.PAGE, format=format_param)
    headers = {"Vary": "Accept"}
    if choice.format is HTML:
        return Response(
            render_template("sparql_page.html"), mimetype=HTML.media_type, headers=headers
        )
    store, config = current_store(), current_config()
    graph = build_service_description(
        endpoint=absolute("sparql"), dataset_graph=dataset_graph(config.base), triples=store.triples
    )
    body = serialise_description(graph, choice.format)
    response = Response(body, headers=headers)
    response.headers["Content-Type"] = content_type(choice.format)
    return response
