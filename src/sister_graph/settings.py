"""Settings: one table, from which the Config dataclass, the CLI options, the environment
variables, validation and the README's settings table are all derived.

Adding a setting is one line in SETTINGS. However a value arrives (default, SISTER_GRAPH_*
variable, CLI option, keyword), `Setting.parse` converts and checks it the same way; a bad
value raises BadSetting with one line naming the setting, the value, what is allowed and where
the value came from.
"""

from __future__ import annotations

import difflib
import ipaddress
import math
import os
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field, fields, make_dataclass, replace
from datetime import date
from pathlib import Path

from sister_graph.errors import BadSetting

DEFAULT_BASE = "https://w3id.org/sister-graph/"
ENV_PREFIX = "SISTER_GRAPH_"
_TRUE, _FALSE = ("1", "true", "yes", "on"), ("0", "false", "no", "off", "")


def _base_iri(value: str) -> str | None:
    complaint = _iri(value)
    if complaint:
        return complaint
    return None if value.endswith(("/", "#")) else "must end with '/' or '#'"


def _iso_date(value: str) -> str | None:
    if not value:
        return None
    try:
        date.fromisoformat(value)
    except ValueError:
        return "is not a date (YYYY-MM-DD)"
    return None if len(value) == 10 else "is not a date (YYYY-MM-DD)"


# What RFC 3987 keeps out of an IRI: space, controls, <>"{}|\\^` (https://www.rfc-editor.org/rfc/rfc3987#section-2.2)
_NOT_IN_IRI = re.compile(r'[\x00-\x20\x7f-\x9f<>"{}|\\^`]')


def _iri(value: str) -> str | None:
    if not value.startswith(("http://", "https://")) or len(value.split("/")[2]) == 0:
        return "is not an http(s) IRI"
    bad = _NOT_IN_IRI.search(value)
    return f"is not an IRI: it holds {bad.group()!r} (U+{ord(bad.group()):04X})" if bad else None


def _iri_or_empty(value: str) -> str | None:
    return _iri(value) if value else None


def _addresses(value: str) -> str | None:
    for part in value.replace(",", " ").split():
        try:
            ipaddress.ip_address(part)
        except ValueError:
            return f"holds {part!r}, which is not an IP address (one address each, no ranges)"
    return None


def _email(value: str) -> str | None:
    user, at, host = value.partition("@")
    if not value or (at and user and "." in host and not any(c.isspace() for c in value)):
        return None
    return "is not an e-mail address (name@host.domain)"


def _number(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else f"{value:g}"


@dataclass(frozen=True)
class Setting:
    """One configurable value.

    name: Config field; type: str, int, float, bool or Path; default; help: one sentence;
    low/high: inclusive bounds of a number; choices: allowed values; check: returns a
    complaint ("must end with '/'") or None; option: the CLI option (default --name-with-dashes);
    commands: the CLI commands that take the option ("" is the top-level group).
    """

    name: str
    type: type
    default: object
    help: str
    low: float | None = None
    high: float | None = None
    choices: tuple = ()
    check: Callable[[object], str | None] | None = None
    option: str = ""
    commands: tuple[str, ...] = ("serve",)

    @property
    def env(self) -> str:
        """The environment variable, e.g. SISTER_GRAPH_PORT."""
        return ENV_PREFIX + self.name.upper()

    @property
    def cli_option(self) -> str:
        """The CLI option, e.g. --port."""
        return self.option or "--" + self.name.replace("_", "-")

    def shown_default(self) -> str:
        """The default as help and the README show it: a path as written, else its repr."""
        return str(self.default) if self.type is Path else repr(self.default)

    def allowed(self) -> str:
        """Say what values are allowed, e.g. 'int 0..65535'."""
        kind = "path" if self.type is Path else self.type.__name__
        if self.choices:
            return " | ".join(map(str, self.choices))
        if self.low is not None or self.high is not None:
            low = "" if self.low is None else _number(self.low)
            high = "" if self.high is None else _number(self.high)
            return f"{kind} {low}..{high}"
        return kind

    def parse(self, raw: object, *, source: str = "") -> object:
        """Convert and check one value; raise BadSetting naming setting, value and source."""
        where = f" (from {source})" if source else ""

        def refuse(complaint: str) -> BadSetting:
            return BadSetting(f"setting {self.name}: {raw!r} {complaint}{where}")

        value = self._convert(raw, refuse)
        if self.low is not None and value < self.low:
            raise refuse(f"is below the minimum {_number(self.low)} (allowed: {self.allowed()})")
        if self.high is not None and value > self.high:
            raise refuse(f"is above the maximum {_number(self.high)} (allowed: {self.allowed()})")
        if self.choices and value not in self.choices:
            raise refuse(f"is not one of {self.allowed()}")
        complaint = self.check(value) if self.check else None
        if complaint:
            raise refuse(complaint)
        return value

    def _convert(self, raw: object, refuse) -> object:
        kind = self.type
        if kind is bool:
            if isinstance(raw, bool):
                return raw
            text = str(raw).strip().lower()
            if text in _TRUE or text in _FALSE:
                return text in _TRUE
            raise refuse("is not a valid bool (true or false)")
        if kind in (int, float):
            if isinstance(raw, bool):
                raise refuse(f"is not a valid {kind.__name__}")
            try:
                value = kind(raw.strip() if isinstance(raw, str) else raw)
            except (TypeError, ValueError):
                raise refuse(f"is not a valid {kind.__name__}") from None
            if kind is float and math.isnan(value):
                raise refuse("is not a number")
            return value
        if kind is Path:
            if isinstance(raw, str | os.PathLike):
                return Path(raw)
            raise refuse("is not a valid path")
        return str(raw)


MiB = 1 << 20
# One line per setting: name, type, default, help, low, high, then keywords.
# fmt: off
SETTINGS: tuple[Setting, ...] = (
    Setting("base", str, DEFAULT_BASE, "Base IRI of every minted IRI (ends with '/').", check=_base_iri, commands=("",)),  # noqa: E501
    Setting("data_dir", Path, Path("data"), "Folder of source data: one sub-folder per publishing city.", commands=("",)),  # noqa: E501
    Setting("dist_dir", Path, Path("dist"), "Folder the build writes and the server serves.", commands=("",)),  # noqa: E501
    Setting("ontology_file", Path, Path("ontology/sister-graph.ttl"), "The project's vocabulary (Turtle).", commands=("build", "validate")),  # noqa: E501
    Setting("shapes_dir", Path, Path("shapes"), "Folder of SHACL shapes (*.ttl) the graph must conform to.", commands=("build", "validate")),  # noqa: E501
    Setting("release_date", str, "", "Date of the release (YYYY-MM-DD) for dct:issued; empty: none.", check=_iso_date, commands=("build",)),  # noqa: E501
    Setting("license", str, "http://publications.europa.eu/resource/authority/licence/CC_BY_4_0", "Licence of the data and dumps: an IRI of the EU licence table (vendor/eu-vocabularies/).", check=_iri, commands=("build",)),  # noqa: E501
    Setting("license_title", str, "Creative Commons Attribution", "Title of the licence in the catalog (CKAN's title for CC BY, so harvesters find it).", commands=("build",)),  # noqa: E501
    Setting("license_type", str, "http://purl.org/adms/licencetype/Attribution", "ADMS licence type of the licence (dct:type in the catalog).", check=_iri, commands=("build",)),  # noqa: E501
    Setting("publisher_name", str, "sister-graph", "Who runs this deployment: publisher of the catalog, the union dataset and the endpoint.", commands=("build",)),  # noqa: E501
    Setting("publisher_type", str, "", "ADMS publisher type IRI of the deployer (http://purl.org/adms/publishertype/...); empty: not stated.", check=_iri_or_empty, commands=("build",)),  # noqa: E501
    Setting("contact_email", str, "", "E-mail of the deployer's contact point in the catalog; empty: none (set it to deploy).", check=_email, commands=("build",)),  # noqa: E501
    Setting("vendor_dir", Path, Path("vendor"), "Folder of the vendored DCAT-AP shapes and EU code lists the catalog is checked against.", commands=("build",)),  # noqa: E501
    Setting("host", str, "127.0.0.1", "Interface the server listens on."),
    Setting("port", int, 8000, "TCP port the server listens on (0: any free port).", 0, 65535),
    Setting("processes", int, 2, "HTTP server processes, pre-forked; each has its own query pool.", 1, 64),  # noqa: E501
    Setting("threads", int, 4, "HTTP worker threads of each server process.", 1, 256),
    Setting("query_workers", int, 2, "Query worker processes (each can be killed on timeout).", 1, 64, option="--workers", commands=("serve", "query")),  # noqa: E501
    Setting("query_timeout", float, 10.0, "Wall-clock limit of one SPARQL query run by a query worker, in seconds (a query run in the server process is bounded instead: inline_solutions).", 0.1, 3600, option="--timeout", commands=("serve", "query")),  # noqa: E501
    Setting("query_memory", int, 1024 * MiB, "Memory one query may take, in bytes: its worker's address space beyond its size at start (over it: the worker is ended, 400 query-too-complex); 0: no limit.", 0, None, commands=("serve", "query")),  # noqa: E501
    Setting("inline_solutions", int, 50_000, "Queries of the plain subset whose worst case, counted from the store and weighted by their work per solution, is at most this many solutions are evaluated in the server process, without the hand-off to a query worker (README: Security); 0: every query in a worker.", 0, 10_000_000, commands=("serve", "query")),  # noqa: E501
    Setting("memory_copy_triples", int, 200_000, "Datasets of at most this many triples are queried from an in-memory copy, loaded from the dumps by every server and query process (the engine answers 1.2-2.3 times faster than from its on-disk store; about 400 bytes per triple in each process; queries that name graphs read the on-disk store); 0: always the on-disk store.", 0, None, commands=("serve", "query")),  # noqa: E501
    Setting("client_queries", int, 1, "Queries one client may have evaluated at once per server process (more: 429 with Retry-After); 0: no limit.", 0, 1024),  # noqa: E501
    Setting("client_query_seconds", float, 60.0, "Query time one client may use per sliding minute per server process, in seconds (more: 429 with Retry-After); 0: no limit.", 0, 86400),  # noqa: E501
    Setting("trusted_proxies", str, "", "Addresses of reverse proxies (comma-separated) whose X-Forwarded-For names the client and whose X-Forwarded-Proto/Host/Prefix give absolute URLs; empty: none (absolute URLs come from base).", check=_addresses),  # noqa: E501
    Setting("max_query_bytes", int, 65536, "Largest accepted SPARQL query, in bytes (larger: 413).", 1, None),  # noqa: E501
    Setting("max_body_bytes", int, 262144, "Largest accepted request body, in bytes (larger: 413).", 1, None),  # noqa: E501
    Setting("max_rows", int, 10000, "Most result rows returned; more are cut and the cut is reported.", 1, None, commands=("serve", "query")),  # noqa: E501
    Setting("cache_entries", int, 512, "Results kept in the in-memory cache (0 turns it off).", 0, None),  # noqa: E501
    Setting("cache_bytes", int, 64 * MiB, "Bytes of results cached per server process; one over a quarter of it is not kept.", 0, None),  # noqa: E501
    Setting("max_result_bytes", int, 32 * MiB, "Largest SPARQL answer, in bytes (larger: 422 result-too-large; add a LIMIT).", 1, None, commands=("serve", "query")),  # noqa: E501
    Setting("store", str, "", "URL of a remote SPARQL endpoint to serve from; empty: embedded store.", check=_iri_or_empty, commands=("serve", "query")),  # noqa: E501
    Setting("store_dir", str, "", "On-disk query stores, one per dataset; empty: dist/.store.", commands=("serve", "query")),  # noqa: E501
    Setting("cache_seconds", int, 300, "Max-age of SPARQL responses in Cache-Control, in seconds.", 0, 31536000),  # noqa: E501
    Setting("access_log", bool, True, "Log one line per request (method, path, status, milliseconds); false saves a logging call (50-100 µs) on every request."),  # noqa: E501
)
# fmt: on
BY_NAME: dict[str, Setting] = {s.name: s for s in SETTINGS}


def _with(self, **changes: object):
    """Return a copy with the given settings changed (None values are ignored; all checked)."""
    return replace(self, **{k: v for k, v in changes.items() if v is not None})


def _post_init(self) -> None:
    for f in fields(self):
        setting = BY_NAME[f.name]
        object.__setattr__(self, f.name, setting.parse(getattr(self, f.name)))


Config = make_dataclass(
    "Config",
    [(s.name, s.type, field(default=s.default)) for s in SETTINGS],
    frozen=True,
    namespace={"with_": _with, "__post_init__": _post_init, "__module__": __name__},
)
Config.__doc__ = "Resolved settings for one run: one field per SETTINGS row, each checked."


# Variables read outside the table: the traceback switch (cli/support.py) and push's
# credentials (cli: kept out of Config, so they are never shown).
DEBUG_VARIABLE = ENV_PREFIX + "DEBUG"
USER_VARIABLE = ENV_PREFIX + "GRAPH_STORE_USER"
PASSWORD_VARIABLE = ENV_PREFIX + "GRAPH_STORE_PASSWORD"
OTHER_VARIABLES = (DEBUG_VARIABLE, USER_VARIABLE, PASSWORD_VARIABLE)


def unknown_variables(environ: Mapping[str, str] | None = None) -> list[str]:
    """Return one warning per SISTER_GRAPH_* variable sister-graph does not read (a typo like
    SISTER_GRAPH_PROT was ignored without a word), naming the closest one it reads."""
    environ = os.environ if environ is None else environ
    known = [s.env for s in SETTINGS] + list(OTHER_VARIABLES)
    said = []
    for name in sorted(n for n in environ if n.startswith(ENV_PREFIX) and n not in known):
        close = difflib.get_close_matches(name, known, n=1, cutoff=0.6)
        if not close:  # a part of a name (SISTER_GRAPH_TIMEOUT for ..._QUERY_TIMEOUT)
            tail = name.removeprefix(ENV_PREFIX)
            close = [k for k in known if k.endswith("_" + tail)][:1]
        hint = f"; did you mean {close[0]}?" if close else ""
        said.append(f"{name} is no setting of sister-graph (ignored){hint}")
    return said


def load_config(
    overrides: Mapping[str, object] | None = None,
    *,
    environ: Mapping[str, str] | None = None,
    cli: Mapping[str, object] | None = None,
) -> Config:
    """Resolve settings: keyword overrides, then CLI options, then SISTER_GRAPH_*, then defaults.

    Raises BadSetting (a ValueError) naming the setting, the value and where it came from.
    """
    environ = os.environ if environ is None else environ
    given = {n for source in (cli, overrides) for n, v in (source or {}).items() if v is not None}
    values: dict[str, object] = {}
    for setting in SETTINGS:
        if setting.env in environ and setting.name not in given:  # an option wins unread
            values[setting.name] = setting.parse(environ[setting.env], source=setting.env)
    for name, value in (cli or {}).items():
        if value is not None:
            values[name] = BY_NAME[name].parse(value, source=BY_NAME[name].cli_option)
    for name, value in (overrides or {}).items():
        if name not in BY_NAME:
            raise BadSetting(f"setting {name}: no such setting")
        if value is not None:
            values[name] = BY_NAME[name].parse(value)
    return Config(**values)


GROUP_OPTION = "every command; written before it: `sister-graph --dist-dir D serve`"


def settings_markdown() -> str:
    """Return the settings table as Markdown (the README embeds it; a test keeps them equal)."""
    lines = [
        "| setting | environment variable | CLI option | allowed | default | meaning |",
        "|---|---|---|---|---|---|",
    ]
    for s in SETTINGS:
        commands = ", ".join(c or GROUP_OPTION for c in s.commands)
        lines.append(
            f"| `{s.name}` | `{s.env}` | `{s.cli_option}` ({commands}) | {s.allowed()} "
            f"| `{s.shown_default()}` | {s.help} |"
        )
    return "\n".join(lines) + "\n"
