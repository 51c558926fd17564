"""Soak test on loopback: many clients, the benchmark query mix plus hostile queries, for a while.

Starts `sister-graph serve` on a free port of 127.0.0.1, runs a warm-up, then N client threads
for D seconds, each sending the fixed mix of bench/bench_endpoint.py and, with probability H, a
query from tests/query/hostile/. Bounded: it stops by itself after warm-up + D seconds. Checks:

- zero 5xx on the mix; every hostile query ends with a status its file allows, or 503 when
  the query workers stayed busy with other hostile queries for the whole timeout;
- zero dropped connections (connection errors, resets, client timeouts);
- memory flat: RSS of the server's process tree at the end within 20 % of after warm-up
  (both measured once in-flight queries have ended);
- every mix answer identical to the single-client run before the load.

Run (after `sister-graph build`):

    /work/venv/bin/python bench/soak.py --dist dist --clients 50 --duration 60

Prints a JSON summary; exits non-zero when a check fails.
"""

from __future__ import annotations

import argparse
import contextlib
import hashlib
import http.client
import json
import os
import random
import signal
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from bench_endpoint import QUERY_MIX, free_port, wait_until_ready  # noqa: E402

HOSTILE = Path(__file__).resolve().parent.parent / "tests" / "query" / "hostile"


def hostile_queries() -> list[tuple[str, str, set[int]]]:
    """Return (name, text, allowed statuses) for every file of the hostile corpus."""
    out = []
    for path in sorted(HOSTILE.glob("*.rq")):
        text = path.read_text(encoding="utf-8")
        allowed = {int(s) for s in text.splitlines()[0].removeprefix("# expect: ").split()}
        allowed.add(503)  # busy: the workers ran other hostile queries for the whole timeout
        out.append((path.stem, text, allowed))
    if not out:
        raise SystemExit(f"no hostile queries in {HOSTILE}")
    return out


def tree_rss(pid: int) -> int:
    """Return the resident memory in bytes of a process and all its descendants (Linux /proc)."""
    children: dict[int, list[int]] = {}
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            with contextlib.suppress(OSError), open(f"/proc/{entry}/stat") as stat:
                ppid = int(stat.read().rsplit(")", 1)[1].split()[1])
                children.setdefault(ppid, []).append(int(entry))
    total, todo = 0, [pid]
    while todo:
        current = todo.pop()
        todo.extend(children.get(current, []))
        with contextlib.suppress(OSError), open(f"/proc/{current}/status") as status:
            for line in status:
                if line.startswith("VmRSS:"):
                    total += int(line.split()[1]) * 1024
    return total


class Client:
    """One keep-alive HTTP/1.1 connection that reconnects only when the server closes it."""

    def __init__(self, port: int) -> None:
        self.port = port
        self.conn: http.client.HTTPConnection | None = None

    def get(self, path: str, accept: str) -> tuple[int, bytes]:
        if self.conn is None:
            self.conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=60)
        self.conn.request("GET", path, headers={"Accept": accept})
        response = self.conn.getresponse()
        body = response.read()
        if response.will_close:
            self.close()
        return response.status, body

    def post(self, body: str) -> tuple[int, bytes]:
        conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=60)
        try:
            headers = {"Content-Type": "application/sparql-query", "Accept": "application/json"}
            conn.request("POST", "/sparql", body=body.encode("utf-8"), headers=headers)
            response = conn.getresponse()
            return response.status, response.read()
        finally:
            conn.close()

    def close(self) -> None:
        if self.conn is not None:
            self.conn.close()
            self.conn = None


def mix_paths() -> list[tuple[str, str, str]]:
    """Return (name, path, Accept) for the benchmark mix."""
    return [
        (name, "/sparql?" + urllib.parse.urlencode({"query": q}), accept)
        for name, q, accept in QUERY_MIX
    ]


def digest(body: bytes) -> str:
    return hashlib.sha256(body).hexdigest()


def reference_answers(port: int) -> dict[str, str]:
    """Answer the mix once with a single client; return {name: sha256 of the body}."""
    client, out = Client(port), {}
    for name, path, accept in mix_paths():
        status, body = client.get(path, accept)
        if status != 200:
            raise SystemExit(f"reference run: {name} answered {status}")
        out[name] = digest(body)
    client.close()
    return out


def load(port: int, *, clients: int, seconds: float, hostile_share: float, seed: int) -> dict:
    """Run the clients for `seconds`; return counts of outcomes and problems."""
    mix, hostile = mix_paths(), hostile_queries()
    stats: Counter = Counter()
    bodies: dict[str, set[str]] = {name: set() for name, _, _ in mix}
    problems: list[str] = []
    lock = threading.Lock()
    stop_at = time.monotonic() + seconds

    def run(index: int) -> None:
        rng, client, local = random.Random(seed + index), Client(port), Counter()
        while time.monotonic() < stop_at:
            try:
                if rng.random() < hostile_share:
                    name, text, allowed = rng.choice(hostile)
                    status, _ = client.post(text)
                    local["hostile"] += 1
                    local[f"hostile {status}"] += 1
                    if status not in allowed:
                        with lock:
                            problems.append(f"hostile {name}: {status} not in {sorted(allowed)}")
                else:
                    name, path, accept = rng.choice(mix)
                    status, body = client.get(path, accept)
                    local["mix"] += 1
                    local[f"mix {status}"] += 1
                    if status == 200:
                        with lock:
                            bodies[name].add(digest(body))
                    else:
                        with lock:
                            problems.append(f"mix {name}: {status}")
            except (OSError, http.client.HTTPException) as err:
                local["dropped"] += 1
                client.close()
                with lock:
                    problems.append(f"dropped: {err!r}")
        client.close()
        local["clients done"] += 1
        with lock:
            stats.update(local)

    threads = [threading.Thread(target=run, args=(i,)) for i in range(clients)]
    started = time.monotonic()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    stats["seconds"] = round(time.monotonic() - started, 1)
    return {"stats": dict(stats), "bodies": bodies, "problems": problems}


def serve(args, port: int, store_dir: str) -> subprocess.Popen:
    """Start `sister-graph serve` on 127.0.0.1:port in its own process group."""
    command = [
        sys.executable, "-m", "sister_graph", "--dist-dir", str(args.dist.resolve()), "serve",
        "--host", "127.0.0.1", "--port", str(port), "--timeout", str(args.timeout),
        "--threads", str(args.threads),
    ]  # fmt: skip
    env = {**os.environ, "SISTER_GRAPH_STORE_DIR": store_dir}
    # all clients share 127.0.0.1: fair use (per client address) would refuse most of them
    env.update(SISTER_GRAPH_CLIENT_QUERIES="0", SISTER_GRAPH_CLIENT_QUERY_SECONDS="0")
    return subprocess.Popen(
        command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        start_new_session=True,
    )  # fmt: skip


def main() -> int:
    """Parse options, run warm-up and soak, print the summary, and return the exit status."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--dist", type=Path, default=Path("dist"))
    parser.add_argument("--clients", type=int, default=50)
    parser.add_argument("--duration", type=float, default=60)
    parser.add_argument("--warm-up", type=float, default=10)
    parser.add_argument("--hostile", type=float, default=0.05, help="share of hostile queries")
    parser.add_argument("--timeout", type=float, default=2.0, help="the server's query timeout")
    parser.add_argument("--threads", type=int, default=16, help="the server's HTTP threads")
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    port = free_port()
    with tempfile.TemporaryDirectory() as store_dir:
        process = serve(args, port, store_dir)
        try:
            wait_until_ready(f"http://127.0.0.1:{port}/health", process)
            reference = reference_answers(port)
            options = {"clients": args.clients, "hostile_share": args.hostile, "seed": args.seed}
            load(port, seconds=args.warm_up, **options)
            time.sleep(args.timeout + 2)  # let in-flight queries end and workers be replaced
            rss_warm = tree_rss(process.pid)
            run = load(port, seconds=args.duration, **options)
            time.sleep(args.timeout + 2)
            rss_end = tree_rss(process.pid)
            alive = process.poll() is None
        finally:
            os.killpg(process.pid, signal.SIGTERM)
            process.wait(30)
    stats = run["stats"]
    different = sorted(n for n, seen in run["bodies"].items() if seen - {reference[n]})
    growth = (rss_end - rss_warm) / rss_warm
    fivexx_mix = sum(v for k, v in stats.items() if k.startswith("mix 5"))
    checks = {
        "no 5xx on the mix": fivexx_mix == 0,
        "hostile statuses as expected": not any(p.startswith("hostile") for p in run["problems"]),
        "no dropped connections": stats.get("dropped", 0) == 0,
        "memory flat (within 20 %)": abs(growth) <= 0.20,
        "answers identical to one client": different == [],
        "server still running": alive,
        "every client ran to the end": stats.get("clients done", 0) == args.clients,
    }
    summary = {
        "clients": args.clients,
        "seconds": stats.pop("seconds"),
        "requests": stats.get("mix", 0) + stats.get("hostile", 0),
        "counts": dict(sorted(stats.items())),
        "rss_after_warm_up_mb": round(rss_warm / 2**20, 1),
        "rss_at_end_mb": round(rss_end / 2**20, 1),
        "rss_growth_percent": round(growth * 100, 1),
        "different_answers": different,
        "problems": run["problems"][:20],
        "checks": checks,
    }
    print(json.dumps(summary, indent=2))
    return 0 if all(checks.values()) else 1


if __name__ == "__main__":
    sys.exit(main())
