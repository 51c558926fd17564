"""Propose a new publisher folder from its page text (pure: text and known records in, files out).

`sister-graph init DIR --page FILE --url URL` writes what `scaffold_publisher` returns: the page
copied in verbatim under source/, the six CSV files with their headers, and proposed rows for
what the page text shows:

- dates in Bosnian/Croatian/Serbian forms ("5. juna 2015.", "24. marta 2006", "7. aprila 1964.
  godine", "22.04.2014") or with the month names of the page's language (--language de:
  "22. Mai 1973"), each a proposed agreements.csv row citing its line;
- cities already in the graph, in their case forms ("Banjom Lukom", "Novim Sadom",
  "Kranjem"), each a proposed cities.csv row with the facts the graph already holds; on a
  dated line the city is also the proposed partner, and an agreement the partner's own folder
  states already gets that agreement's id (README, "One agreement, several sources");
- agreement types the graph knows, in the form the page writes them.

Every proposed row carries a `review` cell saying what was recognised where; the build refuses
the files until the clerk has checked each row and deleted the column.
"""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from sister_graph.build.csv_rows import HTTP_IRI, SLUG
from sister_graph.build.name_forms import name_pattern
from sister_graph.build.records import City, Concept, PublisherSources
from sister_graph.build.sources import COLUMNS, LANGUAGE_TAG, publisher_folders, read_sources
from sister_graph.build.written_dates import month_names
from sister_graph.errors import BadArgument

REVIEW = "review"
_LANGS = ("sr-Latn", "hr", "sl")
_MONTHS: dict[str, int] = {
    name.lower(): index + 1 for lang in _LANGS for index, name in enumerate(month_names(lang))
}
_WORD_DATE = re.compile(
    r"\b(?P<day>[0-3]?\d)\.\s*(?P<month>[^\W\d_]+)\s+(?P<year>(?:1[89]|20)\d\d)\b\.?"
)
# A page saved with its markup (a browser's "save as"), not as the text the page shows.
HTML_START = re.compile(r"\s*<(?:!doctype\s+html|html|head|body)[\s>]", re.IGNORECASE)
_NUMERIC_DATE = re.compile(
    r"\b(?P<day>[0-3]?\d)\.\s?(?P<month>[01]?\d)\.\s?(?P<year>(?:1[89]|20)\d\d)\b"
)


@dataclass(frozen=True)
class Found:
    """Something recognised on a page line: its text there and what it stands for."""

    line: int
    text: str
    value: object


def find_dates(lines: list[str], language: str = "sr-Latn") -> list[Found]:
    """Return every date a line writes in a South Slavic form, or with the month names of the
    page's `language` where written_dates.py knows them (sr-Cyrl, de: "25. Juli 2008"), in
    page order.

    >>> [(f.line, f.value.isoformat()) for f in find_dates(["potpisan 5. juna 2015. godine"])]
    [(1, '2015-06-05')]
    >>> [f.value.isoformat() for f in find_dates(["7. aprila 1964. godine; 22.04.2014"])]
    ['1964-04-07', '2014-04-22']
    """
    months = _MONTHS | {name.lower(): i + 1 for i, name in enumerate(month_names(language))}
    found = []
    for number, line in enumerate(lines, start=1):
        hits = []
        for pattern in (_WORD_DATE, _NUMERIC_DATE):
            for m in pattern.finditer(line):
                month = m["month"]
                month_number = int(month) if month.isdigit() else months.get(month.lower())
                try:
                    day = date(int(m["year"]), month_number or 0, int(m["day"]))
                except ValueError:
                    continue
                hits.append((m.start(), Found(number, m.group(0).rstrip("."), day)))
        found.extend(hit for _, hit in sorted(hits, key=lambda h: h[0]))
    return found


def find_cities(
    lines: list[str], cities: dict[str, City], forms: dict[str, set[str]]
) -> list[Found]:
    """Return each known city a line names (its label or a form a page used), in page order."""
    found = []
    for number, line in enumerate(lines, start=1):
        for city_id, city in sorted(cities.items()):
            names = {city.labels.sr_latn, *forms.get(city_id, ())}
            for name in sorted(names, key=len, reverse=True):
                m = name_pattern(name).search(line) if name else None
                if m:
                    found.append(Found(number, m.group(0), city_id))
                    break
    return found


def _csv(columns: tuple[str, ...], rows: list[dict[str, str]]) -> str:
    out = io.StringIO()
    header = (*columns, REVIEW) if rows else columns
    writer = csv.DictWriter(out, fieldnames=header, lineterminator="\n")
    writer.writeheader()
    for row in rows:
        writer.writerow({c: row.get(c, "") for c in header})
    return out.getvalue()


def _city_row(city: City, page_form: str, line: int, review: str) -> dict[str, str]:
    return {
        "id": city.id,
        "label_sr_latn": city.labels.sr_latn,
        "label_sr_cyrl": city.labels.sr_cyrl,
        "label_en": city.labels.en,
        "native_names": "|".join(f"{lang}:{name}" for lang, name in city.native_names),
        "page_form": page_form,
        "country": city.country,
        "lat": str(city.lat),
        "long": str(city.long),
        "wikidata": city.wikidata,
        "geonames": city.geonames,
        "identification": city.identification,
        "note": city.note,
        "source_line": str(line),
        REVIEW: review,
    }


def scaffold_publisher(
    publisher: str,
    page: str,
    *,
    url: str,
    source_file: str,
    known: list[PublisherSources],
    language: str = "sr-Latn",
) -> dict[str, str]:
    """Return the six CSV files of a new publisher folder, by name, with proposed rows.

    publisher: the new folder's slug; page: the page text (source_file is where the caller
    copies it, relative to the folder); known: the sources already in data/. The page itself
    is not returned: the caller copies the file byte for byte.
    """
    lines = page.split("\n")
    cities = {c.id: c for s in known for c in s.cities}
    forms: dict[str, set[str]] = {}
    for s in known:
        for c in s.cities:
            forms.setdefault(c.id, set()).add(c.page_form)
    types: dict[str, Concept] = {
        c.id: c for s in known for c in s.concepts if c.scheme == "agreement-type"
    }
    stated = {
        (s.publisher.city, a.partner, a.signed.year): a.id for s in known for a in s.agreements
    }
    title_line = next((i for i, text in enumerate(lines, start=1) if text.strip()), 1)
    publisher_row = {
        "city": publisher,
        "page_url": url,
        "page_title": lines[title_line - 1].strip() if lines else "",
        "page_language": language,
        "source_file": source_file,
        "source_line": str(title_line),
        REVIEW: f"page title: the first line with text (line {title_line})",
    }
    city_rows: dict[str, dict[str, str]] = {}
    own = cities.get(publisher)
    if own is not None:
        city_rows[publisher] = _city_row(
            own, "", title_line, "the publisher: fill page_form and source_line"
        )
    else:
        city_rows[publisher] = {
            "id": publisher,
            "source_line": "",
            REVIEW: "the publisher: new city, fill every column",
        }
    by_line: dict[int, list[Found]] = {}
    for hit in find_cities(lines, cities, forms):
        if hit.value == publisher:
            if own is not None and not city_rows[publisher]["page_form"]:
                review = f"'{hit.text}' on line {hit.line} is the publisher: check page_form and"
                city_rows[publisher] = _city_row(own, hit.text, hit.line, f"{review} source_line")
            continue
        by_line.setdefault(hit.line, []).append(hit)
        if hit.value not in city_rows:
            review = f"'{hit.text}' on line {hit.line} is {hit.value} in the graph"
            city_rows[hit.value] = _city_row(cities[hit.value], hit.text, hit.line, review)
    concept_rows: dict[str, dict[str, str]] = {}
    agreement_rows = []
    for hit in find_dates(lines, language):
        day: date = hit.value
        line_text = lines[hit.line - 1]
        partners = by_line.get(hit.line, [])
        kind = next(
            (c for c in types.values() if c.page_form and c.page_form.lower() in line_text.lower()),
            None,
        )
        if kind is not None and kind.id not in concept_rows:
            concept_rows[kind.id] = {
                "scheme": "agreement-type",
                "id": kind.id,
                "label_sr_latn": kind.labels.sr_latn,
                "label_sr_cyrl": kind.labels.sr_cyrl,
                "label_en": kind.labels.en,
                "page_form": kind.page_form,
                "source_line": str(hit.line),
                REVIEW: f"'{kind.page_form}' on line {hit.line} is agreement type {kind.id}",
            }
        for partner in partners or [None]:
            partner_id = partner.value if partner else ""
            agreement_id = stated.get((partner_id, publisher, day.year)) or "-".join(
                filter(None, (publisher, partner_id, str(day.year)))
            )
            said = f"'{hit.text}' on line {hit.line}"
            said += (
                f", partner '{partner.text}'"
                if partner
                else ", no known city on the line: fill partner (a row of cities.csv) and put it"
                f" in the id, {publisher}-PARTNER-{day.year}"
            )
            if (partner_id, publisher, day.year) in stated:
                said += f"; {partner_id}'s page states it: same id"
            agreement_rows.append(
                {
                    "id": agreement_id,
                    "partner": partner_id,
                    "type": kind.id if kind else "",
                    "signed": day.isoformat(),
                    "signing": f"{publisher}-{day.isoformat()}",
                    "source_line": str(hit.line),
                    REVIEW: said,
                }
            )
    return {
        "publisher.csv": _csv(COLUMNS["publisher.csv"], [publisher_row]),
        "cities.csv": _csv(COLUMNS["cities.csv"], list(city_rows.values())),
        "agreements.csv": _csv(COLUMNS["agreements.csv"], agreement_rows),
        "concepts.csv": _csv(COLUMNS["concepts.csv"], list(concept_rows.values())),
        "networks.csv": _csv(COLUMNS["networks.csv"], []),
        "memberships.csv": _csv(COLUMNS["memberships.csv"], []),
    }


def write_publisher_folder(
    folder: Path, *, page: Path, url: str, data_dir: Path, language: str = "sr-Latn"
) -> dict[str, int]:
    """Create `folder` with the page copied in byte for byte and the proposed CSVs.

    Raises BadArgument (a ValueError) naming the parameter for a folder that is not new and
    empty, not directly in `data_dir` (validate and build would never read it) or whose name
    is not a slug, a URL that is not http(s), a language that is not a BCP 47 tag, or a page
    that is not UTF-8 text, holds none or is HTML (a browser's "save as" keeps the markup);
    raises SourceError when data/ itself has problems. Returns the number of proposed rows by
    file.
    """
    if not SLUG.match(folder.name):
        raise BadArgument(
            f"DIR: {folder.name!r} is not a slug (a-z, 0-9, single '-'), e.g. novi-sad"
        )
    if folder.exists() and any(folder.iterdir()):
        raise BadArgument(f"DIR: {folder} is not empty; give a new or empty folder")
    if folder.resolve().parent != Path(data_dir).resolve():
        raise BadArgument(
            f"DIR: {folder} is not in {data_dir}/ (setting data_dir), the folder validate and"
            f" build read; write {Path(data_dir) / folder.name}"
        )
    if not re.fullmatch(HTTP_IRI, url):
        raise BadArgument(f"--url: {url!r} is not an http(s) URL")
    if not re.fullmatch(LANGUAGE_TAG, language):
        raise BadArgument(f"--language: {language!r} is not a language tag (BCP 47, e.g. sr-Latn)")
    raw = page.read_bytes()
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as err:
        raise BadArgument(f"--page: {page} is not UTF-8 text (byte {err.start})") from None
    if not text.strip():
        raise BadArgument(f"--page: {page} holds no text; save the text of the page")
    if HTML_START.match(text):
        raise BadArgument(f"--page: {page} is HTML (the page's source): save the text of the page")
    known = read_sources(data_dir) if publisher_folders(data_dir) else []
    source_file = f"source/{page.name}"
    files = scaffold_publisher(
        folder.name, text, url=url, source_file=source_file, known=known, language=language
    )
    (folder / "source").mkdir(parents=True, exist_ok=True)
    (folder / source_file).write_bytes(raw)
    for name, content in files.items():
        (folder / name).write_text(content, encoding="utf-8")
    return {name: max(0, content.count("\n") - 1) for name, content in files.items()}
