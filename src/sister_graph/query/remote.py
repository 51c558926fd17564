"""A remote SPARQL 1.1 endpoint as query store (e.g. Virtuoso, QLever, Oxigraph server).

Queries reach it already guarded, with their dataset as protocol parameters
(https://www.w3.org/TR/sparql11-protocol/#query-operation); answers are re-serialised
here so the row limit and formats behave as with the embedded store.
"""

from __future__ import annotations

import urllib.error
import urllib.parse
import urllib.request

import pyoxigraph as ox

from sister_graph.errors import MalformedQuery, QueryTimeout, StoreError
from sister_graph.query.results import Answer, to_answer
from sister_graph.query.worker import Job
from sister_graph.rdf.formats import FORM, JSON, NTRIPLES, RDF_FORMATS, RESULTS_JSON


def declare_prefixes(query: str, predeclared: tuple[tuple[str, str], ...]) -> str:
    """Prepend PREFIX lines for the predeclared prefixes the query text mentions.

    A remote endpoint knows none of ours; a PREFIX line in the query still overrides.

    >>> declare_prefixes("ASK { wd:Q1 ?p ?o }", (("wd", "http://www.wikidata.org/entity/"),))
    'PREFIX wd: <http://www.wikidata.org/entity/>\nASK { wd:Q1 ?p ?o }'
    """
    lines = [f"PREFIX {name}: <{iri}>\n" for name, iri in predeclared if f"{name}:" in query]
    return "".join(lines) + query


def encode_request(job: Job) -> bytes:
    """Return the form body that sends the job's query and dataset to an endpoint.

    >>> encode_request(Job("ASK {}", RESULTS_JSON.media_type, 1, default_graphs=("http://g",)))
    b'query=ASK+%7B%7D&default-graph-uri=http%3A%2F%2Fg'
    """
    pairs = [("query", declare_prefixes(job.query, job.predeclared))]
    if job.default_graphs is None and job.named_graphs is None and job.local_graph:
        # the published graph, by its name: as the default graph, and for GRAPH <name>
        pairs += [("default-graph-uri", job.local_graph), ("named-graph-uri", job.local_graph)]
    pairs += [("default-graph-uri", g) for g in job.default_graphs or ()]
    pairs += [("named-graph-uri", g) for g in job.named_graphs or ()]
    return urllib.parse.urlencode(pairs).encode()


class RemoteStore:
    """Send guarded queries to a remote SPARQL endpoint over HTTP."""

    kind = "remote"
    checksum: str | None = None

    def __init__(self, url: str, *, timeout: float, graph: str | None = None) -> None:
        self.url = url
        self.timeout = timeout
        count_all = "SELECT (COUNT(*) AS ?n) { ?s ?p ?o }"
        count = self._fetch(Job(count_all, RESULTS_JSON.media_type, 1, local_graph=graph))
        self.triples: int | None = int(next(iter(count))["n"].value)

    def _fetch(self, job: Job):
        graph = job.media_type in {f.media_type for f in RDF_FORMATS}
        solutions = f"{RESULTS_JSON.media_type}, {JSON.media_type};q=0.5"
        request = urllib.request.Request(
            self.url,
            data=encode_request(job),
            headers={
                "Content-Type": FORM.media_type,
                "Accept": NTRIPLES.media_type if graph else solutions,
            },
        )
        try:
            with urllib.request.urlopen(request, timeout=self.timeout) as response:
                body = response.read()
        except urllib.error.HTTPError as err:
            message = err.read().decode("utf-8", "replace")[:500]
            if err.code == 400:
                raise MalformedQuery(message) from None
            raise StoreError(f"remote store answered {err.code}: {message}") from None
        except TimeoutError:
            raise QueryTimeout(
                f"the remote store did not answer within {self.timeout:g} s"
            ) from None
        except urllib.error.URLError as err:
            raise StoreError(f"remote store unreachable: {err.reason}") from None
        try:
            if graph:
                return [quad.triple for quad in ox.parse(body, format=NTRIPLES.engine)]
            return ox.parse_query_results(body, format=RESULTS_JSON.engine)
        except SyntaxError as err:
            raise StoreError(f"remote store sent an unreadable answer: {err}") from None

    def answer(self, job: Job, tokens=None) -> Answer:
        """Run the job remotely and serialise its answer locally (tokens: not needed)."""
        return to_answer(self._fetch(job), media_type=job.media_type, max_rows=job.max_rows)

    def health(self) -> dict:
        """Return the endpoint URL."""
        return {"endpoint": self.url}

    def close(self) -> None:
        """Nothing to release: each query is one HTTP request."""
