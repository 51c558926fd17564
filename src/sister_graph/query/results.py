"""Serialise pyoxigraph query results to the SPARQL 1.1 result formats, cutting at a row limit.

Specs: https://www.w3.org/TR/sparql11-results-json/, https://www.w3.org/TR/rdf-sparql-XMLres/,
https://www.w3.org/TR/sparql11-results-csv-tsv/. pyoxigraph's own serialisers cannot stop
after N rows, so SELECT results are written here; graphs use ``pyoxigraph.serialize``. When
the caller knows the rows cannot exceed the limit (a query whose solutions query/bound.py
bounded), SPARQL JSON comes from the engine's own writer, about four times faster: the JSON
writer here writes the same bytes (compact, UTF-8, the same escapes), tags re-cased alike.
"""

from __future__ import annotations

import csv
import functools
import io
import itertools
import json
import json.encoder
import operator
import traceback
from dataclasses import dataclass

import pyoxigraph as ox

from sister_graph.rdf.formats import (
    RDF_FORMATS,
    RDFXML,
    RESULT_FORMATS,
    RESULTS_CSV,
    RESULTS_JSON,
    RESULTS_TSV,
    RESULTS_XML,
    by_media_type,
)
from sister_graph.rdf.langtags import canonical_lang, recase_json_results, recase_serialised
from sister_graph.rdf.xml_chars import escape_text, fix_rdfxml, quote_attribute

XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"
RDF_LANG_STRING = "http://www.w3.org/1999/02/22-rdf-syntax-ns#langString"
SRX_NS = "http://www.w3.org/2005/sparql-results#"
NOT_XML_SOLUTIONS = "SPARQL JSON, CSV or TSV (format=json, csv or tsv)"
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
        return Answer(_boolean(bool(result), media_type))
    if isinstance(result, ox.QuerySolutions):
        variables = [v.value for v in result.variables]
        rows = list(itertools.islice(result, max_rows + 1))
        kept = rows[:max_rows]
        writer = _SOLUTION_WRITERS[by_media_type(media_type, RESULT_FORMATS).name]
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
    head = {"vars": data["head"]["vars"], "link": ["urn:sister-graph:truncated"]}
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


def _boolean(value: bool, media_type: str) -> bytes:
    if media_type == RESULTS_XML.media_type:
        text = f'<?xml version="1.0"?>\n<sparql xmlns="{SRX_NS}"><head/>'
        return (text + f"<boolean>{str(value).lower()}</boolean></sparql>\n").encode()
    return b'{"head":{},"boolean":true}' if value else b'{"head":{},"boolean":false}'


# JSON is written as text, as the engine's writer writes it (no spaces, UTF-8, control
# characters as \\b \\t \\n \\f \\r or \\u00xx): encode_basestring is the C function
# json.dumps(ensure_ascii=False) quotes each string with, and it escapes alike.
_quote = json.encoder.encode_basestring


@functools.lru_cache(maxsize=1024)
def _json_tag(language: str) -> str:
    return _quote(canonical_lang(language))


@functools.lru_cache(maxsize=1024)
def _json_datatype(datatype: str) -> str:
    return _quote(datatype)


def _json_literal(term: ox.Literal) -> str:
    language = term.language
    if language:
        tag = _json_tag(language)
        return f'{{"type":"literal","value":{_quote(term.value)},"xml:lang":{tag}}}'
    datatype = term.datatype.value
    if datatype != XSD_STRING:
        datatype = _json_datatype(datatype)
        return f'{{"type":"literal","value":{_quote(term.value)},"datatype":{datatype}}}'
    return f'{{"type":"literal","value":{_quote(term.value)}}}'


def _json_triple(term: ox.Triple) -> str:
    s, p, o = (_json_term(t) for t in term)
    return f'{{"type":"triple","value":{{"subject":{s},"predicate":{p},"object":{o}}}}}'


_JSON_TERMS = {
    ox.Literal: _json_literal,
    ox.NamedNode: lambda term: f'{{"type":"uri","value":{_quote(term.value)}}}',
    ox.BlankNode: lambda term: f'{{"type":"bnode","value":{_quote(term.value)}}}',
    ox.Triple: _json_triple,
}


def _json_term(term) -> str:
    return _JSON_TERMS[type(term)](term)


def _json(variables: list[str], rows: list, truncated: bool) -> bytes:
    head: dict = {"vars": variables}
    if truncated:
        head["link"] = ["urn:sister-graph:truncated"]
    keys = [_quote(var) + ":" for var in variables]
    terms = _JSON_TERMS
    bindings = [
        "{"
        + ",".join(
            [
                key + terms[type(term)](term)
                for key, term in zip(keys, row, strict=True)
                if term is not None
            ]
        )
        + "}"
        for row in rows
    ]
    head_text = json.dumps(head, ensure_ascii=False, separators=(",", ":"))
    text = f'{{"head":{head_text},"results":{{"bindings":[{",".join(bindings)}]}}}}'
    return text.encode()


def _text(value: str) -> str:
    return escape_text(value, other_formats=NOT_XML_SOLUTIONS)


@functools.lru_cache(maxsize=1024)
def _attribute(value: str) -> str:  # variable names, tags and datatypes: a few, repeated
    return quote_attribute(value, other_formats=NOT_XML_SOLUTIONS)


def _xml_literal(term: ox.Literal) -> str:
    language = term.language
    if language:
        tag = _attribute(canonical_lang(language))
        return f"<literal xml:lang={tag}>{_text(term.value)}</literal>"
    datatype = term.datatype.value
    if datatype != XSD_STRING:
        return f"<literal datatype={_attribute(datatype)}>{_text(term.value)}</literal>"
    return f"<literal>{_text(term.value)}</literal>"


def _xml_triple(term: ox.Triple) -> str:
    s, p, o = (_xml_term(t) for t in term)
    return f"<triple><subject>{s}</subject><predicate>{p}</predicate><object>{o}</object></triple>"


_XML_TERMS = {
    ox.Literal: _xml_literal,
    ox.NamedNode: lambda term: f"<uri>{_text(term.value)}</uri>",
    ox.BlankNode: lambda term: f"<bnode>{_text(term.value)}</bnode>",
    ox.Triple: _xml_triple,
}


def _xml_term(term) -> str:
    return _XML_TERMS[type(term)](term)


def _xml(variables: list[str], rows: list, truncated: bool) -> bytes:
    """Write SPARQL XML results (https://www.w3.org/TR/rdf-sparql-XMLres/); CR as &#13;."""
    out = [f'<?xml version="1.0"?>\n<sparql xmlns="{SRX_NS}">\n<head>']
    out += [f"<variable name={_attribute(v)}/>" for v in variables]
    if truncated:
        out.append('<link href="urn:sister-graph:truncated"/>')
    out.append("</head>\n<results>")
    opening = [f"<binding name={_attribute(var)}>" for var in variables]
    terms = _XML_TERMS
    for row in rows:
        cells = [
            f"{start}{terms[type(term)](term)}</binding>"
            for start, term in zip(opening, row, strict=True)
            if term is not None
        ]
        out.append("<result>" + "".join(cells) + "</result>")
    out.append("</results>\n</sparql>\n")
    return "\n".join(out).encode()


_CSV_VALUES = {
    ox.Literal: operator.attrgetter("value"),
    ox.NamedNode: operator.attrgetter("value"),
    ox.BlankNode: lambda term: f"_:{term.value}",
    ox.Triple: str,
    type(None): lambda term: "",
}


def _csv_value(term) -> str:
    return _CSV_VALUES[type(term)](term)


def _csv(variables: list[str], rows: list, truncated: bool) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(variables)
    values = _CSV_VALUES
    writer.writerows([values[type(term)](term) for term in row] for row in rows)
    return buffer.getvalue().encode()


def _tsv_literal(term: ox.Literal) -> str:
    written = str(term)  # N-Triples: "value"@tag (the tag has no '@'), "value" or "value"^^<dt>
    language = term.language
    if language:
        return f"{written[: -len(language) - 1]}@{canonical_lang(language)}"
    return written


def _tsv_triple(term: ox.Triple) -> str:
    return "<< " + " ".join(_tsv_term(t) for t in term) + " >>"


_TSV_TERMS = {
    ox.Literal: _tsv_literal,
    ox.NamedNode: str,
    ox.BlankNode: str,
    ox.Triple: _tsv_triple,
    type(None): lambda term: "",
}


def _tsv_term(term) -> str:
    return _TSV_TERMS[type(term)](term)


def _tsv(variables: list[str], rows: list, truncated: bool) -> bytes:
    lines = ["\t".join("?" + v for v in variables)]
    terms = _TSV_TERMS
    lines += ["\t".join([terms[type(t)](t) for t in row]) for row in rows]
    return ("\n".join(lines) + "\n").encode()


_SOLUTION_WRITERS = {
    RESULTS_JSON.name: _json,
    RESULTS_XML.name: _xml,
    RESULTS_CSV.name: _csv,
    RESULTS_TSV.name: _tsv,
}
