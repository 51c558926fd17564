"""The quad dump is loaded as one named graph per source page beside the union default graph."""

from __future__ import annotations

import shutil
from pathlib import Path

import pyoxigraph as ox

from sister_graph.build.pipeline import build_dist
from sister_graph.dist.files import read_checksums
from sister_graph.query.store import load_disk_store, read_dataset
from tests.support import BASE, REPO, repo_config

FIXTURE = REPO / "tests" / "fixtures" / "novi-sad"
GRAPHS = "SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } } ORDER BY ?g"
LINES = """PREFIX sg: <https://w3id.org/sister-graph/ontology#>
SELECT ?g ?line WHERE { GRAPH ?g { <%sid/city/banja-luka> sg:sourceLine ?line }
  FILTER(CONTAINS(STR(?g), "/graph/source/")) } ORDER BY ?g"""


def _values(store: ox.Store, query: str) -> list[tuple[str, ...]]:
    return [tuple(term.value for term in row) for row in store.query(query)]


def test_two_publishers_give_two_named_graphs_and_an_unchanged_union(tmp_path: Path) -> None:
    data = tmp_path / "data"
    shutil.copytree(REPO / "data" / "banja-luka", data / "banja-luka")
    shutil.copytree(FIXTURE, data / "novi-sad")
    config = repo_config(tmp_path).with_(data_dir=data)
    built = build_dist(config)
    listed = read_checksums((config.dist_dir / "SHA256SUMS").read_text(encoding="utf-8"))
    assert "sister-graph.nq" in listed
    path, triples = load_disk_store(read_dataset(config.dist_dir), tmp_path / "store")
    store = ox.Store.read_only(str(path))
    assert triples == len(built.graph)  # the published graph is the union, as before
    published = ox.NamedNode(f"{BASE}graph")  # its name; queries get it as the default graph
    union = sum(1 for _ in store.quads_for_pattern(None, None, None, published))
    assert union == len(built.graph)
    assert _values(store, GRAPHS) == [
        (f"{BASE}graph",),
        (f"{BASE}graph/source/banja-luka",),
        (f"{BASE}graph/source/novi-sad",),
    ]
    assert _values(store, LINES % BASE) == [
        (f"{BASE}graph/source/banja-luka", "7"),
        (f"{BASE}graph/source/novi-sad", "5"),
    ]
    quads = (config.dist_dir / "sister-graph.nq").read_text(encoding="utf-8").splitlines()
    assert quads == sorted(quads) and all(q.endswith("> .") for q in quads)
