"""Tests for store: dist/ checks, the on-disk store, and both back-ends answering the same jobs."""

from __future__ import annotations

import hashlib
import json

import pyoxigraph as ox
import pytest

from sister_graph.dist import files as publish_module
from sister_graph.dist.files import read_checksums
from sister_graph.errors import DatasetMissing, MalformedQuery
from sister_graph.query.guard import scan
from sister_graph.query.remote import RemoteStore
from sister_graph.query.store import EmbeddedStore, load_disk_store, read_dataset, store_key
from sister_graph.query.worker import Job
from sister_graph.settings import Config
from tests.support import (
    BASE,
    RDF_TYPE,
    RDFS_LABEL,
    WDT_P190,
    city_iri,
    fixture_ntriples,
    write_dist,
)

JSON = "application/sparql-results+json"
HOME = city_iri("banja-luka")


def test_read_checksums_like_sha256sum():
    text = "AB12  sister-graph.nt\ncd34 *sister-graph.ttl\n\n"
    assert read_checksums(text) == {"sister-graph.nt": "ab12", "sister-graph.ttl": "cd34"}


def test_missing_or_corrupt_dist_is_dataset_missing(tmp_path):
    with pytest.raises(DatasetMissing, match="no dist/ here: run `sister-graph build`"):
        read_dataset(tmp_path / "nowhere")
    (tmp_path / "empty").mkdir()
    with pytest.raises(DatasetMissing, match="SHA256SUMS missing"):
        read_dataset(tmp_path / "empty")
    dist = write_dist(tmp_path / "dist", fixture_ntriples())
    assert (
        read_dataset(dist).checksum
        == read_checksums((dist / "SHA256SUMS").read_text())["sister-graph.nt"]
    )
    (dist / "sister-graph.nt").write_text("<urn:a> <urn:b> <urn:c> .\n")
    with pytest.raises(DatasetMissing, match="does not match its checksum"):
        read_dataset(dist)
    (dist / "SHA256SUMS").write_text("00  sister-graph.ttl\n")
    with pytest.raises(DatasetMissing, match="does not list"):
        read_dataset(dist)
    (dist / "sister-graph.nt").unlink()
    with pytest.raises(DatasetMissing, match="sister-graph.nt missing"):
        read_dataset(dist)


def test_every_listed_file_must_be_present_and_intact(tmp_path):
    dist = write_dist(tmp_path / "dist", fixture_ntriples())
    catalog = dist / "catalog.ttl"
    catalog.write_text("<urn:a> <urn:b> <urn:c> .\n")
    digest = hashlib.sha256(catalog.read_bytes()).hexdigest()
    with (dist / "SHA256SUMS").open("a") as sums:
        sums.write(f"{digest}  catalog.ttl\n")
    assert read_dataset(dist).path == dist / "sister-graph.nt"
    catalog.write_text("changed\n")
    with pytest.raises(DatasetMissing, match="catalog.ttl does not match its checksum"):
        read_dataset(dist)
    catalog.unlink()
    with pytest.raises(DatasetMissing, match="catalog.ttl missing"):
        read_dataset(dist)


def test_invalid_ntriples_is_dataset_missing(tmp_path):
    dist = write_dist(tmp_path / "dist", "this is not n-triples\n")
    with pytest.raises(DatasetMissing, match="not valid N-Triples"):
        load_disk_store(read_dataset(dist), tmp_path / "store")


def test_disk_store_is_built_once_per_checksum(tmp_path):
    dataset = read_dataset(write_dist(tmp_path / "dist", fixture_ntriples()))
    path, count = load_disk_store(dataset, tmp_path / "store")
    assert count == 22 and path.parent.name == store_key(dataset.checksum, f"{BASE}graph")
    assert path.parent.name.startswith(dataset.checksum)
    assert json.loads((path.parent / "meta.json").read_text()) == {"triples": 22}
    stamp = (path.parent / "meta.json").stat().st_mtime_ns
    assert load_disk_store(dataset, tmp_path / "store") == (path, 22)
    assert (path.parent / "meta.json").stat().st_mtime_ns == stamp


@pytest.fixture(params=["embedded", "remote"])
def store(request, endpoint):
    """Each back-end: the embedded store, and a remote store pointing at a live endpoint."""
    if request.param == "remote":
        return RemoteStore(endpoint.sparql, timeout=5)
    return request.getfixturevalue("embedded")


@pytest.fixture
def embedded(tmp_path):
    """The embedded store over the fixture graph, with one query worker."""
    write_dist(tmp_path / "dist", fixture_ntriples())
    config = Config(dist_dir=tmp_path / "dist", store_dir=str(tmp_path / "s"), query_workers=1)
    store = EmbeddedStore(config)
    yield store
    store.close()


def test_store_answers_select(store):
    job = Job("SELECT (COUNT(*) AS ?n) { ?s ?p ?o }", JSON, 10)
    body = json.loads(store.answer(job).body)
    assert body["results"]["bindings"][0]["n"]["value"] == "22"
    assert store.triples == 22


def test_store_cuts_rows_and_serialises_graphs(store):
    answer = store.answer(Job("CONSTRUCT WHERE { ?s ?p ?o }", "application/n-triples", 5))
    assert answer.truncated and answer.body.count(b"\n") == 5


def test_store_dataset_is_explicit(store):
    job = Job("ASK { ?s ?p ?o }", JSON, 1, default_graphs=("http://example.org/elsewhere",))
    assert json.loads(store.answer(job).body)["boolean"] is False


def test_store_reports_engine_syntax_errors(store):
    with pytest.raises(MalformedQuery):
        store.answer(Job("SELECT * { ?s ?p }", JSON, 1))


def test_local_graph_iri_selects_the_published_graph(embedded):
    job = Job(
        "ASK { ?s ?p ?o }", JSON, 1, default_graphs=(BASE + "graph",), local_graph=BASE + "graph"
    )
    assert json.loads(embedded.answer(job).body)["boolean"] is True


def test_an_already_verified_dataset_is_not_hashed_again(tmp_path, monkeypatch):
    dist = write_dist(tmp_path / "dist", fixture_ntriples())
    dataset = read_dataset(dist)

    def no_hashing(path):
        raise AssertionError(f"{path} hashed again")

    monkeypatch.setattr(publish_module, "_sha256_file", no_hashing)
    config = Config(dist_dir=dist, store_dir=str(tmp_path / "s"), query_workers=1)
    embedded = EmbeddedStore(config, dataset=dataset)
    try:
        assert embedded.checksum == dataset.checksum and embedded.triples == 22
        assert json.loads(embedded.answer(Job("ASK { ?s ?p ?o }", JSON, 1)).body)["boolean"]
    finally:
        embedded.close()
    with pytest.raises(AssertionError, match="hashed again"):
        EmbeddedStore(config)


INLINE_CORPUS = [
    ("SELECT ?s ?o { ?s ?p ?o } ORDER BY ?s ?o", JSON, 100),
    ("SELECT ?s ?o { ?s ?p ?o } ORDER BY ?s ?o", "text/csv", 100),
    ("SELECT ?s ?o { ?s ?p ?o } ORDER BY ?s ?o", "text/tab-separated-values", 3),
    ("SELECT ?s ?o { ?s ?p ?o } ORDER BY ?s ?o", "application/sparql-results+xml", 100),
    ("SELECT ?p (COUNT(?s) AS ?n) { ?s ?p ?o } GROUP BY ?p ORDER BY ?p", JSON, 100),
    ("ASK { ?s ?p ?o FILTER(lang(?o) = 'sr-Cyrl') }", JSON, 1),
    ("CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }", "text/turtle", 100),
    ("CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }", "application/n-triples", 4),
    ("CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }", "application/rdf+xml", 100),
    # property paths: the engine's walks (hash sets) return nodes in their own order
    (f"SELECT ?l {{ <{HOME}> <{WDT_P190}>/<{RDFS_LABEL}> ?l }} ORDER BY ?l", JSON, 100),
    (f"SELECT ?x {{ <{HOME}> (<{WDT_P190}>|^<{WDT_P190}>)* ?x }}", JSON, 100),
    (f"SELECT ?x {{ ?x ^<{WDT_P190}>+ <{HOME}> }}", "text/csv", 100),
    (f"SELECT ?x {{ <{HOME}> !(<{RDF_TYPE}>|<{RDFS_LABEL}>) ?x }}", JSON, 3),
    ("SELECT ?c (COUNT(?x) AS ?n) { ?c a/^a ?x } GROUP BY ?c ORDER BY ?c", JSON, 100),
    (f"ASK {{ <{HOME}> <{WDT_P190}>? <{HOME}> }}", JSON, 1),
    (
        f"CONSTRUCT {{ <{HOME}> <urn:x:reaches> ?x }} WHERE {{ <{HOME}> <{WDT_P190}>* ?x }}",
        "application/n-triples",
        100,
    ),
]


def _fixture_stores(tmp_path, settings: list[dict]) -> list[EmbeddedStore]:
    """Return one store over the fixture's dist/ per settings (one query worker each)."""
    write_dist(tmp_path / "dist", fixture_ntriples())
    folders = {"dist_dir": tmp_path / "dist", "store_dir": str(tmp_path / "s")}
    return [EmbeddedStore(Config(**folders, query_workers=1, **each)) for each in settings]


def test_inline_and_worker_answers_are_the_same_bytes(tmp_path):
    """A query evaluated in the server process answers exactly as one run in a worker."""
    stores = _fixture_stores(tmp_path, [{"inline_solutions": n} for n in (0, 10_000)])
    try:
        worker, inline = stores
        assert worker._inline is None and inline._inline is not None
        for query, media_type, rows in INLINE_CORPUS:
            job = Job(query, media_type, rows, local_graph=BASE + "graph")
            assert inline._inline.admits(job, tuple(scan(query))), query
            assert inline.answer(job) == worker.answer(job), (query, media_type)
        broken = Job("SELECT ?s { ?s ?p ?o . ?s }", JSON, 1)
        messages = []
        for store in stores:
            with pytest.raises(MalformedQuery) as raised:
                store.answer(broken)
            messages.append(raised.value.message)
        assert messages[0] == messages[1]
    finally:
        for store in stores:
            store.close()


def _unordered_rows(body: bytes, media_type: str) -> tuple:
    """Return the rows of a JSON or CSV solutions answer, sorted."""
    if media_type == JSON:
        bindings = json.loads(body)["results"]["bindings"]
        return tuple(sorted(json.dumps(row, sort_keys=True) for row in bindings))
    return tuple(sorted(body.splitlines()))


def test_in_memory_copy_and_on_disk_store_give_the_same_bytes(tmp_path):
    """memory_copy_triples only chooses where the engine reads: the same answers (an ordered
    query's the same bytes; a CONSTRUCT or a SELECT without ORDER BY, unordered by SPARQL, the
    same triples or rows: a path's walk returns nodes in the order of the engine's hash set)."""
    limits = (0, 21, 22)  # the fixture has 22 triples
    stores = _fixture_stores(tmp_path, [{"memory_copy_triples": n} for n in limits])
    try:
        assert [s.health()["engine"] for s in stores] == [
            "on-disk store",
            "on-disk store",
            "in-memory copy",
        ]
        for query, media_type, rows in INLINE_CORPUS:
            job = Job(query, media_type, rows, local_graph=BASE + "graph")
            answers = [store.answer(job) for store in stores]
            if query.startswith("CONSTRUCT"):  # cut at max_rows: which triples is unordered too
                fmt = ox.RdfFormat.from_media_type(media_type)
                kept = {(len(list(ox.parse(a.body, fmt))), a.truncated) for a in answers}
                assert len(kept) == 1, media_type
                if answers[0].truncated:
                    continue
                answers = [frozenset(ox.parse(a.body, fmt)) for a in answers]
            elif query.startswith("SELECT") and "ORDER BY" not in query:
                kept = {(len(_unordered_rows(a.body, media_type)), a.truncated) for a in answers}
                assert len(kept) == 1, query
                if answers[0].truncated:
                    continue
                answers = [_unordered_rows(a.body, media_type) for a in answers]
            assert len(set(answers)) == 1, (query, media_type)
    finally:
        for store in stores:
            store.close()


def test_a_dataset_listing_a_graph_twice_is_never_evaluated_in_the_server(embedded):
    """30 x default-graph-uri=<graph> made the engine read the graph 30 times, in-process."""
    query = "SELECT * { ?s ?p ?o }"
    tokens = tuple(scan(query))
    once = Job(query, JSON, 10, default_graphs=(BASE + "graph",))
    twice = Job(query, JSON, 10, default_graphs=(BASE + "graph",) * 2)
    named = Job(query, JSON, 10, named_graphs=(BASE + "graph",) * 2)
    assert embedded._inline.admits(once, tokens)
    assert not embedded._inline.admits(twice, tokens)
    assert not embedded._inline.admits(named, tokens)


def test_a_syntax_error_the_engine_finds_is_located_by_a_worker(embedded, monkeypatch):
    """Locating it takes a second parser (0.7 s on a malformed 4 KB query, GIL held): a
    worker does it, where the timeout can stop it, never the server process."""
    query = "SELECT ?x { ?s ?p ?o } GROUP BY ?s"  # in the subset; the engine refuses it
    job = Job(query, JSON, 10)
    assert embedded._inline.admits(job, tuple(scan(query)))
    assert embedded._inline.run(job) is None

    def in_the_server(*_):
        raise AssertionError("located in the server process")

    monkeypatch.setattr("sister_graph.query.guard.locate_syntax_error", in_the_server)
    monkeypatch.setattr("sister_graph.query.worker.locate_syntax_error", in_the_server)
    with pytest.raises(MalformedQuery, match=r"malformed SPARQL query: error at 1:\d+: "):
        embedded.answer(job)


def test_a_job_the_guard_never_saw_gets_the_engine_s_error(embedded):
    """Without the guard's tokens, a query the lexer refuses goes to a worker, which says why."""
    with pytest.raises(MalformedQuery, match="error at 1:12: unexpected"):
        embedded.answer(Job('SELECT * { "unterminated }', JSON, 10))


NAMING_GRAPHS = [
    ("SELECT ?g (COUNT(*) AS ?n) { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g ORDER BY ?g", (), ()),
    ("SELECT (COUNT(*) AS ?n) FROM NAMED <{source}> { GRAPH ?g { ?s ?p ?o } }", (), ()),
    ("SELECT (COUNT(*) AS ?n) FROM <{source}> { ?s ?p ?o }", (), ()),
    ("SELECT (COUNT(*) AS ?n) { ?s ?p ?o }", ("{source}",), ()),
    ("SELECT (COUNT(*) AS ?n) { GRAPH ?g { ?s ?p ?o } }", (), ("{source}",)),
    ("SELECT (COUNT(*) AS ?n) { ?s ?p ?o }", (), ()),  # the published graph alone
    ("SELECT ?s ?o { ?s a ?o } ORDER BY ?s ?o LIMIT 20", (), ()),
]


def test_queries_naming_graphs_see_every_graph_beside_the_in_memory_copy(built, tmp_path):
    """The in-memory copy holds the published graph alone; a query with GRAPH, FROM (NAMED)
    or the protocol's graph parameters reads the on-disk store, which holds the source pages'
    graphs too: every answer is the one the on-disk store gives."""
    from werkzeug.datastructures import MIMEAccept

    from sister_graph.query.service import ProtocolRequest, prepare_query

    config, _ = built
    source = f"{BASE}graph/source/banja-luka"
    stores = [
        EmbeddedStore(config.with_(store_dir=str(tmp_path / "s"), memory_copy_triples=limit))
        for limit in (0, 1_000_000)
    ]
    try:
        assert [s.health()["engine"] for s in stores] == ["on-disk store", "in-memory copy"]
        accept = MIMEAccept([(JSON, 1)])
        for text, default, named in NAMING_GRAPHS:
            request = ProtocolRequest(
                text.replace("{source}", source),
                tuple(g.replace("{source}", source) for g in default),
                tuple(g.replace("{source}", source) for g in named),
            )
            prepared = [prepare_query(s, request, accept=accept, config=config) for s in stores]
            reads_published = "GRAPH" not in text and "FROM" not in text and not default + named
            assert prepared[1].job.published_only == reads_published, text
            answers = [
                s.answer(p.job, p.plan.tokens) for s, p in zip(stores, prepared, strict=True)
            ]
            assert answers[0] == answers[1], text
            assert json.loads(answers[1].body)["results"]["bindings"], text
    finally:
        for store in stores:
            store.close()
