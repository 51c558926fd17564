"""Screen SPARQL text before the engine; refuse what a read-only, offline service must not run.

A linear-time lexical scan (https://www.w3.org/TR/sparql11-query/#grammar), never a full parse:
parsing and evaluation happen in a killable worker process, bounded by the query timeout. Refused
here: updates (https://www.w3.org/TR/sparql11-update/), federated ``SERVICE``
(https://www.w3.org/TR/sparql11-federated-query/) anywhere in the query, and nesting deep enough
to overflow the engine's stack. The FROM / FROM NAMED IRIs are returned so the caller passes them
to the store as an explicit dataset: they only name local graphs, an unknown one is an empty graph.
"""

from __future__ import annotations

import functools
import re
import urllib.parse
from collections.abc import Iterator
from dataclasses import dataclass
from typing import NamedTuple

import pyoxigraph as ox

from sister_graph.errors import BadRequest, MalformedQuery, QueryRefused, QueryTooComplex

FORMS = frozenset({"SELECT", "ASK", "CONSTRUCT", "DESCRIBE"})
GRAPH_FORMS = frozenset({"CONSTRUCT", "DESCRIBE"})
UPDATES = frozenset(
    {"INSERT", "DELETE", "LOAD", "CLEAR", "CREATE", "DROP", "COPY", "MOVE", "ADD", "WITH"}
)
MAX_DEPTH = 256
OPEN, CLOSE = "({[", ")}]"

# One alternative per token kind, tried in order; every pattern runs in linear time.
_TOKEN = re.compile(
    r"""
    (?P<space>\s+)
  | (?P<comment>\#[^\n\r]*)
  | (?P<iri><(?:[^<>"{}|^`\\\x00-\x20]|\\u[0-9A-Fa-f]{4}|\\U[0-9A-Fa-f]{8})*>)
  | (?P<string>'''(?:(?:'|'')?(?:[^'\\]|\\.))*'''|\"\"\"(?:(?:"|"")?(?:[^"\\]|\\.))*\"\"\"
              |'(?:[^'\\\n\r]|\\.)*'|"(?:[^"\\\n\r]|\\.)*")
  | (?P<var>[?$]\w+)
  | (?P<bnode>_:[\w.\-]*)
  | (?P<pname>(?:[^\W\d_][\w.\-]*)?:(?:[\w:%\-]|\\.|\.(?=[\w:%\-\\]))*)
  | (?P<word>[^\W\d]\w*)
  | (?P<lang>@[A-Za-z]+(?:-[A-Za-z0-9]+)*)
  | (?P<number>\d+(?:\.\d+)?(?:[eE][+-]?\d+)?|\.\d+(?:[eE][+-]?\d+)?)
  | (?P<escape>\\[uU])
  | (?P<quote>['"])
  | (?P<other>.)
    """,
    re.VERBOSE | re.DOTALL,
)


@dataclass(frozen=True)
class ScreenedQuery:
    """A screened query: its text, form (SELECT, ASK, ...) and FROM / FROM NAMED IRIs."""

    text: str
    form: str
    from_graphs: tuple[str, ...] = ()
    from_named: tuple[str, ...] = ()

    @property
    def returns_graph(self) -> bool:
        """Return True for CONSTRUCT and DESCRIBE, whose answers are RDF graphs."""
        return self.form in GRAPH_FORMS


class _Token(NamedTuple):  # a tuple: built per token, ~3x cheaper than a frozen dataclass
    kind: str
    text: str
    at: int


def _malformed(message: str, text: str, at: int) -> MalformedQuery:
    line = text.count("\n", 0, at) + 1
    column = at - (text.rfind("\n", 0, at) + 1) + 1
    return MalformedQuery(f"malformed SPARQL query: error at {line}:{column}: {message}")


def scan(text: str) -> Iterator[_Token]:
    """Yield the significant tokens; raise MalformedQuery on what no SPARQL query contains."""
    depth = 0
    for match in _TOKEN.finditer(text):
        kind, value, at = match.lastgroup or "other", match.group(), match.start()
        if kind in ("space", "comment"):
            continue
        if kind == "quote":
            raise _malformed("unterminated string", text, at)
        if kind == "escape":
            raise _malformed("\\u escapes are only allowed in strings and IRIs", text, at)
        if kind == "other" and value in OPEN:
            depth += 1
            if depth > MAX_DEPTH:
                raise QueryTooComplex(f"the query nests groups more than {MAX_DEPTH} deep")
        elif kind == "other" and value in CLOSE:
            depth -= 1
            if depth < 0:
                raise _malformed(f"unbalanced {value!r}", text, at)
        yield _Token(kind, value, at)
    if depth:
        raise _malformed("unbalanced brackets: the query ends inside a group", text, len(text))


def _starts_service(token: _Token) -> bool:
    # The engine matches keywords without a word boundary: `SERVICE:x` is SERVICE then `:x`.
    return token.kind in ("word", "pname", "lang") and token.text.lower().lstrip("@").startswith(
        "service"
    )


@functools.lru_cache(maxsize=1024)
def guard_query(text: str, predeclared: tuple[tuple[str, str], ...] = ()) -> ScreenedQuery:
    """Screen the query and return its plan, or raise MalformedQuery / QueryRefused.

    predeclared: (prefix, namespace) pairs the query may use without PREFIX lines.
    Raises QueryTooComplex when groups nest deeper than MAX_DEPTH.

    >>> guard_query("ASK FROM <http://example.org/g> {}").from_graphs
    ('http://example.org/g',)
    """
    tokens = list(scan(text))
    if any(_starts_service(t) for t in tokens):
        raise QueryRefused("SERVICE (federated query) is not allowed on this endpoint")
    prefixes, base, index = _prologue(tokens, text)
    prefixes = {**dict(predeclared), **prefixes}
    keyword = tokens[index].text.upper() if index < len(tokens) else ""
    if keyword in UPDATES:
        raise QueryRefused("this SPARQL service is read-only: updates are not accepted")
    if keyword not in FORMS:
        at = tokens[index].at if index < len(tokens) else len(text)
        raise _malformed("expected SELECT, ASK, CONSTRUCT or DESCRIBE", text, at)
    for token in tokens[index:]:
        if token.kind == "pname" and token.text.partition(":")[0] not in prefixes:
            raise _malformed(f"undeclared prefix {token.text.partition(':')[0]!r}", text, token.at)
    graphs, named = _dataset_clauses(tokens, prefixes, base, text)
    return ScreenedQuery(text=text, form=keyword, from_graphs=graphs, from_named=named)


def _prologue(tokens: list[_Token], text: str) -> tuple[dict[str, str], str | None, int]:
    prefixes: dict[str, str] = {}
    base: str | None = None
    index = 0
    while index < len(tokens) and tokens[index].text.upper() in ("BASE", "PREFIX"):
        keyword = tokens[index].text.upper()
        arity = 3 if keyword == "PREFIX" else 2
        parts = tokens[index + 1 : index + arity]
        if (
            len(parts) != arity - 1
            or parts[-1].kind != "iri"
            or parts[0].kind
            not in (
                "iri",
                "pname",
            )
        ):
            raise _malformed(f"incomplete {keyword} declaration", text, tokens[index].at)
        iri = _resolve(parts[-1].text[1:-1], base)
        if keyword == "BASE":
            base = iri
        else:
            prefixes[parts[0].text.rstrip(":")] = iri
        index += arity
    return prefixes, base, index


def _resolve(iri: str, base: str | None) -> str:
    return urllib.parse.urljoin(base, iri) if base else iri


def _dataset_clauses(
    tokens: list[_Token], prefixes: dict[str, str], base: str | None, text: str
) -> tuple[tuple[str, ...], tuple[str, ...]]:
    graphs: list[str] = []
    named: list[str] = []
    for index, token in enumerate(tokens):
        if token.kind != "word" or token.text.upper() != "FROM":
            continue
        target = named if tokens[index + 1 : index + 2] and _is_named(tokens[index + 1]) else graphs
        ref = tokens[index + 2 if target is named else index + 1 :][:1]
        if not ref or ref[0].kind not in ("iri", "pname"):
            raise _malformed("FROM needs an IRI", text, token.at)
        target.append(_expand(ref[0], prefixes, base, text))
    return tuple(graphs), tuple(named)


def _is_named(token: _Token) -> bool:
    return token.kind == "word" and token.text.upper() == "NAMED"


def _expand(token: _Token, prefixes: dict[str, str], base: str | None, text: str) -> str:
    if token.kind == "iri":
        return _resolve(token.text[1:-1], base)
    prefix, _, local = token.text.partition(":")
    if prefix not in prefixes:
        raise _malformed(f"undeclared prefix {prefix!r}", text, token.at)
    return prefixes[prefix] + re.sub(r"\\(.)", r"\1", local)


_ENGINE_AT = re.compile(r"^error at (\d+):(\d+): ")
LOCATE_MAX_CHARS = 4096  # the second parser is recursive and slow; long queries keep the engine's


def locate_syntax_error(text: str, engine_message: str) -> str:
    """Return the engine's syntax error, placed where the query stops making sense.

    The engine reports the furthest point its parser tried (an error on line 3 comes back at
    4:2); rdflib's SPARQL parser (https://www.w3.org/TR/sparql11-query/#grammar) stops at the
    first token no rule accepts. The earlier of the two positions is reported, with that
    token, as 'error at LINE:COLUMN: ...' (lines and columns from 1).

    >>> locate_syntax_error("SELECT * {\n ?s ?p ?o ?x }", "error at 2:14: expected '}'")
    "error at 2:11: unexpected '?x'"
    """
    engine = _ENGINE_AT.match(engine_message)
    if engine is None or len(text) > LOCATE_MAX_CHARS:
        return engine_message
    from pyparsing import ParseException
    from rdflib.plugins.sparql.parser import parseQuery

    try:
        parseQuery(text)
    except ParseException as err:
        at = (err.lineno, err.col)
        if at < (int(engine.group(1)), int(engine.group(2))):
            token = text[err.loc :].split(None, 1)[0][:30] if text[err.loc :].strip() else ""
            return f"error at {at[0]}:{at[1]}: unexpected {token!r}"
    except Exception:  # noqa: BLE001 - the second parser gave up (e.g. recursion): keep ours
        pass
    return engine_message


def check_graph_iris(iris: tuple[str, ...]) -> tuple[str, ...]:
    """Return the IRIs unchanged, or raise BadRequest if one is not an absolute IRI."""
    for iri in iris:
        try:
            ox.NamedNode(iri)
        except ValueError:
            raise BadRequest(f"not an absolute IRI: {iri!r}") from None
    return iris
