"""Replay a remembered GET /sparql response without entering Flask (the cache-hit hot path).

A SPARQL answer of the embedded store is a pure function of the dataset (fixed for the
life of the process), the request path, its query string and its Accept header: the view
parses, guards and negotiates them, and marks a cacheable 200 answer by putting its body
in the WSGI environ under `BODY`. This middleware then remembers the status, the headers
(exactly those Flask sent, after the app's common headers) and the body under that raw
request key; the next identical GET is answered from memory: a dict lookup and bytes out.
HEAD, POST, conditional requests (If-None-Match, If-Match) and anything unmarked go through
Flask.
Responses are kept in the app's results cache, beside the answers whose bodies they share,
so one entry and byte budget bounds both (a body kept twice is counted twice).
"""

from __future__ import annotations

import logging
import time
from dataclasses import dataclass

from sister_graph.query.cache import ResultsCache

BODY = "sister_graph.cacheable_body"
ACCESS_LOG = logging.getLogger("sister_graph.access")


@dataclass(frozen=True)
class Remembered:
    """A complete response to replay: status line, headers and body."""

    status: str
    headers: tuple[tuple[str, str], ...]
    body: bytes


def request_key(environ: dict) -> tuple:
    """Return what a remembered response may depend on: prefix, path, query string, Accept."""
    return (
        "response",
        environ.get("SCRIPT_NAME", ""),
        environ.get("PATH_INFO", ""),
        environ.get("QUERY_STRING", ""),
        environ.get("HTTP_ACCEPT"),
    )


class FastPath:
    """WSGI middleware over the Flask app's wsgi_app, keeping responses in `memory`."""

    def __init__(self, app, *, memory: ResultsCache) -> None:
        self.app = app
        self.memory = memory

    def __call__(self, environ: dict, start_response):
        if (
            environ.get("REQUEST_METHOD") != "GET"
            or "HTTP_IF_NONE_MATCH" in environ
            or "HTTP_IF_MATCH" in environ
        ):
            return self.app(environ, start_response)
        started = time.perf_counter()
        key = request_key(environ)
        hit = self.memory.get(key)
        if hit is None:
            return self._remember(key, environ, start_response)
        start_response(hit.status, list(hit.headers))
        if ACCESS_LOG.isEnabledFor(logging.INFO):
            elapsed = (time.perf_counter() - started) * 1000
            path = key[1] + key[2]
            ACCESS_LOG.info("GET %s 200 %.1fms query=remembered", path, elapsed)
        return [hit.body]

    def _remember(self, key: tuple, environ: dict, start_response):
        sent: list = []

        def capture(status, headers, exc_info=None):
            sent[:] = [status, headers]
            return start_response(status, headers, exc_info)

        body = self.app(environ, capture)
        answer = environ.get(BODY)
        if answer is not None and sent and sent[0].startswith("200 "):
            headers = tuple((name, value) for name, value in sent[1])
            self.memory.put(key, Remembered(sent[0], headers, answer))
        return body
