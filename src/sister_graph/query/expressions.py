"""Expressions in the bounded subset (query/subset.py): FILTER, BIND, SELECT expressions,
HAVING and ORDER BY conditions, read from the guard's tokens; each function call, operator
and comma counts as an operation per solution."""

from __future__ import annotations

from sister_graph.errors import Unbounded
from sister_graph.query.paths import MAX_DEPTH
from sister_graph.query.token_reader import TokenReader

AGGREGATES = frozenset({"COUNT", "SUM", "MIN", "MAX", "AVG", "SAMPLE"})
# Functions whose result is at most as long as their arguments (no CONCAT, REPLACE, ...) and
# whose time is linear in them: not REGEX, whose patterns can be slow to build and run (the
# engine took 10.7 s for "(\w{1,50}\s){1,20}Z" over the 4,842 quads of the project's data).
FUNCTIONS = frozenset(
    {
        "LANG", "LANGMATCHES", "DATATYPE", "STR", "IRI", "URI", "BOUND", "SAMETERM",
        "ISIRI", "ISURI", "ISBLANK", "ISLITERAL", "ISNUMERIC", "CONTAINS",
        "STRSTARTS", "STRENDS", "STRLEN", "SUBSTR", "LCASE", "UCASE", "STRBEFORE",
        "STRAFTER", "YEAR", "MONTH", "DAY", "HOURS", "MINUTES", "SECONDS", "ABS", "ROUND",
        "CEIL", "FLOOR", "IF", "COALESCE", "IN", "NOT", "TRUE", "FALSE", "DISTINCT",
        *AGGREGATES,
    }
)  # fmt: skip
OPERATORS = frozenset("()=!<>&|+-*/,^")


_OPERANDS = frozenset({"var", "iri", "pname", "bnode", "string", "number", "lang"})


def _ends_operand(token) -> bool:
    """Return whether an expression's token ends an operand (a "<" after it compares)."""
    if token.kind == "word":
        return token.text.upper() in ("TRUE", "FALSE")
    return token.kind in _OPERANDS or token.text == ")"


class ExpressionReader(TokenReader):
    """Reads expressions of the allowed functions, terms and operators."""

    def _constraint(self) -> None:
        if self._word() in FUNCTIONS:
            self.index += 1
            self.operations += 1
        if not self._is("("):
            raise Unbounded("outside the bounded subset")
        self._expression()

    def _expression(self, *, binds: bool = False) -> None:
        """Read a parenthesised expression of allowed functions, terms and operators.

        binds: the expression ends with `AS ?var` (BIND and SELECT expressions).
        """
        self._expect("(")
        level = 1
        while level:
            token = self._take()
            if binds and level == 1 and token.kind == "word" and token.text.upper() == "AS":
                if self._take().kind != "var":
                    raise Unbounded("outside the bounded subset")
                self._expect(")")
                self.operations += 1
                return
            if token.kind == "other":
                if token.text not in OPERATORS:
                    raise Unbounded("outside the bounded subset")
                if token.text not in "()":  # "," too: an IN list compares each entry
                    self.operations += 1
                if token.text == "(":
                    level += 1
                    if level > MAX_DEPTH:
                        raise Unbounded("outside the bounded subset")
                elif token.text == ")":
                    level -= 1
            elif token.kind == "word":
                if token.text.upper() not in FUNCTIONS:
                    raise Unbounded("outside the bounded subset")
                self.operations += 1
            elif token.kind in ("iri", "pname"):
                if self._is("("):  # a function named by an IRI
                    raise Unbounded("outside the bounded subset")
                if token.kind == "iri" and _ends_operand(self.tokens[self.index - 2]):
                    # after an operand "<" is less-than for the engine: `FILTER(1<2)?a?b?c.
                    # FILTER(3>2)` is one IRI token to the lexer, and a pattern to the engine
                    raise Unbounded("outside the bounded subset")
            elif token.kind not in ("var", "string", "number", "lang"):
                raise Unbounded("outside the bounded subset")
