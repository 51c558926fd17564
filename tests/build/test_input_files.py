"""Every file the build reads besides the CSVs and pages (ontology, shapes, the vendored
DCAT-AP shapes, EU code lists and country table, the CSVW metadata), broken each way: one
SourceError naming the file (exit 1), never an internal error (a Turtle file cut in half was
'internal error: AssertionError', a vendored one that is not Turtle 'BadSyntax'), and never
read as if it were right (an empty shapes file, a metadata folder, a metadata table without
a column the build reads were all accepted)."""

from __future__ import annotations

import json
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

from sister_graph.build.catalog_check import read_dcat_ap_shapes
from sister_graph.build.catalog_vocabularies import read_code_lists
from sister_graph.build.csvw_check import read_metadata
from sister_graph.build.graph import read_ontology
from sister_graph.build.pipeline import read_all_shapes
from sister_graph.errors import SourceError
from tests.support import BASE, REPO

LOADERS: dict[str, Callable[[Path], object]] = {
    "ontology": lambda root: read_ontology(root / "ontology" / "sister-graph.ttl", base=BASE),
    "shapes": lambda root: read_all_shapes(root / "shapes", base=BASE),
    "vendor/dcat-ap": lambda root: read_dcat_ap_shapes(root / "vendor"),
    "vendor/eu-vocabularies": lambda root: read_code_lists(root / "vendor"),
}
TURTLE_FILES = [
    str(p.relative_to(REPO))
    for folder in LOADERS
    for p in sorted((REPO / folder).glob("*.ttl") if (REPO / folder).is_dir() else [])
]


def _folder(file: str) -> str:
    return next(f for f in LOADERS if file.startswith(f"{f}/"))


FAULTS = {
    "not Turtle": lambda path, text: path.write_text(text + "\nthis is not turtle .\n"),
    "cut in half": lambda path, text: path.write_text(text[: len(text) // 2]),
    "empty": lambda path, text: path.write_text(""),
    "UTF-16": lambda path, text: path.write_bytes(text.encode("utf-16")),
    "a folder": lambda path, text: (path.unlink(), path.mkdir()),
}


@pytest.fixture(scope="module")
def inputs(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("inputs")
    for folder in ("ontology", "shapes", "vendor"):
        shutil.copytree(REPO / folder, root / folder)
    return root


@pytest.mark.parametrize("fault", FAULTS)
def test_a_broken_turtle_input_is_one_error_naming_it(inputs, fault):
    for file in TURTLE_FILES:
        path = inputs / file
        kept = path.read_bytes()
        FAULTS[fault](path, kept.decode("utf-8"))
        try:
            with pytest.raises(SourceError) as caught:
                LOADERS[_folder(file)](inputs)
        finally:
            if path.is_dir():
                path.rmdir()
            path.write_bytes(kept)
        said = [caught.value.message, *caught.value.problems]
        assert len(caught.value.problems) <= 1 and str(path) in said[-1], (file, said)


METADATA_FAULTS = {
    "empty": lambda text: "",
    "not JSON": lambda text: text[:-40],
    "UTF-16": lambda text: text.encode("utf-16"),
    "a list": lambda text: "[]",
    "a table without url": lambda text: _edit(text, lambda d: d["tables"][0].pop("url")),
    "a column renamed": lambda text: _edit(
        text, lambda d: d["tables"][1]["tableSchema"]["columns"][0].update(name="ident")
    ),
    "a table left out": lambda text: _edit(text, lambda d: d["tables"].pop(2)),
}


def _edit(text: str, change) -> str:
    metadata = json.loads(text)
    change(metadata)
    return json.dumps(metadata)


@pytest.mark.parametrize("fault", [*METADATA_FAULTS, "a folder"])
def test_broken_csvw_metadata_is_one_line_naming_it(tmp_path, fault):
    path = tmp_path / "csv-metadata.json"
    text = (REPO / "data" / "csv-metadata.json").read_text(encoding="utf-8")
    if fault == "a folder":
        path.mkdir()
    else:
        broken = METADATA_FAULTS[fault](text)
        path.write_bytes(broken if isinstance(broken, bytes) else broken.encode())
    with pytest.raises(SourceError) as caught:
        read_metadata(tmp_path)
    assert caught.value.message.startswith(f"{path}") and not caught.value.problems


def test_csvw_metadata_saved_with_a_byte_order_mark_is_read(tmp_path):
    shipped = (REPO / "data" / "csv-metadata.json").read_bytes()
    (tmp_path / "csv-metadata.json").write_bytes(b"\xef\xbb\xbf" + shipped)
    assert read_metadata(tmp_path) == read_metadata(REPO / "data")
