"""CSV on the Web metadata: shipped with the data, checked by the build, the README's reference."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from sister_graph.build.csv_rows import Problems
from sister_graph.build.csvw_check import (
    PACKAGED,
    check_folder,
    column_reference,
    read_metadata,
    table_columns,
)
from sister_graph.build.sources import COLUMNS, read_sources
from sister_graph.errors import SourceError
from tests.support import REPO

SHIPPED = REPO / "data" / "csv-metadata.json"


def test_the_data_ships_the_metadata_the_package_reads() -> None:
    assert json.loads(SHIPPED.read_text(encoding="utf-8")) == json.loads(
        PACKAGED.read_text(encoding="utf-8")
    )
    assert table_columns(read_metadata(REPO / "data")) == COLUMNS


def test_readme_column_reference_is_generated_from_the_metadata() -> None:
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    start = readme.index("<!-- columns:")
    start = readme.index("\n", start) + 1
    end = readme.index("<!-- /columns -->")
    assert readme[start:end] == column_reference(read_metadata(REPO / "data"))


def test_every_column_says_datatype_requiredness_and_meaning() -> None:
    for table in read_metadata()["tables"]:
        assert table["dc:description"]
        for column in table["tableSchema"]["columns"]:
            assert column["datatype"] and column["dc:description"], column["name"]
            assert isinstance(column["required"], bool)


def test_the_build_checks_the_csvs_against_the_shipped_metadata(data_copy: Path) -> None:
    path = data_copy / "csv-metadata.json"
    metadata = json.loads(path.read_text(encoding="utf-8"))
    cities = next(t for t in metadata["tables"] if t["url"] == "cities.csv")
    next(c for c in cities["tableSchema"]["columns"] if c["name"] == "note")["required"] = True
    path.write_text(json.dumps(metadata), encoding="utf-8")
    with pytest.raises(SourceError) as caught:
        read_sources(data_copy)
    assert (
        "data/banja-luka/cities.csv:2: column 'note': required column value is missing (CSVW)"
        in (caught.value.problems)
    )


def test_a_cell_not_of_its_datatype_is_named_by_file_line_and_column(tmp_path: Path) -> None:
    source = (REPO / "data" / "banja-luka" / "agreements.csv").read_text(encoding="utf-8")
    (tmp_path / "agreements.csv").write_text(source.replace("2015-06-05", "2015-06-31"), "utf-8")
    problems = Problems()
    check_folder(tmp_path, ["agreements.csv"], read_metadata(), problems, label=lambda n: f"x/{n}")
    assert problems.items == [
        "x/agreements.csv:2: column 'signed': day is out of range for month (CSVW)"
    ]


def test_a_cell_the_row_checks_name_is_not_named_twice(data_copy: Path) -> None:
    path = data_copy / "banja-luka" / "agreements.csv"
    path.write_text(path.read_text(encoding="utf-8").replace("2015-06-05", "2015-06-31"), "utf-8")
    with pytest.raises(SourceError) as caught:
        read_sources(data_copy)
    signed = [p for p in caught.value.problems if "agreements.csv:2: column 'signed'" in p]
    assert len(signed) == 1, signed


def test_a_city_without_a_native_name_is_named_before_shacl(data_copy: Path) -> None:
    # the shapes need one (sgs:City-nativeName); the metadata and README called it optional,
    # so a clerk following 'Add your city' met a SHACL violation after the CSVs passed
    path = data_copy / "banja-luka" / "cities.csv"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace(",sr:Бања Лука,", ",,", 1), encoding="utf-8")
    with pytest.raises(SourceError) as caught:
        read_sources(data_copy)
    assert caught.value.problems == [
        "data/banja-luka/cities.csv:2: column 'native_names': "
        "required column value is missing (CSVW)"
    ]


@pytest.mark.parametrize("at", [0, 3])  # before 'id', before 'partner'
def test_a_tab_in_a_header_name_is_a_located_problem_not_a_crash(data_copy: Path, at) -> None:
    """The reader strips a header name ('\\tid' is 'id'); csvw does not and raised ValueError
    ('missing required columns'), a traceback (found by test_sources_fuzz). The header check
    names the white space before csvw reads the file."""
    path = data_copy / "banja-luka" / "agreements.csv"
    data = path.read_bytes()
    path.write_bytes(data[:at] + b"\t" + data[at:])
    with pytest.raises(SourceError) as caught:
        read_sources(data_copy)
    column = "id" if at == 0 else "partner"
    assert caught.value.problems == [
        f"data/banja-luka/agreements.csv:1: white space around the column name(s) "
        f"'\\t{column}': write '{column}'"
    ]
