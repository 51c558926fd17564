"""Push the N-Triples dump to a SPARQL 1.1 Graph Store Protocol server, replacing one graph.

Spec: https://www.w3.org/TR/sparql11-http-rdf-update/#http-put — PUT replaces the graph's
content as one operation, so readers see the old graph or the new one, never a mix.
"""

from __future__ import annotations

import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass
from pathlib import Path

from sister_graph.errors import GraphStoreError
from sister_graph.rdf.formats import NTRIPLES


@dataclass(frozen=True)
class Pushed:
    """What the server answered to an upload."""

    url: str
    status: int
    bytes: int


def graph_url(endpoint: str, graph: str | None) -> str:
    """Return the request URL naming the graph (indirect identification), or the default graph.

    >>> graph_url("http://h/gsp", "https://w3id.org/sister-graph/graph")
    'http://h/gsp?graph=https%3A%2F%2Fw3id.org%2Fsister-graph%2Fgraph'
    >>> graph_url("http://h/gsp?x=1", None)
    'http://h/gsp?x=1&default'
    """
    query = urllib.parse.urlencode({"graph": graph}) if graph else "default"
    return endpoint + ("&" if "?" in endpoint else "?") + query


def _opener(url: str, user: str | None, password: str | None) -> urllib.request.OpenerDirector:
    handlers: list = []
    if user:
        passwords = urllib.request.HTTPPasswordMgrWithDefaultRealm()
        passwords.add_password(None, url, user, password or "")
        handlers += [
            urllib.request.HTTPDigestAuthHandler(passwords),
            urllib.request.HTTPBasicAuthHandler(passwords),
        ]
    return urllib.request.build_opener(*handlers)


def push_graph(
    endpoint: str, dump: Path, *, graph: str | None = None, user: str | None = None,
    password: str | None = None, timeout: float = 600.0,
) -> Pushed:  # fmt: skip
    """PUT the N-Triples file as the new content of the graph; raise GraphStoreError on failure."""
    if not endpoint.startswith(("http://", "https://")):
        raise GraphStoreError(f"{endpoint!r} is not an http(s) URL of a Graph Store endpoint")
    url = graph_url(endpoint, graph)
    data = Path(dump).read_bytes()
    request = urllib.request.Request(
        url, data=data, method="PUT", headers={"Content-Type": NTRIPLES.media_type}
    )
    try:
        with _opener(url, user, password).open(request, timeout=timeout) as response:
            return Pushed(url, response.status, len(data))
    except urllib.error.HTTPError as err:
        detail = err.read().decode("utf-8", "replace").strip().splitlines()
        hint = " (check --user/--password)" if err.code in (401, 403) else ""
        first = f": {detail[0][:200]}" if detail else ""
        raise GraphStoreError(
            f"the graph store answered HTTP {err.code} {err.reason} to PUT {url}{hint}{first}"
        ) from None
    except urllib.error.URLError as err:
        raise GraphStoreError(f"cannot reach the graph store at {endpoint}: {err.reason}") from None
    except TimeoutError:
        message = f"the graph store at {endpoint} did not answer in {timeout:g} s"
        raise GraphStoreError(message) from None
