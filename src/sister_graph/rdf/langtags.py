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
# A tag in SPARQL JSON results as the engine writes them (no spaces). Inside a JSON string a
# quote is written \\", so these bytes only ever occur as a literal's "xml:lang" member.
_JSON_LANG = b'"xml:lang":"'
_JSON_TAGS = re.compile(rb'"xml:lang":"([A-Za-z0-9-]*)"')


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


def recase_json_results(data: bytes) -> bytes:
    """Re-case the language tags of SPARQL JSON results pyoxigraph wrote (compact JSON).

    Each distinct tag is replaced as a whole `"xml:lang":"tag"` member, at C speed.

    >>> recase_json_results(b'{"value":"\\\\"xml:lang\\\\":\\\\"x\\\\"","xml:lang":"sr-latn"}')
    b'{"value":"\\\\"xml:lang\\\\":\\\\"x\\\\"","xml:lang":"sr-Latn"}'
    """
    if _JSON_LANG not in data:
        return data
    for tag in set(_JSON_TAGS.findall(data)):
        canonical = canonical_lang(tag.decode()).encode()
        if canonical != tag:
            data = data.replace(_JSON_LANG + tag + b'"', _JSON_LANG + canonical + b'"')
    return data


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
