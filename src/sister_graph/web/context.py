"""Accessors for what the app holds (settings, store, cache), one per resource."""

from __future__ import annotations

from dataclasses import dataclass, field

from flask import current_app, g, request

from sister_graph.query.cache import ResultsCache
from sister_graph.query.fair_use import FairUse, client_address
from sister_graph.query.store import QueryStore
from sister_graph.settings import Config

EXTENSION = "sister_graph"
EXPOSED_HEADERS = "ETag, Link, X-Sister-Graph-Truncated"
# Sent on every response (CORS, https://fetch.spec.whatwg.org/#http-cors-protocol; nosniff).
COMMON_HEADERS: tuple[tuple[str, str], ...] = (
    ("Access-Control-Allow-Origin", "*"),
    ("Access-Control-Expose-Headers", EXPOSED_HEADERS),
    ("X-Content-Type-Options", "nosniff"),
)


@dataclass(frozen=True)
class AppState:
    """The resources of one app: resolved settings, the query store and the results cache."""

    config: Config
    store: QueryStore
    cache: ResultsCache
    fair_use: FairUse | None = None
    trusted_proxies: frozenset = field(default_factory=frozenset)


def state() -> AppState:
    """Return the current app's resources."""
    return current_app.extensions[EXTENSION]


def current_config() -> Config:
    """Return the current app's settings."""
    return state().config


def current_store() -> QueryStore:
    """Return the current app's query store."""
    return state().store


def note_query_time(milliseconds: float) -> None:
    """Record how long this request's query took, for the access log."""
    g.query_ms = milliseconds


def current_client() -> str:
    """Return the address fair use books this request's queries to."""
    return client_address(
        request.remote_addr, request.headers.get("X-Forwarded-For"), state().trusted_proxies
    )
