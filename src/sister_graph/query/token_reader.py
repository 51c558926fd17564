"""A cursor over the guard's tokens (guard.scan) for the bounded-subset reader
(query/subset.py, query/paths.py): look ahead, take, expect, expand IRIs."""

from __future__ import annotations

import pyoxigraph as ox

from sister_graph.errors import Unbounded
from sister_graph.query.guard import expand_iri


class TokenReader:
    """Tokens, the reading position and the prefixes in scope; raises Unbounded past the end
    or on an unexpected token."""

    def __init__(self, tokens, prefixes: dict[str, str], index: int) -> None:
        self.tokens = tokens
        self.prefixes = prefixes
        self.index = index
        self.depth = 0  # nested groups and parentheses
        self.in_graph = 0  # GRAPH groups around the reader
        self.operations = 0  # per solution (see query/subset.py)

    def _peek(self, ahead: int = 0):
        at = self.index + ahead
        return self.tokens[at] if at < len(self.tokens) else None

    def _word(self, ahead: int = 0) -> str:
        token = self._peek(ahead)
        return token.text.upper() if token is not None and token.kind == "word" else ""

    def _is(self, text: str, ahead: int = 0) -> bool:
        token = self._peek(ahead)
        return token is not None and token.kind == "other" and token.text == text

    def _take(self):
        token = self._peek()
        if token is None:
            raise Unbounded("outside the bounded subset")
        self.index += 1
        return token

    def _expect(self, text: str) -> None:
        if not self._is(text):
            raise Unbounded("outside the bounded subset")
        self.index += 1

    def _keyword(self, *words: str) -> bool:
        if self._word() in words:
            self.index += 1
            return True
        return False

    def _peek_kind(self, kind: str) -> bool:
        token = self._peek()
        return token is not None and token.kind == kind

    def _term(self, kinds: frozenset) -> str | None:
        token = self._take()
        if token.kind not in kinds:
            raise Unbounded("outside the bounded subset")
        return self._iri(token)

    def _iri(self, token) -> str | None:
        """Return the IRI of an IRI or prefixed-name token, None for other terms.

        Raises Unbounded unless the IRI is absolute as written: the engine resolves a relative
        one against the service's base, and decodes \\u escapes this reader keeps.
        """
        if token.kind == "iri" or token.kind == "pname":
            try:
                iri = expand_iri(token, self.prefixes, None, "")
                ox.NamedNode(iri)  # absolute, no escape left
            except Exception:  # noqa: BLE001 - the engine will name the problem
                raise Unbounded("outside the bounded subset") from None
            return iri
        return None
