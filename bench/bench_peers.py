"""Side by side: our endpoint, Oxigraph server, Virtuoso and rdflib-endpoint on one dump.

A script, not a test. Every server serves the same `dist/sister-graph.nt` and stays up for
the whole run; the measurements are interleaved (round 1: each server in turn, round 2: each
again, ...), so a burst of load on the shared machine hits all of them. For each server:

- repeated mix: a fixed query mix, the same requests over and over (`wrk`, 2 threads, 50
  connections by default);
- unique mix: the same mix with a distinct comment appended to every request, so no request
  was ever seen before (no results cache can answer it: what a researcher sends);
- one client: one connection sending unique ASK queries, one at a time (fixed cost of a
  request: the p50 latency).

Figures are medians over the rounds; the load average of the machine is read before each
measurement and reported. Writes `bench/results/peers-<label>.{json,md,png}`.

Peers (installed once, in their own venv so they stay out of ours):

    python3.11 -m venv /work/venv-peer
    /work/venv-peer/bin/pip install oxigraph rdflib-endpoint uvicorn matplotlib
    apt-get install -y wrk virtuoso-opensource

Run (after `sister-graph build`; `--mix heavy --data DIR` for a synthetic data folder):

    python bench/bench_peers.py --dist dist --rounds 3 --duration 8
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import urllib.parse
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bench_endpoint import (  # noqa: E402
    OURS,
    PEER,
    QUERY_MIX,
    check_answers,
    free_port,
    session_cpu_seconds,
    stop,
    wait_until_ready,
)
from peer_servers import start_oxigraph, start_virtuoso  # noqa: E402
from scale_queries import query_mix  # noqa: E402

REPO = Path(__file__).resolve().parent.parent
RESULTS = REPO / "bench" / "results"
JSON = "application/sparql-results+json"
ASK = "ASK { <https://w3id.org/sister-graph/id/city/banja-luka> ?p ?o }"
ORDER_LIMIT = (
    "PREFIX sg: <https://w3id.org/sister-graph/ontology#> SELECT ?a ?d WHERE "
    "{ ?a sg:signingDate ?d } ORDER BY DESC(?d) ?a LIMIT 10"
)

LUA = """
local requests = {%(requests)s}
local counter = 0
local salt = tostring(os.time()) .. tostring(math.random(1, 1000000000))
request = function()
  counter = counter + 1
  local r = requests[(counter %% #requests) + 1]
  local path = r[1]
  if %(unique)s then path = path .. "%%0A%%23" .. salt .. "-" .. counter end
  return wrk.format("GET", path, {["Accept"] = r[2]})
end
done = function(summary, latency, requests)
  local e = summary.errors
  io.write(string.format(
    'RESULT {"requests": %%d, "seconds": %%f, "p50_us": %%d, "p99_us": %%d, "errors": %%d, '
    .. '"non_2xx": %%d}\\n', summary.requests, summary.duration / 1e6, latency:percentile(50),
    latency:percentile(99), e.connect + e.read + e.write + e.timeout, e.status))
end
"""


def mix(args) -> list[tuple[str, str]]:
    """Return (query, Accept) of the mix: Banja Luka's, or the heavy one over synthetic data."""
    if args.mix == "heavy":
        return [(q, a) for _, q, a in query_mix(args.data)] + [(ORDER_LIMIT, JSON)]
    return [(q, a) for _, q, a in QUERY_MIX]


def wrk(base: str, path: str, queries, *, unique: bool, connections: int, threads: int, args):
    """Run wrk over the queries (unique: each request made distinct) and return its figures."""
    targets = [(path + "?" + urllib.parse.urlencode({"query": q}), a) for q, a in queries]
    entries = ", ".join(f"{{{json.dumps(p)}, {json.dumps(a)}}}" for p, a in targets)
    with tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False) as script:
        script.write(LUA % {"requests": entries, "unique": "true" if unique else "false"})
    command = ["wrk", f"-t{threads}", f"-c{connections}", f"-d{args.duration}s"]
    try:
        output = subprocess.run(
            [*command, "--timeout", "30s", "-s", script.name, base],
            capture_output=True,
            text=True,
            check=True,
        ).stdout
    finally:
        os.unlink(script.name)
    line = next(x for x in output.splitlines() if x.startswith("RESULT "))
    result = json.loads(line[len("RESULT ") :])
    result["rps"] = result["requests"] / result["seconds"]
    return result


def start_ours(args, store_dir: str):
    """Start our server as deployed (granian, pre-forked), fair use off (wrk is one client)."""
    port = free_port()
    settings = [args.dist.resolve(), port, 512, store_dir, args.processes, args.server_threads]
    access_log = "true" if args.access_log else "false"  # Oxigraph server logs no requests
    process = subprocess.Popen(
        [sys.executable, "-c", OURS, *map(str, settings)],
        env={**os.environ, "SISTER_GRAPH_ACCESS_LOG": access_log},
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )
    base = f"http://127.0.0.1:{port}"
    return process, base, "/sparql", wait_until_ready(base + "/health", process)


def start_rdflib_endpoint(args, dump: Path):
    """Start rdflib-endpoint (uvicorn) over the dump."""
    port = free_port()
    process = subprocess.Popen(
        [args.peer_python, "-c", PEER, str(dump), str(port)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )
    base = f"http://127.0.0.1:{port}"
    ready = base + "/?" + urllib.parse.urlencode({"query": "ASK {}"})
    return process, base, "/", wait_until_ready(ready, process, timeout=600)


def measure(server: dict, queries, args) -> dict:
    """One round for one server: repeated mix, unique mix, one client; with CPU and load."""
    base, path, pid = server["base"], server["path"], server["process"].pid
    figures = {}
    for name, unique, connections, threads, chosen in (
        ("repeated", False, args.connections, args.threads, queries),
        ("unique", True, args.connections, args.threads, queries),
        ("one_client", True, 1, 1, [(ASK, JSON)]),
    ):
        load = os.getloadavg()[0]
        cpu = session_cpu_seconds(pid)
        result = wrk(
            base, path, chosen, unique=unique, connections=connections, threads=threads, args=args
        )
        spent = session_cpu_seconds(pid) - cpu
        result["cpu_us"] = spent / max(1, result["requests"]) * 1e6
        result["load"] = load
        figures[name] = result
        print(
            f"  {server['name']} {name}: {result['rps']:.0f} req/s, p50 "
            f"{result['p50_us'] / 1000:.2f} ms, p99 {result['p99_us'] / 1000:.1f} ms, "
            f"errors {result['errors']}, non-2xx {result['non_2xx']}, load {load:.1f}",
            file=sys.stderr,
        )
    return figures


def median(rounds: list[dict], kind: str, figure: str) -> float:
    """Return the median of one figure of one measurement over the rounds."""
    return statistics.median(r[kind][figure] for r in rounds)


def table(results: dict, names: list[str]) -> str:
    """Return the Markdown table: medians and ratios to Oxigraph server."""
    reference = "Oxigraph server" if "Oxigraph server" in results else names[0]
    ref = results[reference]
    lines = [
        "| server | repeated req/s (p99 ms) | × Oxigraph | unique req/s (p99 ms) | × Oxigraph "
        "| one client, unique ASK p50 ms | CPU µs/unique request | errors + non-2xx |",
        "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    for name in names:
        rounds = results[name]
        cells = [name]
        for kind in ("repeated", "unique"):
            rps = median(rounds, kind, "rps")
            cells.append(f"{rps:,.0f} ({median(rounds, kind, 'p99_us') / 1000:.1f})")
            cells.append(f"{rps / median(ref, kind, 'rps'):.2f}×")
        cells.append(f"{median(rounds, 'one_client', 'p50_us') / 1000:.2f}")
        cells.append(f"{median(rounds, 'unique', 'cpu_us'):,.0f}")
        bad = sum(r[k]["errors"] + r[k]["non_2xx"] for r in rounds for k in r)
        cells.append(str(bad))
        lines.append("| " + " | ".join(cells) + " |")
    return "\n".join(lines) + "\n"


def plot(results: dict, names: list[str], target: Path, args) -> None:
    """Draw the medians as grouped bars with the peer venv's matplotlib (skipped without it)."""
    data = {n: [median(results[n], k, "rps") for k in ("repeated", "unique")] for n in names}
    code = (
        "import json, sys, matplotlib; matplotlib.use('Agg'); import matplotlib.pyplot as plt\n"
        "data, target, title = json.loads(sys.argv[1]), sys.argv[2], sys.argv[3]\n"
        "fig, ax = plt.subplots(figsize=(8, 4), dpi=80)\n"
        "width = 0.8 / len(data)\n"
        "for i, (name, values) in enumerate(data.items()):\n"
        "    ax.bar([x + i * width for x in range(2)], values, width, label=name)\n"
        "ax.set_xticks([x + 0.4 - width / 2 for x in range(2)], ['repeated mix', 'unique mix'])\n"
        "ax.set_yscale('log'); ax.set_ylabel('requests/s (median)'); ax.set_title(title)\n"
        "ax.legend(fontsize=8); fig.tight_layout(); fig.savefig(target)\n"
    )
    title = f"{args.label}: {args.connections} connections, medians of {args.rounds} rounds"
    done = subprocess.run(
        [args.peer_python, "-c", code, json.dumps(data), str(target), title],
        capture_output=True,
        text=True,
    )
    if done.returncode:
        print(f"no plot: {done.stderr.strip().splitlines()[-1]}", file=sys.stderr)


def main() -> None:
    """Start the servers, run the interleaved rounds, write the results."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--dist", type=Path, default=Path("dist"))
    parser.add_argument("--mix", choices=("banja-luka", "heavy"), default="banja-luka")
    parser.add_argument("--data", type=Path, help="the data folder the dist was built from")
    parser.add_argument("--label", default="banja-luka", help="names the result files")
    parser.add_argument("--servers", default="ours,oxigraph,virtuoso,rdflib-endpoint")
    parser.add_argument("--peer-python", default="/work/venv-peer/bin/python")
    parser.add_argument("--oxigraph", default="/work/venv-peer/bin/oxigraph")
    parser.add_argument("--connections", type=int, default=50)
    parser.add_argument("--threads", type=int, default=2, help="wrk threads")
    parser.add_argument("--duration", type=int, default=8, help="seconds per measurement")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--processes", type=int, default=2, help="our server processes")
    parser.add_argument("--server-threads", type=int, default=4, help="our threads per process")
    parser.add_argument("--access-log", action="store_true", help="ours logs every request")
    args = parser.parse_args()
    if shutil.which("wrk") is None:
        raise SystemExit("wrk is missing: apt-get install -y wrk")
    if args.mix == "heavy" and args.data is None:
        raise SystemExit("--mix heavy needs --data (the synthetic data folder)")
    dump = (args.dist / "sister-graph.nt").resolve()
    queries = mix(args)
    wanted = args.servers.split(",")
    servers: list[dict] = []
    with tempfile.TemporaryDirectory() as scratch:
        try:
            starters = {
                "ours": ("sister-graph", lambda: start_ours(args, scratch + "/ours")),
                "oxigraph": (
                    "Oxigraph server",
                    lambda: start_oxigraph(args.oxigraph, dump, Path(scratch) / "oxigraph"),
                ),
                "virtuoso": ("Virtuoso", lambda: start_virtuoso(dump, Path(scratch) / "virtuoso")),
                "rdflib-endpoint": ("rdflib-endpoint", lambda: start_rdflib_endpoint(args, dump)),
            }
            for key in wanted:
                name, start = starters[key]
                process, base, path, ready = start()
                servers.append(
                    {"name": name, "process": process, "base": base, "path": path, "ready": ready}
                )
                paths = [(path + "?" + urllib.parse.urlencode({"query": q}), a) for q, a in queries]
                check_answers(base, paths, times=3)
                print(f"{name} ready in {ready:.2f} s", file=sys.stderr)
            results: dict[str, list[dict]] = {s["name"]: [] for s in servers}
            for number in range(args.rounds):
                print(f"round {number + 1}", file=sys.stderr)
                for server in servers:
                    results[server["name"]].append(measure(server, queries, args))
        finally:
            for server in servers:
                stop(server["process"])
    names = [s["name"] for s in servers]
    loads = [r[k]["load"] for rounds in results.values() for r in rounds for k in r]
    triples = sum(1 for line in dump.open("rb") if line.strip())
    header = (
        f"{args.label}: {triples:,} triples, {len(queries)} queries in the mix, "
        f"wrk -t{args.threads} -c{args.connections}, {args.duration} s per measurement, "
        f"medians of {args.rounds} "
        f"interleaved rounds, {os.cpu_count()} CPUs, load average (1 min) before the "
        f"measurements: min {min(loads):.1f}, median {statistics.median(loads):.1f}, "
        f"max {max(loads):.1f}. Ours: {args.processes} processes × {args.server_threads} threads, "
        f"access log {'on' if args.access_log else 'off'}, fair use off (wrk is one client)."
    )
    markdown = header + "\n\n" + table(results, names)
    print("\n" + markdown)
    RESULTS.mkdir(parents=True, exist_ok=True)
    stem = RESULTS / f"peers-{args.label}"
    stem.with_suffix(".md").write_text(markdown, encoding="utf-8")
    ready = {s["name"]: s["ready"] for s in servers}
    record = {"header": header, "results": results, "ready": ready}
    stem.with_suffix(".json").write_text(json.dumps(record, indent=1), encoding="utf-8")
    plot(results, names, stem.with_suffix(".png"), args)


if __name__ == "__main__":
    main()
