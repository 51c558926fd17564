"""One spelling of every language tag: BCP 47 case (sr-Latn, sr-Cyrl, en-GB), in every output.

Spec: https://www.rfc-editor.org/rfc/rfc5646#section-2.1.1 (case conventions). Tags compare
case-insensitively, but SPARQL's `LANG(?l) = "sr-Cyrl"` is a string comparison, and pyoxigraph
lower-cases tags when it stores them ("sr-cyrl"). Everything the project writes therefore
passes through `canonical_lang`; engine output is re-cased here, token by token.
"""

from __future__ import annotations

import functools
import json
import re

from sister_graph.rdf.formats import JSONLD, RDFXML, Format

# A Turtle / N-Triples string as pyoxigraph writes it (one line, escaped), then its tag.
_STRING_TAG = re.compile(rb'"(?:[^"\\]|\\.)*"(@[A-Za-z0-9-]+)?', re.DOTALL)
# An XML start tag (pyoxigraph escapes '<' and '"' in text and attribute values).
_XML_TAG = re.compile(rb"<[^<>]*>")
_XML_LANG = re.compile(rb'xml:lang="([A-Za-z0-9-]*)"')


@functools.lru_cache(maxsize=1024)  # tags are few and repeat on every literal
def canonical_lang(tag: str) -> str:
    """Return a language tag in its conventional case (RFC 5646 §2.1.1).

    >>> canonical_lang("sr-latn"), canonical_lang("en-gb"), canonical_lang("SR-CYRL-RS")
    ('sr-Latn', 'en-GB', 'sr-Cyrl-RS')
    """
    parts = tag.split("-")
    out = [parts[0].lower()]
    for index, part in enumerate(parts[1:], start=1):
        after_singleton = len(parts[index - 1]) == 1
        if len(part) == 4 and part.isalpha() and not after_singleton:
            out.append(part.title())
        elif len(part) == 2 and part.isalpha() and not after_singleton:
            out.append(part.upper())
        else:
            out.append(part.lower())
    return "-".join(out)


def _recase_string_tag(match: re.Match) -> bytes:
    tag = match.group(1)
    if not tag:
        return match.group(0)
    return match.group(0)[: -len(tag)] + b"@" + canonical_lang(tag[1:].decode()).encode()


def _recase_xml_tag(match: re.Match) -> bytes:
    return _XML_LANG.sub(
        lambda m: b'xml:lang="' + canonical_lang(m.group(1).decode()).encode() + b'"',
        match.group(0),
    )


def _recase_jsonld(node):
    if isinstance(node, dict):
        return {
            key: canonical_lang(value)
            if key == "@language" and isinstance(value, str)
            else _recase_jsonld(value)
            for key, value in node.items()
        }
    if isinstance(node, list):
        return [_recase_jsonld(item) for item in node]
    return node


def recase_serialised(data: bytes, fmt: Format) -> bytes:
    """Re-case the language tags of an RDF serialisation pyoxigraph wrote (tags only).

    `fmt` is one of `formats.RDF_FORMATS`; literal values are never touched.

    >>> from sister_graph.rdf.formats import NTRIPLES
    >>> recase_serialised(b'<a> <b> "x\\\\"@sr-cyrl"@sr-cyrl .', NTRIPLES)
    b'<a> <b> "x\\\\"@sr-cyrl"@sr-Cyrl .'
    """
    if not data:
        return data
    if fmt is RDFXML:
        return _XML_TAG.sub(_recase_xml_tag, data)
    if fmt is JSONLD:
        if b'"@language"' not in data:
            return data
        return json.dumps(_recase_jsonld(json.loads(data)), ensure_ascii=False).encode()
    return _STRING_TAG.sub(_recase_string_tag, data)
