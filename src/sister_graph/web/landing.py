"""GET / : the landing page, every publishing city with its counts, and one map of all of them."""

from __future__ import annotations

from flask import Blueprint

from sister_graph.rdf.formats import TURTLE
from sister_graph.views import charts, i18n
from sister_graph.views.page_queries import publishers_query
from sister_graph.views.publishers import build_publishers, publisher_points
from sister_graph.web.context import current_config, current_store
from sister_graph.web.downloads import published_files
from sister_graph.web.graph_access import read_graph
from sister_graph.web.site import current_lang, href, local_path, render_page

bp = Blueprint("landing", __name__)


@bp.get("/")
def landing():
    """List the publishers (page, agreements, partner cities, both-sides count) and map them."""
    config, lang = current_config(), current_lang()
    publishers = build_publishers(
        read_graph(publishers_query(base=config.base)), base=config.base, lang=lang
    )
    points, title = publisher_points(publishers), i18n.text("publishers_map", lang)
    map_svg = charts.to_map_svg(
        None, points, href=href, shared_text="", title=title, css_class="wide"
    )
    map_narrow = charts.to_map_svg(
        None, points, href=href, shared_text="", title=title, width=300.0, css_class="narrow"
    )
    return render_page(
        "landing.html",
        publishers=publishers,
        map_svg=map_svg,
        map_narrow=map_narrow,
        triples=current_store().triples,
        files=published_files(),
        alternates=[
            {"type": TURTLE.media_type, "href": local_path("catalog.ttl"), "name": "catalog"}
        ],
    )
