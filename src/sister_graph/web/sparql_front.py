"""Answer GET and POST /sparql queries without Flask: the SPARQL endpoint's hot path.

A plain WSGI layer (https://peps.python.org/pep-3333/) in front of the Flask app. For a query
request it reads the protocol parameters (https://www.w3.org/TR/sparql11-protocol/#query-
operation) with the same parsers Flask uses, then calls the same query service as the
`/sparql` view (prepare_query, fair use, execute) and sends the same headers
(`sparql_endpoint.answer_headers` plus the app's common ones). Everything else goes to Flask
unchanged: other paths, HEAD and OPTIONS, conditional requests, the HTML query page and the
service description. An error is handed to Flask too, already raised: the app's one error
translation renders it, and the query is never run twice.
"""

from __future__ import annotations

import functools
import io
import logging
import time

from werkzeug.datastructures import MIMEAccept
from werkzeug.http import parse_accept_header, parse_options_header

from sister_graph.errors import NotAcceptable, SisterGraphError
from sister_graph.query.fair_use import client_address
from sister_graph.query.service import (
    ProtocolRequest,
    execute,
    prepare_query,
    read_protocol_request,
)
from sister_graph.rdf.formats import content_type
from sister_graph.web.context import COMMON_HEADERS, AppState
from sister_graph.web.fast_path import BODY
from sister_graph.web.query_page import prefers_html
from sister_graph.web.sparql_endpoint import answer_headers, url_params

# The view re-raises an error found here (see web.raise_front_error).
ERROR = "sister_graph.front_error"
ACCESS_LOG = logging.getLogger("sister_graph.access")
CONDITIONAL = ("HTTP_IF_NONE_MATCH", "HTTP_IF_MATCH", "HTTP_IF_MODIFIED_SINCE", "HTTP_IF_RANGE")


@functools.lru_cache(maxsize=256)
def parse_accept(header: str | None) -> MIMEAccept:
    """Parse an Accept header once per distinct value (clients send a handful of them)."""
    return parse_accept_header(header, MIMEAccept)


class SparqlFront:
    """WSGI middleware: answer /sparql queries itself, pass every other request to `app`."""

    def __init__(self, app, *, state: AppState) -> None:
        self.app = app
        self.state = state

    def __call__(self, environ: dict, start_response):
        method = environ.get("REQUEST_METHOD")
        if (
            environ.get("PATH_INFO") != "/sparql"
            or method not in ("GET", "POST")
            or any(name in environ for name in CONDITIONAL)
        ):
            return self.app(environ, start_response)
        started = time.perf_counter()
        try:
            protocol = self._read(environ, method)
        except SisterGraphError as err:
            environ[ERROR] = err
            return self.app(environ, start_response)
        except (UnicodeError, ValueError):  # let Flask's own parsing decide (and say why)
            return self.app(environ, start_response)
        try:
            reply = None if protocol is None else self._answer(environ, method, protocol)
        except Exception as err:  # Flask renders it (a logged 500 for a bug), no traceback
            environ[ERROR] = err
            return self.app(environ, start_response)
        if reply is None:
            return self.app(environ, start_response)
        headers, body, query_ms = reply
        start_response("200 OK", headers)
        if ACCESS_LOG.isEnabledFor(logging.INFO):
            ACCESS_LOG.info(
                "%s %s 200 %.1fms query=%.1fms",
                method,
                environ.get("SCRIPT_NAME", "") + "/sparql",
                (time.perf_counter() - started) * 1000,
                query_ms,
            )
        return [body]

    def _read(self, environ: dict, method: str) -> ProtocolRequest | None:
        """Read the protocol parameters as Flask would; None: a body Flask must read itself."""
        config = self.state.config
        mimetype, charset, body = "", None, b""
        if method == "POST":
            mimetype, options = parse_options_header(environ.get("CONTENT_TYPE", ""))
            charset = options.get("charset")
            body = self._body(environ)
            if body is None:
                return None
        return read_protocol_request(
            method=method,
            args=url_params(environ),
            mimetype=mimetype,
            charset=charset,
            body=body,
            max_query_bytes=config.max_query_bytes,
        )

    def _answer(self, environ: dict, method: str, protocol: ProtocolRequest):
        """Answer the query: (headers, body, query ms); None: the view answers (the page, the
        description, or no acceptable format: the page if HTML is accepted, else its 406)."""
        config = self.state.config
        accept = parse_accept(environ.get("HTTP_ACCEPT"))
        if protocol.query is None or prefers_html(accept, protocol):
            return None
        store = self.state.store
        try:
            prepared = prepare_query(store, protocol, accept=accept, config=config)
        except NotAcceptable:  # the view answers: the query page if HTML is accepted, else 406
            return None
        if prepared.etag is None:  # a remote store's answer: Flask tags it by its body
            return None
        client = client_address(
            environ.get("REMOTE_ADDR"),
            environ.get("HTTP_X_FORWARDED_FOR"),
            self.state.trusted_proxies,
        )
        answer, query_ms = execute(
            store, prepared, cache=self.state.cache, fair_use=self.state.fair_use, client=client
        )
        headers = [("Content-Type", content_type(prepared.choice.format))]
        headers.append(("Content-Length", str(len(answer.body))))
        headers.extend(answer_headers(prepared, answer, config).items())
        headers.extend(COMMON_HEADERS)
        if prepared.etag and method == "GET":
            environ[BODY] = answer.body
        return headers, answer.body, query_ms

    def _body(self, environ: dict) -> bytes | None:
        """Read a POST body of declared length within max_body_bytes; None: leave it to Flask."""
        try:
            length = int(environ.get("CONTENT_LENGTH") or "")
        except ValueError:
            return None
        if length < 0 or length > self.state.config.max_body_bytes:
            return None
        body = environ["wsgi.input"].read(length)
        environ["wsgi.input"] = io.BytesIO(body)  # Flask can still read it if it gets the request
        return body if len(body) == length else None
