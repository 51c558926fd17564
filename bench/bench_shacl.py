"""SHACL stage benchmark: pySHACL (the reference, forked processes) against pyshacl-turbo at 1M.

A script, not a test. Generates synthetic sources (`sister-graph generate`, as bench_scale.py
does), then for each round and engine runs a child process that builds the graph as
`sister-graph build` does (pipeline.build_and_validate) and times only its `validate_graph` call,
with the engine set: wall, CPU seconds of the child and the
processes it forked, and the peak summed RSS and PSS of its process tree (sampled every 0.1 s;
the graph itself is in the baseline). Rounds are interleaved; the output gives medians, the
load averages seen, and bench/results/<stem>.{md,json}.

    /work/main/.venv/bin/python bench/bench_shacl.py                      # 1M, 2 rounds
    /work/main/.venv/bin/python bench/bench_shacl.py --triples 100000 --rounds 3
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
RESULTS = REPO / "bench" / "results"
BENCH = str(REPO / "bench")

CHILD = """
import json, os, resource, sys, threading, time
from sister_graph.build import pipeline
from sister_graph.settings import load_config
data, dist, engine = sys.argv[1], sys.argv[2], sys.argv[3]
sys.path.insert(0, sys.argv[4])
from bench_scale import _tree_kib  # summed RSS and PSS of a process tree, KiB
def tree_kib():
    return _tree_kib(os.getpid())
def cpu():
    return sum(resource.getrusage(w).ru_utime + resource.getrusage(w).ru_stime
               for w in (resource.RUSAGE_SELF, resource.RUSAGE_CHILDREN))
real, out = pipeline.validate_graph, {}
def timed(graph, shapes, *, where, **options):
    peak, running = [0, 0], [True]
    def sample():
        while running[0]:
            rss, pss = tree_kib()
            peak[0], peak[1] = max(peak[0], rss), max(peak[1], pss)
            time.sleep(0.1)
    before = tree_kib()
    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    start, start_cpu = time.perf_counter(), cpu()
    validation = real(graph, shapes, where=where, engine=engine, **options)
    wall, spent = time.perf_counter() - start, cpu() - start_cpu
    running[0] = False
    sampler.join()
    out.update(triples=len(graph), conforms=validation.conforms,
               problems=len(validation.problems), wall_s=wall, cpu_s=spent,
               graph_rss_mib=before[0] / 1024, peak_rss_mib=peak[0] / 1024,
               peak_pss_mib=peak[1] / 1024)
    return validation
pipeline.validate_graph = timed  # the build runs as `sister-graph build` does, up to SHACL
try:
    pipeline.build_and_validate(load_config({"data_dir": data, "dist_dir": dist}))
finally:
    print(json.dumps(out))
"""

ENGINES = ("pyshacl", "turbo")


def measure(data: Path, engine: str) -> dict:
    """Run one child; return its JSON line with the load average before it."""
    load = os.getloadavg()[0]
    done = subprocess.run(
        [sys.executable, "-c", CHILD, str(data), str(data.parent / "dist"), engine, BENCH],
        capture_output=True, text=True, check=False,
    )  # fmt: skip
    if done.returncode:
        raise SystemExit(f"child failed:\n{done.stderr[-3000:]}")
    return {**json.loads(done.stdout.splitlines()[-1]), "engine": engine, "load": load}


def table(runs: list[dict]) -> str:
    """Markdown table of medians per engine, with the pySHACL/engine ratios."""
    med = {
        e: {k: statistics.median(r[k] for r in runs if r["engine"] == e)
            for k in ("wall_s", "cpu_s", "peak_rss_mib", "peak_pss_mib", "graph_rss_mib")}
        for e in ENGINES
    }  # fmt: skip
    lines = [
        "| engine | wall s | CPU s | peak tree RSS MiB | peak tree PSS MiB | graph alone MiB |",
        "|---|---|---|---|---|---|",
    ]
    for e in ENGINES:
        m = med[e]
        lines.append(
            f"| {e} | {m['wall_s']:.1f} | {m['cpu_s']:.1f} | {m['peak_rss_mib']:.0f} "
            f"| {m['peak_pss_mib']:.0f} | {m['graph_rss_mib']:.0f} |"
        )
    ref, fast = med["pyshacl"], med["turbo"]
    lines.append(
        f"\npySHACL / turbo: wall {ref['wall_s'] / fast['wall_s']:.2f}x, "
        f"CPU {ref['cpu_s'] / fast['cpu_s']:.2f}x, "
        f"peak PSS {ref['peak_pss_mib'] / fast['peak_pss_mib']:.2f}x"
    )
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--triples", type=int, default=1_000_000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--rounds", type=int, default=2)
    parser.add_argument("--out", type=Path, default=RESULTS)
    parser.add_argument("--stem", default="shacl-1m")
    args = parser.parse_args()
    started = time.perf_counter()
    runs = []
    with tempfile.TemporaryDirectory(prefix="sg-shacl-") as tmp:
        data = Path(tmp) / "data"
        generate = [str(Path(sys.executable).parent / "sister-graph"), "generate"]
        options = ["--triples", str(args.triples), "--seed", str(args.seed), str(data)]
        subprocess.run([*generate, *options], check=True, capture_output=True)
        for round_ in range(args.rounds):
            for engine in ENGINES if round_ % 2 == 0 else ENGINES[::-1]:
                runs.append(measure(data, engine))
                print(json.dumps(runs[-1]), file=sys.stderr)
    verdicts = {(r["conforms"], r["problems"]) for r in runs}
    if len(verdicts) != 1:
        raise SystemExit(f"engines disagree: {verdicts}")
    loads = [r["load"] for r in runs] + [os.getloadavg()[0]]
    text = (
        f"# SHACL stage, {runs[0]['triples']:,} synthetic triples (seed {args.seed})\n\n"
        f"Medians of {args.rounds} interleaved rounds on {os.cpu_count()} CPUs; load averages "
        f"seen {min(loads):.1f}-{max(loads):.1f}; total {time.perf_counter() - started:.0f} s.\n"
        "CPU s includes forked workers; RSS/PSS are peaks of the whole process tree, the built "
        "graph included.\n\n" + table(runs) + "\n"
    )
    args.out.mkdir(parents=True, exist_ok=True)
    (args.out / f"{args.stem}.md").write_text(text)
    (args.out / f"{args.stem}.json").write_text(
        json.dumps({"runs": runs, "loads": loads}, indent=1)
    )
    print(text)


if __name__ == "__main__":
    main()
