"""Web test fixtures: a Flask test client, and one headless Chromium per session.

The live servers several folders use are in tests/conftest.py. Chromium is Debian's
(/usr/bin/chromium) driven by Playwright, never a downloaded browser; the `browser` fixture
skips (saying why) where either is missing.
"""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from sister_graph.web import create_app
from sister_graph.web.context import state

CHROMIUM = "/usr/bin/chromium"
ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
SHOTS = Path(__file__).resolve().parents[2] / "artifacts" / "screenshots"


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


@pytest.fixture(scope="session")
def browser() -> Iterator:
    """One Chromium for the whole session (the browser tests run on 2 shared cores)."""
    sync_api = pytest.importorskip(
        "playwright.sync_api", reason="pip package 'playwright' is not installed (CI installs it)"
    )
    if not Path(CHROMIUM).is_file() and not shutil.which("chromium"):
        pytest.skip("Debian package 'chromium' is not installed (CI installs it)")
    with sync_api.sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield chromium
        chromium.close()


def shot(page, name: str) -> None:
    """Save a full-page screenshot as a test artifact (artifacts/screenshots/NAME.png)."""
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / f"{name}.png"), full_page=True)
