"""Partner-side evidence: an official source of a city (a press release, a news page) that states
an agreement a publisher's page states already, possibly with less precision.

A folder's evidence.csv (the folder needs no publisher.csv) has one row per statement: which
agreement (its id), whose source it is (`city`: one of the agreement's two cities), the page
(URL, title, language, the kept text file) and what the cited line says: the signing date as
precise as the source is (`2003`, `2012-11`, `2003-10-03`, or `--11-11` for a day and month
without a year; empty when the source gives no date) and the agreement's type as the source
words it (verbatim, optional) with, optionally, the agreement-type concept those words name.
The agreement then cites that page too (dct:source, a prov:qualifiedDerivation with line, text,
sg:statedDate, sg:statedTypeForm, sg:statedType). Sources are compared by what they state: a
stated date that contradicts the agreement's date flags it with sg:sourcesDisagreeOn
sg:signingDate, a stated type other than the agreement's with sg:sourcesDisagreeOn
sg:agreementType; a date or type the source does not state is no disagreement. Dates follow
XML Schema's partial types (https://www.w3.org/TR/xmlschema11-2/#gYear and siblings).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from rdflib import Graph, Literal, URIRef

from sister_graph.build.corroboration import statements
from sister_graph.build.csv_rows import (
    HTTP_IRI,
    LANGUAGE_TAG,
    Problems,
    matching,
    read_rows,
    required,
    slug,
)
from sister_graph.build.csvw_check import check_folder, read_metadata, table_columns
from sister_graph.build.page_text import page_path, read_page_lines
from sister_graph.build.records import Agreement, recased
from sister_graph.errors import SourceError
from sister_graph.rdf.namespaces import (
    DCTERMS,
    FOAF,
    PROV,
    RDF,
    SCHEMA,
    XSD,
    id_namespace,
    new_graph,
    sg_namespace,
)

COLUMNS = table_columns(read_metadata())["evidence.csv"]
_PARTIAL = {
    r"\d{4}": XSD.gYear,
    r"\d{4}-\d{2}": XSD.gYearMonth,
    r"\d{4}-\d{2}-\d{2}": XSD.date,
    r"--\d{2}-\d{2}": XSD.gMonthDay,
}


@dataclass(frozen=True)
class Evidence:
    """One statement of an agreement by an official source of one of its cities."""

    agreement: str
    city: str
    page_url: str
    page_title: str
    page_language: str
    folder: str
    source_file: str
    signed: str
    type_form: str
    type: str
    line: int
    text: str
    where: str

    def __post_init__(self) -> None:
        object.__setattr__(self, "page_language", recased(self.page_language))


def _datatype(signed: str) -> URIRef | None:
    return next((dt for pattern, dt in _PARTIAL.items() if re.fullmatch(pattern, signed)), None)


def agrees(signed: str, day: date) -> bool:
    """Tell whether a (partial) stated date fits the agreement's date.

    >>> agrees("2003", date(2003, 10, 3)), agrees("--11-11", date(2012, 11, 11))
    (True, True)
    >>> agrees("2004", date(2003, 10, 3)), agrees("2003-10-04", date(2003, 10, 3))
    (False, False)
    """
    if signed.startswith("--"):
        return signed == f"--{day.month:02d}-{day.day:02d}"
    return day.isoformat().startswith(signed)


def read_evidence(
    data_dir: Path,
    agreements: dict[str, tuple[str, Agreement]],
    problems: Problems,
    types: frozenset[str] = frozenset(),
    expected: dict[str, str] | None = None,
):
    """Read every */evidence.csv; agreements maps id -> (publisher, agreement) of the graph.

    `types` are the agreement-type ids the publishers' concepts.csv define (a row's `type` must
    be one of them); `expected` maps a publisher city to its agreements.csv, named when an id
    that begins with that city is missing there.
    """
    found = []
    for path in sorted(Path(data_dir).glob("*/evidence.csv")):
        label = str(path.relative_to(Path(data_dir).parent))
        before = len(problems.items)
        rows = read_rows(path, COLUMNS, problems, label=label)
        readable = len(problems.items) == before
        found += _read_rows(rows, path, label, agreements, problems, types, expected)
        if readable:  # after the rows' own checks, which name a cell more plainly than CSVW
            check_folder(
                path.parent,
                ["evidence.csv"],
                read_metadata(data_dir),
                problems,
                label=lambda _, named=label: named,
            )
    return tuple(found)


def _read_rows(rows, path, label, agreements, problems, types, expected) -> list[Evidence]:
    """Check one evidence.csv's rows (as read_evidence says) and return their statements."""
    found = []
    for row in rows:
        # the row's cells first; a row with a problem is not checked further: one message
        agreement_id, city = slug(row, "agreement", problems), slug(row, "city", problems)
        signed = row.values["signed"]  # empty: the source states no date
        if signed and _datatype(signed) is None:
            problems.add(
                row.where("signed"), f"{signed!r} is not YYYY, YYYY-MM, YYYY-MM-DD or --MM-DD"
            )
        kind = row.values["type"] and slug(row, "type", problems)
        type_form = row.values["type_form"]
        page_url = required(row, "page_url", problems) and matching(
            row, "page_url", HTTP_IRI, "an http(s) URL", problems
        )
        title = required(row, "page_title", problems)
        language = required(row, "page_language", problems) and matching(
            row, "page_language", LANGUAGE_TAG, "a language tag", problems
        )
        source_file = required(row, "source_file", problems)
        number = required(row, "source_line", problems)
        if number and not number.isdigit():
            problems.add(row.where("source_line"), f"{number!r} is not a line number")
        if problems.reported(row.where()):
            continue
        if agreement_id not in agreements:
            where = [f for city, f in (expected or {}).items() if agreement_id.startswith(city)]
            hint = f" (not in {', '.join(where)})" if where else ""
            problems.add(row.where("agreement"), f"{agreement_id!r} is no agreement of data/{hint}")
            continue
        publisher, agreement = agreements[agreement_id]
        if city not in (publisher, agreement.partner):
            problems.add(row.where("city"), f"{city!r} is neither city of {agreement_id!r}")
        if kind and not type_form:
            problems.add(row.where("type"), "a type needs the source's words (type_form)")
        elif kind and kind not in types:
            problems.add(
                row.where("type"), f"{kind!r} is no agreement-type of a concepts.csv in data/"
            )
        page = page_path(path.parent, row, "source_file", problems)
        if page is None or problems.reported(row.where()):
            continue
        try:
            lines = read_page_lines(page, problems, label=str(Path(label).parent / source_file))
        except OSError as err:
            problems.add(row.where("source_file"), f"cannot read {source_file} ({err})")
            continue
        if not lines:
            continue  # the page's problem (not UTF-8, empty) is reported at the page
        if not 1 <= int(number) <= len(lines) or not lines[int(number) - 1].strip():
            problems.add(row.where("source_line"), f"{number!r} is not a page line with text")
            continue
        text = lines[int(number) - 1]
        if type_form and type_form not in text:
            problems.add(row.where("source_line"), f"{type_form!r} is not on page line {number}")
        year = signed[:4] if signed and not signed.startswith("--") else ""
        if year and year not in text:
            problems.add(row.where("source_line"), f"the year {year} is not on page line {number}")
        found.append(
            Evidence(
                agreement_id,
                city,
                page_url,
                title,
                language,
                path.parent.name,
                source_file,
                signed,
                type_form,
                kind,
                int(number),
                text.strip(" •\t"),
                row.where(),
            )
        )
    return found


def evidence_graphs(
    evidence, agreements: dict[str, tuple[str, Agreement]], *, base: str
) -> dict[URIRef, Graph]:
    """Return one graph per evidence page: the page and what it states about each agreement."""
    sg, ids = sg_namespace(base), id_namespace(base)
    graphs: dict[URIRef, Graph] = {}
    for e in evidence:
        name = URIRef(f"{base}graph/source/{e.folder}/{Path(e.source_file).stem}")
        g = graphs.setdefault(name, new_graph(base))
        page, agreement = URIRef(e.page_url), ids[f"agreement/{e.agreement}"]
        g.add((page, RDF.type, FOAF.Document))
        g.add((page, RDF.type, SCHEMA.WebPage))
        g.add((page, DCTERMS.title, Literal(e.page_title, lang=e.page_language)))
        g.add((page, DCTERMS.language, Literal(e.page_language)))
        g.add((page, DCTERMS.publisher, ids[f"city/{e.city}"]))
        derivation = ids[f"citation/{e.folder}/{Path(e.source_file).stem}/agreement/{e.agreement}"]
        number = Literal(e.line, datatype=XSD.integer)
        text = Literal(e.text, lang=e.page_language)
        for subject in (agreement, derivation):
            g.add((subject, sg.sourceLine, number))
            g.add((subject, sg.sourceText, text))
        g.add((agreement, DCTERMS.source, page))
        g.add((agreement, PROV.wasDerivedFrom, page))
        g.add((agreement, PROV.qualifiedDerivation, derivation))
        g.add((derivation, RDF.type, PROV.Derivation))
        g.add((derivation, PROV.entity, page))
        if e.signed:
            g.add((derivation, sg.statedDate, Literal(e.signed, datatype=_datatype(e.signed))))
        if e.type_form:
            g.add((derivation, sg.statedTypeForm, Literal(e.type_form, lang=e.page_language)))
        if e.type:
            g.add((derivation, sg.statedType, ids[f"concept/agreement-type/{e.type}"]))
        _, stated = agreements[e.agreement]
        if e.signed and not agrees(e.signed, stated.signed):
            g.add((agreement, sg.sourcesDisagreeOn, sg.signingDate))
        if e.type and e.type != stated.type:
            g.add((agreement, sg.sourcesDisagreeOn, sg.agreementType))
    return graphs


def read_partner_evidence(data_dir: Path, sources) -> tuple[Evidence, ...]:
    """Read every evidence.csv against the publishers' agreements; raise SourceError on problems."""
    first = {key: group[0] for key, group in statements(sources).items()}
    agreements = {key: (st.publisher, st.agreement) for key, st in first.items()}
    types = frozenset(c.id for s in sources for c in s.concepts if c.scheme == "agreement-type")
    expected = {  # where an agreement id beginning with a publisher's city would be
        f"{s.publisher.city}-": str(Path(s.publisher.cited.csv_file).with_name("agreements.csv"))
        for s in sources
        if s.publisher is not None
    }
    problems = Problems()
    evidence = read_evidence(data_dir, agreements, problems, types, expected)
    if problems.items:
        raise SourceError(
            f"{len(problems.items)} problem(s) in the evidence", problems=problems.items
        )
    return evidence


def agreements_by_id(sources) -> dict[str, tuple[str, Agreement]]:
    """Return each agreement id's first statement as (publisher, agreement)."""
    return {key: (g[0].publisher, g[0].agreement) for key, g in statements(sources).items()}
