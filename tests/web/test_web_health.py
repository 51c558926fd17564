"""Tests for /health and the app factory's error translation (Flask test client + live server)."""

from __future__ import annotations

import requests

from sister_graph.query.results import Answer
from sister_graph.settings import Config
from sister_graph.web import BLUEPRINTS, create_app


class BrokenStore:
    """A store whose queries hit a bug, to check that bugs are 500s without internals."""

    kind, checksum, triples = "fake", "c0ffee", 0

    def answer(self, job, tokens=None) -> Answer:
        raise RuntimeError("secret /srv/path detail")

    def health(self) -> dict:
        return {"workers": 0}

    def close(self) -> None:
        pass


def test_health_reports_dataset(endpoint):
    response = requests.get(endpoint.url + "health")
    body = response.json()
    assert response.status_code == 200 and body["status"] == "ok"
    assert body["dataset"]["triples"] == 22 and len(body["dataset"]["checksum"]) == 64
    assert body["workers"] == 2


def test_bugs_are_500_without_traceback_or_path(caplog):
    app = create_app(Config(), store=BrokenStore())
    client = app.test_client()
    response = client.get("/sparql", query_string={"query": "ASK {}"})
    assert response.status_code == 500
    assert b"secret" not in response.data and b"Traceback" not in response.data
    assert "secret /srv/path detail" in caplog.text  # logged for the operator
    assert client.get("/health").status_code == 503


def test_access_log_has_method_path_status_and_query_time(endpoint, caplog):
    caplog.set_level("INFO", logger="sister_graph.access")
    requests.get(endpoint.sparql, params={"query": "ASK { ?s ?p 1 }"})
    lines = [r.getMessage() for r in caplog.records if r.name == "sister_graph.access"]
    assert any(line.startswith("GET /sparql 200 ") and "query=" in line for line in lines)


def test_blueprints_come_from_one_table():
    assert BLUEPRINTS[:2] == ("health", "sparql_endpoint")
