"""Read a source page's text as the build cites it: lines split at LF, composed to NFC.

Lines end at LF (or CRLF) only, as an editor numbers them: U+000B, U+0085, U+2028 and the
other characters Python's str.splitlines() also breaks at stay inside their line. A character
XML 1.0 cannot carry (https://www.w3.org/TR/xml/#charsets) is named by file:line, since the
.rdf dump could not hold the cited text.
"""

from __future__ import annotations

from pathlib import Path

from sister_graph.build.csv_rows import CONTROL, Problems, Row, nfc
from sister_graph.build.csv_text import decode


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
    """Return the page's lines in NFC; report a page that is a folder, not UTF-8 text, holds no
    text, or holds a character XML cannot carry (each named by label:line), returning () for
    the first three: rows citing the page are not checked against it (one problem, one
    message).

    Raises OSError when the file cannot be read (the caller names the row that cites it).
    """
    if path.is_dir():
        problems.add(label, "is a folder, not the page's text")
        return ()
    text, fault = decode(path.read_bytes())
    if text is None:
        problems.add(f"{label}:{fault[0]}", f"the page text {fault[1]}")
        return ()
    raw = split_lines(text)
    if not any(line.strip() for line in raw):
        problems.add(f"{label}:1", "the page text is empty: save the text of the page")
        return ()
    for number, line in enumerate(raw, start=1):
        found = CONTROL.search(line)
        if found:
            problems.add(
                f"{label}:{number}", f"contains the control character U+{ord(found.group()):04X}"
            )
    return tuple(nfc(line) for line in raw)
