"""Read a source page's text as the build cites it: lines split at LF, composed to NFC.

Lines end at LF (or CRLF) only, as an editor numbers them: U+000B, U+0085, U+2028 and the
other characters Python's str.splitlines() also breaks at stay inside their line. A character
XML 1.0 cannot carry (https://www.w3.org/TR/xml/#charsets) is named by file:line, since the
.rdf dump could not hold the cited text.
"""

from __future__ import annotations

from pathlib import Path

from sister_graph.build.csv_rows import CONTROL, Problems, nfc


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
