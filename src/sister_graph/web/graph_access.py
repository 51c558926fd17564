"""Read graphs for pages: CONSTRUCT answers from the query store, and the published catalog."""

from __future__ import annotations

import threading
import time
from pathlib import Path

import pyoxigraph as ox
from flask import current_app
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.compare import to_canonical_graph

from sister_graph.errors import DatasetMissing
from sister_graph.query.service import dataset_graph
from sister_graph.query.worker import Job
from sister_graph.rdf.formats import NTRIPLES, TURTLE
from sister_graph.views.description import with_canonical_langs
from sister_graph.web.context import current_config, note_query_time, state

CATALOG_FILE = "catalog.ttl"
PAGE_ROWS = 100_000
_CATALOG_KEY = "sister_graph_catalog"
XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"
_lock = threading.Lock()


def read_graph(query: str) -> Graph:
    """Run a page's CONSTRUCT query on the store (through the results cache) and parse it."""
    config, app_state = current_config(), state()
    job = Job(
        query=query,
        media_type=NTRIPLES.media_type,
        max_rows=PAGE_ROWS,
        base_iri=config.base,
        local_graph=dataset_graph(config.base),
    )
    key = ("page", app_state.store.checksum, job)
    started = time.perf_counter()
    answer = app_state.cache.get(key) if app_state.store.checksum else None
    if answer is None:
        answer = app_state.store.answer(job)
        if app_state.store.checksum:
            app_state.cache.put(key, answer)
    note_query_time((time.perf_counter() - started) * 1000)
    return parse_ntriples(answer.body)


def parse_ntriples(body: bytes) -> Graph:
    """Parse an N-Triples answer into an rdflib graph with conventional language-tag case."""
    graph = Graph(bind_namespaces="none")
    if body.strip():
        quads = ox.parse(body, format=NTRIPLES.engine)
        try:  # pyo3 "unsendable": drop the parser in this thread (query.results.to_answer)
            for quad in quads:
                graph.add(_to_rdflib(quad))
        finally:
            del quads
    return with_canonical_langs(graph)


def _to_rdflib(triple) -> tuple:
    def term(t):
        if isinstance(t, ox.NamedNode):
            return URIRef(t.value)
        if isinstance(t, ox.BlankNode):
            return BNode(t.value)
        if t.language:
            return Literal(t.value, lang=t.language)
        if t.datatype.value == XSD_STRING:
            return Literal(t.value)
        return Literal(t.value, datatype=URIRef(t.datatype.value))

    return term(triple.subject), term(triple.predicate), term(triple.object)


def _catalog_path() -> Path:
    path = Path(current_config().dist_dir) / CATALOG_FILE
    if not path.is_file():
        raise DatasetMissing(f"{CATALOG_FILE} is missing from the published dataset; run a build")
    return path


def read_catalog_turtle() -> bytes:
    """Return dist/catalog.ttl byte for byte (what /catalog.ttl sends)."""
    return _catalog_path().read_bytes()


def read_catalog() -> Graph:
    """Return the published catalog (dist/catalog.ttl), parsed once per file version.

    Its blank nodes get canonical labels (RDF graph hashing, rdflib.compare), so every
    server process serialises the same catalog to the same bytes.
    """
    path = _catalog_path()
    stamp = (path.stat().st_mtime_ns, path.stat().st_size)
    with _lock:
        cached = current_app.extensions.get(_CATALOG_KEY)
        if cached is None or cached[0] != stamp:
            parsed = with_canonical_langs(Graph().parse(path, format=TURTLE.rdflib))
            graph = Graph(bind_namespaces="none")
            for triple in to_canonical_graph(parsed):
                graph.add(triple)
            cached = current_app.extensions[_CATALOG_KEY] = (stamp, graph)
    return cached[1]
