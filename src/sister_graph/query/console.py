"""Answer a query for the command line through the one query service.

`sister-graph query` opens the store the server opens (`store.open_store`: the embedded store
over dist/, or the remote endpoint the `store` setting names) and sends the query through the
same protocol checks, guard, dataset rules and formats as /sparql, so both give the same
answers. Only the default rendering differs: a text table for SELECT, true/false for ASK.
"""

from __future__ import annotations

import json
import re

from werkzeug.datastructures import MIMEAccept, MultiDict

from sister_graph.query.cache import ResultsCache
from sister_graph.query.service import execute, prepare_query, read_protocol_request
from sister_graph.query.store import open_store
from sister_graph.rdf.formats import RDF_FORMATS, RESULT_FORMATS, RESULTS_JSON, TURTLE
from sister_graph.settings import Config

TABLE = "table"
FORMAT_NAMES: tuple[str, ...] = (TABLE, *(f.name for f in (*RESULT_FORMATS, *RDF_FORMATS)))
# "table": solutions and booleans as SPARQL JSON (then drawn as text), graphs as Turtle
_TABLE_ACCEPT = MIMEAccept([(RESULTS_JSON.media_type, 1), (TURTLE.media_type, 0.9)])


def run_query(
    config: Config,
    text: str,
    *,
    fmt: str = TABLE,
    default_graphs: tuple[str, ...] = (),
    named_graphs: tuple[str, ...] = (),
) -> bytes:
    """Run one query over the configured store and return the bytes the command prints.

    fmt is "table" or a format name of `formats` (json, xml, csv, tsv, turtle, ...).
    Raises what /sparql raises: MalformedQuery, QueryRefused, NotAcceptable, BadRequest,
    PayloadTooLarge, QueryTimeout, ResultTooLarge; DatasetMissing when dist/ is absent.
    """
    args = MultiDict([("query", text)])
    args.setlist("default-graph-uri", list(default_graphs))
    args.setlist("named-graph-uri", list(named_graphs))
    if fmt != TABLE:
        args["format"] = fmt
    request = read_protocol_request(method="GET", args=args, max_query_bytes=config.max_query_bytes)
    store = open_store(config)
    try:
        accept = _TABLE_ACCEPT if fmt == TABLE else MIMEAccept()
        prepared = prepare_query(store, request, accept=accept, config=config)
        answer, _ = execute(store, prepared, cache=ResultsCache(entries=0, max_bytes=0))
    finally:
        store.close()
    if fmt == TABLE and prepared.choice.format is RESULTS_JSON:
        return to_table(json.loads(answer.body)).encode("utf-8")
    return answer.body


# Characters a terminal would act on rather than show (controls, line and paragraph
# separators) are written escaped, as N-Triples writes them, and so is the backslash: a value
# can neither break the table's lines nor send escape sequences to the terminal.
_ESCAPES = {"\\": "\\\\", "\n": "\\n", "\r": "\\r", "\t": "\\t"}
_UNSHOWN = re.compile("[\\\\\x00-\x1f\x7f-\x9f\u2028\u2029]")


def _escape(text: str) -> str:
    r"""Escape what a terminal would not show as it is.

    >>> print(_escape("a\nb\x1b[31m\\"))
    a\nb\u001B[31m\\
    """
    return _UNSHOWN.sub(lambda m: _ESCAPES.get(m.group(), f"\\u{ord(m.group()):04X}"), text)


def _cell(term: dict | None) -> str:
    if term is None:
        return ""
    if term["type"] == "uri":
        return f"<{term['value']}>"
    if term["type"] == "bnode":
        return f"_:{term['value']}"
    return _escape(str(term["value"]))


def to_table(results: dict) -> str:
    """Draw SPARQL JSON results as an aligned text table, or 'true'/'false' for ASK.

    >>> print(to_table({"head": {"vars": ["n"]}, "results": {"bindings": [
    ...     {"n": {"type": "literal", "value": "1"}}]}}), end="")
    n
    -
    1
    (1 rows)
    """
    if "boolean" in results:
        return ("true" if results["boolean"] else "false") + "\n"
    names = results["head"]["vars"]
    rows = [[_cell(b.get(n)) for n in names] for b in results["results"]["bindings"]]
    widths = [max([len(n), *(len(r[i]) for r in rows)]) for i, n in enumerate(names)]

    def line(cells: list[str]) -> str:
        return " | ".join(c.ljust(w) for c, w in zip(cells, widths, strict=True)).rstrip()

    out = [line(names), "-+-".join("-" * w for w in widths), *map(line, rows)]
    cut = " (cut: more rows than max_rows)" if results["head"].get("link") else ""
    return "\n".join(out) + f"\n({len(rows)} rows){cut}\n"
