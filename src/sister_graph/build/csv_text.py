"""A CSV file's bytes and header row, each checked as one thing: one fault, one message.

A file saved in another encoding, or whose header row is wrong (a column renamed, missing,
written twice, spaced, or the whole row one cell because another separator was used), is one
problem of line 1 (or of the first line the encoding breaks), not one per row or per column:
csv_rows reports it once and reads no rows from the file. The columns are those the file's
table declares in the CSV on the Web metadata (https://www.w3.org/TR/tabular-metadata/).
"""

from __future__ import annotations

import difflib
import re
from collections import Counter

UTF16_MARKS = (b"\xff\xfe", b"\xfe\xff")
SEPARATORS = (";", "\t", "|")
SAVE = "save it as UTF-8"
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f]")


def decode(raw: bytes) -> tuple[str, None] | tuple[None, tuple[int, str]]:
    """Return (text, None) for UTF-8 bytes (a leading byte order mark dropped), else
    (None, (line, why)): the first line that is not UTF-8 and what is wrong with it.

    >>> decode("a,b\\n".encode("utf-16"))[1][1]
    'is UTF-16 (it starts with a byte order mark), not UTF-8: save it as UTF-8'
    >>> decode("ab\\nč".encode("utf-16-le"))[1][0]
    1
    >>> decode(b"ok\\n\\xe8\\n")
    (None, (2, 'not UTF-8 (byte 3: invalid continuation byte)'))
    """
    if raw.startswith(UTF16_MARKS):
        return None, (1, f"is UTF-16 (it starts with a byte order mark), not UTF-8: {SAVE}")
    if _utf16(raw):
        line = raw[: raw.index(b"\x00")].count(b"\n") + 1
        return None, (line, f"is UTF-16 or binary (one byte in two is NUL), not UTF-8: {SAVE}")
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as err:
        line = raw[: err.start].count(b"\n") + 1
        return None, (line, f"not UTF-8 (byte {err.start}: {err.reason})")
    return text, None


def _utf16(raw: bytes) -> bool:
    """Whether bytes with NULs read as UTF-16 text without a byte order mark: ASCII text has a
    NUL every other byte; Cyrillic none, but decodes to no control characters."""
    if b"\x00" not in raw:
        return False
    if raw.count(b"\x00") * 4 >= len(raw):
        return True
    for codec in ("utf-16-le", "utf-16-be"):
        try:
            text = raw.decode(codec)
        except UnicodeDecodeError:
            continue
        if not _CONTROL.search(text):
            return True
    return False


def header_problem(header: list[str], columns: tuple[str, ...]) -> str | None:
    """Say in one sentence what is wrong with a header row (its cells as read), or None.

    Every fault of the row goes into that sentence: a name that is a column's name misspelt
    or in other case ('Partner' should be 'partner'), names missing, names unknown, names
    written twice, spaces around a name, and a row that is one cell because its cells are
    separated by ';' or a tab instead of commas.

    >>> header_problem(["id", "partnr"], ("id", "partner"))
    "'partnr' should be 'partner'"
    >>> header_problem(["id;partner"], ("id", "partner"))[:50]
    'the header is one cell: its cells are separated by'
    >>> header_problem(["id", "partner", "id"], ("id", "partner"))
    "column 'id' is written 2 times (cells 1, 3): keep one"
    """
    if len(header) == 1 and len(columns) > 1:
        for separator in SEPARATORS:
            if separator in header[0]:
                return (
                    f"the header is one cell: its cells are separated by {separator!r}, not "
                    "commas: save the file as comma-separated CSV"
                )
    names = [h.strip() for h in header]
    parts = []
    for name, count in Counter(names).items():
        if count > 1 and name:
            cells = ", ".join(str(i) for i, n in enumerate(names, start=1) if n == name)
            parts.append(f"column {name!r} is written {count} times (cells {cells}): keep one")
    missing = [c for c in columns if c not in names]
    unknown = [n for n in names if n not in columns]
    for name in list(unknown):
        meant = _meant(name, missing)
        if meant:
            parts.append(f"{name!r} should be {meant!r}")
            unknown.remove(name)
            missing.remove(meant)
    if missing:
        parts.append(f"missing column(s): {', '.join(missing)}")
    if unknown:
        shown = ", ".join(repr(n) if n else f"no name (cell {names.index(n) + 1})" for n in unknown)
        parts.append(f"unknown column(s): {shown} (the columns are {', '.join(columns)})")
    spaced = [h for h in header if h != h.strip() and h.strip() in columns]
    if spaced and not parts:
        parts.append(
            f"white space around the column name(s) {', '.join(map(repr, spaced))}: write "
            f"{', '.join(repr(h.strip()) for h in spaced)}"
        )
    return "; ".join(parts) or None


def _meant(name: str, missing: list[str]) -> str | None:
    """The missing column a name stands for: the same in other case, else the closest."""
    key = name.casefold().replace(" ", "_").replace("-", "_")
    folded = [m for m in missing if m.casefold() == key]
    if folded:
        return folded[0]
    close = difflib.get_close_matches(name, missing, n=1, cutoff=0.6)
    return close[0] if close else None
