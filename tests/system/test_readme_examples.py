"""The README's example queries give exactly the output the README shows ("real output").

Each ```sparql block of "Example queries" is run through `sister-graph query` and its table
compared with the block after it; the `curl` example of "SPARQL endpoint" is sent to a live
server and its JSON compared with the line the README prints.
"""

from __future__ import annotations

import re

import requests
from click.testing import CliRunner

from sister_graph.cli import cli
from tests.support import REPO

README = (REPO / "README.md").read_text(encoding="utf-8")


def _section(title: str) -> str:
    start = README.index(f"\n## {title}")
    end = README.find("\n## ", start + 1)
    return README[start:end]


def _examples() -> list[tuple[str, str]]:
    blocks = re.findall(r"```(\w*)\n(.*?)```", _section("Example queries"), flags=re.S)
    pairs = [
        (query, output)
        for (kind, query), (next_kind, output) in zip(blocks, blocks[1:], strict=False)
        if kind == "sparql" and next_kind == ""
    ]
    assert len(pairs) >= 3
    return pairs


def test_every_example_query_prints_what_the_readme_shows(built, tmp_path):
    config, _ = built
    for query, shown in _examples():
        result = CliRunner().invoke(
            cli,
            ["--dist-dir", str(config.dist_dir), "query", "--store-dir", str(tmp_path), query],
        )
        assert result.exit_code == 0, result.output
        assert result.output == shown, query


def test_the_curl_example_answers_what_the_readme_shows(site):
    section = _section("SPARQL endpoint")
    example = re.search(
        r"```sh\ncurl -s \S+ -H '([^']*)' \\\n\s*--data-urlencode 'query=(.*?)'\n(.*?)\n```",
        section,
        flags=re.S,
    )
    assert example, "the curl example is where the README shows it"
    accept, query, shown = example.groups()
    name, value = accept.split(": ", 1)
    answer = requests.post(site.sparql, data={"query": query}, headers={name: value}, timeout=30)
    assert answer.status_code == 200, answer.text
    assert answer.content == shown.encode()  # byte for byte, as curl prints it


def test_every_file_the_readme_names_exists():
    # the README named tests/hostile/*.rq and tests/test_sparql_protocol.py after the move
    named = set(
        re.findall(r"`((?:tests|src|bench|data|vendor|shapes|ontology)/[^`*\s<>{}]+)`", README)
    )
    named |= {m.rstrip("/") for m in re.findall(r"`((?:tests|src)/[^`\s]*)\*\.rq`", README)}
    assert named
    missing = sorted(p for p in named if not (REPO / p).exists())
    assert missing == []
