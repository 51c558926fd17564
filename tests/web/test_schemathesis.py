"""Schemathesis fuzzes every operation of /openapi.json against a live server: no 5xx, and
statuses and content types stay within what the description promises."""

from __future__ import annotations

import schemathesis
from hypothesis import HealthCheck, settings
from schemathesis.checks import (
    content_type_conformance,
    not_a_server_error,
    response_schema_conformance,
    status_code_conformance,
)

from sister_graph.web.openapi_document import build_openapi

CASES_PER_OPERATION = 120
CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_schema_conformance,
]


@schemathesis.serializer("application/sparql-query")
def sparql_query_body(ctx, value) -> bytes:
    """Send a generated string body as UTF-8 text (surrogates, which UTF-8 cannot hold, escaped)."""
    text = value if isinstance(value, str) else str(value)
    return text.encode("utf-8", "backslashreplace")


schema = schemathesis.openapi.from_dict(build_openapi())


@schema.parametrize()
@settings(
    max_examples=CASES_PER_OPERATION,
    deadline=None,
    suppress_health_check=list(HealthCheck),
)
def test_operation_conforms_and_never_fails(case, site):
    case.call_and_validate(base_url=site.url.rstrip("/"), checks=CHECKS, timeout=30)
