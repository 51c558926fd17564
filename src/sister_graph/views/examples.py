"""The example SPARQL queries (queries/*.rq): title, description and runnable text.

Each file starts with `# title: ...` and `# description: ...` lines in English, and their
translations as `# title@sr-Latn: ...`, `# title@sr-Cyrl: ...` (likewise for descriptions).
The body uses the project's prefixes (sg:, rdfs:, ...) without declaring them;
`with_prefixes` adds the PREFIX lines it needs for the configured base IRI.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from importlib import resources

from sister_graph.errors import SourceError
from sister_graph.rdf.namespaces import prefixes_for

_PREFIXED = re.compile(r"(?<![\w<\"?])([a-z][a-z0-9]*):[A-Za-z_]", re.ASCII)


@dataclass(frozen=True)
class Example:
    """One example query: English title and description, and their translations by language."""

    name: str
    title: str
    description: str
    body: str
    titles: dict[str, str] = field(default_factory=dict)
    descriptions: dict[str, str] = field(default_factory=dict)

    def title_in(self, lang: str) -> str:
        """Return the title in the language (English where no translation is given)."""
        return self.titles.get(lang, self.title)

    def description_in(self, lang: str) -> str:
        """Return the description in the language (English where no translation is given)."""
        return self.descriptions.get(lang, self.description)


def parse_example(name: str, text: str) -> Example:
    """Split an .rq file into its title, description and query body.

    >>> parse_example("x", "# title: T\\n# description: D\\nASK {}\\n").title
    'T'
    """
    meta: dict[tuple[str, str], str] = {}
    body: list[str] = []
    for line in text.splitlines():
        found = re.match(r"#\s*(title|description)(?:@([A-Za-z-]+))?:\s*(.*)", line)
        if found and not body:
            meta[(found.group(1), found.group(2) or "en")] = found.group(3).strip()
        else:
            body.append(line)
    if ("title", "en") not in meta or ("description", "en") not in meta:
        raise SourceError(f"{name}: an example needs '# title:' and '# description:' lines")
    return Example(
        name,
        meta[("title", "en")],
        meta[("description", "en")],
        "\n".join(body).strip() + "\n",
        titles={lang: v for (key, lang), v in meta.items() if key == "title"},
        descriptions={lang: v for (key, lang), v in meta.items() if key == "description"},
    )


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
