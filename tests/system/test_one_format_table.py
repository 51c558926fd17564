"""One table of formats: media types, engine formats and format IRIs are written in formats.py only."""

from __future__ import annotations

import re

import pyoxigraph as ox
import pytest

from sister_graph.rdf import formats
from tests.support import REPO

SRC = REPO / "src" / "sister_graph"
TABLE = SRC / "rdf" / "formats.py"
VENDORED = SRC / "web" / "static" / "vendor"
# type/subtype as IANA spells them, e.g. text/turtle, application/sparql-results+json
MEDIA_TYPE = re.compile(
    r"\b(?:text|application|image|audio|video|font|model|multipart|message)"
    r"/[a-z0-9][a-z0-9!#$&^_.+-]*",
    re.IGNORECASE,
)
# choosing an engine format, a W3C format IRI or an EU file type is the table's job too
OTHER_TABLE_WORDS = re.compile(
    r"RdfFormat\.|QueryResultsFormat\.|www\.w3\.org/ns/formats|authority/file-type"
)
SOURCE_SUFFIXES = {".py", ".html", ".js", ".css", ".rq", ".json", ".txt"}


def offending_lines(text: str) -> list[str]:
    """Return the lines of a file that write a media type or another format-table value."""
    return [
        line.strip()
        for line in text.splitlines()
        if MEDIA_TYPE.search(line) or OTHER_TABLE_WORDS.search(line)
    ]


def test_media_types_appear_only_in_the_format_table():
    problems = []
    for path in sorted(SRC.rglob("*")):
        if path == TABLE or path.suffix not in SOURCE_SUFFIXES or not path.is_file():
            continue
        if VENDORED in path.parents:  # third-party files kept byte for byte (see its README)
            continue
        for line in offending_lines(path.read_text(encoding="utf-8")):
            problems.append(f"{path.relative_to(REPO)}: {line}")
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize(
    "line",
    [
        'Response(body, mimetype="text/html")',
        "NTRIPLES = 'application/n-triples'",
        'accept = "application/sparql-results+json;q=0.9"',
        "store.bulk_load(path=p, format=ox.RdfFormat.N_TRIPLES)",
        'FORMATS = Namespace("http://www.w3.org/ns/formats/")',
        '<script type="application/ld+json">',
        'EU + "authority/file-type/CSV"',
    ],
)
def test_the_check_catches_a_media_type_outside_the_table(line):
    assert offending_lines(line) == [line]


def test_the_check_passes_ordinary_code():
    assert offending_lines("return Response(body, mimetype=HTML.media_type)\n# a/b path") == []


def test_every_format_has_its_columns():
    for fmt in formats.ALL_FORMATS:
        assert MEDIA_TYPE.fullmatch(fmt.media_type), fmt
        assert fmt.media_type == fmt.media_type.lower()
        assert fmt is formats.by_media_type(fmt.media_type, (fmt,))
    for fmt in formats.DUMP_FORMATS:
        assert isinstance(fmt.engine, ox.RdfFormat), fmt
        assert fmt.engine.media_type == fmt.media_type
        assert fmt.engine.file_extension == fmt.extension
        assert fmt.w3c.startswith(formats.W3C_FORMATS)
        assert fmt.eu_file_type.startswith(formats.EU_FILE_TYPE)
        assert fmt.rdflib
    for fmt in formats.RESULT_FORMATS:
        assert isinstance(fmt.engine, ox.QueryResultsFormat), fmt
        assert fmt.engine.media_type.partition(";")[0] == fmt.media_type
        assert fmt.w3c.startswith(formats.W3C_FORMATS)


def test_w3c_format_iris_are_the_published_ones():
    # https://www.w3.org/ns/formats/ lists these names
    names = {f.name: f.w3c.removeprefix(formats.W3C_FORMATS) for f in formats.ALL_FORMATS if f.w3c}
    assert names == {
        "turtle": "Turtle",
        "jsonld": "JSON-LD",
        "ntriples": "N-Triples",
        "rdfxml": "RDF_XML",
        "nquads": "N-Quads",
        "json": "SPARQL_Results_JSON",
        "xml": "SPARQL_Results_XML",
        "csv": "SPARQL_Results_CSV",
        "tsv": "SPARQL_Results_TSV",
    }


def test_lookup_by_media_type_ignores_parameters_and_prefers_the_canonical_one():
    assert formats.by_media_type("text/turtle; charset=utf-8") is formats.TURTLE
    assert formats.by_media_type("application/json") is formats.JSON
    assert formats.by_media_type("application/json", formats.RDF_FORMATS) is formats.JSONLD
    with pytest.raises(KeyError):
        formats.by_media_type("application/x-unknown")
