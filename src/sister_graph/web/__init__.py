"""Flask app factory: blueprints, one error translation, CORS, common headers, access log."""

from __future__ import annotations

import atexit
import importlib
import logging
import time

from flask import Flask, Response, g, jsonify, request
from markupsafe import escape
from werkzeug.exceptions import (
    HTTPException,
    MethodNotAllowed,
    RequestedRangeNotSatisfiable,
    RequestEntityTooLarge,
)

from sister_graph.errors import (
    HttpError,
    NotFound,
    PayloadTooLarge,
    RangeNotSatisfiable,
    SisterGraphError,
)
from sister_graph.query.cache import ResultsCache
from sister_graph.query.fair_use import FairUse, trusted_proxies
from sister_graph.query.negotiation import error_format
from sister_graph.query.store import QueryStore, open_store
from sister_graph.rdf.formats import HTML, JSON, PLAIN_TEXT
from sister_graph.settings import Config, load_config
from sister_graph.web.assets import keep_named_assets
from sister_graph.web.conditional import add_validators, static_conditions
from sister_graph.web.context import COMMON_HEADERS, EXTENSION, AppState
from sister_graph.web.documents import empty_extension
from sister_graph.web.error_pages import render_error
from sister_graph.web.fast_path import FastPath
from sister_graph.web.paths import canonical_path
from sister_graph.web.proxy import TrustedProxyFix
from sister_graph.web.sparql_front import ERROR, SparqlFront

# Blueprint modules under sister_graph.web, each exposing `bp`; add a page area with one line.
BLUEPRINTS: tuple[str, ...] = (
    "health",
    "sparql_endpoint",
    "pages",
    "landing",
    "catalog_pages",
    "downloads",
    "openapi_route",
)

ACCESS_LOG = logging.getLogger("sister_graph.access")
ERROR_LOG = logging.getLogger("sister_graph.web")


def import_blueprints() -> list:
    """Import every blueprint module (a pre-forking server does this once, in the parent)."""
    return [importlib.import_module(f"sister_graph.web.{name}") for name in BLUEPRINTS]


def create_app(config: Config | None = None, *, store: QueryStore | None = None) -> Flask:
    """Build the web app over the published dataset (or the given store)."""
    config = config or load_config()
    app = Flask(__name__)
    app.config.update(
        MAX_CONTENT_LENGTH=config.max_body_bytes,
        DEBUG=False,
        JSON_SORT_KEYS=False,
        # /static/ is fresh as long as every page (Flask's default: no-cache, every time)
        SEND_FILE_MAX_AGE_DEFAULT=config.cache_seconds,
    )
    store = store or open_store(config)
    atexit.register(store.close)
    cache = ResultsCache(entries=config.cache_entries, max_bytes=config.cache_bytes)
    fair_use = FairUse(concurrent=config.client_queries, seconds=config.client_query_seconds)
    app_state = AppState(config, store, cache, fair_use, trusted_proxies(config.trusted_proxies))
    app.extensions[EXTENSION] = app_state
    for module in import_blueprints():
        app.register_blueprint(module.bp)
    app.register_error_handler(SisterGraphError, error_response)
    app.register_error_handler(HTTPException, _http_error)
    app.register_error_handler(Exception, _unexpected_error)
    app.before_request(_start_clock)
    app.before_request(canonical_path)  # before any route: one spelling of each path
    app.before_request(_raise_front_error)
    app.before_request(static_conditions)
    app.after_request(keep_named_assets)
    app.after_request(_common_headers)
    app.after_request(add_validators)  # runs first: Flask calls after_request last-in first
    app.wsgi_app = SparqlFront(app.wsgi_app, state=app_state)
    if cache.enabled:
        app.wsgi_app = FastPath(app.wsgi_app, memory=cache)
    if app_state.trusted_proxies:  # their X-Forwarded-Proto/Host/Prefix, nobody else's
        app.wsgi_app = TrustedProxyFix(app.wsgi_app, trusted=app_state.trusted_proxies)
    return app


def error_response(err: SisterGraphError) -> Response:
    """Turn any SisterGraphError into a response: JSON, HTML or plain text; never a traceback."""
    if err.status >= 500:
        ERROR_LOG.warning("%s %s: %s %s", request.method, request.path, err.code, err.message)
    media = error_format(request.accept_mimetypes)
    if media is JSON:
        body = {"status": err.status, "code": err.code, "message": err.message}
        response = jsonify({"error": {**body, "problems": err.problems}})
    elif media is HTML:
        response = _html_error(err)
    else:
        lines = [f"{err.status} {err.code}: {err.message}", *err.problems]
        response = Response("\n".join(lines) + "\n", mimetype=PLAIN_TEXT.media_type)
    response.status_code = err.status
    # the HTML page is written in the reader's language (Accept-Language), the others are not
    response.headers["Vary"] = "Accept, Accept-Language" if media is HTML else "Accept"
    for name, value in err.headers.items():
        response.headers[name] = value
    return response


def _html_error(err: SisterGraphError) -> Response:
    """The styled page in the user's language; a bare page only if that page itself fails."""
    try:
        return render_error(err)
    except Exception:  # the error page must not hide the error it reports
        ERROR_LOG.exception("error page failed for %s %s", request.method, request.path)
        items = "".join(f"<li>{escape(p)}</li>" for p in err.problems)
        title = f"{err.status} {escape(err.code)}"
        page = (
            f"<!doctype html><html lang='en'><head><meta charset='utf-8'><title>{title}</title>"
            f"</head><body><h1>{title}</h1><p>{escape(err.message)}</p><ul>{items}</ul>"
            "</body></html>"
        )
        return Response(page, mimetype=HTML.media_type)


def _http_error(exc: HTTPException) -> Response:
    if isinstance(exc, RequestEntityTooLarge):
        return error_response(PayloadTooLarge("the request body is larger than allowed"))
    if exc.code == 404:
        missing = NotFound(f"nothing at {request.path}")
        return error_response(empty_extension(request.path) or missing)
    if isinstance(exc, RequestedRangeNotSatisfiable):
        message = f"the range {request.headers.get('Range', '')!r} starts past the end"
        if exc.length is not None:
            message += f" of the {exc.length} bytes"
        return error_response(RangeNotSatisfiable(message, headers=_headers_of(exc)))
    if isinstance(exc, MethodNotAllowed):
        allowed = ", ".join(m for m in exc.valid_methods or () if m != "OPTIONS")
        message = f"{request.method} is not allowed on {request.path}; use {allowed}"
        return error_response(
            HttpError(message, status=405, code="method-not-allowed", headers=_headers_of(exc))
        )
    return error_response(
        HttpError(
            exc.description or exc.name,
            status=exc.code or 500,
            code=exc.name.lower().replace(" ", "-"),
            headers=_headers_of(exc),
        )
    )


def _headers_of(exc: HTTPException) -> dict[str, str]:
    """The headers werkzeug gives its error (Allow on a 405, Content-Range on a 416, ...),
    less those of its own body, which the app's error response replaces."""
    body_headers = ("content-type", "content-length")
    return {k: v for k, v in exc.get_headers() if k.lower() not in body_headers}


def _unexpected_error(exc: Exception) -> Response:
    ERROR_LOG.exception("unexpected error on %s %s", request.method, request.path)
    return error_response(SisterGraphError("internal server error; it has been logged"))


def _start_clock() -> None:
    g.started = time.perf_counter()


def _raise_front_error() -> None:
    """Render an error the SPARQL front found (it hands the request over, never runs it twice)."""
    err = request.environ.pop(ERROR, None)
    if err is not None:
        raise err


def _common_headers(response: Response) -> Response:
    headers = response.headers
    for name, value in COMMON_HEADERS:
        headers.setdefault(name, value)
    if request.method == "OPTIONS":
        asked = request.headers.get("Access-Control-Request-Headers")
        # the methods this route has (Flask's Allow), not POST everywhere
        headers["Access-Control-Allow-Methods"] = headers.get("Allow", "GET, HEAD, OPTIONS")
        headers["Access-Control-Allow-Headers"] = asked or "Accept, Content-Type, If-None-Match"
        headers["Access-Control-Max-Age"] = "86400"
    elapsed = (time.perf_counter() - g.get("started", time.perf_counter())) * 1000
    query_ms = g.get("query_ms")
    ACCESS_LOG.info(
        "%s %s %s %.1fms query=%s",
        request.method,
        request.path,
        response.status_code,
        elapsed,
        "-" if query_ms is None else f"{query_ms:.1f}ms",
    )
    return response
