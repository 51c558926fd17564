"""DCAT-AP distributions of the dumps: URL, size, media type, EU file type, SHA-256.

Part of the catalog (see `catalog`); pure functions that add triples to a graph.
Spec: https://semiceu.github.io/DCAT-AP/releases/3.0.1/#Distribution
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from rdflib import Graph, Literal, URIRef

from sister_graph.build.catalog_vocabularies import EU, CodeLists
from sister_graph.rdf.formats import file_format
from sister_graph.rdf.namespaces import DCAT, DCTERMS, OWL, RDF, RDFS, SPDX, VOID, XSD, id_namespace

AVAILABILITY = URIRef("http://data.europa.eu/r5r/availability")
IANA = "https://www.iana.org/assignments/media-types/"
SHA256 = URIRef("https://spdx.org/rdf/terms#checksumAlgorithm_sha256")


@dataclass(frozen=True)
class FileInfo:
    """A published file: its name, size in bytes and SHA-256 digest (hex)."""

    name: str
    size: int
    sha256: str


def describe_distributions(
    g: Graph,
    dataset: URIRef,
    *,
    base: str,
    files: dict[str, FileInfo],
    names: Iterable[str],
    codes: CodeLists,
    lic: URIRef,
    slug: str,
) -> None:
    """Add one dcat:Distribution per published file of `names` (those in `files`)."""
    g.add((SHA256, RDF.type, SPDX.ChecksumAlgorithm))
    g.add((SHA256, OWL.sameAs, SPDX.checksumAlgorithm_sha256))
    g.add((SHA256, RDFS.label, Literal("SHA-256", lang="en")))
    stable = codes.term(g, EU + "planned-availability/STABLE")
    for name in names:
        info = files.get(name)
        if info is None:
            continue
        fmt = file_format(name)
        dist = id_namespace(base)[f"distribution/{slug}-{fmt.extension}"]
        url = URIRef(f"{base}download/{info.name}")
        media = URIRef(IANA + fmt.media_type)
        checksum = URIRef(f"{base}catalog#checksum-{info.name}")
        g.add((dataset, DCAT.distribution, dist))
        g.add((dataset, VOID.dataDump, url))
        g.add((media, RDF.type, DCTERMS.MediaType))
        for predicate, value in (
            (RDF.type, DCAT.Distribution),
            (DCTERMS.title, Literal(f"{info.name} ({fmt.media_type})", lang="en")),
            (
                DCTERMS.description,
                Literal(f"The dataset as one {fmt.media_type} file, {info.size} bytes.", lang="en"),
            ),
            (DCAT.accessURL, url),
            (DCAT.downloadURL, url),
            (DCAT.mediaType, media),
            (
                DCTERMS.format,
                codes.term(g, fmt.eu_file_type, DCTERMS.MediaTypeOrExtent),
            ),
            (DCTERMS.license, lic),
            (AVAILABILITY, stable),
            (DCAT.byteSize, Literal(info.size, datatype=XSD.nonNegativeInteger)),
            (SPDX.checksum, checksum),
        ):
            g.add((dist, predicate, value))
        g.add((checksum, RDF.type, SPDX.Checksum))
        g.add((checksum, SPDX.algorithm, SHA256))
        g.add((checksum, SPDX.checksumValue, Literal(info.sha256, datatype=XSD.hexBinary)))
