"""Pictures of a SPARQL result, as the Wikidata Query Service's default views do: a map for rows
with coordinates, a timeline for rows with dates. Drawn by the home page's chart code.

Pure: the result table (head, rows of cells) in, SVG markup out. A cell is a dict with
`text`, and `title` (the full IRI) for IRIs or `note` (language or datatype) for literals.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence

from markupsafe import Markup

from sister_graph.views.charts import MapPoint, draw_map, to_timeline_svg
from sister_graph.views.i18n import format_date
from sister_graph.views.overview import Partner, Place

_LAT = re.compile(r"^(lat|latitude|y)$|lat", re.I)
_LONG = re.compile(r"^(long|lon|lng|longitude|x)$|lon|lng", re.I)
_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def _number(cell: dict) -> float | None:
    try:
        return float(cell.get("text", ""))
    except ValueError:
        return None


def _name_and_iri(head: Sequence[str], row: Sequence[dict], skip: set[int]) -> tuple[str, str]:
    iri = next((c.get("title", "") for c in row if c.get("title")), "")
    names = [c["text"] for i, c in enumerate(row) if i not in skip and not c.get("title")]
    names = [n for n in names if n and _number({"text": n}) is None and not _DATE.match(n)]
    name = names[0] if names else next((c["text"] for c in row if c.get("title")), "")
    return name, iri


def result_map(
    head: Sequence[str], rows: Sequence[Sequence[dict]], *, href: Callable[[str], str], title: str
) -> Markup:
    """Draw the rows that hold a latitude and a longitude column on the map; else nothing.

    Two drawings, as the publisher pages have: a wide one and a 300-unit one for phones (the
    page's CSS shows one), so the names stay at least 11 CSS px on any screen.
    """
    lat = next((i for i, h in enumerate(head) if _LAT.search(h)), None)
    long = next((i for i, h in enumerate(head) if _LONG.search(h) and i != lat), None)
    if lat is None or long is None:
        return Markup("")
    points = []
    for row in rows:
        y, x = _number(row[lat]), _number(row[long])
        if y is None or x is None or not (-90 <= y <= 90 and -180 <= x <= 180):
            continue
        name, iri = _name_and_iri(head, row, {lat, long})
        points.append(MapPoint(iri or f"#{len(points)}", name or f"{y}, {x}", y, x))
    if not points:
        return Markup("")
    shown = points[:200]
    return draw_map(shown, href=href, title=title, css_class="result-map wide") + draw_map(
        shown, href=href, title=title, width=300.0, css_class="result-map narrow"
    )


def result_timeline(
    head: Sequence[str],
    rows: Sequence[Sequence[dict]],
    *,
    href: Callable[[str], str],
    title: str,
    together: str,
    lang: str = "en",
) -> Markup:
    """Draw the rows that hold a date (xsd:date, YYYY-MM-DD) on the timeline; else nothing.

    The dates' labels are written as `lang` writes them (i18n.format_date). A horizontal
    drawing and a vertical one for phones, as on the publisher pages.
    """
    column = next(
        (
            i
            for i in range(len(head))
            if rows
            and all(_DATE.match(r[i].get("text", "")) for r in rows if r[i].get("text"))
            and any(r[i].get("text") for r in rows)
        ),
        None,
    )
    if column is None:
        return Markup("")
    partners = []
    for row in rows[:200]:
        day = row[column].get("text", "")
        if not day:
            continue
        name, iri = _name_and_iri(head, row, {column})
        place = Place(iri or f"#{len(partners)}", name or day)
        partners.append(Partner(place, "", "", "", day, day, (), format_date(day, lang)))
    drawn = {"href": href, "title": title, "shared_text": together}
    return to_timeline_svg(partners, css_class="result-timeline wide", **drawn) + to_timeline_svg(
        partners, vertical=True, css_class="result-timeline narrow", **drawn
    )
