"""`sister-graph query` writes with the endpoint's writers: CR kept in XML, tags in BCP 47 case."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET

import pytest
from click.testing import CliRunner

from sister_graph.cli import cli

GRAZ = "<https://w3id.org/sister-graph/id/city/graz>"
LABEL = "<http://www.w3.org/2000/01/rdf-schema#label>"
CYRILLIC = f'SELECT ?l {{ {GRAZ} {LABEL} ?l FILTER(LANG(?l) = "sr-Cyrl") }}'


def run(built, *args: str):
    config, _ = built
    return CliRunner().invoke(cli, ["--dist-dir", str(config.dist_dir), *args])


def test_xml_keeps_cr(built):
    result = run(built, "query", "--format", "xml", 'SELECT ?w { BIND("g\\rh\\ti" AS ?w) }')
    assert result.exit_code == 0, result.output
    root = ET.fromstring(result.output.encode())
    assert [e.text for e in root.iter("{http://www.w3.org/2005/sparql-results#}literal")] == [
        "g\rh\ti"
    ]


def test_xml_refuses_a_control_character_in_one_line(built):
    result = run(built, "query", "--format", "xml", 'SELECT ?w { BIND("a\\u0001" AS ?w) }')
    assert result.exit_code == 1
    assert "U+0001" in result.output and "Traceback" not in result.output


@pytest.mark.parametrize("fmt", ["table", "json", "tsv", "xml"])
def test_lang_filter_finds_the_published_spelling(built, fmt):
    result = run(built, "query", "--format", fmt, CYRILLIC)
    assert result.exit_code == 0, result.output
    if fmt == "json":
        bindings = json.loads(result.output)["results"]["bindings"]
        assert bindings[0]["l"] == {"type": "literal", "value": "Грац", "xml:lang": "sr-Cyrl"}
    else:
        assert "Грац" in result.output
    assert "sr-cyrl" not in result.output


def test_construct_says_sr_cyrl(built):
    result = run(built, "query", f"CONSTRUCT WHERE {{ {GRAZ} {LABEL} ?l }}")
    assert result.exit_code == 0 and "@sr-Cyrl" in result.output and "@sr-cyrl" not in result.output
