"""SVG timeline and map: every partner appears once, shared signings are shown."""

from __future__ import annotations

import re

from sister_graph.views.charts import to_map_svg, to_timeline_svg
from sister_graph.views.overview import Partner, Place


def _partner(slug: str, date: str, signing: str, lat: float, long: float) -> Partner:
    city = Place(f"urn:city:{slug}", slug.title(), lat, long)
    return Partner(city, "XX", f"urn:a:{slug}", "Agreement", date, signing, ())


PARTNERS = [
    _partner("bari", "2007-04-21", "s1", 41.11, 16.86),
    _partner("bitonto", "2007-04-21", "s1", 41.11, 16.69),
    _partner("graz", "2006-06-21", "s2", 47.07, 15.45),
    _partner("moscow", "2003-06-04", "s3", 55.75, 37.62),
]
HOME = Place("urn:city:home", "Home", 44.78, 17.19)


def _iris(svg: str) -> list[str]:
    return re.findall(r'class="partner[^"]*" href="[^"]*" data-iri="([^"]+)"', svg)


def test_timeline_has_each_partner_once_and_marks_shared_signings():
    svg = to_timeline_svg(PARTNERS, href=str, title="T", shared_text="together")
    assert sorted(_iris(svg)) == sorted(p.city.iri for p in PARTNERS)
    assert svg.count('class="marker shared"') == 1 and "together" in svg
    years = re.findall(r'class="year"[^>]*>(\d{4})<', svg)
    assert years[0] == "2003" and years[-1] == "2007"


def test_map_places_partners_by_coordinates_and_links_shared_signings():
    svg = to_map_svg(HOME, PARTNERS, href=str, title="M", shared_text="together")
    assert sorted(_iris(svg)) == sorted(p.city.iri for p in PARTNERS)
    points = {
        m[0]: (float(m[1]), float(m[2]))
        for m in re.findall(
            r'data-iri="([^"]+)">(?:<line[^>]*/>|<circle class="true"[^>]*/>)*'
            r'<circle cx="([\d.]+)" cy="([\d.]+)"',
            svg,
        )
    }
    assert points["urn:city:moscow"][0] > points["urn:city:graz"][0]
    assert points["urn:city:moscow"][1] < points["urn:city:bari"][1]
    assert len(re.findall(r'<line class="together"[^>]*><title>', svg)) == 1
    assert "http" not in svg.replace('xmlns="http://www.w3.org/2000/svg"', "")


def test_empty_input_draws_nothing():
    assert to_timeline_svg([], href=str, title="T", shared_text="x") == ""
    assert to_map_svg(None, [], href=str, title="M", shared_text="x") == ""


def test_a_result_timeline_writes_dates_in_the_page_language():
    from sister_graph.views.result_views import result_timeline

    head = ["city", "date"]
    rows = [[{"text": "Graz", "iri": "urn:city:graz"}, {"text": "2006-06-21"}]]
    for lang, day in (("sr-Cyrl", "21. јун 2006."), ("en", "21 June 2006")):
        svg = result_timeline(head, rows, href=str, title="T", together="t", lang=lang)
        assert day in svg and "2006-06-21" not in svg
