"""Every HTML answer carries the security headers; errors (500 too) disclose nothing; no debug mode."""

from __future__ import annotations

import pytest
import requests

from sister_graph.web import create_app
from tests.support import REPO, LiveServer, endpoint_config, fixture_ntriples

# Sample values for the URL rules' arguments; any other argument gets "x".
SAMPLES = {
    "rest": ["city/banja-luka", "city/no-such-city", "concept/nowhere/x"],
    "ext": ["html", "ttl", "nope"],
    "name": ["sister-graph.ttl", "no-such-file"],
}
REQUIRED = ("Content-Security-Policy", "X-Content-Type-Options", "Referrer-Policy")
LEAKS = ("Traceback", 'File "', "site-packages", str(REPO), "ZeroDivisionError")


def html_targets(app) -> list[str]:
    """Return one or more concrete GET paths for every rule of the app except static files."""
    targets = []
    for rule in app.url_map.iter_rules():
        if "GET" not in rule.methods or rule.endpoint == "static":
            continue
        if not rule.arguments:
            targets.append(rule.rule)
            continue
        for i in range(max(len(SAMPLES.get(a, ["x"])) for a in rule.arguments)):
            values = {
                a: SAMPLES.get(a, ["x"])[i % len(SAMPLES.get(a, ["x"]))] for a in rule.arguments
            }
            targets.append(rule.build(values, append_unknown=False)[1])
    return sorted(set(targets))


def test_every_html_answer_has_the_security_headers(site):
    targets = html_targets(site.app) + ["/no/such/page", "/sparql?query=ASK%20%7B"]
    checked = []
    for target in targets:
        response = requests.get(
            site.url.rstrip("/") + target, headers={"Accept": "text/html"}, allow_redirects=True
        )
        assert response.status_code < 500, target
        if response.headers.get("Content-Type", "").startswith("text/html"):
            missing = [h for h in REQUIRED if h not in response.headers]
            assert missing == [], f"{target} ({response.status_code}) lacks {missing}"
            assert response.headers["X-Content-Type-Options"] == "nosniff"
            assert "script-src 'self'" in response.headers["Content-Security-Policy"]
            checked.append((target, response.status_code))
    assert len(checked) >= 8, checked
    assert any(status == 404 for _, status in checked)  # error pages are covered too
    assert any(status == 400 for _, status in checked)


@pytest.fixture
def failing_server(tmp_path, monkeypatch):
    """A production server whose app has one route that raises (FLASK_DEBUG is set, in vain)."""
    monkeypatch.setenv("FLASK_DEBUG", "1")
    config = endpoint_config(tmp_path, fixture_ntriples())
    app = create_app(config)
    app.add_url_rule("/boom", "boom", lambda: 1 / 0)
    live = LiveServer(config, app=app)
    yield app, live.url
    live.close()


@pytest.mark.parametrize("accept", ["text/html", "application/json", "text/plain"])
def test_an_unexpected_error_is_a_plain_500_without_details(failing_server, accept, caplog):
    _, url = failing_server
    response = requests.get(url + "boom", headers={"Accept": accept})
    assert response.status_code == 500
    assert "internal server error" in response.text
    assert not any(leak in response.text for leak in LEAKS)
    assert "Werkzeug Debugger" not in response.text and "__debugger__" not in response.text
    if accept == "text/html":
        assert all(h in response.headers for h in REQUIRED)
    assert "ZeroDivisionError" in caplog.text  # the details go to the log only


def test_debug_mode_is_off_in_the_production_server_whatever_the_environment(failing_server):
    app, url = failing_server
    assert app.debug is False and not app.config["PROPAGATE_EXCEPTIONS"]
    response = requests.get(url + "boom?__debugger__=yes&cmd=resource&f=style.css")
    assert response.status_code == 500 and "Werkzeug" not in response.text
