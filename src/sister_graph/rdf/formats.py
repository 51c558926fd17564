"""The one table of formats: every media type sister-graph reads or writes is named here only.

Each format has a short name, its media type (IANA) and the other media types that mean it,
a file extension, the query engine's (pyoxigraph) format, rdflib's name, its W3C format IRI
(https://www.w3.org/ns/formats/) and its EU file-type IRI
(http://publications.europa.eu/resource/authority/file-type); empty where none exists.
Negotiation, SPARQL results, the service description, the catalog's distributions, dumps,
downloads, templates, the CLI and the OpenAPI description read this table; a test fails when
a media-type string appears anywhere else in src/.
"""

from __future__ import annotations

from dataclasses import dataclass

import pyoxigraph as ox

W3C_FORMATS = "http://www.w3.org/ns/formats/"
EU_FILE_TYPE = "http://publications.europa.eu/resource/authority/file-type/"
EU_FILE_TYPES = EU_FILE_TYPE.rstrip("/")


@dataclass(frozen=True)
class Format:
    """A serialisation.

    name: short name (also a `format=` value); media_type: canonical IANA media type;
    extension: file extension without the dot; rdflib: rdflib's parser/serialiser name;
    engine: pyoxigraph's RdfFormat or QueryResultsFormat; w3c: W3C format IRI; eu_file_type:
    EU file-type IRI; aliases: other media types accepted for it; keywords: other `format=`
    values clients send for it; text: a UTF-8 text format (sent with charset=utf-8).
    """

    name: str
    media_type: str
    extension: str
    rdflib: str = ""
    engine: ox.RdfFormat | ox.QueryResultsFormat | None = None
    w3c: str = ""
    eu_file_type: str = ""
    aliases: tuple[str, ...] = ()
    keywords: tuple[str, ...] = ()
    text: bool = False

    def names(self) -> tuple[str, ...]:
        """Every key that selects this format: name, extension, rdflib name, media types."""
        keys = (self.name, self.extension, self.rdflib, self.media_type, *self.aliases)
        return tuple(k for k in keys if k)


TURTLE = Format(
    "turtle",
    "text/turtle",
    "ttl",
    rdflib="turtle",
    engine=ox.RdfFormat.TURTLE,
    w3c=W3C_FORMATS + "Turtle",
    eu_file_type=EU_FILE_TYPE + "RDF_TURTLE",
    aliases=("application/x-turtle",),
    keywords=("n3",),
    text=True,
)
JSONLD = Format(
    "jsonld",
    "application/ld+json",
    "jsonld",
    rdflib="json-ld",
    engine=ox.RdfFormat.JSON_LD,
    w3c=W3C_FORMATS + "JSON-LD",
    eu_file_type=EU_FILE_TYPE + "JSON_LD",
    aliases=("application/json",),
    keywords=("json",),
)
NTRIPLES = Format(
    "ntriples",
    "application/n-triples",
    "nt",
    rdflib="nt",
    engine=ox.RdfFormat.N_TRIPLES,
    w3c=W3C_FORMATS + "N-Triples",
    eu_file_type=EU_FILE_TYPE + "RDF_N_TRIPLES",
    aliases=("text/plain",),
    keywords=("n-triples",),
    text=True,
)
RDFXML = Format(
    "rdfxml",
    "application/rdf+xml",
    "rdf",
    rdflib="xml",
    engine=ox.RdfFormat.RDF_XML,
    w3c=W3C_FORMATS + "RDF_XML",
    eu_file_type=EU_FILE_TYPE + "RDF_XML",
    aliases=("application/xml", "text/xml"),
    keywords=("rdf+xml",),
)
RDF_FORMATS: tuple[Format, ...] = (TURTLE, JSONLD, NTRIPLES, RDFXML)
# Quads (https://www.w3.org/TR/n-quads/): the dump that keeps one named graph per source page.
NQUADS = Format(
    "nquads",
    "application/n-quads",
    "nq",
    rdflib="nquads",
    engine=ox.RdfFormat.N_QUADS,
    w3c=W3C_FORMATS + "N-Quads",
    eu_file_type=EU_FILE_TYPE + "RDF_N_QUADS",
    keywords=("n-quads",),
    text=True,
)
# The dumps the build publishes in dist/: the union graph in each RDF format, plus the quads.
DUMP_FORMATS: tuple[Format, ...] = (*RDF_FORMATS, NQUADS)

RESULTS_JSON = Format(
    "json",
    "application/sparql-results+json",
    "srj",
    rdflib="json",
    engine=ox.QueryResultsFormat.JSON,
    w3c=W3C_FORMATS + "SPARQL_Results_JSON",
    aliases=("application/json",),
)
RESULTS_XML = Format(
    "xml",
    "application/sparql-results+xml",
    "srx",
    rdflib="xml",
    engine=ox.QueryResultsFormat.XML,
    w3c=W3C_FORMATS + "SPARQL_Results_XML",
    aliases=("application/xml", "text/xml"),
)
RESULTS_CSV = Format(
    "csv",
    "text/csv",
    "csv",
    rdflib="csv",
    engine=ox.QueryResultsFormat.CSV,
    w3c=W3C_FORMATS + "SPARQL_Results_CSV",
    eu_file_type=EU_FILE_TYPE + "CSV",
    text=True,
)
RESULTS_TSV = Format(
    "tsv",
    "text/tab-separated-values",
    "tsv",
    rdflib="tsv",
    engine=ox.QueryResultsFormat.TSV,
    w3c=W3C_FORMATS + "SPARQL_Results_TSV",
    eu_file_type=EU_FILE_TYPE + "TSV",
    text=True,
)
RESULT_FORMATS: tuple[Format, ...] = (RESULTS_JSON, RESULTS_XML, RESULTS_CSV, RESULTS_TSV)
BOOLEAN_FORMATS: tuple[Format, ...] = (RESULTS_JSON, RESULTS_XML)

HTML = Format(
    "html",
    "text/html",
    "html",
    eu_file_type=EU_FILE_TYPE + "HTML",
    aliases=("application/xhtml+xml",),
    text=True,
)
JSON = Format("json", "application/json", "json", eu_file_type=EU_FILE_TYPE + "JSON", text=True)
PLAIN_TEXT = Format("text", "text/plain", "txt", eu_file_type=EU_FILE_TYPE + "TXT", text=True)
OCTET_STREAM = Format("binary", "application/octet-stream", "bin")
CSS = Format("css", "text/css", "css", text=True)
JAVASCRIPT = Format("javascript", "text/javascript", "js", text=True)
SVG = Format("svg", "image/svg+xml", "svg", text=True)

# Request bodies of the SPARQL 1.1 Protocol (https://www.w3.org/TR/sparql11-protocol/).
FORM = Format("form", "application/x-www-form-urlencoded", "")
SPARQL_QUERY = Format("sparql-query", "application/sparql-query", "rq", text=True)
SPARQL_UPDATE = Format("sparql-update", "application/sparql-update", "ru", text=True)

ALL_FORMATS: tuple[Format, ...] = (
    *DUMP_FORMATS,
    *RESULT_FORMATS,
    HTML,
    JSON,
    PLAIN_TEXT,
    OCTET_STREAM,
    CSS,
    JAVASCRIPT,
    SVG,
    FORM,
    SPARQL_QUERY,
    SPARQL_UPDATE,
)

DUMP_STEM = "sister-graph"
# Files the build publishes in dist/ besides the dumps, by name (dumps go by extension).
FILE_FORMATS: dict[str, Format] = {"context.jsonld": JSONLD, "SHA256SUMS": PLAIN_TEXT}


def rdf_format(key: str) -> Format:
    """Find an RDF format by short name, extension, rdflib name or media type.

    Raises KeyError for an unknown key.

    >>> rdf_format("ttl").media_type
    'text/turtle'
    """
    for fmt in RDF_FORMATS:
        if key in fmt.names():
            return fmt
    raise KeyError(key)


def by_media_type(media_type: str, formats: tuple[Format, ...] = ALL_FORMATS) -> Format:
    """Find the format whose canonical media type (or, failing that, an alias) this is.

    Raises KeyError for a media type the table does not hold.

    >>> by_media_type("text/turtle").name, by_media_type("application/sparql-results+json").name
    ('turtle', 'json')
    """
    media_type = media_type.partition(";")[0].strip().lower()
    for fmt in formats:
        if fmt.media_type == media_type:
            return fmt
    for fmt in formats:
        if media_type in fmt.aliases:
            return fmt
    raise KeyError(media_type)


def content_type(fmt: Format) -> str:
    """Return the Content-Type header value: the media type, with charset=utf-8 for text.

    >>> content_type(TURTLE), content_type(JSONLD)
    ('text/turtle; charset=utf-8', 'application/ld+json')
    """
    return f"{fmt.media_type}; charset=utf-8" if fmt.text else fmt.media_type


def dump_name(fmt: Format) -> str:
    """Return the file name of the dump in this format, e.g. 'sister-graph.ttl'."""
    return f"{DUMP_STEM}.{fmt.extension}"


def file_format(name: str) -> Format:
    """Return the format of a published file by its name (dumps by extension).

    >>> file_format("sister-graph.nt").name, file_format("SHA256SUMS").name
    ('ntriples', 'text')
    """
    if name in FILE_FORMATS:
        return FILE_FORMATS[name]
    extension = name.rpartition(".")[2]
    for fmt in DUMP_FORMATS:
        if fmt.extension == extension:
            return fmt
    return OCTET_STREAM


def file_media_type(name: str) -> str:
    """Return the media type of a published file by its name (dumps by extension).

    >>> file_media_type("sister-graph.nt"), file_media_type("SHA256SUMS")
    ('application/n-triples', 'text/plain')
    """
    return file_format(name).media_type
