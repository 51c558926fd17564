"""The plain subset of SPARQL whose work query/bound.py can bound, read from the guard's tokens.

`read_subset` reads the guard's tokens (https://www.w3.org/TR/sparql11-query/#grammar) and
accepts: SELECT (variables, `*`, expressions AS variables), ASK or CONSTRUCT with a template;
DESCRIBE of IRIs alone (no variable, `*`, WHERE or modifier: query/bound.py bounds it by the
IRIs' quads, each written as a template triple is); FROM / FROM NAMED; a group of triple
patterns whose predicates are IRIs, `a`, variables or property paths (sequences, inverses,
alternatives and negated sets, read as the triple patterns the algebra translates them to; `*`,
`+` and `?` only as below), FILTER and BIND, OPTIONAL, UNION, MINUS, GRAPH and nested groups;
GROUP BY variables, HAVING, ORDER BY, LIMIT and OFFSET. Expressions (query/expressions.py) use
a short list of functions whose result is no longer than their arguments, and aggregates
(COUNT, SUM, MIN, MAX, AVG, SAMPLE), so no chain of them can grow a value. A `*`, `+` or `?`
path must be the whole path, over one edge, from or to an IRI (query/paths.py says why).
Anything else (other repeated paths, subqueries, VALUES, EXISTS, functions named by IRIs,
REGEX, string-building functions such as CONCAT, REPLACE or GROUP_CONCAT, blank-node property
lists, other DESCRIBE, nesting deeper than MAX_DEPTH, more than MAX_PATTERNS triple patterns,
MAX_TOKENS tokens or MAX_TEXT characters) is outside the subset (Unbounded): it runs in a
worker. So is a query with BASE or with an IRI that is not absolute as written (the engine
resolves it against the service's base, RFC 3986 §5.2, which this reader does not know;
Python's urljoin differs from it, e.g. `<>` keeps a fragment of the base), and one where a
UNION branch or a GRAPH group has no triple pattern of its own (directly, or in a nested group
or UNION whose branches all do; query/bound.py says why).

Each pattern comes with how many times its graph is read: the number of FROM (FROM NAMED,
inside GRAPH) clauses when there are several. The work per solution is counted too: its
operations are the query's function calls, operators and commas (an IN list compares each
entry), expressions AS a variable, projected columns (`*`: the query's variables), GROUP BY
variables, ORDER BY conditions and CONSTRUCT template triples. query/bound.py weighs the bound
with them: the product alone let, in the server process, 50 string comparisons over 30,213
solutions take 308 ms, an IN list of 116 entries over 15,666 solutions 314 ms, and 33
projected long literals 1.2 s and 544 MB. An operation is worth TERM_CHARS characters of a
term written in the query: a query whose longest term (IRI as its prefix expands it, literal,
variable name, language tag) is longer counts each operation ceil(length / TERM_CHARS) times.
Such a term is copied into every solution that selects it, and data terms never reach the
query's length: one PREFIX of a 3,700-character IRI bound to 12 columns over 4,841 solutions
took 599 ms of CPU and 441 MB in the server process (a 114 MB answer, refused only once
written), counted as 24 operations.
"""

from __future__ import annotations

from dataclasses import dataclass

from sister_graph.errors import Unbounded
from sister_graph.query.expressions import ExpressionReader
from sister_graph.query.guard import read_prologue
from sister_graph.query.paths import MAX_DEPTH, PathReader, Pattern

MAX_TEXT = 4096  # characters of query text
MAX_TOKENS = 300  # keeps the engine's recursion over expressions shallow
MAX_PATTERNS = 12
TERM_CHARS = 128  # characters of a term written in the query that one operation covers
TERMS = frozenset({"var", "iri", "pname", "bnode"})
LITERALS = frozenset({"string", "number"})


@dataclass(frozen=True)
class Reading:
    """A query in the subset: its triple patterns, each with how many times its graph is read
    (FROM clauses), and its operations per solution."""

    patterns: list[tuple[Pattern, int]]
    operations: int
    described: tuple[tuple[str, int], ...] = ()  # a DESCRIBE's IRIs, each with its copies


def read_subset(tokens, predeclared: tuple[tuple[str, str], ...], *, text_length: int) -> Reading:
    """Read the guard's tokens (guard.scan) of a query it passed; raise Unbounded outside it.

    predeclared: (prefix, namespace) pairs the query may use undeclared.
    """
    if text_length > MAX_TEXT or len(tokens) > MAX_TOKENS:
        raise Unbounded("outside the bounded subset")
    reader = _Reader(tokens, predeclared)
    patterns = reader.query()
    weight = -(-reader.longest_term() // TERM_CHARS)
    return Reading(patterns, reader.operations * weight, tuple(reader.described))


class _Reader(PathReader, ExpressionReader):
    """A recursive-descent reader of the bounded subset; raises Unbounded on anything else."""

    def __init__(self, tokens, predeclared: tuple[tuple[str, str], ...]) -> None:
        prefixes, base, index = read_prologue(tokens, "")
        if base is not None:  # resolved as RFC 3986 says, not as urljoin does
            raise Unbounded("outside the bounded subset")
        super().__init__(tokens, {**dict(predeclared), **prefixes}, index)
        self.patterns: list[tuple[Pattern, int]] = []  # and how many times a graph is read
        self.copies = {False: 1, True: 1}  # FROM, FROM NAMED clauses (in GRAPH: True)
        self.described: list[tuple[str, int]] = []  # a DESCRIBE's IRIs and their copies

    # -- query
    def query(self) -> list[tuple[Pattern, int]]:
        form = self._word()
        self.index += 1
        described = []
        if form == "SELECT":
            self._projection()
        elif form == "CONSTRUCT":
            self._group(template=True)
        elif form == "DESCRIBE":  # IRIs only: no variable, `*`, WHERE or modifier
            while self._peek_kind("iri") or self._peek_kind("pname"):
                described.append(self._iri(self._take()))
            if not described:
                raise Unbounded("outside the bounded subset")
        elif form != "ASK":
            raise Unbounded("outside the bounded subset")
        clauses = {False: 0, True: 0}
        while self._keyword("FROM"):
            named = self._keyword("NAMED")
            if self._take().kind not in ("iri", "pname"):
                raise Unbounded("outside the bounded subset")
            clauses[named] += 1
        # a graph listed n times is read n times (and IRIs that differ may name one graph)
        self.copies = {named: max(1, n) for named, n in clauses.items()}
        if described:  # each output triple is written as a template triple is
            if self._peek() is not None:
                raise Unbounded("outside the bounded subset")
            self.described = [(iri, self.copies[False]) for iri in described]
            self.operations += 1
            return self.patterns
        self._keyword("WHERE")
        self._group()
        self._modifiers()
        if self._peek() is not None or len(self.patterns) > MAX_PATTERNS:
            raise Unbounded("outside the bounded subset")
        return self.patterns

    def _projection(self) -> None:
        self._keyword("DISTINCT", "REDUCED")
        if self._is("*"):
            self.index += 1
            self.operations += len({t.text[1:] for t in self.tokens if t.kind == "var"})
            return
        projected = 0
        while True:
            token = self._peek()
            if token is not None and token.kind == "var":
                self.index += 1
            elif self._is("("):  # (expression AS ?v)
                self._expression(binds=True)
            else:
                break
            projected += 1
        if not projected:
            raise Unbounded("outside the bounded subset")
        self.operations += projected

    def longest_term(self) -> int:
        """Return the length of the query's longest token, prefixed names as they expand."""
        longest = 1
        for token in self.tokens:
            length = len(token.text)
            if token.kind == "pname":
                length += len(self.prefixes.get(token.text.partition(":")[0], ""))
            longest = max(longest, length)
        return longest

    def _group(self, *, template: bool = False) -> bool:
        """Read a group; return whether it holds a triple pattern of its own.

        Of its own: directly, or in a nested group or UNION whose branches all hold one; not
        in OPTIONAL, MINUS or GRAPH. Only such groups may be UNION branches or GRAPH groups.
        """
        self._expect("{")
        self.depth += 1
        if self.depth > MAX_DEPTH:
            raise Unbounded("outside the bounded subset")
        own = False
        while not self._is("}"):
            if self._is("."):
                self.index += 1
            elif template:
                self._triples(template=True)
                self.operations += 1
            elif self._is("{"):
                branches = [self._group()]
                while self._keyword("UNION"):
                    branches.append(self._group())
                if len(branches) > 1 and not all(branches):
                    raise Unbounded("outside the bounded subset")
                own = own or all(branches)
            elif self._keyword("OPTIONAL", "MINUS"):
                self._group()
            elif self._keyword("GRAPH"):
                if self._take().kind not in ("var", "iri", "pname"):
                    raise Unbounded("outside the bounded subset")
                self.in_graph += 1
                if not self._group():
                    raise Unbounded("outside the bounded subset")
                self.in_graph -= 1
            elif self._keyword("FILTER"):
                self._constraint()
            elif self._keyword("BIND"):
                self._expression(binds=True)
            else:
                self._triples()
                own = True
        self.index += 1
        self.depth -= 1
        return own

    def _triples(self, *, template: bool = False) -> None:
        subject = self._term(TERMS)
        while True:
            verb = self._verb(template)
            while True:
                obj = self._object()
                if not template:
                    copies = self.copies[self.in_graph > 0]
                    for pattern in self._path_patterns(verb, subject, obj, whole=True):
                        self.patterns.append((pattern, copies))
                if not self._is(","):
                    break
                self.index += 1
            if not self._is(";"):
                return
            while self._is(";"):
                self.index += 1
            if self._is(".") or self._is("}"):
                return

    def _object(self) -> str | None:
        token = self._take()
        if token.kind in TERMS:
            return self._iri(token)
        if token.kind == "word" and token.text.upper() in ("TRUE", "FALSE"):
            return None
        if token.kind not in LITERALS:
            raise Unbounded("outside the bounded subset")
        if self._peek_kind("lang"):
            self.index += 1
        elif self._is("^") and self._is("^", 1):
            self.index += 2
            if self._take().kind not in ("iri", "pname"):
                raise Unbounded("outside the bounded subset")
        return None

    def _modifiers(self) -> None:
        if self._keyword("GROUP"):
            if not self._keyword("BY") or not self._peek_kind("var"):
                raise Unbounded("outside the bounded subset")
            while self._peek_kind("var"):
                self.index += 1
                self.operations += 1
        if self._keyword("HAVING"):
            self._expression()
            while self._is("("):
                self._expression()
        if self._keyword("ORDER"):
            if not self._keyword("BY"):
                raise Unbounded("outside the bounded subset")
            conditions = 0
            while True:
                if self._keyword("ASC", "DESC") or self._is("("):
                    self._expression()
                elif self._peek_kind("var"):
                    self.index += 1
                else:
                    break
                conditions += 1
            if not conditions:
                raise Unbounded("outside the bounded subset")
            self.operations += conditions
        for _ in range(2):
            if self._keyword("LIMIT", "OFFSET"):
                if not self._peek_kind("number"):
                    raise Unbounded("outside the bounded subset")
                self.index += 1
