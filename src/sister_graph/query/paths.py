"""Property paths in the bounded subset (query/subset.py): read them, and name the triple
patterns whose product of (matches + 1) bounds their work (query/bound.py).

https://www.w3.org/TR/sparql11-query/#propertypaths. A path is read into a tree:
("iri", iri) ("var",) ("inverse", p) ("sequence", ps) ("alternative", ps)
("negated", ((iri, inverse), ...)) ("modified", "*" | "+" | "?", p).
"""

from __future__ import annotations

from dataclasses import dataclass

from sister_graph.errors import Unbounded
from sister_graph.query.token_reader import TokenReader

RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
MAX_DEPTH = 8  # nested groups and parentheses, in paths and in query/subset.py


@dataclass(frozen=True)
class Pattern:
    """A triple pattern's IRIs: subject, predicate, object; None for a variable or literal."""

    subject: str | None
    predicate: str | None
    object: str | None


def _one_edge(path) -> bool:
    """Return whether a path's every match is one edge of the graph (no sequence, no repeat)."""
    kind = path[0]
    if kind in ("iri", "negated"):
        return True
    if kind == "inverse":
        return _one_edge(path[1])
    if kind == "alternative":
        return all(_one_edge(branch) for branch in path[1])
    return False


class PathReader(TokenReader):
    """Reads property paths; the bounded-subset reader (subset._Reader) is one."""

    def _verb(self, template: bool):
        token = self._peek()
        if token is not None and token.kind == "var":
            self.index += 1
            return ("var",)
        if template:  # a template's verbs are IRIs, not paths
            return ("iri", self._single_iri())
        return self._alternative()

    def _alternative(self):
        return self._joined("|", self._sequence, "alternative")

    def _sequence(self):
        return self._joined("/", self._element, "sequence")

    def _joined(self, separator: str, read_part, kind: str):
        """Read parts separated by `separator`: one part as itself, several as (kind, parts)."""
        paths = [read_part()]
        while self._is(separator):
            self.index += 1
            paths.append(read_part())
        return paths[0] if len(paths) == 1 else (kind, tuple(paths))

    def _element(self):
        inverse = self._is("^")
        if inverse:
            self.index += 1
        if self._is("!"):
            self.index += 1
            path = ("negated", self._negated_set())
        elif self._is("("):
            self.index += 1
            self.depth += 1
            if self.depth > MAX_DEPTH:
                raise Unbounded("outside the bounded subset")
            path = self._alternative()
            self._expect(")")
            self.depth -= 1
        else:
            path = ("iri", self._single_iri())
        token = self._peek()
        if token is not None and token.kind == "other" and token.text in ("*", "+", "?"):
            self.index += 1
            self.operations += 1
            path = ("modified", token.text, path)
        return ("inverse", path) if inverse else path

    def _negated_set(self) -> tuple[tuple[str, bool], ...]:
        grouped = self._is("(")
        if grouped:
            self.index += 1
        members = []
        while True:
            inverse = self._is("^")
            if inverse:
                self.index += 1
            members.append((self._single_iri(), inverse))
            if not grouped or not self._is("|"):
                break
            self.index += 1
        if grouped:
            self._expect(")")
        return tuple(members)

    def _single_iri(self) -> str:
        token = self._peek()
        if token is not None and token.kind == "word" and token.text == "a":
            self.index += 1
            return RDF_TYPE
        iri = self._term(frozenset({"iri", "pname"}))
        assert iri is not None  # _term returns an IRI for these kinds
        return iri

    def _path_patterns(self, path, subject, obj, *, whole: bool = False) -> list[Pattern]:
        """Return triple patterns whose product of (matches + 1) bounds the path's work.

        A sequence is a chain of patterns through fresh variables and an alternative one
        pattern per branch (their product covers the sum), as the algebra translates them
        (https://www.w3.org/TR/sparql11-query/#sparqlTranslatePathExpressions). A `*`, `+`
        or `?` path reaches, from one node, at most the edges of its step: it is admitted only
        as the whole path, over a step of one edge (IRIs, inverses, alternatives, negated
        sets), between an IRI and anything, so the engine walks it from a fixed or bound node
        and never from every node of a graph; `*` and `?` also match the zero-length path, one
        solution per graph, so not inside GRAPH. pyoxigraph 0.5 is built with the sep-0006
        feature (lib/oxigraph/Cargo.toml), so its optimizer joins a pattern, path, GRAPH or
        UNION that shares a variable with what precedes it by a for-loop: evaluated again
        for each solution before it, with that solution's values (reorder_joins,
        lib/sparopt/src/optimizer.rs, https://github.com/oxigraph/oxigraph); other joins
        hash, each side evaluated once. A walk is thus repeated once per solution before
        it, each walk within its factor: the product covers the repetitions as it covers any
        join. On the in-memory copy a step from a node reads the shortest of its terms'
        lists in the whole store, not just the step's edges: a walk visits each node once
        and reads at most its quads, so at most the store's quads per branch of the step
        (`<page> ^dct:source+ ?y`, bound 11,561, took 37 ms of CPU on the 100k synthetic
        data).
        """
        kind = path[0]
        if kind == "var":
            return [Pattern(subject, None, obj)]
        if kind == "iri":
            return [Pattern(subject, path[1], obj)]
        if kind == "inverse":
            return self._path_patterns(path[1], obj, subject, whole=whole)
        if kind == "alternative":
            return [p for branch in path[1] for p in self._path_patterns(branch, subject, obj)]
        if kind == "sequence":
            steps = path[1]
            ends = [subject, *([None] * (len(steps) - 1)), obj]
            return [
                p
                for n, step in enumerate(steps)
                for p in self._path_patterns(step, ends[n], ends[n + 1])
            ]
        if kind == "negated":
            forward = any(not inverse for _, inverse in path[1])
            backward = any(inverse for _, inverse in path[1])
            return [Pattern(subject, None, obj)] * forward + [
                Pattern(obj, None, subject)
            ] * backward
        # "modified"
        _, modifier, step = path
        anchored = subject is not None or obj is not None
        zero_length = modifier in ("*", "?")
        if not whole or not anchored or (zero_length and self.in_graph) or not _one_edge(step):
            raise Unbounded("outside the bounded subset")
        return self._path_patterns(step, None, None)
