"""SPARQL 1.1 Protocol query operation: read the request, guard, negotiate, run, cache.

Spec: https://www.w3.org/TR/sparql11-protocol/#query-operation. Pure functions over the
request's parts; the Flask blueprint only extracts them and renders the result.
"""

from __future__ import annotations

import functools
import hashlib
import time
import urllib.parse
from dataclasses import dataclass

from werkzeug.datastructures import MIMEAccept, MultiDict

from sister_graph.errors import (
    BadRequest,
    NotAcceptable,
    PayloadTooLarge,
    QueryRefused,
    UnsupportedMediaType,
)
from sister_graph.query import negotiation as negotiate
from sister_graph.query.cache import ResultsCache
from sister_graph.query.fair_use import FairUse
from sister_graph.query.guard import ScreenedQuery, check_graph_iris, check_syntax, guard_query
from sister_graph.query.prefixes import predeclared_prefixes
from sister_graph.query.results import Answer
from sister_graph.query.store import QueryStore
from sister_graph.query.worker import Job
from sister_graph.rdf.formats import FORM as FORM_FORMAT
from sister_graph.rdf.formats import SPARQL_QUERY, SPARQL_UPDATE
from sister_graph.rdf.namespaces import dataset_graph, prefixes_for
from sister_graph.settings import Config

FORM = FORM_FORMAT.media_type
QUERY = SPARQL_QUERY.media_type
UPDATE = SPARQL_UPDATE.media_type
READ_ONLY = "this SPARQL service is read-only: the update operation is not available"


@dataclass(frozen=True)
class ProtocolRequest:
    """The protocol parameters of one request: query (None: none given), dataset and format."""

    query: str | None
    default_graphs: tuple[str, ...] = ()
    named_graphs: tuple[str, ...] = ()
    format: str | None = None


@dataclass(frozen=True)
class PreparedQuery:
    """A guarded query with its chosen format, the job to run, its cache key and ETag."""

    plan: ScreenedQuery
    choice: negotiate.Choice
    job: Job
    key: tuple
    etag: str | None


def _check_charset(charset: str | None) -> None:
    if charset and charset.lower().replace("-", "") != "utf8":
        raise UnsupportedMediaType(f"request bodies must be UTF-8, not {charset}")


def _utf8(charset: str | None, body: bytes) -> str:
    _check_charset(charset)
    try:  # a byte order mark some editors write before a saved query is not part of it
        return body.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise BadRequest("the request body is not valid UTF-8") from None


def parse_params(data: bytes, where: str) -> MultiDict:
    """Read URL-encoded parameters: a URL's query string or a form body (the FORM media type).

    Names and values are UTF-8 (https://url.spec.whatwg.org/#urlencoded-parsing; a SPARQL
    query is Unicode text). Raises BadRequest naming the parameter that is not, where it is.

    >>> parse_params(b"query=ASK%20%7B%7D&format=json", "URL").getlist("format")
    ['json']
    """
    try:
        text = data.decode("utf-8")
        return MultiDict(urllib.parse.parse_qsl(text, keep_blank_values=True, errors="strict"))
    except UnicodeDecodeError:
        for part in data.split(b"&"):
            name = urllib.parse.unquote_to_bytes(part.partition(b"=")[0].replace(b"+", b" "))
            try:
                part.decode("utf-8")
                urllib.parse.unquote_to_bytes(part.replace(b"+", b" ")).decode("utf-8")
            except UnicodeDecodeError:
                shown = name.decode("utf-8", "backslashreplace")
                raise BadRequest(
                    f"the {where} is not valid UTF-8 (parameter {shown!r}); "
                    "percent-encode the UTF-8 bytes of the text"
                ) from None
        raise BadRequest(f"the {where} is not valid UTF-8") from None


def read_protocol_request(
    *,
    method: str,
    args: MultiDict,
    mimetype: str = "",
    charset: str | None = None,
    body: bytes = b"",
    max_query_bytes: int,
) -> ProtocolRequest:
    """Collect query, dataset and format from URL, form or body, enforcing the protocol's rules.

    args: the URL's parameters (parse_params); body: the POST body, a form (FORM) or a query
    (QUERY). Raises BadRequest (two queries, two formats, a query in URL and body, none on
    POST, a graph IRI that is not absolute, a body or form not UTF-8), QueryRefused (an
    update), UnsupportedMediaType (another Content-Type or charset) or PayloadTooLarge (a
    query over max_query_bytes).
    """
    params = MultiDict(args)
    queries = params.getlist("query")
    if method == "POST":
        if mimetype == FORM:
            _check_charset(charset)
            params.update(parse_params(body, "form body"))
            queries = params.getlist("query")
        elif mimetype == QUERY:
            if queries:
                raise BadRequest("the query is given both in the URL and in the body")
            queries = [_utf8(charset, body)]
        elif mimetype == UPDATE:
            raise QueryRefused(READ_ONLY)
        elif not mimetype:
            raise UnsupportedMediaType(f"a POST needs a Content-Type: {FORM} or {QUERY}")
        else:
            raise UnsupportedMediaType(
                f"unsupported Content-Type {mimetype}; use {FORM} or {QUERY}"
            )
    if "update" in params:
        raise QueryRefused(READ_ONLY)
    if len(queries) > 1:
        raise BadRequest("more than one query was given; send exactly one")
    query = queries[0] if queries else None
    if query is not None and len(query.encode("utf-8")) > max_query_bytes:
        raise PayloadTooLarge(f"the query is longer than {max_query_bytes} bytes")
    if method == "POST" and query is None:
        raise BadRequest("no query was given")
    chosen_format = negotiate.one_format(params.getlist("format"))
    return ProtocolRequest(
        query=query,
        default_graphs=check_graph_iris(tuple(params.getlist("default-graph-uri"))),
        named_graphs=check_graph_iris(tuple(params.getlist("named-graph-uri"))),
        format=chosen_format,
    )


def _offers(plan: ScreenedQuery) -> tuple:
    if plan.returns_graph:
        return negotiate.GRAPH
    return negotiate.BOOLEAN if plan.form == "ASK" else negotiate.SOLUTIONS


def _dataset(request: ProtocolRequest, plan: ScreenedQuery, base: str):
    if request.default_graphs or request.named_graphs:
        return request.default_graphs, request.named_graphs
    if plan.from_graphs or plan.from_named:
        absolute = [
            urllib.parse.urljoin(base, iri) for iri in (*plan.from_graphs, *plan.from_named)
        ]
        check_graph_iris(tuple(absolute))
        return tuple(absolute[: len(plan.from_graphs)]), tuple(absolute[len(plan.from_graphs) :])
    return None, None


@functools.lru_cache(maxsize=8)
def _prefixes(base: str) -> tuple[tuple[str, str], ...]:
    return tuple(sorted((name, str(ns)) for name, ns in prefixes_for(base).items()))


def prepare_query(
    store: QueryStore, request: ProtocolRequest, *, accept: MIMEAccept, config: Config
) -> PreparedQuery:
    """Guard the query, choose the format and build the job, its cache key and ETag.

    The query may use the predeclared prefixes (`query.prefixes`); FROM / FROM NAMED become
    the job's explicit dataset unless the protocol's graph parameters give one. Raises
    BadRequest (no query), MalformedQuery, QueryRefused or QueryTooComplex (the guard) and
    NotAcceptable (no format for this kind of answer; only for a query the engine parses, so
    the parse is paid on that path alone).
    """
    if request.query is None:
        raise BadRequest("no query was given")
    predeclared = predeclared_prefixes(config.base)
    plan = guard_query(request.query, predeclared)
    try:
        choice = negotiate.choose(accept, _offers(plan), format=request.format)
    except NotAcceptable:
        check_syntax(plan, _used(predeclared, plan))  # a malformed query is a 400, not a 406
        raise
    default_graphs, named_graphs = _dataset(request, plan, config.base)
    job = Job(
        query=plan.text,
        media_type=choice.format.media_type,
        max_rows=config.max_rows,
        max_bytes=config.max_result_bytes,
        default_graphs=default_graphs,
        named_graphs=named_graphs,
        base_iri=config.base,
        local_graph=dataset_graph(config.base),
        prefixes=_prefixes(config.base) if choice.format.name == "turtle" else (),
        predeclared=_used(predeclared, plan),
        rewritten=plan.rewritten,
        published_only=default_graphs is None and named_graphs is None and not plan.names_graphs,
    )
    key = (
        store.checksum,
        _settings_tag(job.max_rows, job.max_bytes, job.base_iri, job.local_graph, job.prefixes),
        job.query,
        job.default_graphs,
        job.named_graphs,
        choice.media_type,
    )
    etag = None
    if store.checksum is not None:
        etag = hashlib.sha256(repr(key).encode("utf-8")).hexdigest()[:40]
    return PreparedQuery(plan, choice, job, key, etag)


def _used(predeclared: tuple[tuple[str, str], ...], plan: ScreenedQuery) -> tuple:
    """Return the predeclared prefixes the query borrows (the guard found them: prefixed names
    it does not declare). The engine builds a table of those it is given on every query: 20
    cost about 20 µs."""
    return tuple(pair for pair in predeclared if pair[0] in plan.borrowed)


@functools.lru_cache(maxsize=16)
def _settings_tag(*settings) -> str:
    """Name the settings an answer depends on besides its query (limits, base, prefixes)."""
    return hashlib.sha256(repr(settings).encode("utf-8")).hexdigest()[:16]


def execute(
    store: QueryStore,
    prepared: PreparedQuery,
    *,
    cache: ResultsCache,
    fair_use: FairUse | None = None,
    client: str = "-",
) -> tuple[Answer, float]:
    """Answer a prepared query from the cache or the store; return (answer, milliseconds).

    An evaluation (not a cache hit) is booked to `client` by `fair_use`, which raises
    TooManyRequests (429) when the client is over its limits.
    """
    started = time.perf_counter()

    def evaluate() -> Answer:
        if fair_use is None:
            return store.answer(prepared.job, prepared.plan.tokens)
        with fair_use.evaluation(client):
            return store.answer(prepared.job, prepared.plan.tokens)

    if prepared.etag is not None and cache.enabled:
        answer = cache.fetch(prepared.key, evaluate)
    else:
        answer = evaluate()
    return answer, (time.perf_counter() - started) * 1000
