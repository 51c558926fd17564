"""`sister-graph init`: a new publisher folder from its page, with proposed rows to review."""

from __future__ import annotations

import csv
import io
import shutil
from datetime import date
from pathlib import Path

import pytest
from click.testing import CliRunner

from sister_graph.build.scaffold import find_dates, scaffold_publisher
from sister_graph.build.sources import read_sources
from sister_graph.build.transliteration import to_serbian_cyrillic
from sister_graph.cli import cli
from sister_graph.errors import SourceError
from tests.support import REPO

BL_PAGE = REPO / "data" / "banja-luka" / "source" / "000_425204bf4a07dccd.txt"
NS_PAGE = REPO / "tests" / "fixtures" / "novi-sad" / "source" / "page.txt"


def _rows(text: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(text)))


def test_the_banja_luka_page_gives_its_13_signing_dates() -> None:
    lines = BL_PAGE.read_text(encoding="utf-8").split("\n")
    found = find_dates(lines)
    assert [f.line for f in found] == list(range(25, 38))
    (bl,) = [s for s in read_sources(REPO / "data") if s.publisher.city == "banja-luka"]
    agreements = {a.cited.source_line: a.signed for a in bl.agreements}
    assert {f.line: f.value for f in found} == agreements


@pytest.mark.parametrize(
    ("text", "day"),
    [
        ("potpisan 5. juna 2015.", date(2015, 6, 5)),
        ("od 24. marta 2006 godine", date(2006, 3, 24)),
        ("dana 7. aprila 1964. godine", date(1964, 4, 7)),
        ("Kosovska Mitrovica, 22.04.2014", date(2014, 4, 22)),
        ("potpisano 12. listopada 2011.", date(2011, 10, 12)),
    ],
)
def test_dates_in_bosnian_croatian_serbian_forms(text: str, day: date) -> None:
    (found,) = find_dates([text])
    assert found.value == day


def test_no_date_where_the_text_has_none() -> None:
    assert find_dates(["31. februara 2015.", "ima 15 gradova", "godine 2006."]) == []


def test_a_new_citys_page_gives_its_rows_and_reuses_the_partners_agreement_id() -> None:
    known = [s for s in read_sources(REPO / "data") if s.publisher.city == "banja-luka"]
    files = scaffold_publisher(
        "novi-sad",
        NS_PAGE.read_text(encoding="utf-8"),
        url="https://example.org/novi-sad/medjunarodna-saradnja",
        source_file="source/page.txt",
        known=known,
    )
    (publisher,) = _rows(files["publisher.csv"])
    assert (publisher["city"], publisher["page_title"], publisher["source_line"]) == (
        "novi-sad",
        "Međunarodna saradnja",
        "1",
    )
    cities = {r["id"]: r for r in _rows(files["cities.csv"])}
    assert set(cities) == {"novi-sad", "banja-luka"}
    assert cities["banja-luka"]["page_form"] == "Banjom Lukom"
    assert cities["banja-luka"]["source_line"] == "5"
    assert cities["banja-luka"]["geonames"] == "3204541"  # the facts the graph holds
    (agreement,) = _rows(files["agreements.csv"])
    assert agreement["id"] == "banja-luka-novi-sad-2006"  # Banja Luka's page states it already
    assert (agreement["partner"], agreement["signed"], agreement["source_line"]) == (
        "banja-luka",
        "2006-03-24",
        "5",
    )
    assert agreement["type"] == "cooperation-agreement"
    assert all(r["review"] for name in files for r in _rows(files[name]))
    assert _rows(files["networks.csv"]) == [] and files["networks.csv"].startswith("id,acronym")


def test_init_copies_the_page_byte_for_byte_and_the_build_asks_for_review(tmp_path: Path) -> None:
    data = tmp_path / "data"
    shutil.copytree(REPO / "data" / "banja-luka", data / "banja-luka")
    result = CliRunner().invoke(
        cli,
        [
            "--data-dir",
            str(data),
            "init",
            str(data / "novi-sad"),
            "--page",
            str(NS_PAGE),
            "--url",
            "https://example.org/novi-sad/medjunarodna-saradnja",
        ],
    )
    assert result.exit_code == 0, result.output
    assert (data / "novi-sad" / "source" / "page.txt").read_bytes() == NS_PAGE.read_bytes()
    with pytest.raises(SourceError) as caught:
        read_sources(data)
    assert any(
        "novi-sad/agreements.csv:1" in p and "column 'review'" in p for p in caught.value.problems
    )


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["init", "{tmp}/Novi Sad", "--page", str(NS_PAGE), "--url", "https://x.org/"], "DIR"),
        (["init", "{tmp}/novi-sad", "--page", str(NS_PAGE), "--url", "ftp://x.org/"], "--url"),
        (
            ["init", "{tmp}/novi-sad", "--page", "{tmp}/none.txt", "--url", "https://x.org/"],
            "--page",
        ),
        *(
            (
                ["init", "{tmp}/novi-sad", "--page", str(NS_PAGE), "--url", "https://x.org/"]
                + ["--language", tag],
                f"--language: {tag!r} is not a language tag",
            )
            for tag in ("not a tag", "sr_Latn", "", "s", "sr-")
        ),
    ],
)
def test_init_refuses_bad_input_in_one_line(tmp_path: Path, args, message) -> None:
    args = [a.format(tmp=tmp_path) for a in args]
    result = CliRunner().invoke(cli, ["--data-dir", str(tmp_path), *args])
    assert result.exit_code != 0
    assert message in result.output and "Traceback" not in result.output
    assert not (tmp_path / "novi-sad").exists(), "nothing is written"


def test_empty_cyrillic_label_is_transliterated_and_an_explicit_one_wins(data_copy: Path) -> None:
    path = data_copy / "banja-luka" / "cities.csv"
    text = path.read_text(encoding="utf-8")
    text = text.replace("Kranj,Крањ,Kranj", "Kranj,,Kranj").replace("Bari,Бари,", "Bari,Бaри,")
    path.write_text(text, encoding="utf-8")
    (bl,) = [s for s in read_sources(data_copy) if s.publisher.city == "banja-luka"]
    cities = {c.id: c for c in bl.cities}
    assert cities["kranj"].labels.sr_cyrl == "Крањ" == to_serbian_cyrillic("Kranj")
    assert cities["bari"].labels.sr_cyrl == "Бaри" != to_serbian_cyrillic("Bari")  # explicit wins


@pytest.mark.parametrize("content", [b"", b"\n\n", b"\xef\xbb\xbf \t\r\n"])
def test_init_refuses_a_page_with_no_text(tmp_path: Path, content: bytes) -> None:
    # an empty save (the copy did not take) made a folder with an empty page title
    page = tmp_path / "page.txt"
    page.write_bytes(content)
    args = ["init", str(tmp_path / "novi-sad"), "--page", str(page), "--url", "https://x.org/"]
    result = CliRunner().invoke(cli, ["--data-dir", str(tmp_path), *args])
    assert (result.exit_code, result.output) == (
        1,
        f"error: --page: {page} holds no text; save the text of the page\n",
    )
    assert not (tmp_path / "novi-sad").exists(), "nothing is written"


@pytest.mark.parametrize("where", ["{tmp}/novi-sad", "{tmp}/data/x/novi-sad", "novi-sad"])
def test_init_refuses_a_folder_outside_the_data_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, where: str
) -> None:
    # `init novi-sad` (data/ forgotten, or run from inside data/) wrote a folder that validate
    # and build never read: both then said 'valid' without a word about the new city
    monkeypatch.chdir(tmp_path)
    (tmp_path / "data").mkdir()
    folder = where.format(tmp=tmp_path)
    args = ["init", folder, "--page", str(NS_PAGE), "--url", "https://x.org/"]
    result = CliRunner().invoke(cli, ["--data-dir", "data", *args])
    assert (result.exit_code, result.output) == (
        1,
        f"error: DIR: {folder} is not in data/ (setting data_dir), the folder validate and"
        " build read; write data/novi-sad\n",
    )
    assert not (tmp_path / "data" / "x").exists() and not (tmp_path / "novi-sad").exists()


def test_init_writes_into_the_data_folder_however_it_is_written(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "data").mkdir()
    args = ["init", str(tmp_path / "data" / "novi-sad"), "--page", str(NS_PAGE)]
    result = CliRunner().invoke(cli, ["--data-dir", "./data/", *args, "--url", "https://x.org/"])
    assert result.exit_code == 0, result.output
    assert (tmp_path / "data" / "novi-sad" / "source" / "page.txt").is_file()


@pytest.mark.parametrize(
    "content",
    [
        b"<!DOCTYPE html>\n<html><body><p>7. aprila 1964.</p></body></html>\n",
        b"\xef\xbb\xbf  <!doctype HTML><title>x</title>\n",
        b'<html lang="sr-Latn">\n<head><title>x</title></head>\n',
    ],
)
def test_init_refuses_a_page_saved_as_html(tmp_path: Path, content: bytes) -> None:
    # "Save as" in a browser keeps the markup: init proposed its first line, '<!DOCTYPE
    # html><html><head>...', as the page title and the build accepted it (it is on line 1)
    page = tmp_path / "page.html"
    page.write_bytes(content)
    args = ["init", str(tmp_path / "novi-sad"), "--page", str(page), "--url", "https://x.org/"]
    result = CliRunner().invoke(cli, ["--data-dir", str(tmp_path), *args])
    assert (result.exit_code, result.output) == (
        1,
        f"error: --page: {page} is HTML (the page's source): save the text of the page\n",
    )
    assert not (tmp_path / "novi-sad").exists(), "nothing is written"


def test_dates_are_found_in_the_forms_of_the_pages_language() -> None:
    # Villach's German page: with --language de init proposed no agreement ('25. Juli 2008'
    # is no South Slavic form), so its one agreement had to be written by hand
    page = next((REPO / "data" / "villach" / "source").glob("*.txt")).read_text(encoding="utf-8")
    lines = page.split("\n")
    assert find_dates(lines) == []
    found = find_dates(lines, language="de")
    assert [(f.line, f.text, f.value) for f in found] == [
        (1, "25. Juli 2008", date(2008, 7, 25)),
        (1, "28. Juli 2008", date(2008, 7, 28)),
    ]
    known = [s for s in read_sources(REPO / "data") if s.publisher.city != "villach"]
    files = scaffold_publisher(
        "villach",
        page,
        url="https://x.org/",
        source_file="source/p.txt",
        known=known,
        language="de",
    )
    rows = _rows(files["agreements.csv"])
    assert [(r["partner"], r["signed"], r["source_line"]) for r in rows] == [
        ("kranj", "2008-07-25", "1"),
        ("kranj", "2008-07-28", "1"),
    ]
    # Cyrillic Serbian pages write the month names in Cyrillic
    (cyrillic,) = find_dates(["потписан 21. јуна 2006. године"], language="sr-Cyrl")
    assert cyrillic.value == date(2006, 6, 21)


def test_an_agreement_without_a_known_partner_says_how_to_name_it() -> None:
    # Graz's page names Trieste, which no folder knew: the row was 'graz-1973' with the
    # review 'no known city on the line', and the id kept no partner once one was filled in
    files = scaffold_publisher(
        "graz",
        "Zu einer offiziellen Städtepartnerschaft kam es am 22. Mai 1973.\n",
        url="https://x.org/",
        source_file="source/p.txt",
        known=[],
        language="de",
    )
    (row,) = _rows(files["agreements.csv"])
    assert (row["id"], row["partner"]) == ("graz-1973", "")
    assert row["review"] == (
        "'22. Mai 1973' on line 1, no known city on the line: fill partner (a row of "
        "cities.csv) and put it in the id, graz-PARTNER-1973"
    )


def test_the_publishers_own_name_on_the_page_is_proposed() -> None:
    # the own city's row came with page_form empty and source_line the title's line (1),
    # though the page names the city on line 4 ('Grad Novi Sad')
    known = [s for s in read_sources(REPO / "data") if s.publisher.city == "banja-luka"]
    page = NS_PAGE.read_text(encoding="utf-8")
    files = scaffold_publisher(
        "novi-sad", page, url="https://x.org/", source_file="source/p.txt", known=known
    )
    own = next(r for r in _rows(files["cities.csv"]) if r["id"] == "novi-sad")
    assert (own["page_form"], own["source_line"]) == ("Novi Sad", "4")
    assert own["review"] == "'Novi Sad' on line 4 is the publisher: check page_form and source_line"
