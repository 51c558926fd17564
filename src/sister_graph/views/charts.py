"""Server-side SVG pictures of the partners: a timeline of signings, and (re-exported) the map.

Pure functions: partners in, SVG markup out; `href` turns an IRI into the link to its page.
No tiles, fonts or scripts: the SVG is inline and styled by the site's own CSS classes.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date
from itertools import groupby

from markupsafe import Markup, escape

from sister_graph.views.labels import Box, overlaps, text_width
from sister_graph.views.map_chart import MapPoint, draw_map, to_map_svg
from sister_graph.views.overview import Partner

__all__ = ["MapPoint", "draw_map", "to_map_svg", "to_timeline_svg"]

NAME_FONT = 13.0
DATE_FONT = 12.0  # as site.css draws .date: with the smallest scale shown, 11 CSS px
LINE = 16.0


class _Axis:
    """A date axis that cuts out long empty stretches: runs of years, a fixed gap between runs.

    A run holds the years with signings, joined when fewer than `join` empty years lie between;
    each year of a run gets the same width.
    """

    def __init__(self, years: list[int], left: float, right: float, *, gap: float = 34) -> None:
        runs: list[list[int]] = []
        for year in sorted(set(years)):
            if runs and year - runs[-1][1] <= 3:
                runs[-1][1] = year
            else:
                runs.append([year, year])
        self.runs = [(a, b + 1) for a, b in runs]
        total = sum(b - a for a, b in self.runs)
        self.unit = (right - left - gap * (len(self.runs) - 1)) / total
        self.starts, x = [], left
        for a, b in self.runs:
            self.starts.append(x)
            x += (b - a) * self.unit + gap
        self.gap = gap

    def x(self, day: date) -> float:
        """Return the position of a day (a day before or after every run sits at an end)."""
        for (a, b), x0 in zip(self.runs, self.starts, strict=True):
            if a <= day.year < b or (day.year == b and day.month == 1 and day.day == 1):
                span = (date(b, 1, 1) - date(a, 1, 1)).days
                return x0 + (b - a) * self.unit * (day - date(a, 1, 1)).days / span
        first, last = self.segments()[0][0], self.segments()[-1][1]
        return first if day.year < self.runs[0][0] else last

    def segments(self) -> list[tuple[float, float]]:
        """Return the drawn stretches of the axis (one per run)."""
        pairs = zip(self.runs, self.starts, strict=True)
        return [(x0, x0 + (b - a) * self.unit) for (a, b), x0 in pairs]


def _signings(partners: Sequence[Partner]) -> list[list[Partner]]:
    ordered = sorted(partners, key=lambda p: (p.date, p.signing, p.city.label))
    return [list(g) for _, g in groupby(ordered, key=lambda p: (p.date, p.signing))]


def _day(partner: Partner) -> str:
    return partner.day or partner.date


def _note(group: list[Partner], shared_text: str) -> str:
    return f"{_day(group[0])} · {shared_text}" if len(group) > 1 else _day(group[0])


def _block_size(group: list[Partner], shared_text: str) -> tuple[float, float]:
    names = [text_width(p.city.label, NAME_FONT, bold=True) for p in group]
    width = max([*names, text_width(_note(group, shared_text), DATE_FONT)])
    return width, LINE * len(group) + 17


def _stack(
    xs: list[float], sizes: list[tuple[float, float]], right_edge: float
) -> list[tuple[Box, bool]]:
    """Put each label block at the lowest height where it crosses no block and no stem.

    Blocks stand beside their stem: right of it, or left of it (flipped) where the right edge
    is near. Heights are negative (above the axis at y = 0). Signings are placed right to left,
    so a block that reaches over later stems is placed higher than those can rise; a block is
    checked against placed stems and its stem against placed blocks, so no stem crosses text.
    """
    placed: dict[int, tuple[Box, float]] = {}
    for i in sorted(range(len(xs)), key=lambda i: -xs[i]):
        x, (w, h) = xs[i], sizes[i]
        best = None
        for flip in (False, True):
            x0 = x - 6 - w if flip else x + 6
            if x0 < 2 or (x0 + w > right_edge and not flip):
                continue
            covered = [j for j in range(len(xs)) if j not in placed and j != i]
            covered = [j for j in covered if x0 - 4 <= xs[j] <= x0 + w + 4]
            floor = 18 + max((sizes[j][1] + 10 for j in covered), default=0)
            for level in range(400):
                bottom = -floor - 6 * level
                box = (x0, bottom - h, x0 + w, bottom)
                stem = (x - 1, box[1] - 2, x + 1, 0.0)
                hits = sum(
                    overlaps(box, b, 3)
                    + overlaps(stem, b, 2)
                    + overlaps(box, (sx - 1, b[1] - 2, sx + 1, 0.0), 2)
                    for b, sx in placed.values()
                )
                cost = (hits, -bottom)
                if best is None or cost < best[0]:
                    best = (cost, box, flip)
                if hits == 0:
                    break
            if best and best[0][0] == 0 and not flip:
                break
        _, box, flip = best
        placed[i] = (box, x)
    return [(placed[i][0], placed[i][0][0] < xs[i]) for i in range(len(xs))]


def _svg_open(kind: str, width: float, height: float, title: str, css_class: str) -> str:
    classes = " ".join(c for c in ("chart", kind, css_class) if c)
    return (
        f'<svg class="{classes}" viewBox="0 0 {width:.0f} {height:.0f}" role="group" '
        f'aria-label="{escape(title)}" xmlns="http://www.w3.org/2000/svg">'
        f"<title>{escape(title)}</title>"
    )


def _block(group: list[Partner], box: Box, *, href, shared_text: str, anchor_end: bool) -> str:
    x = box[2] if anchor_end else box[0]
    anchor = "end" if anchor_end else "start"
    out = []
    for i, partner in enumerate(group):
        out.append(
            f'<a class="partner" href="{escape(href(partner.city.iri))}" '
            f'data-iri="{escape(partner.city.iri)}"><text class="name" x="{x:.1f}" '
            f'y="{box[1] + LINE * (i + 1) - 4:.1f}" text-anchor="{anchor}">'
            f"{escape(partner.city.label)}</text></a>"
        )
    out.append(
        f'<text class="date" x="{x:.1f}" y="{box[1] + LINE * len(group) + 13:.1f}" '
        f'text-anchor="{anchor}">{escape(_note(group, shared_text))}</text>'
    )
    return "".join(out)


def to_timeline_svg(
    partners: Sequence[Partner],
    *,
    href: Callable[[str], str],
    title: str,
    shared_text: str,
    vertical: bool = False,
    css_class: str = "",
) -> Markup:
    """Draw one marker per signing on a dated axis, its partner cities beside its stem.

    Horizontal (960 view units wide) for screens of 1000 px and more; `vertical=True` draws a
    300-unit-wide column for narrower ones (a 320 px phone shows it at 0.92 scale, so 12-unit
    text stays at least 11 CSS px), read top to bottom. In both, no label overlaps another
    label or a stem.
    """
    if not partners:
        return Markup("")
    signings = _signings(partners)
    sizes = [_block_size(g, shared_text) for g in signings]
    if vertical:
        return _vertical(signings, sizes, href, title, shared_text, css_class)
    width, left, right = 960.0, 30.0, 880.0
    scale = _Axis([int(g[0].date[:4]) for g in signings], left, right)
    xs = [scale.x(date.fromisoformat(g[0].date)) for g in signings]
    blocks = _stack(xs, sizes, width - 4)
    height = -min(box[1] for box, _ in blocks) + 12 + 40
    axis = height - 40
    out = [_svg_open("timeline", width, height, title, css_class)]
    for x0, x1 in scale.segments():
        out.append(f'<line class="axis" x1="{x0:.1f}" y1="{axis}" x2="{x1:.1f}" y2="{axis}"/>')
    for x1, x0 in zip([x for _, x in scale.segments()], scale.starts[1:], strict=False):
        mid = (x1 + x0) / 2
        out.append(
            f'<path class="break" d="M{mid - 6:.1f} {axis + 6}l6 -12M{mid:.1f} {axis + 6}l6 -12"/>'
        )
    last_label = -1e9
    for a, b in scale.runs:
        for year in range(a, b + 1):
            x = scale.x(date(year, 1, 1))
            out.append(
                f'<line class="tick" x1="{x:.1f}" y1="{axis}" x2="{x:.1f}" y2="{axis + 6}"/>'
            )
            mid = x + scale.unit / 2
            if year < b and mid - last_label >= 36:
                last_label = mid
                out.append(f'<text class="year" x="{mid:.1f}" y="{axis + 22}">{year}</text>')
    for group, x, (box, flip) in zip(signings, xs, blocks, strict=True):
        shared = " shared" if len(group) > 1 else ""
        moved = (box[0], box[1] + axis, box[2], box[3] + axis)
        out.append(
            f'<line class="stem{shared}" x1="{x:.1f}" y1="{axis}" x2="{x:.1f}" '
            f'y2="{moved[1] - 2:.1f}"/>'
            f'<circle class="marker{shared}" cx="{x:.1f}" cy="{axis}" r="6">'
            f"<title>{escape(_day(group[0]))}</title></circle>"
        )
        out.append(_block(group, moved, href=href, shared_text=shared_text, anchor_end=flip))
    out.append("</svg>")
    return Markup("".join(out))


def _vertical(signings, sizes, href, title, shared_text, css_class) -> Markup:
    """One row per signing, top to bottom; the year is written beside the first row of a year."""
    width, axis_x, text_x, top = 300.0, 46.0, 64.0, 12.0
    boxes, floor = [], top
    for _, h in sizes:
        boxes.append((text_x, floor, text_x + max(w for w, _ in sizes), floor + h))
        floor += h + 8
    height = floor + 4
    out = [
        _svg_open("timeline vertical", width, height, title, css_class),
        f'<line class="axis" x1="{axis_x}" y1="{top}" x2="{axis_x}" y2="{floor - 8:.1f}"/>',
    ]
    year = None
    for group, box, (w, _) in zip(signings, boxes, sizes, strict=True):
        shared = " shared" if len(group) > 1 else ""
        y = box[1] + LINE - 8
        if group[0].date[:4] != year:
            year = group[0].date[:4]
            out.append(
                f'<text class="year" x="{axis_x - 12}" y="{y + 4:.1f}" '
                f'text-anchor="end">{year}</text>'
            )
        out.append(
            f'<line class="stem{shared}" x1="{axis_x:.1f}" y1="{y:.1f}" x2="{text_x - 6:.1f}" '
            f'y2="{y:.1f}"/><circle class="marker{shared}" cx="{axis_x:.1f}" cy="{y:.1f}" r="5">'
            f"<title>{escape(_day(group[0]))}</title></circle>"
        )
        tight = (box[0], box[1], box[0] + w, box[3])
        out.append(_block(group, tight, href=href, shared_text=shared_text, anchor_end=False))
    out.append("</svg>")
    return Markup("".join(out))
