"""Settings: one table feeds defaults, environment variables, the CLI and the README."""

from __future__ import annotations

from pathlib import Path

import pytest

from sister_graph.settings import SETTINGS, Config, load_config, settings_markdown

REPO = Path(__file__).resolve().parents[2]


def test_defaults_match_the_table():
    config = load_config(environ={})
    for setting in SETTINGS:
        value = getattr(config, setting.name)
        assert str(value) == str(setting.default), setting.name


def test_environment_then_overrides():
    environ = {"SISTER_GRAPH_PORT": "9001", "SISTER_GRAPH_BASE": "https://data.example.org/"}
    config = load_config({"port": 9002}, environ=environ)
    assert config.port == 9002
    assert config.base == "https://data.example.org/"


def test_bad_values_name_the_setting():
    with pytest.raises(ValueError, match="setting port: 'eighty' is not a valid int"):
        load_config(environ={"SISTER_GRAPH_PORT": "eighty"})
    with pytest.raises(ValueError, match="setting base"):
        load_config({"base": "https://example.org/x"}, environ={})


def test_every_setting_is_a_config_field_and_documented_in_the_readme():
    fields = set(Config.__dataclass_fields__)
    assert {s.name for s in SETTINGS} == fields
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    assert settings_markdown() in readme, "README's settings table is out of date"
