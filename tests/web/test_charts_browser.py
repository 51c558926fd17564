"""The home page's SVG charts in Chromium: no label overlaps a label, a stem or another dot.

Measured by bounding boxes in the rendered page (getBoundingClientRect), at a phone (390 px)
and a desktop (1280 px) width and in all three languages, for every label of every chart
that is shown at that width. Screenshots of each chart go to artifacts/screenshots/.
"""

from __future__ import annotations

import pytest

from tests.web.conftest import SHOTS

pytest.importorskip(
    "playwright.sync_api", reason="pip package 'playwright' is not installed (CI installs it)"
)

# Every visible chart, as boxes in CSS px: labels (with the city they name), dots, stems.
COLLECT = """() => [...document.querySelectorAll('svg.chart')]
  .filter(svg => svg.getBoundingClientRect().width > 0)
  .map(svg => {
    const box = e => { const r = e.getBoundingClientRect();
                       return [r.left, r.top, r.right, r.bottom]; };
    const scale = svg.getScreenCTM().a;
    const owner = e => (e.closest('a') || {}).getAttribute ? e.closest('a').getAttribute('data-iri') : null;
    return {
      kind: svg.getAttribute('class'),
      labels: [...svg.querySelectorAll('text')].map(t => ({
        text: t.textContent, box: box(t), iri: owner(t), cls: t.getAttribute('class'),
        px: scale * parseFloat(getComputedStyle(t).fontSize)})),
      dots: [...svg.querySelectorAll('a circle, a rect')].map(d => ({iri: owner(d), box: box(d)})),
      stems: [...svg.querySelectorAll('.stem')].map(box),
    };
  })"""


def _overlap(a, b, slack: float = 0.5) -> bool:
    return (
        a[0] + slack < b[2] and b[0] + slack < a[2] and a[1] + slack < b[3] and b[1] + slack < a[3]
    )


def _collisions(chart: dict) -> list[str]:
    found = []
    labels = chart["labels"]
    for i, a in enumerate(labels):
        for b in labels[i + 1 :]:
            if _overlap(a["box"], b["box"]):
                found.append(f"label {a['text']!r} overlaps label {b['text']!r}")
        for dot in chart["dots"]:
            if dot["iri"] != a["iri"] and _overlap(a["box"], dot["box"]):
                found.append(f"label {a['text']!r} overlaps the dot of {dot['iri']}")
        for stem in chart["stems"]:
            if _overlap(a["box"], stem, 0.2):
                found.append(f"label {a['text']!r} overlaps a stem")
    return found


@pytest.mark.parametrize("lang", ["sr-Latn", "sr-Cyrl", "en"])
@pytest.mark.parametrize("width", [390, 1280])
def test_no_chart_label_overlaps_a_label_a_stem_or_another_dot(browser, site, lang, width):
    context = browser.new_context(viewport={"width": width, "height": 844})
    page = context.new_page()
    found = {}
    for name in ("landing", "publisher/banja-luka"):
        page.goto(f"{site.url}{'' if name == 'landing' else name}?lang={lang}")
        found[name] = page.evaluate(COLLECT)
        SHOTS.mkdir(parents=True, exist_ok=True)
        for index, svg in enumerate(page.locator("svg.chart:visible").all()):
            tag = name.rsplit("/", 1)[-1]
            svg.screenshot(path=str(SHOTS / f"chart-{tag}-{index}-{lang}-{width}.png"))
    context.close()
    (landing_map,) = found["landing"]
    assert "map" in landing_map["kind"] and _collisions(landing_map) == []
    charts = found["publisher/banja-luka"]
    kinds = sorted(c["kind"] for c in charts)
    assert len(charts) == 2, kinds
    assert any("timeline" in k for k in kinds) and any("map" in k for k in kinds)
    for chart in charts:
        assert len({t["iri"] for t in chart["labels"] if t["iri"]}) >= 15  # Banja Luka's page
        assert _collisions(chart) == [], chart["kind"]


def test_map_labels_are_at_least_11_css_px_on_a_phone(browser, site):
    context = browser.new_context(viewport={"width": 390, "height": 844})
    page = context.new_page()
    page.goto(site.url + "publisher/banja-luka")
    (chart,) = [c for c in page.evaluate(COLLECT) if "map" in c["kind"]]
    context.close()
    names = [t for t in chart["labels"] if t["cls"] == "name"]
    assert len(names) == 16  # Banja Luka and its 15 partner cities
    assert min(t["px"] for t in names) >= 11, sorted((t["px"], t["text"]) for t in names)[:3]


def test_close_cities_are_told_apart(browser, site):
    """Bari/Bitonto and Novi Sad/Sremska Mitrovica: separate dots, each label tied to its own."""
    context = browser.new_context(viewport={"width": 1280, "height": 844})
    page = context.new_page()
    page.goto(site.url + "publisher/banja-luka?lang=en")
    (chart,) = [c for c in page.evaluate(COLLECT) if "map" in c["kind"]]
    leaders = page.evaluate(
        "() => [...document.querySelectorAll('svg.map.wide a')]"
        ".filter(a => a.querySelector('line.leader')).map(a => a.getAttribute('data-iri'))"
    )
    page.locator("svg.map.wide").screenshot(path=str(SHOTS / "map-close-cities.png"))
    context.close()

    def centre(box):
        return ((box[0] + box[2]) / 2, (box[1] + box[3]) / 2)

    def near(label, dot):
        (lx, ly), (dx, dy) = centre(label), centre(dot)
        half_w, half_h = (label[2] - label[0]) / 2, (label[3] - label[1]) / 2
        return max(abs(lx - dx) - half_w, 0) + max(abs(ly - dy) - half_h, 0)

    dots = {d["iri"].rsplit("/", 1)[1]: d["box"] for d in chart["dots"]}
    labels = {t["iri"].rsplit("/", 1)[1]: t["box"] for t in chart["labels"] if t["iri"]}
    for pair in (("bari", "bitonto"), ("novi-sad", "sremska-mitrovica")):
        a, b = pair
        assert not _overlap(dots[a], dots[b], 0), f"the dots of {a} and {b} overlap"
        for city, other in (pair, pair[::-1]):
            own_is_nearer = near(labels[city], dots[city]) < near(labels[city], dots[other])
            has_leader = any(iri.endswith("/" + city) for iri in leaders)
            assert own_is_nearer or has_leader, f"the label of {city} reads as {other}'s"
