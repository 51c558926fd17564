"""Checks across one publisher's files: references resolve, shared signings agree.

One problem, one message: a reference that does not resolve is reported once per thing it
names, not once per row that names it. When the row a reference names is missing from its
file (or the whole file is), every row naming it is one problem: the first row gets the
message and the others are listed in it. A reference into a file that lost rows to its own
problems (unreadable, a wrong header), or from a row whose own value is reported already, is
not reported at all: it only echoes that problem.
"""

from __future__ import annotations

from collections.abc import Collection
from pathlib import PurePosixPath

from sister_graph.build.csv_rows import Problems
from sister_graph.build.records import Agreement, Cited


class References:
    """Collects the references of one folder that do not resolve, then reports each once."""

    def __init__(self, problems: Problems) -> None:
        self.problems = problems
        # (target file, the value named, or "" when the target holds none of its kind) ->
        # [(where, message)], in the order met
        self.unresolved: dict[tuple[str, str], list[tuple[str, str]]] = {}

    def check(
        self,
        value: str,
        known: Collection[str],
        place: str,
        column: str,
        target: str,
        message: str,
    ) -> None:
        """Report `value` (of `column`, at file:line `place`) unless it is in `known`, the ids
        of `target` (a file name beside the referring file)."""
        if not value or value in known:
            return
        target_file = str(PurePosixPath(place.rpartition(":")[0]).with_name(target))
        if self.problems.reported(place) or self.problems.reported_in(target_file):
            return  # it only echoes a problem reported already
        key = (target_file, value if known else "")
        self.unresolved.setdefault(key, []).append((f"{place}: column '{column}'", message))

    def report(self) -> None:
        """Add one problem per thing named but missing, listing every row that names it."""
        for (target_file, value), found in self.unresolved.items():
            (where, message), rest = found[0], [w for w, _ in found[1:]]
            if not value:
                message += f" ({PurePosixPath(target_file).name} has none)"
            if rest:
                also = "also named at" if value else "other rows naming one:"
                message += f"; {also} {_places(rest, where)}"
            self.problems.add(where, message)


def _places(places: list[str], first: str) -> str:
    """Say file:line places briefly: 'lines 3, 4' in the first's file, 'file:2' elsewhere.

    >>> _places(["a.csv:3: column 'x'", "a.csv:4: column 'y'", "b.csv:2: column 'x'"], "a.csv:2")
    'lines 3, 4; b.csv:2'
    """
    by_file: dict[str, list[str]] = {}
    for place in places:
        file, line = place.split(":")[:2]
        if line not in by_file.setdefault(file, []):
            by_file[file].append(line)
    home = first.split(":")[0]
    said = []
    for file, lines in by_file.items():
        if file == home:
            said.append(("line " if len(lines) == 1 else "lines ") + ", ".join(lines))
        else:
            said.append(f"{file}:{', '.join(lines)}")
    return "; ".join(said)


def check_references(
    publisher, cities, concepts, networks, memberships, agreements, problems, identifications=()
):
    """Report references that do not resolve and shared signings that disagree."""
    city_ids = {c.id for c in cities}
    types = {c.id for c in concepts if c.scheme == "agreement-type"}
    occasions = {c.id for c in concepts if c.scheme == "occasion"}
    network_ids = {n.id for n in networks}
    refs = References(problems)

    def at(cited: Cited) -> str:
        return f"{cited.csv_file}:{cited.csv_line}"

    if publisher:
        refs.check(
            publisher.city,
            city_ids,
            at(publisher.cited),
            "city",
            "cities.csv",
            f"{publisher.city!r} is not a city in cities.csv",
        )
    for m in memberships:
        where = at(m.cited)
        refs.check(m.member, city_ids, where, "member", "cities.csv", _not_in(m.member, "cities"))
        network = f"{m.network!r} not in networks.csv"
        refs.check(m.network, network_ids, where, "network", "networks.csv", network)
    for source in identifications:
        refs.check(
            source.city, city_ids, source.row, "city", "cities.csv", _not_in(source.city, "cities")
        )
    signings: dict[str, Agreement] = {}
    for a in agreements:
        where = at(a.cited)
        partner = _not_in(a.partner, "cities")
        refs.check(a.partner, city_ids, where, "partner", "cities.csv", partner)
        if publisher is not None and a.partner == publisher.city:
            problems.add(f"{where}: column 'partner'", "a city cannot be its own partner")
        refs.check(
            a.type,
            types,
            where,
            "type",
            "concepts.csv",
            f"{a.type!r} is not an agreement-type in concepts.csv",
        )
        refs.check(
            a.occasion,
            occasions,
            where,
            "occasion",
            "concepts.csv",
            f"{a.occasion!r} is not an occasion in concepts.csv",
        )
        first = signings.setdefault(a.signing, a)
        if (first.signed, first.cited.source_line) != (a.signed, a.cited.source_line):
            problems.add(
                f"{where}: column 'signing'",
                f"signing {a.signing!r} has another date or page line at line "
                f"{first.cited.csv_line}",
            )
    refs.report()


def _not_in(value: str, kind: str) -> str:
    return f"{value!r} is not in {kind}.csv"
