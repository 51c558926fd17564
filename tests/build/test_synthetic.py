"""Synthetic sources: same shape as data/, pass the source checks and SHACL, reproducible."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from sister_graph.build.pipeline import build_and_validate
from sister_graph.build.sources import read_sources
from sister_graph.build.synthetic import agreements_for_triples, build_synthetic
from sister_graph.cli import cli
from sister_graph.settings import Config
from tests.support import REPO


def _config(data: Path, tmp: Path) -> Config:
    return Config(
        data_dir=data,
        dist_dir=tmp / "dist",
        ontology_file=REPO / "ontology" / "sister-graph.ttl",
        shapes_dir=REPO / "shapes",
        vendor_dir=REPO / "vendor",
    )


def _generate(out: Path, *args: str) -> str:
    result = CliRunner().invoke(cli, ["generate", *args, str(out)])
    assert result.exit_code == 0, result.output
    return result.output


def _files(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*.*"))}


def test_same_seed_gives_identical_files(tmp_path: Path) -> None:
    for name in ("a", "b"):
        _generate(tmp_path / name, "--publishers", "2", "--agreements", "30", "--seed", "7")
    assert _files(tmp_path / "a") == _files(tmp_path / "b")


def test_another_seed_gives_other_data(tmp_path: Path) -> None:
    _generate(tmp_path / "a", "--agreements", "30", "--seed", "1")
    _generate(tmp_path / "b", "--agreements", "30", "--seed", "2")
    assert _files(tmp_path / "a") != _files(tmp_path / "b")


def test_generated_folder_has_the_layout_of_data(tmp_path: Path) -> None:
    _generate(tmp_path / "out", "--publishers", "3", "--agreements", "5")
    folders = sorted(p for p in (tmp_path / "out").iterdir())
    assert len(folders) == 3
    # every file a folder needs (Banja Luka's optional ones, e.g. its claims, may be absent)
    required = {"publisher.csv", "cities.csv", "agreements.csv", "concepts.csv"}
    assert required <= {p.name for p in (REPO / "data" / "banja-luka").glob("*.csv")}
    for folder in folders:
        assert required <= {p.name for p in folder.glob("*.csv")}
        assert (folder / "source" / "page.txt").is_file()


def test_every_row_cites_a_page_line_that_holds_its_words(tmp_path: Path) -> None:
    _generate(tmp_path / "out", "--agreements", "200", "--seed", "3")
    (sources,) = read_sources(tmp_path / "out")  # raises SourceError on any failed citation
    lines = sources.publisher.page_lines
    for agreement in sources.agreements:
        partner = next(c for c in sources.cities if c.id == agreement.partner)
        assert partner.page_form in lines[agreement.cited.source_line - 1]
    assert len(sources.agreements) == 200


@pytest.mark.parametrize("triples", [1_000, 10_000])
def test_sized_by_triples_builds_about_that_many_and_conforms(tmp_path: Path, triples) -> None:
    _generate(tmp_path / "out", "--triples", str(triples))
    built = build_and_validate(_config(tmp_path / "out", tmp_path))
    assert built.validation.conforms
    assert abs(len(built.graph) - triples) / triples < 0.1


def test_sizing_is_about_linear_in_agreements() -> None:
    assert agreements_for_triples(1_000_000, publishers=1) == pytest.approx(14_487, rel=0.01)
    assert agreements_for_triples(1_000_000, publishers=4) < 6_000


def test_generate_needs_exactly_one_size(tmp_path: Path) -> None:
    result = CliRunner().invoke(cli, ["generate", str(tmp_path / "x")])
    assert result.exit_code == 2
    assert "--agreements or --triples" in result.output


def test_generate_refuses_a_folder_with_files(tmp_path: Path) -> None:
    (tmp_path / "keep.txt").write_text("mine", encoding="utf-8")
    result = CliRunner().invoke(cli, ["generate", "--agreements", "2", str(tmp_path)])
    assert result.exit_code == 2
    assert (tmp_path / "keep.txt").read_text(encoding="utf-8") == "mine"


def test_pure_generator_returns_text_by_relative_path() -> None:
    files = build_synthetic(publishers=1, agreements=3, seed=0)
    assert all(not Path(name).is_absolute() for name in files)
    assert sum(name.endswith("agreements.csv") for name in files) == 1
