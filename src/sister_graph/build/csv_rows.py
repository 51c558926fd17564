"""Read one CSV file into checked rows; every problem names file:line, the column and the rule."""

from __future__ import annotations

import csv
import io
import math
import re
import unicodedata
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from sister_graph.build.csv_text import decode, header_problem

SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
# C0 controls other than TAB, LF, CR, DEL, and the non-characters XML 1.0 cannot carry
# (https://www.w3.org/TR/xml/#charsets): the .rdf dump could not hold them.
CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ufffe\uffff]")
LANGUAGE_TAG = r"[a-zA-Z]{2,3}(?:-[a-zA-Z0-9]{1,8})*"  # BCP 47's shape (RFC 5646 §2.1)
HTTP_IRI = r"https?://[^\s<>\"{}|\\^`\x00-\x20\x7f]+"


@dataclass
class Problems:
    """Collects problems instead of stopping at the first, so one run reports them all."""

    items: list[str] = field(default_factory=list)

    def add(self, where: str, message: str) -> None:
        self.items.append(f"{where}: {message}")

    def reported(self, place: str) -> bool:
        """Whether a problem at this place (file:line, or file:line: column '...') is reported."""
        return any(item.startswith(f"{place}: ") for item in self.items)

    def reported_in(self, file_label: str) -> bool:
        """Whether any problem is reported in this file (its rows may be missing)."""
        return any(item.startswith(f"{file_label}:") for item in self.items)

    def add_new(self, where: str, message: str) -> None:
        """Add a problem unless one at the same place (file:line: column) is reported already."""
        if not self.reported(where):
            self.add(where, message)


@dataclass(frozen=True)
class Row:
    """One data row: its values by column, and where it stands."""

    values: dict[str, str]
    file: str
    line: int

    def where(self, column: str | None = None) -> str:
        place = f"{self.file}:{self.line}"
        return f"{place}: column '{column}'" if column else place


def read_rows(
    path: Path, columns: tuple[str, ...], problems: Problems, *, label: str, optional: bool = False
) -> list[Row]:
    """Read a UTF-8 CSV with exactly these columns; report encoding, header and shape problems.

    An optional file may be absent, empty, or hold only its header: that is no rows, no problem.
    """
    if not path.is_file():
        if path.exists():  # a folder: as absent, its rows would be lost without a word
            problems.add(label, "is a folder, not a CSV file")
        elif not optional:
            problems.add(label, "file is missing")
        return []
    text, fault = decode(path.read_bytes())
    if text is None:
        problems.add(f"{label}:{fault[0]}", fault[1])
        return []
    if not text.strip():
        if not optional:
            problems.add(
                f"{label}:1", "file is empty (a header row and at least one data row needed)"
            )
        return []
    reader = _Records(csv.reader(io.StringIO(text, newline=""), strict=True))
    try:
        header = next(reader)
        if "review" in (h.strip() for h in header):
            problems.add(
                f"{label}:1",
                "column 'review' holds rows 'sister-graph init' proposed: check each row against "
                "the page, then delete the column",
            )
            return []
        wrong = header_problem(header, columns)
        if wrong:
            problems.add(f"{label}:1", wrong)
            return []
        header = [h.strip() for h in header]
        rows = list(_rows(reader, header, label, problems))
    except csv.Error as err:
        if "unexpected end of data" in str(err):  # a quote never closed: where it opened
            problems.add(
                f"{label}:{reader.start}",
                f"malformed CSV: a quoted cell opened on this line is never closed ({err})",
            )
        else:
            problems.add(f"{label}:{reader.line_num}", f"malformed CSV ({err})")
        return []
    if not rows and not optional and not problems.reported_in(label):
        problems.add(f"{label}:2", "no data rows")  # not when its rows were refused already
    return rows


class _Records:
    """A csv.reader that also knows the line its last record started on (its line_num is the
    record's last line: an unclosed quote is only noticed at the end of the file)."""

    def __init__(self, reader) -> None:
        self.reader, self.start = reader, 1

    def __iter__(self) -> _Records:
        return self

    def __next__(self) -> list[str]:
        self.start = self.reader.line_num + 1
        return next(self.reader)

    @property
    def line_num(self) -> int:
        return self.reader.line_num


def _rows(reader, header: list[str], label: str, problems: Problems) -> Iterator[Row]:
    for cells in reader:
        line = reader.line_num
        if not any(c.strip() for c in cells):
            continue
        if len(cells) != len(header):
            problems.add(f"{label}:{line}", f"has {len(cells)} cells, the header has {len(header)}")
            continue
        bad = [
            (h, found) for h, c in zip(header, cells, strict=True) if (found := CONTROL.search(c))
        ]
        if bad:
            column, found = bad[0]
            problems.add(
                f"{label}:{line}: column '{column}'",
                f"contains the control character U+{ord(found.group()):04X}",
            )
            continue
        yield Row({h: nfc(c.strip()) for h, c in zip(header, cells, strict=True)}, label, line)


def nfc(text: str) -> str:
    """Return text in Unicode Normalization Form C (https://unicode.org/reports/tr15/).

    A decomposed "s" + U+0326 and a precomposed "ș" look the same but compare unequal;
    every cell and page line is composed at ingest so queries and source checks match.

    >>> nfc("Timis\u0326oara") == "Timișoara"
    True
    """
    return unicodedata.normalize("NFC", text)


def required(row: Row, column: str, problems: Problems) -> str:
    """Return the cell, reporting it if empty."""
    value = row.values[column]
    if not value:
        problems.add(row.where(column), "is required but empty")
    return value


def slug(row: Row, column: str, problems: Problems) -> str:
    """Return a required slug (lower-case letters, digits and single hyphens)."""
    value = required(row, column, problems)
    if value and not SLUG.match(value):
        problems.add(row.where(column), f"{value!r} is not a slug (a-z, 0-9, single '-')")
    return value


def matching(row: Row, column: str, pattern: str, rule: str, problems: Problems) -> str:
    """Return an optional cell that, when present, must match the pattern."""
    value = row.values[column]
    if value and not re.fullmatch(pattern, value):
        problems.add(row.where(column), f"{value!r} is not {rule}")
    return value


def number(row: Row, column: str, low: float, high: float, problems: Problems) -> float:
    """Return a required decimal number within [low, high].

    NaN, INF and the like are no decimal numbers (https://www.w3.org/TR/xmlschema11-2/#decimal),
    though Python's float() reads them.
    """
    value = required(row, column, problems)
    try:
        result = float(value)
    except ValueError:
        result = math.nan
    if not math.isfinite(result):
        if value:
            problems.add(row.where(column), f"{value!r} is not a decimal number")
        return 0.0
    if not low <= result <= high:
        problems.add(row.where(column), f"{result} is outside {low}..{high}")
    return result


def integer(row: Row, column: str, low: int, high: int, problems: Problems) -> int:
    """Return a required integer within [low, high]: digits, with an optional sign, as
    xsd:integer writes it (https://www.w3.org/TR/xmlschema11-2/#integer); 1e3 and 15.0 are not.
    """
    value = required(row, column, problems)
    if not value:
        return 0
    if not re.fullmatch(r"[+-]?[0-9]+", value):
        problems.add(row.where(column), f"{value!r} is not an integer")
        return 0
    if not low <= int(value) <= high:
        problems.add(row.where(column), f"{int(value)} is outside {low}..{high}")
    return int(value)


def iso_date(row: Row, column: str, problems: Problems, *, today: date) -> date:
    """Return a required ISO date (YYYY-MM-DD) between 1900-01-01 and today."""
    value = required(row, column, problems)
    try:
        result = date.fromisoformat(value) if re.fullmatch(r"\d{4}-\d{2}-\d{2}", value) else None
    except ValueError:
        result = None
    if result is None:
        if value:
            problems.add(row.where(column), f"{value!r} is not a date (YYYY-MM-DD)")
        return date(1900, 1, 1)
    if not date(1900, 1, 1) <= result <= today:
        problems.add(row.where(column), f"{value} is not a plausible date (1900..today)")
    return result


def unique(rows: list[Row], key: Callable[[Row], str], column: str, problems: Problems) -> None:
    """Report rows whose key repeats an earlier row's."""
    seen: dict[str, Row] = {}
    for row in rows:
        value = key(row)
        if value and value in seen:
            problems.add(
                row.where(column), f"duplicate {value!r} (first at line {seen[value].line})"
            )
        seen.setdefault(value, row)
