"""Scale benchmark: build, SHACL, publish, store load, cold start, endpoint load, 1k..1M triples.

A script, not a test. For each size it generates synthetic sources (`sister-graph generate`),
then measures in child processes (peak RSS by /usr/bin/time): read+build, SHACL validation and
publish (dist/ written); bulk load of the on-disk query store; server start with an empty store
(load included) and cold start with the persisted store (process start to /health 200); and
throughput and p50/p99 latency under wrk for a fixed mix (lookups, aggregates by year and
country, DESCRIBE, property paths), for our server (results cache off and on) and for
rdflib-endpoint serving the same dump. The real Banja Luka graph is measured the same way.
Writes bench/results/scale.{md,json,png} and prints ratios.

Setup is automatic: wrk must be installed (apt-get install -y wrk); the peer venv
(rdflib-endpoint, uvicorn, matplotlib; not our dependencies) is created if missing.

    /work/venv/bin/python bench/bench_scale.py                    # 1k, 10k, 100k, 1M
    /work/venv/bin/python bench/bench_scale.py --sizes 1000,10000 --duration 5
    /work/venv/bin/python bench/bench_scale.py --sizes 1000000 --pipeline-only
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bench_endpoint import OURS, PEER, check_answers, free_port, run_wrk, wait_until_ready  # noqa: E402
from scale_queries import query_mix  # noqa: E402

REPO = Path(__file__).resolve().parent.parent
RESULTS = REPO / "bench" / "results"
PEER_PACKAGES = ("rdflib-endpoint", "uvicorn", "matplotlib")

STAGES = """
import json, resource, sys, time
from sister_graph.settings import load_config
from sister_graph.build.pipeline import build_dist
marks, cpu_marks, rss_marks = {}, {}, {}
def cpu():
    return sum(resource.getrusage(who).ru_utime + resource.getrusage(who).ru_stime
               for who in (resource.RUSAGE_SELF, resource.RUSAGE_CHILDREN))
def peak_mib():
    return max(resource.getrusage(who).ru_maxrss
               for who in (resource.RUSAGE_SELF, resource.RUSAGE_CHILDREN)) / 1024
def progress(message):
    word = message.split()[0]
    marks.setdefault(word, time.perf_counter())
    cpu_marks.setdefault(word, cpu())
    rss_marks.setdefault(word, peak_mib())
config = load_config({"data_dir": sys.argv[1], "dist_dir": sys.argv[2]})
start = time.perf_counter()
built = build_dist(config, progress)  # what `sister-graph build` runs
end, end_cpu = time.perf_counter(), cpu()
# SHACL runs in a thread beside the dumps (pipeline.build_dist): from "validating" to
# "validated"; publishing from the first dump ("serialising") to the end; the total is the
# wall time, not their sum. CPU: build, then SHACL and publishing together (one process).
built_at = min(marks["validating"], marks["serialising"])
built_cpu = min(cpu_marks["validating"], cpu_marks["serialising"])
print(json.dumps({"triples": len(built.graph), "build_s": built_at - start,
                  "validate_s": marks["validated"] - marks["validating"],
                  "publish_s": end - marks["serialising"],
                  "pipeline_s": end - start, "overlapped": True,
                  "validate_rss_mib": rss_marks["validated"],
                  "build_cpu_s": built_cpu,
                  "validate_cpu_s": 0.0,
                  "publish_cpu_s": end_cpu - built_cpu}))
"""

LOAD = """
import json, sys, time
from pathlib import Path
from sister_graph.query.store import load_disk_store, read_dataset
start = time.perf_counter()
_, count = load_disk_store(read_dataset(Path(sys.argv[1])), Path(sys.argv[2]))
print(json.dumps({"load_s": time.perf_counter() - start, "loaded": count}))
"""


def ensure_peer_venv(venv: Path) -> Path:
    """Create the peer venv with rdflib-endpoint and matplotlib if it is missing."""
    python = venv / "bin" / "python"
    if not python.exists():
        print(f"creating {venv} ({', '.join(PEER_PACKAGES)})", file=sys.stderr)
        subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
        subprocess.run([str(python), "-m", "pip", "install", "-q", *PEER_PACKAGES], check=True)
    return python


def _tree_kib(root: int) -> tuple[int, int]:
    """Return (RSS, PSS) in KiB summed over a process and all its descendants (Linux /proc)."""
    children: dict[int, list[int]] = {}
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                with open(f"/proc/{entry}/stat", encoding="ascii", errors="replace") as handle:
                    ppid = int(handle.read().rpartition(")")[2].split()[1])
            except (OSError, ValueError, IndexError):
                continue
            children.setdefault(ppid, []).append(int(entry))
    rss = pss = 0
    todo = [root]
    while todo:
        pid = todo.pop()
        todo.extend(children.get(pid, ()))
        try:
            with open(f"/proc/{pid}/smaps_rollup", encoding="ascii") as handle:
                for line in handle:
                    if line.startswith("Rss:"):
                        rss += int(line.split()[1])
                    elif line.startswith("Pss:"):
                        pss += int(line.split()[1])
        except OSError:
            continue
    return rss, pss


def timed_child(code: str, *args: str) -> dict:
    """Run a Python child under /usr/bin/time; return its JSON line, wall time and peak memory.

    rss_mib is the largest single process (/usr/bin/time); tree_rss_mib and tree_pss_mib are
    the peaks of the whole process tree's summed RSS and PSS (forked workers share pages: PSS
    counts a shared page once), sampled every 0.1 s.
    """
    with tempfile.NamedTemporaryFile("r", suffix=".time") as usage:
        started = time.perf_counter()
        timer = ["/usr/bin/time", "-o", usage.name, "-f", "%U %S %M"]
        process = subprocess.Popen(
            [*timer, sys.executable, "-c", code, *args],
            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
        )  # fmt: skip
        peak_rss = peak_pss = 0
        sink: dict[str, str] = {}
        readers = [
            threading.Thread(target=lambda: sink.update(out=process.stdout.read())),
            threading.Thread(target=lambda: sink.update(err=process.stderr.read())),
        ]
        for reader in readers:
            reader.start()
        while process.poll() is None:
            rss, pss = _tree_kib(process.pid)
            peak_rss, peak_pss = max(peak_rss, rss), max(peak_pss, pss)
            time.sleep(0.1)
        for reader in readers:
            reader.join()
        wall = time.perf_counter() - started
        if process.returncode:
            raise SystemExit(f"child failed:\n{sink.get('err', '')[-3000:]}")
        user, system, rss_kib = usage.read().split()[-3:]
    cpu = float(user) + float(system)  # of this process and the children it waited for
    return {**json.loads(sink["out"].splitlines()[-1]), "wall_s": wall, "cpu_s": cpu,
            "rss_mib": int(rss_kib) / 1024, "tree_rss_mib": peak_rss / 1024,
            "tree_pss_mib": peak_pss / 1024}  # fmt: skip


def serve(command: list[str], ready_url: str, *, cap: float) -> tuple[subprocess.Popen, float]:
    """Start a server; return it and the seconds from process start to ready_url answering 200."""
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        return process, wait_until_ready(ready_url, process, timeout=cap)
    except BaseException:
        stop(process)
        raise


def stop(process: subprocess.Popen) -> None:
    """Stop a server this script started."""
    process.terminate()
    try:
        process.wait(timeout=30)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()


def load_test(base: str, prefix: str, mix, args) -> dict:
    """Warm up (each query once, all must answer 200), then replay the mix with wrk."""
    paths = [(prefix + "?" + urllib.parse.urlencode({"query": q}), a) for _, q, a in mix]
    check_answers(base, paths)
    return run_wrk(
        base, paths, connections=args.connections, duration=args.duration, threads=args.threads
    )


def measure_servers(dist: Path, mix, args, peer_python: Path) -> dict:
    """Measure our server (first start, cold start, cache off/on) and rdflib-endpoint."""
    out: dict = {}
    with tempfile.TemporaryDirectory() as store_dir:
        for label, cache in (("ours_nocache", 0), ("ours_cache", 512)):
            port = free_port()
            base = f"http://127.0.0.1:{port}"
            settings = [dist, port, cache, store_dir, args.processes, args.server_threads]
            command = [sys.executable, "-c", OURS, *map(str, settings)]
            process, ready = serve(command, base + "/health", cap=args.cap)
            out["first_start_s" if cache == 0 else "cold_start_s"] = ready
            try:
                out[label] = load_test(base, "/sparql", mix, args)
            finally:
                stop(process)
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    ready_url = base + "/?" + urllib.parse.urlencode({"query": "ASK {}"})
    command = [str(peer_python), "-c", PEER, str(dist / "sister-graph.nt"), str(port)]
    try:
        process, out["peer_start_s"] = serve(command, ready_url, cap=args.peer_cap)
    except SystemExit as err:
        out["peer"] = {"skipped": f"not ready within the {args.peer_cap:g} s cap ({err})"}
        return out
    try:
        out["peer"] = load_test(base, "/", mix, args)
    finally:
        stop(process)
    return out


def measure_size(name: str, data: Path, work: Path, args, peer_python: Path) -> dict:
    """Run every stage for one data folder and return its figures."""
    dist = work / "dist"
    print(f"[{name}] build + validate + publish", file=sys.stderr)
    row = {"name": name, **timed_child(STAGES, str(data), str(dist))}
    print(f"[{name}] store load", file=sys.stderr)
    load = timed_child(LOAD, str(dist), str(work / "store"))
    row.update(load_s=load["load_s"], load_rss_mib=load["rss_mib"])
    print(f"[{name}] {json.dumps(row)}", file=sys.stderr)
    if not args.pipeline_only:
        print(f"[{name}] servers", file=sys.stderr)
        row.update(measure_servers(dist, query_mix(data), args, peer_python))
    return row


def main() -> None:
    """Run the benchmark; write the Markdown table, JSON and plot; print ratios."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="1000,10000,100000,1000000")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--duration", type=int, default=8, help="seconds of wrk per server")
    parser.add_argument("--connections", type=int, default=16)
    parser.add_argument("--threads", type=int, default=2, help="wrk threads")
    parser.add_argument("--processes", type=int, default=2, help="our server processes")
    parser.add_argument("--server-threads", type=int, default=8, help="our threads per process")
    parser.add_argument("--cap", type=float, default=120, help="readiness cap of our server, s")
    parser.add_argument("--peer-cap", type=float, default=240, help="readiness cap of the peer, s")
    parser.add_argument("--peer-venv", type=Path, default=Path("/work/venv-peer"))
    parser.add_argument("--out", type=Path, default=RESULTS)
    parser.add_argument("--stem", default="scale", help="result files: <out>/<stem>.{md,json,png}")
    parser.add_argument(
        "--pipeline-only",
        action="store_true",
        help="build, SHACL, publish and store load only (no servers, no wrk)",
    )
    args = parser.parse_args()
    needs_wrk = not args.pipeline_only
    if (needs_wrk and shutil.which("wrk") is None) or not Path("/usr/bin/time").exists():
        raise SystemExit("needs wrk and /usr/bin/time: apt-get install -y wrk time")
    peer_python = ensure_peer_venv(args.peer_venv)
    started, load_before = time.perf_counter(), os.getloadavg()[0]
    rows = []
    with tempfile.TemporaryDirectory(prefix="sg-bench-") as tmp:
        rows.append(measure_size("Banja Luka", REPO / "data", Path(tmp) / "bl", args, peer_python))
        for size in (int(s) for s in args.sizes.split(",")):
            work = Path(tmp) / str(size)
            data = work / "data"
            generate = [str(Path(sys.executable).parent / "sister-graph"), "generate"]
            subprocess.run([*generate, "--triples", str(size), "--seed", str(args.seed), str(data)],
                           check=True, capture_output=True)  # fmt: skip
            rows.append(measure_size(f"{size:,}", data, work, args, peer_python))
            shutil.rmtree(work, ignore_errors=True)
    meta = {
        "cpus": os.cpu_count(), "load_before": load_before, "load_after": os.getloadavg()[0],
        "total_s": time.perf_counter() - started, "duration": args.duration,
        "connections": args.connections, "peer_cap_s": args.peer_cap,
        "pipeline_only": args.pipeline_only, "stem": args.stem,
        "load_averages": [load_before, os.getloadavg()[0]],
    }  # fmt: skip
    from scale_report import write_report

    write_report(rows, meta, args.out, peer_python)


if __name__ == "__main__":
    main()
