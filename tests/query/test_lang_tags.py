"""One spelling of each language tag (BCP 47 case) in every result format and in LANG()."""

from __future__ import annotations

import json

import pyoxigraph as ox
import pytest

from sister_graph.query.guard import guard_query
from sister_graph.query.lang_function import rewrite_lang_calls, run_query, run_rewritten
from sister_graph.query.results import to_answer
from sister_graph.query.worker import Job, evaluate
from sister_graph.rdf.formats import JSONLD
from sister_graph.rdf.langtags import canonical_lang, recase_serialised

DATA = """
<urn:x:bl> <urn:x:label> "Banja Luka"@sr-Latn .
<urn:x:bl> <urn:x:label> "Бања Лука"@sr-Cyrl .
<urn:x:bl> <urn:x:label> "Banja Luka"@en .
<urn:x:bl> <urn:x:note> "ends in \\"@sr-latn and xml:lang=\\"sr-latn\\""@en-GB .
"""
SOLUTION_MEDIA = (
    "application/sparql-results+json",
    "application/sparql-results+xml",
    "text/tab-separated-values",
)
JSON = "application/sparql-results+json"
GRAPH_MEDIA = ("text/turtle", "application/n-triples", "application/ld+json", "application/rdf+xml")


@pytest.fixture(scope="module")
def store() -> ox.Store:
    store = ox.Store()
    store.load(DATA, format=ox.RdfFormat.N_TRIPLES)
    return store


@pytest.mark.parametrize(
    ("tag", "expected"),
    [
        ("sr-latn", "sr-Latn"),
        ("SR-CYRL", "sr-Cyrl"),
        ("en-gb", "en-GB"),
        ("de-ch-x-ab", "de-CH-x-ab"),
    ],
)
def test_canonical_case(tag, expected):
    assert canonical_lang(tag) == expected


@pytest.mark.parametrize("written", ["sr-Cyrl", "sr-cyrl", "SR-CYRL"])
def test_lang_equals_the_published_spelling(store, written):
    rows = list(run_query(store, 'SELECT ?l { ?s ?p ?l FILTER(LANG(?l) = "sr-Cyrl") }'))
    assert [r["l"].value for r in rows] == ["Бања Лука"]
    # the lower-case spelling is not the published one: it matches nothing
    lower = list(run_query(store, 'SELECT ?l { ?s ?p ?l FILTER(lang(?l) = "sr-cyrl") }'))
    assert lower == []
    # langMatches is case-insensitive, whatever spelling the query uses
    matched = list(
        run_query(store, f'SELECT ?l {{ ?s ?p ?l FILTER(langMatches(LANG(?l), "{written}")) }}')
    )
    assert [r["l"].value for r in matched] == ["Бања Лука"]


def test_lang_values_in_results_are_canonical(store):
    rows = list(run_query(store, "SELECT DISTINCT (LANG(?l) AS ?t) { ?s ?p ?l } ORDER BY ?t"))
    assert sorted(r["t"].value for r in rows) == ["en", "en-GB", "sr-Cyrl", "sr-Latn"]


def test_a_literal_with_a_tag_in_the_query_matches_any_spelling(store):
    rows = list(run_query(store, 'SELECT ?s { ?s ?p "Бања Лука"@SR-cyrl }'))
    assert len(rows) == 1


def test_rewrite_leaves_strings_iris_comments_and_other_words_alone():
    text = 'SELECT ?lang (LANGMATCHES(LANG (?l), "*") AS ?m) { <urn:LANG(> ?p "LANG(" # LANG(\n }'
    rewritten = rewrite_lang_calls(text)
    assert rewritten.count("<urn:sister-graph:function:lang>") == 1
    assert "LANGMATCHES(" in rewritten and '"LANG("' in rewritten and "# LANG(" in rewritten


def test_syntax_errors_are_reported_on_the_text_as_written(store):
    with pytest.raises(SyntaxError) as rewritten_error:
        run_query(store, "SELECT ?t { BIND(LANG(?l) AS ?t) FILTER( }")
    with pytest.raises(SyntaxError) as plain_error:
        store.query("SELECT ?t { BIND(LANG(?l) AS ?t) FILTER( }")
    assert str(rewritten_error.value) == str(plain_error.value)


def test_a_job_runs_the_text_the_guard_rewrote(store):
    text = 'SELECT ?l { ?s ?p ?l FILTER(LANG(?l) = "sr-Cyrl") }'
    job = Job(text, JSON, 10, rewritten=guard_query(text).rewritten)
    assert [r["l"].value for r in evaluate(store, job)] == ["Бања Лука"]
    # a job without the rewritten text runs the query as written: the engine's lower case
    assert list(evaluate(store, Job(text, JSON, 10))) == []


def test_a_rewritten_job_that_does_not_parse_reports_the_text_as_written(store):
    text = "SELECT ?t { BIND(LANG(?l) AS ?t) FILTER() }"  # the guard passes it, the engine not
    rewritten = guard_query(text).rewritten
    assert rewritten is not None
    with pytest.raises(SyntaxError) as rewritten_error:
        run_rewritten(store, text, rewritten)
    with pytest.raises(SyntaxError) as plain_error:
        store.query(text)
    assert str(rewritten_error.value) == str(plain_error.value)


@pytest.mark.parametrize("media_type", SOLUTION_MEDIA)
def test_solutions_say_sr_cyrl_in_every_format(store, media_type):
    answer = to_answer(
        store.query("SELECT ?l { ?s <urn:x:label> ?l }"), media_type=media_type, max_rows=10
    )
    assert b"sr-Cyrl" in answer.body and b"sr-Latn" in answer.body
    assert b"sr-cyrl" not in answer.body and b"sr-latn" not in answer.body


@pytest.mark.parametrize("media_type", GRAPH_MEDIA)
def test_graphs_say_sr_cyrl_in_every_format_and_values_stay(store, media_type):
    answer = to_answer(
        store.query("CONSTRUCT WHERE { ?s ?p ?o }"), media_type=media_type, max_rows=10
    )
    assert b"sr-Cyrl" in answer.body and b"en-GB" in answer.body
    # the literal that spells a lower-case tag inside its value keeps it
    back = ox.parse(answer.body, format=ox.RdfFormat.from_media_type(media_type))
    notes = [q.object.value for q in back if q.predicate.value == "urn:x:note"]
    assert notes == ['ends in "@sr-latn and xml:lang="sr-latn"']


def test_jsonld_recasing_keeps_the_document():
    data = json.dumps([{"@id": "urn:x", "urn:p": [{"@language": "sr-latn", "@value": "x"}]}])
    out = json.loads(recase_serialised(data.encode(), JSONLD))
    assert out == [{"@id": "urn:x", "urn:p": [{"@language": "sr-Latn", "@value": "x"}]}]


COMPARISONS = [
    'LANG(?l) = "sr-Cyrl"',
    'LANG(?l) = "sr-cyrl"',
    'LANG(?l) = "SR-CYRL"',
    'lang(?l) != "en"',
    'LANG(?l) = "en-GB" || LANG(?l) = "sr-Latn"',
    '(LANG(?l) = "en") && ?l != ""',
    'LANG(?l) = ""',
    "LANG(?l) = 'en-gb'",
    'LANG(?l) = """en"""',
    'LANG(?l) = "en"@en',
    'LANG(?l) = "e\\u006E"',
    'STR(LANG(?l)) = "sr-Latn"',
    'LANG(?l) = "sr-" + "Latn"',
    "?l != LANG(?l) && LANG(?l) = 'sr-Latn'",
]


@pytest.mark.parametrize("condition", COMPARISONS)
def test_a_lang_comparison_kept_on_the_builtin_answers_as_the_bcp47_function(store, condition):
    """Where LANG keeps the engine's built-in (its literal lower-cased), answers do not change."""
    query = f"SELECT ?l WHERE {{ ?s ?p ?l FILTER({condition}) }} ORDER BY ?l"
    everywhere = query.replace("LANG(", "<urn:sister-graph:function:lang>(").replace(
        "lang(", "<urn:sister-graph:function:lang>("
    )
    expected = to_answer(
        run_rewritten(store, query, everywhere), media_type=JSON, max_rows=100
    ).body
    assert to_answer(run_query(store, query), media_type=JSON, max_rows=100).body == expected


def test_only_a_standalone_comparison_with_a_tag_in_its_case_keeps_the_builtin():
    kept = rewrite_lang_calls('SELECT * { ?s ?p ?l FILTER(LANG(?l) = "sr-Cyrl") }')
    assert kept == 'SELECT * { ?s ?p ?l FILTER(LANG(?l) = "sr-cyrl") }'
    for condition in ('LANG(?l) = "sr-cyrl"', '?a + LANG(?l) = "en"', 'LANG(?l) = "en" + ?x'):
        rewritten = rewrite_lang_calls(f"SELECT * {{ ?s ?p ?l FILTER({condition}) }}")
        assert "<urn:sister-graph:function:lang>" in rewritten, condition


@pytest.mark.parametrize("call", ["LANG()", "LANG(?l, ?l)", "LANG(?l, (?l))", 'LANG ( ?l , "en" )'])
def test_a_lang_call_without_exactly_one_argument_is_a_syntax_error(store, call):
    # the custom function takes any number of arguments: rewritten, these ran and answered
    text = f'SELECT ?l {{ ?s ?p ?l FILTER({call} = "en") }}'
    assert guard_query(text).rewritten in (None, text)  # left to the engine as written
    with pytest.raises(SyntaxError):
        run_rewritten(store, text, guard_query(text).rewritten)


def test_one_argument_with_commas_inside_is_still_rewritten(store):
    text = 'SELECT ?l { ?s ?p ?l FILTER(LANG(COALESCE(?l, ?l)) IN ("sr-Cyrl", "x")) }'
    rewritten = guard_query(text).rewritten
    assert rewritten.count("urn:sister-graph:function:lang") == 1
    assert [r["l"].value for r in run_rewritten(store, text, rewritten)] == ["Бања Лука"]
