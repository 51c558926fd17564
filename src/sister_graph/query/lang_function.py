"""LANG() answers in BCP 47 case on the embedded store, so `LANG(?l) = "sr-Cyrl"` matches.

pyoxigraph lower-cases language tags when it stores a literal, so its built-in LANG returns
"sr-cyrl" and a string comparison with the published spelling "sr-Cyrl" fails. Before a query
runs on the embedded store, each call of the built-in LANG (the keyword followed by "(", found
by the guard's lexical scan, never inside strings, IRIs or comments) is replaced by a custom
function that returns the tag in the case of RFC 5646 §2.1.1
(https://www.rfc-editor.org/rfc/rfc5646#section-2.1.1): `LANG(?l) = "sr-Cyrl"` holds and
`LANG(?l) = "sr-cyrl"` does not, the one spelling everywhere. `langMatches` is
case-insensitive anyway (https://www.w3.org/TR/sparql11-query/#func-langMatches).
"""

from __future__ import annotations

import pyoxigraph as ox

from sister_graph.errors import BadRequest
from sister_graph.query.guard import scan
from sister_graph.rdf.langtags import canonical_lang

LANG_FUNCTION = "urn:sister-graph:function:lang"


def lang(term) -> ox.Literal | None:
    """Return LANG(term) with the tag in BCP 47 case; None (an error) for a non-literal."""
    if not isinstance(term, ox.Literal):
        return None
    return ox.Literal(canonical_lang(term.language) if term.language else "")


CUSTOM_FUNCTIONS = {ox.NamedNode(LANG_FUNCTION): lang}


def rewrite_lang_calls(text: str) -> str:
    """Replace each call of the built-in LANG by the BCP 47 case function.

    >>> rewrite_lang_calls('SELECT * { ?s ?p ?l FILTER(lang (?l) = "LANG(") }')
    'SELECT * { ?s ?p ?l FILTER(<urn:sister-graph:function:lang> (?l) = "LANG(") }'
    """
    try:
        tokens = list(scan(text))
    except BadRequest:  # not a query the guard passes: the engine will say what is wrong
        return text
    calls = [
        token
        for token, following in zip(tokens, tokens[1:], strict=False)
        if token.kind == "word" and token.text.upper() == "LANG" and following.text == "("
    ]
    for token in reversed(calls):
        text = text[: token.at] + f"<{LANG_FUNCTION}>" + text[token.at + len(token.text) :]
    return text


def run_query(store: ox.Store, text: str, **options) -> object:
    """Run a query with LANG in BCP 47 case; a syntax error is reported on the text as written."""
    rewritten = rewrite_lang_calls(text)
    if rewritten != text:
        try:
            return store.query(rewritten, custom_functions=CUSTOM_FUNCTIONS, **options)
        except SyntaxError:
            pass  # raise the engine's message for the client's own text, positions and all
    return store.query(text, **options)
