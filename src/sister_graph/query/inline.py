"""Evaluate queries of bounded work in the server process, without a hand-off to a worker.

A query worker (query/pool.py) can be killed when a query overruns its time or memory; the
price is a hand-off to another process on every query: pickling, a pipe and two wake-ups,
more than the engine's own time for a small query. A query that `bound.solution_bound`
bounds within `inline_solutions` cannot overrun, so it runs here, on this process's own
handles of the same data the workers query (worker.open_engine_store): the on-disk store
read-only and, for a small dataset, the same in-memory copy of the published graph, chosen per
job as the workers choose (EngineStores.for_job), so both answer a query in the same order.
The engine releases the GIL while it evaluates, so other threads go on.
"""

from __future__ import annotations

from sister_graph.errors import MalformedQuery
from sister_graph.query.bound import MatchCounts, solution_bound
from sister_graph.query.lang_function import LANG_FUNCTION
from sister_graph.query.results import Answer
from sister_graph.query.worker import EngineStores, Job, run_job, settle

PROBE = 64  # quads read from the in-memory copy before asking the engine to count (bound.py)


class InlineEvaluator:
    """Answer jobs whose work `solution_bound` bounds within max_solutions, in this process."""

    def __init__(self, stores: EngineStores, *, max_solutions: int) -> None:
        self.stores = stores
        # counted on the store that answers the job (EngineStores.for_job): the on-disk store
        # holds every graph, the in-memory copy the published graph alone, and neither changes
        self.counts = MatchCounts(stores.disk, cap=max_solutions)
        self.memory_counts: MatchCounts | None = None
        if stores.memory is not None:
            self.memory_counts = MatchCounts(stores.memory, cap=max_solutions, probe=PROBE)

    def admits(self, job: Job, tokens) -> int | None:
        """Return the job's solution bound (bound.solution_bound) if within max_solutions, or None.

        tokens: the guard's significant tokens of job.query (guard.scan); the custom LANG
        calls in job.rewritten are calls into Python (bound.CALLBACK_OPS). A job whose dataset
        lists more than one default or named graph (FROM, or the protocol's default-graph-uri
        and named-graph-uri) is not admitted: the engine reads a graph listed n times n times,
        and the protocol's lists are not in the query text the bound reads.
        """
        if len(job.default_graphs or ()) > 1 or len(job.named_graphs or ()) > 1:
            return None
        # the LANG calls the rewrite left to Python (a written IRI naming it counts too)
        callbacks = job.rewritten.count(LANG_FUNCTION) if job.rewritten else 0
        counts = self.counts
        if self.memory_counts is not None and self.stores.for_job(job) is self.stores.memory:
            counts = self.memory_counts
        return solution_bound(
            tokens, job.predeclared, counts, text_length=len(job.query), callbacks=callbacks
        )

    def run(self, job: Job, *, rows_at_most: int | None = None) -> Answer | None:
        """Evaluate and serialise the job; raise as QueryPool.run does (ResultTooLarge, ...).

        rows_at_most: the bound admits() returned (rows cannot exceed it), or None.

        None when the engine finds a syntax error: a worker must answer it, since locating the
        error takes a second parser (guard.locate_syntax_error) that holds the GIL and took
        0.7 s on a malformed query of 4 KB; in a worker the timeout can stop it.
        """
        reply = run_job(self.stores, job, rows_at_most=rows_at_most)
        if isinstance(reply, MalformedQuery):
            return None
        return settle(reply)
