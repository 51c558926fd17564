"""Generate synthetic publisher folders of the same shape as data/banja-luka, at any size.

Every row cites a line of a generated page text that holds what sources.py checks (the city's
page form, the Serbian date text, the acronym and name of a network, a concept's page form),
so the output passes the same checks as real data. Deterministic: same options, same bytes.
Synthetic cities carry no Wikidata or GeoNames identifier: they are not real places.
"""

from __future__ import annotations

import csv
import io
import itertools
import random
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from sister_graph.build.sources import COLUMNS
from sister_graph.build.written_dates import written_forms
from sister_graph.errors import BadArgument

# Triples the build makes per agreement with a new partner city, and per publisher folder
# (publisher city, page, concepts, networks, memberships), measured on generated data.
TRIPLES_PER_AGREEMENT = 69
TRIPLES_PER_PUBLISHER = 235
ONTOLOGY_TRIPLES = 338  # ontology/sister-graph.ttl as rdflib counts it (sr-Cyrl twins included)

SYLLABLES = (
    "ba", "be", "bo", "da", "do", "ga", "go", "gra", "ka", "ko", "kra", "la", "le", "lo", "ma",
    "me", "mo", "na", "ne", "no", "pa", "po", "ra", "re", "ro", "sa", "se", "so", "ta", "te",
    "to", "va", "ve", "vo", "za", "zo", "vi", "ri", "li", "ni",
)  # fmt: skip
CYRILLIC = dict(zip("abcdefghijklmnoprstuvz", "абцдефгхијклмнопрстувз", strict=True))
COUNTRIES = ("AT", "BA", "DE", "HR", "HU", "IT", "ME", "MK", "RO", "RS", "SI", "UA")
PRIORITIES = (
    ("neighbouring-countries-and-region", "saradnja sa gradovima iz susjednih zemalja i regiona",
     "сарадња са градовима из сусједних земаља и региона",
     "cooperation with cities of neighbouring countries and the region",
     "sa gradovima iz susjednih zemalja i regiona"),
    ("eu-member-and-candidate-states",
     "saradnja sa gradovima zemalja članica i kandidata za članstvo u Evropskoj uniji",
     "сарадња са градовима земаља чланица и кандидата за чланство у Европској унији",
     "cooperation with cities of EU member states and candidate countries",
     "sa gradovima zemalja članica i kandidata za članstvo u Evropskoj uniji"),
)  # fmt: skip
FIELDS = (
    ("protocol", "protokolarna saradnja", "протоколарна сарадња", "protocol cooperation",
     "protokolarne"),
    ("cultural", "kulturna saradnja", "културна сарадња", "cultural cooperation", "kulturne"),
    ("sports", "sportska saradnja", "спортска сарадња", "sports cooperation", "sportske saradnje"),
)  # fmt: skip
TYPES = (
    ("protocol-on-cooperation", "Protokol o saradnji", "Протокол о сарадњи",
     "Protocol on cooperation"),
    ("cooperation-agreement", "Sporazum o saradnji", "Споразум о сарадњи", "Cooperation agreement"),
    ("memorandum-of-cooperation", "Memorandum o saradnji", "Меморандум о сарадњи",
     "Memorandum of cooperation"),
    ("partnership-charter", "Povelja o partnerstvu", "Повеља о партнерству", "Partnership charter"),
)  # fmt: skip
OCCASION = ("city-day", "Dan Grada", "Дан Града", "City Day", "povodom Dana Grada")
NETWORKS = (
    ("balcinet", "BALCINET", "Mreža najvećih gradova Balkana", "Мрежа највећих градова Балкана",
     "Balkan Cities Network", "http://www.balcinet.org/"),
    ("nalas", "NALAS", "Mreža asocijacija lokalnih vlasti Jugoistočne Evrope",
     "Мрежа асоцијација локалних власти Југоисточне Европе",
     "Network of Associations of Local Authorities of South-East Europe", "https://www.nalas.eu/"),
)  # fmt: skip
HEADER_LINES = 12
NAME_SCRAMBLE = 2654435761  # odd and not a multiple of 5: coprime to 40**4


@dataclass(frozen=True)
class SyntheticCity:
    """A made-up city: slug, name (ASCII Latin), page form and coordinates."""

    id: str
    name: str
    country: str
    lat: str
    long: str

    @property
    def page_form(self) -> str:
        return self.name + "om"

    @property
    def cyrillic(self) -> str:
        return "".join(CYRILLIC.get(c, c) for c in self.name.lower()).capitalize()


def agreements_for_triples(triples: int, *, publishers: int) -> int:
    """Return the agreements per publisher that make a graph of about this many triples.

    >>> agreements_for_triples(100_000, publishers=2)
    719
    """
    rest = triples - ONTOLOGY_TRIPLES - publishers * TRIPLES_PER_PUBLISHER
    return max(1, round(rest / publishers / TRIPLES_PER_AGREEMENT))


def _city_name(index: int, order: list[str]) -> str:
    """Return a distinct name for each index below len(order)**4 (a bijection, scrambled)."""
    space = len(order) ** 4
    if index >= space:
        raise BadArgument(f"at most {space} synthetic cities")
    code, parts = index * NAME_SCRAMBLE % space, []
    for _ in range(4):
        code, digit = divmod(code, len(order))
        parts.append(order[digit])
    return "".join(parts).capitalize()


def _make_city(index: int, prefix: str, order: list[str], rng: random.Random) -> SyntheticCity:
    name = _city_name(index, order)
    return SyntheticCity(
        id=f"{prefix}{name.lower()}",
        name=name,
        country=rng.choice(COUNTRIES),
        lat=f"{rng.uniform(35, 60):.4f}",
        long=f"{rng.uniform(-10, 40):.4f}",
    )


def _csv(name: str, rows: list[tuple]) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(COLUMNS[name])
    writer.writerows(rows)
    return out.getvalue()


def _written(day: date) -> str:
    return written_forms(day, "sr-Latn")[0]


def _city_row(city: SyntheticCity, line: int, page_form: str) -> tuple:
    return (city.id, city.name, city.cyrillic, city.name, f"sr:{city.cyrillic}", page_form,
            city.country, city.lat, city.long, "", "", "confirmed", "", line)  # fmt: skip


def build_synthetic(
    *, publishers: int, agreements: int, seed: int, shared: float = 0.25
) -> dict[str, str]:
    """Return the files of `publishers` folders with `agreements` each, by relative path.

    A fraction `shared` of each publisher's partners come from a pool common to all publishers,
    so partner cities (and the concepts and networks) recur across publishers.
    """
    if publishers < 1 or agreements < 1:
        raise BadArgument("publishers and agreements must be at least 1")
    rng = random.Random(seed)
    order = list(SYLLABLES)
    rng.shuffle(order)
    pool_size = max(1, int(agreements * shared * 2))
    pool = [_make_city(i, "", order, rng) for i in range(pool_size)]
    counter = itertools.count(pool_size)
    files: dict[str, str] = {}
    for _ in range(publishers):
        home = _make_city(next(counter), "", order, rng)
        home = SyntheticCity(f"pub-{home.id}", home.name, home.country, home.lat, home.long)
        folder = home.id
        own = (_make_city(next(counter), f"{home.id}-", order, rng) for _ in itertools.count())
        partners: dict[str, SyntheticCity] = {}
        while len(partners) < agreements:
            use_pool = rng.random() < shared and len(partners) < pool_size
            city = rng.choice(pool) if use_pool else next(own)
            partners.setdefault(city.id, city)
        files.update(_publisher_files(folder, home, list(partners.values()), rng))
    return files


def _publisher_files(folder: str, home: SyntheticCity, partners, rng) -> dict[str, str]:
    name = home.name
    header = [
        "Međunarodna saradnja",
        f"Grad {name} sarađuje sa mnogim gradovima i udruženjima.",
        *(f" • {p[4]}," for p in PRIORITIES),
        "Članstva: " + ", ".join(f"{n[1]} ({n[2]})" for n in NETWORKS) + ".",
        "Osim " + ", ".join(f[4] for f in FIELDS) + " grad razvija saradnju.",
        "Vrste sporazuma: " + ", ".join(t[1] for t in TYPES) + ".",
        f"Sporazumi potpisani {OCCASION[4]} nose oznaku.",
        "",
        "Sporazumi o saradnji",
        "",
    ]
    header += [""] * (HEADER_LINES - len(header))
    lines, agreements, cities = list(header), [], [_city_row(home, 2, home.name)]
    for index, city in enumerate(partners):
        kind = rng.choice(TYPES)
        festive = rng.random() < 0.05
        year = rng.randint(1955, 2024)
        day = date(year, 4, 22) if festive else date(year, rng.randint(1, 12), rng.randint(1, 28))
        during = f"u okviru aktivnosti {OCCASION[4]}, " if festive else ""
        signed = f"potpisan {during}{_written(day)}. godine"
        lines.append(f" • {kind[1]} sa {city.page_form} – {signed};")
        line = len(lines)
        agreement_id = f"{home.id}-{index + 1}"
        occasion = OCCASION[0] if festive else ""
        signing = f"{agreement_id}-signing"
        agreements.append((agreement_id, city.id, kind[0], str(day), signing, occasion, line))
        cities.append(_city_row(city, line, city.page_form))
    concepts = [("priority", p[0], *p[1:5], 3 + i) for i, p in enumerate(PRIORITIES)]
    concepts += [("field", f[0], *f[1:5], 6) for f in FIELDS]
    concepts += [("agreement-type", t[0], *t[1:4], t[1], 7) for t in TYPES]
    concepts.append(("occasion", *OCCASION, 8))
    networks = [(*n[:5], n[5], 5) for n in NETWORKS]
    memberships = [(f"{home.id}-{n[0]}", home.id, n[0], 5) for n in NETWORKS]
    page_url = f"https://example.org/synthetic/{home.id}/medjunarodna-saradnja"
    publisher = [(home.id, page_url, "Međunarodna saradnja", "sr-Latn", "source/page.txt", 1)]
    return {
        f"{folder}/publisher.csv": _csv("publisher.csv", publisher),
        f"{folder}/cities.csv": _csv("cities.csv", cities),
        f"{folder}/agreements.csv": _csv("agreements.csv", agreements),
        f"{folder}/networks.csv": _csv("networks.csv", networks),
        f"{folder}/memberships.csv": _csv("memberships.csv", memberships),
        f"{folder}/concepts.csv": _csv("concepts.csv", concepts),
        f"{folder}/source/page.txt": "\n".join(lines) + "\n",
    }


def write_synthetic(files: dict[str, str], out_dir: Path) -> None:
    """Write the generated files under out_dir (created if missing)."""
    for relative, text in sorted(files.items()):
        path = Path(out_dir) / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8", newline="")
