"""Check the catalog against the official DCAT-AP 3.0.1 SHACL shapes before it is published.

The five SEMIC files (vendor/dcat-ap/: core, ranges, recommended, deprecated IRIs and the
controlled-vocabulary shapes) are loaded together, as the EU Interoperability Testbed's
"Full" and "Codelists" profiles do. A Violation stops the build; Warnings are reported. One
Warning is expected and allowed: the controlled-vocabulary file advises an EU corporate-body
IRI for every publisher, which a city outside the EU institutions does not have (the catalog
never asserts one it doesn't have).

Spec: https://semiceu.github.io/DCAT-AP/releases/3.0.1/#validation-of-dcat-ap
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pyshacl
from rdflib import Graph, Literal, URIRef

from sister_graph.build.turtle_files import read_turtle_file
from sister_graph.errors import SourceError
from sister_graph.rdf.namespaces import DCTERMS, SH

SHAPE_FILES = (
    "shapes.ttl",
    "range.ttl",
    "shapes_recommended.ttl",
    "deprecateduris.ttl",
    "mdr-vocabularies.shape.ttl",
)
# Class axioms of FOAF and DCTERMS the range shapes rely on (vendor/dcat-ap/README.md).
AXIOMS = """
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix foaf: <http://xmlns.com/foaf/0.1/> .
@prefix dct: <http://purl.org/dc/terms/> .
foaf:Organization rdfs:subClassOf foaf:Agent .
dct:MediaType rdfs:subClassOf dct:MediaTypeOrExtent .
"""
CORPORATE_BODY = "CorporateBodyRestriction"


@dataclass(frozen=True)
class CatalogCheck:
    """The DCAT-AP verdict on a catalog: one line per violation and per warning.

    `allowed` holds one line per dct:publisher statement given the corporate-body advice
    (the catalog, the service and every dataset state one); `advised_publishers` the distinct
    publisher IRIs those statements name, sorted.
    """

    violations: tuple[str, ...]
    warnings: tuple[str, ...]
    allowed: tuple[str, ...]
    advised_publishers: tuple[str, ...] = ()

    @property
    def conforms(self) -> bool:
        return not self.violations


def read_dcat_ap_shapes(vendor_dir: Path) -> Graph:
    """Read the five vendored SEMIC DCAT-AP 3.0.1 shape files.

    Raises SourceError naming the first missing file, or one that is not Turtle.
    """
    folder = Path(vendor_dir) / "dcat-ap"
    shapes = Graph()
    for name in SHAPE_FILES:
        path = folder / name
        if not path.exists():
            raise SourceError(f"{path}: DCAT-AP shape file is missing")
        shapes += read_turtle_file(path)
    return shapes


def check_catalog(catalog: Graph, shapes: Graph) -> CatalogCheck:
    """Validate the catalog; sort the results into violations, warnings and the allowed advice."""
    _, report, _ = pyshacl.validate(
        catalog,
        shacl_graph=shapes,
        ont_graph=Graph().parse(data=AXIOMS, format="turtle"),
        inference="none",
        allow_warnings=True,
    )
    found: dict[str, list[str]] = {"violation": [], "warning": [], "allowed": []}
    advised: set[str] = set()
    for result in report.objects(None, SH.result):
        severity = report.value(result, SH.resultSeverity)
        path = report.value(result, SH.resultPath)
        message = str(report.value(result, SH.resultMessage) or "violates a shape")
        line = f"<{report.value(result, SH.focusNode)}> {_short(path)}: {message}"
        if severity == SH.Violation:
            found["violation"].append(line)
        elif path == DCTERMS.publisher and CORPORATE_BODY in message:
            found["allowed"].append(line)
            advised.add(str(report.value(result, SH.value)))
        else:
            found["warning"].append(line)
    lines = (tuple(sorted(found[k])) for k in ("violation", "warning", "allowed"))
    return CatalogCheck(*lines, advised_publishers=tuple(sorted(advised)))


def _short(path) -> str:
    if isinstance(path, URIRef):
        return path.rpartition("/")[2].replace("#", ":")
    return str(path) if isinstance(path, Literal) else "shape"
