"""Tests for server: waitress and granian, mounted at / and the base path; debug on loopback only."""

from __future__ import annotations

import contextlib
import os
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import urljoin

import pytest
import requests

from sister_graph.errors import UnsafeDebug
from sister_graph.web.server import mount_path, run
from tests.support import LiveServer, endpoint_config, fixture_ntriples


def test_make_server_serves_on_a_free_port(tmp_path):
    config = endpoint_config(tmp_path, fixture_ntriples())
    live = LiveServer(config)  # make_server + run in a thread, closed without a stray EBADF
    try:
        url = live.url
        assert url.startswith("http://127.0.0.1:") and not url.endswith(":0/")
        response = requests.get(url + "health")
        assert response.status_code == 200 and response.headers["Server"] == "sister-graph"
    finally:
        live.close()


@pytest.mark.parametrize("flags", [{"debug": True}, {"reload": True}])
def test_debug_and_reload_are_refused_off_loopback(tmp_path, flags):
    config = endpoint_config(tmp_path, fixture_ntriples(), host="0.0.0.0")
    with pytest.raises(UnsafeDebug):
        run(config, **flags)


@pytest.mark.parametrize(
    ("base", "prefix"),
    [
        ("https://w3id.org/sister-graph/", "/sister-graph"),
        ("http://example.org/a/b/", "/a/b"),
        ("http://example.org/", ""),
        ("http://example.org/vocab#", "/vocab"),
    ],
)
def test_mount_path_is_the_base_iri_path(base, prefix):
    assert mount_path(base) == prefix


def test_app_answers_at_the_root_and_under_the_base_path(endpoint):
    for path in ("health", "sister-graph/health"):
        response = requests.get(endpoint.url + path)
        assert response.status_code == 200 and response.json()["status"] == "ok"
    ask = {"query": "ASK { ?s ?p ?o }"}
    root = requests.get(endpoint.url + "sparql", params=ask)
    mounted = requests.get(endpoint.url + "sister-graph/sparql", params=ask)
    assert mounted.status_code == 200 and mounted.json() == root.json()
    assert root.json()["boolean"] is True
    assert requests.get(endpoint.url + "elsewhere/health").status_code == 404


def test_thing_iri_dereferences_on_its_own_path(built, tmp_path):
    config, _ = built
    server = LiveServer(config.with_(store_dir=str(tmp_path / "store"), port=0))
    try:
        turtle = {"Accept": "text/turtle"}
        pages = {}
        for prefix in ("", "sister-graph/"):
            thing = requests.get(
                f"{server.url}{prefix}id/city/banja-luka", headers=turtle, allow_redirects=False
            )
            assert thing.status_code == 303
            location = thing.headers["Location"]
            assert location.split("//")[-1].partition("/")[2].startswith(f"{prefix}doc/city/")
            document = requests.get(urljoin(thing.url, location), headers=turtle)
            assert document.status_code == 200
            pages[prefix] = document.text
        assert pages[""] == pages["sister-graph/"]
        assert "https://w3id.org/sister-graph/id/city/banja-luka" in pages[""]
    finally:
        server.close()


def _children(pid: int) -> set[int]:
    found = set()
    for task in Path(f"/proc/{pid}/task").glob("*"):
        for child in (task / "children").read_text().split():
            found |= {int(child), *_children(int(child))}
    return found


def _running(pid: int) -> bool:
    """Tell whether a process still runs (an exited one not yet reaped by init does not)."""
    try:
        return Path(f"/proc/{pid}/stat").read_text().rpartition(")")[2].split()[0] != "Z"
    except FileNotFoundError:
        return False


def _environ(pid: int) -> bytes:
    try:
        return Path(f"/proc/{pid}/environ").read_bytes()
    except OSError:
        return b""


def _wait_healthy(url: str, process: subprocess.Popen, seconds: float) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        assert process.poll() is None, process.communicate()
        try:
            if requests.get(url + "health", timeout=2).status_code == 200:
                return
        except requests.ConnectionError:
            time.sleep(0.05)
    raise AssertionError(f"{url} not healthy after {seconds} s")


@pytest.mark.skipif(not Path("/proc/self/task").is_dir(), reason="needs Linux /proc")
def test_production_server_forks_workers_serves_both_mounts_and_stops(tmp_path):
    config = endpoint_config(tmp_path, fixture_ntriples())
    with socket.create_server(("127.0.0.1", 0)) as sock:
        port = sock.getsockname()[1]
    env = {
        **os.environ,
        "SISTER_GRAPH_DIST_DIR": str(config.dist_dir),
        "SISTER_GRAPH_STORE_DIR": config.store_dir,
    }
    serve = "from sister_graph.cli import main; main()"
    command = [sys.executable, "-c", serve, "serve", "--port", str(port), "--processes", "2"]
    process = subprocess.Popen(
        [*command, "--threads", "2"],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        start_new_session=True,  # a failing test kills the whole tree, leaving no orphans
    )
    url = f"http://127.0.0.1:{port}/"
    try:
        _wait_healthy(url, process, 60)
        deadline = time.monotonic() + 60  # query workers start in the background
        while len(workers := _children(process.pid)) < 2 + 2 * 2:
            assert time.monotonic() < deadline, workers
            time.sleep(0.1)
        assert len(workers) >= 2 + 2 * 2  # 2 HTTP workers, each with 2 query workers
        capped = [pid for pid in workers if b"MALLOC_ARENA_MAX=2\0" in _environ(pid)]
        assert len(capped) >= 2 * 2  # spawned query workers inherit the arena cap
        for path in ("health", "sister-graph/health"):
            assert requests.get(url + path).json()["dataset"]["triples"] == 22
        ask = requests.get(url + "sister-graph/sparql", params={"query": "ASK { ?s ?p ?o }"})
        assert ask.json()["boolean"] is True
        path = "ASK { ?s <http://www.wikidata.org/prop/direct/P190>+ ?o }"  # a worker's query
        assert requests.get(url + "sparql", params={"query": path}).json()["boolean"] is True
        process.send_signal(signal.SIGTERM)
        assert process.wait(timeout=30) == 0
        time.sleep(0.5)
        assert not [pid for pid in workers if _running(pid)]
    finally:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(process.pid, signal.SIGKILL)
        process.communicate()


ARENAS = """
import ctypes, os, sys, tempfile, threading
from sister_graph.web.server import limit_malloc_arenas
capped = limit_malloc_arenas()
barrier, kept = threading.Barrier(9), []
def allocate():
    kept.append([bytearray(50_000) for _ in range(4)])  # below the mmap threshold: an arena
    barrier.wait()
    barrier.wait()
threads = [threading.Thread(target=allocate) for _ in range(8)]
for thread in threads:
    thread.start()
barrier.wait()
libc = ctypes.CDLL(None)
libc.fopen.restype, libc.fopen.argtypes = ctypes.c_void_p, [ctypes.c_char_p, ctypes.c_char_p]
libc.malloc_info.argtypes, libc.fclose.argtypes = [ctypes.c_int, ctypes.c_void_p], [ctypes.c_void_p]
path = os.path.join(tempfile.mkdtemp(), "malloc.xml")
handle = libc.fopen(path.encode(), b"w")
libc.malloc_info(0, handle)
libc.fclose(handle)
barrier.wait()
heaps = open(path).read().count("<heap nr=")
print(capped, heaps, os.environ["MALLOC_ARENA_MAX"])
"""


def _glibc() -> bool:
    try:
        return bool(os.confstr("CS_GNU_LIBC_VERSION"))
    except (AttributeError, ValueError, OSError):
        return False


@pytest.mark.skipif(not _glibc(), reason="malloc arenas are a glibc feature")
def test_eight_allocating_threads_share_two_malloc_arenas():
    env = {k: v for k, v in os.environ.items() if k != "MALLOC_ARENA_MAX"}
    out = subprocess.run([sys.executable, "-c", ARENAS], env=env, capture_output=True, text=True)
    assert out.stdout.split() == ["True", "2", "2"], out.stderr


@pytest.mark.skipif(not _glibc(), reason="malloc arenas are a glibc feature")
def test_an_operators_malloc_arena_max_is_kept():
    env = {**os.environ, "MALLOC_ARENA_MAX": "4"}
    out = subprocess.run([sys.executable, "-c", ARENAS], env=env, capture_output=True, text=True)
    capped, heaps, setting = out.stdout.split()
    assert (capped, setting) == ("False", "4") and int(heaps) <= 4, out.stderr
