"""LANG() answers in BCP 47 case on the embedded store, so `LANG(?l) = "sr-Cyrl"` matches.

pyoxigraph lower-cases language tags when it stores a literal, so its built-in LANG returns
"sr-cyrl" and a string comparison with the published spelling "sr-Cyrl" fails. Before a query
runs on the embedded store, each call of the built-in LANG (the keyword followed by "(", found
by the guard's lexical scan, never inside strings, IRIs or comments) is replaced by a custom
function that returns the tag in the case of RFC 5646 §2.1.1
(https://www.rfc-editor.org/rfc/rfc5646#section-2.1.1): `LANG(?l) = "sr-Cyrl"` holds and
`LANG(?l) = "sr-cyrl"` does not, the one spelling everywhere. `langMatches` is
case-insensitive anyway (https://www.w3.org/TR/sparql11-query/#func-langMatches). The guard
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
    pieces: list[str] = []
    end = 0
    for token, following in zip(tokens, tokens[1:], strict=False):
        if following.text == "(" and token.kind == "word" and token.text.upper() == "LANG":
            pieces += (text[end : token.at], _CALL)
            end = token.at + len(token.text)
    return "".join((*pieces, text[end:])) if pieces else text


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
