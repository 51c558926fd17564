"""The map's parts: Natural Earth borders, the conic projection, dot spreading, label placement."""

from __future__ import annotations

import doctest
import random

import pytest

from sister_graph.views import geo, labels, map_chart
from sister_graph.views.geo import Conic, load_countries
from sister_graph.views.labels import overlaps, place_labels
from sister_graph.views.map_chart import MapPoint, draw_map, spread


@pytest.mark.parametrize("module", [geo, labels, map_chart])
def test_docstring_examples_run(module):
    assert doctest.testmod(module).failed == 0


def test_natural_earth_countries_are_vendored_with_the_balkans():
    names = {c.name for c in load_countries()}
    assert {"Bosnia and Herz.", "Serbia", "Kosovo", "Israel", "Italy", "Russia"} <= names
    bosnia = next(c for c in load_countries() if c.name == "Bosnia and Herz.")
    lons = [lon for ring in bosnia.rings for lon, _ in ring]
    assert 15.5 < min(lons) < 16.5 and 19 < max(lons) < 20


def test_conic_keeps_east_east_and_north_up():
    conic = Conic.fit(7, 31, 38, 56)
    graz, moscow, modiin = (
        conic.project(15.45, 47.07),
        conic.project(37.6, 55.75),
        conic.project(35.0, 31.9),
    )
    assert moscow[0] > graz[0] and moscow[1] > graz[1] > modiin[1]


def test_spread_keeps_every_dot_apart():
    dots = spread([(100.0, 100.0), (101.0, 100.0), (100.5, 100.5), (300.0, 300.0)], 13)
    for i, a in enumerate(dots):
        for b in dots[i + 1 :]:
            assert ((a[0] - b[0]) ** 2 + (a[1] - b[1]) ** 2) ** 0.5 >= 12.9


def test_labels_never_overlap_each_other_or_a_dot():
    rng = random.Random(14)
    points = [(rng.uniform(150, 450), rng.uniform(150, 350)) for _ in range(20)]
    sizes = [(rng.uniform(30, 120), 16.0) for _ in points]
    placed = place_labels(points, sizes, dot=6, bounds=(0, 0, 600, 500))
    for i, a in enumerate(placed):
        assert all(not overlaps(a.box, b.box) for b in placed[i + 1 :])
        assert all(
            not overlaps(a.box, (x - 6, y - 6, x + 6, y + 6))
            for j, (x, y) in enumerate(points)
            if j != i
        )


def test_draw_map_draws_borders_and_marks_language_of_labels():
    points = [
        MapPoint("urn:a", "Graz", 47.07, 15.45, lang="de"),
        MapPoint("urn:b", "Banja Luka", 44.78, 17.19, home=True),
    ]
    svg = draw_map(points, href=str, title="Karta")
    assert svg.count('class="country"') > 5 and "Austria" not in svg  # no English names
    assert 'lang="de">Graz</text>' in svg and 'class="home"' in svg
