"""A tighter bound for one basic graph pattern, from the degrees of its patterns (query/bound.py).

The product of (matches + 1) over a query's patterns (query/bound.py) bounds the solutions of
any join of them, but grows with every pattern: `?a sg:partner ?c . ?c schema:addressCountry
?cc` over 1,441 and 1,442 quads gets 2,080,806, though each ?c has one country. For a WHERE
group that is one basic graph pattern (triple patterns of IRI predicates, and filters; no
paths, OPTIONAL, UNION, MINUS, GRAPH, BIND, nested groups or repeated FROM: query/subset.py
marks it with Reading.ends), `join_bound` uses degrees instead: deg(P, ?v) is the most quads
of pattern P that agree on one value of its subject or object variable ?v, counted in every
graph of the store that answers the job (MatchCounts.degree).

The joins of any subset U of the patterns have at most B(U) solutions: for a connected U
(patterns linked by shared variables), n(r) * the product of deg(P, ?v) over a spanning tree
rooted at any pattern r, each P joined through a variable ?v of the patterns before it (each
solution of those extends by at most deg(P, ?v) quads of P; solutions with duplicates are
the quad tuples that agree, so multisets are counted too); for a U of several connected parts,
the product of theirs (a cartesian product). And never more than the product of n over U.

Whatever plan the engine picks, each of its 2k - 1 nodes (k patterns, k - 1 joins) yields, over
all its evaluations, solutions of the joins of some subset: a hash join evaluates each side once
(spareval's HashBuildLeftProbeRight), a for-loop join its right side once per solution of its
left (query/paths.py), and the right side's solutions with those values bound are solutions of
the joins of both. Each evaluation is one more step. So the work is at most
sum(n) + (2k - 1) * (2 * max B(U) + 1), returned as the bound, which query/bound.py weighs by the
operations per solution as it weighs the product. Only up to MAX_JOINED patterns (2^k subsets).
"""

from __future__ import annotations

from sister_graph.query.paths import Pattern

MAX_JOINED = 6  # patterns of a basic graph pattern bounded by degrees: 63 subsets


def join_bound(patterns: list[Pattern], ends, sizes: list[int], counts, cap: int) -> int | None:
    """Return a bound on the work of joining the patterns, or None when it exceeds cap.

    ends: each pattern's (subject, object) variable or None (Reading.ends); sizes: each
    pattern's matches (MatchCounts); counts: the MatchCounts whose degrees are used.
    """
    k = len(patterns)
    if not k or k > MAX_JOINED or _work(sizes, max(sizes)) > cap:  # before reading degrees
        return None

    def degree(i: int, variable: str) -> int:
        position = 0 if ends[i][0] == variable else 2
        return counts.degree(patterns[i], position)

    largest = max(sizes)
    for mask in range(1, 1 << k):
        members = [i for i in range(k) if mask >> i & 1]
        if len(members) > 1:
            largest = max(largest, _subset_bound(members, ends, sizes, degree))
            if largest > cap:
                return None
    work = _work(sizes, largest)
    return work if work <= cap else None


def _work(sizes: list[int], largest: int) -> int:
    """Return the bound on the work of any plan whose steps yield at most `largest` each."""
    return sum(sizes) + (2 * len(sizes) - 1) * (2 * largest + 1)


def _variables(end: tuple[str | None, str | None]) -> set[str]:
    return {variable for variable in end if variable is not None}


def _subset_bound(members: list[int], ends, sizes: list[int], degree) -> int:
    """Return B(U) for the patterns `members`: the product over its connected parts of the
    least tree bound found from each root, each never over the part's product of sizes."""
    bound = 1
    left = set(members)
    while left:
        part = _connected_part(left, ends)
        left -= part
        product = 1
        for i in part:
            product *= sizes[i]
        best = product
        for root in part:
            best = min(best, _tree_bound(root, part, ends, sizes, degree))
        bound *= best
    return bound


def _connected_part(members: set[int], ends) -> set[int]:
    """Return the patterns of `members` linked to its smallest one by shared variables."""
    first = min(members)
    part, bound_variables = {first}, _variables(ends[first])
    grown = True
    while grown:
        grown = False
        for i in members - part:
            if _variables(ends[i]) & bound_variables:
                part.add(i)
                bound_variables |= _variables(ends[i])
                grown = True
    return part


def _tree_bound(root: int, part: set[int], ends, sizes: list[int], degree) -> int:
    """Return n(root) * the degrees of a spanning tree grown greedily from root: each step
    joins the pattern of least degree through a variable already bound."""
    bound, joined, bound_variables = sizes[root], {root}, _variables(ends[root])
    while joined != part:
        step, chosen = None, None
        for i in part - joined:
            for variable in _variables(ends[i]) & bound_variables:
                d = degree(i, variable)
                if step is None or d < step:
                    step, chosen = d, i
        assert chosen is not None and step is not None  # the part is connected
        bound *= step
        joined.add(chosen)
        bound_variables |= _variables(ends[chosen])
    return bound
