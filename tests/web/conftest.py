"""Web test fixtures (the live servers several folders use are in tests/conftest.py)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from sister_graph.web import create_app
from sister_graph.web.context import state


def new_app(config, tmp_path_factory, name: str):
    """Return an app over the built dataset with its own store folder and one query worker."""
    store_dir = tmp_path_factory.mktemp(name)
    return create_app(config.with_(store_dir=str(store_dir), query_workers=1))


@pytest.fixture(scope="session")
def client(built, tmp_path_factory) -> Iterator:
    """A Flask test client over the real built dataset (no HTTP server: fast)."""
    config, _ = built
    app = new_app(config, tmp_path_factory, "client-store")
    yield app.test_client()
    with app.app_context():
        state().store.close()
