"""Serve the web app: pre-forked granian processes in production, Werkzeug's server to debug.

Mounting: thing IRIs are {base}id/..., so the app must answer on the base IRI's path
(https://w3id.org/sister-graph/ → /sister-graph/) as well as at the root, where the
conventional paths /sparql, /catalog, /openapi.json, /health and /download/... live.
`mount` puts the SAME Flask app at both with werkzeug's DispatcherMiddleware, which sets
SCRIPT_NAME, so url_for builds links under whichever prefix the request came in on.
Every server (granian; Werkzeug's debug server; the tests' waitress) serves the mounted app.
"""

from __future__ import annotations

import ctypes
import gc
import ipaddress
import logging
import os
import socket
from functools import partial
from urllib.parse import urlsplit

from granian.constants import HTTPModes, Interfaces
from granian.http import HTTP1Settings
from granian.server import Server
from werkzeug.middleware.dispatcher import DispatcherMiddleware
from werkzeug.serving import run_simple

from sister_graph.errors import CannotListen, UnsafeDebug
from sister_graph.query.store import (
    Dataset,
    EmbeddedStore,
    load_disk_store,
    read_dataset,
    store_dir_for,
)
from sister_graph.rdf.namespaces import dataset_graph
from sister_graph.settings import Config
from sister_graph.web import create_app, import_blueprints

LOOPBACK_NAMES = {"localhost"}
ACCESS_LOGGER = "sister_graph.access"
KEEP_ALIVE_SECONDS = 30
# glibc gives each allocating thread its own malloc arena (up to 8 per core) and rarely
# returns their memory: in the soak (50 clients, 60 s) RSS grew 20.9 % after warm-up, with
# 2 arenas 1.1 %. M_ARENA_MAX is mallopt's parameter number in glibc's malloc.h.
MALLOC_ARENAS = 2
M_ARENA_MAX = -8


def check_can_listen(host: str, port: int) -> None:
    """Raise CannotListen naming host and port unless a listening socket can be bound there.

    granian binds with SO_REUSEPORT, so a second server on a port one already holds would
    start and silently share its traffic. This probe binds without SO_REUSEPORT (with
    SO_REUSEADDR, so connections left in TIME_WAIT do not count): it fails while any server
    listens on the port, whatever options that server used, and for a host that is not one
    of this machine's addresses or does not resolve.
    """
    where = f"[{host}]:{port}" if ":" in host else f"{host}:{port}"
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM, flags=socket.AI_PASSIVE)
    except (socket.gaierror, UnicodeError) as err:
        reason = getattr(err, "strerror", None) or str(err)
        raise CannotListen(f"cannot listen on {where}: {reason}") from None
    family, kind, proto, _, address = infos[0]
    with socket.socket(family, kind, proto) as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            probe.bind(address)
            probe.listen(1)
        except OSError as err:
            reason = err.strerror or str(err)
            raise CannotListen(f"cannot listen on {where}: {reason}") from None


def _is_loopback(host: str) -> bool:
    if host in LOOPBACK_NAMES:
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def mount_path(base: str) -> str:
    """Return the path prefix the base IRI puts thing IRIs under, '' for the root.

    >>> mount_path("https://w3id.org/sister-graph/"), mount_path("http://example.org/")
    ('/sister-graph', '')
    """
    return urlsplit(base).path.rstrip("/")


def mount(app, base: str):
    """Serve the app at "/" and also at the base IRI's path (when that path is not "/").

    The bare prefix ("/sister-graph") answers 308 to "/sister-graph/" with a Location built
    from the request's path, never its Host header (Werkzeug's own slash redirect writes
    ``http://{Host}/...``): absolute URLs come from the base IRI only (RFC 9110 §10.2.2 lets
    Location be relative).
    """
    prefix = mount_path(base)
    if not prefix:
        return app
    dispatcher = DispatcherMiddleware(app, {prefix: app})

    def mounted(environ, start_response):
        if environ.get("PATH_INFO", "") != prefix:
            return dispatcher(environ, start_response)
        query = environ.get("QUERY_STRING", "")
        location = environ.get("SCRIPT_NAME", "") + prefix + "/" + (f"?{query}" if query else "")
        start_response("308 Permanent Redirect", [("Location", location), ("Content-Length", "0")])
        return [b""]

    return mounted


def _free_port(host: str) -> int:
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    with socket.socket(family) as sock:
        sock.bind((host, 0))
        return sock.getsockname()[1]


def limit_malloc_arenas(arenas: int = MALLOC_ARENAS) -> bool:
    """Cap glibc's malloc arenas here and in processes spawned later; return whether capped.

    Memory freed so far (e.g. by a store's bulk load, whose loader threads each got an
    arena) is first handed back to the system (malloc_trim). A MALLOC_ARENA_MAX the operator
    set wins (glibc has applied it already). Elsewhere (musl, macOS) this does nothing.
    """
    if "MALLOC_ARENA_MAX" in os.environ:
        return False
    os.environ["MALLOC_ARENA_MAX"] = str(arenas)  # read by spawned query workers at start
    try:
        glibc = os.confstr("CS_GNU_LIBC_VERSION")
    except (AttributeError, OSError, ValueError):  # no such name: not glibc
        glibc = None
    if not glibc:
        return False
    libc = ctypes.CDLL(None)
    libc.malloc_trim(0)
    return libc.mallopt(M_ARENA_MAX, arenas) == 1


def preload_dataset(config: Config) -> Dataset | None:
    """Import the app, verify and load the store once, before worker processes fork.

    Return the verified dataset (None for a remote store): each worker opens it unhashed.

    Then freeze what exists so far out of the garbage collector's reach: forked workers
    share those pages instead of copying them, and a full collection does not pause a
    request to walk every imported object (about 20 ms here, more than the p99 target).
    """
    import_blueprints()
    dataset = None
    if not config.store:
        dataset = read_dataset(config.dist_dir)
        load_disk_store(dataset, store_dir_for(config), graph=dataset_graph(config.base))
    gc.freeze()
    return dataset


def _load_app(config: Config, dataset: Dataset | None, _target: str):
    store = EmbeddedStore(config, dataset=dataset, wait=False) if dataset else None
    app = mount(create_app(config, store=store), config.base)
    gc.freeze()
    return app


def make_production_server(config: Config) -> Server:
    """Create (not start) granian: `processes` forked workers, each `threads` WSGI threads.

    The parent has imported the app's modules and loaded the store, so forked workers
    only open the store and start their own query pool and results cache.
    """
    return Server(
        "sister_graph.web:create_app",
        address=config.host,
        port=config.port,
        interface=Interfaces.WSGI,
        workers=config.processes,
        blocking_threads=config.threads,
        http=HTTPModes.http1,
        http1_settings=HTTP1Settings(header_read_timeout=KEEP_ALIVE_SECONDS * 1000),
        respawn_failed_workers=True,
        workers_kill_timeout=max(5, int(config.query_timeout) + 5),
        log_enabled=True,
    )


def configure_logging(config: Config) -> None:
    """Log INFO and up to stderr; without `access_log`, no line per request.

    The SPARQL front, the fast path and Flask's after-request hook each ask the access
    logger whether INFO is enabled before building a line, so off costs one check.
    """
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(name)s %(message)s")
    level = logging.NOTSET if config.access_log else logging.WARNING
    logging.getLogger(ACCESS_LOGGER).setLevel(level)


def run(config: Config, *, debug: bool = False, reload: bool = False) -> None:
    """Serve until interrupted; print the URL. Debug/reload run Werkzeug's server, loopback only."""
    check_can_listen(config.host, config.port)
    configure_logging(config)
    if debug or reload:
        limit_malloc_arenas()
        if not _is_loopback(config.host):
            raise UnsafeDebug(
                f"--debug/--reload serve on loopback only (not {config.host}): "
                "the debugger runs any code sent to it"
            )
        app = create_app(config)
        app.debug = debug
        print(f"Serving sister-graph (development) on http://{config.host}:{config.port}/")
        run_simple(
            config.host,
            config.port,
            mount(app, config.base),
            use_debugger=debug,
            use_reloader=reload,
            threaded=True,
        )
        return
    if config.port == 0:
        config = config.with_(port=_free_port(config.host))
    dataset = preload_dataset(config)  # before the cap: a store load runs 2x faster without it
    limit_malloc_arenas()
    server = make_production_server(config)
    host = f"[{config.host}]" if ":" in config.host else config.host
    url = f"http://{host}:{config.port}/"
    prefix = mount_path(config.base)
    also = f", also under {url.rstrip('/')}{prefix}/" if prefix else ""
    print(f"Serving sister-graph on {url} (SPARQL: {url}sparql{also})", flush=True)
    server.serve(target_loader=partial(_load_app, config, dataset))
