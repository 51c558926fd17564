"""The W3C SPARQL 1.1 Protocol test suite, adapted to our data, against a real server.

One test per case of w3c/rdf-tests sparql/sparql11/protocol/manifest.ttl (the id names it).
Their data is loaded from remote IRIs with default-graph-uri / named-graph-uri / FROM; we
treat such IRIs as local graphs that do not exist, i.e. empty, so the ASKs answer false.
Update cases must get a 4xx: this service is read-only.
"""

from __future__ import annotations

import pytest
import requests

KASEI = "http://kasei.us/2009/09/sparql/data/"
FORM = {"Content-Type": "application/x-www-form-urlencoded"}
DIRECT = {"Content-Type": "application/sparql-query"}
ASK_BOTH = f"ASK {{ <{KASEI}data1.rdf> a ?type . <{KASEI}data2.rdf> a ?type . }}"
ASK_NAMED = (
    f"ASK {{ GRAPH ?g1 {{ <{KASEI}data1.rdf> a ?type }} "
    f"GRAPH ?g2 {{ <{KASEI}data2.rdf> a ?type }} }}"
)


def boolean(response: requests.Response) -> bool:
    assert response.status_code == 200, response.text
    assert response.headers["Content-Type"].startswith("application/sparql-results+")
    if "json" in response.headers["Content-Type"]:
        return response.json()["boolean"]
    return "<boolean>true</boolean>" in response.text


def test_query_post_form(endpoint):
    response = requests.post(
        endpoint.sparql,
        params={"default-graph-uri": f"{KASEI}data0.rdf"},
        data="query=ASK%20%7B%7D",
        headers=FORM,
    )
    assert boolean(response) is True


def test_query_dataset_default_graphs_get(endpoint):
    params = [("query", ASK_BOTH)] + [("default-graph-uri", f"{KASEI}data{i}.rdf") for i in (1, 2)]
    assert boolean(requests.get(endpoint.sparql, params=params)) is False  # remote: empty


def test_query_dataset_default_graphs_post(endpoint):
    params = [("default-graph-uri", f"{KASEI}data{i}.rdf") for i in (1, 2)]
    response = requests.post(endpoint.sparql, params=params, data=ASK_BOTH, headers=DIRECT)
    assert boolean(response) is False


def test_query_dataset_named_graphs_post(endpoint):
    params = [("named-graph-uri", f"{KASEI}data{i}.rdf") for i in (1, 2)]
    response = requests.post(endpoint.sparql, params=params, data=ASK_NAMED, headers=DIRECT)
    assert boolean(response) is False


def test_query_dataset_named_graphs_get(endpoint):
    params = [("query", ASK_NAMED)] + [("named-graph-uri", f"{KASEI}data{i}.rdf") for i in (1, 2)]
    assert boolean(requests.get(endpoint.sparql, params=params)) is False


def test_query_dataset_full(endpoint):
    params = [("default-graph-uri", f"{KASEI}data3.rdf")]
    params += [("named-graph-uri", f"{KASEI}data{i}.rdf") for i in (1, 2)]
    query = f"ASK {{ <{KASEI}data3.rdf> a ?type . {ASK_NAMED[5:-1]} }}"
    response = requests.post(endpoint.sparql, params=params, data=query, headers=DIRECT)
    assert boolean(response) is False


def test_query_multiple_dataset_protocol_wins_over_from(endpoint):
    """query_multiple_dataset: the protocol dataset replaces the query's FROM."""
    local = "https://w3id.org/sister-graph/graph"
    query = f"ASK FROM <{KASEI}data3.rdf> {{ ?s ?p ?o }}"
    response = requests.post(
        endpoint.sparql, params={"default-graph-uri": local}, data=query, headers=DIRECT
    )
    assert boolean(response) is True
    assert boolean(requests.post(endpoint.sparql, data=query, headers=DIRECT)) is False


def test_query_get(endpoint):
    params = {"query": "ASK {}", "default-graph-uri": f"{KASEI}data0.rdf"}
    assert boolean(requests.get(endpoint.sparql, params=params)) is True


@pytest.mark.parametrize(
    ("w3c_id", "query", "allowed"),
    [
        (
            "query_content_type_select",
            "SELECT (1 AS ?value) {}",
            {
                "application/sparql-results+xml",
                "application/sparql-results+json",
                "text/csv",
                "text/tab-separated-values",
            },
        ),
        (
            "query_content_type_ask",
            "ASK {}",
            {"application/sparql-results+xml", "application/sparql-results+json"},
        ),
        (
            "query_content_type_describe",
            "DESCRIBE <http://example.org/>",
            {"application/rdf+xml", "text/turtle", "application/n-triples"},
        ),
        (
            "query_content_type_construct",
            "CONSTRUCT { <s> <p> 1 } WHERE {}",
            {"application/rdf+xml", "text/turtle", "application/n-triples"},
        ),
    ],
)
def test_query_content_type(endpoint, w3c_id, query, allowed):
    params = {"default-graph-uri": f"{KASEI}data0.rdf"}
    response = requests.post(endpoint.sparql, params=params, data=query, headers=DIRECT)
    assert response.status_code == 200, (w3c_id, response.text)
    assert response.headers["Content-Type"].split(";")[0] in allowed


def test_query_post_direct(endpoint):
    assert boolean(requests.post(endpoint.sparql, data="ASK {}", headers=DIRECT)) is True


# --- bad requests: the W3C suite expects 4xx ---------------------------------------------------


def test_bad_query_method(endpoint):
    response = requests.put(
        endpoint.sparql, params={"query": "ASK {}"}, data="query=ASK%20%7B%7D", headers=FORM
    )
    assert response.status_code == 405
    assert "GET" in response.headers["Allow"] and "POST" in response.headers["Allow"]


def test_bad_multiple_queries(endpoint):
    params = [("query", "ASK {}"), ("query", "SELECT * {}")]
    assert requests.get(endpoint.sparql, params=params).status_code == 400


def test_bad_query_wrong_media_type(endpoint):
    response = requests.post(endpoint.sparql, data="ASK {}", headers={"Content-Type": "text/plain"})
    assert response.status_code == 415


@pytest.mark.parametrize(
    ("w3c_id", "body"),
    [
        ("bad_query_missing_form_type", "query=ASK%20%7B%7D"),
        ("bad_query_missing_direct_type", "ASK {}"),
    ],
)
def test_bad_query_missing_content_type(endpoint, w3c_id, body):
    request = requests.Request("POST", endpoint.sparql, data=body.encode()).prepare()
    request.headers.pop("Content-Type", None)
    response = requests.Session().send(request)
    assert response.status_code == 415, w3c_id


def test_bad_query_non_utf8(endpoint):
    headers = {"Content-Type": "application/sparql-query; charset=UTF-16"}
    response = requests.post(endpoint.sparql, data="ASK {}".encode("utf-16"), headers=headers)
    assert response.status_code == 415


def test_bad_query_syntax(endpoint):
    response = requests.get(endpoint.sparql, params={"query": "ASK {"})
    assert response.status_code == 400
    assert "error at 1:" in response.text  # where the query breaks


def test_bad_update_get(endpoint):
    response = requests.get(endpoint.sparql, params={"update": "CLEAR ALL"})
    assert response.status_code == 403
    assert "read-only" in response.text


def test_bad_multiple_updates(endpoint):
    body = "update=CLEAR%20NAMED&update=CLEAR%20DEFAULT"
    assert requests.post(endpoint.sparql, data=body, headers=FORM).status_code == 403


def test_bad_update_wrong_media_type(endpoint):
    response = requests.post(
        endpoint.sparql, data="CLEAR NAMED", headers={"Content-Type": "text/plain"}
    )
    assert response.status_code == 415


def test_bad_update_missing_form_type(endpoint):
    request = requests.Request("POST", endpoint.sparql, data=b"update=CLEAR%20NAMED").prepare()
    request.headers.pop("Content-Type", None)
    assert requests.Session().send(request).status_code == 415


def test_bad_update_non_utf8(endpoint):
    headers = {"Content-Type": "application/sparql-update; charset=UTF-16"}
    response = requests.post(endpoint.sparql, data="CLEAR NAMED".encode("utf-16"), headers=headers)
    assert 400 <= response.status_code < 500


def test_bad_update_syntax(endpoint):
    response = requests.post(endpoint.sparql, data="update=CLEAR%20XYZ", headers=FORM)
    assert 400 <= response.status_code < 500


def test_bad_update_dataset_conflict(endpoint):
    query = "WITH <http://example/addresses> DELETE { ?p ?x ?y } WHERE { ?p ?x ?y }"
    response = requests.post(
        endpoint.sparql,
        params={"using-named-graph-uri": "http://example/people"},
        data=query,
        headers={"Content-Type": "application/sparql-update"},
    )
    assert 400 <= response.status_code < 500


@pytest.mark.parametrize(
    "w3c_id",
    [
        "update_dataset_default_graph",
        "update_dataset_default_graphs",
        "update_dataset_named_graphs",
        "update_dataset_full",
        "update_post_form",
        "update_post_direct",
        "update_base_uri",
    ],
)
def test_update_cases_are_refused_read_only(endpoint, w3c_id):
    update = "INSERT DATA { <http://example/s> <http://example/p> <http://example/o> }"
    if w3c_id == "update_post_form":
        response = requests.post(endpoint.sparql, data={"update": update})
    else:
        params = {"using-graph-uri": f"{KASEI}data1.rdf"} if "dataset" in w3c_id else {}
        response = requests.post(
            endpoint.sparql,
            params=params,
            data=update,
            headers={"Content-Type": "application/sparql-update"},
        )
    assert response.status_code == 403, w3c_id
    assert (
        requests.get(endpoint.sparql, params={"query": "ASK { <http://example/s> ?p ?o }"}).json()[
            "boolean"
        ]
        is False
    )
