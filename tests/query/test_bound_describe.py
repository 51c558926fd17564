"""DESCRIBE of IRIs in the bounded subset (query/subset.py, query/bound.py).

pyoxigraph 0.5 describes a node by the triples of the default graph whose subject it is, and
describes each blank-node object the same way, recursively (spareval's DescribeIterator,
lib/spareval/src/eval.rs, https://github.com/oxigraph/oxigraph). A description that reaches
no blank node is the IRI's own quads, which the store counts: such a DESCRIBE is bounded.
One that would follow a blank node is not (a chain of blank nodes is walked to its end): it
runs in a worker, as does one of a node whose degree is over the cap.
"""

from __future__ import annotations

import dataclasses

import pyoxigraph as ox
import pytest

from sister_graph.query.bound import OPS_PER_STEP, MatchCounts, solution_bound
from sister_graph.query.guard import scan
from sister_graph.query.store import EmbeddedStore
from sister_graph.query.worker import Job
from sister_graph.rdf.namespaces import dataset_graph
from sister_graph.settings import DEFAULT_BASE, Config
from tests.support import write_dist

EX = "http://example.org/"
PREDECLARED = (("ex", EX),)
GRAPH = dataset_graph(DEFAULT_BASE)  # where EmbeddedStore loads the dump
CHAIN = 3_000  # blank nodes after ex:chained
HUB = 300  # ex:hub's degree


def _ntriples() -> str:
    """Ten cities (type, label, a twin each but the last); ex:chained starts a chain of
    blank nodes; ex:street has one blank-node object; ex:hub has HUB objects."""
    lines = []
    for n in range(10):
        city = f"<{EX}city{n}>"
        lines.append(f"{city} <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> <{EX}City> .")
        lines.append(f'{city} <http://www.w3.org/2000/01/rdf-schema#label> "City {n}"@en .')
        if n < 9:
            lines.append(f"{city} <{EX}twin> <{EX}city{n + 1}> .")
    lines.append(f"<{EX}chained> <{EX}next> _:b0 .")
    lines += [f"_:b{n} <{EX}next> _:b{n + 1} ." for n in range(CHAIN)]
    lines.append(f'<{EX}street> <{EX}address> _:a .\n_:a <{EX}line> "Main Street 1" .')
    lines += [f"<{EX}hub> <{EX}has> <{EX}item{n}> ." for n in range(HUB)]
    return "\n".join(lines) + "\n"


@pytest.fixture(scope="module")
def store() -> ox.Store:
    store = ox.Store()
    store.load(_ntriples().encode(), ox.RdfFormat.N_TRIPLES, to_graph=ox.NamedNode(GRAPH))
    return store


def bound(store, query: str, cap: int = 10_000):
    return solution_bound(
        tuple(scan(query)), PREDECLARED, MatchCounts(store, cap=cap), text_length=len(query)
    )


ADMITTED = {  # one solution of the empty WHERE, plus the described IRIs' quads
    "DESCRIBE ex:city0": 1 + 3,
    f"DESCRIBE <{EX}city9>": 1 + 2,
    "DESCRIBE ex:city0 ex:city1": 1 + 3 + 3,
    "describe ex:city0 ex:city0": 1 + 3 + 3,  # described once, counted twice
    "DESCRIBE ex:nowhere": 1,
    f"DESCRIBE ex:city0 FROM <{GRAPH}>": 1 + 3,
    f"DESCRIBE ex:city0 FROM NAMED <{GRAPH}>": 1 + 3,  # an empty default graph: nothing
    "DESCRIBE ex:hub": 1 + HUB,
}


@pytest.mark.parametrize("query", sorted(ADMITTED))
def test_describe_of_iris_is_bounded_by_their_quads(store, query):
    assert bound(store, query) == ADMITTED[query]


@pytest.mark.parametrize("query", sorted(ADMITTED))
def test_no_description_holds_more_triples_than_the_bound(store, query):
    triples = list(store.query(query, prefixes=dict(PREDECLARED), use_default_graph_as_union=True))
    assert len(triples) < ADMITTED[query]


REFUSED = [
    "DESCRIBE ex:chained",  # follows CHAIN blank nodes
    "DESCRIBE ex:city0 ex:street",  # one blank-node object: its description too
    "DESCRIBE *",
    "DESCRIBE * WHERE { ?c a ex:City }",
    "DESCRIBE ?c WHERE { ?c a ex:City }",
    "DESCRIBE ex:city0 ?c WHERE { ?c a ex:City }",
    "DESCRIBE ex:city0 WHERE { }",
    "DESCRIBE ex:city0 { }",
    "DESCRIBE ex:city0 LIMIT 1",
    "DESCRIBE ex:city0 VALUES ?x { 1 }",
    "DESCRIBE",
    "DESCRIBE 'City 0'",
    "DESCRIBE <city0>",  # relative: resolved against the service's base
    "DESCRIBE ex:city0 FROM",
]


@pytest.mark.parametrize("query", REFUSED)
def test_describe_outside_the_subset_gets_no_bound(store, query):
    assert bound(store, query) is None


def test_a_node_of_huge_degree_is_over_the_cap(store):
    """Each described triple is one operation, as a CONSTRUCT template triple is."""
    cap = -(-(HUB + 1) * (OPS_PER_STEP + 1) // OPS_PER_STEP)  # the least cap admitting it
    assert bound(store, "DESCRIBE ex:hub", cap=cap) == HUB + 1
    assert bound(store, "DESCRIBE ex:hub", cap=cap - 1) is None
    assert bound(store, "DESCRIBE ex:hub", cap=HUB) is None  # over the cap once counted
    assert bound(store, "DESCRIBE ex:hub ex:city0", cap=cap) is None  # the sum counts


def test_each_from_clause_counts_as_a_copy_of_the_graph(store):
    """The engine reads a default graph listed twice twice: each clause counts its quads."""
    query = f"DESCRIBE ex:city0 FROM <{GRAPH}> FROM <{GRAPH}>"
    described = store.query(
        query, prefixes=dict(PREDECLARED), default_graph=[ox.NamedNode(GRAPH)] * 2
    )
    assert len(list(described)) == 6
    assert bound(store, query) == 1 + 2 * 3


def test_a_blank_node_is_refused_in_any_graph(store):
    """The counts are of every graph: a blank-node object anywhere sends the query to a worker."""
    other = ox.Store()
    other.add(
        ox.Quad(
            ox.NamedNode(EX + "x"), ox.NamedNode(EX + "p"), ox.BlankNode(), ox.NamedNode(EX + "g")
        )
    )
    other.add(ox.Quad(ox.NamedNode(EX + "x"), ox.NamedNode(EX + "p"), ox.NamedNode(EX + "y")))
    assert bound(other, "DESCRIBE ex:x") is None
    assert bound(other, "DESCRIBE ex:y") == 1


DESCRIBED = {  # and the triples of the description
    "DESCRIBE ex:city0": 3,
    "DESCRIBE ex:city3 ex:city2 ex:city3": 6,
    "DESCRIBE ex:hub": HUB,
    "DESCRIBE ex:nowhere": 0,
    f"DESCRIBE <{EX}city9> FROM <{GRAPH}>": 2,
}
FORMATS = ["text/turtle", "application/n-triples", "application/rdf+xml", "application/ld+json"]


@pytest.fixture(scope="module")
def stores(tmp_path_factory):
    """Two stores over one dist/: every query in a worker, and bounded ones inline."""
    root = tmp_path_factory.mktemp("describe")
    write_dist(root / "dist", _ntriples())
    folders = {"dist_dir": root / "dist", "store_dir": str(root / "s"), "query_workers": 1}
    made = [EmbeddedStore(Config(**folders, inline_solutions=n)) for n in (0, 10_000)]
    yield made
    for each in made:
        each.close()


@pytest.mark.parametrize("media_type", FORMATS)
@pytest.mark.parametrize("published_only", [False, True])  # the on-disk store, the memory copy
def test_inline_and_worker_descriptions_are_the_same_bytes(stores, media_type, published_only):
    worker, inline = stores
    assert worker._inline is None and inline._inline is not None
    for query in DESCRIBED:
        job = Job(
            query,
            media_type,
            1_000,
            local_graph=GRAPH,
            predeclared=PREDECLARED,
            prefixes=PREDECLARED,
            published_only=published_only and "FROM" not in query,
        )
        assert inline._inline.admits(job, tuple(scan(query))), query
        answer = inline.answer(job)
        assert answer == worker.answer(job), (query, media_type)
        triples = ox.parse(answer.body, ox.RdfFormat.from_media_type(media_type))
        assert len(list(triples)) == DESCRIBED[query], query
        cut = dataclasses.replace(job, max_rows=7)  # the same triples kept
        assert inline.answer(cut) == worker.answer(cut), (query, media_type)


@pytest.mark.parametrize("published_only", [False, True])
@pytest.mark.parametrize("query", ["DESCRIBE ex:chained", "DESCRIBE ex:street ex:city0"])
def test_descriptions_that_follow_blank_nodes_go_to_a_worker(stores, query, published_only):
    worker, inline = stores
    job = Job(
        query,
        "application/n-triples",
        10_000,
        local_graph=GRAPH,
        predeclared=PREDECLARED,
        published_only=published_only,
    )
    assert not inline._inline.admits(job, tuple(scan(query)))
    answer = inline.answer(job)
    if not published_only:  # each process loads its in-memory copy with blank nodes of its own
        assert answer == worker.answer(job)
    expected = CHAIN + 1 if "chained" in query else 2 + 3
    assert len(answer.body.splitlines()) == expected  # N-Triples: a line each
