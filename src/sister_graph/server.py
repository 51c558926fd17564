"""Serve the web app: waitress in production; Werkzeug's reloader and debugger only on request."""

from __future__ import annotations

import ipaddress
import logging

from waitress.server import create_server

from sister_graph.config import Config
from sister_graph.errors import SisterGraphError
from sister_graph.web import create_app

LOOPBACK_NAMES = {"localhost"}


class UnsafeDebug(SisterGraphError):
    """Debug or reload was asked for on an interface other people can reach."""

    status = 400
    code = "unsafe-debug"


def _is_loopback(host: str) -> bool:
    if host in LOOPBACK_NAMES:
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def make_server(config: Config, *, app=None):
    """Create (not start) the production waitress server; port 0 picks a free port."""
    app = app or create_app(config)
    return create_server(
        app,
        host=config.host,
        port=config.port,
        threads=config.threads,
        ident="sister-graph",
        max_request_body_size=config.max_body_bytes,
        clear_untrusted_proxy_headers=True,
        channel_timeout=max(120, int(config.query_timeout) + 30),
    )


def server_url(server) -> str:
    """Return the http:// URL a created waitress server listens on."""
    host = server.effective_host
    host = f"[{host}]" if ":" in str(host) else host
    return f"http://{host}:{server.effective_port}/"


def run(config: Config, *, debug: bool = False, reload: bool = False) -> None:
    """Serve until interrupted; print the URL. Debug/reload run Werkzeug's server, loopback only."""
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(name)s %(message)s")
    if debug or reload:
        if not _is_loopback(config.host):
            raise UnsafeDebug(
                f"--debug/--reload serve on loopback only (not {config.host}): "
                "the debugger runs any code sent to it"
            )
        app = create_app(config)
        print(f"Serving sister-graph (development) on http://{config.host}:{config.port}/")
        app.run(host=config.host, port=config.port, debug=debug, use_reloader=reload)
        return
    server = make_server(config)
    print(f"Serving sister-graph on {server_url(server)} (SPARQL: {server_url(server)}sparql)")
    try:
        server.run()
    except KeyboardInterrupt:
        pass
    finally:
        server.close()
