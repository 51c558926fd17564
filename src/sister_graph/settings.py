"""Settings: one table (name, default, env variable, help) feeds the CLI, the app and docs."""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass, fields, replace
from pathlib import Path

DEFAULT_BASE = "https://w3id.org/sister-graph/"


@dataclass(frozen=True)
class Setting:
    """One configurable value: its default, environment variable and help text."""

    name: str
    default: object
    help: str

    @property
    def env(self) -> str:
        return "SISTER_GRAPH_" + self.name.upper()


SETTINGS: tuple[Setting, ...] = (
    Setting("base", DEFAULT_BASE, "Base IRI of every minted IRI (ends with '/')."),
    Setting("data_dir", "data", "Folder of source data: one sub-folder per publishing city."),
    Setting("dist_dir", "dist", "Folder the build writes and the server serves."),
    Setting("ontology_file", "ontology/sister-graph.ttl", "The project's vocabulary (Turtle)."),
    Setting("shapes_dir", "shapes", "Folder of SHACL shapes (*.ttl) the graph must conform to."),
    Setting("release_date", "", "Date of the release (YYYY-MM-DD) for dct:issued; empty: none."),
    Setting("host", "127.0.0.1", "Interface the server listens on."),
    Setting("port", 8000, "TCP port the server listens on."),
    Setting("processes", 2, "HTTP server processes, pre-forked; each has its own query pool."),
    Setting("threads", 4, "HTTP worker threads of each server process."),
    Setting("query_workers", 2, "Query worker processes (each can be killed on timeout)."),
    Setting("query_timeout", 10.0, "Wall-clock limit of one SPARQL query, in seconds."),
    Setting("max_query_bytes", 65536, "Largest accepted SPARQL query, in bytes (larger: 413)."),
    Setting("max_body_bytes", 262144, "Largest accepted request body, in bytes (larger: 413)."),
    Setting("max_rows", 10000, "Most result rows returned; more are cut and the cut is reported."),
    Setting("cache_entries", 512, "Results kept in the in-memory cache (0 turns it off)."),
    Setting(
        "cache_bytes",
        64 << 20,
        "Bytes of results cached per server process; one over a quarter of it is not kept.",
    ),
    Setting(
        "max_result_bytes",
        32 << 20,
        "Largest SPARQL answer, in bytes (larger: 422 result-too-large; add a LIMIT).",
    ),
    Setting("store", "", "URL of a remote SPARQL endpoint to serve from; empty: embedded store."),
    Setting("store_dir", "", "On-disk query stores, one per dataset; empty: dist/.store."),
    Setting("cache_seconds", 300, "Max-age of SPARQL responses in Cache-Control, in seconds."),
    Setting("license", "http://creativecommons.org/licenses/by/4.0/", "Licence of the dumps."),
)


@dataclass(frozen=True)
class Config:
    """Resolved settings for one run."""

    base: str = DEFAULT_BASE
    data_dir: Path = Path("data")
    dist_dir: Path = Path("dist")
    ontology_file: Path = Path("ontology/sister-graph.ttl")
    shapes_dir: Path = Path("shapes")
    release_date: str = ""
    host: str = "127.0.0.1"
    port: int = 8000
    processes: int = 2
    threads: int = 4
    query_workers: int = 2
    query_timeout: float = 10.0
    max_query_bytes: int = 65536
    max_body_bytes: int = 262144
    max_rows: int = 10000
    cache_entries: int = 512
    cache_bytes: int = 64 << 20
    max_result_bytes: int = 32 << 20
    store: str = ""
    store_dir: str = ""
    cache_seconds: int = 300
    license: str = "http://creativecommons.org/licenses/by/4.0/"

    def with_(self, **changes: object) -> Config:
        """Return a copy with the given settings changed (None values are ignored)."""
        return replace(self, **{k: v for k, v in changes.items() if v is not None})


def _coerce(name: str, raw: object) -> object:
    kind = {f.name: f.type for f in fields(Config)}[name]
    try:
        if kind == "Path":
            return Path(str(raw))
        if kind == "int":
            return int(raw)
        if kind == "float":
            return float(raw)
    except ValueError as err:
        raise ValueError(f"setting {name}: {raw!r} is not a valid {kind}") from err
    return str(raw)


def load_config(overrides: Mapping[str, object] | None = None, *, environ=None) -> Config:
    """Resolve settings: explicit overrides, then SISTER_GRAPH_* variables, then defaults."""
    environ = os.environ if environ is None else environ
    values: dict[str, object] = {}
    for setting in SETTINGS:
        if setting.env in environ:
            values[setting.name] = _coerce(setting.name, environ[setting.env])
    for name, value in (overrides or {}).items():
        if value is not None:
            values[name] = _coerce(name, value)
    config = Config(**values)
    if not config.base.endswith(("/", "#")):
        raise ValueError(f"setting base: {config.base!r} must end with '/' or '#'")
    return config


def settings_markdown() -> str:
    """Return the settings table as Markdown (the README embeds it; a test keeps them equal)."""
    lines = ["| setting | environment variable | default | meaning |", "|---|---|---|---|"]
    for s in SETTINGS:
        lines.append(f"| `{s.name}` | `{s.env}` | `{s.default!r}` | {s.help} |")
    return "\n".join(lines) + "\n"
