"""`sister-graph serve` refuses a port another server holds, or a host it cannot bind: one
line naming host and port, exit 1, never a backtrace (whatever RUST_BACKTRACE says)."""

from __future__ import annotations

import os
import socket
import subprocess
import sys

import pytest

from sister_graph.errors import CannotListen
from sister_graph.web.server import check_can_listen


def _holder(*, reuse_port: bool) -> socket.socket:
    sock = socket.socket()
    if reuse_port:  # as granian binds: a plain second bind would share the port
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEPORT, 1)
    sock.bind(("127.0.0.1", 0))
    sock.listen()
    return sock


def _serve(built, host: str, port: int) -> subprocess.CompletedProcess:
    config, _ = built
    env = {**os.environ, "RUST_BACKTRACE": "full", "PYTHONWARNINGS": "ignore"}
    return subprocess.run(
        [
            sys.executable,
            "-c",
            "from sister_graph.cli import main; main()",
            "--dist-dir",
            str(config.dist_dir),
        ]
        + ["serve", "--host", host, "--port", str(port)],
        capture_output=True,
        text=True,
        timeout=60,
        env=env,
        check=False,
    )


@pytest.mark.parametrize("reuse_port", [True, False], ids=["granian-style", "plain"])
def test_a_port_in_use_is_refused_with_one_line(built, reuse_port):
    holder = _holder(reuse_port=reuse_port)
    port = holder.getsockname()[1]
    try:
        result = _serve(built, "127.0.0.1", port)
    finally:
        holder.close()
    assert result.returncode == 1
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert f"127.0.0.1:{port}" in lines[0] and "in use" in lines[0]
    assert "Serving" not in result.stdout


@pytest.mark.parametrize("host", ["10.255.255.1", "no-such-host.invalid", "256.1.1.1"])
def test_a_host_that_cannot_be_bound_is_refused_with_one_line(built, host):
    result = _serve(built, host, 8000)
    assert result.returncode == 1
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert f"{host}:8000" in lines[0]
    for word in ("Traceback", "panicked", "backtrace", "RUST"):
        assert word not in result.stderr


def test_the_check_passes_on_a_free_port_and_fails_on_a_held_one():
    check_can_listen("127.0.0.1", 0)
    holder = _holder(reuse_port=True)
    try:
        with pytest.raises(CannotListen, match=r"\[::1\]|127\.0\.0\.1"):
            check_can_listen("127.0.0.1", holder.getsockname()[1])
    finally:
        holder.close()
