"""Run one SPARQL query over the built dump on the command line (no server)."""

from __future__ import annotations

import sys

import pyoxigraph

from sister_graph.dist.files import check_dist
from sister_graph.errors import MalformedQuery
from sister_graph.query.guard import guard_query
from sister_graph.query.lang_function import run_query
from sister_graph.query.results import to_answer, to_rdf
from sister_graph.rdf.formats import NTRIPLES, RESULT_FORMATS, TURTLE, dump_name
from sister_graph.settings import Config


def load_store(config: Config) -> pyoxigraph.Store:
    """Load the checked N-Triples dump into an in-memory store."""
    check_dist(config.dist_dir)
    store = pyoxigraph.Store()
    path = config.dist_dir / dump_name(NTRIPLES)
    store.bulk_load(path=str(path), format=NTRIPLES.engine)
    return store


def _cell(term) -> str:
    if term is None:
        return ""
    if isinstance(term, pyoxigraph.Literal):
        return term.value
    return str(term)


def to_table(solutions: pyoxigraph.QuerySolutions) -> str:
    """Format SELECT results as an aligned text table."""
    names = [v.value for v in solutions.variables]
    rows = [[_cell(row[name]) for name in names] for row in solutions]
    widths = [max([len(n), *(len(r[i]) for r in rows)]) for i, n in enumerate(names)]
    line = lambda cells: " | ".join(c.ljust(w) for c, w in zip(cells, widths, strict=True))  # noqa: E731
    out = [line(names), "-+-".join("-" * w for w in widths), *map(line, rows)]
    return "\n".join(o.rstrip() for o in out) + f"\n({len(rows)} rows)\n"


def run_local_query(config: Config, text: str, *, fmt: str = "table") -> str:
    """Run a read-only query without SERVICE over dist/ and return the formatted results.

    The same engine and writers as the endpoint: LANG() and every output in BCP 47 case,
    XML that carries CR and TAB or a NotRepresentable error.
    """
    guard_query(text)
    store = load_store(config)
    try:
        result = run_query(store, text)
    except SyntaxError as err:
        raise MalformedQuery(str(err)) from err
    if isinstance(result, pyoxigraph.QueryBoolean):
        return ("true" if bool(result) else "false") + "\n"
    if isinstance(result, pyoxigraph.QuerySolutions):
        if fmt == "table":
            return to_table(result)
        media_type = next(f for f in RESULT_FORMATS if f.name == fmt).media_type
        return to_answer(result, media_type=media_type, max_rows=sys.maxsize - 1).body.decode()
    return to_rdf(list(result), media_type=TURTLE.media_type).decode("utf-8")
