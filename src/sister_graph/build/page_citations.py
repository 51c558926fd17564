"""Each row cites a line of its folder's page; the line must exist and hold the row's words.

One problem, one message: when several rows miss their lines for one reason, that reason is
the message. If every row that misses finds its words the same number of lines away, the page
has moved (a line added or removed above them: the page was edited, or another version
saved): one message names the shift. If every row that misses cites a line after the page's
end, the page was cut short: one message says how long it is. If half the rows citing the
page or more miss, it is not the page they were written from: one message lists them.
Otherwise (a few rows among many) each row is named.
A row is named once, for the first of its words its line lacks; a line holding a character
the page check reported (page_text) is not checked for words as well.
"""

from __future__ import annotations

from sister_graph.build.csv_rows import CONTROL, Problems, Row, required
from sister_graph.build.records import Cited

Words = tuple[tuple[str, ...], ...]  # each item: alternatives, one of which must be on the line


def line_number(row: Row, problems: Problems) -> int:
    """Return the row's source_line (0, reported, when it is no line number)."""
    value = required(row, "source_line", problems)
    if value and not value.isdigit():
        problems.add(row.where("source_line"), f"{value!r} is not a line number")
        return 0
    return int(value or 0)


class Citer:
    """Checks the page lines rows cite (call it per row), then reports the misses (finish)."""

    def __init__(self, lines: tuple[str, ...], problems: Problems) -> None:
        self.lines, self.problems = lines, problems
        self.misses: list[tuple[Row, int, Words, str]] = []
        self.checked: set[str] = set()  # the rows (file:line) whose lines were checked

    def __call__(self, row: Row, *must_contain: str | tuple[str, ...]) -> Cited:
        """Check a row's cited line (its source_line); each item of must_contain is a string
        or a tuple of alternatives. A row with a problem already is not checked for words."""
        number = line_number(row, self.problems)
        if number and self.lines:
            words = tuple((w,) if isinstance(w, str) else tuple(w) for w in must_contain if w)
            if self.problems.reported(row.where()):
                words = ()
            self.check(row, number, words)
        return Cited(row.file, row.line, number)

    def check(self, row: Row, number: int, words: Words, column: str = "source_line") -> None:
        """Keep the row as a miss unless line `number` (of `column`) has text holding every item
        of words."""
        if self.lines:
            if words:  # a row that names nothing on its line shows nothing about the page
                self.checked.add(row.where())
            if not self._holds(number, words):
                self.misses.append((row, number, words, column))

    def _holds(self, number: int, words: Words) -> bool:
        if not 1 <= number <= len(self.lines) or not self.lines[number - 1].strip():
            return False
        text = self.lines[number - 1]
        return bool(CONTROL.search(text)) or all(any(o in text for o in w) for w in words)

    def finish(self, page: str) -> None:
        """Report the misses: one message for a shared cause, else one per row. page: the
        page's file as problems name it."""
        misses, lines, checked = self.misses, self.lines, len(self.checked)
        self.misses, self.checked = [], set()
        if len(misses) >= 2:
            row, number, words, column = misses[0]
            where, first = row.where(column), _missing(lines, number, words)
            shift = self._shift(misses)
            if shift:
                direction = "below" if shift > 0 else "above"
                self.problems.add(
                    where,
                    f"{first}, but on line {number + shift}: the {len(misses)} rows of this "
                    f"folder that miss their line in {page} each find their words "
                    f"{abs(shift)} line(s) {direction} (the page's lines have moved: keep the "
                    "page as published, or correct the rows' source_line)",
                )
                return
            if all(n > len(lines) for _, n, _, _ in misses):
                self.problems.add(
                    where,
                    f"{first}: {page} has {len(lines)} lines and {len(misses)} rows cite lines "
                    f"after its end (up to line {max(n for _, n, _, _ in misses)}): is the page "
                    "cut short?",
                )
                return
            missing = len({r.where() for r, _, _, _ in misses})
            if missing * 2 >= checked:  # half the rows miss: the page is not the one they cite
                rest = ", ".join(f"{r.where()} (line {n})" for r, n, _, _ in misses[1:])
                self.problems.add(
                    where,
                    f"{first}, nor do {missing - 1} more of the {max(checked, missing)} rows "
                    f"citing {page} find their words on their line ({rest}): is it the page "
                    "the rows were written from, as published?",
                )
                return
        for row, number, words, column in misses:
            self.problems.add(row.where(column), _missing(lines, number, words))

    def _shift(self, misses: list[tuple[Row, int, Words, str]]) -> int:
        """The one offset at which every miss's line holds its words, or 0."""
        first = misses[0][1]
        offsets = sorted(range(1 - first, len(self.lines) - first + 1), key=abs)
        for k in offsets:
            if k and all(self._holds(n + k, w) for _, n, w, _ in misses):
                return k
        return 0


def _missing(lines: tuple[str, ...], number: int, words: Words) -> str:
    """Say what a missed line lacks: any text at all, or the first of the words."""
    if not 1 <= number <= len(lines) or not lines[number - 1].strip():
        return f"line {number} of the page has no text"
    text = lines[number - 1]
    lacking = next(w for w in words if not any(o in text for o in w))
    return f"{lacking[0]!r} is not on page line {number}"
