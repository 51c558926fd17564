"""Plot bench/results/scale.json (run with the bench venv's Python, where matplotlib lives)."""

from __future__ import annotations

import json
import sys

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402


def main(source: str, target: str) -> None:
    """Draw requests/s and pipeline seconds against triples, log-log."""
    with open(source, encoding="utf-8") as handle:
        rows = [r for r in json.load(handle)["rows"] if r["name"] != "Banja Luka"]
    triples = [r["triples"] for r in rows]
    fig, (left, right) = plt.subplots(1, 2, figsize=(10, 4), dpi=80)
    for key, label in (
        ("ours_nocache", "sister-graph, cache off"),
        ("ours_cache", "sister-graph, cache on"),
        ("peer", "rdflib-endpoint"),
    ):
        points = [
            (t, r[key]["rps"])
            for t, r in zip(triples, rows, strict=True)
            if "rps" in r.get(key, {})
        ]
        if points:
            left.plot(*zip(*points, strict=True), marker="o", label=label)
    if not any("rps" in r.get("ours_nocache", {}) for r in rows):
        left.text(0.5, 0.5, "pipeline-only run: no endpoint figures", ha="center",
                  transform=left.transAxes)  # fmt: skip
    left.set(
        xscale="log",
        yscale="log",
        xlabel="triples",
        ylabel="requests/s",
        title="Endpoint throughput, same query mix",
    )
    left.legend()
    for key, label in (
        ("build_s", "read + build"),
        ("validate_s", "SHACL"),
        ("publish_s", "publish (4 dumps)"),
        ("load_s", "store load"),
    ):
        right.plot(triples, [r[key] for r in rows], marker="o", label=label)
    right.set(
        xscale="log", yscale="log", xlabel="triples", ylabel="seconds", title="Pipeline stages"
    )
    right.legend()
    fig.tight_layout()
    fig.savefig(target)


if __name__ == "__main__":
    main(*sys.argv[1:3])
