"""The build pipeline end to end: sources -> graph -> SHACL -> dist/ (IO at this edge only)."""

from __future__ import annotations

from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

from rdflib import Graph, URIRef

from sister_graph.build import bundled
from sister_graph.build.catalog import Deployer
from sister_graph.build.catalog_check import CatalogCheck, check_catalog, read_dcat_ap_shapes
from sister_graph.build.catalog_vocabularies import read_code_lists
from sister_graph.build.evidence import agreements_by_id, evidence_graphs, read_partner_evidence
from sister_graph.build.gc_control import paused_gc
from sister_graph.build.graph import read_ontology
from sister_graph.build.render import write_dist_files
from sister_graph.build.source_triples import Triple, build_union
from sister_graph.build.sources import read_sources
from sister_graph.build.validate import Validation, origins, read_shapes, validate_graph
from sister_graph.dist.files import check_replaceable, staged_dist
from sister_graph.errors import SisterGraphError, SourceError, ValidationFailed
from sister_graph.settings import Config

Progress = Callable[[str], None]


@dataclass(frozen=True)
class Built:
    """A built and validated graph, ready to publish.

    `source_graphs` holds each source page's graph (by its name) as its triples.
    """

    graph: Graph
    validation: Validation
    source_graphs: dict[URIRef, tuple[Triple, ...]]
    catalog: CatalogCheck | None = None


def read_all_shapes(shapes_dir: Path, *, base: str) -> Graph:
    """Read and merge every *.ttl file of the shapes folder."""
    files = sorted(shapes_dir.glob("*.ttl"))
    if not files:
        raise SourceError(f"{shapes_dir}: no SHACL shapes (*.ttl) found")
    shapes = Graph()
    for path in files:
        shapes += read_shapes(path, base=base)
    return shapes


def build_and_validate(config: Config, progress: Progress = lambda _: None) -> Built:
    """Read and check the sources, build the graph, validate it; raise on any problem."""
    graph, source_graphs, validate = build_graph(config, progress)
    return Built(graph, validate(), source_graphs)


def build_graph(
    config: Config, progress: Progress = lambda _: None
) -> tuple[Graph, dict[URIRef, tuple[Triple, ...]], Callable[[], Validation]]:
    """Read and check the sources and build the graph; raise on any problem.

    Returns the graph, each source page's triples, and a function that validates the graph
    against the shapes (Validation; raises ValidationFailed when it does not conform).
    """
    progress(f"reading sources in {config.data_dir}/")
    sources = read_sources(config.data_dir)
    evidence = read_partner_evidence(config.data_dir, sources)
    ontology_path, shapes_path = bundled.ontology_file(config), bundled.shapes_dir(config)
    if not ontology_path.exists():
        raise SourceError(f"{ontology_path}: ontology file is missing")
    ontology = read_ontology(ontology_path, base=config.base)
    progress("building the graph")
    with paused_gc():
        partners = evidence_graphs(evidence, agreements_by_id(sources), base=config.base)
        graph, source_graphs = build_union(
            sources, base=config.base, ontology=ontology, more=partners
        )
        del partners, ontology
    shapes = read_all_shapes(shapes_path, base=config.base)
    where = origins(sources, base=config.base)

    def validate() -> Validation:
        progress(f"validating {len(graph)} triples against {shapes_path}/")
        validation = validate_graph(graph, shapes, where=where)
        progress(f"validated {len(graph)} triples: {len(validation.problems)} violation(s)")
        if not validation.conforms:
            raise ValidationFailed(
                f"the graph violates {len(validation.problems)} SHACL constraint(s)",
                problems=list(validation.problems),
            )
        return validation

    return graph, source_graphs, validate


def build_dist(config: Config, progress: Progress = lambda _: None) -> Built:
    """Build, validate and publish dist/ atomically; dist/ is untouched unless all succeeds.

    The graph is validated in a second thread while the dumps are written into the staging
    folder (the SHACL engines spend most of their time without the GIL: on 2 CPUs the 1M
    graph's validation and dumps overlap); the report is written once validation ends, and a
    violation is reported before any problem of the writing. Config has checked release_date
    already (settings.SETTINGS). Raises NotADist first, before any work, when dist_dir holds
    files no build wrote.
    """
    check_replaceable(config.dist_dir.absolute())
    graph, source_graphs, validate = build_graph(config, progress)
    vendor = bundled.vendor_dir(config)
    vocabularies = read_code_lists(vendor)
    dcat_ap = read_dcat_ap_shapes(vendor)
    progress(f"writing {config.dist_dir}/")  # into a staging folder, swapped in when complete
    with (
        ThreadPoolExecutor(max_workers=1, thread_name_prefix="sg-shacl") as shacl,
        staged_dist(config.dist_dir) as staging,
    ):
        validating = shacl.submit(validate)
        try:
            with paused_gc():  # millions of lasting objects (triples, lines, nodes), few cycles
                write_dist_files(
                    staging,
                    graph,
                    lambda: validating.result().report,
                    base=config.base,
                    vocabularies=vocabularies,
                    deployer=deployer(config),
                    issued=config.release_date,
                    source_graphs=source_graphs,
                    progress=progress,
                )
        except (SisterGraphError, OSError):  # a full disk too
            validating.result()  # a SHACL violation is the first problem to report
            raise
        progress("checking catalog.ttl against the DCAT-AP 3.0.1 shapes")
        published = Graph().parse(data=staging.read("catalog.ttl"), format="turtle")
        verdict = check_catalog(published, dcat_ap)
        if not verdict.conforms:
            raise ValidationFailed(
                f"the catalog violates {len(verdict.violations)} DCAT-AP 3.0.1 constraint(s)",
                problems=[f"catalog.ttl: {line}" for line in verdict.violations],
            )
    return Built(graph, validating.result(), source_graphs, verdict)


def deployer(config: Config) -> Deployer:
    """Return the deployer the settings describe (publisher, contact, licence)."""
    return Deployer(
        name=config.publisher_name,
        email=config.contact_email,
        type=config.publisher_type,
        license=config.license,
        license_title=config.license_title,
        license_type=config.license_type,
    )
