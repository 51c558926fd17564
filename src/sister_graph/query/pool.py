"""A small pool of query worker processes; one that overruns its time is killed and replaced."""

from __future__ import annotations

import logging
import multiprocessing
import pickle
import queue
import signal
import threading
import time
from dataclasses import dataclass

from sister_graph.errors import (
    QueryTimeout,
    QueryTooComplex,
    SisterGraphError,
    StoreError,
)
from sister_graph.query.results import Answer
from sister_graph.query.worker import PICKLE_PROTOCOL, Job, MemoryCopy, settle, worker_main

_START_TIMEOUT = 60.0
# A worker ending on one of these signals crashed on its query (stack or memory exhausted).
CRASH_SIGNALS = frozenset({signal.SIGSEGV, signal.SIGABRT, signal.SIGBUS, signal.SIGILL})
LOG = logging.getLogger("sister_graph.query.pool")


def _context():
    ctx = multiprocessing.get_context("forkserver")
    ctx.set_forkserver_preload(["sister_graph.query.worker"])
    return ctx


@dataclass(eq=False)
class _Worker:
    process: multiprocessing.process.BaseProcess
    conn: object


class QueryPool:
    """Run jobs in `size` processes that each open the on-disk store read-only.

    With `copy`, each also loads that in-memory copy of the published graph, for the jobs
    that read it alone (worker.EngineStores).
    With wait=False the workers start in the background, each handed out as soon as it is
    ready: a job waits for the first one (within its timeout), and a worker that cannot start
    is logged, not raised.
    Raises StoreError (wait=True) if a worker cannot open the store or start in time.
    """

    def __init__(
        self,
        store_path: str,
        *,
        size: int,
        timeout: float,
        memory_bytes: int = 0,
        copy: MemoryCopy | None = None,
        wait: bool = True,
    ) -> None:
        self.store_path = store_path
        self.copy = copy
        self.timeout = timeout
        self.memory_bytes = memory_bytes
        self._ctx = _context()
        self._idle: queue.Queue[_Worker] = queue.Queue()
        self._all: set[_Worker] = set()
        self._lock = threading.Lock()
        self._closed = False
        self._starting = 0
        if wait:
            self._start_all(size)
            return
        with self._lock:
            self._starting = max(1, size)
        threading.Thread(target=self._start_later, args=(size,), daemon=True).start()

    def _start_all(self, size: int) -> None:
        """Start `size` workers and wait for them all; raise StoreError if one cannot start."""
        launched: list[_Worker] = []
        try:  # start them all, then wait: they open the store at the same time
            for _ in range(max(1, size)):
                launched.append(self._launch())
            deadline = time.monotonic() + _START_TIMEOUT
            for worker in launched:
                self._await_ready(worker, deadline)
        except BaseException:
            for worker in launched:
                self._kill(worker)
            raise
        for worker in launched:
            self._idle.put(worker)

    def _start_later(self, size: int) -> None:
        """Start `size` workers (counted as starting) and hand out each as soon as it is ready."""
        launched: list[_Worker] = []
        try:
            for _ in range(max(1, size)):
                launched.append(self._launch())
        except OSError as err:
            LOG.error("could not start the query workers: %s", err)
        with self._lock:
            self._starting -= max(1, size) - len(launched)
        deadline = time.monotonic() + _START_TIMEOUT
        for worker in launched:
            try:
                self._idle.put(self._await_ready(worker, deadline, counted=True))
            except StoreError as err:
                LOG.error("could not start a query worker: %s", err.message)
        if self._closed:
            self.close()

    def _start(self) -> _Worker:
        return self._await_ready(self._launch(), time.monotonic() + _START_TIMEOUT)

    def _launch(self) -> _Worker:
        parent, child = self._ctx.Pipe()
        process = self._ctx.Process(
            target=worker_main,
            args=(child, self.store_path, self.memory_bytes, self.copy),
            daemon=True,
            name="sg-query",
        )
        process.start()
        child.close()
        return _Worker(process, parent)

    def _await_ready(self, worker: _Worker, deadline: float, *, counted: bool = False) -> _Worker:
        """Wait for the worker's readiness; counted: it was counted as starting until now."""
        try:
            arrived = worker.conn.poll(max(0.0, deadline - time.monotonic()))
            ready = worker.conn.recv() if arrived else None
        except (EOFError, OSError):
            ready = StoreError("a query worker stopped while starting")
        if ready is None or isinstance(ready, SisterGraphError):
            self._kill(worker)
            if counted:
                with self._lock:
                    self._starting -= 1
            raise ready or StoreError("a query worker did not start in time")
        with self._lock:  # one step: never counted both as starting and as running
            self._all.add(worker)
            if counted:
                self._starting -= 1
        return worker

    def _kill(self, worker: _Worker) -> None:
        worker.process.kill()
        worker.process.join()
        worker.conn.close()
        with self._lock:
            self._all.discard(worker)

    @property
    def starting(self) -> int:
        """Return how many worker processes are being started (at start or to replace one)."""
        with self._lock:
            return self._starting

    @property
    def ready(self) -> int:
        """Return how many worker processes are running and have opened the store."""
        with self._lock:
            return sum(w.process.is_alive() for w in self._all)

    def run(self, job: Job) -> Answer:
        """Run one job and return its answer.

        Raises QueryTimeout if it (including the wait for a worker) overruns, QueryTooComplex
        if it crashes its worker, and the error the worker sent back (MalformedQuery, located
        at its line:column; StoreError, ResultTooLarge, NotRepresentable) as it was raised.
        """
        deadline = time.monotonic() + self.timeout
        worker = self._checkout(deadline, job)
        try:
            ready = worker.conn.poll(max(0.0, deadline - time.monotonic()))
            reply = worker.conn.recv() if ready else None
        except (EOFError, OSError):
            raise self._died(worker) from None
        if reply is None:
            self._replace(worker)
            raise QueryTimeout(f"the query ran longer than {self.timeout:g} s and was stopped")
        self._idle.put(worker)
        return settle(reply)

    def _checkout(self, deadline: float, job: Job) -> _Worker:
        while True:
            try:
                worker = self._idle.get(timeout=max(0.0, deadline - time.monotonic()))
            except queue.Empty:
                if self.starting and not self.ready:
                    raise QueryTimeout(
                        f"the query workers are still starting ({self.timeout:g} s so far); "
                        "try again in a moment"
                    ) from None
                raise QueryTimeout(
                    f"all query workers stayed busy for {self.timeout:g} s; try again later"
                ) from None
            try:
                worker.conn.send_bytes(pickle.dumps(job, PICKLE_PROTOCOL))
                return worker
            except OSError:  # it died while idle: not this query's fault, take another
                self._replace(worker)

    def _died(self, worker: _Worker) -> Exception:
        worker.process.join(5.0)  # its pipe is closed: it is ending (a large one takes a while)
        code = worker.process.exitcode
        self._replace(worker)
        if code is not None and code < 0 and -code in CRASH_SIGNALS:
            return QueryTooComplex(
                "the query engine ran out of stack or of the memory one query may take; simplify it"
            )
        return StoreError("the query worker running this query stopped; try again")

    def _replace(self, worker: _Worker) -> None:
        self._kill(worker)
        if not self._closed:
            with self._lock:
                self._starting += 1
            threading.Thread(target=self._restart, daemon=True, name="sg-restart").start()

    def _restart(self) -> None:
        try:
            worker = self._start()
        except StoreError as err:
            LOG.error("could not replace a query worker: %s", err.message)
            return
        finally:
            with self._lock:
                self._starting -= 1
        if self._closed:
            self._kill(worker)
        else:
            self._idle.put(worker)

    def close(self) -> None:
        """Stop every worker process."""
        self._closed = True
        with self._lock:
            workers = list(self._all)
        for worker in workers:
            self._kill(worker)
