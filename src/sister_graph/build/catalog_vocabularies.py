"""The EU code lists the catalog takes its controlled values from (vendored subsets).

Every controlled value of the DCAT-AP catalog (availability, licence, licence type, access
rights, file type, frequency, data theme, publisher type, language) must be an IRI of the
official EU vocabularies. `vendor/eu-vocabularies/*.ttl` keeps the concepts the catalog uses,
triple for triple as the Publications Office and SEMIC publish them (see its README).
`CodeLists.term` copies a concept's type, English label and scheme from there into the
catalog, and raises `SourceError` for an IRI the vendored lists do not hold, so a value that
exists in no vocabulary cannot reach the catalog.

Spec: https://semiceu.github.io/DCAT-AP/releases/3.0.1/#controlled-vocabularies-to-be-used
"""

from __future__ import annotations

from pathlib import Path

from rdflib import Graph, Literal, URIRef

from sister_graph.build.turtle_files import read_turtle_file
from sister_graph.errors import SourceError
from sister_graph.rdf.namespaces import DCTERMS, RDF, RDFS, SKOS

EU = "http://publications.europa.eu/resource/authority/"
ADMS_VOCABULARY = "http://purl.org/adms/"
CODE_LISTS = "eu-vocabularies"


def read_code_lists(vendor_dir: Path) -> Graph:
    """Read every vendored code list (vendor_dir/eu-vocabularies/*.ttl) into one graph.

    Raises SourceError naming the folder when it holds no code list, and the file when one is
    not Turtle (turtle_files.read_turtle_file).
    """
    folder = Path(vendor_dir) / CODE_LISTS
    files = sorted(folder.glob("*.ttl"))
    if not files:
        raise SourceError(f"{folder}: no vendored EU code lists (*.ttl) found")
    graph = Graph()
    for path in files:
        graph += read_turtle_file(path)
    return graph


class CodeLists:
    """Look up controlled values in the vendored code lists and copy them into a catalog."""

    def __init__(self, vocabularies: Graph) -> None:
        self.v = vocabularies

    def has(self, iri: str) -> bool:
        """Tell whether the vendored lists hold this concept (it has a skos:inScheme)."""
        return self.v.value(URIRef(iri), SKOS.inScheme) is not None

    def term(self, g: Graph, iri: str, *kinds: URIRef) -> URIRef:
        """Add a concept to the catalog: its type, English prefLabel and scheme, from the lists.

        `kinds` are the DCTERMS/DCAT range classes the catalog uses it as (e.g. dct:Frequency).
        Raises SourceError if the IRI is in none of the vendored code lists.
        """
        node = URIRef(iri)
        scheme = self.v.value(node, SKOS.inScheme)
        if scheme is None:
            raise SourceError(
                f"catalog value <{iri}> is in no vendored EU code list ({CODE_LISTS}/)"
            )
        for kind in (*kinds, SKOS.Concept):
            g.add((node, RDF.type, kind))
        g.add((node, SKOS.inScheme, scheme))
        for label in self.v.objects(node, SKOS.prefLabel):
            if isinstance(label, Literal) and label.language == "en":
                g.add((node, SKOS.prefLabel, label))
        self.scheme(g, scheme)
        return node

    def scheme(self, g: Graph, scheme: URIRef) -> URIRef:
        """Describe a code list as the catalog's category scheme: type and title (its label)."""
        g.add((scheme, RDF.type, SKOS.ConceptScheme))
        labels = [
            label
            for predicate in (SKOS.prefLabel, RDFS.label)
            for label in self.v.objects(scheme, predicate)
            if isinstance(label, Literal) and label.language == "en"
        ]
        # Tables whose vendored triples carry no label are titled by their code in the IRI.
        title = labels[0] if labels else Literal(str(scheme).rstrip("/").rpartition("/")[2])
        g.set((scheme, DCTERMS.title, title))
        return scheme
