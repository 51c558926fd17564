"""Read a Turtle file the deployer supplies (ontology, shapes) and name its line on an error."""

from __future__ import annotations

from pathlib import Path

from rdflib import Graph
from rdflib.plugins.parsers.notation3 import BadSyntax

from sister_graph.errors import SourceError
from sister_graph.rdf.formats import TURTLE


def read_turtle_file(path: Path, *, base: str) -> Graph:
    """Parse the Turtle file at path, resolving relative IRIs against base.

    Turtle: https://www.w3.org/TR/turtle/ (parsed by rdflib). Raises SourceError with one
    problem 'path:LINE:COLUMN: not valid Turtle: why' (lines and columns from 1) when the
    file does not parse, and 'path: not UTF-8 ...' when it is not UTF-8, so a broken
    `ontology_file` or shapes file is a failed build (exit 1), not an internal error.
    """
    try:
        return Graph().parse(path, format=TURTLE.rdflib, publicID=base)
    except BadSyntax as err:
        # the parser's own line counter drifts (255 read as 285 on the ontology): count from
        # the offset into the text it was parsing, which is the whole document
        text = err._str.decode("utf-8", "replace")
        line = text.count("\n", 0, err._i) + 1
        column = err._i - text.rfind("\n", 0, err._i)
        problem = f"{path}:{line}:{column}: not valid Turtle: {err._why}"
    except UnicodeDecodeError as err:
        problem = f"{path}: not UTF-8 (byte {err.start}: {err.reason})"
    raise SourceError(f"{path} cannot be read", problems=[problem])
