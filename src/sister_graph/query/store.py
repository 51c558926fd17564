"""Read-only query stores: the published dump in an embedded pyoxigraph store, or a remote endpoint.

Both back-ends answer a `Job` (a guarded query with an explicit dataset) with an `Answer`.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import threading
import uuid
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

import pyoxigraph as ox

from sister_graph.dist.files import check_dist
from sister_graph.errors import DatasetMissing, SisterGraphError
from sister_graph.query.guard import scan
from sister_graph.query.inline import InlineEvaluator
from sister_graph.query.pool import QueryPool
from sister_graph.query.remote import RemoteStore
from sister_graph.query.results import Answer
from sister_graph.query.worker import Job, MemoryCopy, open_engine_store
from sister_graph.rdf.formats import NQUADS, NTRIPLES, dump_name, rdf_format
from sister_graph.rdf.namespaces import dataset_graph
from sister_graph.settings import DEFAULT_BASE, Config

NT_DUMP = dump_name(rdf_format("nt"))
QUADS_DUMP = dump_name(NQUADS)


@dataclass(frozen=True)
class Dataset:
    """The published N-Triples dump and its checksum as listed in SHA256SUMS."""

    path: Path
    checksum: str


class QueryStore(Protocol):
    """What the SPARQL layer needs from a store."""

    kind: str
    checksum: str | None
    triples: int | None

    def answer(self, job: Job, tokens=None) -> Answer:
        """Evaluate a guarded job and return its serialised answer.

        tokens: the guard's significant tokens of job.query, when the caller has them.
        """

    def health(self) -> dict:
        """Return liveness facts for /health."""

    def close(self) -> None:
        """Release processes and connections."""


def read_dataset(dist_dir: Path) -> Dataset:
    """Check every file that SHA256SUMS lists; return the N-Triples dump (else DatasetMissing)."""
    listed = check_dist(Path(dist_dir))
    return Dataset(Path(dist_dir) / NT_DUMP, listed[NT_DUMP])


def store_dir_for(config: Config) -> Path:
    """Return the folder of on-disk stores: the store_dir setting, else dist/.store."""
    return Path(config.store_dir) if config.store_dir else Path(config.dist_dir) / ".store"


def store_key(checksum: str, graph: str) -> str:
    """Name the folder of an on-disk store: the dump's checksum and the graph it is loaded as."""
    return f"{checksum}-{hashlib.sha256(graph.encode('utf-8')).hexdigest()[:12]}"


def load_disk_store(
    dataset: Dataset, store_dir: Path, *, graph: str = dataset_graph(DEFAULT_BASE)
) -> tuple[Path, int]:
    """Bulk-load the dumps once into store_dir/<checksum>-<graph>/; return (path, triple count).

    The published graph (sister-graph.nt) becomes the named graph `graph`; the quad dump beside
    it, when published, adds one named graph per source page. The count is the published
    graph's. Raises DatasetMissing if a dump does not parse.
    """
    final = Path(store_dir) / store_key(dataset.checksum, graph)
    meta = final / "meta.json"
    if not meta.is_file():
        tmp = Path(store_dir) / f".tmp-{dataset.checksum[:12]}-{os.getpid()}-{uuid.uuid4().hex}"
        tmp.mkdir(parents=True)
        try:
            count = _bulk_load(tmp / "db", dataset.path, graph)
        except DatasetMissing:
            shutil.rmtree(tmp, ignore_errors=True)
            raise
        (tmp / "meta.json").write_text(json.dumps({"triples": count}), encoding="utf-8")
        try:
            tmp.rename(final)
        except OSError:
            shutil.rmtree(tmp, ignore_errors=True)
            if not meta.is_file():
                raise
    return final / "db", json.loads(meta.read_text(encoding="utf-8"))["triples"]


def _bulk_load(folder: Path, dump: Path, graph: str) -> int:
    """Load the dump into `graph` and the quad dump beside it at once; return the graph's size.

    The two loads run in two threads (the engine releases the GIL), leniently (no IRI
    checks: the files passed the build's checks and their checksums): at 100k triples
    0.55 s against 1.2 s one after the other with checks. Raises DatasetMissing naming the
    file that does not parse.
    """
    store = ox.Store(str(folder))
    loads = [(dump, NTRIPLES, ox.NamedNode(graph))]
    if dump.with_name(QUADS_DUMP).is_file():  # one named graph per source page
        loads.append((dump.with_name(QUADS_DUMP), NQUADS, None))
    failures: list[str] = []

    def load(path: Path, fmt, to_graph) -> None:
        try:
            store.bulk_load(path=str(path), format=fmt.engine, to_graph=to_graph, lenient=True)
        except SyntaxError as err:
            failures.append(f"{path.name} is not valid {fmt.engine.name}: {err}")

    threads = [threading.Thread(target=load, args=job) for job in loads]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    if failures:
        raise DatasetMissing(failures[0])
    counted = store.query(f"SELECT (COUNT(*) AS ?n) {{ GRAPH <{graph}> {{ ?s ?p ?o }} }}")
    return int(next(iter(counted))["n"].value)  # the store closes as this frame ends


class EmbeddedStore:
    """The published dump in an on-disk pyoxigraph store, queried by killable worker processes.

    For a dataset of at most `memory_copy_triples`, the queries that read the published graph
    alone are answered from in-memory copies of it (worker.EngineStores).
    Queries whose work is bounded within `inline_solutions` run in this process (query/inline.py).
    """

    kind = "embedded"

    def __init__(
        self, config: Config, *, dataset: Dataset | None = None, wait: bool = True
    ) -> None:
        """Open the store; a dataset read_dataset verified already is not hashed again.

        wait=False: the query workers start in the background (QueryPool), so a server
        answers /health and bounded queries while they start.
        """
        dataset = dataset or read_dataset(Path(config.dist_dir))
        graph = dataset_graph(config.base)
        path, self.triples = load_disk_store(dataset, store_dir_for(config), graph=graph)
        self.checksum: str | None = dataset.checksum
        copy = None
        self.in_memory = self.triples <= config.memory_copy_triples
        if self.in_memory:  # the published graph alone (worker.EngineStores)
            copy = MemoryCopy(str(dataset.path), graph)
        self._inline: InlineEvaluator | None = None
        if config.inline_solutions:
            self._inline = InlineEvaluator(
                open_engine_store(str(path), copy), max_solutions=config.inline_solutions
            )
        self._pool = QueryPool(
            str(path),
            size=config.query_workers,
            timeout=config.query_timeout,
            memory_bytes=config.query_memory,
            copy=copy,
            wait=wait,
        )

    def answer(self, job: Job, tokens=None) -> Answer:
        """Run the job here if its work is bounded (see query/inline.py), else in a worker.

        tokens: the guard's significant tokens of job.query (scanned here if not given).
        """
        if self._inline is not None:
            if tokens is None:
                try:
                    tokens = tuple(scan(job.query))
                except SisterGraphError:  # not a query the guard passes: the engine says why
                    return self._pool.run(job)
            bound = self._inline.admits(job, tokens)
            if bound is not None:
                answer = self._inline.run(job, rows_at_most=bound)
                if answer is not None:  # None: a syntax error, located by a worker
                    return answer
        return self._pool.run(job)

    def health(self) -> dict:
        """Return the query workers running and those still starting (in the background)."""
        return {
            "engine": "in-memory copy" if self.in_memory else "on-disk store",
            "workers": self._pool.ready,
            "workers_starting": self._pool.starting,
        }

    def close(self) -> None:
        """Stop the worker processes."""
        self._pool.close()


def open_store(config: Config) -> QueryStore:
    """Open the store the settings name: a remote endpoint if `store` is set, else embedded."""
    if config.store:
        graph = dataset_graph(config.base)  # where a Graph Store push puts the dump by default
        return RemoteStore(config.store, timeout=config.query_timeout, graph=graph)
    return EmbeddedStore(config)
