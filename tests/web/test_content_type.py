"""One Content-Type per format on every route: the format table's (rdf/formats.content_type).

The same format is labelled the same way wherever it comes from: a SPARQL answer (through
the WSGI front or the Flask view), a thing's document, the catalog, the vocabulary, the
service description or a download. Today RDF/XML from /sparql said `charset=utf-8` and from
/doc did not, and N-Triples the other way round.
"""

from __future__ import annotations

import pytest
import requests

from sister_graph.rdf.formats import RDF_FORMATS, RESULT_FORMATS, content_type

CONSTRUCT = "CONSTRUCT WHERE { ?s a <https://schema.org/City> } LIMIT 2"
SELECT = "SELECT ?s WHERE { ?s a <https://schema.org/City> } LIMIT 2"


@pytest.mark.parametrize("fmt", RDF_FORMATS, ids=lambda f: f.name)
def test_rdf_formats_have_one_content_type_on_every_route(site, fmt):
    wanted = content_type(fmt)
    accept = {"Accept": fmt.media_type}
    urls = [
        (site.sparql, {"query": CONSTRUCT}, accept),
        (site.sparql, {"query": CONSTRUCT}, {**accept, "If-None-Match": '"x"'}),  # Flask view
        (site.sparql, {"query": CONSTRUCT, "format": fmt.name}, {}),
        (site.sparql, {}, accept),
        (site.url + "doc/city/graz", {}, accept),
        (site.url + f"doc/city/graz.{fmt.extension}", {}, {}),
        (site.url + f"catalog.{fmt.extension}", {}, {}),
        (site.url + "ontology", {}, accept),
        (site.url + f"download/sister-graph.{fmt.extension}", {}, {}),
    ]
    for url, params, headers in urls:
        answer = requests.get(url, params=params, headers=headers)
        assert answer.status_code == 200, (url, params)
        assert answer.headers["Content-Type"] == wanted, (url, params, headers)


@pytest.mark.parametrize("fmt", RESULT_FORMATS, ids=lambda f: f.name)
def test_result_formats_have_the_table_content_type(site, fmt):
    for headers in ({"Accept": fmt.media_type}, {"Accept": fmt.media_type, "If-Match": "*"}):
        answer = requests.get(site.sparql, params={"query": SELECT}, headers=headers)
        assert answer.status_code == 200
        assert answer.headers["Content-Type"] == content_type(fmt), headers
