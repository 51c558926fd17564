"""What every HTML page shares: language choice, links to local pages, security headers."""

from __future__ import annotations

from urllib.parse import quote, urlencode

from flask import Response, g, render_template, request

from sister_graph.rdf.formats import HTML, JSONLD
from sister_graph.views import i18n
from sister_graph.web.assets import asset_url
from sister_graph.web.context import current_config
from sister_graph.web.proxy import FROM_TRUSTED_PROXY

CSP = (
    "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; "
    "font-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'none'; "
    "frame-ancestors 'none'; form-action 'self'"
)
_URI_PRINTABLE = "".join(chr(c) for c in range(0x21, 0x7F))
SECURITY_HEADERS = {
    "Content-Security-Policy": CSP,
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "same-origin",
    "X-Frame-Options": "DENY",
}


def current_lang() -> str:
    """Return this request's page language (`?lang=`, then Accept-Language, then sr-Latn)."""
    if "lang" not in g:
        g.lang = i18n.choose_lang(request.args.get("lang"), request.accept_languages)
    return g.lang


def _lang_suffix() -> str:
    chosen = i18n.parse_lang(request.args.get("lang"))
    return "?" + urlencode({"lang": chosen}) if chosen else ""


def local_path(path: str) -> str:
    """Return the URL of a path under the app root (follows the mount point), keeping ?lang=."""
    root = request.script_root.rstrip("/")
    path, hash_mark, fragment = path.partition("#")
    return f"{root}/{path}{_lang_suffix()}{hash_mark}{fragment}"


def absolute(path: str) -> str:
    """Return the public absolute URL of a path under the app root.

    By default it is under the configured base IRI (`base` + path): Host and X-Forwarded-*
    headers, which any client can send, never choose it. On a request from one of the
    `trusted_proxies`, the scheme, host and prefix ProxyFix read from that proxy are used.
    """
    if request.environ.get(FROM_TRUSTED_PROXY):
        return request.host_url.rstrip("/") + local_path(path)
    return current_config().base + path.lstrip("/")


def with_query_string(path: str) -> str:
    """Append this request's query string to a path exactly as the client sent it.

    The query string is opaque here: user parameters never reach url_for (where names such
    as `_external`, `_anchor`, `_method` or the route's own arguments would reshape the URL)
    and repeated names keep every value. Bytes a URI cannot hold raw (non-ASCII, controls,
    space) are percent-encoded (RFC 3986 §2.1, https://www.rfc-editor.org/rfc/rfc3986#section-2.1);
    everything else is kept byte for byte.
    """
    query = quote(request.query_string, safe=_URI_PRINTABLE)
    return f"{path}?{query}" if query else path


def href(iri: str) -> str:
    """Link an IRI: one under the base IRI to its local page, any other as it is."""
    base = current_config().base
    return local_path(iri[len(base) :]) if iri.startswith(base) else iri


def lang_url(lang: str | None) -> str:
    """Return this page's URL in another language (None: without ?lang=, so that the
    reader's Accept-Language chooses: hreflang's x-default)."""
    args = request.args.to_dict(flat=False)
    args.pop("lang", None)
    if lang:
        args["lang"] = [lang]
    query = urlencode(args, doseq=True)
    return f"{request.script_root}{request.path}{'?' if query else ''}{query}"


def page_context() -> dict:
    """Return the names every template may use."""
    lang = current_lang()
    return {
        "lang": lang,
        "langs": i18n.LANGS,
        "lang_names": i18n.LANG_NAMES,
        "t": lambda key: i18n.text(key, lang),
        "day": lambda iso: i18n.format_date(str(iso), lang),
        "number": lambda n: i18n.format_number(n, lang),
        "href": href,
        "local": local_path,
        "lang_url": lang_url,
        "asset": asset_url,
        "base": current_config().base,
        "jsonld_media_type": JSONLD.media_type,
    }


def render_page(template: str, *, status: int = 200, **context) -> Response:
    """Render an HTML page in the request's language; vary on Accept and Accept-Language."""
    body = render_template(template, **page_context(), page_status=status, **context)
    response = Response(body, status=status, mimetype=HTML.media_type)
    response.headers["Content-Language"] = current_lang()
    response.headers["Vary"] = "Accept, Accept-Language"
    return response


def add_security_headers(response: Response) -> Response:
    """Give every HTML response a self-only Content-Security-Policy and friends."""
    if response.mimetype == HTML.media_type:
        for name, value in SECURITY_HEADERS.items():
            response.headers[name] = value
    return response
