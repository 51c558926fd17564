"""DCAT-AP distributions of the dumps (size, media type, SHA-256) and code-list helpers.

Part of the catalog (see `catalog`); pure functions that add triples to a graph.
"""

from __future__ import annotations

from dataclasses import dataclass

from rdflib import BNode, Graph, Literal, URIRef

from sister_graph.rdf.formats import DUMP_FORMATS, EU_FILE_TYPES, dump_name
from sister_graph.rdf.namespaces import (
    DCAT,
    DCTERMS,
    OWL,
    RDF,
    RDFS,
    SKOS,
    SPDX,
    VOID,
    XSD,
    id_namespace,
)

EU = "http://publications.europa.eu/resource/authority/"
DCATAP_AVAILABILITY = URIRef("http://data.europa.eu/r5r/availability")
IANA = "https://www.iana.org/assignments/media-types/"
SHA256 = URIRef("https://spdx.org/rdf/terms#checksumAlgorithm_sha256")


@dataclass(frozen=True)
class FileInfo:
    """A published file: its name, size in bytes and SHA-256 digest."""

    name: str
    size: int
    sha256: str


def add_all(g: Graph, subject, *pairs) -> None:
    """Add (predicate, object) pairs to one subject."""
    for predicate, value in pairs:
        g.add((subject, predicate, value))


def add_coded(g: Graph, iri: str, kinds: tuple, scheme: str, label: str) -> URIRef:
    """Add a code-list value with the typing and scheme facts the DCAT-AP shapes check."""
    node, scheme_node = URIRef(iri), URIRef(scheme)
    for kind in (*kinds, SKOS.Concept):
        g.add((node, RDF.type, kind))
    add_all(g, node, (SKOS.inScheme, scheme_node), (SKOS.prefLabel, Literal(label, lang="en")))
    add_all(g, scheme_node, (RDF.type, SKOS.ConceptScheme))
    g.set((scheme_node, DCTERMS.title, Literal(scheme.rstrip("/").rpartition("/")[2], lang="en")))
    return node


def describe_distributions(g: Graph, dataset: URIRef, *, base: str, files, lic) -> None:
    """Add one dcat:Distribution per RDF dump, with size, media type and SHA-256 checksum."""
    add_all(
        g,
        SHA256,
        (RDF.type, SPDX.ChecksumAlgorithm),
        (OWL.sameAs, SPDX.checksumAlgorithm_sha256),
        (RDFS.label, Literal("SHA-256", lang="en")),
    )
    stable = add_coded(
        g,
        "http://data.europa.eu/r5r/availability/STABLE",
        (),
        EU + "planned-availability",
        "stable",
    )
    for fmt in DUMP_FORMATS:
        info = files.get(dump_name(fmt))
        if info is None:
            continue
        dist = id_namespace(base)[f"distribution/sister-graph-{fmt.extension}"]
        url = URIRef(f"{base}download/{info.name}")
        media = URIRef(IANA + fmt.media_type)
        file_type = add_coded(
            g,
            fmt.eu_file_type,
            (DCTERMS.MediaTypeOrExtent,),
            EU_FILE_TYPES,
            fmt.name,
        )
        checksum = BNode(f"checksum-{fmt.extension}")
        add_all(g, dataset, (DCAT.distribution, dist), (VOID.dataDump, url))
        add_all(g, media, (RDF.type, DCTERMS.MediaType))
        add_all(
            g,
            dist,
            (RDF.type, DCAT.Distribution),
            (DCTERMS.title, Literal(f"{info.name} ({fmt.media_type})", lang="en")),
            (DCAT.accessURL, url),
            (DCAT.downloadURL, url),
            (DCAT.mediaType, media),
            (DCTERMS.format, file_type),
            (DCTERMS.license, lic),
            (DCATAP_AVAILABILITY, stable),
            (DCAT.byteSize, Literal(info.size, datatype=XSD.nonNegativeInteger)),
            (SPDX.checksum, checksum),
        )
        add_all(
            g,
            checksum,
            (RDF.type, SPDX.Checksum),
            (SPDX.algorithm, SHA256),
            (SPDX.checksumValue, Literal(info.sha256, datatype=XSD.hexBinary)),
        )
