"""A broken ontology or shapes file fails the build with its file:line (exit 1), never as an
internal error (exit 70), and leaves dist/ as it was."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from sister_graph.build.turtle_files import read_turtle_file
from sister_graph.errors import SourceError

REPO = Path(__file__).resolve().parents[2]
BASE = "https://w3id.org/sister-graph/"


def test_a_syntax_error_names_line_and_column(tmp_path):
    path = tmp_path / "bad.ttl"
    path.write_text("@prefix ex: <http://example.org/> .\nex:a ex:b ex:c .\n  ex:a ex:b .\n")
    with pytest.raises(SourceError) as caught:
        read_turtle_file(path, base=BASE)
    (problem,) = caught.value.problems
    assert problem.startswith(f"{path}:3:"), problem
    assert "not valid Turtle" in problem


def test_a_file_that_is_not_utf8_is_named(tmp_path):
    path = tmp_path / "latin1.ttl"
    path.write_bytes(
        '<http://example.org/a> <http://example.org/b> "Gra\u010d" .\n'.encode("cp1250")
    )
    with pytest.raises(SourceError) as caught:
        read_turtle_file(path, base=BASE)
    assert caught.value.problems == [f"{path}:1: not UTF-8 (byte 50: invalid continuation byte)"]


def test_a_valid_file_parses(tmp_path):
    path = tmp_path / "ok.ttl"
    path.write_text("<a> <http://example.org/b> 1 .\n")
    assert len(read_turtle_file(path, base=BASE)) == 1


@pytest.mark.parametrize("broken", ["shapes/sister-graph.shapes.ttl", "ontology/sister-graph.ttl"])
def test_a_broken_turtle_input_fails_the_build_with_its_line(tmp_path, broken):
    for folder in ("data", "ontology", "shapes", "vendor"):
        shutil.copytree(REPO / folder, tmp_path / folder)
    env = {**os.environ, "PYTHONHASHSEED": "0"}

    def build() -> subprocess.CompletedProcess:
        return subprocess.run(
            [sys.executable, "-m", "sister_graph", "build"],
            cwd=tmp_path,
            env=env,
            capture_output=True,
            text=True,
        )

    assert build().returncode == 0
    before = {p.name: p.read_bytes() for p in (tmp_path / "dist").iterdir()}
    target = tmp_path / broken
    lines = target.read_text(encoding="utf-8").count("\n")
    with target.open("a", encoding="utf-8") as out:
        out.write("this is not turtle .\n")
    run = build()
    assert run.returncode == 1, run.stderr
    assert f"{broken}:{lines + 1}:1: not valid Turtle" in run.stderr, run.stderr
    assert "internal error" not in run.stderr and "Traceback" not in run.stderr
    assert {p.name: p.read_bytes() for p in (tmp_path / "dist").iterdir()} == before
    assert not list(tmp_path.glob(".dist.*"))
