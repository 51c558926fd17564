"""Parse SPARQL with rdflib's parser; refuse what a read-only, offline service must not run.

Refused before any evaluation: updates (https://www.w3.org/TR/sparql11-update/) and
federated ``SERVICE`` patterns (https://www.w3.org/TR/sparql11-federated-query/), nested or not.
The query's FROM / FROM NAMED IRIs are returned so the caller passes them to the store as an
explicit dataset: they only name local graphs, an unknown one is an empty graph.
"""

from __future__ import annotations

import functools
import threading
from collections.abc import Iterator
from dataclasses import dataclass

import pyoxigraph as ox
from pyparsing import ParseBaseException
from rdflib.plugins.sparql.algebra import translatePName, translatePrologue, traverse
from rdflib.plugins.sparql.parser import parseQuery, parseUpdate
from rdflib.plugins.sparql.parserutils import CompValue

from sister_graph.errors import BadRequest, MalformedQuery, QueryRefused

FORMS = {
    "SelectQuery": "SELECT",
    "AskQuery": "ASK",
    "ConstructQuery": "CONSTRUCT",
    "DescribeQuery": "DESCRIBE",
}
GRAPH_FORMS = frozenset({"CONSTRUCT", "DESCRIBE"})
# rdflib's pyparsing grammar is not thread-safe (concurrent parses corrupt each other).
_PARSER_LOCK = threading.Lock()


@dataclass(frozen=True)
class QueryPlan:
    """A parsed, allowed query: its text, form (SELECT, ASK, ...) and FROM / FROM NAMED IRIs."""

    text: str
    form: str
    from_graphs: tuple[str, ...] = ()
    from_named: tuple[str, ...] = ()

    @property
    def returns_graph(self) -> bool:
        """Return True for CONSTRUCT and DESCRIBE, whose answers are RDF graphs."""
        return self.form in GRAPH_FORMS


@functools.lru_cache(maxsize=1024)
def guard_query(text: str) -> QueryPlan:
    """Parse the query and return its plan, or raise MalformedQuery / QueryRefused.

    >>> guard_query("ASK FROM <http://example.org/g> {}").from_graphs
    ('http://example.org/g',)
    """
    try:
        with _PARSER_LOCK:
            parsed = parseQuery(text)
    except ParseBaseException as err:
        if _is_update(text):
            raise QueryRefused(
                "this SPARQL service is read-only: updates are not accepted"
            ) from None
        raise MalformedQuery(f"malformed SPARQL query: {err}") from None
    try:
        prologue = translatePrologue(parsed[0], None)
        body = traverse(parsed[1], visitPost=functools.partial(translatePName, prologue=prologue))
    except Exception as err:  # noqa: BLE001 - rdflib raises bare Exception for unknown prefixes
        raise MalformedQuery(f"malformed SPARQL query: {err}") from None
    if any(node.name == "ServiceGraphPattern" for node in _walk(body)):
        raise QueryRefused("SERVICE (federated query) is not allowed on this endpoint")
    clauses = body["datasetClause"] if "datasetClause" in body else []  # noqa: SIM401 (CompValue.get)
    return QueryPlan(
        text=text,
        form=FORMS[body.name],
        from_graphs=tuple(str(c.default) for c in clauses if "default" in c),
        from_named=tuple(str(c.named) for c in clauses if "named" in c),
    )


def _is_update(text: str) -> bool:
    try:
        with _PARSER_LOCK:
            parseUpdate(text)
    except ParseBaseException:
        return False
    return True


def _walk(node: object) -> Iterator[CompValue]:
    if isinstance(node, CompValue):
        yield node
        children = node.values()
    elif isinstance(node, dict):
        children = node.values()
    elif isinstance(node, list | tuple):
        children = node
    else:
        return
    for child in children:
        yield from _walk(child)


def check_graph_iris(iris: tuple[str, ...]) -> tuple[str, ...]:
    """Return the IRIs unchanged, or raise BadRequest if one is not an absolute IRI."""
    for iri in iris:
        try:
            ox.NamedNode(iri)
        except ValueError:
            raise BadRequest(f"not an absolute IRI: {iri!r}") from None
    return iris
