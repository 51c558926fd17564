"""Read a source page's text as the build cites it: lines split at LF, composed to NFC.

Lines end at LF (or CRLF) only, as an editor numbers them: U+000B, U+0085, U+2028 and the
other characters Python's str.splitlines() also breaks at stay inside their line. A character
XML 1.0 cannot carry (https://www.w3.org/TR/xml/#charsets) is named by file:line, since the
.rdf dump could not hold the cited text.
"""

from __future__ import annotations

from pathlib import Path

from sister_graph.build.csv_rows import CONTROL, Problems, Row, nfc, required
from sister_graph.build.records import Cited


def page_path(folder: Path, row: Row, column: str, problems: Problems) -> Path | None:
    """Return the page file a row names, which must lie inside the row's own folder.

    A path that is absolute or leads out of the folder (e.g. `../../etc/passwd`, or another
    city's page) is reported as a problem of that column and None returned: the build reads only
    pages kept with the data that cites them.
    """
    name = row.values.get(column, "")
    if not name:
        return None
    path = (folder / name).resolve()
    if Path(name).is_absolute() or folder.resolve() not in path.parents:
        problems.add(row.where(column), f"{name!r} is not a file inside this folder")
        return None
    return path


def split_lines(text: str) -> list[str]:
    """Split at LF (CRLF too) only.

    >>> split_lines("a\\r\\nb\\u2028c\\x0bd\\n")
    ['a', 'b\\u2028c\\x0bd']
    """
    lines = text.split("\n")
    if lines and lines[-1] == "":
        lines.pop()
    return [line.removesuffix("\r") for line in lines]


def read_page_lines(path: Path, problems: Problems, *, label: str) -> tuple[str, ...]:
    """Return the page's lines in NFC; report undecodable text and non-XML characters by line.

    Raises OSError or UnicodeDecodeError when the file cannot be read as UTF-8 (the caller
    names the row that cites it).
    """
    raw = split_lines(path.read_text(encoding="utf-8"))
    for number, line in enumerate(raw, start=1):
        found = CONTROL.search(line)
        if found:
            problems.add(
                f"{label}:{number}", f"contains the control character U+{ord(found.group()):04X}"
            )
    return tuple(nfc(line) for line in raw)


def line_number(row: Row, problems: Problems) -> int:
    """Return the row's source_line (0, reported, when it is no line number)."""
    value = required(row, "source_line", problems)
    if value and not value.isdigit():
        problems.add(row.where("source_line"), f"{value!r} is not a line number")
        return 0
    return int(value or 0)


def citer(lines: tuple[str, ...], problems: Problems):
    """Return a function that checks a row's cited line exists and contains the given words.

    Each item of `must_contain` is a string, or a tuple of alternatives one of which must be
    on the line (the first is named when none is).
    """

    def cite(row: Row, *must_contain: str) -> Cited:
        number_ = line_number(row, problems)
        if number_ and lines:
            if not 1 <= number_ <= len(lines) or not lines[number_ - 1].strip():
                problems.add(row.where("source_line"), f"line {number_} of the page has no text")
            elif not problems.reported(row.where()):
                # a row with a problem already (e.g. an unreadable date) is not checked against
                # its line as well: one problem, one message
                text = lines[number_ - 1]
                for words in filter(None, must_contain):
                    options = (words,) if isinstance(words, str) else words
                    if not any(option in text for option in options):
                        problems.add(
                            row.where("source_line"),
                            f"{options[0]!r} is not on page line {number_}",
                        )
        return Cited(row.file, row.line, number_)

    return cite
