"""Shared test constants and helpers (fixtures live in the conftest.py of each folder)."""

from __future__ import annotations

import hashlib
import threading
from pathlib import Path

import pytest

from sister_graph.build.sources import read_sources
from sister_graph.errors import SourceError
from sister_graph.settings import Config
from sister_graph.web import create_app
from sister_graph.web.context import state
from sister_graph.web.server import mount

BASE = "https://w3id.org/sister-graph/"
WDT_P190 = "http://www.wikidata.org/prop/direct/P190"
RDFS_LABEL = "http://www.w3.org/2000/01/rdf-schema#label"
RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
SCHEMA_CITY = "https://schema.org/City"
PARTNERS = {
    "kranj": ("Kranj", "Kranj"),
    "novi-sad": ("Novi Sad", "Нови Сад"),
    "bari": ("Bari", "Bari"),
    "bitonto": ("Bitonto", "Bitonto"),
    "modena": ("Modena", "Modena"),
}


def city_iri(slug: str) -> str:
    """Return the IRI of a fixture city."""
    return f"{BASE}id/city/{slug}"


def fixture_ntriples() -> str:
    """Return a small Banja Luka-like graph: one publisher, five partners (22 triples)."""
    lines = []

    def add(s: str, p: str, o: str) -> None:
        lines.append(f"<{s}> <{p}> {o} .")

    home = city_iri("banja-luka")
    add(home, RDF_TYPE, f"<{SCHEMA_CITY}>")
    add(home, RDFS_LABEL, '"Banja Luka"@sr-Latn')
    for slug, (latin, cyrillic) in PARTNERS.items():
        add(city_iri(slug), RDF_TYPE, f"<{SCHEMA_CITY}>")
        add(city_iri(slug), RDFS_LABEL, f'"{latin}"@sr-Latn')
        add(city_iri(slug), RDFS_LABEL, f'"{cyrillic}"@sr-Cyrl')
        add(home, WDT_P190, f"<{city_iri(slug)}>")
    return "\n".join(lines) + "\n"


def chain_ntriples(length: int) -> str:
    """Return a synthetic chain graph n0 -> n1 -> ... for runaway queries."""
    return "".join(f"<urn:x:n{i}> <urn:x:next> <urn:x:n{i + 1}> .\n" for i in range(length))


def write_dist(folder: Path, ntriples: str) -> Path:
    """Write a minimal dist/: sister-graph.nt and its SHA256SUMS line."""
    folder.mkdir(parents=True, exist_ok=True)
    data = ntriples.encode("utf-8")
    (folder / "sister-graph.nt").write_bytes(data)
    digest = hashlib.sha256(data).hexdigest()
    (folder / "SHA256SUMS").write_text(f"{digest}  sister-graph.nt\n", encoding="utf-8")
    return folder


def endpoint_config(root: Path, ntriples: str, **changes: object) -> Config:
    """Return settings serving a fixture dist written under root, on a free port.

    Fair use is off unless `changes` set it: these tests play several clients from one
    address (tests/web/test_fair_use.py gives each client its own).
    """
    dist = write_dist(root / "dist", ntriples)
    settings = {"dist_dir": dist, "store_dir": str(root / "store"), "port": 0, "threads": 8}
    limits = {"query_timeout": 2.0, "query_workers": 2, "client_queries": 0}
    return Config(**{**settings, **limits, "client_query_seconds": 0.0, **changes})


def make_server(config: Config, *, app=None):
    """Create (not start) a one-process waitress server; port 0 picks a free port (tests only:
    production serves with granian)."""
    from waitress.server import create_server

    app = app or create_app(config)
    return create_server(
        mount(app, config.base),
        host=config.host,
        port=config.port,
        threads=config.threads,
        ident="sister-graph",
        max_request_body_size=config.max_body_bytes,
        # X-Forwarded-* reach the app only when trusted_proxies says a proxy sets them
        clear_untrusted_proxy_headers=not config.trusted_proxies,
        channel_timeout=max(120, int(config.query_timeout) + 30),
    )


def server_url(server) -> str:
    """Return the http:// URL a created waitress server listens on."""
    host = server.effective_host
    host = f"[{host}]" if ":" in str(host) else host
    return f"http://{host}:{server.effective_port}/"


class LiveServer:
    """A real waitress server on a free port, running in a background thread."""

    def __init__(self, config: Config, *, app=None) -> None:
        self.app = app or create_app(config)
        self.server = make_server(config, app=self.app)
        self.url = server_url(self.server)
        self.sparql = self.url + "sparql"
        self._closing = False
        self._thread = threading.Thread(target=self._run, daemon=True)
        self._thread.start()

    def _run(self) -> None:
        try:
            self.server.run()
        except OSError:
            # closing the listening socket under waitress's running select loop ends it with EBADF
            if not self._closing:
                raise

    def close(self) -> None:
        self._closing = True
        self.server.close()
        # the loop runs while its map holds a dispatcher: a client's kept-alive connection
        # held it until the join's timeout (10 s per server)
        for dispatcher in list(self.server._map.values()):
            dispatcher.close()
        self._thread.join(timeout=10)
        with self.app.app_context():
            state().store.close()


REPO = Path(__file__).resolve().parent.parent
REAL_BASE = "https://w3id.org/sister-graph/"


def repo_config(tmp: Path, **changes: object) -> Config:
    """Return settings that read the repository's data, ontology and shapes and write under tmp."""
    settings: dict[str, object] = {
        "data_dir": REPO / "data",
        "dist_dir": tmp / "dist",
        "ontology_file": REPO / "ontology" / "sister-graph.ttl",
        "shapes_dir": REPO / "shapes",
        "vendor_dir": REPO / "vendor",
    }
    return Config(**{**settings, **changes})


def data_totals() -> tuple[int, int]:
    """Return (agreements, distinct partner cities) over every publisher folder in data/."""
    from sister_graph.build.sources import read_sources

    sources = read_sources(REPO / "data")
    agreements = [a for s in sources for a in s.agreements]
    return len(agreements), len({a.partner for a in agreements})


def edit_file(path: Path, old: str, new: str) -> None:
    """Replace the first `old` in a data file by `new` (the fixture must contain it)."""
    text = path.read_text(encoding="utf-8")
    assert old in text, f"fixture expects {old!r} in {path.name}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def source_problems(data: Path) -> list[str]:
    """Read the sources of a data/ folder that must fail; return the problems reported."""
    with pytest.raises(SourceError) as caught:
        read_sources(data)
    return caught.value.problems


def running_or_starting(health: dict) -> int:
    """Return the query workers /health reports running plus those still starting."""
    return health["workers"] + health.get("workers_starting", 0)
