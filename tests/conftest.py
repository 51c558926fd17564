"""Fixtures several test folders use: the real data built once, a copy of data/, live servers."""

from __future__ import annotations

import shutil
import signal
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.support import REPO, LiveServer, endpoint_config, fixture_ntriples, repo_config


def pytest_configure(config: pytest.Config) -> None:
    """Give the suite SIGINT's default handling, as a terminal does.

    A shell that starts the suite in the background without job control (`pytest &` in a
    script) makes it ignore SIGINT, and every child inherits that, so the tests that press
    Ctrl-C on a child (test_faults, test_cli_interrupt) saw a build finish as if nothing had
    been sent. Python installs its KeyboardInterrupt handler only when SIGINT is not ignored
    at start; setting it here resets every child the suite starts to the default.
    """
    if signal.getsignal(signal.SIGINT) == signal.SIG_IGN:
        signal.signal(signal.SIGINT, signal.default_int_handler)


@pytest.fixture(scope="session")
def built(tmp_path_factory: pytest.TempPathFactory):
    """Build the real Banja Luka data once per test session; return (config, Built)."""
    from sister_graph.build.pipeline import build_dist

    config = repo_config(tmp_path_factory.mktemp("built"))
    return config, build_dist(config)


@pytest.fixture
def data_copy(tmp_path: Path) -> Path:
    """Return a writable copy of data/ (to break on purpose)."""
    target = tmp_path / "data"
    shutil.copytree(REPO / "data", target)
    return target


@pytest.fixture(scope="session")
def endpoint(tmp_path_factory) -> Iterator[LiveServer]:
    """A live server over the small fixture graph (timeout 2 s, 2 workers)."""
    server = LiveServer(endpoint_config(tmp_path_factory.mktemp("endpoint"), fixture_ntriples()))
    yield server
    server.close()


@pytest.fixture(scope="session")
def site(built, tmp_path_factory) -> Iterator[LiveServer]:
    """A live server over the real built dataset (pages, catalog, downloads, query page)."""
    config, _ = built
    store_dir = tmp_path_factory.mktemp("site-store")
    server = LiveServer(config.with_(port=0, store_dir=str(store_dir), query_workers=2))
    yield server
    server.close()


@pytest.fixture(scope="session")
def two_site(tmp_path_factory) -> Iterator[LiveServer]:
    """A live server over Banja Luka's folder plus the Novi Sad fixture (tests/fixtures/novi-sad)."""
    from sister_graph.build.pipeline import build_dist

    root = tmp_path_factory.mktemp("two-site")
    shutil.copytree(REPO / "data" / "banja-luka", root / "data" / "banja-luka")
    shutil.copytree(REPO / "tests" / "fixtures" / "novi-sad", root / "data" / "novi-sad")
    config = repo_config(root).with_(data_dir=root / "data")
    build_dist(config)
    server = LiveServer(config.with_(port=0, store_dir=str(root / "store"), query_workers=1))
    yield server
    server.close()
