"""The source CSVs: the real data reads cleanly; every kind of broken row is named file:line."""

from __future__ import annotations

from pathlib import Path

import pytest

from sister_graph.build.evidence import read_partner_evidence
from sister_graph.build.sources import read_sources
from sister_graph.errors import SourceError
from tests.support import edit_file as _edit
from tests.support import source_problems as _problems

REPO = Path(__file__).resolve().parents[2]


def _banja_luka():
    return {s.publisher.city: s for s in read_sources(REPO / "data")}["banja-luka"]


def test_real_data_reads_all_facts_of_the_page():
    bl = _banja_luka()
    assert bl.publisher.city == "banja-luka"
    assert len(bl.cities) == 16
    assert len(bl.agreements) == 15
    assert len({a.partner for a in bl.agreements}) == 15
    assert {n.acronym for n in bl.networks} == {"BALCINET", "EUROCITIES", "PHILIA", "NALAS"}
    assert len(bl.memberships) == 4
    schemes = [c.scheme for c in bl.concepts]
    assert (schemes.count("field"), schemes.count("aim"), schemes.count("priority")) == (4, 2, 3)
    assert schemes.count("agreement-type") == 8


def test_every_row_cites_a_page_line_with_its_words():
    for publisher in read_sources(REPO / "data"):
        for city in publisher.cities:
            line = publisher.publisher.page_lines[city.cited.source_line - 1]
            assert city.page_form in line


BROKEN = [
    (
        "agreements.csv",
        "2015-06-05",
        "2015-06-31",
        "agreements.csv:2: column 'signed'",
        "not a date",
    ),
    (
        "agreements.csv",
        "2015-06-05",
        "2015-07-05",
        "agreements.csv:2: column 'source_line'",
        "'5. jula 2015' is not on page line 25",
    ),
    (
        "agreements.csv",
        "2015-06-05",
        "2999-06-05",
        "agreements.csv:2: column 'signed'",
        "plausible",
    ),
    (
        "agreements.csv",
        "subotica,protocol",
        "sabotica,protocol",
        "agreements.csv:2: column 'partner'",
        "'sabotica' is not in cities.csv",
    ),
    (
        "agreements.csv",
        "banja-luka-timisoara-2014",
        "banja-luka-subotica-2015",
        "agreements.csv:3: column 'id'",
        "duplicate 'banja-luka-subotica-2015' (first at line 2)",
    ),
    (
        "agreements.csv",
        ",memorandum-of-cooperation,",
        ",memo,",
        "agreements.csv:5: column 'type'",
        "'memo' is not an agreement-type",
    ),
    (
        "agreements.csv",
        "banja-luka-2007-04-21,,31\nbanja-luka-bitonto-2007,bitonto,cooperation-agreement,2007-04-21,banja-luka-2007-04-21",
        "banja-luka-2007-04-21,,31\nbanja-luka-bitonto-2007,bitonto,cooperation-agreement,2006-03-24,banja-luka-2007-04-21",
        "agreements.csv:9: column 'signing'",
        "another date or page line",
    ),
    ("cities.csv", "46.1,19.6667", "146.1,19.6667", "cities.csv:3: column 'lat'", "outside -90"),
    ("cities.csv", "Q83404", "83404", "cities.csv:4: column 'wikidata'", "not a Wikidata item id"),
    (
        "cities.csv",
        ",Suboticom,",
        ",Subotici,",
        "cities.csv:3: column 'source_line'",
        "'Subotici' is not on page line 25",
    ),
    (
        "cities.csv",
        'uncertain,"The page',
        'unsure,"The page',
        "cities.csv:5: column 'identification'",
        "'unsure' is not one of",
    ),
    (
        "memberships.csv",
        "banja-luka,nalas",
        "banja-luka,nalaz",
        "memberships.csv:5: column 'network'",
        "'nalaz' not in networks.csv",
    ),
    (
        "cities.csv",
        "source_line\n",
        "source_lines\n",
        "cities.csv:1",
        "'source_lines' should be 'source_line'",
    ),
    (
        "concepts.csv",
        "field,sports,",
        "field,Sports,",
        "concepts.csv:8: column 'id'",
        "is not a slug",
    ),
]


@pytest.mark.parametrize(
    ("name", "old", "new", "where", "rule"), BROKEN, ids=[f"{b[0]}:{b[4][:30]}" for b in BROKEN]
)
def test_broken_row_is_named_by_file_line_column_and_rule(data_copy, name, old, new, where, rule):
    _edit(data_copy / "banja-luka" / name, old, new)
    problems = _problems(data_copy)
    assert any(where in p and rule in p for p in problems), problems


def test_wrong_encoding_names_the_line(data_copy):
    path = data_copy / "banja-luka" / "networks.csv"
    path.write_bytes(path.read_text(encoding="utf-8").encode("cp1250", errors="replace"))
    problems = _problems(data_copy)
    assert any("networks.csv:2" in p and "not UTF-8" in p for p in problems), problems


def test_empty_required_file_is_reported(data_copy):
    (data_copy / "banja-luka" / "cities.csv").write_text("", encoding="utf-8")
    problems = _problems(data_copy)
    assert any("cities.csv:1" in p and "empty" in p for p in problems), problems


def test_page_title_must_be_on_its_cited_line(data_copy):
    _edit(data_copy / "banja-luka" / "publisher.csv", "Međunarodna saradnja", "Gradovi partneri")
    problems = _problems(data_copy)
    assert any(
        "publisher.csv:2: column 'source_line'" in p
        and "'Gradovi partneri' is not on page line 1" in p
        for p in problems
    ), problems


def test_ragged_row_is_reported(data_copy):
    path = data_copy / "banja-luka" / "memberships.csv"
    path.write_text(path.read_text(encoding="utf-8") + "extra,banja-luka\n", encoding="utf-8")
    problems = _problems(data_copy)
    assert any("memberships.csv:6" in p and "has 2 cells" in p for p in problems), problems


def test_all_problems_are_reported_in_one_run(data_copy):
    _edit(data_copy / "banja-luka" / "agreements.csv", "2015-06-05", "5 June 2015")
    _edit(data_copy / "banja-luka" / "cities.csv", "Q83404", "X1")
    assert len(_problems(data_copy)) >= 2


def test_missing_publisher_folder_is_an_error(tmp_path):
    with pytest.raises(SourceError, match="no publisher folder"):
        read_sources(tmp_path)


def test_bad_language_tag_is_a_source_error(data_copy):
    _edit(data_copy / "banja-luka" / "publisher.csv", ",sr-Latn,", ",sr-La;tn,")
    problems = _problems(data_copy)
    assert any("publisher.csv:2: column 'page_language'" in p for p in problems), problems


@pytest.mark.parametrize(
    ("folder", "old", "new", "where"),
    [
        ("banja-luka", "2015-06-05", "2015-06-31", "banja-luka/agreements.csv:2: column 'signed'"),
        (
            "banja-luka",
            "2015-06-05",
            "5. juna 2015",
            "banja-luka/agreements.csv:2: column 'signed'",
        ),
        ("banja-luka", "2015-06-05", "", "banja-luka/agreements.csv:2: column 'signed'"),
        ("novi-sad", "1964-04-07", "1964-04-31", "novi-sad/agreements.csv:2: column 'signed'"),
    ],
)
def test_one_bad_date_gives_one_message(data_copy, folder, old, new, where):
    """An unreadable date is reported once: not again as a date missing from its page line."""
    _edit(data_copy / folder / "agreements.csv", old, new)
    problems = _problems(data_copy)
    assert len(problems) == 1, problems
    assert where in problems[0]


def test_a_readable_date_missing_from_its_line_is_still_reported(data_copy):
    _edit(data_copy / "banja-luka" / "agreements.csv", "2015-06-05", "2015-06-04")
    problems = _problems(data_copy)
    assert any("is not on page line 25" in p for p in problems), problems


# Special values float() reads but no decimal is (NaN crashed the CSVW check with an
# "internal error: InvalidOperation"), in each decimal column: one message each.
@pytest.mark.parametrize(
    ("old", "new", "column"),
    [
        ("46.1,19.6667", "NaN,19.6667", "lat"),
        ("46.1,19.6667", "46.1,nan", "long"),
        ("46.1,19.6667", "inf,19.6667", "lat"),
        ("46.1,19.6667", "46.1,-Infinity", "long"),
        ("46.1,19.6667", "1e400,19.6667", "lat"),
    ],
)
def test_a_special_float_value_is_no_decimal_number(data_copy, old, new, column):
    _edit(data_copy / "banja-luka" / "cities.csv", old, new)
    problems = _problems(data_copy)
    value = new.split(",")[0 if column == "lat" else 1]
    assert problems == [
        f"data/banja-luka/cities.csv:3: column '{column}': {value!r} is not a decimal number"
    ]


def _break_line(path: Path, number: int, change) -> None:
    lines = path.read_text(encoding="utf-8").split("\n")
    lines[number - 1] = change(lines[number - 1])
    path.write_text("\n".join(lines), encoding="utf-8")


@pytest.mark.parametrize(
    ("name", "line", "change", "where"),
    [
        # a row dropped for its own problem: references to it do not fail as well
        ("cities.csv", 3, lambda s: s + ",extra", "banja-luka/cities.csv:3"),
        ("cities.csv", 3, lambda s: s.replace(",", ",\x01", 1), "banja-luka/cities.csv:3"),
        # a value broken in its own column is not reported again as an unresolved reference
        (
            "agreements.csv",
            2,
            lambda s: s.replace("protocol-on-cooperation", "Protocol"),
            "banja-luka/agreements.csv:2: column 'type'",
        ),
        (
            "agreements.csv",
            2,
            lambda s: s.replace(",subotica,", ",Subotica,"),
            "banja-luka/agreements.csv:2: column 'partner'",
        ),
    ],
)
def test_one_problem_does_not_cascade(data_copy, name, line, change, where):
    _break_line(data_copy / "banja-luka" / name, line, change)
    problems = _problems(data_copy)
    assert len(problems) == 1, problems
    assert where in problems[0]


def test_an_unresolved_reference_is_still_reported(data_copy):
    _edit(data_copy / "banja-luka" / "agreements.csv", ",subotica,", ",szeged,")
    problems = _problems(data_copy)
    assert any("'szeged' is not in cities.csv" in p for p in problems), problems


@pytest.mark.parametrize(
    ("folder", "name", "outside"),
    [
        ("banja-luka", "publisher.csv", "../novi-sad/source/{page}"),
        ("banja-luka", "publisher.csv", "/etc/hostname"),
        ("banja-luka", "publisher.csv", "source/../../novi-sad/publisher.csv"),
        ("kaiserslautern", "evidence.csv", "../banja-luka/source/{page}"),
        ("kaiserslautern", "evidence.csv", "/etc/hostname"),
    ],
)
def test_a_page_outside_the_folders_source_is_refused(data_copy, folder, name, outside):
    """source_file names a page kept in the row's own folder, nothing outside it."""
    path = data_copy / folder / name
    page = next((data_copy / "novi-sad" / "source").glob("*.txt")).name
    text = path.read_text(encoding="utf-8")
    first_source = text.split("\n")[1].split(",")
    current = next(cell for cell in first_source if cell.startswith("source/"))
    path.write_text(text.replace(current, outside.format(page=page), 1), encoding="utf-8")
    if name == "evidence.csv":  # partner-side evidence is read against the publishers' data
        with pytest.raises(SourceError) as caught:
            read_partner_evidence(data_copy, read_sources(data_copy))
        problems = caught.value.problems
    else:
        problems = _problems(data_copy)
    assert any(
        f"{folder}/{name}:2: column 'source_file'" in p and "is not a file inside this folder" in p
        for p in problems
    ), problems


@pytest.mark.parametrize("blank", ["\n", "\n\n", ",,,,,,\n", "\r\n"])
def test_blank_rows_are_skipped_by_every_check(data_copy, blank):
    # an editor's empty last line, or a spreadsheet's empty row: the row reader skips it, and
    # so must the CSVW check (it reported one 'required column value is missing' per column)
    path = data_copy / "banja-luka" / "agreements.csv"
    text = path.read_text(encoding="utf-8")
    head, _, rest = text.partition("\n")
    path.write_text(f"{head}\n{blank}{rest}{blank}", encoding="utf-8")
    assert [s.publisher.city for s in read_sources(data_copy)]


def test_an_unclosed_quote_is_named_at_the_line_it_opens(data_copy):
    # the reader only notices at the end of the file; the clerk needs the line of the quote
    path = data_copy / "banja-luka" / "agreements.csv"
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    lines[2] = lines[2].replace(",26\n", ',"26\n')
    path.write_text("".join(lines), encoding="utf-8")
    problems = [p for p in _problems(data_copy) if p.startswith("data/banja-luka/agreements")]
    assert problems == [
        "data/banja-luka/agreements.csv:3: malformed CSV: a quoted cell opened on this line is "
        "never closed (unexpected end of data)"
    ], problems


def test_an_unreadable_agreements_row_does_not_fail_the_claim_too(data_copy):
    # the claim counted the rows read (14 of 15) and reported the page's 15 as wrong
    path = data_copy / "banja-luka" / "agreements.csv"
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    lines[1] = lines[1].replace("\n", ",extra\n")
    path.write_text("".join(lines), encoding="utf-8")
    assert _problems(data_copy) == [
        "data/banja-luka/agreements.csv:2: has 8 cells, the header has 7"
    ]


def test_a_wrong_data_folder_says_what_is_wrong_with_it(tmp_path, data_copy):
    # each said only "no publisher folder (a sub-folder with publisher.csv)"
    cases = {
        tmp_path / "absent": "no such folder",
        data_copy / "banja-luka" / "agreements.csv": "no such folder",
        data_copy / "banja-luka": "a publisher folder itself: give the folder that holds it",
    }
    for path, message in cases.items():
        with pytest.raises(SourceError) as caught:
            read_sources(path)
        assert caught.value.message == f"{path}: {message}"
