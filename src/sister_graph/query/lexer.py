"""Split SPARQL text into significant tokens in linear time, for the guard and the LANG rewrite.

Lexical only (https://www.w3.org/TR/sparql11-query/#grammar), never a parse: IRIs, strings,
variables, blank nodes, prefixed names, words, language tags, numbers and single characters;
whitespace and comments are skipped. Text no SPARQL query contains (an unterminated string, a
\\u escape outside strings and IRIs, unbalanced or too deeply nested brackets) is refused here.
"""

from __future__ import annotations

import operator
import re
from collections.abc import Iterator
from typing import NamedTuple

from sister_graph.errors import MalformedQuery, QueryTooComplex

MAX_DEPTH = 256
OPEN, CLOSE = "({[", ")}]"
_DEPTH_CHANGE = {**dict.fromkeys(OPEN, 1), **dict.fromkeys(CLOSE, -1)}

# Each token kind and its patterns, tried in this order at a token's first character. Only
# kinds that can start with the same character depend on the order (string before quote,
# bnode and prefixed name before word, everything before the catch-all "other"), so the
# common kinds come first. Every pattern runs in linear time; the possessive repeats (*+, ++)
# only drop backtracking that could never find a match. An unterminated quote or a stray
# \u takes the rest of the text, so it is the last token and the scan stops there.
_LOCAL = r"(?:[\w:%\-]++|\\.|\.(?=[\w:%\-\\]))*+"
_NUMBER = r"\d+(?:\.\d+)?(?:[eE][+-]?\d+)?|\.\d+(?:[eE][+-]?\d+)?"
# A run of words, numbers, dots and hyphens not followed by ":" (a.b.c, x-1.5), matched whole:
# it holds no prefixed name, and token by token every word in it would look for the ":" to
# the end of the run again (quadratic: 64 KB of "a." took 18 s). Its tokens are split out
# after the scan (_RUN_TOKEN). Only a number with an exponent "e+" reaches past the run.
_MANTISSA = r"(?>\d+(?:\.\d+)?|\.\d+)"
_RUN = (
    r"[^\W\d_]\w*+(?=[.\-])(?![\w.\-]*+:)"
    rf"(?:{_MANTISSA}(?![eE]\+\d)(?:[eE]-?\d+)?|[^\W\d]\w*+|-|\.(?!\d))*+"
    rf"(?:{_MANTISSA}[eE]\+\d+)?"
)
_KINDS = (
    ("var", r"[?$]\w+"),
    ("run", _RUN),
    ("pname", r"[^\W\d_][\w.\-]*+:" + _LOCAL),
    ("bnode", r"_:[\w.\-]*+"),
    ("word", r"[^\W\d]\w*+"),
    ("other", r"[{}()\[\];,*=!|/^+\-&>]"),  # characters no other kind starts with
    ("iri", r"""<(?:[^<>"{}|^`\\\x00-\x20]++|\\u[0-9A-Fa-f]{4}|\\U[0-9A-Fa-f]{8})*+>"""),
    ("pname", r":" + _LOCAL),
    ("string", r"'(?:''(?:(?:'|'')?(?:[^'\\]++|\\.))*+'''|(?:[^'\\\n\r]++|\\.)*+')"),
    ("string", r'"(?:""(?:(?:"|"")?(?:[^"\\]++|\\.))*+"""|(?:[^"\\\n\r]++|\\.)*+")'),
    ("number", r"\d+(?:\.\d+)?(?:[eE][+-]?\d+)?"),
    ("number", r"\.\d+(?:[eE][+-]?\d+)?"),
    ("lang", r"@[A-Za-z]++(?:-[A-Za-z0-9]++)*+"),
    ("escape", r"\\[uU].*"),
    ("quote", r"""['"].*"""),
    ("other", r"."),
)
_SKIP = r"(?:\s++|\#[^\n\r]*+)*+"  # whitespace and comments
# One group per pattern, so a match's lastindex names its kind; the skip after each token.
_TOKEN = re.compile(
    "(?:" + "|".join(f"({pattern})" for _, pattern in _KINDS) + ")" + _SKIP, re.DOTALL
)
_LEADING = re.compile(_SKIP)
_KIND_OF_GROUP = (None, *(kind for kind, _ in _KINDS))
# The tokens a run holds, in the order the kinds above are tried there.
_RUN_TOKEN = re.compile(rf"({_NUMBER})|([^\W\d]\w*+)|(.)", re.DOTALL)
_RUN_KINDS = (None, "number", "word", "other")
_ERRORS = {
    "quote": "unterminated string",
    "escape": "\\u escapes are only allowed in strings and IRIs",
}
_new = tuple.__new__  # Token(...) without the Python-level __new__ of a NamedTuple
_kind = operator.itemgetter(0)


class Token(NamedTuple):
    """One significant token: its kind ("iri", "word", "pname", ...), text and offset in chars."""

    kind: str
    text: str
    at: int


def line_column(text: str, at: int) -> tuple[int, int]:
    """Return the (line, column) of offset `at` in text, both counted from 1.

    >>> line_column("ASK {\\n ?s", 8)
    (2, 3)
    """
    return text.count("\n", 0, at) + 1, at - (text.rfind("\n", 0, at) + 1) + 1


def malformed(message: str, text: str, at: int) -> MalformedQuery:
    """Return MalformedQuery for text at offset `at`, placed as 'error at LINE:COLUMN' (from 1)."""
    line, column = line_column(text, at)
    return MalformedQuery(f"malformed SPARQL query: error at {line}:{column}: {message}")


def scan(text: str) -> list[Token]:
    """Return the significant tokens in order; raise on what no SPARQL query contains.

    Raises MalformedQuery (an unterminated string, a \\u escape outside strings and IRIs, an
    unbalanced bracket: the first in the text, with its position) or QueryTooComplex (groups
    nested more than MAX_DEPTH deep).

    >>> [(t.kind, t.text) for t in scan("ASK { ?s a:b 'c' } # d")][2:]
    [('var', '?s'), ('pname', 'a:b'), ('string', "'c'"), ('other', '}')]
    >>> scan("ASK { ?s a:b 'c' }")[3].at
    9
    """
    tokens = [
        _new(Token, (_KIND_OF_GROUP[group], match[group], match.start()))
        for match in _TOKEN.finditer(text, _LEADING.match(text).end())
        if (group := match.lastindex)
    ]
    if "run" in map(_kind, tokens):
        tokens = [*_split_runs(tokens, text)]
    error = tokens.pop() if tokens and tokens[-1].kind in _ERRORS else None
    depth = 0
    for token in tokens:
        change = _DEPTH_CHANGE.get(token.text)  # only a bracket's text is a bracket
        if change is None:
            continue
        depth += change
        if depth > MAX_DEPTH:
            raise QueryTooComplex(f"the query nests groups more than {MAX_DEPTH} deep")
        if depth < 0:
            raise malformed(f"unbalanced {token.text!r}", text, token.at)
    if error is not None:
        raise malformed(_ERRORS[error.kind], text, error.at)
    if depth:
        raise malformed("unbalanced brackets: the query ends inside a group", text, len(text))
    return tokens


def _split_runs(tokens: list[Token], text: str) -> Iterator[Token]:
    for token in tokens:
        if token.kind != "run":
            yield token
            continue
        end = token.at + len(token.text)
        for match in _RUN_TOKEN.finditer(text, token.at, end):
            yield _new(Token, (_RUN_KINDS[match.lastindex], match.group(), match.start()))
