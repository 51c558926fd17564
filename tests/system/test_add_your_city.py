"""The README's "Add your city" section, walked through step by step with a fixture page."""

from __future__ import annotations

import csv
import re
import shlex
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from sister_graph.cli import cli
from tests.support import REPO

PAGE = REPO / "tests" / "fixtures" / "novi-sad" / "source" / "page.txt"
URL = "https://example.org/novi-sad/medjunarodna-saradnja"


def _section() -> str:
    text = (REPO / "README.md").read_text(encoding="utf-8")
    start = text.index("## Add your city\n")
    return text[start : text.index("\n## ", start + 1)]


def _steps(section: str) -> list[tuple[str, list[str]]]:
    """Return each numbered step's title and the sister-graph commands in its code block."""
    steps = []
    for match in re.finditer(r"^(\d)\. \*\*(.+?)\*\*(.*?)(?=^\d\. \*\*|\Z)", section, re.M | re.S):
        commands = re.findall(r"^\s*(sister-graph .+)$", match.group(3), re.M)
        steps.append((match.group(2), commands))
    return steps


def _review(csv_path: Path, fill: dict[str, dict[str, str]]) -> None:
    """Do what step 3 says: fill what is empty, then delete the review column."""
    with csv_path.open(encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f))
        header = [c for c in (rows[0].keys() if rows else []) if c != "review"]
    if not rows:
        return
    for row in rows:
        wanted = fill.get(row.get("id", ""), {})
        row.update({column: value for column, value in wanted.items() if column in row})
        row.pop("review")
    with csv_path.open("w", encoding="utf-8", newline="") as f:
        writer = csv.DictWriter(f, fieldnames=header, lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)


def _run(command: str) -> str:
    args = shlex.split(command.replace("PAGE.txt", "page.txt").replace("URL", URL))
    assert args[0] == "sister-graph"
    result = CliRunner().invoke(cli, args[1:])
    assert result.exit_code == 0, f"{command}: {result.output}"
    return result.output


def test_add_your_city_step_by_step(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    steps = _steps(_section())
    assert [title for title, _ in steps] == [
        "Save the page text",
        "Create the folder",
        "Review every row",
        "Check",
        "Publish",
    ]
    for folder in ("data", "ontology", "shapes", "vendor"):
        shutil.copytree(REPO / folder, tmp_path / folder)
    shutil.rmtree(tmp_path / "data" / "novi-sad")  # the fixture page stands in for a new city
    monkeypatch.chdir(tmp_path)
    # 1. the page text, saved as published
    shutil.copyfile(PAGE, tmp_path / "page.txt")
    # 2. create the folder
    (init,) = steps[1][1]
    assert init.startswith("sister-graph init data/novi-sad ")
    output = _run(init)
    assert "review" in output
    folder = tmp_path / "data" / "novi-sad"
    assert (folder / "source" / "page.txt").read_bytes() == PAGE.read_bytes()
    # before the review, the build refuses the proposals
    refused = CliRunner().invoke(cli, ["validate"])
    assert refused.exit_code == 1 and "column 'review'" in refused.output
    # 3. review: the clerk fills the own city's page form and line, and deletes 'review'
    assert steps[2][1] == []
    own_city = {"novi-sad": {"page_form": "Novi Sad", "source_line": "4"}}
    for name in ("publisher.csv", "cities.csv", "agreements.csv", "concepts.csv"):
        _review(folder / name, own_city if name == "cities.csv" else {})
    # 4. check, 5. publish
    (validate,) = steps[3][1]
    assert "valid" in _run(validate)
    (build,) = steps[4][1]
    assert "conforms" in _run(build)
    quads = (tmp_path / "dist" / "sister-graph.nq").read_text(encoding="utf-8")
    assert "/graph/source/novi-sad> ." in quads and "/graph/source/banja-luka> ." in quads
