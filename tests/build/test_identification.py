"""Sources other than the page that identify a city: PROV entities, not only a note's text."""

from __future__ import annotations

from pathlib import Path

import pytest
from rdflib import Literal

from sister_graph.build.sources import read_sources
from sister_graph.errors import SourceError
from sister_graph.rdf.namespaces import PROV, RDF, id_namespace, sg_namespace

BASE = "https://w3id.org/sister-graph/"
SG, ID = sg_namespace(BASE), id_namespace(BASE)


def test_modiin_is_identified_by_three_sources_each_with_its_quote(built):
    _, result = built
    graph = result.graph
    sources = set(graph.objects(ID["city/modiin"], SG.identifiedBy))
    assert len(sources) == 3
    for source in sources:
        assert (source, RDF.type, PROV.Entity) in graph
        assert graph.value(source, SG.quote) is not None
    quotes = {graph.value(s, SG.quote) for s in sources}
    assert Literal("делегацију израелског града партнера Модина", lang="sr-Cyrl") in quotes
    assert Literal("Mayor of the City of Modi'in-Maccabim-Reut, Haim Bibas", lang="en") in quotes
    status = graph.value(ID["city/modiin"], SG.identificationStatus)
    assert status == ID["concept/identification/attested"]


def test_a_source_for_a_city_not_in_cities_csv_is_named(data_copy: Path):
    path = data_copy / "banja-luka" / "identifications.csv"
    text = path.read_text(encoding="utf-8").replace("modiin-glas-srpske,modiin,", "x-y,modena,")
    path.write_text(text, encoding="utf-8")
    with pytest.raises(SourceError) as failure:
        read_sources(data_copy)
    assert failure.value.problems == [
        "data/banja-luka/identifications.csv:2: column 'city': 'modena' is not in cities.csv"
    ]
