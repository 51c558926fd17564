"""Bound a query's work before it runs, from its tokens and the store's match counts.

The query workers (query/pool.py) isolate evaluation: a query that overruns its time or memory
is killed with its process. That costs a hand-off to another process on every query. A query
whose work can be bounded in advance needs no killing, so it may run in the server process.

`solution_bound` takes a query in the plain subset query/subset.py reads (anything else gets
no bound: it runs in a worker) and computes a bound from the store.

For an accepted query the bound is the product, over its triple patterns, of (matches + 1),
where a pattern's matches are the quads in the store, in any graph, that agree with its IRIs
(literals and variables match anything), times the number of FROM (FROM NAMED, inside GRAPH)
clauses when there are several: the engine reads a graph listed twice twice. Every join, left
join, union or minus the engine evaluates yields at most that many solutions at each step, and
filters, grouping and ordering work per solution, so the work is at most that bound times the
size of the query. That needs each UNION branch and each GRAPH group to hold a triple
pattern of its own (directly, or in a nested group or UNION whose branches all do): a group
without one yields a solution although its product is 1, so a UNION of such groups yields one
per branch and `GRAPH ?g {}` one per named graph (26 joined `{{}UNION{}UNION{}}` make 3^26
solutions; eight `GRAPH ?g {}` over 9 graphs took 17 s and 3.6 GB). A group with a pattern of
its own yields at most (its product - 1) solutions, and a union of such groups at most the
sum, within the product of theirs (a + b - 2 <= a * b - 1 for a, b >= 1); in GRAPH the
pattern's matches, graph by graph, add up to its matches in the store.

DESCRIBE of IRIs (`DESCRIBE <a> <b>`, no WHERE): pyoxigraph 0.5 projects them as one
solution, then yields the default graph's quads whose subject is each distinct IRI, and
describes every blank-node object met the same way, recursively, to the end of any chain of
blank nodes (DescribeIterator, lib/spareval/src/eval.rs, https://github.com/oxigraph/oxigraph).
The bound is 1 plus each IRI's quads in any graph (times its FROM clauses); an IRI with a
blank-node object in any graph gets no bound (it runs in a worker): its description is not
its own quads. Counted once per IRI listed: a duplicate is described once.

The work per solution is counted too (query/subset.py lists the operations), and each call
into Python the engine makes (the LANG rewrite's function, query/lang_function.py) as
CALLBACK_OPS operations: such a call holds the GIL and costs about twenty built-in calls (42
nested LANG calls over 1,442 solutions took 148 ms of CPU in the server process, as STR
16 ms). A query is admitted when bound * (OPS_PER_STEP + operations) <= cap * OPS_PER_STEP.

Not counted: what finding a pattern's matches reads. The on-disk store reads its matches from
an index; the in-memory copy reads the shortest list of quads holding one of its IRIs, so a
pattern of no match (a factor 1) over two frequent IRIs still reads one list: twelve such
patterns, bound 1, took 37 ms of CPU on the 100k synthetic data (`?s a <page>`, 23,216
quads of rdf:type). Each pattern is read once per query (per graph in GRAPH ?g), or, joined
by a for-loop (query/paths.py), once per solution before it with that solution's values.
"""

from __future__ import annotations

import functools
import itertools

import pyoxigraph as ox

from sister_graph.errors import Unbounded
from sister_graph.query.subset import Pattern, read_subset

OPS_PER_STEP = 4  # operations per solution (see above) that cost as much as a solution
CALLBACK_OPS = 8  # operations one call into Python costs (see above)

# Run with the default graph as the union of all graphs: spareval then reads the store's quads
# in every graph, the default one too, with no duplicate removed (eval.rs, "it is the union of
# all graphs, we query all graphs"), as quads_for_pattern(..., None) does; a third faster
# than a UNION with GRAPH ?g (a subject's quads: 62 µs against 98 µs on the on-disk store).
# Quads of a pattern in the default graph and in any named graph, as quads_for_pattern finds them.
COUNT_QUERY = "SELECT (COUNT(*) AS ?n) {{ SELECT * {{ {triple} }} LIMIT {limit} }}"
# The quads whose subject is an IRI, in any graph, and how many of them have a blank-node object.
DESCRIPTION_QUERY = (
    "SELECT (COUNT(*) AS ?n) (SUM(IF(isBLANK(?o), 1, 0)) AS ?b)"
    " {{ SELECT ?o {{ {subject} ?p ?o }} LIMIT {limit} }}"
)


class MatchCounts:
    """Count, with a cache of `entries` patterns, the quads of a store (any graph) that agree
    with a pattern.

    Counting stops at `cap` + 1: a bound over the cap is refused anyway. probe: read up to
    this many quads through quads_for_pattern first, and ask the engine to count only past
    them; worth it on an in-memory store (a subject's 28 quads: 10 µs against 64 µs for the
    count query on the 100k synthetic data), not on the on-disk one, whose quads are decoded
    term by term (213 µs). Thread-safe (functools.lru_cache; two threads may count one new
    pattern at once).
    """

    def __init__(self, store: ox.Store, *, cap: int, entries: int = 4096, probe: int = 0) -> None:
        self.store = store
        self.cap = cap
        self.probe = probe
        self._cached = functools.lru_cache(maxsize=entries)(self._count)
        self.description = functools.lru_cache(maxsize=entries)(self._description)

    def __call__(self, pattern: Pattern) -> int:
        return self._cached(pattern)

    def _probed(self, terms: tuple[str | None, ...]) -> list[ox.Quad] | None:
        """Return the quads matching the IRIs if there are at most `probe`, else None."""
        if not self.probe:
            return None
        nodes = [None if iri is None else ox.NamedNode(iri) for iri in terms]
        quads = list(itertools.islice(self.store.quads_for_pattern(*nodes), self.probe + 1))
        return quads if len(quads) <= self.probe else None

    def _count(self, pattern: Pattern) -> int:
        terms = (pattern.subject, pattern.predicate, pattern.object)
        quads = self._probed(terms)
        if quads is not None:
            return min(len(quads), self.cap + 1)
        triple = " ".join(
            f"?t{n}" if iri is None else str(ox.NamedNode(iri)) for n, iri in enumerate(terms)
        )
        # The engine counts without the GIL, about 17 times faster than a Python loop over
        # quads_for_pattern (50,001 of 200,076 quads: 22 ms against 363 ms, GIL held).
        query = COUNT_QUERY.format(triple=triple, limit=self.cap + 1)
        found = self.store.query(query, use_default_graph_as_union=True)
        try:  # the iterator is pyo3 "unsendable": drop it in this thread (results.to_answer)
            return int(next(iter(found))[0].value)
        finally:
            del found

    def _description(self, iri: str) -> tuple[int, int]:
        """Return (quads whose subject is iri, how many of them have a blank-node object),
        in any graph; counting stops at cap + 1 quads."""
        quads = self._probed((iri, None, None))
        if quads is not None:
            blank = sum(isinstance(quad.object, ox.BlankNode) for quad in quads)
            return min(len(quads), self.cap + 1), blank
        query = DESCRIPTION_QUERY.format(subject=ox.NamedNode(iri), limit=self.cap + 1)
        found = self.store.query(query, use_default_graph_as_union=True)
        try:  # dropped in this thread, as in _count
            row = next(iter(found))
            return int(row[0].value), int(row[1].value)
        finally:
            del found


def solution_bound(
    tokens,
    predeclared: tuple[tuple[str, str], ...],
    counts: MatchCounts,
    *,
    text_length: int,
    callbacks: int = 0,
) -> int | None:
    """Return an upper bound on the solutions of any step of the query (a DESCRIBE's
    triples), or None.

    tokens: the guard's significant tokens of a query it passed (guard.scan); callbacks: the
    calls into Python the query as run holds. None: the query is outside the subset
    (query/subset.py), or the bound exceeds `counts.cap`, or the bound times (OPS_PER_STEP +
    the query's operations per solution) exceeds cap * OPS_PER_STEP.
    """
    try:
        reading = read_subset(tokens, predeclared, text_length=text_length)
    except Unbounded:
        return None
    operations = reading.operations + callbacks * CALLBACK_OPS
    # the most solutions admitted: bound * (OPS_PER_STEP + operations) <= cap * OPS_PER_STEP
    limit = counts.cap * OPS_PER_STEP // (OPS_PER_STEP + operations)
    bound = 1
    for pattern, copies in reading.patterns:
        bound *= counts(pattern) * copies + 1
        if bound > limit:
            return None
    for iri, copies in reading.described:  # DESCRIBE: its one solution, then the quads
        quads, blank = counts.description(iri)
        bound += quads * copies
        if blank or bound > limit:  # a blank-node object is described too, recursively
            return None
    return bound
