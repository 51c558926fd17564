"""Start-up times of `sister-graph serve`: first start, restart, and the first worker's answer.

A script, not a test. For one built dist/, interleaved over rounds:

- first start: an empty store folder, so the dumps are bulk-loaded into the on-disk store
  (process start to `/health` 200);
- restart: the same command again over the store the first start left (the store is keyed by
  the dump's checksum, so it is opened, not reloaded);
- first worker answer: after `/health`, the time until a query that only a query worker runs
  (a property path) is answered, since workers start in the background.

The server runs as deployed (granian, 2 processes) on a free loopback port. Prints and writes
bench/results/start-<label>.{json,md}; medians over the rounds, with the load average seen.

    python bench/bench_start.py --dist dist --label banja-luka --rounds 5
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.parse
import urllib.request
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bench_endpoint import free_port  # noqa: E402

RESULTS = Path(__file__).resolve().parent / "results"
WORKER_QUERY = "ASK { ?s <http://www.w3.org/2000/01/rdf-schema#label>+ ?o }"


def _get(url: str, timeout: float = 2) -> int:
    try:
        with urllib.request.urlopen(url, timeout=timeout) as response:
            response.read()
            return response.status
    except (OSError, ValueError):
        return 0


def start_once(dist: Path, store: Path) -> dict:
    """Start the server, time /health and the first worker answer, stop it; seconds."""
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    env = {
        **os.environ,
        "SISTER_GRAPH_DIST_DIR": str(dist),
        "SISTER_GRAPH_STORE_DIR": str(store),
        "SISTER_GRAPH_PORT": str(port),
    }
    started = time.monotonic()
    process = subprocess.Popen(
        [sys.executable, "-m", "sister_graph", "serve"],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )
    try:
        while _get(base + "/health", timeout=1) != 200:
            if process.poll() is not None:
                raise SystemExit(f"server exited with {process.returncode}")
            if time.monotonic() - started > 300:
                raise SystemExit("no /health after 300 s")
            time.sleep(0.01)
        health = time.monotonic() - started
        query = base + "/sparql?" + urllib.parse.urlencode({"query": WORKER_QUERY})
        while _get(query, timeout=30) != 200:
            time.sleep(0.01)
        worker = time.monotonic() - started
    finally:
        os.killpg(process.pid, signal.SIGTERM)
        process.wait(timeout=30)
    return {"health": health, "worker": worker}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--dist", type=Path, default=Path("dist"))
    parser.add_argument("--label", default="banja-luka")
    parser.add_argument("--rounds", type=int, default=5)
    args = parser.parse_args()
    dist = args.dist.resolve()
    triples = sum(1 for _ in (dist / "sister-graph.nt").open("rb"))
    rounds: dict[str, list[float]] = {}
    loads = []
    for number in range(1, args.rounds + 1):
        store = Path(tempfile.mkdtemp(prefix="sg-start-"))
        try:
            loads.append(os.getloadavg()[0])
            first = start_once(dist, store)
            loads.append(os.getloadavg()[0])
            again = start_once(dist, store)
        finally:
            shutil.rmtree(store, ignore_errors=True)
        figures = {
            "first start, /health": first["health"],
            "first start, first worker answer": first["worker"],
            "restart, /health": again["health"],
            "restart, first worker answer": again["worker"],
        }
        for name, value in figures.items():
            rounds.setdefault(name, []).append(value)
        shown = ", ".join(f"{k} {v:.2f} s" for k, v in figures.items())
        print(f"round {number}: {shown}", flush=True)
    medians = {name: statistics.median(values) for name, values in rounds.items()}
    lines = [
        f"{args.label}: {triples:,} triples, {len(os.sched_getaffinity(0))} CPUs, medians of "
        f"{args.rounds} rounds, load average (1 min) {min(loads):.1f}–{max(loads):.1f}; "
        "`sister-graph serve` as deployed (2 processes), process start to the answer.",
        "",
        "| measurement | median s | rounds s |",
        "| --- | ---: | --- |",
    ]
    for name, values in rounds.items():
        lines.append(f"| {name} | {medians[name]:.2f} | {', '.join(f'{v:.2f}' for v in values)} |")
    table = "\n".join(lines) + "\n"
    print(table)
    RESULTS.mkdir(exist_ok=True)
    (RESULTS / f"start-{args.label}.md").write_text(table, encoding="utf-8")
    data = {"label": args.label, "triples": triples, "rounds": rounds, "loads": loads}
    (RESULTS / f"start-{args.label}.json").write_text(json.dumps(data, indent=1), "utf-8")


if __name__ == "__main__":
    main()
