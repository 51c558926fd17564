"""Where a malformed SPARQL query stops making sense: line, column and the token found there.

The engine's parser reports the furthest point it tried, which can lie past the problem
(`SELECT * { ?s <p> ?o ?x }` comes back at the end of the text), and its list of expected
keywords is its own. rdflib's SPARQL grammar (pyparsing, https://www.w3.org/TR/sparql11-query/
#grammar) reports where the failing group began (`{ ?x ?p }` at `?x`, not at the `}` where an
object is missing). Both are wrong more often than right.

Here each terminal of rdflib's grammar (keywords, punctuation, IRIs, variables, literals)
records how far into the text it was tried and failed (pyparsing's fail action): the furthest
such point is the first token no rule of the grammar accepts, as an LL parser would report
it. `SELECT * { ?x ?p }` is located at 1:18, the `}` where the object should be.
"""

from __future__ import annotations

import re
import threading
import time

from pyparsing import ParserElement, Token

from sister_graph.errors import QueryTimeout
from sister_graph.query.lexer import line_column, scan

ENGINE_AT = re.compile(r"^error at (\d+):(\d+): ")
LOCATE_MAX_CHARS = 4096  # the second parser is recursive and slow; long queries keep the engine's


_state = threading.local()
_installed = threading.Lock()
_grammar: list = []


def _record(text: str, loc: int, expr, err) -> None:
    if getattr(_state, "text", None) is text:
        _state.furthest = max(_state.furthest, getattr(err, "loc", loc), loc)
        if time.perf_counter() > _state.deadline:  # ends the parse: the engine's message is kept
            raise QueryTimeout("locating the syntax error ran past its time")


def _query_unit():
    """Return rdflib's QueryUnit with the fail action on every terminal (once per process)."""
    with _installed:
        if not _grammar:
            from rdflib.plugins.sparql.parser import QueryUnit

            seen: set[int] = set()
            stack: list[ParserElement] = [QueryUnit]
            while stack:
                element = stack.pop()
                if id(element) in seen:
                    continue
                seen.add(id(element))
                if isinstance(element, Token) and element.failAction is None:
                    element.set_fail_action(_record)
                stack.extend(element.recurse())
            _grammar.append(QueryUnit)
    return _grammar[0]


def furthest_failure(text: str, seconds: float = float("inf")) -> int | None:
    """Return the offset of the first token rdflib's SPARQL grammar cannot take, or None.

    None when the grammar parses the text (the engine refused it for its own reasons), when
    the parser gives up (recursion) or runs longer than `seconds`; len(text) when the text
    ends too early.
    """
    from pyparsing import ParseBaseException

    unit = _query_unit()
    _state.text, _state.furthest = text, -1
    _state.deadline = time.perf_counter() + seconds
    try:
        unit.parse_string(text, parse_all=True)
    except ParseBaseException:
        return max(_state.furthest, 0)
    except Exception:  # noqa: BLE001 - the second parser gave up (recursion, out of time)
        return None
    finally:
        _state.text = None
    return None


def _token_at(text: str, offset: int) -> str:
    try:
        tokens = scan(text)
    except Exception:  # noqa: BLE001 - the lexer refuses this text: take the word there
        tokens = []
    for token in tokens:
        if token.at == offset:
            return token.text[:30]
    rest = text[offset:].split(None, 1)
    return rest[0][:30] if rest else ""


def locate_syntax_error(text: str, engine_message: str, seconds: float = float("inf")) -> str:
    """Return the engine's syntax error, placed at the first token the grammar cannot take.

    As 'error at LINE:COLUMN: unexpected TOKEN' (lines and columns from 1), or 'unexpected
    end of query'. The engine's own message is kept when the text is longer than
    LOCATE_MAX_CHARS, when the grammar accepts the text, when the engine stopped earlier, or
    when locating takes more than `seconds` (the server process gives it a few milliseconds:
    the second parser holds the GIL, 0.7 s on a malformed query of 4 KB).

    >>> locate_syntax_error("SELECT * { ?x ?p }", "error at 1:19: expected one of LATERAL")
    "error at 1:18: unexpected '}'"
    >>> locate_syntax_error("SELECT * {\\n ?s ?p ?o ?x }", "error at 2:14: expected '}'")
    "error at 2:11: unexpected '?x'"
    """
    engine = ENGINE_AT.match(engine_message)
    if engine is None or len(text) > LOCATE_MAX_CHARS:
        return engine_message
    offset = furthest_failure(text, seconds)
    if offset is None:
        return engine_message
    at = line_column(text, offset)
    if at > (int(engine.group(1)), int(engine.group(2))):
        return engine_message
    token = _token_at(text, offset)
    found = f"unexpected {token!r}" if token else "unexpected end of query"
    return f"error at {at[0]}:{at[1]}: {found}"
