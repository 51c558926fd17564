"""The command line: query formats, helpful errors, no tracebacks."""

from __future__ import annotations

import csv
import io
import json

import pytest
from click.testing import CliRunner

from sister_graph.cli import cli

BASE = "https://w3id.org/sister-graph/"
TWINS = f"SELECT ?c WHERE {{ <{BASE}id/city/banja-luka> <http://www.wikidata.org/prop/direct/P190> ?c }}"


def run(built, *args: str):
    config, _ = built
    return CliRunner().invoke(cli, ["--dist-dir", str(config.dist_dir), *args])


def test_query_prints_a_table(built):
    result = run(built, "query", TWINS + " ORDER BY ?c")
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert lines[0].strip() == "c"
    assert f"<{BASE}id/city/bari>" in lines[2]
    assert lines[-1] == "(15 rows)"


@pytest.mark.parametrize(
    ("literal", "shown"),
    [
        ("a\\nb", "a\\nb"),  # a line break would split the row
        ("a\\rb\\tc", "a\\rb\\tc"),
        ("\\u001B[31mred", "\\u001B[31mred"),  # a terminal escape sequence is shown, not run
        ("x\\u0007\\u007F\\u0085y", "x\\u0007\\u007F\\u0085y"),
        ("p\\u2028q", "p\\u2028q"),
        ("back\\\\slash", "back\\\\slash"),  # so "\\n" written out stays apart from a line break
        ("Грац é", "Грац é"),
    ],
)
def test_the_table_shows_every_character_escaped_not_acted_on(built, literal, shown):
    result = run(built, "query", f'SELECT ?w {{ BIND("{literal}" AS ?w) }}')
    assert result.exit_code == 0, result.output
    assert result.output.splitlines()[2] == shown
    assert len(result.output.splitlines()) == 4 and "\x1b" not in result.output


def test_query_json_and_csv(built):
    as_json = json.loads(run(built, "query", "--format", "json", TWINS).output)
    assert len(as_json["results"]["bindings"]) == 15
    as_csv = list(csv.reader(io.StringIO(run(built, "query", "--format", "csv", TWINS).output)))
    assert as_csv[0] == ["c"] and len(as_csv) == 16


def test_ask_query(built):
    assert run(built, "query", "ASK { ?s ?p ?o }").output == "true\n"


def test_malformed_query_is_one_clear_line(built):
    result = run(built, "query", "SELECT ?x WHERE { ?x ")
    assert result.exit_code == 1
    assert result.output.startswith("error: malformed SPARQL query")
    assert "Traceback" not in result.output


def test_service_is_refused_on_the_command_line_too(built):
    result = run(built, "query", "SELECT * WHERE { SERVICE <http://127.0.0.1:9/> { ?s ?p ?o } }")
    assert result.exit_code == 1
    assert "SERVICE" in result.output


def test_query_without_dist_says_how_to_build(tmp_path):
    result = CliRunner().invoke(cli, ["--dist-dir", str(tmp_path / "none"), "query", "ASK {}"])
    assert result.exit_code == 1
    assert result.output.startswith("error: no dist/ here: run `sister-graph build`")
    assert len(result.output.strip().splitlines()) == 1


def test_validate_writes_nothing(tmp_path, monkeypatch):
    from pathlib import Path

    repo = Path(__file__).resolve().parents[2]
    monkeypatch.chdir(repo)
    result = CliRunner().invoke(cli, ["--dist-dir", str(tmp_path / "dist"), "validate"])
    assert result.exit_code == 0, result.output
    assert "conform" in result.output
    assert not (tmp_path / "dist").exists()


def test_serve_building_dist_says_what_it_built_as_build_does(tmp_path, monkeypatch):
    from pathlib import Path

    from sister_graph.web import server

    monkeypatch.chdir(Path(__file__).resolve().parents[2])
    served = []
    monkeypatch.setattr(server, "run", lambda config, debug=False: served.append(config))
    dist = str(tmp_path / "dist")
    result = CliRunner().invoke(cli, ["--dist-dir", dist, "serve", "--port", "0"])
    assert result.exit_code == 0, result.output
    assert f"built {dist}/: " in result.output and "triples, conforms" in result.output
    assert "catalog.ttl conforms to DCAT-AP 3.0.1" in result.output
    # one count per publisher, not per resource naming one (it said 13 for 11)
    from rdflib import Graph
    from rdflib.namespace import DCTERMS

    catalog = Graph().parse(Path(dist) / "catalog.ttl", format="turtle")
    publishers = set(catalog.objects(None, DCTERMS.publisher))
    assert f", {len(publishers)} publisher(s) without an EU corporate-body IRI" in result.output
    assert len(served) == 1


def test_bad_base_is_a_clear_error():
    result = CliRunner().invoke(cli, ["--base", "https://example.org/no-slash", "validate"])
    assert result.exit_code == 1
    assert "must end with '/'" in result.output


def test_bad_release_date_is_named_before_anything_is_built(tmp_path):
    result = CliRunner().invoke(
        cli, ["--dist-dir", str(tmp_path / "dist"), "build", "--release-date", "2026-13-01"]
    )
    assert result.exit_code == 1
    assert "setting release_date: '2026-13-01' is not a date (YYYY-MM-DD)" in result.output
    assert not (tmp_path / "dist").exists()


def test_a_query_file_that_is_not_utf8_is_named_in_one_line(built, tmp_path):
    latin1 = tmp_path / "query.rq"
    latin1.write_bytes('SELECT ?x { BIND("Grač" AS ?x) }'.encode("cp1250"))
    result = run(built, "query", "--file", str(latin1))
    assert result.exit_code == 1
    assert result.output == f"error: --file: {latin1} is not UTF-8 text (byte 21)\n"


@pytest.mark.parametrize("args", [[], ["ASK {}", "--file", "-"]])
def test_query_asks_for_exactly_one_query(built, args):
    result = run(built, "query", *args)
    assert result.exit_code == 2
    assert "give the query either as an argument or with --file" in result.output
    assert "Traceback" not in result.output


def test_a_query_argument_that_is_not_utf8_is_named_in_one_line(built):
    # a shell passes the bytes; Python reads b"\xff" as the lone surrogate U+DCFF, and the
    # codec's "surrogates not allowed" was the message
    result = run(built, "query", "ASK { ?s ?p \udcff }")
    assert result.exit_code == 1, result.output
    assert result.output == "error: the query argument is not UTF-8 text (byte 12)\n"


def test_a_query_file_saved_with_a_byte_order_mark_is_read(built, tmp_path):
    # Windows editors save UTF-8 with a BOM; it is no part of the query (utf-8-sig)
    path = tmp_path / "q.rq"
    path.write_bytes(b"\xef\xbb\xbfASK { ?s ?p ?o }\n")
    result = run(built, "query", "--file", str(path))
    assert (result.exit_code, result.output) == (0, "true\n")


@pytest.mark.parametrize(
    ("args", "option"),
    [(["serve", "--dist-dir", "dist"], "--dist-dir"), (["build", "--base", BASE], "--base")],
)
def test_an_option_of_the_group_after_the_command_says_where_it_goes(args, option):
    """Was click's "No such option '--dist-dir'. (Did you mean '--store-dir'?)"."""
    result = CliRunner().invoke(cli, args)
    assert result.exit_code == 2
    assert f"{option} is an option of sister-graph itself: write it before the command" in (
        result.output
    )
    assert f"(sister-graph {option} … {args[0]} …)" in result.output
    assert "Did you mean" not in result.output


def test_a_command_option_misspelt_still_gets_clicks_hint():
    result = CliRunner().invoke(cli, ["serve", "--prot", "8000"])
    assert result.exit_code == 2 and "No such option '--prot'" in result.output


@pytest.mark.parametrize(
    "args",
    [
        ["query"],
        ["query", "--format", "nope", "ASK {}"],
        ["query", "--file", "/nonexistent/q.rq"],
        ["init", "x"],
        ["generate"],
        ["generate", "out", "--agreements", "0"],
        ["push"],
        ["no-such-command"],
        ["--no-such-option", "build"],
        ["serve", "--prot", "8000"],
    ],
)
def test_a_usage_error_is_one_line(args, tmp_path, monkeypatch):
    """click printed three lines (Usage:, Try '... --help', Error: ...)."""
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(cli, args)
    assert result.exit_code == 2, result.output
    lines = result.output.splitlines()
    assert len(lines) == 1 and lines[0].startswith("error: "), result.output
    assert "--help" in lines[0] and "Traceback" not in result.output


def test_a_command_option_before_the_command_says_where_it_goes():
    result = CliRunner().invoke(
        cli, ["--ontology-file", "x.ttl", "validate"], prog_name="sister-graph"
    )
    assert result.exit_code == 2
    assert result.output == (
        "error: --ontology-file is an option of build, validate, init: write it after the command "
        "(sister-graph build --ontology-file …) (see 'sister-graph --help')\n"
    )
