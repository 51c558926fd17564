"""Each agreement's signing date must be on the page line it cites, as the page's language
writes it (written_dates.py); one wrong page_language is one problem, not one per agreement.

When every dated agreement of a folder misses its line and another known language writes each
date as its line does (one agreement is enough then), the agreements are not each wrong: the
page's language is. That is one problem of publisher.csv's page_language, naming that
language. Without such a language the page's lines may have moved instead: page_citations
names each miss, or their shared cause. A page_language reported already (not a language
tag, empty) checks no dates at all: its problem is the one message.
"""

from __future__ import annotations

from sister_graph.build.csv_rows import Problems, Row
from sister_graph.build.page_citations import Citer
from sister_graph.build.records import Agreement
from sister_graph.build.written_dates import known_languages, written_forms


def check_dates_on_lines(
    agreements: list[tuple[Row, Agreement]],
    cite: Citer,
    language: str,
    language_place: str,
    problems: Problems,
) -> None:
    """Report each agreement whose date is not on its cited page line in `language`'s forms.

    agreements: (row, agreement) pairs; cite: the folder's Citer (its page's lines; it reports
    the misses that are no language's fault, see page_citations); language_place: where
    page_language stands (publisher.csv:2: column 'page_language'). Rows with a problem
    already, or without a date or a line with text, are not checked: the problem is theirs.
    """
    lines = cite.lines
    if problems.reported(language_place):
        return
    checked, missed = 0, []
    for row, agreement in agreements:
        number = agreement.cited.source_line
        if (
            not row.values["signed"]
            or problems.reported(row.where())
            or not 1 <= number <= len(lines)
            or not lines[number - 1].strip()  # the Citer names the line as empty
        ):
            continue
        checked += 1
        if not any(form in lines[number - 1] for form in written_forms(agreement.signed, language)):
            missed.append((row, agreement, lines[number - 1]))
    fits = [
        other
        for other in known_languages()
        if missed
        and all(any(f in line for f in written_forms(a.signed, other)) for _, a, line in missed)
    ]
    if missed and len(missed) == checked and fits:
        row, agreement, _ = missed[0]
        problems.add(
            language_place,
            f"{language!r}: no agreement's date is on its page line as a page in this language "
            f"writes it ({row.where()}: {written_forms(agreement.signed, language)[0]!r} is not "
            f"on page line {agreement.cited.source_line}); they are written as a page in "
            f"{fits[0]!r} writes them",
        )
        return
    for row, agreement, _ in missed:  # the Citer names each, or their shared cause
        cite.check(row, agreement.cited.source_line, (written_forms(agreement.signed, language),))
