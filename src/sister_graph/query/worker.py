"""Evaluate one guarded SPARQL query on a pyoxigraph store; the loop a worker process runs.

This module imports only pyoxigraph, the serialisers and the lexical scan, so worker
processes start fast.
"""

from __future__ import annotations

import dataclasses
import pickle
import resource
import signal
import threading
from dataclasses import dataclass

import pyoxigraph as ox

from sister_graph.errors import (
    MalformedQuery,
    NotRepresentable,
    QueryTooComplex,
    ResultTooLarge,
    SisterGraphError,
    StoreError,
)
from sister_graph.query.guard import locate_syntax_error
from sister_graph.query.lang_function import run_rewritten
from sister_graph.query.results import Answer, to_answer
from sister_graph.rdf.formats import NTRIPLES, RESULTS_JSON

# The engine recurses over the query tree: a long chain of MINUS or UNION (28 KB of text)
# overflows a default 8 MB stack and kills the process, so queries run on a bigger one.
STACK_BYTES = 512 << 20
# Jobs and answers cross the pipe as plain pickles, which Connection.recv reads back:
# pickle.dumps skips the ForkingPickler and BytesIO that Connection.send builds each time.
PICKLE_PROTOCOL = pickle.HIGHEST_PROTOCOL


@dataclass(frozen=True)
class Job:
    """A query ready to run: text, explicit dataset (None: the store's), output and limits.

    local_graph names the published graph; prefixes are the ones a Turtle answer binds;
    predeclared are the prefixes the query may use undeclared (`query.prefixes`).

    max_bytes bounds the serialised answer (0: no bound), so one query cannot fill the
    memory of the server process that receives and caches it.

    rewritten is the query with its LANG calls replaced (`ScreenedQuery.rewritten`), run on
    the embedded store instead of the query when it parses; None: the query calls no LANG.
    """

    query: str
    media_type: str
    max_rows: int
    default_graphs: tuple[str, ...] | None = None
    named_graphs: tuple[str, ...] | None = None
    base_iri: str | None = None
    local_graph: str | None = None
    prefixes: tuple[tuple[str, str], ...] = ()
    max_bytes: int = 0
    predeclared: tuple[tuple[str, str], ...] = ()
    rewritten: str | None = None
    published_only: bool = False


@dataclass(frozen=True)
class MemoryCopy:
    """The published graph's N-Triples dump, to load as the named graph `graph` into an
    in-memory store. Loaded in the same order everywhere, the copies answer an unordered
    query in the same order."""

    dump: str
    graph: str

    def load(self) -> ox.Store:
        """Return the in-memory store; raises OSError or SyntaxError (the engine's)."""
        store = ox.Store()
        store.bulk_load(path=self.dump, format=NTRIPLES.engine, to_graph=ox.NamedNode(self.graph))
        return store


@dataclass(frozen=True)
class EngineStores:
    """The on-disk store (every graph) and, for a small dataset, an in-memory copy of the
    published graph alone.

    The copy answers the jobs that read only the published graph (Job.published_only: no
    explicit dataset, no GRAPH); every other job reads the on-disk store, which also holds
    one named graph per source page. The copy leaves those quads out: in memory they slowed
    queries on the published graph by a third (the heavy 100k mix 8.4 ms, 6.2 ms without),
    and they were half its memory.
    """

    disk: ox.Store
    memory: ox.Store | None = None

    def for_job(self, job: Job) -> ox.Store:
        """Return the store that answers the job."""
        return self.memory if self.memory is not None and job.published_only else self.disk


def open_engine_store(store_path: str, copy: MemoryCopy | None = None) -> EngineStores:
    """Open the on-disk store read-only, and load the in-memory copy when one is given.

    Raises OSError (or SyntaxError for a copy's unreadable dump).
    """
    return EngineStores(ox.Store.read_only(store_path), copy.load() if copy else None)


def evaluate(store: ox.Store, job: Job) -> object:
    """Run the query with its dataset given explicitly, so FROM never loads anything.

    The store holds the published graph as the named graph `local_graph` (and one named graph
    per source page); without a dataset, the default graph is the published graph and GRAPH
    sees every named graph (https://www.w3.org/TR/sparql11-query/#rdfDataset); a job without
    local_graph gets the union of the store's graphs. Raises SyntaxError, OSError or
    ValueError (the engine's).
    """
    options: dict = {"prefixes": dict(job.predeclared) or None}
    if job.default_graphs is not None or job.named_graphs is not None:
        options["default_graph"] = [ox.NamedNode(g) for g in job.default_graphs or ()]
        options["named_graphs"] = [ox.NamedNode(g) for g in job.named_graphs or ()]
    elif job.local_graph:
        options["default_graph"] = [ox.NamedNode(job.local_graph)]
    else:
        options["use_default_graph_as_union"] = True
    return run_rewritten(store, job.query, job.rewritten, base_iri=job.base_iri, **options)


# pyoxigraph 0.5 raises RuntimeError("The custom function <…> is not supported")
_UNKNOWN_FUNCTION = "The custom function"


def run_job(
    stores: EngineStores, job: Job, *, rows_at_most: int | None = None
) -> Answer | SisterGraphError:
    """Evaluate and serialise a job; a failure is returned as the error, never raised.

    rows_at_most: an upper bound on the result's rows known in advance (results.to_answer).

    The error crosses the pipe pickled, class and all: MalformedQuery (the engine's message,
    unlocated; also a call of a function the engine does not know), StoreError,
    ResultTooLarge, NotRepresentable or QueryTooComplex (memory).

    pyoxigraph's result iterators must be dropped by the thread that made them (pyo3
    "unsendable": dropped elsewhere, they raise RuntimeError in whatever thread drops them).
    So nothing that outlives this call keeps one (results.to_answer): the error returned
    carries no traceback.
    """
    try:
        answer = to_answer(
            evaluate(stores.for_job(job), job),
            media_type=job.media_type,
            max_rows=job.max_rows,
            prefixes=dict(job.prefixes) or None,
            rows_at_most=rows_at_most,
        )
    except SyntaxError as err:
        return MalformedQuery(str(err))
    except NotRepresentable as err:
        return err.with_traceback(None)
    except MemoryError:
        return QueryTooComplex("the query needed more memory than one query may take; simplify it")
    except (OSError, ValueError) as err:
        return StoreError(str(err))
    except RuntimeError as err:  # raised by the engine; uncaught, it ended the worker's thread
        if _UNKNOWN_FUNCTION in str(err):  # `<urn:x>(1)`: the engine's own words, a 400
            return MalformedQuery(str(err))
        return StoreError(str(err))
    except BaseException as err:
        # A panic in the engine (pyo3's PanicException, a BaseException), e.g. a failed
        # allocation under the worker's memory limit: uncaught, it ended the worker's thread,
        # so the worker exited as if it had finished and the client got a 502
        if type(err).__name__ != "PanicException":
            raise
        return QueryTooComplex(
            "the query engine stopped on this query (out of the memory one query may take?); "
            "simplify it"
        )
    if job.max_bytes and len(answer.body) > job.max_bytes:
        return ResultTooLarge(
            f"the answer has {len(answer.body)} bytes, more than the {job.max_bytes} this "
            "service sends; add a LIMIT or select fewer or shorter values",
        )
    return answer


def address_space() -> int:
    """Return this process's virtual memory size in bytes (Linux: /proc/self/statm)."""
    with open("/proc/self/statm", "rb") as statm:
        return int(statm.read().split()[0]) * resource.getpagesize()


def limit_memory(extra_bytes: int) -> int:
    """Cap this process's address space at its present size plus extra_bytes; return the cap.

    RLIMIT_AS (https://man7.org/linux/man-pages/man2/getrlimit.2.html): an allocation past
    it fails, which ends the engine (it aborts on a failed allocation) or raises MemoryError.
    """
    cap = address_space() + extra_bytes
    resource.setrlimit(resource.RLIMIT_AS, (cap, resource.getrlimit(resource.RLIMIT_AS)[1]))
    return cap


def worker_main(
    conn, store_path: str, memory_bytes: int = 0, copy: MemoryCopy | None = None
) -> None:
    """Open the store (open_engine_store), report readiness, then answer jobs until the pipe ends.

    memory_bytes (0: no limit) bounds what a query may add to the worker's address space.
    SIGINT is ignored: a terminal's Ctrl-C reaches the whole process group, and the pool (or
    the pipe's end) ends the worker, without a KeyboardInterrupt traceback from each.
    """
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    try:
        stores = open_engine_store(store_path, copy)
    except (OSError, SyntaxError) as err:
        conn.send(StoreError(f"cannot open the query store: {err}"))
        return
    threading.stack_size(STACK_BYTES)
    thread = threading.Thread(target=_serve, args=(conn, stores, memory_bytes), name="sg-query")
    thread.start()
    thread.join()


def _serve(conn, stores: EngineStores, memory_bytes: int) -> None:
    warm_up = Job(query="ASK {}", media_type=RESULTS_JSON.media_type, max_rows=1)
    for published_only in (False, True):
        run_job(stores, dataclasses.replace(warm_up, published_only=published_only))
    if memory_bytes:
        limit_memory(memory_bytes)
    conn.send("ready")
    while True:
        try:
            job = conn.recv()
        except (EOFError, OSError):
            return
        reply = run_job(stores, job)
        if isinstance(reply, MalformedQuery):  # located here, where a timeout can stop it
            reply = MalformedQuery(
                f"malformed SPARQL query: {locate_syntax_error(job.query, reply.message)}"
            )
        conn.send_bytes(pickle.dumps(reply, PICKLE_PROTOCOL))


def settle(reply: Answer | SisterGraphError) -> Answer:
    """Return a worker's answer, or raise its error as it was returned (MalformedQuery, located
    at its line:column by the worker with guard.locate_syntax_error; StoreError,
    ResultTooLarge, NotRepresentable, QueryTooComplex)."""
    if isinstance(reply, SisterGraphError):
        raise reply
    return reply
