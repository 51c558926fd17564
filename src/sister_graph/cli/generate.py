"""`sister-graph generate`: synthetic publisher folders for tests and benchmarks."""

from __future__ import annotations

from pathlib import Path

import click

from sister_graph.cli.support import progress


@click.command()
@click.argument("out_dir", type=click.Path(file_okay=False, path_type=Path))
@click.option(
    "--publishers",
    type=click.IntRange(1, 10_000),
    default=1,
    show_default=True,
    help="Publishing cities (one folder each).",
)
@click.option("--agreements", type=click.IntRange(1), help="Agreements per publisher.")
@click.option(
    "--triples",
    type=click.IntRange(1_000),
    help="Size by the triples the build will make (about), instead of --agreements.",
)
@click.option("--seed", type=int, default=0, show_default=True, help="Same seed, same files.")
@click.option(
    "--shared",
    type=click.FloatRange(0, 1),
    default=0.25,
    show_default=True,
    help="Share of each publisher's partners drawn from a pool common to all.",
)
def generate(
    out_dir: Path,
    publishers: int,
    agreements: int | None,
    triples: int | None,
    seed: int,
    shared: float,
) -> None:
    """Write synthetic publisher folders of the shape of data/ (for tests and benchmarks)."""
    from sister_graph.build.synthetic import (
        agreements_for_triples,
        build_synthetic,
        write_synthetic,
    )

    if (agreements is None) == (triples is None):
        raise click.UsageError("give either --agreements or --triples")
    if out_dir.exists() and any(out_dir.iterdir()):
        raise click.UsageError(f"{out_dir} is not empty; give a new or empty folder")
    per = agreements or agreements_for_triples(triples, publishers=publishers)
    progress(f"generating {publishers} publisher(s) x {per} agreements (seed {seed})")
    files = build_synthetic(publishers=publishers, agreements=per, seed=seed, shared=shared)
    write_synthetic(files, out_dir)
    click.echo(f"wrote {len(files)} files to {out_dir}/ ({publishers} x {per} agreements)")
