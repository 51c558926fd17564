"""pyoxigraph result iterators never outlive the thread that evaluated them (query/inline.py).

pyo3 marks them unsendable: one dropped by another thread raises RuntimeError in whatever that
thread happens to be doing. Queries evaluated in the server process run on its HTTP threads,
and their errors travel (results cache, Flask's error handler), so run_job must not let an
error carry a result along.
"""

from __future__ import annotations

import gc
import sys
import threading

import pyoxigraph as ox

from sister_graph.errors import NotRepresentable, ResultTooLarge
from sister_graph.query.worker import EngineStores, Job, run_job

EX = "http://example.org/"


def _store() -> ox.Store:
    store = ox.Store()
    for n in range(20):
        text = "a\x01b" if n == 0 else f"value {n}"  # U+0001: not representable in XML 1.0
        store.add(ox.Quad(ox.NamedNode(f"{EX}s{n}"), ox.NamedNode(EX + "p"), ox.Literal(text)))
    return store


def _in_thread(store: ox.Store, job: Job):
    out = []
    thread = threading.Thread(target=lambda: out.append(run_job(EngineStores(store), job)))
    thread.start()
    thread.join()
    return out[0]


def _unraisable_when_dropped(kept: list) -> list[str]:
    """Drop what `kept` holds here, collect, and return what could not be dropped (messages)."""
    unraisable = []
    hook, sys.unraisablehook = sys.unraisablehook, unraisable.append
    try:
        kept.clear()
        gc.collect()  # an iterator kept alive by an error would be dropped here, in this thread
    finally:
        sys.unraisablehook = hook
    return [str(u.exc_value) for u in unraisable]


def test_errors_made_in_one_thread_are_dropped_safely_in_another():
    store = _store()
    jobs = [
        Job("SELECT ?o { ?s ?p ?o }", "application/sparql-results+xml", 100),
        Job("CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }", "application/rdf+xml", 100),
        Job("SELECT ?o { ?s ?p ?o }", "application/sparql-results+json", 100, max_bytes=10),
    ]
    errors = [_in_thread(store, job) for job in jobs]
    assert [type(e) for e in errors] == [NotRepresentable, NotRepresentable, ResultTooLarge]
    assert _unraisable_when_dropped(errors) == []


def test_a_remote_store_answer_that_fails_leaves_nothing_to_drop(monkeypatch):
    from sister_graph.query.remote import RemoteStore

    store = _store()
    remote = object.__new__(RemoteStore)  # no endpoint: its fetch is replaced below
    monkeypatch.setattr(
        remote, "_fetch", lambda job: store.query("SELECT ?o { ?s ?p ?o }"), raising=False
    )
    job = Job("SELECT ?o { ?s ?p ?o }", "application/sparql-results+xml", 100)
    caught = []

    def ask():
        try:
            remote.answer(job)
        except NotRepresentable as err:
            caught.append(err)

    thread = threading.Thread(target=ask)
    thread.start()
    thread.join()
    assert len(caught) == 1
    assert _unraisable_when_dropped(caught) == []
