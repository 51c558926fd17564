"""Pathological queries (tests/hostile/*.rq) end in a clear answer or error within the timeout.

Each file's first line says which statuses it may get (`# expect: 200 503`); 503 is only ever
the query-timeout error. While each query runs, /health is probed and must keep answering fast.
"""

from __future__ import annotations

import threading
import time
from pathlib import Path

import pytest
import requests

from tests.support import LiveServer, chain_ntriples, endpoint_config, fixture_ntriples

TIMEOUT = 2.0
HOSTILE = Path(__file__).parent / "hostile"
FILES = sorted(HOSTILE.glob("*.rq"))
LEAKS = ("Traceback", "site-packages", "/src/sister_graph", 'File "')
CODES = {400: {"malformed-query", "query-too-complex"}, 403: {"query-refused"}}


def expected_statuses(path: Path) -> set[int]:
    """Return the statuses the file's `# expect:` line allows."""
    first = path.read_text(encoding="utf-8").splitlines()[0]
    assert first.startswith("# expect: "), f"{path.name} lacks its '# expect:' line"
    return {int(s) for s in first.removeprefix("# expect: ").split()}


@pytest.fixture(scope="module")
def hostile_server(tmp_path_factory):
    literal = '<urn:x:s> <urn:x:text> "' + "a" * 40 + 'b" .\n'
    data = fixture_ntriples() + chain_ntriples(300) + literal
    config = endpoint_config(tmp_path_factory.mktemp("hostile"), data, query_timeout=TIMEOUT)
    server = LiveServer(config)
    yield server
    server.close()


class HealthProbe:
    """Poll /health in the background; remember the slowest answer and any failure."""

    def __init__(self, url: str) -> None:
        self.url, self.slowest, self.failures = url, 0.0, []
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def _run(self) -> None:
        while not self._stop.is_set():
            started = time.monotonic()
            try:
                response = requests.get(self.url, timeout=5)
                if response.status_code != 200:
                    self.failures.append(response.status_code)
            except requests.RequestException as err:
                self.failures.append(repr(err))
            self.slowest = max(self.slowest, time.monotonic() - started)
            self._stop.wait(0.05)

    def __enter__(self) -> HealthProbe:
        self._thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self._stop.set()
        self._thread.join()


def test_the_corpus_is_large_enough():
    assert len(FILES) >= 20


@pytest.mark.parametrize("path", FILES, ids=[p.stem for p in FILES])
def test_hostile_query_ends_cleanly_while_health_answers(hostile_server, path):
    allowed = expected_statuses(path)
    with HealthProbe(hostile_server.url + "health") as probe:
        started = time.monotonic()
        response = requests.post(
            hostile_server.sparql,
            data=path.read_bytes(),
            headers={"Content-Type": "application/sparql-query", "Accept": "application/json"},
            timeout=TIMEOUT + 30,
        )
        elapsed = time.monotonic() - started
    assert response.status_code in allowed, response.text[:300]
    # the timeout, then the worker's kill and the answer: 1.5 s was exceeded once (3.56 s)
    # with other test runs and benchmarks sharing the 2 cores
    assert elapsed < TIMEOUT + 2.5
    assert not any(leak in response.text for leak in LEAKS)
    if response.status_code == 503:
        assert response.json()["error"]["code"] == "query-timeout"
    elif response.status_code in CODES:
        assert response.json()["error"]["code"] in CODES[response.status_code]
    assert probe.failures == [] and probe.slowest < 2.0  # 2 cores, both busy with the hostile query
    after = requests.get(hostile_server.sparql, params={"query": "ASK { <urn:x:n0> ?p ?o }"})
    assert after.status_code == 200 and after.json()["boolean"] is True
