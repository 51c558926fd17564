"""Server-side SVG pictures of the partners: a timeline of signings and an equirectangular map.

Pure functions: partners in, SVG markup out; `href` turns an IRI into the link to its page.
No tiles, fonts or scripts: the SVG is inline and styled by the site's own CSS classes.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from datetime import date
from itertools import groupby

from markupsafe import Markup, escape

from sister_graph.views.overview import Partner, Place

FONT = 12.0
LANE = 50.0


def _width(text: str, size: float = FONT) -> float:
    return 0.66 * size * len(text) + 4


def _x_of_date(day: date, start: date, end: date, left: float, right: float) -> float:
    span = (end - start).days or 1
    return left + (right - left) * (day - start).days / span


def _lanes(items: list[tuple[float, float]], right_edge: float) -> list[tuple[int, bool]]:
    """Give each (x, width) label the lowest lane where it neither overlaps a label nor a stem.

    Labels are placed right to left; a label may not cover the stem of a signing that stands
    in a higher lane, so stems never cross text. Labels near the right edge are flipped left.
    """
    placed: list[tuple[int, float, float, float]] = []
    out: dict[int, tuple[int, bool]] = {}
    for index in sorted(range(len(items)), key=lambda i: -items[i][0]):
        x, width = items[index]
        flip = x + width > right_edge
        start, end = (x - width - 10, x + 2) if flip else (x - 2, x + width + 10)
        lane = 0
        while any(
            (other_lane == lane and start < other_end and other_start < end)
            or (start <= other_x <= end and other_lane > lane)
            for other_lane, other_start, other_end, other_x in placed
        ):
            lane += 1
        placed.append((lane, start, end, x))
        out[index] = (lane, flip)
    return [out[i] for i in range(len(items))]


def to_timeline_svg(
    partners: Sequence[Partner], *, href: Callable[[str], str], title: str, shared_text: str
) -> Markup:
    """Draw one marker per signing on a dated axis, with its partner cities stacked above it."""
    if not partners:
        return Markup("")
    signings = [
        list(g)
        for _, g in groupby(
            sorted(partners, key=lambda p: (p.date, p.signing)), key=lambda p: p.signing
        )
    ]
    days = [date.fromisoformat(p.date) for p in partners]
    start, end = date(min(days).year, 1, 1), date(max(days).year + 1, 1, 1)
    width, left, right = 960.0, 30.0, 930.0
    placed = []
    for group in signings:
        x = _x_of_date(date.fromisoformat(group[0].date), start, end, left, right)
        note = f"{group[0].date} · {shared_text}" if len(group) > 1 else group[0].date
        placed.append((x, max([_width(p.city.label, 13) for p in group] + [_width(note, 10)])))
    lanes = _lanes(placed, right)
    height = 40 + LANE * (max(lane for lane, _ in lanes) + 1) + 50
    axis = height - 45
    out = [
        f'<svg class="chart timeline" viewBox="0 0 {width:.0f} {height:.0f}" role="img" '
        f'aria-label="{escape(title)}" xmlns="http://www.w3.org/2000/svg">'
        f"<title>{escape(title)}</title>",
        f'<line class="axis" x1="{left}" y1="{axis}" x2="{right}" y2="{axis}"/>',
    ]
    for year in range(start.year, end.year + 1):
        x = _x_of_date(date(year, 1, 1), start, end, left, right)
        out.append(f'<line class="tick" x1="{x:.1f}" y1="{axis}" x2="{x:.1f}" y2="{axis + 6}"/>')
        if year < end.year:
            mid = _x_of_date(date(year, 7, 1), start, end, left, right)
            out.append(f'<text class="year" x="{mid:.1f}" y="{axis + 22}">{year}</text>')
    for group, (x, _), (lane, flip) in zip(signings, placed, lanes, strict=True):
        top = axis - 28 - LANE * lane - 14 * (len(group) - 1)
        anchor, dx = ("end", -6) if flip else ("start", 6)
        shared = " shared" if len(group) > 1 else ""
        out.append(
            f'<line class="stem{shared}" x1="{x:.1f}" y1="{axis}" x2="{x:.1f}" '
            f'y2="{top - 12:.1f}"/>'
        )
        out.append(
            f'<circle class="marker{shared}" cx="{x:.1f}" cy="{axis}" r="6">'
            f"<title>{escape(group[0].date)}</title></circle>"
        )
        for i, partner in enumerate(group):
            y = top + 14 * i
            out.append(
                f'<a class="partner" href="{escape(href(partner.city.iri))}" '
                f'data-iri="{escape(partner.city.iri)}"><text class="name" x="{x + dx:.1f}" '
                f'y="{y:.1f}" text-anchor="{anchor}">{escape(partner.city.label)}</text></a>'
            )
        note = f" · {shared_text}" if shared else ""
        out.append(
            f'<text class="date" x="{x + dx:.1f}" y="{top + 14 * len(group):.1f}" '
            f'text-anchor="{anchor}">{escape(group[0].date)}{escape(note)}</text>'
        )
    out.append("</svg>")
    return Markup("".join(out))


_DIRECTIONS = [(1, 0), (-1, 0), (0, -1), (0, 1), (1, -1), (1, 1), (-1, -1), (-1, 1)]


def _candidates(px: float, py: float, width: float):
    for radius in (8, 22, 38, 56):
        for dx, dy in _DIRECTIONS:
            x = px + dx * radius + (0 if dx >= 0 else -width) - (width / 2 if dx == 0 else 0)
            y = py + dy * radius + (4 if dy == 0 else (FONT if dy > 0 else -2))
            yield radius, (x, y - FONT + 2, x + width, y + 2)


def _overlap(a, b) -> float:
    w = min(a[2], b[2]) - max(a[0], b[0])
    h = min(a[3], b[3]) - max(a[1], b[1])
    return w * h if w > 0 and h > 0 else 0.0


def _place_label(point, width, taken, bounds):
    best = None
    for radius, box in _candidates(*point, width):
        outside = (
            box[0] < bounds[0] or box[1] < bounds[1] or box[2] > bounds[2] or box[3] > bounds[3]
        )
        cost = sum(_overlap(box, other) for other in taken) + (1e6 if outside else 0) + radius
        if best is None or cost < best[0]:
            best = (cost, radius, box)
        if cost == radius:
            break
    return best[1], best[2]


def to_map_svg(
    home: Place | None,
    partners: Sequence[Partner],
    *,
    href: Callable[[str], str],
    title: str,
    shared_text: str,
) -> Markup:
    """Plot the publisher and partners by coordinates (equirectangular), with links between."""
    located = [p for p in partners if p.city.lat is not None and p.city.long is not None]
    places = [p.city for p in located] + ([home] if home and home.lat is not None else [])
    if not places:
        return Markup("")
    pad = 1.5
    west, east = min(p.long for p in places) - pad, max(p.long for p in places) + pad
    south, north = min(p.lat for p in places) - pad, max(p.lat for p in places) + pad
    squeeze = math.cos(math.radians((north + south) / 2))
    width = 900.0
    scale = width / ((east - west) * squeeze)
    height = (north - south) * scale

    def xy(place: Place) -> tuple[float, float]:
        return (place.long - west) * squeeze * scale, (north - place.lat) * scale

    out = [
        f'<svg class="chart map" viewBox="0 0 {width:.0f} {height:.0f}" role="img" '
        f'aria-label="{escape(title)}" xmlns="http://www.w3.org/2000/svg">'
        f"<title>{escape(title)}</title>"
    ]
    for lon in range(math.ceil(west / 5) * 5, math.floor(east) + 1, 5):
        x = (lon - west) * squeeze * scale
        out.append(
            f'<line class="grid" x1="{x:.1f}" y1="0" x2="{x:.1f}" y2="{height:.1f}"/>'
            f'<text class="grid-label" x="{x + 3:.1f}" y="{height - 6:.1f}">{lon}°E</text>'
        )
    for lat in range(math.ceil(south / 5) * 5, math.floor(north) + 1, 5):
        y = (north - lat) * scale
        out.append(
            f'<line class="grid" x1="0" y1="{y:.1f}" x2="{width:.0f}" y2="{y:.1f}"/>'
            f'<text class="grid-label" x="4" y="{y - 4:.1f}">{lat}°N</text>'
        )
    hx, hy = xy(home) if home and home.lat is not None else (None, None)
    by_signing: dict[str, list[Partner]] = {}
    for partner in located:
        by_signing.setdefault(partner.signing, []).append(partner)
        if hx is not None:
            x, y = xy(partner.city)
            out.append(
                f'<line class="link" x1="{hx:.1f}" y1="{hy:.1f}" x2="{x:.1f}" y2="{y:.1f}"/>'
            )
    for group in by_signing.values():
        for a, b in zip(group, group[1:], strict=False):
            (x1, y1), (x2, y2) = xy(a.city), xy(b.city)
            out.append(
                f'<line class="together" x1="{x1:.1f}" y1="{y1:.1f}" x2="{x2:.1f}" '
                f'y2="{y2:.1f}"><title>{escape(shared_text)}</title></line>'
            )
    points = [xy(p) for p in places]
    taken = [(x - 5, y - 5, x + 5, y + 5) for x, y in points]
    bounds = (2.0, 2.0, width - 2, height - 2)
    if home and hx is not None:
        radius, box = _place_label((hx, hy), _width(home.label, 15), taken, bounds)
        taken.append(box)
        out.append(
            f'<a class="home" href="{escape(href(home.iri))}"><rect x="{hx - 6:.1f}" '
            f'y="{hy - 6:.1f}" width="12" height="12"/><text class="name" x="{box[0]:.1f}" '
            f'y="{box[3] - 2:.1f}">{escape(home.label)}</text></a>'
        )
    for partner in sorted(located, key=lambda p: -xy(p.city)[1]):
        x, y = xy(partner.city)
        radius, box = _place_label((x, y), _width(partner.city.label), taken, bounds)
        taken.append(box)
        shared = " shared" if len(by_signing[partner.signing]) > 1 else ""
        leader = ""
        if radius > 8:
            lx = min(max(x, box[0]), box[2])
            ly = box[3] - 4 if box[3] < y else box[1] + 2
            leader = f'<line class="leader" x1="{x:.1f}" y1="{y:.1f}" x2="{lx:.1f}" y2="{ly:.1f}"/>'
        out.append(
            f'<a class="partner{shared}" href="{escape(href(partner.city.iri))}" '
            f'data-iri="{escape(partner.city.iri)}">{leader}<circle cx="{x:.1f}" cy="{y:.1f}" '
            f'r="4.5"><title>{escape(partner.city.label)} · {escape(partner.date)}</title></circle>'
            f'<text class="name" x="{box[0]:.1f}" y="{box[3] - 2:.1f}">'
            f"{escape(partner.city.label)}</text></a>"
        )
    legend_y = 18
    out.append(
        f'<line class="together" x1="12" y1="{legend_y}" x2="42" y2="{legend_y}"/>'
        f'<text class="legend" x="48" y="{legend_y + 4}">{escape(shared_text)}</text>'
    )
    out.append("</svg>")
    return Markup("".join(out))
