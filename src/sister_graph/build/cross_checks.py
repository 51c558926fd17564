"""Checks across one publisher's files: references resolve, shared signings agree."""

from __future__ import annotations

from pathlib import PurePosixPath

from sister_graph.build.records import Agreement, Cited


def check_references(publisher, cities, concepts, networks, memberships, agreements, problems):
    """Report references that do not resolve and shared signings that disagree."""
    city_ids = {c.id for c in cities}
    by_scheme = {(c.scheme, c.id) for c in concepts}
    network_ids = {n.id for n in networks}

    def check(ok: bool, cited: Cited, column: str, message: str, target: str = "") -> None:
        """Report a failed check. A reference into `target` is not reported when it only
        echoes a problem reported already: the row itself has one (e.g. an unreadable slug), or
        the file it points into lost rows to its own problems. One problem, one message."""
        row = f"{cited.csv_file}:{cited.csv_line}"
        if ok:
            return
        target_file = str(PurePosixPath(cited.csv_file).with_name(target)) if target else ""
        if target and (problems.reported(row) or problems.reported_in(target_file)):
            return
        problems.add(f"{row}: column '{column}'", message)

    if publisher:
        check(
            publisher.city in city_ids,
            publisher.cited,
            "city",
            "not a city in cities.csv",
            "cities.csv",
        )
    for m in memberships:
        check(
            m.member in city_ids,
            m.cited,
            "member",
            f"{m.member!r} is not in cities.csv",
            "cities.csv",
        )
        check(
            m.network in network_ids,
            m.cited,
            "network",
            f"{m.network!r} not in networks.csv",
            "networks.csv",
        )
    signings: dict[str, Agreement] = {}
    for a in agreements:
        check(
            a.partner in city_ids,
            a.cited,
            "partner",
            f"{a.partner!r} is not in cities.csv",
            "cities.csv",
        )
        check(
            publisher is None or a.partner != publisher.city,
            a.cited,
            "partner",
            "a city cannot be its own partner",
        )
        check(
            ("agreement-type", a.type) in by_scheme,
            a.cited,
            "type",
            f"{a.type!r} is not an agreement-type in concepts.csv",
            "concepts.csv",
        )
        if a.occasion:
            check(
                ("occasion", a.occasion) in by_scheme,
                a.cited,
                "occasion",
                f"{a.occasion!r} is not an occasion in concepts.csv",
                "concepts.csv",
            )
        first = signings.setdefault(a.signing, a)
        same = (first.signed, first.cited.source_line) == (a.signed, a.cited.source_line)
        check(
            same,
            a.cited,
            "signing",
            f"signing {a.signing!r} has another date or page line at line {first.cited.csv_line}",
        )
