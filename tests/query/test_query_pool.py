"""Runaway queries end with a timeout while other queries are still answered."""

from __future__ import annotations

import multiprocessing
import os
import threading
import time
from pathlib import Path

import pyoxigraph as ox
import pytest
import requests

from sister_graph.errors import QueryTimeout, StoreError
from sister_graph.query import pool as query_pool
from sister_graph.query.pool import QueryPool
from sister_graph.query.store import load_disk_store, read_dataset
from sister_graph.query.worker import Job, worker_main
from tests.support import (
    LiveServer,
    chain_ntriples,
    endpoint_config,
    fixture_ntriples,
    running_or_starting,
)

TIMEOUT = 2.0
RUNAWAYS = {
    "cartesian": "SELECT (COUNT(*) AS ?n) { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l . ?m ?y ?z }",
    "property-path": "SELECT (COUNT(*) AS ?n) { ?a <urn:x:next>* ?b . ?c <urn:x:next>* ?d }",
}


@pytest.fixture(scope="module")
def chain_server(tmp_path_factory):
    root = tmp_path_factory.mktemp("chain")
    config = endpoint_config(root, chain_ntriples(2000), query_timeout=TIMEOUT, inline_solutions=0)
    server = LiveServer(config)  # every query in a worker
    yield server
    server.close()


@pytest.mark.parametrize("name", RUNAWAYS)
def test_runaway_query_times_out_while_others_are_answered(chain_server, name):
    outcome: dict = {}

    def runaway() -> None:
        started = time.monotonic()
        response = requests.get(
            chain_server.sparql,
            params={"query": RUNAWAYS[name]},
            headers={"Accept": "application/json"},
        )
        outcome["elapsed"] = time.monotonic() - started
        outcome["response"] = response

    thread = threading.Thread(target=runaway)
    thread.start()
    time.sleep(0.3)
    quick_started = time.monotonic()
    quick = requests.get(chain_server.sparql, params={"query": "ASK { <urn:x:n0> ?p ?o }"})
    assert quick.status_code == 200 and quick.json()["boolean"] is True
    assert time.monotonic() - quick_started < 1.0
    thread.join(TIMEOUT + 5)
    response = outcome["response"]
    assert response.status_code == 503
    assert response.json()["error"]["code"] == "query-timeout"
    assert outcome["elapsed"] < TIMEOUT + 2
    health = requests.get(chain_server.url + "health").json()
    assert running_or_starting(health) == 2  # the killed worker was replaced


def test_an_answer_over_max_result_bytes_is_a_422_and_the_worker_keeps_serving(tmp_path):
    config = endpoint_config(
        tmp_path, fixture_ntriples(), max_result_bytes=1000, inline_solutions=0
    )
    server = LiveServer(config)
    try:
        everything = {"query": "CONSTRUCT WHERE { ?s ?p ?o }", "format": "nt"}
        for _ in range(2):  # refused each time: nothing too large is cached either
            big = requests.get(server.sparql, params=everything)
            assert big.status_code == 422, big.text[:300]
            assert big.text.startswith("422 result-too-large:") and "1000" in big.text
        small = requests.get(server.sparql, params={"query": "ASK { ?s ?p ?o }"})
        assert small.status_code == 200 and small.json()["boolean"] is True
        assert running_or_starting(requests.get(server.url + "health").json()) == 2
    finally:
        server.close()


STARTUP_SECONDS = 2.5  # long enough that three forks on a loaded machine start within it


def _slow_to_start(conn, store_path: str, memory_bytes: int, copy=None) -> None:
    mark = Path(store_path).parent / "marks" / f"{os.getpid()}"  # beside the test's store
    mark.with_suffix(".start").write_text(repr(time.time()))
    time.sleep(STARTUP_SECONDS)
    mark.with_suffix(".ready").write_text(repr(time.time()))
    worker_main(conn, store_path, memory_bytes, copy)


@pytest.fixture
def slow_store(tmp_path, monkeypatch) -> Path:
    """A store whose pools' workers take STARTUP_SECONDS to start, marking when (marks/)."""
    config = endpoint_config(tmp_path, fixture_ntriples())
    path, _ = load_disk_store(read_dataset(config.dist_dir), tmp_path / "store")
    (Path(path).parent / "marks").mkdir()
    monkeypatch.setattr(query_pool, "worker_main", _slow_to_start)
    return Path(path)


def test_workers_of_a_pool_start_at_the_same_time(slow_store):
    """Every worker begins starting before any has finished: the pool does not start them in turn."""
    marks = slow_store.parent / "marks"
    pool = QueryPool(str(slow_store), size=3, timeout=5)
    try:
        assert (pool.ready, pool.starting) == (3, 0)
        starts = [float(p.read_text()) for p in marks.glob("*.start")]
        readies = [float(p.read_text()) for p in marks.glob("*.ready")]
        assert len(starts) == len(readies) == 3
        assert max(starts) < min(readies)  # one after another would start each after the last
    finally:
        pool.close()


def test_a_job_that_outwaits_workers_still_starting_is_told_so(slow_store):
    """Not 'all query workers stayed busy': none had started yet (a newcomer's first query)."""
    pool = QueryPool(str(slow_store), size=1, timeout=0.5, wait=False)
    try:
        with pytest.raises(QueryTimeout, match="the query workers are still starting"):
            pool.run(Job("ASK {}", "application/sparql-results+json", 1))
    finally:
        pool.close()


def test_a_pool_started_in_the_background_answers_with_its_first_ready_worker(slow_store):
    """wait=False: counted as starting at once, each worker handed out as soon as it is ready."""
    pool = QueryPool(str(slow_store), size=3, timeout=30, wait=False)
    try:
        assert (pool.ready, pool.starting) == (0, 3)
        answer = pool.run(Job("ASK { ?s ?p ?o }", "application/sparql-results+json", 1))
        assert b"true" in answer.body
        assert pool.ready >= 1 and pool.ready + pool.starting == 3
    finally:
        pool.close()


def test_a_pool_whose_worker_cannot_start_leaves_no_process(tmp_path):
    before = {p.pid for p in multiprocessing.active_children()}
    with pytest.raises(StoreError, match="cannot open the query store"):
        QueryPool(str(tmp_path / "no-store-here"), size=3, timeout=5)
    assert {p.pid for p in multiprocessing.active_children()} <= before


def test_an_engine_panic_is_a_too_complex_query_not_a_dead_worker(monkeypatch):
    """pyo3 raises a Rust panic as PanicException, a BaseException: uncaught, it ended the
    worker's query thread, the worker exited 0 and the client got 502."""
    from sister_graph.errors import QueryTooComplex
    from sister_graph.query import worker

    class PanicException(BaseException):  # pyo3_runtime.PanicException's name and base
        pass

    def panic(*_args, **_kwargs):
        raise PanicException("memory allocation failed")

    monkeypatch.setattr(worker, "evaluate", panic)
    stores = worker.EngineStores(ox.Store())
    reply = worker.run_job(stores, worker.Job("ASK {}", "application/sparql-results+json", 1))
    assert isinstance(reply, QueryTooComplex)

    def interrupted(*_args, **_kwargs):
        raise KeyboardInterrupt

    monkeypatch.setattr(worker, "evaluate", interrupted)
    with pytest.raises(KeyboardInterrupt):  # any other BaseException still propagates
        worker.run_job(stores, worker.Job("ASK {}", "application/sparql-results+json", 1))


def test_ctrl_c_on_the_server_leaves_its_query_workers_to_the_pool(tmp_path):
    """A terminal's Ctrl-C sends SIGINT to the whole process group: each worker printed a
    KeyboardInterrupt traceback and died under the server's shutdown (and under a query)."""
    import signal

    config = endpoint_config(tmp_path, fixture_ntriples())
    path, _ = load_disk_store(read_dataset(config.dist_dir), tmp_path / "store")
    pool = QueryPool(str(path), size=1, timeout=10)
    try:
        (worker,) = pool._all
        os.kill(worker.process.pid, signal.SIGINT)
        worker.process.join(1.0)
        assert worker.process.is_alive(), "SIGINT ended the query worker"
        answer = pool.run(Job("ASK { ?s ?p ?o }", "application/sparql-results+json", 1))
        assert b"true" in answer.body
        assert pool._all == {worker}, "the same worker answered"
    finally:
        pool.close()
