"""Write SELECT and ASK results in the SPARQL 1.1 result formats, a row list at a time.

Specs: https://www.w3.org/TR/sparql11-results-json/, https://www.w3.org/TR/rdf-sparql-XMLres/,
https://www.w3.org/TR/sparql11-results-csv-tsv/. Rows are pyoxigraph solutions (None for an
unbound variable); tags are written in BCP 47 case. query/results.py decides which rows are
written and when the engine's own JSON writer serves instead (it writes the same bytes).
"""

from __future__ import annotations

import csv
import functools
import io
import json
import json.encoder
import operator

import pyoxigraph as ox

from sister_graph.rdf.formats import RESULTS_CSV, RESULTS_JSON, RESULTS_TSV, RESULTS_XML
from sister_graph.rdf.langtags import canonical_lang
from sister_graph.rdf.xml_chars import escape_text, quote_attribute

XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"
SRX_NS = "http://www.w3.org/2005/sparql-results#"
NOT_XML_SOLUTIONS = "SPARQL JSON, CSV or TSV (format=json, csv or tsv)"
# The link a cut answer's head carries (JSON "link", XML <link href>).
TRUNCATED_LINK = "urn:sister-graph:truncated"


def boolean(value: bool, media_type: str) -> bytes:
    """Write an ASK answer in SPARQL XML or JSON (as the engine's JSON writer does)."""
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
        head["link"] = [TRUNCATED_LINK]
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
        out.append(f'<link href="{TRUNCATED_LINK}"/>')
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


# The writers of SELECT results, by format name: (variables, rows, truncated) -> bytes.
SOLUTION_WRITERS = {
    RESULTS_JSON.name: _json,
    RESULTS_XML.name: _xml,
    RESULTS_CSV.name: _csv,
    RESULTS_TSV.name: _tsv,
}
