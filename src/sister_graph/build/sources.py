"""Read and check the source CSVs of every publisher folder under data/ into typed records."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

from sister_graph.build.claims import check_claims, parse_claims
from sister_graph.build.corroboration import check_corroboration
from sister_graph.build.cross_checks import check_references
from sister_graph.build.csv_rows import (
    HTTP_IRI,
    LANGUAGE_TAG,
    Problems,
    Row,
    iso_date,
    matching,
    number,
    read_rows,
    required,
    slug,
    unique,
)
from sister_graph.build.csvw_check import check_folder, read_metadata, table_columns
from sister_graph.build.date_lines import check_dates_on_lines
from sister_graph.build.identification import parse_identifications
from sister_graph.build.page_address import title_in_address
from sister_graph.build.page_citations import Citer
from sister_graph.build.page_text import page_path, read_page_lines
from sister_graph.build.partner_lists import check_lists, read_list
from sister_graph.build.records import (
    Agreement,
    City,
    Concept,
    Labels,
    Membership,
    Network,
    Publisher,
    PublisherSources,
)
from sister_graph.build.shared_checks import check_shared
from sister_graph.build.transliteration import to_serbian_cyrillic
from sister_graph.errors import SourceError

SCHEMES = ("agreement-type", "field", "aim", "priority", "occasion")
IDENTIFICATIONS = ("confirmed", "attested", "uncertain")
LABELS = ("label_sr_latn", "label_sr_cyrl", "label_en")
# The columns of each file, from the CSV on the Web metadata (build/csv-metadata.json).
COLUMNS = table_columns(read_metadata())
# Files a page may lack (it names no network, field...); agreements.csv too beside lists.csv.
OPTIONAL_FILES = frozenset(
    {
        "networks.csv",
        "memberships.csv",
        "concepts.csv",
        "lists.csv",
        "claims.csv",
        "identifications.csv",
    }
)


# The files of a publisher folder other than publisher.csv (evidence.csv makes an evidence folder).
PUBLISHER_FILES = tuple(n for n in COLUMNS if n not in ("publisher.csv", "evidence.csv"))


def publisher_folders(data_dir: Path) -> list[Path]:
    """Return the publisher folders (those with a publisher.csv), sorted by name."""
    return sorted(p.parent for p in data_dir.glob("*/publisher.csv"))


def read_sources(data_dir: Path, *, today: date | None = None) -> list[PublisherSources]:
    """Read every publisher folder; raise SourceError listing all problems found."""
    today = today or date.today()
    folders = publisher_folders(data_dir)
    problems = Problems()
    for folder in sorted({p.parent for p in data_dir.glob("*/*.csv")} - set(folders)):
        # a folder of publisher files without its publisher.csv would be skipped, rows and all
        held = [n for n in PUBLISHER_FILES if (folder / n).exists()]
        if held:
            where = _label(folder / "publisher.csv", data_dir)
            problems.add(where, f"file is missing (the folder holds {', '.join(held)})")
    if not folders and not problems.items:
        why = "no publisher folder (a sub-folder with publisher.csv)"
        if (data_dir / "publisher.csv").is_file():
            why = "a publisher folder itself: give the folder that holds it"
        raise SourceError(f"{data_dir}: {why if data_dir.is_dir() else 'no such folder'}")
    metadata = read_metadata(data_dir)
    result = [_read_folder(folder, data_dir, problems, today, metadata) for folder in folders]
    check_shared(result, problems)
    check_corroboration(result, problems)
    check_lists(result, problems)
    if problems.items:
        raise SourceError(
            f"{len(problems.items)} problem(s) in the sources", problems=problems.items
        )
    return result


def _label(path: Path, root: Path) -> str:
    """A file as problems name it: from the data folder's parent (data/x/cities.csv)."""
    return str(path.relative_to(root.parent) if root.parent != root else path.relative_to(root))


def _read_folder(
    folder: Path, root: Path, problems: Problems, today: date, metadata: dict
) -> PublisherSources:
    def label(name: str) -> str:
        return _label(folder / name, root)

    readable: list[str] = []  # files read_rows found no fault in: checked against CSVW too

    def rows(name: str, optional: bool = False) -> list[Row]:
        before, optional = len(problems.items), optional or name in OPTIONAL_FILES
        found = read_rows(
            folder / name, COLUMNS[name], problems, label=label(name), optional=optional
        )
        if found and len(problems.items) == before:
            readable.append(name)
        return found

    publisher, cite = _publisher(rows("publisher.csv"), folder, problems)
    cities = [_city(r, problems, cite) for r in _unique(rows("cities.csv"), problems)]
    concepts = [_concept(r, problems, cite) for r in _unique(rows("concepts.csv"), problems, 2)]
    networks = [_network(r, problems, cite) for r in _unique(rows("networks.csv"), problems)]
    member_rows = _unique(rows("memberships.csv"), problems)
    memberships = [_membership(r, problems, cite) for r in member_rows]
    agreement_rows = _unique(rows("agreements.csv", (folder / "lists.csv").exists()), problems)
    agreements = [_agreement(r, problems, cite, today) for r in agreement_rows]
    if publisher:
        where = f"{publisher.cited.csv_file}:{publisher.cited.csv_line}: column 'page_language'"
        pairs = list(zip(agreement_rows, agreements, strict=True))
        check_dates_on_lines(pairs, cite, publisher.page_language, where, problems)
    lists = [read_list(r, problems, cite, today) for r in _unique(rows("lists.csv"), problems)]
    claims = parse_claims(_unique(rows("claims.csv"), problems), problems, cite)
    page = publisher.source_file if publisher else ""
    cite.finish(f"{label('publisher.csv').rpartition('/')[0]}/{page}".lstrip("/"))
    if not problems.reported_in(label("agreements.csv")):  # else its count is no count
        check_claims(claims, agreements, problems)
    sources_rows = _unique(rows("identifications.csv"), problems)
    identifications = parse_identifications(sources_rows, problems)
    check_references(
        publisher, cities, concepts, networks, memberships, agreements, problems, identifications
    )
    check_folder(folder, readable, metadata, problems, label=label)
    return PublisherSources(
        publisher,
        tuple(cities),
        tuple(agreements),
        tuple(networks),
        tuple(memberships),
        tuple(concepts),
        tuple(lists),
        claims=tuple(claims),
        identifications=tuple(identifications),
    )


def _unique(rows: list[Row], problems: Problems, key_columns: int = 1) -> list[Row]:
    if key_columns == 2:
        unique(rows, lambda r: f"{r.values['scheme']}/{r.values['id']}", "id", problems)
    else:
        unique(rows, lambda r: r.values["id"], "id", problems)
    return rows


def _publisher(rows: list[Row], folder: Path, problems: Problems) -> tuple[Publisher | None, Citer]:
    """Read the publisher row and its page; return it and the Citer of the folder's rows."""
    if len(rows) != 1:
        if rows:
            problems.add(rows[1].where(), "publisher.csv must have exactly one row")
        return None, Citer((), problems)
    row = rows[0]
    source_file = required(row, "source_file", problems)
    path = page_path(folder, row, "source_file", problems)
    label = f"{row.file.rpartition('/')[0]}/{source_file}".lstrip("/")
    lines: tuple[str, ...] = ()
    try:
        lines = read_page_lines(path, problems, label=label) if path else ()
    except OSError as err:
        problems.add(row.where("source_file"), f"cannot read the page text {source_file} ({err})")
    title = required(row, "page_title", problems)
    city = slug(row, "city", problems)
    page_url = required(row, "page_url", problems) and matching(
        row, "page_url", HTTP_IRI, "an http(s) URL", problems
    )
    language = matching(row, "page_language", LANGUAGE_TAG, "a language tag", problems)
    # the row's cells first: a row with a problem is not checked against its line as well
    in_address = title_in_address(title, page_url)
    cite = Citer(lines, problems)
    publisher = Publisher(
        city=city,
        page_url=page_url,
        page_title=title,
        page_language=language or required(row, "page_language", problems),
        source_file=source_file,
        page_lines=lines,
        cited=cite(row, "" if in_address else title),
    )
    return publisher, cite


def _labels(row: Row, problems: Problems) -> Labels:
    """Read the three labels; an empty sr-Cyrl label is the sr-Latn one transliterated."""
    latin = required(row, "label_sr_latn", problems)
    cyrillic = row.values["label_sr_cyrl"] or to_serbian_cyrillic(latin)
    return Labels(latin, cyrillic, required(row, "label_en", problems))


def _native_names(row: Row, problems: Problems) -> tuple[tuple[str, str], ...]:
    names = []
    for part in filter(None, row.values["native_names"].split("|")):
        lang, sep, name = part.partition(":")
        if not sep or not name.strip() or not re.fullmatch(LANGUAGE_TAG, lang.strip()):
            problems.add(row.where("native_names"), f"{part!r} is not 'lang:name'")
            continue
        names.append((lang.strip(), name.strip()))
    return tuple(names)


def _city(row: Row, problems: Problems, cite) -> City:
    identification = required(row, "identification", problems)
    if identification and identification not in IDENTIFICATIONS:
        problems.add(
            row.where("identification"), f"{identification!r} is not one of {IDENTIFICATIONS}"
        )
    if identification in ("attested", "uncertain") and not row.values["note"]:
        problems.add(row.where("note"), "an attested or uncertain identification needs a note")
    page_form = required(row, "page_form", problems)
    return City(
        id=slug(row, "id", problems),
        labels=_labels(row, problems),
        native_names=_native_names(row, problems),
        page_form=page_form,
        country=matching(row, "country", r"[A-Z]{2}", "a two-letter country code", problems)
        or required(row, "country", problems),
        lat=number(row, "lat", -90, 90, problems),
        long=number(row, "long", -180, 180, problems),
        wikidata=matching(row, "wikidata", r"Q[1-9][0-9]*", "a Wikidata item id (Q…)", problems),
        geonames=matching(row, "geonames", r"[1-9][0-9]*", "a GeoNames id (digits)", problems),
        identification=identification,
        note=row.values["note"],
        cited=cite(row, page_form),
    )


def _concept(row: Row, problems: Problems, cite) -> Concept:
    scheme = required(row, "scheme", problems)
    if scheme and scheme not in SCHEMES:
        problems.add(row.where("scheme"), f"{scheme!r} is not one of {SCHEMES}")
    page_form = required(row, "page_form", problems)
    return Concept(
        scheme, slug(row, "id", problems), _labels(row, problems), page_form, cite(row, page_form)
    )


def _network(row: Row, problems: Problems, cite) -> Network:
    acronym = required(row, "acronym", problems)
    labels = _labels(row, problems)
    website = matching(row, "website", HTTP_IRI, "an http(s) URL", problems)
    return Network(
        slug(row, "id", problems), acronym, labels, website, cite(row, acronym, labels.sr_latn)
    )


def _membership(row: Row, problems: Problems, cite) -> Membership:
    return Membership(
        slug(row, "id", problems),
        slug(row, "member", problems),
        slug(row, "network", problems),
        cite(row),
    )


def _agreement(row: Row, problems: Problems, cite, today: date) -> Agreement:
    """Read an agreement row (date_lines checks its date is on its line)."""
    signed = iso_date(row, "signed", problems, today=today)
    occasion = row.values["occasion"]
    return Agreement(
        id=slug(row, "id", problems),
        partner=slug(row, "partner", problems),
        type=slug(row, "type", problems),
        signed=signed,
        signing=slug(row, "signing", problems),
        occasion=occasion and slug(row, "occasion", problems),
        cited=cite(row),
    )
