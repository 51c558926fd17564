"""Screen SPARQL text before the engine; refuse what a read-only, offline service must not run.

A linear-time lexical scan (`lexer.scan`, https://www.w3.org/TR/sparql11-query/#grammar), never
a full parse: parsing and evaluation happen in a killable worker process, bounded by the query
timeout. Refused here: updates (https://www.w3.org/TR/sparql11-update/), federated ``SERVICE``
(https://www.w3.org/TR/sparql11-federated-query/) anywhere in the query, and nesting deep enough
to overflow the engine's stack. The FROM / FROM NAMED IRIs are returned so the caller passes them
to the store as an explicit dataset: they only name local graphs, an unknown one is an empty graph.
"""

from __future__ import annotations

import functools
import re
import urllib.parse
from dataclasses import dataclass, field

import pyoxigraph as ox

from sister_graph.errors import BadRequest, MalformedQuery, QueryRefused
from sister_graph.query.lang_function import rewrite_lang_calls
from sister_graph.query.lexer import MAX_DEPTH, Token, line_column, scan
from sister_graph.query.lexer import malformed as _malformed
from sister_graph.query.syntax_errors import ENGINE_AT, locate_syntax_error

__all__ = ["MAX_DEPTH", "ScreenedQuery", "Token", "check_graph_iris", "guard_query", "scan"]

FORMS = frozenset({"SELECT", "ASK", "CONSTRUCT", "DESCRIBE"})
GRAPH_FORMS = frozenset({"CONSTRUCT", "DESCRIBE"})
UPDATES = frozenset(
    {"INSERT", "DELETE", "LOAD", "CLEAR", "CREATE", "DROP", "COPY", "MOVE", "ADD", "WITH"}
)


@dataclass(frozen=True)
class ScreenedQuery:
    """A screened query: its text, form (SELECT, ASK, ...) and FROM / FROM NAMED IRIs.

    tokens: the significant tokens the guard scanned (`lexer.Token`: kind, text, offset).
    rewritten: the text with each built-in LANG call replaced by the BCP 47 case function
    (`lang_function.rewrite_lang_calls`), or None when the query calls no LANG.
    borrowed: the prefixes of the prefixed names the query uses without declaring them (each
    a predeclared one, or the guard refuses the query).
    names_graphs: the query may hold GRAPH (read as SERVICE is: any token starting with it),
    so it can read named graphs, not the default graph alone.
    """

    text: str
    form: str
    from_graphs: tuple[str, ...] = ()
    from_named: tuple[str, ...] = ()
    tokens: tuple[Token, ...] = field(default=(), repr=False, compare=False)
    rewritten: str | None = field(default=None, repr=False, compare=False)
    borrowed: frozenset[str] = field(default=frozenset(), repr=False, compare=False)
    names_graphs: bool = field(default=False, repr=False, compare=False)

    @property
    def returns_graph(self) -> bool:
        """Return True for CONSTRUCT and DESCRIBE, whose answers are RDF graphs."""
        return self.form in GRAPH_FORMS


_KEYWORD_KINDS = frozenset({"word", "pname", "lang"})


def _has_keyword(upper: str, tokens: list[Token], keyword: str) -> bool:
    """Return whether a token may be the keyword (upper case), as the engine reads keywords:
    without a word boundary (`SERVICE:x` is SERVICE then `:x`), so any word, prefixed name or
    tag starting with it. upper: the query's text in upper case, a quick first test."""
    if keyword not in upper:
        return False
    start = keyword.lower()
    return any(
        t.kind in _KEYWORD_KINDS and t.text.lower().lstrip("@").startswith(start) for t in tokens
    )


# (prefix, namespace) pairs as a dict, for the few tuples callers pass (read only)
_predeclared_dict = functools.lru_cache(maxsize=8)(dict)


@functools.lru_cache(maxsize=1024)
def guard_query(text: str, predeclared: tuple[tuple[str, str], ...] = ()) -> ScreenedQuery:
    """Screen the query and return its plan, or raise MalformedQuery / QueryRefused.

    predeclared: (prefix, namespace) pairs the query may use without PREFIX lines.
    Raises QueryTooComplex when groups nest deeper than MAX_DEPTH.

    >>> guard_query("ASK FROM <http://example.org/g> {}").from_graphs
    ('http://example.org/g',)
    """
    tokens = scan(text)
    # A token spells a keyword (in any case) only where the text does: upper() maps each
    # character on its own, and no other character lowers to the letters of "service" or "graph".
    upper = text.upper()
    if _has_keyword(upper, tokens, "SERVICE"):
        raise QueryRefused("SERVICE (federated query) is not allowed on this endpoint")
    declared, base, index = read_prologue(tokens, text)
    keyword = tokens[index].text.upper() if index < len(tokens) else ""
    if keyword in UPDATES:
        raise QueryRefused("this SPARQL service is read-only: updates are not accepted")
    if keyword not in FORMS:
        at = tokens[index].at if index < len(tokens) else len(text)
        raise _malformed("expected SELECT, ASK, CONSTRUCT or DESCRIBE", text, at)
    prefixes = declared
    undeclared = [t for t in tokens[index:] if t.kind == "pname" and _prefix(t) not in declared]
    if undeclared or (predeclared and "FROM" in upper):
        # a PREFIX line overrides a predeclared prefix of the same name
        prefixes = {**_predeclared_dict(predeclared), **declared}
    for token in undeclared:
        if _prefix(token) not in prefixes:
            raise _malformed(f"undeclared prefix {token.text.partition(':')[0]!r}", text, token.at)
    graphs, named = _dataset_clauses(tokens, prefixes, base, text) if "FROM" in upper else ((), ())
    return ScreenedQuery(
        text=text,
        form=keyword,
        from_graphs=graphs,
        from_named=named,
        tokens=tuple(tokens),
        rewritten=_rewritten(text, tokens) if "LANG" in upper else None,
        borrowed=frozenset(_prefix(token) for token in undeclared),
        names_graphs=_has_keyword(upper, tokens, "GRAPH"),
    )


def _prefix(token: Token) -> str:
    return token.text[: token.text.find(":")]


def _rewritten(text: str, tokens: list[Token]) -> str | None:
    rewritten = rewrite_lang_calls(text, tokens)
    return None if rewritten == text else rewritten


def read_prologue(tokens: list[Token], text: str) -> tuple[dict[str, str], str | None, int]:
    """Read the PREFIX and BASE declarations: (prefix -> IRI, base IRI or None, next index).

    Raises MalformedQuery (placed in text) on an incomplete declaration.
    """
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
    tokens: list[Token], prefixes: dict[str, str], base: str | None, text: str
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
        target.append(expand_iri(ref[0], prefixes, base, text))
    return tuple(graphs), tuple(named)


def _is_named(token: Token) -> bool:
    return token.kind == "word" and token.text.upper() == "NAMED"


def expand_iri(token: Token, prefixes: dict[str, str], base: str | None, text: str) -> str:
    """Return the absolute IRI an IRI or prefixed-name token stands for.

    Raises MalformedQuery (placed in text) for an undeclared prefix.
    """
    if token.kind == "iri":
        return _resolve(token.text[1:-1], base)
    prefix, _, local = token.text.partition(":")
    if prefix not in prefixes:
        raise _malformed(f"undeclared prefix {prefix!r}", text, token.at)
    return prefixes[prefix] + re.sub(r"\\(.)", r"\1", local)


_ASK_AS_SELECT = "SELECT (1 AS ?sister_graph_ask)"
# check_syntax runs in the server process, where nothing can stop the second parser that
# locates an error (syntax_errors.py): past this, the engine's own location is given.
IN_SERVER_LOCATE_SECONDS = 0.05


def check_syntax(plan: ScreenedQuery, predeclared: tuple[tuple[str, str], ...] = ()) -> None:
    """Raise MalformedQuery, located as the worker does, when the engine cannot parse the query.

    For the paths that must answer before any evaluation (a 406 is only sent for a query that
    parses: https://www.w3.org/TR/sparql11-protocol/#query-bindings-http says a malformed
    query is a 400). The engine parses on an empty store and returns a lazy iterator, so
    nothing is evaluated; ASK, which the engine evaluates at once, is parsed as a SELECT of
    the same group (same lines; columns after the keyword are given back as written).
    """
    text, shift, at = plan.text, 0, None
    if plan.form == "ASK":
        ask = next(token for token in plan.tokens if token.text.upper() == "ASK")
        text = text[: ask.at] + _ASK_AS_SELECT + text[ask.at + 3 :]
        shift, at = len(_ASK_AS_SELECT) - 3, line_column(plan.text, ask.at)
    try:
        ox.Store().query(text, prefixes=dict(predeclared) or None)
    except SyntaxError as err:
        message = str(err)
        engine = ENGINE_AT.match(message)
        if engine and at and int(engine.group(1)) == at[0] and int(engine.group(2)) > at[1]:
            column = int(engine.group(2)) - shift
            message = f"error at {at[0]}:{column}: " + message[engine.end() :]
        located = locate_syntax_error(plan.text, message, IN_SERVER_LOCATE_SECONDS)
        raise MalformedQuery(f"malformed SPARQL query: {located}") from None


def check_graph_iris(iris: tuple[str, ...]) -> tuple[str, ...]:
    """Return the IRIs unchanged, or raise BadRequest if one is not an absolute IRI."""
    for iri in iris:
        try:
            ox.NamedNode(iri)
        except ValueError:
            raise BadRequest(f"not an absolute IRI: {iri!r}") from None
    return iris
