"""The server-side SVG map: Natural Earth borders, cities by coordinates, labels that never collide.

Pure: points in, SVG markup out (the borders are read once from the vendored geodata). No
tiles, fonts or scripts; styled by the site's CSS classes. `draw_map` takes any labelled
coordinates (the query page's map view uses it); `partner_map` draws a publisher's partners.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from markupsafe import Markup, escape

from sister_graph.views.geo import Conic, Frame, border_paths
from sister_graph.views.labels import place_labels, text_width
from sister_graph.views.overview import Partner, Place

DOT = 5.0


@dataclass(frozen=True)
class MapPoint:
    """A labelled place to draw: `home` is the publisher (a square), `group` joins a signing."""

    iri: str
    label: str
    lat: float
    long: float
    note: str = ""
    home: bool = False
    group: str = ""
    lang: str = ""


def _frame(points: Sequence[MapPoint], width: float, font: float):
    west, east = min(p.long for p in points), max(p.long for p in points)
    south, north = min(p.lat for p in points), max(p.lat for p in points)
    west, east, south, north = west - 2, east + 2, south - 1.5, north + 1.5
    projection = Conic.fit(west, south, east, north)
    projected = [projection.project(p.long, p.lat) for p in points]
    xs, ys = [x for x, _ in projected], [y for _, y in projected]
    margin = 6 * font
    span_x, span_y = (max(xs) - min(xs)) or 1e-3, (max(ys) - min(ys)) or 1e-3
    scale = (width - 2 * margin) / span_x
    height = max(span_y * scale + 2 * margin, 0.55 * width)
    top = max(ys) * scale + (height - span_y * scale) / 2

    degrees = (west - 25, south - 12, east + 25, north + 12)
    return projection, Frame(min(xs), top, scale, margin), height, degrees


def draw_map(
    points: Sequence[MapPoint],
    *,
    href: Callable[[str], str],
    title: str,
    shared_text: str = "",
    width: float = 900.0,
    font: float = 13.0,
    css_class: str = "",
) -> Markup:
    """Draw points on a conic map of their region, each with a label that collides with nothing.

    `width` and `font` are in view units (the SVG scales to its box): a phone-sized map uses
    a narrow width so that its labels stay at least 11 CSS px. Lines join the home point to
    every other point, dashed lines join points of the same non-empty `group`.
    """
    points = list(points)
    if not points:
        return Markup("")
    projection, to_view, height, degrees = _frame(points, width, font)
    box = (0.0, 0.0, width, height)
    true_xy = [to_view(*projection.project(p.long, p.lat)) for p in points]
    xy = spread(true_xy, 2 * DOT + 3)
    classes = " ".join(c for c in ("chart map", css_class) if c)
    out = [
        f'<svg class="{classes}" viewBox="0 0 {width:.0f} {height:.0f}" role="group" '
        f'aria-label="{escape(title)}" xmlns="http://www.w3.org/2000/svg">'
        f"<title>{escape(title)}</title>",
        '<rect class="sea" x="0" y="0" width="100%" height="100%"/>',
        '<g class="borders" aria-hidden="true">',
    ]
    # no names on the countries: Natural Earth names them in English only, and the page is in
    # the reader's language (the borders are drawn for orientation, hidden from assistive tech)
    for _, path in border_paths(projection, to_view, box, degrees):
        out.append(f'<path class="country" d="{path}"/>')
    out.append("</g>")
    homes = [i for i, p in enumerate(points) if p.home]
    for hi in homes:
        for i, p in enumerate(points):
            if not p.home:
                out.append(
                    f'<line class="link" x1="{xy[hi][0]:.1f}" y1="{xy[hi][1]:.1f}" '
                    f'x2="{xy[i][0]:.1f}" y2="{xy[i][1]:.1f}"/>'
                )
    groups: dict[str, list[int]] = {}
    for i, p in enumerate(points):
        if p.group:
            groups.setdefault(p.group, []).append(i)
    for members in groups.values():
        for a, b in zip(members, members[1:], strict=False):
            out.append(
                f'<line class="together" x1="{xy[a][0]:.1f}" y1="{xy[a][1]:.1f}" '
                f'x2="{xy[b][0]:.1f}" y2="{xy[b][1]:.1f}">'
                f"<title>{escape(shared_text)}</title></line>"
            )
    legend_h = font + 10 if shared_text and any(len(m) > 1 for m in groups.values()) else 0.0
    sizes = [
        (text_width(p.label, font + (1 if p.home else 0), bold=True), font * 1.3) for p in points
    ]
    placed = place_labels(xy, sizes, dot=DOT + 1, bounds=(2.0, legend_h + 2, width - 2, height - 2))
    for i in sorted(range(len(points)), key=lambda i: points[i].home):
        p, (x, y), spot = points[i], xy[i], placed[i]
        shared = " shared" if len(groups.get(p.group, ())) > 1 else ""
        kind = "home" if p.home else f"partner{shared}"
        leader = ""
        if spot.leader:
            lx, ly = spot.leader[2:]
            leader = f'<line class="leader" x1="{x:.1f}" y1="{y:.1f}" x2="{lx:.1f}" y2="{ly:.1f}"/>'
        if math.dist(true_xy[i], (x, y)) > 0.5:
            tx, ty = true_xy[i]
            leader += (
                f'<line class="offset" x1="{tx:.1f}" y1="{ty:.1f}" x2="{x:.1f}" y2="{y:.1f}"/>'
                f'<circle class="true" cx="{tx:.1f}" cy="{ty:.1f}" r="1.5"/>'
            )
        mark = (
            f'<rect x="{x - DOT - 1:.1f}" y="{y - DOT - 1:.1f}" width="{2 * DOT + 2:.0f}" '
            f'height="{2 * DOT + 2:.0f}"/>'
            if p.home
            else f'<circle cx="{x:.1f}" cy="{y:.1f}" r="{DOT}"/>'
        )
        tip = f"{p.label} · {p.note}" if p.note else p.label
        lang = f' lang="{escape(p.lang)}"' if p.lang else ""
        baseline = spot.box[3] - 0.3 * font
        out.append(
            f'<a class="{kind}" href="{escape(href(p.iri))}" data-iri="{escape(p.iri)}">'
            f"{leader}{mark}<title>{escape(tip)}</title>"
            f'<text class="name" x="{spot.box[0] + 1:.1f}" y="{baseline:.1f}" '
            f'font-size="{font + (1 if p.home else 0):.0f}"{lang}>{escape(p.label)}</text></a>'
        )
    if legend_h:
        out.append(
            f'<line class="together" x1="8" y1="{font / 2 + 5:.1f}" x2="36" '
            f'y2="{font / 2 + 5:.1f}"/>'
            f'<text class="legend" x="42" y="{font + 4:.1f}" font-size="{font:.0f}">'
            f"{escape(shared_text)}</text>"
        )
    out.append("</svg>")
    return Markup("".join(out))


def spread(points: Sequence[tuple[float, float]], gap: float) -> list[tuple[float, float]]:
    """Push dots closer than `gap` apart along the line between them, a little at a time.

    >>> spread([(0.0, 0.0), (1.0, 0.0)], 10)
    [(-4.5, 0.0), (5.5, 0.0)]
    """
    out = [list(p) for p in points]
    for _ in range(50):
        moved = False
        for i in range(len(out)):
            for j in range(i + 1, len(out)):
                dx, dy = out[j][0] - out[i][0], out[j][1] - out[i][1]
                distance = math.hypot(dx, dy)
                if distance >= gap - 1e-6:
                    continue
                if distance < 1e-6:
                    dx, dy, distance = 1.0, 0.0, 1.0
                push = (gap - distance) / 2
                out[i][0] -= dx / distance * push
                out[i][1] -= dy / distance * push
                out[j][0] += dx / distance * push
                out[j][1] += dy / distance * push
                moved = True
        if not moved:
            break
    return [(round(x, 6), round(y, 6)) for x, y in out]


def partner_points(home: Place | None, partners: Sequence[Partner]) -> list[MapPoint]:
    """Turn a publisher and its partners into map points (those without coordinates are left)."""
    out = [
        MapPoint(
            p.city.iri, p.city.label, p.city.lat, p.city.long, p.day or p.date, group=p.signing
        )
        for p in partners
        if p.city.lat is not None and p.city.long is not None
    ]
    if home and home.lat is not None and home.long is not None:
        out.append(MapPoint(home.iri, home.label, home.lat, home.long, home=True))
    return out


def to_map_svg(
    home: Place | None,
    partners: Sequence[Partner],
    *,
    href: Callable[[str], str],
    title: str,
    shared_text: str,
    width: float = 900.0,
    font: float = 13.0,
    css_class: str = "",
) -> Markup:
    """Plot the publisher and its partners on a Natural Earth map, with links between them."""
    return draw_map(
        partner_points(home, partners),
        href=href,
        title=title,
        shared_text=shared_text,
        width=width,
        font=font,
        css_class=css_class,
    )
