"""Faults: a killed query worker, a broken dist/ at start, a build stopped by SIGINT or SIGKILL."""

from __future__ import annotations

import hashlib
import os
import shutil
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
import requests

from sister_graph.web.context import state
from tests.support import (
    REPO,
    LiveServer,
    chain_ntriples,
    endpoint_config,
    fixture_ntriples,
    running_or_starting,
)

SLOW = "SELECT (COUNT(*) AS ?n) { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l }"
QUICK = "ASK { <urn:x:n0> ?p ?o }"
CLI = [sys.executable, "-m", "sister_graph"]
# Loaded by every Python started with this folder on PYTHONPATH: fsync sleeps, so a build
# spends seconds writing dist/ and a signal sent after its progress line lands mid-write.
SLOW_FSYNC = """
import os, time
_fsync = os.fsync
def fsync(fd):
    time.sleep(0.4)
    return _fsync(fd)
os.fsync = fsync
"""


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    root = tmp_path_factory.mktemp("faults")
    data = fixture_ntriples() + chain_ntriples(200)
    live = LiveServer(endpoint_config(root, data, inline_solutions=0))  # every query in a worker
    yield live
    live.close()


def busy_worker_pid(server: LiveServer) -> int:
    """Return the pid of the worker that runs a query now (waits up to 2 s for one)."""
    with server.app.app_context():
        pool = state().store._pool
    for _ in range(40):
        idle = {id(w) for w in list(pool._idle.queue)}
        busy = [w for w in list(pool._all) if id(w) not in idle]
        if busy:
            return busy[0].process.pid
        time.sleep(0.05)
    raise AssertionError("no worker became busy")


@pytest.mark.parametrize(
    ("sig", "status", "code"),
    [(signal.SIGKILL, 502, "store-error"), (signal.SIGSEGV, 400, "query-too-complex")],
)
def test_killed_worker_fails_its_request_only_and_the_pool_recovers(server, sig, status, code):
    outcome: dict = {}

    def slow() -> None:
        outcome["response"] = requests.get(
            server.sparql, params={"query": SLOW}, headers={"Accept": "application/json"}
        )

    thread = threading.Thread(target=slow)
    thread.start()
    os.kill(busy_worker_pid(server), sig)
    quick = requests.get(server.sparql, params={"query": QUICK})  # the other worker answers
    assert quick.status_code == 200 and quick.json()["boolean"] is True
    thread.join(10)
    response = outcome["response"]
    assert response.status_code == status
    assert response.json()["error"]["code"] == code
    assert "Traceback" not in response.text
    for _ in range(6):  # more queries than workers: the replacement must serve some
        again = requests.get(server.sparql, params={"query": QUICK + f" # {_}"})
        assert again.status_code == 200
    assert running_or_starting(requests.get(server.url + "health").json()) == 2


def test_worker_killed_while_idle_costs_no_request(server):
    with server.app.app_context():
        pool = state().store._pool
    for worker in list(pool._idle.queue):
        os.kill(worker.process.pid, signal.SIGKILL)
        worker.process.join(5)
    for i in range(4):
        response = requests.get(server.sparql, params={"query": QUICK + f" # idle {i}"})
        assert response.status_code == 200


def serve(dist: Path, tmp_path: Path) -> subprocess.CompletedProcess:
    """Run `sister-graph serve` on a free port; a healthy one would run until the timeout."""
    args = [*CLI, "--dist-dir", str(dist), "serve", "--port", "0"]
    env = {**os.environ, "SISTER_GRAPH_STORE_DIR": str(tmp_path / "store")}
    return subprocess.run(args, capture_output=True, text=True, timeout=60, env=env, cwd=tmp_path)


def built_copy(built, tmp_path: Path) -> Path:
    config, _ = built
    dist = tmp_path / "dist"
    shutil.copytree(config.dist_dir, dist, ignore=shutil.ignore_patterns(".store"))
    return dist


@pytest.mark.parametrize(
    ("damage", "message"),
    [
        (lambda d: (d / "sister-graph.nt").write_bytes(b"<urn:a> <urn:b> <urn:c> .\n"), "checksum"),
        (lambda d: (d / "catalog.ttl").unlink(), "catalog.ttl missing"),
        (lambda d: (d / "sister-graph.nt").unlink(), "sister-graph.nt missing"),
        (lambda d: (d / "SHA256SUMS").write_text("garbage\n"), "does not list"),
    ],
    ids=["corrupted-dump", "missing-catalog", "missing-dump", "garbled-checksums"],
)
def test_broken_dist_is_one_clear_startup_error(built, tmp_path, damage, message):
    dist = built_copy(built, tmp_path)
    damage(dist)
    result = serve(dist, tmp_path)
    assert result.returncode != 0
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("error: ") and message in lines[0], lines
    assert "Serving" not in result.stdout


def digests(dist: Path) -> dict[str, str]:
    """Return {file name: sha256} of every file in dist/."""
    return {
        p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in dist.iterdir() if p.is_file()
    }


@pytest.mark.parametrize("sig", [signal.SIGINT, signal.SIGKILL], ids=["SIGINT", "SIGKILL"])
@pytest.mark.parametrize("phase", ["· serialising", "· writing"])
def test_interrupted_build_leaves_the_previous_dist_intact(built, tmp_path, sig, phase):
    dist = built_copy(built, tmp_path)
    before = digests(dist)
    hooks = tmp_path / "hooks"
    hooks.mkdir()
    (hooks / "sitecustomize.py").write_text(SLOW_FSYNC)
    env = {
        **os.environ,
        "PYTHONPATH": os.pathsep.join([str(hooks), os.environ.get("PYTHONPATH", "")]),
    }
    args = [*CLI, "--dist-dir", str(dist), "build", "--release-date", "2031-01-01"]
    with subprocess.Popen(args, cwd=REPO, env=env, stderr=subprocess.PIPE, text=True) as build:
        seen = []
        for line in build.stderr:
            seen.append(line)
            if line.startswith(phase):
                break
        time.sleep(0.5 if phase == "· writing" else 0.0)
        assert build.poll() is None, f"the build ended before the signal: {seen}"
        build.send_signal(sig)
        rest = build.stderr.read()
        assert build.wait(30) != 0
    assert "built " not in rest  # it really was stopped before the end
    assert "Traceback" not in rest
    assert digests(dist) == before
    leftovers = [p.name for p in dist.parent.iterdir() if p.name.startswith(".dist.")]
    if sig == signal.SIGINT:
        assert leftovers == []
    rebuilt = subprocess.run(
        [*CLI, "--dist-dir", str(dist), "build"], cwd=REPO, capture_output=True, text=True
    )
    assert rebuilt.returncode == 0, rebuilt.stderr
    assert [p.name for p in dist.parent.iterdir() if p.name.startswith(".dist.")] == []
