"""LANG() answers in BCP 47 case on the embedded store, so `LANG(?l) = "sr-Cyrl"` matches.

pyoxigraph lower-cases language tags when it stores a literal, so its built-in LANG returns
"sr-cyrl" and a string comparison with the published spelling "sr-Cyrl" fails. Before a query
runs on the embedded store, each call of the built-in LANG (the keyword followed by "(", found
by the guard's lexical scan, never inside strings, IRIs or comments) is replaced by a custom
function that returns the tag in the case of RFC 5646 §2.1.1
(https://www.rfc-editor.org/rfc/rfc5646#section-2.1.1): `LANG(?l) = "sr-Cyrl"` holds and
`LANG(?l) = "sr-cyrl"` does not, the one spelling everywhere. `langMatches` is
case-insensitive anyway (https://www.w3.org/TR/sparql11-query/#func-langMatches). A call
compared with a plain literal on its own (`FILTER(LANG(?l) = "en")`) keeps the built-in and
has the literal lower-cased instead, which gives the same answer without calling back into
Python for every solution (see _compared_literal). The guard
rewrites from the tokens it scanned (`ScreenedQuery.rewritten`) and the job carries the result
to the worker (`Job.rewritten`), so a query is scanned once.
"""

from __future__ import annotations

from collections.abc import Sequence

import pyoxigraph as ox

from sister_graph.errors import BadRequest
from sister_graph.query.lexer import Token, scan
from sister_graph.rdf.langtags import canonical_lang

LANG_FUNCTION = "urn:sister-graph:function:lang"
_CALL = f"<{LANG_FUNCTION}>"


def lang(term) -> ox.Literal | None:
    """Return LANG(term) with the tag in BCP 47 case; None (an error) for a non-literal."""
    if not isinstance(term, ox.Literal):
        return None
    return ox.Literal(canonical_lang(term.language) if term.language else "")


CUSTOM_FUNCTIONS = {ox.NamedNode(LANG_FUNCTION): lang}


def rewrite_lang_calls(text: str, tokens: Sequence[Token] | None = None) -> str:
    """Replace each call of the built-in LANG by the BCP 47 case function.

    tokens: the significant tokens of text (`lexer.scan`, as the guard keeps them); None:
    text is scanned here, and returned unchanged if the scan refuses it.

    >>> rewrite_lang_calls('SELECT * { ?s ?p ?l FILTER(lang (?l) = "LANG(") }')
    'SELECT * { ?s ?p ?l FILTER(<urn:sister-graph:function:lang> (?l) = "LANG(") }'
    """
    if tokens is None:
        try:
            tokens = scan(text)
        except BadRequest:  # not a query the guard passes: the engine will say what is wrong
            return text
    tokens = list(tokens)
    pieces: list[str] = []
    end = 0
    single: set[int] | None = None  # computed at the first LANG call
    for index, token in enumerate(tokens[:-1]):
        if tokens[index + 1].text == "(" and token.kind == "word" and token.text.upper() == "LANG":
            if single is None:
                single = _single_argument_calls(tokens)
            if index + 1 not in single:  # LANG() or LANG(?a, ?b): the engine's syntax error
                continue
            literal = _compared_literal(tokens, index)
            if literal is not None:  # LANG(?v) = "en": the built-in on lower case, no callback
                pieces += (text[end : literal.at], literal.text.lower())
                end = literal.at + len(literal.text)
            else:
                pieces += (text[end : token.at], _CALL)
                end = token.at + len(token.text)
    return "".join((*pieces, text[end:])) if pieces else text


def _single_argument_calls(tokens: list[Token]) -> set[int]:
    """Return the positions of the "(" tokens whose parentheses hold exactly one argument.

    LANG takes one (https://www.w3.org/TR/sparql11-query/#rBuiltInCall); a call with none or
    two is left as written, so the engine reports the syntax error instead of the custom
    function, which takes any number, answering as if the query were well formed. One pass
    (the guard's scan has balanced the brackets): each open bracket with its comma count.
    """
    single: set[int] = set()
    open_brackets: list[list[int]] = []  # [position, its top-level commas]
    for position, token in enumerate(tokens):
        if token.kind != "other":
            continue
        if token.text in "({[":
            open_brackets.append([position, 0])
        elif token.text in ")}]" and open_brackets:
            opening, commas = open_brackets.pop()
            if not commas and position > opening + 1:
                single.add(opening)
        elif token.text == "," and open_brackets:
            open_brackets[-1][1] += 1
    return single


_BEFORE = frozenset({"(", "&", "|", ","})  # "&&", "||" are two tokens each
_AFTER = frozenset({")", "&", "|", ","})


def _compared_literal(tokens: list[Token], at: int) -> Token | None:
    """Return the literal of `LANG(?v) = "S"` or `LANG(?v) != "S"`, LANG at tokens[at].

    Only where the comparison stands alone (after "(", "&&", "||" or ",", before ")", "&&",
    "||" or ","), the literal is a plain short string without escapes, tag or datatype, and
    S is a tag in its BCP 47 case. There the custom function's test, canonical(tag) = S,
    is the built-in's on the lower-cased literal, tag = lower(S): the engine keeps every tag
    in lower case, and canonical only changes case.
    """
    if at == 0 or tokens[at - 1].text not in _BEFORE:
        return None
    shape = [t.text for t in tokens[at + 2 : at + 6]]
    if len(shape) < 4 or tokens[at + 2].kind != "var" or shape[1] != ")":
        return None
    if shape[2] == "=":
        position = at + 5
    elif shape[2:4] == ["!", "="]:
        position = at + 6
    else:
        return None
    if position + 1 >= len(tokens):
        return None
    literal, after = tokens[position], tokens[position + 1]
    quote, value = literal.text[:1], literal.text[1:-1]
    if (
        literal.kind != "string"
        or value[:1] == quote  # a long string, three quotes
        or "\\" in value
        or after.text not in _AFTER
        or canonical_lang(value.lower()) != value
    ):
        return None
    return literal


def run_query(store: ox.Store, text: str, **options) -> object:
    """Run a query with LANG in BCP 47 case; a syntax error is reported on the text as written.

    options are `pyoxigraph.Store.query`'s. Raises what it raises (SyntaxError, OSError, ...).
    """
    return run_rewritten(store, text, rewrite_lang_calls(text), **options)


def run_rewritten(store: ox.Store, text: str, rewritten: str | None, **options) -> object:
    """Run a query whose LANG calls were rewritten already (`rewrite_lang_calls`).

    rewritten: the text with LANG calls replaced, or None (or text itself) when it has none.
    If the rewritten text does not parse, the query runs as written, so the SyntaxError
    raised is the engine's message for the client's own text, positions and all.
    """
    if rewritten is not None and rewritten != text:
        try:
            return store.query(rewritten, custom_functions=CUSTOM_FUNCTIONS, **options)
        except SyntaxError:
            pass  # raise the engine's message for the client's own text, positions and all
    return store.query(text, **options)
