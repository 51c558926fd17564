"""Label placement for the SVG charts: boxes that overlap no other label and no other dot.

Pure geometry in view units. Text width is estimated from DejaVu Sans advance widths (the
sans-serif font Debian's Chromium renders the charts with) rounded up, so a box is never
narrower than the text drawn in it.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

Box = tuple[float, float, float, float]  # x0, y0, x1, y1 (y grows downwards)

_NARROW = set("iljtfI.,:;!|'()[] -·ıј")
_WIDE = set("mwMWЖШЩЮжшщюОQGDHNU@")


def text_width(text: str, size: float, *, bold: bool = False) -> float:
    """Return an upper estimate of the width of `text` set in DejaVu Sans at `size` units.

    >>> text_width("Bari", 10) < text_width("Bitonto", 10)
    True
    """
    em = 0.0
    for char in text:
        if char in _NARROW:
            em += 0.36
        elif char in _WIDE:
            em += 0.92
        elif char.isupper() or char.isdigit() and bold:
            em += 0.78
        else:
            em += 0.66
    return size * em * (1.08 if bold else 1.0) + 2


def overlaps(a: Box, b: Box, pad: float = 0.0) -> bool:
    """Tell whether two boxes overlap (touching within `pad` counts).

    >>> overlaps((0, 0, 2, 2), (1, 1, 3, 3)), overlaps((0, 0, 1, 1), (2, 2, 3, 3))
    (True, False)
    """
    return a[0] < b[2] + pad and b[0] < a[2] + pad and a[1] < b[3] + pad and b[1] < a[3] + pad


def _crosses(p: tuple[float, float], q: tuple[float, float], box: Box) -> bool:
    """Tell whether the segment p–q passes through the box (Liang–Barsky clipping).

    >>> _crosses((0, 5), (10, 5), (4, 4, 6, 6)), _crosses((0, 0), (10, 0), (4, 4, 6, 6))
    (True, False)
    """
    dx, dy = q[0] - p[0], q[1] - p[1]
    low, high = 0.0, 1.0
    for edge, delta in (
        (p[0] - box[0], -dx),
        (box[2] - p[0], dx),
        (p[1] - box[1], -dy),
        (box[3] - p[1], dy),
    ):
        if delta == 0:
            if edge < 0:
                return False
            continue
        t = edge / delta
        if delta < 0:
            low = max(low, t)
        else:
            high = min(high, t)
        if low > high:
            return False
    return True


@dataclass(frozen=True)
class Placed:
    """A placed label: its box, and the leader line from its dot (None when it sits beside it)."""

    box: Box
    leader: tuple[float, float, float, float] | None


RADII = (5.0, 10.0, 18.0, 28.0, 40.0, 54.0, 70.0, 90.0, 115.0, 145.0, 180.0, 220.0)
ANGLES = tuple(math.radians(a) for a in range(0, 360, 15))


def _box_at(px: float, py: float, r: float, angle: float, w: float, h: float) -> Box:
    ax, ay = px + r * math.cos(angle), py + r * math.sin(angle)
    c, s = math.cos(angle), math.sin(angle)
    x0 = ax if c > 0.35 else ax - w if c < -0.35 else ax - w / 2
    y0 = ay if s > 0.35 else ay - h if s < -0.35 else ay - h / 2
    return (x0, y0, x0 + w, y0 + h)


def _gap(box: Box, px: float, py: float) -> float:
    """Distance from a point to the nearest point of a box (0 inside)."""
    nx, ny = _nearest(box, px, py)
    return math.hypot(px - nx, py - ny)


def _nearest(box: Box, px: float, py: float) -> tuple[float, float]:
    return min(max(px, box[0]), box[2]), min(max(py, box[1]), box[3])


def place_labels(
    points: Sequence[tuple[float, float]],
    sizes: Sequence[tuple[float, float]],
    *,
    dot: float,
    bounds: Box,
    gap: float = 2.0,
) -> list[Placed]:
    """Place one label per point: no label overlaps another label, any dot, or leaves `bounds`.

    `points` are dot centres, `sizes` the (width, height) of each label, `dot` the radius kept
    clear around every dot. Crowded points are placed first; each takes the candidate box
    nearest its dot (rings of growing radius, 24 directions) that crosses nothing, preferring
    one that is nearer its own dot than any other and whose leader line crosses no label.
    A leader line is drawn when the box is not beside its dot. If no candidate is free, the
    one with the least overlap is taken.
    """
    dots = [(x - dot, y - dot, x + dot, y + dot) for x, y in points]

    def crowding(i: int) -> float:
        return -sum(1 for j, q in enumerate(points) if j != i and math.dist(points[i], q) < 80)

    placed: dict[int, Placed] = {}
    for i in sorted(range(len(points)), key=lambda i: (crowding(i), points[i])):
        (px, py), (w, h) = points[i], sizes[i]
        best: tuple | None = None
        for r in RADII:
            for angle in ANGLES:
                box = _box_at(px, py, r + dot, angle, w, h)
                inside = (
                    box[0] >= bounds[0]
                    and box[1] >= bounds[1]
                    and box[2] <= bounds[2]
                    and box[3] <= bounds[3]
                )
                hits = sum(overlaps(box, p.box, gap) for p in placed.values())
                hits += sum(overlaps(box, d, gap) for d in dots)
                if best is not None and (0 if inside else 1, hits) > best[0][:2]:
                    continue
                end = _nearest(box, px, py)
                crossing = sum(_crosses((px, py), end, p.box) for p in placed.values()) + sum(
                    _crosses((px, py), end, d) for j, d in enumerate(dots) if j != i
                )
                own = _gap(box, px, py)
                ambiguous = sum(_gap(box, *q) <= own + 2 for j, q in enumerate(points) if j != i)
                cost = (0 if inside else 1, hits, ambiguous + crossing, r)
                if best is None or cost < best[0]:
                    best = (cost, box, r)
            if best and best[0][:3] == (0, 0, 0):
                break
        _, box, r = best
        leader = None
        if r > RADII[0]:
            ex, ey = _nearest(box, px, py)
            leader = (px, py, ex, ey)
        placed[i] = Placed(box, leader)
    return [placed[i] for i in range(len(points))]
