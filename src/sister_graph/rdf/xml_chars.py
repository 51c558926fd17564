"""What XML 1.0 can carry: refuse the characters it cannot, escape the ones a parser would change.

Spec: https://www.w3.org/TR/xml/#charsets (the Char production: no C0 control other than TAB,
LF and CR, no U+FFFE/U+FFFF, no surrogates), §2.11 (a parser reads a raw CR as LF, so CR is
written as ``&#13;``) and §3.3.3 (TAB, LF and CR in attribute values are read as spaces
unless written as character references).
"""

from __future__ import annotations

import re

from sister_graph.errors import NotRepresentable

NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
_TEXT = {"&": "&amp;", "<": "&lt;", ">": "&gt;", "\r": "&#13;"}
_ATTRIBUTE = {**_TEXT, '"': "&quot;", "\t": "&#9;", "\n": "&#10;"}
_TEXT_RE = re.compile("[&<>\r]")
_ATTRIBUTE_RE = re.compile('[&<>\r"\t\n]')
# An element named "prefix:" with no local part: what pyoxigraph's RDF/XML writer emits for a
# property IRI that does not end in an XML name (<http://x/1>, <http://x/a#>): ill-formed under
# Namespaces in XML (https://www.w3.org/TR/xml-names/#ns-qualnames). Markup only: text and
# attribute values have their "<" escaped.
_EMPTY_LOCAL = re.compile(rb"<([^\s<>:/!?\"']+):(?=[\s/>])")


def refuse_non_xml(text: str, *, other_formats: str) -> None:
    """Raise NotRepresentable (406) naming the first character XML 1.0 cannot carry, if any.

    `other_formats` names the formats to ask for instead, e.g. "JSON, CSV or TSV".
    """
    found = NOT_XML.search(text)
    if found:
        raise NotRepresentable(
            f"the answer contains U+{ord(found.group()):04X}, which XML 1.0 cannot carry; "
            f"ask for {other_formats} instead"
        )


def escape_text(text: str, *, other_formats: str) -> str:
    """Escape element content: &, <, > and CR (as &#13;, so it survives parsing).

    >>> escape_text("a\\r<b>\\tc", other_formats="JSON")
    'a&#13;&lt;b&gt;\\tc'
    """
    refuse_non_xml(text, other_formats=other_formats)
    return _TEXT_RE.sub(lambda m: _TEXT[m.group()], text)


def quote_attribute(text: str, *, other_formats: str) -> str:
    """Return a double-quoted attribute value with &, <, >, ", TAB, LF and CR escaped.

    >>> quote_attribute('a"\\tb', other_formats="JSON")
    '"a&quot;&#9;b"'
    """
    refuse_non_xml(text, other_formats=other_formats)
    return '"' + _ATTRIBUTE_RE.sub(lambda m: _ATTRIBUTE[m.group()], text) + '"'


def fix_rdfxml(data: bytes, *, other_formats: str) -> bytes:
    """Make an RDF/XML document from pyoxigraph's writer carry every character, or refuse it.

    The writer leaves CR raw (read back as LF) and writes C0 controls as they are (ill-formed);
    CR becomes ``&#13;`` (valid in text and attributes alike), a control raises NotRepresentable.
    So does a property IRI RDF/XML cannot write as an element name, one that does not end in
    an XML name (https://www.w3.org/TR/rdf-syntax-grammar/#section-Serialising), such as
    ``<http://example.org/1>``: the writer would emit an element ``<prefix:>``.

    >>> try:
    ...     fix_rdfxml(b'<oxprefix: xmlns:oxprefix="http://x/1">a</oxprefix:>', other_formats="")
    ... except NotRepresentable as err:
    ...     print(str(err)[:40])
    the answer has the property <http://x/1>
    """
    refuse_non_xml(data.decode("utf-8"), other_formats=other_formats)
    empty = _EMPTY_LOCAL.search(data)
    if empty:
        prefix = re.escape(empty.group(1))
        declared = re.search(rb"xmlns:" + prefix + rb'="([^"]*)"', data)
        iri = declared.group(1).decode() if declared else empty.group(1).decode() + ":"
        raise NotRepresentable(
            f"the answer has the property <{iri}>, which RDF/XML cannot write as an element name "
            "(its IRI must end in a letter or '_' and name characters); "
            f"ask for {other_formats} instead"
        )
    return data.replace(b"\r", b"&#13;")
