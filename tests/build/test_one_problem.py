"""One problem, one message: every member of a kind of fault, in every source file of data/.

Each test breaks one thing, the same way, in every CSV file of the real data (every publisher
folder and every evidence folder) and, where the fault is per column, in every column; the
sources must then give exactly one located message (at most one where the fault may be no
fault, e.g. a free-text cell), never one per dependent row or column.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Callable
from pathlib import Path

import pytest

from sister_graph.build.evidence import read_partner_evidence
from sister_graph.build.sources import read_sources
from sister_graph.errors import SourceError
from tests.support import REPO

REQUIRED = ("publisher.csv", "cities.csv", "agreements.csv", "evidence.csv")
FILES = sorted(str(p.relative_to(REPO / "data")) for p in (REPO / "data").glob("*/*.csv"))


def all_problems(data: Path) -> list[str]:
    """The problems of the sources and then of the partner evidence, as a build meets them."""
    try:
        read_partner_evidence(data, read_sources(data))
    except SourceError as err:
        return err.problems or [err.message]
    return []


def _rows(path: Path) -> list[list[str]]:
    return list(csv.reader(io.StringIO(path.read_text(encoding="utf-8"), newline="")))


def _write(path: Path, rows: list[list[str]]) -> None:
    out = io.StringIO()
    csv.writer(out, lineterminator="\n").writerows(rows)
    path.write_text(out.getvalue(), encoding="utf-8")


def _each_file(data: Path, check: Callable[[str, Path], None]) -> None:
    """Run check(name, path) on every CSV file, restoring the file after each."""
    for name in FILES:
        path = data / name
        kept = path.read_bytes()
        try:
            check(name, path)
        finally:
            if path.is_dir():
                path.rmdir()
            path.write_bytes(kept)


def _one_at(problems: list[str], name: str, line: int | None = None) -> None:
    where = f"data/{name}:{line}: " if line else f"data/{name}"
    assert len(problems) == 1 and problems[0].startswith(where), (name, problems)


HEADER_FAULTS = {
    "renamed": lambda cells, i: cells[:i] + [cells[i] + "x"] + cells[i + 1 :],
    "in capitals": lambda cells, i: cells[:i] + [cells[i].upper()] + cells[i + 1 :],
    "spaced": lambda cells, i: cells[:i] + [f" {cells[i]} "] + cells[i + 1 :],
    "left out": lambda cells, i: cells[:i] + cells[i + 1 :],
    "written twice": lambda cells, i: [*cells, cells[i]],
}


@pytest.mark.parametrize("fault", HEADER_FAULTS)
def test_a_header_fault_is_one_message_at_line_1(data_copy, fault):
    """A column name renamed, in capitals, spaced, left out or written twice: one message."""
    change = HEADER_FAULTS[fault]

    def check(name: str, path: Path) -> None:
        rows = _rows(path)
        columns = range(len(rows[0])) if fault == "renamed" else (0, len(rows[0]) - 1)
        for i in columns:
            _write(path, [change(rows[0], i), *rows[1:]])
            _one_at(all_problems(data_copy), name, 1)

    _each_file(data_copy, check)


ENCODINGS = {
    "UTF-16": lambda text: text.encode("utf-16"),
    "UTF-16 without a byte order mark": lambda text: text.encode("utf-16-le"),
    "semicolons": lambda text: text.replace(",", ";").encode("utf-8"),
    "tabs": lambda text: text.replace(",", "\t").encode("utf-8"),
}


@pytest.mark.parametrize("fault", ENCODINGS)
def test_a_file_in_another_encoding_or_separator_is_one_message(data_copy, fault):
    def check(name: str, path: Path) -> None:
        path.write_bytes(ENCODINGS[fault](path.read_text(encoding="utf-8")))
        _one_at(all_problems(data_copy), name, 1)

    _each_file(data_copy, check)


def test_a_file_that_is_a_folder_is_one_message_naming_it(data_copy):
    """An optional file made a folder was read as absent: its rows were lost without a word."""

    def check(name: str, path: Path) -> None:
        path.unlink()
        path.mkdir()
        problems = all_problems(data_copy)
        _one_at(problems, name)
        assert "is a folder" in problems[0], problems

    _each_file(data_copy, check)


LOST_ROWS = {
    "empty": lambda path: path.write_bytes(b""),
    "header only": lambda path: path.write_text(_rows(path)[0] and ",".join(_rows(path)[0]) + "\n"),
    "missing": lambda path: path.unlink(),
    "renamed first column": lambda path: _write(
        path, [[_rows(path)[0][0] + "x", *_rows(path)[0][1:]], *_rows(path)[1:]]
    ),
}


@pytest.mark.parametrize("fault", LOST_ROWS)
def test_a_file_that_lost_its_rows_is_at_most_one_message(data_copy, fault):
    """Rows of other files that name the lost rows (a city, a type, a network) are not reported
    again, one by one: the file that lost them is the one problem."""

    def check(name: str, path: Path) -> None:
        LOST_ROWS[fault](path)
        problems = all_problems(data_copy)
        assert len(problems) <= 1, (name, problems)
        if Path(name).name in REQUIRED and (fault, Path(name).name) != ("missing", "evidence.csv"):
            _one_at(problems, name)  # (an evidence folder without its file is no folder)

    _each_file(data_copy, check)


def test_the_module_examples_run() -> None:
    import doctest

    from sister_graph.build import cross_checks, csv_text

    assert doctest.testmod(csv_text).failed == 0
    assert doctest.testmod(cross_checks).failed == 0


def test_a_bad_value_in_any_column_is_at_most_one_message(data_copy):
    """A cell made junk or empty in each column of each file: its own problem, if any, and no
    echo (a claim that is no number was also 'the page states 0'; an identification that is
    none also 'needs a note'; a city's broken cell also 'differs from' the other folder's)."""

    def check(name: str, path: Path) -> None:
        rows = _rows(path)
        for i, column in enumerate(rows[0]):
            for bad in ("x y!", ""):
                if len(rows) < 2 or rows[1][i] == bad:
                    continue
                _write(path, [rows[0], rows[1][:i] + [bad] + rows[1][i + 1 :], *rows[2:]])
                problems = all_problems(data_copy)
                assert len(problems) <= 1, (name, column, bad, problems)

    _each_file(data_copy, check)


@pytest.mark.parametrize("language", ["en", "de", "sr-Latn", "sr-Cyrl", "x y!", ""])
def test_a_wrong_page_language_is_one_message(data_copy, language):
    """A page_language that is no tag, or the tag of another language, was one message per
    agreement whose date the page writes in its own language."""
    for folder in sorted(p.parent for p in data_copy.glob("*/publisher.csv")):
        path = folder / "publisher.csv"
        rows = _rows(path)
        if rows[1][3] == language:
            continue
        kept = path.read_bytes()
        _write(path, [rows[0], rows[1][:3] + [language] + rows[1][4:]])
        problems = all_problems(data_copy)
        path.write_bytes(kept)
        assert len(problems) <= 1, (folder.name, problems)


def test_a_wrong_page_language_names_the_language_the_dates_are_in(data_copy):
    path = data_copy / "banja-luka" / "publisher.csv"
    path.write_text(path.read_text(encoding="utf-8").replace(",sr-Latn,", ",en,"))
    assert all_problems(data_copy) == [
        "data/banja-luka/publisher.csv:2: column 'page_language': 'en': no agreement's date is "
        "on its page line as a page in this language writes it (data/banja-luka/agreements.csv:2:"
        " '05.06.2015' is not on page line 25); they are written as a page in 'sr-Latn' writes "
        "them"
    ]


def test_one_agreement_in_another_language_names_the_language_it_is_in(data_copy):
    """Villach's page (German) with page_language sr-Latn, as `init` proposes without
    --language: its one agreement said "'25. jula 2008' is not on page line 1", and nothing
    pointed at page_language, though the line writes the date as a German page does."""
    path = data_copy / "villach" / "publisher.csv"
    path.write_text(path.read_text(encoding="utf-8").replace(",de,", ",sr-Latn,"))
    assert all_problems(data_copy) == [
        "data/villach/publisher.csv:2: column 'page_language': 'sr-Latn': no agreement's date "
        "is on its page line as a page in this language writes it (data/villach/agreements.csv:2:"
        " '25. jula 2008' is not on page line 1); they are written as a page in 'de' writes them"
    ]


def _cited_pages() -> list[str]:
    """The page files the CSVs cite (publisher.csv and evidence.csv source_file), by data/."""
    pages = set()
    for name in FILES:
        if name.endswith(("/publisher.csv", "/evidence.csv")):
            path = REPO / "data" / name
            for row in csv.DictReader(io.StringIO(path.read_text(encoding="utf-8"))):
                pages.add(str(Path(name).parent / row["source_file"]))
    return sorted(pages)


PAGE_FAULTS = {
    "empty": lambda text: b"",
    "blank": lambda text: b"\n \n",
    "UTF-16": lambda text: text.encode("utf-16"),
    "UTF-16 without a byte order mark": lambda text: text.encode("utf-16-le"),
    "a line added at the top": lambda text: ("Naslovna\n" + text).encode(),
    "two lines removed at the top": lambda text: text.split("\n", 2)[2].encode(),
    "cut after line 3": lambda text: "\n".join(text.split("\n")[:3]).encode(),
}


@pytest.mark.parametrize("fault", PAGE_FAULTS)
def test_a_page_that_is_not_what_its_rows_cite_is_one_message(data_copy, fault):
    """An empty page was an internal error (IndexError); a UTF-16 page one message per line;
    a page with a line added above the cited ones one message per row citing it (46 for Banja
    Luka's), a page cut short one per row citing a line after its end."""
    for page in _cited_pages():
        path = data_copy / page
        kept = path.read_bytes()
        path.write_bytes(PAGE_FAULTS[fault](kept.decode("utf-8")))
        problems = all_problems(data_copy)
        path.write_bytes(kept)
        assert len(problems) <= 1, (page, problems)
        if fault in ("empty", "blank", "UTF-16", "UTF-16 without a byte order mark"):
            _one_at(problems, page, 1)
