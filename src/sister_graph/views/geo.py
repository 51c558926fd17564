"""Country borders for the map: Natural Earth TopoJSON, a Lambert conformal conic projection.

The borders are Natural Earth 1:50m countries as packed by world-atlas 2.0.2 (vendored in
geodata/, with its licence). TopoJSON decoding follows the TopoJSON 1.0 specification
(https://github.com/topojson/topojson-specification); the projection is the spherical
Lambert conformal conic (Snyder, *Map Projections: A Working Manual*, USGS PP 1395, p. 104),
the projection Europe's own LCC grid EPSG:3034 uses, with standard parallels at one sixth
and five sixths of the mapped latitudes, so Western Europe and the Levant are both true in shape.
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass
from functools import cached_property, lru_cache
from importlib import resources

Ring = tuple[tuple[float, float], ...]


@dataclass(frozen=True)
class Country:
    """One country of Natural Earth: its name and its rings of (longitude, latitude) degrees."""

    name: str
    rings: tuple[Ring, ...]

    def rings_near(self, west: float, south: float, east: float, north: float) -> list[Ring]:
        """Return the rings whose longitude/latitude extent meets the box."""
        return [
            ring
            for ring, (w, s, e, n) in zip(self.rings, _extents(self), strict=True)
            if w <= east and e >= west and s <= north and n >= south
        ]


@lru_cache(maxsize=512)
def _extents(country: Country) -> tuple[tuple[float, float, float, float], ...]:
    out = []
    for ring in country.rings:
        lons, lats = [p[0] for p in ring], [p[1] for p in ring]
        out.append((min(lons), min(lats), max(lons), max(lats)))
    return tuple(out)


@lru_cache(maxsize=1)
def load_countries() -> tuple[Country, ...]:
    """Read and decode the vendored world-atlas countries (cached: read once per process)."""
    path = resources.files("sister_graph") / "views" / "geodata" / "countries-50m.json"
    return decode_topology(json.loads(path.read_text(encoding="utf-8")), "countries")


def decode_topology(topology: dict, name: str) -> tuple[Country, ...]:
    """Decode one object of a quantized TopoJSON topology into countries (TopoJSON 1.0 §2.1.3).

    >>> topo = {"transform": {"scale": [1.0, 1.0], "translate": [0.0, 0.0]},
    ...         "arcs": [[[0, 0], [2, 0], [0, 2], [-2, 0], [0, -2]]],
    ...         "objects": {"c": {"type": "GeometryCollection", "geometries": [
    ...             {"type": "Polygon", "arcs": [[0]], "properties": {"name": "Square"}}]}}}
    >>> decode_topology(topo, "c")[0].rings[0]
    ((0.0, 0.0), (2.0, 0.0), (2.0, 2.0), (0.0, 2.0), (0.0, 0.0))
    """
    scale, translate = topology["transform"]["scale"], topology["transform"]["translate"]
    arcs = []
    for arc in topology["arcs"]:
        x = y = 0
        points = []
        for dx, dy in arc:
            x, y = x + dx, y + dy
            points.append((x * scale[0] + translate[0], y * scale[1] + translate[1]))
        arcs.append(points)

    def ring(indexes: list[int]) -> Ring:
        out: list[tuple[float, float]] = []
        for index in indexes:
            points = arcs[index] if index >= 0 else arcs[~index][::-1]
            out.extend(points[1:] if out else points)
        return tuple(out)

    countries = []
    for geometry in topology["objects"][name]["geometries"]:
        kind, parts = geometry.get("type"), geometry.get("arcs", [])
        polygons = [parts] if kind == "Polygon" else parts if kind == "MultiPolygon" else []
        rings = tuple(ring(r) for polygon in polygons for r in polygon)
        countries.append(Country(geometry.get("properties", {}).get("name", ""), rings))
    return tuple(countries)


@dataclass(frozen=True)
class Conic:
    """A spherical Lambert conformal conic projection fitted to a box of degrees."""

    lon0: float
    lat0: float
    parallels: tuple[float, float]

    @classmethod
    def fit(cls, west: float, south: float, east: float, north: float) -> Conic:
        """Centre on the box; standard parallels at 1/6 and 5/6 of its latitudes."""
        span = north - south
        return cls((west + east) / 2, (south + north) / 2, (south + span / 6, north - span / 6))

    @cached_property
    def _constants(self) -> tuple[float, float, float]:
        p1, p2 = (math.radians(p) for p in self.parallels)

        def t(phi: float) -> float:
            return math.tan(math.pi / 4 + phi / 2)

        n = (
            math.sin(p1)
            if abs(p1 - p2) < 1e-9
            else math.log(math.cos(p1) / math.cos(p2)) / (math.log(t(p2) / t(p1)))
        )
        f = math.cos(p1) * t(p1) ** n / n
        return n, f, f / t(math.radians(self.lat0)) ** n

    def project(self, lon: float, lat: float) -> tuple[float, float]:
        """Return (x east, y north) on the unit sphere for a longitude and latitude in degrees."""
        n, f, rho0 = self._constants
        phi = max(min(math.radians(lat), math.radians(89.5)), math.radians(-89.5))
        rho = f / math.tan(math.pi / 4 + phi / 2) ** n
        theta = n * math.radians(lon - self.lon0)
        return rho * math.sin(theta), rho0 - rho * math.cos(theta)


@dataclass(frozen=True)
class Frame:
    """Projected (x, y) to view units: x' = (x - x0) * scale + margin, y' = top - y * scale."""

    x0: float
    top: float
    scale: float
    margin: float

    def __call__(self, x: float, y: float) -> tuple[float, float]:
        return (x - self.x0) * self.scale + self.margin, self.top - y * self.scale


@lru_cache(maxsize=32)
def border_paths(
    projection: Conic,
    to_view: Frame,
    box: tuple[float, float, float, float],
    degrees: tuple[float, float, float, float],
    *,
    tolerance: float = 0.5,
) -> tuple[tuple[str, str], ...]:
    """Return (country name, SVG path data) for every country with a ring inside the view box.

    Only rings whose extent meets `degrees` (west, south, east, north) are projected; the
    answer is cached, so a page drawn again costs nothing. `to_view` maps projected (x, y) to
    view units; points far outside `box` (x0, y0, x1, y1) are clamped to a margin around it
    (the fill stays right inside), rings whose extent misses the box are left out, and each
    ring is simplified (`simplify`, `tolerance` in view units: about half a CSS px, below what
    a screen shows) and written with relative moves, so a map weighs tens of kilobytes.
    """
    out = []
    x0, y0, x1, y1 = box[0] - 20, box[1] - 20, box[2] + 20, box[3] + 20
    for country in load_countries():
        parts = []
        for ring in country.rings_near(*degrees):
            points: list[tuple[float, float]] = []
            low, high = [math.inf, math.inf], [-math.inf, -math.inf]
            for lon, lat in ring:
                x, y = to_view(*projection.project(lon, lat))
                low = [min(low[0], x), min(low[1], y)]
                high = [max(high[0], x), max(high[1], y)]
                points.append((min(max(x, x0), x1), min(max(y, y0), y1)))
            overlaps = (
                low[0] <= box[2] and high[0] >= box[0] and low[1] <= box[3] and high[1] >= box[1]
            )
            if overlaps and len(points) >= 3:
                parts.append(relative_path(simplify(points, tolerance)))
        parts = [part for part in parts if part]
        if parts:
            out.append((country.name, "".join(parts)))
    return tuple(out)


def simplify(points: list[tuple[float, float]], tolerance: float) -> list[tuple[float, float]]:
    """Drop the points of a line that lie within `tolerance` of the kept ones (Douglas–Peucker).

    D. H. Douglas and T. K. Peucker, "Algorithms for the reduction of the number of points
    required to represent a digitized line or its caricature", The Canadian Cartographer
    10(2), 1973, 112–122. Iterative (a stack, no recursion limit); the first and last points
    are always kept.

    >>> simplify([(0.0, 0.0), (1.0, 0.1), (2.0, 0.0), (3.0, 2.0)], 0.5)
    [(0.0, 0.0), (2.0, 0.0), (3.0, 2.0)]
    """
    if len(points) < 3:
        return list(points)
    keep = [False] * len(points)
    keep[0] = keep[-1] = True
    stack = [(0, len(points) - 1)]
    while stack:
        first, last = stack.pop()
        (ax, ay), (bx, by) = points[first], points[last]
        dx, dy = bx - ax, by - ay
        length = math.hypot(dx, dy)
        far, index = -1.0, first
        for i in range(first + 1, last):
            px, py = points[i]
            if length:
                distance = abs(dy * px - dx * py + bx * ay - by * ax) / length
            else:
                distance = math.hypot(px - ax, py - ay)
            if distance > far:
                far, index = distance, i
        if far > tolerance:
            keep[index] = True
            stack += [(first, index), (index, last)]
    return [p for p, kept in zip(points, keep, strict=True) if kept]


def relative_path(points: list[tuple[float, float]]) -> str:
    """Write a closed ring as SVG path data: one absolute move, then relative lines (0.1 unit).

    Rounding is done on the absolute positions, so the error does not add up along the ring
    (SVG 1.1 §8.3.2, https://www.w3.org/TR/SVG11/paths.html#PathDataLinetoCommands).

    >>> relative_path([(10.0, 20.0), (12.54, 20.0), (12.5, 18.96)])
    'M10 20l2.5 0 0 -1z'
    """
    grid = [(round(x * 10), round(y * 10)) for x, y in points]
    out = [f"M{_tenths(grid[0][0])} {_tenths(grid[0][1])}l"]
    moves = []
    for (px, py), (x, y) in zip(grid, grid[1:], strict=False):
        if (x, y) != (px, py):
            moves.append(f"{_tenths(x - px)} {_tenths(y - py)}")
    return out[0] + " ".join(moves) + "z" if len(moves) >= 2 else ""


def _tenths(n: int) -> str:
    """Write n/10 as briefly as SVG allows: 25 -> '2.5', 20 -> '2', -3 -> '-.3'."""
    whole, tenth = divmod(abs(n), 10)
    sign = "-" if n < 0 else ""
    if tenth == 0:
        return f"{sign}{whole}"
    return f"{sign}{whole if whole else ''}.{tenth}"
