"""Settings: one table feeds defaults, environment variables, the CLI and the README."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from sister_graph.cli import cli
from sister_graph.errors import BadSetting
from sister_graph.settings import BY_NAME, SETTINGS, Config, load_config, settings_markdown

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


# One check, however the value arrives: environment variable, CLI option or keyword.
BAD_VALUES = [
    ("port", "99999", "is above the maximum 65535 (allowed: int 0..65535)"),
    ("port", "-1", "is below the minimum 0 (allowed: int 0..65535)"),
    ("port", "eighty", "is not a valid int"),
    ("processes", "0", "is below the minimum 1 (allowed: int 1..64)"),
    ("threads", "1000", "is above the maximum 256 (allowed: int 1..256)"),
    ("query_timeout", "0", "is below the minimum 0.1 (allowed: float 0.1..3600)"),
    ("query_timeout", "soon", "is not a valid float"),
    ("max_rows", "0", "is below the minimum 1 (allowed: int 1..)"),
    ("cache_entries", "-5", "is below the minimum 0 (allowed: int 0..)"),
    ("base", "https://example.org/x", "must end with '/' or '#'"),
    ("release_date", "2026-13-01", "is not a date (YYYY-MM-DD)"),
    # NaN passes every range comparison: each float setting refuses it
    ("query_timeout", "nan", "is not a number"),
    ("client_query_seconds", "NaN", "is not a number"),
    # IRIs: http(s), nothing RFC 3987 keeps out (space, <, >, ...)
    ("base", "not an iri/", "is not an http(s) IRI"),
    ("base", "https://example.org/a b/", "is not an IRI: it holds ' ' (U+0020)"),
    ("license", "http://example.org/a<b", "is not an IRI: it holds '<' (U+003C)"),
    ("publisher_type", "http:///x", "is not an http(s) IRI"),
    ("store", "ftp://example.org/sparql", "is not an http(s) IRI"),
    # trusted proxies are matched address by address: a name or a range would never match
    (
        "trusted_proxies",
        "proxy.local",
        "holds 'proxy.local', which is not an IP address (one address each, no ranges)",
    ),
    (
        "trusted_proxies",
        "10.0.0.2,10.0.0.0/8",
        "holds '10.0.0.0/8', which is not an IP address (one address each, no ranges)",
    ),
]


def _cli_args(name: str, value: str | None) -> list[str]:
    """Arguments that give the setting on its command (None: the command alone)."""
    setting = BY_NAME[name]
    option = [] if value is None else [f"{setting.cli_option}={value}"]
    if "" in setting.commands:
        return [*option, "validate"]
    return [setting.commands[0], *option]


@pytest.mark.parametrize(("name", "value", "complaint"), BAD_VALUES)
def test_a_bad_value_is_refused_alike_from_environment_cli_and_keyword(
    tmp_path, name, value, complaint
):
    setting = BY_NAME[name]
    expected = f"setting {name}: {value!r} {complaint}"
    with pytest.raises(BadSetting, match=re.escape(f"{expected} (from {setting.env})")):
        load_config(environ={setting.env: value})
    with pytest.raises(BadSetting, match=re.escape(expected)):
        load_config({name: value}, environ={})
    runner = CliRunner()
    env = {"SISTER_GRAPH_DIST_DIR": str(tmp_path / "dist")}
    by_env = runner.invoke(cli, _cli_args(name, None), env={**env, setting.env: value})
    by_option = runner.invoke(cli, _cli_args(name, value), env=env)
    for result, source in ((by_env, setting.env), (by_option, setting.cli_option)):
        assert result.exit_code == 1, result.output
        assert result.output.strip() == f"error: {expected} (from {source})"
    assert not (tmp_path / "dist").exists()


def test_a_good_value_arrives_alike_from_environment_and_cli():
    for name, raw, value in [("port", "9001", 9001), ("query_timeout", "2.5", 2.5)]:
        setting = BY_NAME[name]
        assert getattr(load_config(environ={setting.env: raw}), name) == value
        assert getattr(load_config(cli={name: raw}, environ={}), name) == value
    config = load_config(cli={"port": "9002"}, environ={"SISTER_GRAPH_PORT": "9001"})
    assert config.port == 9002  # the option wins over the variable


def test_config_checks_keyword_values_too():
    with pytest.raises(BadSetting, match="setting port: 70000 is above the maximum 65535"):
        Config(port=70000)
    with pytest.raises(BadSetting, match="setting threads: 0 is below the minimum 1"):
        Config().with_(threads=0)
    with pytest.raises(BadSetting, match="setting colour: no such setting"):
        load_config({"colour": "red"}, environ={})


def test_every_setting_has_one_cli_option_on_its_commands():
    commands = {"": cli, **cli.commands}
    for setting in SETTINGS:
        for command in setting.commands:
            options = {o for p in commands[command].params for o in p.opts}
            assert setting.cli_option in options, (setting.name, command)


def test_help_shows_each_default_as_the_readme_does():
    # Paths read as written ('data'), never as Python's PosixPath('data').
    commands = {"": [], **{name: [name] for name in cli.commands}}
    for command, args in commands.items():
        text = " ".join(
            CliRunner().invoke(cli, [*args, "--help"], terminal_width=1000).output.split()
        )
        assert "PosixPath" not in text, command
        for setting in (s for s in SETTINGS if command in s.commands):
            assert f"default {setting.shown_default()}]" in text, (command, setting.name)
    assert "default data]" in CliRunner().invoke(cli, ["--help"], terminal_width=1000).output


def test_an_environment_value_an_option_overrides_is_not_read():
    # `SISTER_GRAPH_PORT= sister-graph serve --port 8001` stopped at the unused empty variable
    config = load_config(cli={"port": "8001"}, environ={"SISTER_GRAPH_PORT": ""})
    assert config.port == 8001
    config = load_config({"port": 8002}, environ={"SISTER_GRAPH_PORT": "eighty"})
    assert config.port == 8002
    with pytest.raises(ValueError, match="SISTER_GRAPH_PORT"):  # still refused when it is used
        load_config(cli={"port": None}, environ={"SISTER_GRAPH_PORT": ""})


@pytest.mark.parametrize(
    ("name", "meant"),
    [
        ("SISTER_GRAPH_PROT", "SISTER_GRAPH_PORT"),
        ("SISTER_GRAPH_TIMEOUT", "SISTER_GRAPH_QUERY_TIMEOUT"),
        ("SISTER_GRAPH_DATADIR", "SISTER_GRAPH_DATA_DIR"),
        ("SISTER_GRAPH_WORKERS", "SISTER_GRAPH_QUERY_WORKERS"),
    ],
)
def test_an_unknown_variable_is_named_with_the_setting_it_may_mean(name, meant):
    """A misspelt SISTER_GRAPH_* variable was ignored without a word."""
    from sister_graph.settings import unknown_variables

    assert unknown_variables({name: "1", "SISTER_GRAPH_PORT": "8001", "HOME": "/"}) == [
        f"{name} is no setting of sister-graph (ignored); did you mean {meant}?"
    ]


def test_every_variable_sister_graph_reads_is_known():
    from sister_graph.settings import OTHER_VARIABLES, unknown_variables

    read = {s.env: "" for s in SETTINGS} | dict.fromkeys(OTHER_VARIABLES, "")
    assert unknown_variables(read) == []
    files = [p for p in (REPO / "src").rglob("*.py") if p.name != "settings.py"]
    sources = "\n".join(p.read_text() for p in files)  # every variable the code names
    assert set(re.findall(r"SISTER_GRAPH_[A-Z_]+", sources)) <= set(read) | {"SISTER_GRAPH_"}


def test_the_cli_warns_of_an_unknown_variable_and_goes_on(tmp_path):
    result = CliRunner().invoke(
        cli,
        ["--dist-dir", str(tmp_path / "none"), "query", "ASK {}"],
        env={"SISTER_GRAPH_PROT": "1"},
    )
    assert result.output.splitlines()[0] == (
        "warning: SISTER_GRAPH_PROT is no setting of sister-graph (ignored); did you mean "
        "SISTER_GRAPH_PORT?"
    )
    assert result.output.splitlines()[1].startswith("error: no dist/ here")
