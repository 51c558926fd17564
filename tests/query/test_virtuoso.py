"""End to end with a real Virtuoso: push the dump over the Graph Store Protocol, serve from it."""

from __future__ import annotations

import shutil
import socket
import subprocess
import time
from collections.abc import Iterator

import pytest
import requests
from click.testing import CliRunner

from sister_graph.cli import cli
from sister_graph.query.virtuoso_config import virtuoso_ini
from tests.support import LiveServer, data_totals

VIRTUOSO = shutil.which("virtuoso-t")
START_SECONDS = 45
PREFIXES = """PREFIX sg: <https://w3id.org/sister-graph/ontology#>
PREFIX org: <http://www.w3.org/ns/org#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
PREFIX wdt: <http://www.wikidata.org/prop/direct/>
"""
AGREEMENTS, PARTNERS = data_totals()
COUNTS = {
    "agreements": ("SELECT (COUNT(?a) AS ?n) WHERE { ?a a sg:CooperationAgreement }", AGREEMENTS),
    "partners": ("SELECT (COUNT(DISTINCT ?p) AS ?n) WHERE { ?a sg:partner ?p }", PARTNERS),
    "memberships": ("SELECT (COUNT(?m) AS ?n) WHERE { ?m a org:Membership }", 4),
    "fields": ("SELECT (COUNT(?c) AS ?n) WHERE { ?c skos:inScheme <{base}id/concept/field> }", 4),
    "priorities": (
        "SELECT (COUNT(?c) AS ?n) WHERE { ?c skos:inScheme <{base}id/concept/priority> }",
        3,
    ),
}
TWINS = "SELECT ?c WHERE { <{base}id/city/banja-luka> wdt:P190 ?c }"

pytestmark = pytest.mark.skipif(
    VIRTUOSO is None, reason="virtuoso-t not installed (apt-get install virtuoso-opensource)"
)


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture(scope="module")
def virtuoso(tmp_path_factory) -> Iterator[str]:
    """Start Virtuoso on loopback with a fresh database (user dba, password dba); yield its URL."""
    folder = tmp_path_factory.mktemp("virtuoso")
    http_port = _free_port()
    ini = virtuoso_ini(folder, sql_port=_free_port(), http_port=http_port)
    (folder / "virtuoso.ini").write_text(ini, encoding="utf-8")
    log = (folder / "stdout.log").open("wb")
    process = subprocess.Popen(
        [VIRTUOSO, "+foreground", "+configfile", str(folder / "virtuoso.ini")],
        cwd=folder,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    url = f"http://127.0.0.1:{http_port}/"
    try:
        deadline = time.monotonic() + START_SECONDS
        while True:
            assert process.poll() is None, (folder / "stdout.log").read_text()
            try:
                if requests.get(url + "sparql", params={"query": "ASK {}"}, timeout=2).ok:
                    break
            except requests.ConnectionError:
                pass
            assert time.monotonic() < deadline, "Virtuoso did not answer in time"
            time.sleep(0.3)
        yield url
    finally:
        process.terminate()
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
        log.close()


def _push(config, url: str, *extra: str):
    args = ["--dist-dir", str(config.dist_dir), "push", "--graph-store"]
    return CliRunner().invoke(cli, [*args, url + "sparql-graph-crud-auth", *extra])


@pytest.fixture(scope="module")
def published(built, virtuoso: str):
    """Publish the built Banja Luka dump to Virtuoso (twice: PUT replaces, never appends)."""
    config, _ = built
    for _ in range(2):
        result = _push(config, virtuoso, "--user", "dba", "--password", "dba")
        assert result.exit_code == 0, result.output
    return config


def _select(sparql_url: str, query: str) -> list[dict]:
    text = PREFIXES + query.replace("{base}", "https://w3id.org/sister-graph/")
    answer = requests.post(
        sparql_url,
        data={"query": text},
        headers={"Accept": "application/sparql-results+json"},
        timeout=30,
    )
    assert answer.status_code == 200, answer.text
    return answer.json()["results"]["bindings"]


@pytest.fixture(scope="module")
def servers(published, virtuoso: str, tmp_path_factory) -> Iterator[dict[str, LiveServer]]:
    """Two live sister-graph servers: one over Virtuoso (--store), one over the embedded store."""
    remote = LiveServer(published.with_(port=0, store=virtuoso + "sparql", query_workers=1))
    store_dir = str(tmp_path_factory.mktemp("embedded-store"))
    embedded = LiveServer(published.with_(port=0, store_dir=store_dir, query_workers=1))
    yield {"remote": remote, "embedded": embedded}
    remote.close()
    embedded.close()


@pytest.mark.parametrize("name", sorted(COUNTS))
def test_remote_store_answers_the_acceptance_counts(servers, name: str) -> None:
    query, expected = COUNTS[name]
    for kind, server in servers.items():
        rows = _select(server.sparql, query)
        assert int(rows[0]["n"]["value"]) == expected, kind


def test_remote_store_lists_the_fifteen_twins_like_the_embedded_store(servers) -> None:
    found = {
        kind: {row["c"]["value"] for row in _select(server.sparql, TWINS)}
        for kind, server in servers.items()
    }
    assert len(found["remote"]) == 15
    assert found["remote"] == found["embedded"]


def test_health_reports_the_remote_store_and_the_published_triples(servers, built) -> None:
    _, result = built
    health = requests.get(servers["remote"].url + "health", timeout=10).json()
    assert health["store"] == "remote"
    assert health["dataset"]["triples"] == len(result.graph)


def test_a_city_page_is_served_from_the_remote_store(servers) -> None:
    page = requests.get(
        servers["remote"].url + "id/city/graz", headers={"Accept": "text/html"}, timeout=30
    )
    assert page.status_code == 200
    assert "Graz" in page.text


def test_publish_with_a_wrong_password_names_the_http_status(built, virtuoso: str) -> None:
    config, _ = built
    result = _push(config, virtuoso, "--user", "dba", "--password", "not-the-password")
    assert result.exit_code == 1
    assert "HTTP 401" in result.output
