"""dist/: four equivalent dumps, checksums, reproducible bytes, and all-or-nothing writes."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import warnings
from pathlib import Path

import pytest
from rdflib import Graph
from rdflib.compare import isomorphic

from sister_graph.dist.files import check_dist, sha256_hex, write_dist
from sister_graph.errors import DatasetMissing, NotADist, RoundTripFailed, ValidationFailed
from tests.support import repo_config

REPO = Path(__file__).resolve().parents[2]
DUMPS = {
    "sister-graph.ttl": "turtle",
    "sister-graph.nt": "nt",
    "sister-graph.rdf": "xml",
    "sister-graph.jsonld": "json-ld",
}
RAPPER = {"sister-graph.ttl": "turtle", "sister-graph.nt": "ntriples", "sister-graph.rdf": "rdfxml"}


def test_dist_has_every_published_file(built):
    config, _ = built
    # hidden entries are not published: a query on the built dist/ leaves its store in .store
    names = {p.name for p in config.dist_dir.iterdir() if not p.name.startswith(".")}
    assert names >= {*DUMPS, "context.jsonld", "catalog.ttl", "validation-report.ttl", "SHA256SUMS"}
    assert set(check_dist(config.dist_dir)) == names - {"SHA256SUMS"}


def test_all_dumps_hold_the_same_graph(built):
    config, result = built
    with (
        warnings.catch_warnings()
    ):  # rdflib's own JSON-LD parser uses its deprecated ConjunctiveGraph
        warnings.simplefilter("ignore", DeprecationWarning)
        graphs = {n: Graph().parse(config.dist_dir / n, format=f) for n, f in DUMPS.items()}
    for name, graph in graphs.items():
        assert len(graph) == len(result.graph), name
        assert isomorphic(graph, graphs["sister-graph.nt"]), name


@pytest.mark.skipif(
    shutil.which("rapper") is None,
    reason="rapper (Debian raptor2-utils) is not installed; .ci/run installs it",
)
@pytest.mark.parametrize("name", sorted(RAPPER))
def test_independent_parser_rapper_counts_the_same_triples(built, name):
    config, result = built
    run = subprocess.run(
        ["rapper", "-c", "-i", RAPPER[name], str(config.dist_dir / name)],
        capture_output=True,
        text=True,
        check=True,
    )
    assert f"returned {len(result.graph)} triples" in run.stderr


def test_independent_parser_pyld_reads_the_jsonld(built):
    from pyld import jsonld

    config, result = built
    document = json.loads((config.dist_dir / "sister-graph.jsonld").read_text(encoding="utf-8"))
    assert isinstance(document["@context"], dict), "the context is inline (works offline)"
    nquads = jsonld.to_rdf(document, {"format": "application/n-quads"})
    assert len([line for line in nquads.splitlines() if line.strip()]) == len(result.graph)
    published = json.loads((config.dist_dir / "context.jsonld").read_text(encoding="utf-8"))
    assert published["@context"] == document["@context"]


def _cli(*args: str, cwd: Path, seed: str = "0") -> subprocess.CompletedProcess:
    env = {**os.environ, "PYTHONHASHSEED": seed}
    return subprocess.run(
        [sys.executable, "-m", "sister_graph", *args],
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
    )


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """A copy of the project's inputs (data, ontology, shapes) to run the CLI in."""
    for folder in ("data", "ontology", "shapes", "vendor"):
        shutil.copytree(REPO / folder, tmp_path / folder)
    return tmp_path


def test_two_builds_are_byte_identical(project):
    assert _cli("build", cwd=project, seed="1").returncode == 0
    first = {p.name: p.read_bytes() for p in (project / "dist").iterdir()}
    assert _cli("build", cwd=project, seed="2").returncode == 0
    second = {p.name: p.read_bytes() for p in (project / "dist").iterdir()}
    assert first["SHA256SUMS"] == second["SHA256SUMS"]
    assert first == second


def test_broken_csv_fails_and_leaves_dist_untouched(project):
    assert _cli("build", cwd=project).returncode == 0
    before = {p.name: p.read_bytes() for p in (project / "dist").iterdir()}
    agreements = project / "data" / "banja-luka" / "agreements.csv"
    agreements.write_text(
        agreements.read_text(encoding="utf-8").replace("2012-11-11", "2012-11-31"), encoding="utf-8"
    )
    run = _cli("build", cwd=project)
    assert run.returncode == 1
    assert "data/banja-luka/agreements.csv:5: column 'signed'" in run.stderr
    assert "Traceback" not in run.stderr
    assert {p.name: p.read_bytes() for p in (project / "dist").iterdir()} == before
    assert not list(project.glob(".dist.*")), "no temporary folder is left behind"


def test_shacl_violation_fails_the_build_and_names_the_row(project):
    shapes = project / "shapes" / "sister-graph.shapes.ttl"
    text = shapes.read_text(encoding="utf-8")
    shapes.write_text(
        text.replace(
            "sh:minInclusive -90 ; sh:maxInclusive 90", "sh:minInclusive 45 ; sh:maxInclusive 90"
        ),
        encoding="utf-8",
    )
    run = _cli("build", cwd=project)
    assert run.returncode == 1
    assert "SHACL" in run.stderr
    assert (
        "data/banja-luka/cities.csv:2: <https://w3id.org/sister-graph/id/city/banja-luka>"
        in run.stderr
    )
    assert not (project / "dist").exists()


def test_a_violation_found_while_the_dumps_are_written_is_the_error_reported(project, monkeypatch):
    """SHACL runs in a thread beside the writing: its violation wins over a writing failure
    it may have caused, and the previous dist/ stays as it was."""
    from sister_graph.build import render
    from sister_graph.build.pipeline import build_dist

    config = repo_config(project).with_(data_dir=project / "data", shapes_dir=project / "shapes")
    build_dist(config)
    before = {p.name: p.read_bytes() for p in (project / "dist").iterdir()}
    shapes = project / "shapes" / "sister-graph.shapes.ttl"
    text = shapes.read_text(encoding="utf-8")
    shapes.write_text(
        text.replace("sh:minInclusive -90 ; sh:maxInclusive 90", "sh:minInclusive 45"),
        encoding="utf-8",
    )

    def failing_with(failure: Exception):
        def failing(*_args, **_kwargs):
            raise failure

        return failing

    for failure in (RoundTripFailed("sister-graph.nt: does not read back"), OSError(28, "full")):
        # the dumps are written before the report is read
        monkeypatch.setattr(render, "_write_streamed", failing_with(failure))
        with pytest.raises(ValidationFailed) as failed:
            build_dist(config)
        assert any("cities.csv:2:" in line for line in failed.value.problems)
        assert {p.name: p.read_bytes() for p in (project / "dist").iterdir()} == before
        assert not list(project.glob(".dist.*"))
    shapes.write_text(text, encoding="utf-8")
    monkeypatch.setattr(
        render, "_write_streamed", failing_with(RoundTripFailed("nt: does not read back"))
    )
    with pytest.raises(RoundTripFailed, match="does not read back"):
        build_dist(config)  # no violation: the writing's own failure
    assert {p.name: p.read_bytes() for p in (project / "dist").iterdir()} == before


def test_failure_while_writing_keeps_the_previous_dist(tmp_path, monkeypatch):
    dist = tmp_path / "dist"
    old_sums = (sha256_hex(b"old\n") + "  a.txt\n").encode()
    write_dist({"a.txt": b"old\n", "SHA256SUMS": old_sums}, dist)
    calls = []

    def failing_fsync(fd: int) -> None:
        calls.append(fd)
        if len(calls) == 2:
            raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "fsync", failing_fsync)
    with pytest.raises(OSError):
        write_dist({"a.txt": b"new\n", "b.txt": b"new\n"}, dist)
    assert sorted(p.name for p in dist.iterdir()) == ["SHA256SUMS", "a.txt"]
    assert (dist / "a.txt").read_bytes() == b"old\n"
    assert not list(tmp_path.glob(".dist.*"))


def test_corrupted_dist_is_detected(built, tmp_path):
    config, _ = built
    copy = tmp_path / "dist"
    shutil.copytree(config.dist_dir, copy)
    with open(copy / "sister-graph.nt", "ab") as handle:
        handle.write(b"<urn:x> <urn:y> <urn:z> .\n")
    with pytest.raises(DatasetMissing, match="does not match its checksum"):
        check_dist(copy)
    (copy / "sister-graph.nt").unlink()
    with pytest.raises(DatasetMissing, match="missing"):
        check_dist(copy)
    with pytest.raises(DatasetMissing, match="no dist/ here: run `sister-graph build`"):
        check_dist(tmp_path / "nowhere")


@pytest.mark.parametrize(
    "foreign",
    [
        {"notes.txt": b"precious\n"},  # a folder of other files (--dist-dir . or /etc)
        {"SHA256SUMS": b"", "passwd": b"root:x:0:0\n"},  # a checksum file listing nothing
        {"SHA256SUMS": b"ab12  sister-graph.nt\n", "sister-graph.nt": b"", "x.txt": b"x"},
    ],
)
def test_a_folder_no_build_wrote_is_never_replaced(tmp_path, foreign):
    dist = tmp_path / "mine"
    dist.mkdir()
    for name, data in foreign.items():
        (dist / name).write_bytes(data)
    with pytest.raises(NotADist, match="holds files no build wrote"):
        write_dist({"a.txt": b"new\n"}, dist)
    assert {p.name: p.read_bytes() for p in dist.iterdir()} == foreign
    assert not list(tmp_path.glob(".mine.*"))


def test_build_and_serve_refuse_a_foreign_dist_dir_before_any_work(project):
    # the example: `sister-graph --dist-dir /etc serve` built and replaced /etc, deleting it
    (project / "mine").mkdir()
    (project / "mine" / "notes.txt").write_text("precious\n", encoding="utf-8")
    (project / "afile").write_text("precious\n", encoding="utf-8")
    for target, complaint in (
        ("mine", "holds files no build wrote (notes.txt)"),
        ("afile", "is not a folder"),
    ):
        for args in (["build"], ["serve", "--port", "0"]):
            run = _cli("--dist-dir", target, *args, cwd=project)
            assert run.returncode == 1, run.stderr
            assert complaint in run.stderr and "Traceback" not in run.stderr
            assert len(run.stderr.strip().splitlines()) == 1, run.stderr
    assert (project / "mine" / "notes.txt").read_text(encoding="utf-8") == "precious\n"
    assert (project / "afile").read_text(encoding="utf-8") == "precious\n"
    assert [p.name for p in (project / "mine").iterdir()] == ["notes.txt"]


def test_an_empty_folder_or_a_previous_dist_with_its_stores_is_replaced(tmp_path):
    dist = tmp_path / "dist"
    dist.mkdir()
    for data in (b"1\n", b"2\n"):
        write_dist({"a.txt": data, "SHA256SUMS": (sha256_hex(data) + "  a.txt\n").encode()}, dist)
        (dist / ".store").mkdir(exist_ok=True)  # the query stores live in dist/.store by default
    assert (dist / "a.txt").read_bytes() == b"2\n"


def test_a_second_build_while_one_writes_dist_is_refused_and_leaves_it_writing(tmp_path):
    # two `sister-graph build`s at once (two terminals): the second deleted the first's
    # staging folder as stale, and the first failed with "[Errno 2] No such file or directory:
    # '.../.dist.tmp-z8ow9bs3/validation-report.ttl'"
    from sister_graph.dist.files import staged_dist

    def files(data: bytes) -> dict[str, bytes]:
        return {"a.txt": data, "SHA256SUMS": (sha256_hex(data) + "  a.txt\n").encode()}

    dist = tmp_path / "dist"
    write_dist(files(b"1\n"), dist)
    with staged_dist(dist) as first:
        for name, data in files(b"2\n").items():
            first.write(name, data)
        with pytest.raises(NotADist, match="another build is writing it"), staged_dist(dist):
            pass
        assert first.path("a.txt").read_bytes() == b"2\n"
    assert (dist / "a.txt").read_bytes() == b"2\n"
    write_dist(files(b"3\n"), dist)  # the lock ends with the build
    assert (dist / "a.txt").read_bytes() == b"3\n"


def test_builds_into_sibling_folders_do_not_lock_each_other(tmp_path):
    # the lock was an flock on the parent folder: a build into site-a/dist refused one into
    # site-a/dist-preview ('another build is writing it (or a dist/ beside it)')
    from sister_graph.dist.files import staged_dist

    def files(data: bytes) -> dict[str, bytes]:
        return {"a.txt": data, "SHA256SUMS": (sha256_hex(data) + "  a.txt\n").encode()}

    with staged_dist(tmp_path / "dist") as first:
        for name, data in files(b"1\n").items():
            first.write(name, data)
        with staged_dist(tmp_path / "dist-preview") as second:
            for name, data in files(b"2\n").items():
                second.write(name, data)
        with (
            pytest.raises(NotADist, match="another build is writing it"),
            staged_dist(tmp_path / "dist"),
        ):
            pass
    assert (tmp_path / "dist" / "a.txt").read_bytes() == b"1\n"
    assert (tmp_path / "dist-preview" / "a.txt").read_bytes() == b"2\n"
