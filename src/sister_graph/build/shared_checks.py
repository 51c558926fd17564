"""Checks across publishers: what two folders say about the same thing must agree.

A city, network, concept or membership named by several publishers is one node in the graph,
so its facts (coordinates, identifiers, names, labels) must be the same in every folder. Each
disagreement is one problem naming both CSV rows (file:line) and what differs; facts that are
per page by nature (the form on the page, the cited line, the note) may differ.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import astuple

from sister_graph.build.csv_rows import Problems
from sister_graph.build.records import Cited, City, Concept, Membership, Network, PublisherSources


def _city_facts(city: City) -> dict[str, object]:
    return {
        "label_sr_latn": city.labels.sr_latn,
        "label_sr_cyrl": city.labels.sr_cyrl,
        "label_en": city.labels.en,
        "native_names": "|".join(f"{lang}:{name}" for lang, name in sorted(city.native_names)),
        "country": city.country,
        "lat": city.lat,
        "long": city.long,
        "wikidata": city.wikidata,
        "geonames": city.geonames,
        "identification": city.identification,
    }


LABEL_COLUMNS = ("label_sr_latn", "label_sr_cyrl", "label_en")


def _concept_facts(concept: Concept) -> dict[str, object]:
    return dict(zip(LABEL_COLUMNS, astuple(concept.labels), strict=True))


def _network_facts(network: Network) -> dict[str, object]:
    labels = dict(zip(LABEL_COLUMNS, astuple(network.labels), strict=True))
    return {"acronym": network.acronym, **labels, "website": network.website}


def _membership_facts(membership: Membership) -> dict[str, object]:
    return {"member": membership.member, "network": membership.network}


def _where(cited: Cited) -> str:
    return f"{cited.csv_file}:{cited.csv_line}"


def _compare(
    kind: str,
    records: Iterable[tuple[str, Cited, dict[str, object]]],
    problems: Problems,
) -> None:
    first: dict[str, tuple[Cited, dict[str, object]]] = {}
    for key, cited, facts in records:
        if key not in first:
            first[key] = (cited, facts)
            continue
        seen_at, seen = first[key]
        differ = [
            f"{column} {_show(seen[column])} vs {_show(value)}"
            for column, value in facts.items()
            if value != seen[column]
            # a cell refused in either row is that row's problem, not a disagreement
            and not any(
                problems.reported(f"{_where(at)}: column '{column}'") for at in (cited, seen_at)
            )
        ]
        if differ:
            problems.add(
                _where(cited),
                f"{kind} {key!r} differs from {_where(seen_at)}: {'; '.join(differ)}"
                " (one node in the graph: make the rows agree)",
            )


def _show(value: object) -> str:
    return repr(value) if value != "" else "(empty)"


def _records(
    sources: list[PublisherSources],
    pick: Callable[[PublisherSources], Iterable],
    key: Callable,
    facts: Callable,
) -> list[tuple[str, Cited, dict[str, object]]]:
    return [(key(r), r.cited, facts(r)) for s in sources for r in pick(s)]


def check_shared(sources: list[PublisherSources], problems: Problems) -> None:
    """Report each city, concept, network or membership two folders describe differently."""
    _compare(
        "city",
        _records(sources, lambda s: s.cities, lambda r: r.id, _city_facts),
        problems,
    )
    _compare(
        "concept",
        _records(sources, lambda s: s.concepts, lambda r: f"{r.scheme}/{r.id}", _concept_facts),
        problems,
    )
    _compare(
        "network",
        _records(sources, lambda s: s.networks, lambda r: r.id, _network_facts),
        problems,
    )
    _compare(
        "membership",
        _records(sources, lambda s: s.memberships, lambda r: r.id, _membership_facts),
        problems,
    )
