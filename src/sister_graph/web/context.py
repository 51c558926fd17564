"""Accessors for what the app holds (settings, store, cache), one per resource."""

from __future__ import annotations

from dataclasses import dataclass

from flask import current_app, g

from sister_graph.query.cache import ResultsCache
from sister_graph.query.store import QueryStore
from sister_graph.settings import Config

EXTENSION = "sister_graph"


@dataclass(frozen=True)
class AppState:
    """The resources of one app: resolved settings, the query store and the results cache."""

    config: Config
    store: QueryStore
    cache: ResultsCache


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
