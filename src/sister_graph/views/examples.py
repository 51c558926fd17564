"""The example SPARQL queries (queries/*.rq): title, description and runnable text.

Each file starts with `# title: ...` and `# description: ...` lines; the body uses the
project's prefixes (sg:, rdfs:, ...) without declaring them, and `with_prefixes` adds the
PREFIX lines it needs for the configured base IRI.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from importlib import resources

from sister_graph.errors import SourceError
from sister_graph.rdf.namespaces import prefixes_for

_PREFIXED = re.compile(r"(?<![\w<\"?])([a-z][a-z0-9]*):[A-Za-z_]", re.ASCII)


@dataclass(frozen=True)
class Example:
    """One example query."""

    name: str
    title: str
    description: str
    body: str


def parse_example(name: str, text: str) -> Example:
    """Split an .rq file into its title, description and query body.

    >>> parse_example("x", "# title: T\\n# description: D\\nASK {}\\n").title
    'T'
    """
    meta, body = {}, []
    for line in text.splitlines():
        found = re.match(r"#\s*(title|description):\s*(.*)", line)
        if found and not body:
            meta[found.group(1)] = found.group(2).strip()
        else:
            body.append(line)
    if "title" not in meta or "description" not in meta:
        raise SourceError(f"{name}: an example needs '# title:' and '# description:' lines")
    return Example(name, meta["title"], meta["description"], "\n".join(body).strip() + "\n")


def with_prefixes(body: str, *, base: str) -> str:
    """Prepend the PREFIX declarations the query body uses, for this base IRI."""
    known = prefixes_for(base)
    used = sorted({m.group(1) for m in _PREFIXED.finditer(body)} & set(known))
    lines = [f"PREFIX {name}: <{known[name]}>" for name in used]
    return "\n".join(lines) + ("\n\n" if lines else "") + body


def read_examples() -> list[Example]:
    """Read every example query shipped in the package, in file-name order."""
    folder = resources.files("sister_graph") / "queries"
    files = sorted((f for f in folder.iterdir() if f.name.endswith(".rq")), key=lambda f: f.name)
    return [parse_example(f.name, f.read_text(encoding="utf-8")) for f in files]
