"""Start the peer SPARQL servers of the benchmarks over one N-Triples dump (scripts, not tests).

Each returns (process, base URL, query path, seconds until it answered a query). The process
runs in its own session so `bench_endpoint.stop` ends it and anything it started.
"""

from __future__ import annotations

import subprocess
import time
import urllib.parse
from pathlib import Path

import requests
from bench_endpoint import free_port, wait_until_ready
from requests.auth import HTTPDigestAuth

from sister_graph.query.virtuoso_config import virtuoso_ini

VIRTUOSO = "/usr/bin/virtuoso-t"
BENCH_GRAPH = "urn:sister-graph:bench"


def start_oxigraph(binary: str, dump: Path, folder: Path):
    """Bulk-load the dump with `oxigraph load`, then `oxigraph serve-read-only` on loopback."""
    folder.mkdir(parents=True, exist_ok=True)
    started = time.monotonic()
    subprocess.run(
        [binary, "load", "--location", str(folder), "--file", str(dump)],
        check=True,
        capture_output=True,
    )
    loaded = time.monotonic() - started
    port = free_port()
    process = subprocess.Popen(
        [binary, "serve-read-only", "--location", str(folder), "--bind", f"127.0.0.1:{port}"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )
    base = f"http://127.0.0.1:{port}"
    ask = urllib.parse.urlencode({"query": "ASK {}"})
    ready = wait_until_ready(base + "/query?" + ask, process)
    print(f"  oxigraph load: {loaded:.2f} s", flush=True)
    return process, base, "/query", ready


def start_virtuoso(dump: Path, folder: Path):
    """Start Debian's Virtuoso on a fresh database and PUT the dump into one graph.

    Virtuoso's default graph is the union of its graphs, so queries without FROM see it.
    """
    folder.mkdir(parents=True, exist_ok=True)
    http_port = free_port()
    ini = virtuoso_ini(
        folder,
        sql_port=free_port(),
        http_port=http_port,
        buffers=170000,  # sized for the load of the benchmark, not the test's small fixture
        dirty_buffers=130000,
        threads=10,
        keep_alives=100,
    )
    (folder / "virtuoso.ini").write_text(ini, encoding="utf-8")
    process = subprocess.Popen(
        [VIRTUOSO, "+foreground", "+configfile", str(folder / "virtuoso.ini")],
        cwd=folder,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )
    base = f"http://127.0.0.1:{http_port}"
    ask = urllib.parse.urlencode({"query": "ASK {}"})
    ready = wait_until_ready(base + "/sparql?" + ask, process)
    response = requests.put(
        base + "/sparql-graph-crud-auth",
        params={"graph": BENCH_GRAPH},
        data=dump.read_bytes(),
        headers={"Content-Type": "application/n-triples"},
        auth=HTTPDigestAuth("dba", "dba"),
        timeout=3600,
    )
    if response.status_code >= 300:
        raise SystemExit(f"Virtuoso refused the dump: {response.status_code} {response.text[:200]}")
    return process, base, "/sparql", ready
