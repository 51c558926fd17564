"""The degree bound of one basic graph pattern (query/join_bound.py, query/bound.py)."""

from __future__ import annotations

import itertools
import json
import random

import pyoxigraph as ox
import pytest

from sister_graph.query.bound import OPS_PER_STEP, MatchCounts, solution_bound
from sister_graph.query.guard import scan
from sister_graph.query.join_bound import MAX_JOINED, _subset_bound, join_bound
from sister_graph.query.paths import Pattern
from sister_graph.query.store import EmbeddedStore
from sister_graph.query.subset import read_subset
from sister_graph.query.worker import Job
from sister_graph.rdf.namespaces import dataset_graph
from sister_graph.settings import DEFAULT_BASE, Config
from tests.support import write_dist

EX = "http://example.org/"
PREDECLARED = (("ex", EX),)
GRAPH = dataset_graph(DEFAULT_BASE)
AGREEMENTS = 200  # each with one partner city; each city one country, two labels
HUB = 150  # agreements whose ex:hub is the one node ex:the-hub


def _ntriples() -> str:
    lines = []
    for n in range(AGREEMENTS):
        city = f"<{EX}city{n % 50}>"
        lines.append(f"<{EX}agreement{n}> <{EX}partner> {city} .")
        if n < HUB:
            lines.append(f"<{EX}agreement{n}> <{EX}hub> <{EX}the-hub> .")
    for n in range(50):
        lines.append(f"<{EX}city{n}> <{EX}country> <{EX}country{n % 7}> .")
        lines.append(f'<{EX}city{n}> <{EX}label> "City {n}"@en .')
        lines.append(f'<{EX}city{n}> <{EX}label> "Grad {n}"@sr .')
    return "\n".join(lines) + "\n"


@pytest.fixture(scope="module")
def store() -> ox.Store:
    store = ox.Store()
    store.load(_ntriples().encode(), ox.RdfFormat.N_TRIPLES, to_graph=ox.NamedNode(GRAPH))
    return store


def bound(store, query: str, cap: int):
    return solution_bound(
        tuple(scan(query)), PREDECLARED, MatchCounts(store, cap=cap), text_length=len(query)
    )


BY_COUNTRY = "SELECT ?cc (COUNT(?a) AS ?n) { ?a ex:partner ?c . ?c ex:country ?cc } GROUP BY ?cc"


def test_a_join_through_a_functional_pattern_is_bounded_by_degrees(store):
    """200 agreements, one partner each, one country per city: no step yields more than 200
    solutions, though the product is 201 * 51. The work is sum(n) + 3 * (2 * 200 + 1)."""
    work = 200 + 50 + 3 * (2 * 200 + 1)
    reading = read_subset(tuple(scan(BY_COUNTRY)), PREDECLARED, text_length=len(BY_COUNTRY))
    operations = reading.operations  # two columns, COUNT, AS, GROUP BY ?cc
    assert operations == 5
    least = -(-work * (OPS_PER_STEP + operations) // OPS_PER_STEP)
    assert 201 * 51 * (OPS_PER_STEP + operations) > 2 * least * OPS_PER_STEP  # product refused
    assert bound(store, BY_COUNTRY, cap=least) == work
    assert bound(store, BY_COUNTRY, cap=least - 1) is None


def test_a_hub_shared_by_two_patterns_is_refused(store):
    """150 agreements point at one node: joined through it, 150 * 150 solutions."""
    query = "SELECT * { ?a ex:hub ?h . ?b ex:hub ?h }"
    answer = store.query(query, prefixes=dict(PREDECLARED), use_default_graph_as_union=True)
    assert len(list(answer)) == HUB * HUB
    assert bound(store, query, cap=10 * HUB * HUB) is not None  # within a large cap
    assert bound(store, query, cap=HUB * HUB) is None


@pytest.mark.parametrize(
    "query",
    [
        "SELECT * { ?a ex:partner ?c OPTIONAL { ?c ex:country ?cc } }",
        "SELECT * { ?a ex:partner ?c { ?c ex:country ?cc } }",
        "SELECT * { ?a ex:partner ?c BIND(?c AS ?d) ?d ex:country ?cc }",
        "SELECT * { ?a ex:partner/ex:country ?cc . ?a ex:partner ?c }",
        "SELECT * { ?a ex:partner ?c . ?c ?p ?cc }",
        "SELECT * { GRAPH ?g { ?a ex:partner ?c . ?c ex:country ?cc } }",
        f"SELECT * FROM <{GRAPH}> FROM <{GRAPH}> {{ ?a ex:partner ?c . ?c ex:country ?cc }}",
        "SELECT * { { ?a ex:partner ?c } UNION { ?c ex:country ?cc } ?c ex:label ?l }",
    ],
)
def test_only_one_basic_graph_pattern_is_bounded_by_degrees(store, query):
    reading = read_subset(tuple(scan(query)), PREDECLARED, text_length=len(query))
    assert reading.ends is None
    assert bound(store, query, cap=10_000) is None  # the product is over the cap


def test_variables_and_blank_nodes_are_read_as_the_pattern_s_ends():
    query = "SELECT * { ?a ex:p $b ; ex:q _:x . _:x ex:r 'x' . ex:s ex:t ?a FILTER(?a != ?b) }"
    reading = read_subset(tuple(scan(query)), PREDECLARED, text_length=len(query))
    assert reading.ends == (("a", "b"), ("a", "_:x"), ("_:x", None), (None, "a"))


def _random_store(seed: int) -> tuple[ox.Store, ox.NamedNode]:
    """Quads over 3 predicates and 8 nodes in two graphs, some in both."""
    rng = random.Random(seed)
    store, graphs = ox.Store(), [ox.NamedNode(EX + "g1"), ox.NamedNode(EX + "g2")]
    for _ in range(60):
        s, o = (ox.NamedNode(f"{EX}n{rng.randrange(8)}") for _ in range(2))
        p = ox.NamedNode(f"{EX}p{rng.randrange(3)}")
        for graph in rng.sample(graphs, rng.randint(1, 2)):
            store.add(ox.Quad(s, p, o, graph))
    return store, graphs[0]


def _random_patterns(rng: random.Random, k: int) -> list[str]:
    variables = ["?a", "?b", "?c", "?d"]
    patterns = []
    for _ in range(k):
        ends = [rng.choice(variables) if rng.random() < 0.85 else f"ex:n{rng.randrange(8)}"]
        ends.append(rng.choice(variables) if rng.random() < 0.85 else f"ex:n{rng.randrange(8)}")
        patterns.append(f"{ends[0]} ex:p{rng.randrange(3)} {ends[1]}")
    return patterns


@pytest.mark.parametrize("seed", range(12))
def test_no_join_of_any_subset_exceeds_its_degree_bound(seed):
    """Whatever order the engine joins them in, each step's solutions are the joins of a
    subset: each subset's joins, counted by the engine, are within B(subset), in the graph a
    job reads and in the union of every graph."""
    store, graph = _random_store(seed)
    rng = random.Random(seed)
    counts = MatchCounts(store, cap=10**9)
    for _ in range(8):
        texts = _random_patterns(rng, rng.randint(2, MAX_JOINED - 2))
        query = "SELECT * { " + " . ".join(texts) + " }"
        reading = read_subset(tuple(scan(query)), PREDECLARED, text_length=len(query))
        assert reading.ends is not None, query
        patterns = [pattern for pattern, _ in reading.patterns]
        sizes = [counts(pattern) for pattern in patterns]

        def degree(i, variable, ends=reading.ends, patterns=patterns):
            return counts.degree(patterns[i], 0 if ends[i][0] == variable else 2)

        largest = 0
        for size in range(1, len(texts) + 1):
            for members in itertools.combinations(range(len(texts)), size):
                subset = "SELECT * { " + " . ".join(texts[i] for i in members) + " }"
                limit = _subset_bound(list(members), reading.ends, sizes, degree)
                largest = max(largest, limit)
                for options in ({"default_graph": [graph]}, {"use_default_graph_as_union": True}):
                    found = store.query(subset, prefixes=dict(PREDECLARED), **options)
                    assert len(list(found)) <= limit, (subset, options)
        work = join_bound(patterns, reading.ends, sizes, counts, 10**9)
        assert work == sum(sizes) + (2 * len(texts) - 1) * (2 * largest + 1)


@pytest.fixture(scope="module")
def stores(tmp_path_factory):
    """Two stores over one dist/: every query in a worker, and bounded ones inline."""
    root = tmp_path_factory.mktemp("joins")
    write_dist(root / "dist", _ntriples())
    folders = {"dist_dir": root / "dist", "store_dir": str(root / "s"), "query_workers": 1}
    made = [EmbeddedStore(Config(**folders, inline_solutions=n)) for n in (0, 10_000)]
    yield made
    for each in made:
        each.close()


@pytest.mark.parametrize("published_only", [False, True])  # the on-disk store, the memory copy
def test_inline_and_worker_answers_are_the_same_bytes(stores, published_only):
    worker, inline = stores
    queries = [
        BY_COUNTRY + " ORDER BY DESC(?n) ?cc",
        "SELECT ?a ?l { ?a ex:partner ?c . ?c ex:label ?l FILTER(lang(?l) = 'en') }",
        "CONSTRUCT { ?a ex:in ?cc } WHERE { ?a ex:partner ?c . ?c ex:country ?cc }",
    ]
    for query in queries:
        for media_type in ("application/sparql-results+json", "text/csv", "text/turtle"):
            if (media_type == "text/turtle") != query.startswith("CONSTRUCT"):
                continue
            job = Job(
                query,
                media_type,
                1_000,
                local_graph=GRAPH,
                predeclared=PREDECLARED,
                published_only=published_only,
            )
            reading = read_subset(tuple(scan(query)), PREDECLARED, text_length=len(query))
            counts = MatchCounts(inline._inline.stores.disk, cap=10**9)
            product = 1
            for pattern, _ in reading.patterns:
                product *= counts(pattern) + 1
            assert product > 10_000  # admitted by degrees alone
            assert inline._inline.admits(job, tuple(scan(query))), query
            answer = inline.answer(job)
            assert answer == worker.answer(job), (query, media_type)
            assert _rows(answer.body, media_type) > 0, (query, media_type)


def _rows(body: bytes, media_type: str) -> int:
    """Return the solutions or triples of an answer."""
    if media_type == "application/sparql-results+json":
        return len(json.loads(body)["results"]["bindings"])
    if media_type == "text/csv":
        return len(body.splitlines()) - 1
    return len(list(ox.parse(body, ox.RdfFormat.from_media_type(media_type))))


def test_degrees_are_counted_in_every_graph():
    store = ox.Store()
    s, p = ox.NamedNode(EX + "s"), ox.NamedNode(EX + "p")
    for n in range(3):
        store.add(ox.Quad(s, p, ox.NamedNode(f"{EX}o{n}"), ox.NamedNode(f"{EX}g{n}")))
    store.add(ox.Quad(s, p, ox.NamedNode(EX + "o0")))
    for probe in (0, 2, 64):
        counts = MatchCounts(store, cap=100, probe=probe)
        assert counts.degree(Pattern(None, EX + "p", None), 0) == 4
        assert counts.degree(Pattern(None, EX + "p", None), 2) == 2
        assert counts.degree(Pattern(None, EX + "nothing", None), 0) == 0
