"""The SPARQL query page for browsers: editor, example queries, results as a linked table.

Only clients that prefer HTML (and give no `format=`) get this page; every other client
gets the SPARQL 1.1 Protocol answer from the endpoint, unchanged.
"""

from __future__ import annotations

import functools
import json
from urllib.parse import urlencode

from flask import Response, url_for
from rdflib import Literal, URIRef
from werkzeug.datastructures import MIMEAccept

from sister_graph.errors import SisterGraphError
from sister_graph.query import negotiation as negotiate
from sister_graph.query.service import ProtocolRequest, execute, prepare_query
from sister_graph.rdf.formats import HTML, NTRIPLES, RDF_FORMATS, RESULT_FORMATS, RESULTS_JSON
from sister_graph.rdf.langtags import canonical_lang
from sister_graph.views import error_text, i18n
from sister_graph.views.examples import read_examples, with_prefixes
from sister_graph.views.resource import compact
from sister_graph.views.result_views import result_map, result_timeline
from sister_graph.web.context import (
    current_client,
    current_config,
    current_store,
    note_query_time,
    state,
)
from sister_graph.web.graph_access import parse_ntriples
from sister_graph.web.site import current_lang, href, render_page

DEFAULT_BODY = """SELECT ?city ?name ?date WHERE {
  ?agreement sg:partner ?city ; sg:signingDate ?date .
  ?city rdfs:label ?name . FILTER(LANGMATCHES(LANG(?name), "sr-Latn"))
}
ORDER BY ?date
"""
PAGE_ACCEPT = MIMEAccept([(RESULTS_JSON.media_type, 1), (NTRIPLES.media_type, 1)])
_ANSWERS = (*RESULT_FORMATS, *RDF_FORMATS)


def prefers_html(accept: MIMEAccept, protocol: ProtocolRequest) -> bool:
    """Tell whether the client wants the HTML page: no `format=`, and HTML ranks first."""
    if protocol.format is not None or not accept:
        return False
    return _html_first(accept)


def accepts_html(accept: MIMEAccept) -> bool:
    """Tell whether the client accepts HTML at all (q > 0), for when no answer format fits."""
    return negotiate.best_offer(accept, (HTML,)) is HTML


@functools.lru_cache(maxsize=256)
def _html_first(accept: MIMEAccept) -> bool:
    return negotiate.best_offer(accept, (*_ANSWERS, HTML)) is HTML


def _query_url(query: str, **params: str) -> str:
    return url_for("sparql.sparql") + "?" + urlencode({"query": query, **params})


def _cell(term: dict | None, base: str) -> dict:
    if term is None:
        return {"text": ""}
    if term["type"] == "uri":
        return {
            "text": compact(term["value"], base),
            "href": href(term["value"]),
            "title": term["value"],
        }
    lang = term.get("xml:lang")
    note = canonical_lang(lang) if lang else compact(term.get("datatype", ""), base)
    return {"text": term["value"], "note": note}


def _table(answer_body: bytes, graph_result: bool, base: str) -> dict:
    if graph_result:
        graph = parse_ntriples(answer_body)
        head = ["subject", "predicate", "object"]
        rows = []
        for triple in sorted(graph, key=lambda t: tuple(str(x) for x in t)):
            rows.append([_cell(_json_term(x), base) for x in triple])
        return {"head": head, "rows": rows}
    data = json.loads(answer_body)
    if "boolean" in data:
        return {"head": [], "rows": [], "boolean": data["boolean"]}
    head = data["head"]["vars"]
    rows = [[_cell(b.get(v), base) for v in head] for b in data["results"]["bindings"]]
    return {"head": head, "rows": rows}


def _json_term(term) -> dict:
    if isinstance(term, URIRef):
        return {"type": "uri", "value": str(term)}
    if isinstance(term, Literal):
        out = {"type": "literal", "value": str(term)}
        if term.language:
            out["xml:lang"] = term.language
        elif term.datatype:
            out["datatype"] = str(term.datatype)
        return out
    return {"type": "bnode", "value": str(term)}


def _views(table: dict, lang: str) -> list:
    """The map and timeline views of a result, where it holds coordinates or dates."""
    head, rows = table["head"], table["rows"]
    views = [
        result_map(head, rows, href=href, title=i18n.text("result_map", lang)),
        result_timeline(
            head,
            rows,
            href=href,
            title=i18n.text("result_timeline", lang),
            together=i18n.text("shared", lang),
            lang=lang,
        ),
    ]
    return [v for v in views if v]


def render_query_page(protocol: ProtocolRequest) -> Response:
    """Render the editor, the examples and, when a query was given, its results."""
    config, lang = current_config(), current_lang()
    examples = [
        {
            "title": e.title_in(lang),
            "description": e.description_in(lang),
            "name": e.name,
            "url": _query_url(with_prefixes(e.body, base=config.base)),
        }
        for e in read_examples()
    ]
    context: dict = {"examples": examples, "query": protocol.query, "error": None, "table": None}
    status = 200
    if protocol.query is None:
        context["query"] = with_prefixes(DEFAULT_BODY, base=config.base)
    else:
        store = current_store()
        try:
            prepared = prepare_query(store, protocol, accept=PAGE_ACCEPT, config=config)
            app_state = state()
            answer, milliseconds = execute(
                store,
                prepared,
                cache=app_state.cache,
                fair_use=app_state.fair_use,
                client=current_client(),
            )
            note_query_time(milliseconds)
            graph_result = prepared.plan.returns_graph
            table = _table(answer.body, graph_result, config.base)
            context["table"] = table
            if not graph_result and table["head"]:
                context["views"] = _views(table, lang)
            context["truncated"] = answer.truncated
            offers = (
                negotiate.GRAPH
                if graph_result
                else (negotiate.BOOLEAN if prepared.plan.form == "ASK" else negotiate.SOLUTIONS)
            )
            context["downloads"] = [
                (f.name, f.extension, _query_url(protocol.query, format=f.name)) for f in offers
            ]
            context["share"] = _query_url(protocol.query)
        except SisterGraphError as err:
            context["error"] = err
            context["error_headline"] = error_text.error_headline(err.status, lang)
            context["error_explanation"] = error_text.error_text(err.status, lang)
            status = err.status
    response = render_page("sparql_page.html", status=status, **context)
    if context["error"] is not None:  # a 429's Retry-After, as every other answer gives it
        response.headers.update(context["error"].headers)
    return response
