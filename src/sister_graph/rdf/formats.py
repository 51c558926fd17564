"""One table of formats: media type, file extension and serialiser names, for RDF and results."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Format:
    """A serialisation: its short name, media type, extension and parser/serialiser names."""

    name: str
    media_type: str
    extension: str
    rdflib: str
    aliases: tuple[str, ...] = ()


RDF_FORMATS: tuple[Format, ...] = (
    Format("turtle", "text/turtle", "ttl", "turtle", ("application/x-turtle",)),
    Format("jsonld", "application/ld+json", "jsonld", "json-ld", ("application/json",)),
    Format("ntriples", "application/n-triples", "nt", "nt", ("text/plain",)),
    Format("rdfxml", "application/rdf+xml", "rdf", "xml", ("application/xml", "text/xml")),
)

RESULT_FORMATS: tuple[Format, ...] = (
    Format("json", "application/sparql-results+json", "srj", "json", ("application/json",)),
    Format("xml", "application/sparql-results+xml", "srx", "xml", ("application/xml", "text/xml")),
    Format("csv", "text/csv", "csv", "csv"),
    Format("tsv", "text/tab-separated-values", "tsv", "tsv"),
)

HTML = Format("html", "text/html", "html", "html", ("application/xhtml+xml",))

DUMP_STEM = "sister-graph"


def rdf_format(key: str) -> Format:
    """Find an RDF format by short name, extension or media type.

    >>> rdf_format("ttl").media_type
    'text/turtle'
    """
    for fmt in RDF_FORMATS:
        if key in (fmt.name, fmt.extension, fmt.media_type, *fmt.aliases):
            return fmt
    raise KeyError(key)


def dump_name(fmt: Format) -> str:
    """Return the file name of the dump in this format, e.g. 'sister-graph.ttl'."""
    return f"{DUMP_STEM}.{fmt.extension}"


# Media types of the other files the build publishes in dist/ (dumps use RDF_FORMATS).
FILE_MEDIA_TYPES: dict[str, str] = {
    "context.jsonld": "application/ld+json",
    "SHA256SUMS": "text/plain",
}


def file_media_type(name: str) -> str:
    """Return the media type of a published file by its name (dumps by extension).

    >>> file_media_type("sister-graph.nt"), file_media_type("SHA256SUMS")
    ('application/n-triples', 'text/plain')
    """
    if name in FILE_MEDIA_TYPES:
        return FILE_MEDIA_TYPES[name]
    extension = name.rpartition(".")[2]
    for fmt in RDF_FORMATS:
        if fmt.extension == extension:
            return fmt.media_type
    return "application/octet-stream"
