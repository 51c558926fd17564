"""One error hierarchy; the CLI and the web app each translate it in exactly one place.

Every error sister-graph raises on purpose is a SisterGraphError subclass defined here, with an
HTTP status and a machine-readable code. Errors pickle whole (class, message, problems,
headers, suggestions), which is how a query worker process hands its failure to the server.
"""

from __future__ import annotations


class SisterGraphError(Exception):
    """Base error: an HTTP status, a machine-readable code, a message and problem lines.

    problems: one line per problem (file:line ...); headers: response headers the error needs
    (e.g. Allow on a 405).
    """

    status = 500
    code = "internal-error"

    def __init__(
        self,
        message: str,
        *,
        problems: list[str] | None = None,
        headers: dict[str, str] | None = None,
    ) -> None:
        super().__init__(message)
        self.message = message
        self.problems = problems or []
        self.headers = headers or {}

    def __reduce__(self):
        # pickle every subclass whole, whatever its constructor takes (attributes as state)
        return (_rebuild, (type(self), self.message, dict(self.__dict__)))


def _rebuild(cls: type[SisterGraphError], message: str, state: dict) -> SisterGraphError:
    err = cls.__new__(cls)
    Exception.__init__(err, message)
    err.__dict__.update(state)
    return err


class HttpError(SisterGraphError):
    """A failure the HTTP layer itself detects (405 method not allowed, ...): status and code
    are given per instance, from the status (RFC 9110 §15)."""

    def __init__(
        self, message: str, *, status: int, code: str, headers: dict[str, str] | None = None
    ) -> None:
        super().__init__(message, headers=headers)
        self.status = status
        self.code = code


class UnsafeDebug(SisterGraphError):
    """Debug or reload was asked for on an interface other people can reach."""

    status = 400
    code = "unsafe-debug"


class CannotListen(SisterGraphError):
    """The server cannot listen on the configured host and port (in use, or not this host's)."""

    status = 503
    code = "cannot-listen"


class BadArgument(SisterGraphError, ValueError):
    """A command's argument is out of its range (e.g. more synthetic cities than names)."""

    status = 400
    code = "bad-argument"


class RoundTripFailed(SisterGraphError):
    """A file the build rendered does not parse back to the graph it was written from."""

    status = 500
    code = "round-trip-failed"


class BadSetting(SisterGraphError, ValueError):
    """A setting's value is of the wrong type, out of range or malformed (names the source)."""

    status = 400
    code = "bad-setting"


class SourceError(SisterGraphError, ValueError):
    """A source CSV is unreadable or a row breaks a rule (problems name file:line)."""

    status = 422
    code = "bad-source"


class ValidationFailed(SisterGraphError):
    """The built graph does not conform to the SHACL shapes."""

    status = 422
    code = "shacl-violation"


class NotADist(SisterGraphError):
    """The folder a build would replace holds files no build wrote: it is left untouched."""

    status = 409
    code = "not-a-dist"


class DatasetMissing(SisterGraphError):
    """The published dist/ directory is missing, incomplete or corrupted."""

    status = 503
    code = "dataset-missing"


class BadRequest(SisterGraphError):
    """The request breaks the protocol (e.g. two queries, no query, bad parameter)."""

    status = 400
    code = "bad-request"


class MalformedQuery(BadRequest):
    """The SPARQL query does not parse."""

    code = "malformed-query"


class QueryTooComplex(BadRequest):
    """The query is nested too deeply or made the query engine crash; simplify it."""

    code = "query-too-complex"


class QueryRefused(SisterGraphError):
    """The query is valid SPARQL but not allowed here (update, SERVICE)."""

    status = 403
    code = "query-refused"


class ResultTooLarge(SisterGraphError):
    """The query's answer is larger than the configured maximum; narrow or LIMIT it."""

    status = 422
    code = "result-too-large"


class QueryTimeout(SisterGraphError):
    """The query ran longer than the configured timeout and was stopped."""

    status = 503
    code = "query-timeout"


class PayloadTooLarge(SisterGraphError):
    """The query or request body exceeds the configured maximum."""

    status = 413
    code = "payload-too-large"


class UnsupportedMediaType(SisterGraphError):
    """The request body has a content type the protocol does not allow."""

    status = 415
    code = "unsupported-media-type"


class NotAcceptable(SisterGraphError):
    """No representation matches the Accept header."""

    status = 406
    code = "not-acceptable"


class PreconditionFailed(SisterGraphError):
    """If-Match names no current representation (RFC 9110 §13.1.1, strong comparison)."""

    status = 412
    code = "precondition-failed"


class RangeNotSatisfiable(SisterGraphError):
    """The Range starts past the end of the file (RFC 9110 §15.5.17); headers name its length."""

    status = 416
    code = "range-not-satisfiable"


class NotRepresentable(NotAcceptable):
    """The answer holds a character the chosen format cannot carry (e.g. U+0001 in XML)."""

    code = "not-representable"


class NotFound(SisterGraphError):
    """No resource or document at this path; suggestions: (IRI, label) pairs of near matches."""

    status = 404
    code = "not-found"

    def __init__(
        self,
        message: str,
        *,
        problems: list[str] | None = None,
        suggestions: list[tuple[str, str]] | None = None,
    ) -> None:
        super().__init__(message, problems=problems)
        self.suggestions = suggestions or []


class StoreError(SisterGraphError):
    """The query store (embedded or remote) failed."""

    status = 502
    code = "store-error"


class GraphStoreError(SisterGraphError):
    """A SPARQL 1.1 Graph Store Protocol server refused or failed an upload."""

    status = 502
    code = "graph-store-error"


class TooManyRequests(SisterGraphError):
    """A client is over its fair-use limits (concurrent queries, query time per minute)."""

    status = 429
    code = "too-many-requests"

    def __init__(self, message: str, *, retry_after: int) -> None:
        super().__init__(message)
        self.retry_after = retry_after
        self.headers = {"Retry-After": str(retry_after)}


class Unbounded(SisterGraphError):
    """A query leaves the subset whose work query/bound.py can bound (query/subset.py). Caught
    in bound.py: it only sends the query to a worker process, and never reaches a client."""

    code = "unbounded"
