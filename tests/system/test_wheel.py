"""The installed package is complete: a wheel built from the repository, installed (not editable)
in a fresh venv, builds a folder that holds only data/ (ontology, shapes and example queries
come from inside the wheel)."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import sysconfig
from pathlib import Path

import pytest

from tests.support import REPO

SOURCES = (
    "pyproject.toml",
    "setup.py",
    "MANIFEST.in",
    "README.md",
    "src",
    "ontology",
    "shapes",
    "vendor",
)


def run(*args, cwd: Path | None = None) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "PYTHONHOME")}
    result = subprocess.run(
        [str(a) for a in args],
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        timeout=240,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    return result


@pytest.mark.timeout(300)
def test_a_wheel_installed_in_a_fresh_venv_builds_a_folder_holding_only_data(tmp_path):
    clone = tmp_path / "clone"  # build from a copy: an in-tree build would write into the repo
    clone.mkdir()
    for name in SOURCES:
        if (REPO / name).is_dir():
            shutil.copytree(REPO / name, clone / name, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            shutil.copy2(REPO / name, clone / name)
    run(sys.executable, "-m", "pip", "wheel", clone, "--no-deps", "-q", "-w", tmp_path / "wheel")
    (wheel,) = (tmp_path / "wheel").glob("sister_graph-*.whl")

    venv = tmp_path / "venv"
    run(sys.executable, "-m", "venv", "--without-pip", venv)
    python = venv / "bin" / "python"
    run(sys.executable, "-m", "pip", "--python", python, "install", "-q", "--no-deps", wheel)
    # the dependencies come from the test environment's site-packages (no download), but
    # not its editable sister_graph: a .pth line adds a folder, never that folder's .pth files
    site = run(python, "-c", "import sysconfig; print(sysconfig.get_path('purelib'))")
    deps = sysconfig.get_path("purelib")
    (Path(site.stdout.strip()) / "test-deps.pth").write_text(deps + "\n", encoding="utf-8")
    where = run(python, "-c", "import sister_graph; print(sister_graph.__file__)").stdout
    assert where.startswith(str(venv)), where

    work = tmp_path / "work"
    shutil.copytree(REPO / "data", work / "data")
    assert sorted(p.name for p in work.iterdir()) == ["data"]
    built = run(venv / "bin" / "sister-graph", "build", cwd=work)
    assert "conforms to the shapes" in built.stdout
    assert (work / "dist" / "SHA256SUMS").is_file()
    assert (work / "dist" / "sister-graph.ttl").stat().st_size > 10_000
    examples = run(
        python,
        "-c",
        "from sister_graph.views.examples import read_examples; print(len(read_examples()))",
        cwd=work,
    )
    assert int(examples.stdout) >= 12
