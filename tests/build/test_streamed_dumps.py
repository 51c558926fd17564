"""The streamed dumps are byte for byte what the in-memory writers give, and are checked on disk."""

from __future__ import annotations

from pathlib import Path

import pytest
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import RDFS, SKOS, XSD

from sister_graph.build.dump_checks import check_files
from sister_graph.build.dumps import (
    jsonld_chunks,
    nquads_chunks,
    nt_rows,
    ntriples_chunks,
    sorted_rows,
    until_refused,
)
from sister_graph.errors import RoundTripFailed
from sister_graph.rdf.formats import NQUADS, RDF_FORMATS, dump_name
from sister_graph.rdf.serialize import (
    ntriples_to_turtle,
    to_jsonld,
    to_nquads,
    to_ntriples,
    to_rdfxml,
    to_turtle,
)
from tests.build.test_jsonld_direct import CASES, graph_of

BASE = "https://w3id.org/sister-graph/"
S, P = URIRef(BASE + "id/city/a"), URIRef("urn:x:p")
G1, G2 = URIRef(BASE + "graph/source/a"), URIRef(BASE + "graph/source/b")
# A literal whose line is a prefix of another's once ' .' is cut: the quad order must hold.
PREFIXED = [
    (S, P, Literal("x")),
    (S, P, Literal("x", lang="en")),
    (S, P, Literal("x", lang="en-gb")),
    (S, P, Literal("x", datatype=XSD.token)),
    (S, P, Literal("x y")),
    (S, P, Literal("line\nbreak\u2028and\ttab")),
    (S, RDFS.label, Literal("Бања Лука", lang="sr-Cyrl")),
]


def _joined(chunks) -> bytes:
    return b"".join(chunks)


def _streamed_jsonld(graph: Graph) -> bytes:
    triples, refused = list(graph), []
    streamed = _joined(until_refused(jsonld_chunks(triples, base=BASE), refused))
    return to_jsonld(graph, base=BASE, triples=triples) if refused else streamed


@pytest.mark.parametrize("case", sorted(CASES))
def test_the_streamed_jsonld_is_to_jsonlds_bytes(case):
    graph = graph_of(*CASES[case])
    assert _streamed_jsonld(graph) == to_jsonld(graph, base=BASE)


def test_a_graph_of_one_node_or_none_is_left_to_rdflib():
    for graph in (Graph(), graph_of()):
        assert list(jsonld_chunks(list(graph), base=BASE)) == [None]


def test_the_real_data_streams_to_the_same_bytes(built):
    _, result = built
    graph, triples = result.graph, list(result.graph)
    rows = nt_rows(triples)
    assert _joined(ntriples_chunks(sorted_rows(rows))) == to_ntriples(graph)
    assert _joined(nquads_chunks(result.source_graphs, rows)) == to_nquads(
        {name: list(part) for name, part in result.source_graphs.items()}
    )
    assert _joined(jsonld_chunks(triples, base=BASE)) == to_jsonld(graph, base=BASE)


def test_lines_that_prefix_each_other_keep_their_order():
    one, two = Graph(), Graph()
    for index, triple in enumerate(PREFIXED):
        (one if index % 2 else two).add(triple)
        one.add(triple) if index == 3 else None  # one triple in both graphs
    union = one + two
    rows = nt_rows(list(union))
    assert _joined(ntriples_chunks(sorted_rows(rows))) == to_ntriples(union)
    parts = {G1: list(one), G2: list(two)}
    assert _joined(nquads_chunks(parts, rows)) == to_nquads(parts)
    assert _joined(ntriples_chunks([])) == to_ntriples(Graph()) == b"\n"


def _write(folder: Path, graph: Graph, parts: dict) -> None:
    writers = {
        "turtle": lambda: to_turtle(graph, base=BASE),
        "jsonld": lambda: to_jsonld(graph, base=BASE),
        "ntriples": lambda: to_ntriples(graph),
        "rdfxml": lambda: to_rdfxml(graph, base=BASE),
    }
    for fmt in RDF_FORMATS:
        (folder / dump_name(fmt)).write_bytes(writers[fmt.name]())
    (folder / dump_name(NQUADS)).write_bytes(to_nquads(parts))
    nt = folder / "part.nt"
    nt.write_bytes(to_ntriples(parts[G1]))
    (folder / "part.ttl").write_bytes(ntriples_to_turtle(nt, base=BASE))


@pytest.fixture
def written(tmp_path: Path):
    one = graph_of(*PREFIXED)
    two = graph_of((S, SKOS.note, Literal("only here")))
    union = one + two
    parts = {G1: list(one), G2: list(two)}
    _write(tmp_path, union, parts)
    return tmp_path, list(union), parts


def test_files_that_read_back_pass(written):
    folder, triples, parts = written
    check_files(folder, triples, parts, {"part.ttl": parts[G1]})


@pytest.mark.parametrize(
    ("name", "old", "new", "complaint"),
    [
        ("sister-graph.nt", b'"x y"', b'"x z"', r"1 triple\(s\) lost, 1 changed or added"),
        ("sister-graph.ttl", b'"only here"', b'"only there"', r"1 triple\(s\) lost"),
        ("sister-graph.jsonld", b'"only here"', b'"only"', r"1 changed or added"),
        ("sister-graph.rdf", b">only here<", b">only there<", r"1 triple\(s\) lost"),
        ("sister-graph.nq", BASE.encode() + b"graph/source/b", b"urn:x:other", r"lost"),
        ("part.ttl", b'"x y"', b'"x y z"', r"1 triple\(s\) lost"),
        ("sister-graph.ttl", b"@prefix", b"@prefax", r"does not parse back"),
    ],
)
def test_a_file_that_reads_back_otherwise_is_named(written, name, old, new, complaint):
    folder, triples, parts = written
    data = (folder / name).read_bytes()
    assert old in data
    (folder / name).write_bytes(data.replace(old, new, 1))
    with pytest.raises(RoundTripFailed, match=rf"{name}.*{complaint}"):
        check_files(folder, triples, parts, {"part.ttl": parts[G1]})


@pytest.mark.parametrize("per_document", [1, 2, 7, 10_000])
def test_the_jsonld_dump_read_in_parts_gives_its_triples(built, monkeypatch, per_document):
    import pyoxigraph as ox

    from sister_graph.build import dump_checks
    from sister_graph.rdf.formats import rdf_format

    config, _ = built
    path = config.dist_dir / "sister-graph.jsonld"
    whole = ox.serialize(
        ox.parse(path=str(path), format=ox.RdfFormat.JSON_LD), format=ox.RdfFormat.N_TRIPLES
    )
    monkeypatch.setattr(dump_checks, "NODES_PER_DOCUMENT", per_document)
    documents = list(dump_checks.jsonld_documents(path.read_bytes()))
    assert len(documents) > 1 if per_document < 100 else len(documents) == 1
    lines = dump_checks.file_lines(path.name, path, rdf_format("jsonld"))
    assert sorted(set(lines) - {b""}) == sorted(set(whole.split(b"\n")) - {b""})


def test_expected_lines_are_the_engines_own(built):
    from sister_graph.build.dump_checks import term_cache, triple_lines
    from sister_graph.build.round_trip import EngineLines

    _, result = built
    odd = [
        (S, P, Literal('a\nb"c\\d\te\rf\u2028\x00\x7f\x01')),
        (S, P, Literal("x", lang="EN-gb")),
        (S, P, Literal("a\x01", datatype=URIRef("urn:x:dt"))),
        (S, P, Literal("s", datatype=XSD.string)),
        (S, P, Literal("07", datatype=XSD.integer)),
        (S, P, URIRef("urn:x:é%20")),
    ]
    triples = list(result.graph) + odd
    lines = triple_lines(triples, term_cache())
    assert len(lines) == len(triples)
    assert set(lines) == EngineLines(triples).lines()
    suffix = b" <urn:x:g> ."
    assert set(triple_lines(odd, term_cache(), suffix)) == {
        line[:-2] + suffix for line in EngineLines(odd).lines()
    }
