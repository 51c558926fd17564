"""Error pages for browsers: styled, in the page language, with the closest matches by name.

Every error the app answers with HTML goes through `render_error` (the JSON and plain-text
answers stay in web/__init__.py). The page's headline and explanation are UI strings in
sr-Latn, sr-Cyrl and en; the technical detail line is the error's own English message,
marked lang="en" (WCAG 2.2 SC 3.1.2, https://www.w3.org/WAI/WCAG22/Understanding/language-of-parts).
Suggestions for a 404 come from difflib over the names and slugs of the graph's things
(https://docs.python.org/3/library/difflib.html#difflib.get_close_matches): only close ones.
"""

from __future__ import annotations

import difflib
import re
from urllib.parse import unquote

from flask import Response, request
from rdflib import URIRef

from sister_graph.errors import SisterGraphError
from sister_graph.views import error_text, i18n
from sister_graph.views.page_queries import is_safe_iri, kind_query
from sister_graph.views.resource import label
from sister_graph.web.context import current_config
from sister_graph.web.graph_access import read_graph
from sister_graph.web.site import current_lang, render_page

# The site's own pages, suggested when an unknown path is close to one of them.
SITE_PAGES = ("sparql", "catalog", "ontology", "openapi.json", "download/SHA256SUMS")


def _words(text: str) -> str:
    return re.sub(r"[\s_\-./]+", " ", unquote(text)).strip().lower()


def close_matches(wanted: str, names: dict[str, str], *, n: int = 5) -> list[str]:
    """Return the keys of `names` (IRI or path -> name) whose name is closest to `wanted`.

    >>> close_matches("grz", {"a": "graz", "b": "kranj", "c": "moscow"})
    ['a']
    """
    by_name: dict[str, list[str]] = {}
    for key, name in names.items():
        by_name.setdefault(_words(name), []).append(key)
    found = difflib.get_close_matches(_words(wanted), list(by_name), n=n, cutoff=0.6)
    return [key for name in found for key in by_name[name]][:n]


def suggestions_for(path: str) -> list[tuple[str, str]]:
    """Return (IRI or local path, label) of things and pages whose name is close to the path."""
    config, lang = current_config(), current_lang()
    segments = [s for s in path.strip("/").split("/") if s]
    wanted = segments[-1].rsplit(".", 1)[0] if segments else ""
    if not wanted:
        return []
    kind = config.base + "id/" + segments[-2] + "/" if len(segments) >= 2 else config.base + "id/"
    if not is_safe_iri(kind):
        kind = config.base + "id/"
    graph = read_graph(kind_query(kind, base=config.base))
    names: dict[str, str] = {}
    for subject in sorted({s for s in graph.subjects() if isinstance(s, URIRef)}):
        iri = str(subject)
        names[iri] = iri.rsplit("/", 1)[-1]
        for value in graph.objects(subject, None):
            names[f"{iri}\t{value}"] = str(value)
    names.update({page: page for page in SITE_PAGES})
    out, seen = [], set()
    for key in close_matches(wanted, names):
        target = key.split("\t", 1)[0]
        if target in seen:
            continue
        seen.add(target)
        if target in SITE_PAGES:
            out.append((target, "/" + target))
        else:
            out.append((target, label(graph, URIRef(target), lang, base=config.base)))
    return out


def _detail(err: SisterGraphError, lang: str) -> tuple[str, str]:
    """Return the detail line and its language: localized for a thing not found, else English."""
    iri = getattr(err, "iri", None)
    if iri:
        return i18n.text("nothing_at", lang).format(iri=iri), lang
    return err.message, "en"


def render_error(err: SisterGraphError) -> Response:
    """Render the styled error page for a browser, in the request's language."""
    lang = current_lang()
    suggestions = getattr(err, "suggestions", None)
    if not suggestions and err.status == 404 and getattr(err, "iri", None) is None:
        try:
            suggestions = suggestions_for(request.path)
        except SisterGraphError:
            suggestions = []
    detail, detail_lang = _detail(err, lang)
    return render_page(
        "error.html",
        status=err.status,
        error=err,
        headline=error_text.error_headline(err.status, lang),
        explanation=error_text.error_text(err.status, lang),
        detail=detail,
        detail_lang=detail_lang,
        problems=err.problems if err.status != 404 else [],
        suggestions=suggestions or [],
    )


def graph_suggestions(iri: str) -> list[tuple[str, str]]:
    """Return the things named closest to the IRI's last segment (for a thing not found)."""
    base = current_config().base
    return suggestions_for("/" + iri[len(base) :] if iri.startswith(base) else iri)
