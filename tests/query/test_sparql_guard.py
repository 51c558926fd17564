"""Tests for sparql_guard: a linear-time screen refuses updates, SERVICE and deep nesting."""

from __future__ import annotations

import time

import pytest

from sister_graph.errors import BadRequest, MalformedQuery, QueryRefused, QueryTooComplex
from sister_graph.query.guard import Token, check_graph_iris, guard_query, scan
from sister_graph.query.lang_function import rewrite_lang_calls


@pytest.mark.parametrize(
    "text",
    [
        "INSERT DATA { <urn:a> <urn:b> <urn:c> }",
        "DELETE WHERE { ?s ?p ?o }",
        "LOAD <http://127.0.0.1:9/x>",
        "CLEAR ALL",
        "DROP GRAPH <urn:g>",
        "CREATE GRAPH <urn:g>",
        "COPY DEFAULT TO <urn:g>",
        "WITH <urn:g> DELETE { ?s ?p ?o } WHERE { ?s ?p ?o }",
        "PREFIX ex: <http://example.org/> insert data { ex:a ex:b ex:c }",
    ],
)
def test_updates_are_refused(text):
    with pytest.raises(QueryRefused, match="read-only"):
        guard_query(text)


@pytest.mark.parametrize(
    "text",
    [
        "SELECT * { SERVICE <http://127.0.0.1:9/> { ?s ?p ?o } }",
        "SELECT * { SERVICE SILENT <http://x/> { } }",
        "ASK { OPTIONAL { SERVICE ?endpoint { ?s ?p ?o } } }",
        "SELECT * { { SELECT ?s { SERVICE <http://x/> { ?s ?p ?o } } } }",
        "CONSTRUCT { ?s ?p ?o } WHERE { FILTER EXISTS { SERVICE <http://x/> { ?s ?p ?o } } }",
        "SELECT * { ?s ?p ?o MINUS { GRAPH ?g { SERVICE <http://x/> { ?s ?p ?o } } } }",
        # the engine reads keywords without a word boundary: `SERVICE:x` is SERVICE then `:x`
        "PREFIX : <http://127.0.0.1:9/> SELECT * { SERVICE:x { ?s ?p ?o } }",
        "SELECT * { SERVICE<http://127.0.0.1:9/>{?s ?p ?o} }",
        "SELECT * { service#comment\n<http://127.0.0.1:9/> { ?s ?p ?o } }",
        "SELECT * { ?s ?p 1SERVICE <http://127.0.0.1:9/> { } }",
    ],
)
def test_service_is_refused_wherever_it_is_nested(text):
    with pytest.raises(QueryRefused, match="SERVICE"):
        guard_query(text)


@pytest.mark.parametrize(
    "text",
    [
        'SELECT * { ?s ?p "SERVICE <http://127.0.0.1:9/> { }" }',
        "SELECT * { ?s ?p '''multi\nline SERVICE <http://x/> {}''' }",
        "SELECT ?service { ?service <http://example.org/SERVICE> ?o } # SERVICE <http://x/>",
        "PREFIX ex: <http://example.org/> SELECT * { ?s ex:service ?o }",
    ],
)
def test_service_inside_strings_iris_comments_and_names_is_not_refused(text):
    assert guard_query(text).form == "SELECT"


@pytest.mark.parametrize(
    "text",
    [
        "ASK {",
        "SELECT * { ?s ?p ?o } }",
        "SELEKT * {}",
        "SELECT * { x:a ?p ?o }",
        "SELECT * { ?s ?p 'unterminated }",
        "SELECT * { \\u0053ERVICE <http://127.0.0.1:9/> { } }",
        "PREFIX ex: SELECT * {}",
        "SELECT * FROM { }",
    ],
)
def test_malformed_queries_carry_a_position(text):
    with pytest.raises(MalformedQuery, match=r"malformed SPARQL query: error at \d+:\d+: .+"):
        guard_query(text)


def test_deep_nesting_is_refused_before_it_can_overflow_the_engine():
    text = "SELECT * WHERE " + "{" * 5000 + "?s ?p ?o" + "}" * 5000
    with pytest.raises(QueryTooComplex):
        guard_query(text)


def _values(count: int) -> str:
    return "SELECT * WHERE { VALUES ?x { " + " ".join(str(i) for i in range(count)) + " } }"


def _dotted_run(count: int) -> str:
    # every word of a.a.a... looked for a prefixed name's ":" to the end of the run again
    return "SELECT * WHERE { ?s ?p ?o FILTER(" + "a." * count + "a) }"


def _screening_cpu_seconds(text: str) -> float:
    best = float("inf")
    for _ in range(3):
        started = time.process_time()
        plan = guard_query(text)
        best = min(best, time.process_time() - started)
    assert plan.form == "SELECT"
    return best


@pytest.mark.parametrize("build", [_values, _dotted_run])
def test_screening_takes_linear_time(build):
    """Four times the input costs about four times the CPU (a full parse was quadratic: 16 s).

    Compared as a ratio of CPU time (best of three), so a loaded machine does not decide it.
    """
    small, large = _screening_cpu_seconds(build(6000)), _screening_cpu_seconds(build(24000))
    assert large < 8 * max(small, 1e-4)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "ASK { a.b-1.5e+3x }",
            [("word", "a"), ("other", "."), ("word", "b"), ("other", "-")]
            + [("number", "1.5e+3"), ("word", "x")],
        ),
        ("ASK { x.1e+5.5 }", [("word", "x"), ("number", ".1e+5"), ("number", ".5")]),
        ("ASK { ab.c-d:e.f }", [("pname", "ab.c-d:e.f")]),
        ("ASK { _a.b._:c }", [("word", "_a"), ("other", "."), ("pname", "b._:c")]),
    ],
)
def test_a_run_of_words_and_dots_is_split_as_token_by_token(text, expected):
    tokens = scan(text)
    assert [(t.kind, t.text) for t in tokens[2:-1]] == expected
    assert all(text[t.at : t.at + len(t.text)] == t.text for t in tokens)


def test_the_plan_carries_its_tokens_and_the_lang_rewrite():
    text = 'SELECT ?l { ?s ?p ?l FILTER(lang (?l) = "LANG(") } # LANG(\n'
    plan = guard_query(text)
    assert plan.tokens == tuple(scan(text))
    assert all(isinstance(t, Token) for t in plan.tokens)
    assert plan.rewritten == rewrite_lang_calls(text) != text
    assert plan.rewritten.count("<urn:sister-graph:function:lang>") == 1
    # no LANG call (LANGMATCHES, a variable, a string): nothing to rewrite
    assert guard_query('ASK { ?s ?lang "LANG(" FILTER(LANGMATCHES(?lang, "*")) }').rewritten is None


def test_forms_and_dataset_clauses_are_read():
    plan = guard_query(
        "PREFIX ex: <http://example.org/> SELECT * FROM ex:a FROM NAMED <http://example.org/b> {}"
    )
    assert (plan.form, plan.from_graphs, plan.from_named) == (
        "SELECT",
        ("http://example.org/a",),
        ("http://example.org/b",),
    )
    assert guard_query("DESCRIBE <urn:x>").returns_graph
    assert guard_query("CONSTRUCT WHERE { ?s ?p ?o }").returns_graph
    assert not guard_query("ASK {}").returns_graph


def test_base_and_prefixes_resolve_dataset_iris():
    plan = guard_query(
        "BASE <http://example.org/a/> PREFIX g: <graphs/> ASK FROM <x> FROM NAMED g:y\\.z {}"
    )
    assert plan.from_graphs == ("http://example.org/a/x",)
    assert plan.from_named == ("http://example.org/a/graphs/y.z",)


def test_graph_iris_must_be_absolute():
    assert check_graph_iris(("http://example.org/g",)) == ("http://example.org/g",)
    with pytest.raises(BadRequest):
        check_graph_iris(("not an iri",))


def test_concurrent_screens_do_not_corrupt_each_other():
    from concurrent.futures import ThreadPoolExecutor

    texts = [f"SELECT ?x{i} WHERE {{ ?x{i} ?p {i} }}" for i in range(200)]
    with ThreadPoolExecutor(8) as pool:
        plans = list(pool.map(guard_query, texts))
    assert [p.text for p in plans] == texts
