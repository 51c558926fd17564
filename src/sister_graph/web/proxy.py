"""Trust X-Forwarded-Proto/Host/Prefix only on requests that come from a trusted proxy.

Any client can send X-Forwarded-* headers, so by default they are ignored and absolute URLs
come from the configured base IRI (`site.absolute`). A request whose connection comes from
an address in the `trusted_proxies` setting goes through werkzeug's ProxyFix
(https://werkzeug.palletsprojects.com/en/stable/middleware/proxy_fix/), which takes the
scheme, host, port and path prefix from the proxy's headers, and is marked so `absolute`
uses them. X-Forwarded-For is left to fair use (`query.fair_use.client_address`), which reads
it against the same setting.
"""

from __future__ import annotations

from werkzeug.middleware.proxy_fix import ProxyFix

FROM_TRUSTED_PROXY = "sister_graph.from_trusted_proxy"


class TrustedProxyFix:
    """WSGI middleware: ProxyFix for requests from `trusted` addresses, nothing for others."""

    def __init__(self, app, *, trusted: frozenset) -> None:
        self.app = app
        self.trusted = trusted
        self.fixed = ProxyFix(app, x_for=0, x_proto=1, x_host=1, x_port=1, x_prefix=1)

    def __call__(self, environ: dict, start_response):
        if environ.get("REMOTE_ADDR") in self.trusted:
            environ[FROM_TRUSTED_PROXY] = True
            return self.fixed(environ, start_response)
        return self.app(environ, start_response)
