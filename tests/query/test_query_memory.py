"""A query cannot take more than the query_memory setting: its worker is ended, not the server."""

from __future__ import annotations

from pathlib import Path

import pytest

from sister_graph.errors import MalformedQuery, QueryTooComplex
from sister_graph.query.pool import QueryPool
from sister_graph.query.store import load_disk_store, read_dataset
from sister_graph.query.worker import Job
from tests.support import fixture_ntriples, write_dist

DOUBLING = Path(__file__).parent / "hostile" / "string-doubling.rq"
LIMIT = 128 << 20


@pytest.fixture(scope="module")
def store_path(tmp_path_factory) -> str:
    root = tmp_path_factory.mktemp("memory")
    dataset = read_dataset(write_dist(root / "dist", fixture_ntriples()))
    path, _ = load_disk_store(dataset, root / "store")
    return str(path)


def _job(query: str) -> Job:
    return Job(query=query, media_type="application/sparql-results+json", max_rows=10)


def test_a_query_over_the_memory_limit_is_ended_and_the_pool_goes_on(store_path):
    # Without a limit this query would grow towards a terabyte until the (long) timeout.
    pool = QueryPool(store_path, size=1, timeout=60.0, memory_bytes=LIMIT)
    try:
        with pytest.raises(QueryTooComplex, match="memory"):
            pool.run(_job(DOUBLING.read_text(encoding="utf-8")))
        answer = pool.run(_job("ASK { ?s ?p ?o }"))
        assert b'"boolean":true' in answer.body.replace(b" ", b"")
    finally:
        pool.close()


def test_queries_within_the_limit_are_answered(store_path):
    pool = QueryPool(store_path, size=1, timeout=60.0, memory_bytes=LIMIT)
    try:
        small = 'SELECT (STRLEN(CONCAT("ab", "cd")) AS ?n) WHERE {}'
        assert b'"4"' in pool.run(_job(small)).body
    finally:
        pool.close()


def test_a_function_the_engine_does_not_know_is_a_400_and_its_worker_goes_on(store_path):
    # pyoxigraph raises RuntimeError for it; uncaught, it ended the worker (502, a restart)
    pool = QueryPool(store_path, size=1, timeout=60.0)
    try:
        (before,) = [worker.process.pid for worker in pool._all]
        with pytest.raises(MalformedQuery, match="urn:x:f"):
            pool.run(_job("SELECT ?x { BIND(<urn:x:f>(1) AS ?x) }"))
        answer = pool.run(_job("ASK { ?s ?p ?o }"))
        assert b'"boolean":true' in answer.body.replace(b" ", b"")
        assert [worker.process.pid for worker in pool._all] == [before]
    finally:
        pool.close()
