"""The command line: one command per pipeline stage (build, validate, query, serve)."""

from __future__ import annotations

import os
import signal
import sys
from pathlib import Path


def _interrupted(signum: int, frame: object) -> None:
    """Ctrl-C while the program loads, before any command runs: one line, exit 130."""
    os.write(2, b"interrupted\n")
    os._exit(130)


# Run as the program (not imported by a library or a test): Ctrl-C in the first second, while
# its modules load, was a KeyboardInterrupt traceback from deep inside an import. main() hands
# SIGINT back to Python once the command line can report it.
_PROGRAM = Path(sys.argv[0]) if sys.argv else Path()
if (
    _PROGRAM.name == "sister-graph" or _PROGRAM.parts[-2:] == ("sister_graph", "__main__.py")
) and signal.getsignal(signal.SIGINT) is signal.default_int_handler:
    signal.signal(signal.SIGINT, _interrupted)

import click  # noqa: E402 - after the handler: importing the command line takes a while

from sister_graph.cli.generate import generate  # noqa: E402
from sister_graph.cli.support import (  # noqa: E402
    CommandGroup,
    config_from,
    progress,
    setting_options,
)
from sister_graph.errors import BadArgument  # noqa: E402
from sister_graph.query.console import FORMAT_NAMES  # noqa: E402
from sister_graph.settings import (  # noqa: E402
    PASSWORD_VARIABLE,
    USER_VARIABLE,
    unknown_variables,
)


@click.group(cls=CommandGroup, context_settings={"help_option_names": ["-h", "--help"]})
@setting_options("")
@click.version_option(package_name="sister-graph")
@click.pass_context
def cli(ctx: click.Context, **options: str | None):
    """Publish a city's international cooperation as validated linked data."""
    for line in unknown_variables():
        click.echo(f"warning: {line}", err=True)
    ctx.obj = options


@cli.command()
@setting_options("build")
@click.pass_context
def build(ctx: click.Context, **options: str | None) -> None:
    """Read data/, build and validate the graph, and write dist/ (all or nothing)."""
    from sister_graph.build.pipeline import build_dist

    config = config_from(ctx, **options)
    built = build_dist(config, progress)
    _KEPT.append(built)  # freed by the process's exit, not one object at a time (see main)
    _summary(config, built)


def _summary(config, built) -> None:
    """Say what a build wrote: triples, conformance, the catalog's warnings."""
    click.echo(f"built {config.dist_dir}/: {len(built.graph)} triples, conforms to the shapes")
    verdict = built.catalog
    if verdict is not None:
        click.echo(
            f"catalog.ttl conforms to DCAT-AP 3.0.1: 0 violations, {len(verdict.warnings)} "
            f"warning(s), {len(verdict.advised_publishers)} publisher(s) without an EU "
            "corporate-body IRI"
        )
        for line in verdict.warnings:
            click.echo(f"  warning: {line}", err=True)


@cli.command()
@setting_options("validate")
@click.pass_context
def validate(ctx: click.Context, **options: str | None) -> None:
    """Check the sources and the SHACL shapes without writing anything."""
    from sister_graph.build.pipeline import build_and_validate

    built = build_and_validate(config_from(ctx, **options), progress)
    click.echo(f"valid: {len(built.graph)} triples conform to the shapes")


@cli.command()
@click.argument("query", required=False)
@click.option(
    "-f",
    "--file",
    "query_file",
    type=click.File(encoding="utf-8-sig"),  # a leading byte order mark is no part of it
    help="Read the query from this file ('-' for standard input).",
)
@click.option(
    "--format",
    "fmt",
    type=click.Choice(FORMAT_NAMES),
    default="table",
    show_default=True,
    help="table: a text table (SELECT), true/false (ASK), Turtle (CONSTRUCT, DESCRIBE); "
    "or a SPARQL results or RDF format, as /sparql?format= gives it.",
)
@click.option(
    "--default-graph-uri",
    "default_graphs",
    multiple=True,
    metavar="IRI",
    help="A graph of the default graph, as the protocol's default-graph-uri (repeatable).",
)
@click.option(
    "--named-graph-uri",
    "named_graphs",
    multiple=True,
    metavar="IRI",
    help="A named graph, as the protocol's named-graph-uri (repeatable).",
)
@setting_options("query")
@click.pass_context
def query(
    ctx: click.Context,
    query: str | None,
    query_file,
    fmt: str,
    default_graphs,
    named_graphs,
    **options,
) -> None:
    """Run a SPARQL query over dist/ through the same service as /sparql and print the answer."""
    from sister_graph.query.console import run_query

    if (query is None) == (query_file is None):
        raise click.UsageError("give the query either as an argument or with --file")
    try:
        text = query if query is not None else query_file.read()
    except UnicodeDecodeError as err:
        raise BadArgument(
            f"--file: {query_file.name} is not UTF-8 text (byte {err.start})"
        ) from None
    try:
        text.encode("utf-8")
    except UnicodeEncodeError as err:  # argv bytes not UTF-8 arrive as lone surrogates
        byte = len(text[: err.start].encode("utf-8", "surrogateescape"))
        raise BadArgument(f"the query argument is not UTF-8 text (byte {byte})") from None
    config = config_from(ctx, **options)
    answer = run_query(
        config,
        text,
        fmt=fmt,
        default_graphs=tuple(default_graphs),
        named_graphs=tuple(named_graphs),
    )
    click.echo(answer, nl=False)


@cli.command()
@setting_options("serve")
@click.option("--rebuild", is_flag=True, help="Build dist/ first even if it exists.")
@click.option("--debug", is_flag=True, help="Flask's reloading debug server (development only).")
@click.pass_context
def serve(ctx: click.Context, rebuild: bool, debug: bool, **options) -> None:
    """Serve dist/ over HTTP (SPARQL endpoint, pages, dumps), building it first if needed."""
    from sister_graph.build.pipeline import build_dist
    from sister_graph.dist.files import CHECKSUMS
    from sister_graph.web.server import run

    config = config_from(ctx, **options)
    if rebuild or not (config.dist_dir / CHECKSUMS).is_file():
        _summary(config, build_dist(config, progress))  # as `sister-graph build` says it
    run(config, debug=debug)


@cli.command()
@click.option(
    "--graph-store",
    "endpoint",
    required=True,
    metavar="URL",
    help="Graph Store Protocol endpoint, e.g. http://host:8890/sparql-graph-crud-auth.",
)
@click.option(
    "--graph",
    metavar="IRI",
    help="Named graph to replace [default: <base>graph, the graph 'serve --store' reads].",
)
@click.option(
    "--user",
    envvar=USER_VARIABLE,
    help=f"User for HTTP digest/basic auth [env {USER_VARIABLE}].",
)
@click.option(
    "--password",
    envvar=PASSWORD_VARIABLE,
    help=f"Password [env {PASSWORD_VARIABLE}; prefer the variable].",
)
@click.option(
    "--timeout",
    type=click.FloatRange(1, 86400),
    default=600.0,
    show_default=True,
    help="Seconds to wait for the server to take the upload.",
)
@click.pass_context
def push(ctx: click.Context, endpoint: str, graph: str | None, user, password, timeout) -> None:
    """Graph Store push: PUT the checked N-Triples dump of dist/ into one graph of a SPARQL 1.1
    Graph Store (replacing it). "Publish" is the build writing dist/; this uploads it."""
    from sister_graph.build.graph_store_push import push_graph
    from sister_graph.dist.files import check_dist
    from sister_graph.rdf.formats import NTRIPLES, dump_name
    from sister_graph.rdf.namespaces import dataset_graph

    config = config_from(ctx)
    check_dist(config.dist_dir)
    dump = config.dist_dir / dump_name(NTRIPLES)
    graph = graph or dataset_graph(config.base)
    progress(f"uploading {dump} to <{graph}> at {endpoint}")
    pushed = push_graph(endpoint, dump, graph=graph, user=user, password=password, timeout=timeout)
    click.echo(f"pushed {pushed.bytes} bytes to <{graph}> (HTTP {pushed.status})")


@cli.command()
@click.argument("folder", metavar="DIR", type=click.Path(file_okay=False, path_type=Path))
@click.option(
    "--page",
    required=True,
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    help="The city's page on international cooperation, saved as UTF-8 text.",
)
@click.option("--url", required=True, help="Where the page was published (http or https).")
@click.option("--language", default="sr-Latn", show_default=True, help="The page's language tag.")
@setting_options("validate")
@click.pass_context
def init(ctx: click.Context, folder: Path, page: Path, url: str, language: str, **options) -> None:
    """Create a publisher folder DIR from its page, with proposed rows to review.

    The page is copied into DIR/source/ byte for byte; the CSV files get their headers and the
    rows recognised in the page text (dates, cities already in data/, agreement types), each
    with a 'review' cell. Check every row, fill what is empty, delete the 'review' column.
    """
    from sister_graph.build.scaffold import write_publisher_folder

    config = config_from(ctx, **options)
    counts = write_publisher_folder(
        folder, page=page, url=url, data_dir=config.data_dir, language=language
    )
    proposed = ", ".join(f"{n} in {name}" for name, n in counts.items() if n)
    click.echo(f"wrote {folder}/: proposed rows {proposed}; review each, then delete 'review'")


cli.add_command(generate)

# What a finished command built: a million-triple graph is millions of objects, and freeing
# them one by one took 13.5 s after the build had ended; main() ends the process instead.
_KEPT: list[object] = []


def main() -> None:
    """Entry point of the console script."""
    if signal.getsignal(signal.SIGINT) is _interrupted:
        signal.signal(signal.SIGINT, signal.default_int_handler)  # CommandGroup reports it
    try:
        cli.main(prog_name="sister-graph", standalone_mode=True)
    except KeyboardInterrupt:  # between the handler and the command (click reports the rest)
        _interrupted(signal.SIGINT, None)
    except SystemExit as done:
        if not _KEPT:
            raise
        sys.stdout.flush()
        sys.stderr.flush()
        os._exit(0 if done.code is None else done.code if isinstance(done.code, int) else 1)
