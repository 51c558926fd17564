"""Serialise pyoxigraph query results to the SPARQL 1.1 result formats, cutting at a row limit.

Specs: https://www.w3.org/TR/sparql11-results-json/, https://www.w3.org/TR/rdf-sparql-XMLres/,
https://www.w3.org/TR/sparql11-results-csv-tsv/. pyoxigraph's own serialisers cannot stop
after N rows, so SELECT results are written by query/solution_writers.py; graphs use
``pyoxigraph.serialize``. When the caller knows the rows cannot exceed the limit (a query
whose solutions query/bound.py bounded), SPARQL JSON comes from the engine's own writer,
about four times faster: the JSON writer there writes the same bytes (compact, UTF-8, the
same escapes), tags re-cased alike.
"""

from __future__ import annotations

import itertools
import json
import traceback
from dataclasses import dataclass

import pyoxigraph as ox

from sister_graph.query.solution_writers import SOLUTION_WRITERS, TRUNCATED_LINK, boolean
from sister_graph.rdf.formats import (
    RDF_FORMATS,
    RDFXML,
    RESULT_FORMATS,
    RESULTS_JSON,
    by_media_type,
)
from sister_graph.rdf.langtags import recase_json_results, recase_serialised
from sister_graph.rdf.xml_chars import fix_rdfxml

NOT_XML_GRAPH = "Turtle, N-Triples or JSON-LD (format=turtle, ntriples or jsonld)"
# Bounded results of up to this many times max_rows are written whole by the engine, then cut.
ENGINE_JSON_ROWS = 8


@dataclass(frozen=True)
class Answer:
    """A serialised query answer: body bytes and whether rows were cut."""

    body: bytes
    truncated: bool = False


def to_answer(
    result: object,
    *,
    media_type: str,
    max_rows: int,
    prefixes=None,
    rows_at_most: int | None = None,
) -> Answer:
    """Serialise a pyoxigraph result (solutions, boolean or triples) in the given media type.

    media_type is a canonical media type of `formats.RESULT_FORMATS` (solutions, booleans)
    or `formats.RDF_FORMATS` (triples); raises KeyError for any other, NotRepresentable for
    XML that cannot carry a value. rows_at_most: an upper bound on the result's rows known
    before it runs (query/bound.py), or None; up to ENGINE_JSON_ROWS times max_rows, SPARQL
    JSON is written by the engine (the same bytes) and cut afterwards if need be.

    pyoxigraph's result iterators are pyo3 "unsendable": one dropped by another thread raises
    RuntimeError there, in whatever that thread is doing. Queries run on the server's HTTP
    threads, and errors travel (results cache, error handlers, reference cycles collected
    later), so an exception leaves without the result or its rows: the frames it passed are
    cleared of their locals. Callers pass the result straight in (`to_answer(store.query(..))`),
    keeping no reference of their own.
    """
    try:
        if (
            rows_at_most is not None
            and rows_at_most <= ENGINE_JSON_ROWS * max_rows
            and media_type == RESULTS_JSON.media_type
            and isinstance(result, ox.QuerySolutions)
        ):
            body = recase_json_results(result.serialize(format=RESULTS_JSON.engine))
            # solutions are written `{...},{...}`: one "},{" between two of them (a string may
            # hold more), so fewer than max_rows of them means nothing to cut
            if rows_at_most > max_rows and body.count(b"},{") >= max_rows:
                return _cut_json(body, max_rows)
            return Answer(body)
        return _serialise(result, media_type=media_type, max_rows=max_rows, prefixes=prefixes)
    except BaseException as err:  # keep the traceback's lines, not the result
        del result
        traceback.clear_frames(err.__traceback__)
        raise


def _serialise(result: object, *, media_type: str, max_rows: int, prefixes) -> Answer:
    if isinstance(result, ox.QueryBoolean):
        return Answer(boolean(bool(result), media_type))
    if isinstance(result, ox.QuerySolutions):
        variables = [v.value for v in result.variables]
        rows = list(itertools.islice(result, max_rows + 1))
        kept = rows[:max_rows]
        writer = SOLUTION_WRITERS[by_media_type(media_type, RESULT_FORMATS).name]
        body = writer(variables, kept, len(rows) > max_rows)
        return Answer(body, truncated=len(rows) > max_rows)
    triples = list(itertools.islice(result, max_rows + 1))
    kept = triples[:max_rows]
    body = to_rdf(kept, media_type=media_type, prefixes=prefixes)
    return Answer(body, truncated=len(triples) > max_rows)


def _cut_json(body: bytes, max_rows: int) -> Answer:
    """Cut SPARQL JSON the engine wrote to max_rows solutions, as _json writes a cut answer."""
    data = json.loads(body)
    bindings = data["results"]["bindings"]
    if len(bindings) <= max_rows:
        return Answer(body)
    head = {"vars": data["head"]["vars"], "link": [TRUNCATED_LINK]}
    kept = {"head": head, "results": {"bindings": bindings[:max_rows]}}
    return Answer(json.dumps(kept, ensure_ascii=False, separators=(",", ":")).encode(), True)


def to_rdf(triples: list, *, media_type: str, prefixes=None) -> bytes:
    """Serialise triples in an RDF format: tags in BCP 47 case, RDF/XML carrying CR or refused.

    Raises NotRepresentable (406) when RDF/XML is asked for a literal with a character
    XML 1.0 cannot carry (https://www.w3.org/TR/xml/#charsets).
    """
    fmt = by_media_type(media_type, RDF_FORMATS)
    body = ox.serialize(triples, format=fmt.engine, prefixes=prefixes) or b""
    if fmt is RDFXML:
        body = fix_rdfxml(body, other_formats=NOT_XML_GRAPH)
    return recase_serialised(body, fmt)
