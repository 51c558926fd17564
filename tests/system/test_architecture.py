"""The source tree shows the pipeline: imports between subpackages point one way only.

Layers, bottom to top: errors < settings < rdf < dist < build | query < views < web < cli.
`build` and `query` never import each other; nothing imports `web` or `cli` (except the
layers above them); no two subpackages import each other; at most 8 modules sit directly in
src/sister_graph/.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from tests.support import REPO

PACKAGE = REPO / "src" / "sister_graph"
NAME = "sister_graph"

# Rank of each top-level unit; an import must go to a strictly lower rank (or stay inside a unit).
RANK = {
    "errors": 0,
    "settings": 1,
    "rdf": 2,
    "dist": 3,
    "build": 4,
    "query": 4,
    "views": 5,
    "web": 6,
    "cli": 7,
    "__main__": 8,
    "__init__": 0,
}
MAX_TOP_LEVEL_MODULES = 8


def unit_of(module: str) -> str:
    """Return the top-level unit ('rdf', 'cli', ...) of a dotted module name inside the package."""
    parts = module.split(".")
    return parts[1] if len(parts) > 1 else "__init__"


def module_name(path: Path) -> str:
    rel = path.relative_to(PACKAGE.parent).with_suffix("")
    parts = list(rel.parts)
    if parts[-1] == "__init__" and len(parts) > 1:
        parts = parts[:-1]
    return ".".join(parts)


def imported_modules(path: Path) -> list[tuple[int, str]]:
    """Return (line, absolute module name) for every import of the package in one file."""
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    here = module_name(path)
    package = here if path.name == "__init__.py" else here.rpartition(".")[0]
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found += [(node.lineno, alias.name) for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")
                base = base[: len(base) - (node.level - 1)]
                target = ".".join([*base, node.module] if node.module else base)
            else:
                target = node.module or ""
            found.append((node.lineno, target))
            # `from sister_graph import web` imports the subpackage itself
            if target == NAME:
                found += [(node.lineno, f"{NAME}.{alias.name}") for alias in node.names]
    return [(line, name) for line, name in found if name == NAME or name.startswith(NAME + ".")]


def all_modules() -> list[Path]:
    return sorted(PACKAGE.rglob("*.py"))


def import_edges() -> list[tuple[str, int, str, str]]:
    """Return (file, line, from-unit, to-unit) for every import crossing a unit boundary."""
    edges = []
    for path in all_modules():
        source = unit_of(module_name(path))
        for line, target in imported_modules(path):
            dest = unit_of(target)
            if dest != source and target != NAME:
                edges.append((str(path.relative_to(REPO)), line, source, dest))
    return edges


def wrong_way(edges: list[tuple[str, int, str, str]]) -> list[str]:
    problems = []
    for file, line, source, dest in edges:
        if source not in RANK or dest not in RANK:
            problems.append(f"{file}:{line}: {source} -> {dest}: unit not in the layer table")
        elif {source, dest} == {"build", "query"}:
            problems.append(f"{file}:{line}: {source} -> {dest}: build and query never meet")
        elif RANK[dest] >= RANK[source] and source != "__init__":
            problems.append(f"{file}:{line}: {source} -> {dest}: points up or sideways")
    return problems


def test_imports_point_down_only():
    problems = wrong_way(import_edges())
    assert not problems, "\n".join(problems)


def test_no_two_subpackages_import_each_other():
    pairs = {(source, dest) for _, _, source, dest in import_edges()}
    cycles = sorted({tuple(sorted(p)) for p in pairs if (p[1], p[0]) in pairs})
    assert not cycles, cycles


def test_at_most_eight_modules_at_the_top():
    top = sorted(p.name for p in PACKAGE.glob("*.py"))
    assert len(top) <= MAX_TOP_LEVEL_MODULES, top


def test_every_subpackage_has_a_layer():
    units = {p.name for p in PACKAGE.iterdir() if (p / "__init__.py").exists()}
    units |= {p.stem for p in PACKAGE.glob("*.py")}
    assert units <= set(RANK), units - set(RANK)


@pytest.mark.parametrize(
    ("edge", "complaint"),
    [
        (("src/x.py", 3, "rdf", "dist"), "points up"),
        (("src/x.py", 3, "query", "build"), "never meet"),
        (("src/x.py", 3, "build", "query"), "never meet"),
        (("src/x.py", 3, "views", "web"), "points up"),
        (("src/x.py", 3, "web", "cli"), "points up"),
        (("src/x.py", 3, "errors", "settings"), "points up"),
        (("src/x.py", 3, "plugins", "rdf"), "not in the layer table"),
    ],
)
def test_the_checker_catches_a_wrong_edge(edge, complaint):
    assert complaint in wrong_way([edge])[0]


@pytest.mark.parametrize(
    ("edge"),
    [
        ("src/x.py", 3, "web", "query"),
        ("src/x.py", 3, "cli", "web"),
        ("x", 3, "settings", "errors"),
    ],
)
def test_the_checker_accepts_a_downward_edge(edge):
    assert wrong_way([edge]) == []


def test_relative_imports_are_resolved(tmp_path, monkeypatch):
    pkg = tmp_path / NAME / "views"
    pkg.mkdir(parents=True)
    (pkg / "__init__.py").write_text("")
    (pkg / "a.py").write_text("from ..web import x\nfrom . import b\nfrom .. import cli\n")
    monkeypatch.setattr(f"{__name__}.PACKAGE", tmp_path / NAME)
    names = [name for _, name in imported_modules(pkg / "a.py")]
    assert names == [f"{NAME}.web", f"{NAME}.views", NAME, f"{NAME}.cli"]
