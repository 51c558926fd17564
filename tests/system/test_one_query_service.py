"""One query service: `sister-graph query` and /sparql give the same answers and the same errors.

Both open the store over the same dist/ and go through the same protocol checks, guard,
dataset rules (the published graph's name in FROM, FROM NAMED, GRAPH, default-graph-uri,
named-graph-uri) and formats; the CLI's --format NAME is /sparql's format=NAME.
"""

from __future__ import annotations

import json

import pytest
import requests
from click.testing import CliRunner
from rdflib import Graph, URIRef

from sister_graph.cli import cli
from sister_graph.rdf.namespaces import SD
from tests.support import BASE

GRAPH = BASE + "graph"
OTHER = "urn:example:another-graph"

# (query, format, default-graph-uri list, named-graph-uri list)
SAME_ANSWERS = [
    ("ASK { ?s ?p ?o }", "json", (), ()),
    ("ASK { ?s ?p ?o }", "xml", (), ()),
    (f"ASK FROM <{GRAPH}> {{ ?s ?p ?o }}", "json", (), ()),
    (f"ASK FROM <{OTHER}> {{ ?s ?p ?o }}", "json", (), ()),
    (f"ASK FROM NAMED <{GRAPH}> {{ GRAPH <{GRAPH}> {{ ?s ?p ?o }} }}", "json", (), ()),
    (f"ASK {{ GRAPH <{GRAPH}> {{ ?s ?p ?o }} }}", "json", (), ()),
    ("SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } }", "json", (), ()),
    (f"SELECT (COUNT(*) AS ?n) FROM <{GRAPH}> WHERE {{ ?s ?p ?o }}", "csv", (), ()),
    ("SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }", "json", (GRAPH,), ()),
    ("SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }", "json", (OTHER,), ()),
    (f"SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH <{GRAPH}> {{ ?s ?p ?o }} }}", "json", (), (GRAPH,)),
    # Wikidata-style: wdt:, wd:, rdfs:, owl: and schema: without PREFIX lines
    ("SELECT ?p ?c WHERE { ?p wdt:P190 ?c } ORDER BY ?p ?c", "json", (), ()),
    (
        "SELECT ?city WHERE { ?city owl:sameAs ?item . "
        "FILTER(STRSTARTS(STR(?item), STR(wd:))) } ORDER BY ?city",
        "tsv",
        (),
        (),
    ),
    ("SELECT ?c ?l WHERE { ?c a schema:City ; rdfs:label ?l } ORDER BY ?c ?l", "json", (), ()),
    ("CONSTRUCT { ?p wdt:P190 ?c } WHERE { ?p wdt:P190 ?c }", "ntriples", (), ()),
]


def run_cli(built, tmp_path, query: str, *args: str):
    config, _ = built
    options = ["--dist-dir", str(config.dist_dir)]
    store = ["--store-dir", str(tmp_path / "store"), "--workers", "1"]
    return CliRunner().invoke(cli, [*options, "query", *store, *args, query])


def run_http(site, query: str, fmt: str, default=(), named=()) -> requests.Response:
    params = [("query", query), ("format", fmt)]
    params += [("default-graph-uri", g) for g in default]
    params += [("named-graph-uri", g) for g in named]
    return requests.get(site.sparql, params=params, timeout=30)


@pytest.fixture(scope="module")
def cli_store(tmp_path_factory):
    return tmp_path_factory.mktemp("cli-store")


@pytest.mark.parametrize(("query", "fmt", "default", "named"), SAME_ANSWERS)
def test_cli_and_endpoint_give_the_same_answer(built, site, cli_store, query, fmt, default, named):
    args = ["--format", fmt]
    args += [a for g in default for a in ("--default-graph-uri", g)]
    args += [a for g in named for a in ("--named-graph-uri", g)]
    by_cli = run_cli(built, cli_store, query, *args)
    by_http = run_http(site, query, fmt, default, named)
    assert by_cli.exit_code == 0, by_cli.output
    assert by_http.status_code == 200, by_http.text
    if fmt == "ntriples":
        assert sorted(by_cli.output.splitlines()) == sorted(by_http.text.splitlines())
        dump = (built[0].dist_dir / "sister-graph.nt").read_text(encoding="utf-8")
        p190 = [line for line in dump.splitlines() if "/prop/direct/P190>" in line]
        assert sorted(by_cli.output.splitlines()) == sorted(p190) and p190
    else:
        assert by_cli.stdout_bytes == by_http.content


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        (f"ASK FROM <{GRAPH}> {{ ?s ?p ?o }}", True),
        (f"ASK FROM NAMED <{GRAPH}> {{ GRAPH <{GRAPH}> {{ ?s ?p ?o }} }}", True),
        (f"ASK {{ GRAPH <{GRAPH}> {{ ?s ?p ?o }} }}", True),
        (f"ASK FROM <{OTHER}> {{ ?s ?p ?o }}", False),
        (f"ASK FROM NAMED <{OTHER}> {{ GRAPH <{GRAPH}> {{ ?s ?p ?o }} }}", False),
    ],
)
def test_the_published_graph_name_selects_the_graph(built, cli_store, site, query, expected):
    assert run_cli(built, cli_store, query).output == f"{str(expected).lower()}\n"
    assert run_http(site, query, "json").json()["boolean"] is expected


def test_protocol_graph_parameters_name_the_published_graph(site):
    count = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"
    in_graph = f"SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH <{GRAPH}> {{ ?s ?p ?o }} }}"

    def n(response):
        return int(response.json()["results"]["bindings"][0]["n"]["value"])

    everything = n(run_http(site, count, "json"))
    assert everything > 1000
    assert n(run_http(site, count, "json", default=(GRAPH,))) == everything
    assert n(run_http(site, in_graph, "json", named=(GRAPH,))) == everything
    assert n(run_http(site, in_graph, "json", named=(OTHER,))) == 0
    assert n(run_http(site, count, "json", default=(OTHER,))) == 0


@pytest.mark.parametrize(
    ("query", "status"),
    [
        ("SELECT * WHERE { SERVICE <http://127.0.0.1:9/> { ?s ?p ?o } }", 403),
        ("SELECT * WHERE { ?s ?p ?o . { SERVICE <http://127.0.0.1:9/> { ?s ?p ?o } } }", 403),
        ("INSERT DATA { <urn:a> <urn:b> <urn:c> }", 403),
        ("SELECT ?x WHERE { ?x ", 400),
        ("SELECT * WHERE {\n  ?s ?p ?o .\n  FILTER(?s = )\n}", 400),
        ("SELECT ?c WHERE { ?p nosuchprefix:x ?c }", 400),
    ],
)
def test_cli_and_endpoint_refuse_alike(built, site, cli_store, query, status):
    by_cli = run_cli(built, cli_store, query)
    params = {"query": query, "format": "json"}  # chosen before the engine runs, as the CLI's
    by_http = requests.get(site.sparql, params=params, headers={"Accept": "text/plain"}, timeout=30)
    assert by_http.status_code == status
    code, _, message = by_http.text.strip().partition(": ")
    assert by_cli.exit_code == 1
    assert by_cli.output.strip() == f"error: {message}"
    assert "Traceback" not in by_cli.output


@pytest.mark.parametrize(
    ("query", "at"),
    [
        ("SELECT *\nWHERE {\n  ?s ?p ?o .\n  ?s ?p ?o ?x .\n}\n", "4:12: unexpected '?x'"),
        ("SELECT * WHERE {\n ?s ?p ?o .\n FILTER(?s = )\n}", "3:14: unexpected ')'"),
        ("SELECT * WHERE {\n\n\n  ?s ?p ?o\n  BIND(1 AS )\n}", "5:13: unexpected ')'"),
        ("SELECT * { ?x ?p }", "1:18: unexpected '}'"),
        ("SELECT * WHERE { ?s ?p ?o } LIMT 3", "1:29: unexpected 'LIMT'"),
        ("SELECT ?x WHERE {\n  ?x a ?y .\n  ?x ex:p 1 }", "3:6: undeclared prefix 'ex'"),
    ],
)
def test_syntax_errors_name_the_line_and_column(built, site, cli_store, query, at):
    expected = f"error: malformed SPARQL query: error at {at}"
    assert run_cli(built, cli_store, query).output.strip() == expected
    json_client = {"Accept": "application/sparql-results+json"}
    response = requests.get(site.sparql, params={"query": query}, headers=json_client, timeout=30)
    assert response.status_code == 400
    assert response.json()["error"]["message"] == expected.removeprefix("error: ")


def test_service_description_lists_the_published_graph_as_named_graph(site):
    response = requests.get(site.sparql, headers={"Accept": "text/turtle"}, timeout=30)
    described = Graph().parse(data=response.text, format="turtle")
    names = {
        described.value(named, SD.name)
        for dataset in described.objects(None, SD.defaultDataset)
        for named in described.objects(dataset, SD.namedGraph)
    }
    assert names == {URIRef(GRAPH)}
    assert (None, SD.defaultGraph, URIRef(GRAPH)) in described
    assert (None, SD.feature, SD.UnionDefaultGraph) in described


def test_no_dist_is_one_line_saying_how_to_build(tmp_path):
    result = CliRunner().invoke(cli, ["--dist-dir", str(tmp_path / "none"), "query", "ASK {}"])
    assert result.exit_code == 1
    assert result.output.startswith("error: no dist/ here: run `sister-graph build`")
    assert len(result.output.strip().splitlines()) == 1


def test_json_from_the_cli_is_the_protocol_json(built, cli_store):
    result = run_cli(built, cli_store, "ASK { ?s wdt:P190 ?c }", "--format", "json")
    assert json.loads(result.output) == {"head": {}, "boolean": True}
