"""The access_log setting: one line per request, or none (and no logging call) when off."""

from __future__ import annotations

import logging

import requests

from sister_graph.settings import Config
from sister_graph.web.server import ACCESS_LOGGER, configure_logging

JSON = "application/sparql-results+json"


def _access_lines(caplog) -> list[str]:
    return [r.getMessage() for r in caplog.records if r.name == ACCESS_LOGGER]


def test_access_log_off_writes_no_line_per_request_on_any_path(endpoint, caplog):
    caplog.set_level(logging.INFO)
    logger = logging.getLogger(ACCESS_LOGGER)
    query = {"query": "ASK { ?s ?p ?o } # access log"}
    try:
        configure_logging(Config(access_log=False))
        for _ in range(2):  # the front, then the fast path (a remembered answer)
            assert requests.get(endpoint.sparql, params=query, headers={"Accept": JSON}).ok
        assert requests.get(endpoint.url + "health").ok  # a Flask route
        assert _access_lines(caplog) == []
        configure_logging(Config(access_log=True))
        assert requests.get(endpoint.sparql, params=query, headers={"Accept": JSON}).ok
        assert requests.get(endpoint.url + "health").ok
        lines = _access_lines(caplog)
        assert len(lines) == 2 and lines[0].startswith("GET /sparql 200 ")
        assert lines[1].startswith("GET /health 200 ")
    finally:
        logger.setLevel(logging.NOTSET)
