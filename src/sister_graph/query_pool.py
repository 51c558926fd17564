"""A small pool of query worker processes; one that overruns its time is killed and replaced."""

from __future__ import annotations

import multiprocessing
import queue
import threading
import time
from dataclasses import dataclass

from sister_graph.errors import MalformedQuery, QueryTimeout, StoreError
from sister_graph.query_worker import Failure, Job, worker_main
from sister_graph.results import Answer

_START_TIMEOUT = 60.0


def _context():
    ctx = multiprocessing.get_context("forkserver")
    ctx.set_forkserver_preload(["sister_graph.query_worker"])
    return ctx


@dataclass(eq=False)
class _Worker:
    process: multiprocessing.process.BaseProcess
    conn: object


class QueryPool:
    """Run jobs in `size` processes that each open the on-disk store read-only."""

    def __init__(self, store_path: str, *, size: int, timeout: float) -> None:
        self.store_path = store_path
        self.timeout = timeout
        self._ctx = _context()
        self._idle: queue.Queue[_Worker] = queue.Queue()
        self._all: set[_Worker] = set()
        self._lock = threading.Lock()
        self._closed = False
        for _ in range(max(1, size)):
            self._idle.put(self._start())

    def _start(self) -> _Worker:
        parent, child = self._ctx.Pipe()
        process = self._ctx.Process(
            target=worker_main, args=(child, self.store_path), daemon=True, name="sg-query"
        )
        process.start()
        child.close()
        worker = _Worker(process, parent)
        if not parent.poll(_START_TIMEOUT):
            self._kill(worker)
            raise StoreError("a query worker did not start in time")
        ready = parent.recv()
        if isinstance(ready, Failure):
            self._kill(worker)
            raise StoreError(ready.message)
        with self._lock:
            self._all.add(worker)
        return worker

    def _kill(self, worker: _Worker) -> None:
        worker.process.kill()
        worker.process.join()
        worker.conn.close()
        with self._lock:
            self._all.discard(worker)

    @property
    def alive(self) -> int:
        """Return how many worker processes are running."""
        with self._lock:
            return sum(w.process.is_alive() for w in self._all)

    def run(self, job: Job) -> Answer:
        """Run one job; raise QueryTimeout if it (including the wait for a worker) overruns."""
        deadline = time.monotonic() + self.timeout
        try:
            worker = self._idle.get(timeout=self.timeout)
        except queue.Empty:
            raise QueryTimeout(
                f"all query workers stayed busy for {self.timeout:g} s; try again later"
            ) from None
        try:
            worker.conn.send(job)
            ready = worker.conn.poll(max(0.0, deadline - time.monotonic()))
            reply = worker.conn.recv() if ready else None
        except (EOFError, OSError) as err:
            self._replace(worker)
            raise StoreError(f"a query worker died: {err}") from None
        if reply is None:
            self._replace(worker)
            raise QueryTimeout(f"the query ran longer than {self.timeout:g} s and was stopped")
        self._idle.put(worker)
        if isinstance(reply, Failure):
            raise (MalformedQuery if reply.kind == "syntax" else StoreError)(reply.message)
        return reply

    def _replace(self, worker: _Worker) -> None:
        self._kill(worker)
        if not self._closed:
            self._idle.put(self._start())

    def close(self) -> None:
        """Stop every worker process."""
        self._closed = True
        with self._lock:
            workers = list(self._all)
        for worker in workers:
            self._kill(worker)
