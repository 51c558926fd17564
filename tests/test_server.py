"""Tests for server: waitress on a free port; the debugger only ever on loopback."""

from __future__ import annotations

import threading

import pytest
import requests
from conftest import endpoint_config, fixture_ntriples

from sister_graph.server import UnsafeDebug, make_server, run, server_url
from sister_graph.web import create_app


def test_make_server_serves_on_a_free_port(tmp_path):
    config = endpoint_config(tmp_path, fixture_ntriples())
    app = create_app(config)
    server = make_server(config, app=app)
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    try:
        url = server_url(server)
        assert url.startswith("http://127.0.0.1:") and not url.endswith(":0/")
        response = requests.get(url + "health")
        assert response.status_code == 200 and response.headers["Server"] == "sister-graph"
    finally:
        server.close()
        app.extensions["sister_graph"].store.close()


@pytest.mark.parametrize("flags", [{"debug": True}, {"reload": True}])
def test_debug_and_reload_are_refused_off_loopback(tmp_path, flags):
    config = endpoint_config(tmp_path, fixture_ntriples(), host="0.0.0.0")
    with pytest.raises(UnsafeDebug):
        run(config, **flags)
