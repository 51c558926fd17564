"""Read a Turtle file the deployer supplies (ontology, shapes) and name its line on an error."""

from __future__ import annotations

from pathlib import Path

from rdflib import Graph
from rdflib.plugins.parsers.notation3 import BadSyntax

from sister_graph.build.csv_text import decode
from sister_graph.errors import SourceError
from sister_graph.rdf.formats import TURTLE


def read_turtle_file(path: Path, *, base: str | None = None) -> Graph:
    """Parse the Turtle file at path, resolving relative IRIs against base (default: the
    file's own URI).

    Turtle: https://www.w3.org/TR/turtle/ (parsed by rdflib). Raises SourceError with one
    problem naming the file: 'path:LINE:COLUMN: not valid Turtle: why' (lines and columns
    from 1) when it does not parse, 'path:LINE: not UTF-8 ...' (or UTF-16) when it is not
    UTF-8, and 'path: ...' when it is missing, a folder or holds no triples, so a broken
    ontology, shapes or vendored file is a failed build (exit 1), not an internal error.
    """
    problem = _unreadable(path)
    if problem is None:
        try:
            graph = Graph().parse(path, format=TURTLE.rdflib, publicID=base)
        except BadSyntax as err:
            # the parser's own line counter drifts (255 read as 285 on the ontology): count
            # from the offset into the text it was parsing, which is the whole document
            text = err._str.decode("utf-8", "replace")
            line = text.count("\n", 0, err._i) + 1
            column = err._i - text.rfind("\n", 0, err._i)
            problem = f"{path}:{line}:{column}: not valid Turtle: {err._why}"
        except Exception as err:  # noqa: BLE001 - rdflib's parser also asserts (a cut string)
            problem = f"{path}: not valid Turtle: {err}"
        else:
            if len(graph):
                return graph
            problem = f"{path}: holds no triples (an empty file)"
    raise SourceError(f"{path} cannot be read", problems=[problem])


def _unreadable(path: Path) -> str | None:
    """Say why the file cannot be read as text (missing, a folder, not UTF-8), or None."""
    if path.is_dir():
        return f"{path}: is a folder, not a Turtle file"
    if not path.is_file():
        return f"{path}: is missing"
    text, fault = decode(path.read_bytes())
    return None if text is not None else f"{path}:{fault[0]}: {fault[1]}"
