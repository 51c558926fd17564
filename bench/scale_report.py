"""Turn the scale benchmark's figures into bench/results/scale.{json,md,png} and print ratios."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

PLOT = Path(__file__).resolve().parent / "plot_scale.py"
TARGETS = (
    "endpoint throughput >= 10x rdflib-endpoint at every size (cache off)",
    "read, build, validate and write dist/ of 1M triples < 90 s, peak RSS < 2 GiB",
    "server cold start < 1 s on the Banja Luka graph",
    "store load of a 1M-triple dump < 10 s",
)


def _ratio(a: float | None, b: float | None) -> str:
    if a and b == 0:
        return "∞ (peer: 0 done)"
    return f"{a / b:.1f}×" if a and b else "n/a"


def _rps(row: dict, key: str) -> float | None:
    return row.get(key, {}).get("rps")


def _ms(row: dict, key: str, pct: str) -> str:
    value = row.get(key, {}).get(f"{pct}_us")
    if not row.get(key, {}).get("requests"):
        return "n/a"
    return f"{value / 1000:.1f}" if value is not None else "n/a"


def _seconds(row: dict, key: str) -> str:
    return f"{row[key]:.2f}" if key in row else "n/a"


def pipeline_table(rows: list[dict]) -> list[str]:
    """Return the Markdown table of build, SHACL, publish, load and start times."""
    lines = [
        "| data | triples | read+build s | SHACL s | publish s | total s | peak RSS MiB: largest "
        "process / whole tree (PSS) | store load s "
        "| first start s | cold start s | CPU s: build / SHACL / publish |",
        "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    for r in rows:
        tree = (
            f" / {r['tree_rss_mib']:.0f} ({r['tree_pss_mib']:.0f})" if "tree_rss_mib" in r else ""
        )
        total = r.get("pipeline_s", r["build_s"] + r["validate_s"] + r["publish_s"])
        cpu_after = (
            f"SHACL+publish {r.get('publish_cpu_s', 0):.1f}"
            if r.get("overlapped")
            else f"{r.get('validate_cpu_s', 0):.1f} / {r.get('publish_cpu_s', 0):.1f}"
        )
        lines.append(
            f"| {r['name']} | {r['triples']:,} | {r['build_s']:.1f} | {r['validate_s']:.1f} "
            f"| {r['publish_s']:.1f} | {total:.1f} | {r['rss_mib']:.0f}{tree} "
            f"| {r['load_s']:.2f} "
            f"| {_seconds(r, 'first_start_s')} | {_seconds(r, 'cold_start_s')} "
            f"| {r.get('build_cpu_s', 0):.1f} / {cpu_after} |"
        )
    return lines


def endpoint_table(rows: list[dict]) -> list[str]:
    """Return the Markdown table of throughput and latency, ours against the peer."""
    lines = [
        "| data | ours req/s (cache off) | p50 / p99 ms | ours req/s (cache on) | p50 / p99 ms "
        "| rdflib-endpoint req/s | p50 / p99 ms | peer ready s | ratio off | ratio on |",
        "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    for r in rows:
        peer = r.get("peer", {})
        peer_rps = f"{peer['rps']:.1f}" if "rps" in peer else peer.get("skipped", "n/a")
        peer_ready = f"{r['peer_start_s']:.1f}" if "peer_start_s" in r else "capped"
        lines.append(
            f"| {r['name']} | {_rps(r, 'ours_nocache'):.0f} "
            f"| {_ms(r, 'ours_nocache', 'p50')} / {_ms(r, 'ours_nocache', 'p99')} "
            f"| {_rps(r, 'ours_cache'):.0f} "
            f"| {_ms(r, 'ours_cache', 'p50')} / {_ms(r, 'ours_cache', 'p99')} "
            f"| {peer_rps} | {_ms(r, 'peer', 'p50')} / {_ms(r, 'peer', 'p99')} | {peer_ready} "
            f"| {_ratio(_rps(r, 'ours_nocache'), _rps(r, 'peer'))} "
            f"| {_ratio(_rps(r, 'ours_cache'), _rps(r, 'peer'))} |"
        )
    return lines


def errors_line(rows: list[dict]) -> str:
    """Say how many requests failed or timed out under load, per server."""
    parts = []
    for r in rows:
        counts = [f"{k}={r[k]['errors']}" for k in ("ours_nocache", "ours_cache", "peer")
                  if "errors" in r.get(k, {})]  # fmt: skip
        parts.append(f"{r['name']}: {', '.join(counts)}")
    return "Errors (wrk connect/read/write/status/timeout): " + "; ".join(parts) + "."


def write_report(rows: list[dict], meta: dict, out: Path, peer_python: Path) -> None:
    """Write the JSON, Markdown and PNG results and print the ratios."""
    out.mkdir(parents=True, exist_ok=True)
    stem = meta.get("stem", "scale")
    (out / f"{stem}.json").write_text(json.dumps({"meta": meta, "rows": rows}, indent=1) + "\n")
    head = (
        f"{meta['cpus']} CPUs, load average {meta['load_before']:.1f} before and "
        f"{meta['load_after']:.1f} after (shared machine), "
        f"whole run {meta['total_s'] / 60:.1f} min"
        + (
            "; pipeline only (no servers)."
            if meta.get("pipeline_only")
            else (
                f"; wrk {meta['connections']} connections, {meta['duration']} s per server; peer "
                f"readiness capped at {meta['peer_cap_s']:.0f} s."
            )
        )
        + " The pipeline is `sister-graph build` (build_dist): read+build until SHACL starts; "
        "SHACL runs in a thread beside publishing (dumps, round-trip checks, catalog check and "
        "writing dist/), so the total is the wall time from start to end, less than the sum "
        "of the stages. Peak RSS: the largest single process (/usr/bin/time), and the "
        "whole process tree's summed RSS and PSS (sampled every 0.1 s; forked SHACL workers "
        "share the parent's pages, which PSS counts once)."
    )
    text = ["# Scale benchmark", "", head, "", "## Pipeline", "", *pipeline_table(rows), ""]
    if not meta.get("pipeline_only"):
        text += ["## Endpoint (same dump, same query mix)", "", *endpoint_table(rows), "",
                 errors_line(rows), ""]  # fmt: skip
    (out / f"{stem}.md").write_text("\n".join(text))
    plot = [str(peer_python), str(PLOT), str(out / f"{stem}.json"), str(out / f"{stem}.png")]
    subprocess.run(plot, check=False)
    print("\n".join(text))
    print("ratios (ours cache off / rdflib-endpoint, requests/s):", file=sys.stderr)
    for r in rows:
        if not meta.get("pipeline_only"):
            ratio = _ratio(_rps(r, "ours_nocache"), _rps(r, "peer"))
            print(f"  {r['name']}: {ratio}", file=sys.stderr)


def comparison_table(before: dict, after: dict) -> list[str]:
    """Return a Markdown table of two pipeline runs side by side, with after/before ratios."""
    lines = [
        "| data | stage | before s | after s | after / before |",
        "| --- | --- | ---: | ---: | ---: |",
    ]
    earlier = {r["name"]: r for r in before["rows"]}
    for r in after["rows"]:
        b = earlier.get(r["name"])
        if b is None:
            continue
        for key, label in (
            ("build_s", "read+build"),
            ("validate_s", "SHACL"),
            ("publish_s", "publish"),
            ("load_s", "store load"),
            ("rss_mib", "peak RSS, largest process (MiB)"),
            ("tree_pss_mib", "peak PSS, whole tree (MiB)"),
        ):
            if key in r and key in b:
                lines.append(
                    f"| {r['name']} | {label} | {b[key]:.1f} | {r[key]:.1f} "
                    f"| {r[key] / b[key]:.2f} |"
                )
        total_b = b.get("pipeline_s", b["build_s"] + b["validate_s"] + b["publish_s"])
        total_a = r.get("pipeline_s", r["build_s"] + r["validate_s"] + r["publish_s"])
        lines.append(
            f"| {r['name']} | total pipeline | {total_b:.1f} | {total_a:.1f} "
            f"| {total_a / total_b:.2f} |"
        )
    return lines


if __name__ == "__main__":
    # python bench/scale_report.py BEFORE.json AFTER.json: the two runs side by side
    runs = [json.loads(Path(name).read_text()) for name in sys.argv[1:3]]
    print("\n".join(comparison_table(*runs)))
