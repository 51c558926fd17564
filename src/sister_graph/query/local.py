"""Run one SPARQL query over the built dump on the command line (no server)."""

from __future__ import annotations

import pyoxigraph

from sister_graph.dist.files import check_dist
from sister_graph.errors import MalformedQuery
from sister_graph.query.guard import guard_query
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
    """Run a read-only query without SERVICE over dist/ and return the formatted results."""
    guard_query(text)
    store = load_store(config)
    try:
        result = store.query(text)
    except SyntaxError as err:
        raise MalformedQuery(str(err)) from err
    if isinstance(result, pyoxigraph.QueryBoolean):
        return ("true" if bool(result) else "false") + "\n"
    if isinstance(result, pyoxigraph.QuerySolutions):
        if fmt == "table":
            return to_table(result)
        return result.serialize(
            format=next(f for f in RESULT_FORMATS if f.name == fmt).engine
        ).decode("utf-8")
    data = pyoxigraph.serialize(result, format=TURTLE.engine)
    return data.decode("utf-8")
