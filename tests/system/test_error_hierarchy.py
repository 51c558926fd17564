"""One error hierarchy: every error raised on purpose is a SisterGraphError subclass from errors.py,
carrying its status and code, never decorated in a handler, and crossing process pipes whole."""

from __future__ import annotations

import ast
import importlib
import inspect
import multiprocessing
import pickle
import pkgutil

import pyoxigraph as ox
import pytest

import sister_graph
from sister_graph import errors
from sister_graph.errors import HttpError, MalformedQuery, NotFound, SisterGraphError
from sister_graph.query.worker import EngineStores, Job, run_job
from sister_graph.rdf.formats import RESULTS_JSON
from tests.support import REPO

SRC = REPO / "src" / "sister_graph"
# Raised on purpose but not ours: click's usage errors (click prints them), and KeyError from
# the format table's lookups (a programming error: the caller passed a key the table lacks).
FOREIGN = {
    ("cli/__init__.py", "click.UsageError"),
    ("cli/generate.py", "click.UsageError"),
    ("rdf/formats.py", "KeyError"),
}
ERROR_FIELDS = {"status", "code", "headers", "suggestions", "problems", "message"}


def all_errors() -> list[type[SisterGraphError]]:
    found, todo = [], [SisterGraphError]
    while todo:
        cls = todo.pop()
        found.append(cls)
        todo += cls.__subclasses__()
    return sorted(set(found), key=lambda c: c.__name__)


def _name(node: ast.expr) -> str:
    return ast.unparse(node.func if isinstance(node, ast.Call) else node)


def test_every_exception_class_is_defined_in_the_errors_module():
    for module in pkgutil.walk_packages(sister_graph.__path__, "sister_graph."):
        if module.name.endswith("__main__"):
            continue
        loaded = importlib.import_module(module.name)
        for _, cls in inspect.getmembers(loaded, inspect.isclass):
            if issubclass(cls, BaseException) and cls.__module__.startswith("sister_graph"):
                assert cls.__module__ == "sister_graph.errors", cls
                assert issubclass(cls, SisterGraphError), cls


def test_every_raise_names_an_error_of_the_hierarchy():
    ours = {cls.__name__ for cls in all_errors()}
    problems = []
    for path in sorted(SRC.rglob("*.py")):
        rel = path.relative_to(SRC).as_posix()
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not isinstance(node, ast.Raise) or node.exc is None:
                continue
            if not isinstance(node.exc, ast.Call):
                continue  # re-raising a caught or built error object
            name = _name(node.exc)
            if not name.rpartition(".")[2][:1].isupper():
                continue  # a helper building the error (its own raise is checked by type)
            if name.rpartition(".")[2] not in ours and (rel, name) not in FOREIGN:
                problems.append(f"{rel}:{node.lineno}: raise {name}(...)")
    assert not problems, "\n".join(problems)


def test_no_handler_attaches_attributes_to_an_error():
    problems = []
    for path in sorted(SRC.rglob("*.py")):
        if path.name == "errors.py":
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            targets = node.targets if isinstance(node, ast.Assign) else []
            targets = [e for t in targets for e in (t.elts if isinstance(t, ast.Tuple) else [t])]
            for target in targets:
                if (
                    isinstance(target, ast.Attribute)
                    and target.attr in ERROR_FIELDS
                    and not (isinstance(target.value, ast.Name) and target.value.id == "self")
                ):
                    problems.append(f"{path.name}:{node.lineno}: {ast.unparse(target)}")
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("cls", all_errors(), ids=lambda c: c.__name__)
def test_every_error_has_a_status_and_code_and_pickles_whole(cls):
    if cls is HttpError:
        err = HttpError("no", status=405, code="method-not-allowed", headers={"Allow": "GET"})
    elif cls is NotFound:
        err = NotFound("nothing", problems=["x"], suggestions=[("urn:a", "A")])
    elif "retry_after" in inspect.signature(cls.__init__).parameters:
        err = cls("slow down", retry_after=7)
    else:
        err = cls("went wrong", problems=["data/x.csv:3: bad"])
    assert 400 <= err.status <= 599 and err.code and err.code == err.code.lower()
    back = pickle.loads(pickle.dumps(err))
    assert type(back) is cls
    assert (back.status, back.code, back.message) == (err.status, err.code, err.message)
    assert (back.problems, back.headers) == (err.problems, err.headers)
    assert back.__dict__ == err.__dict__


def test_codes_are_unique():
    codes = [cls.code for cls in all_errors() if cls is not HttpError]
    assert len(codes) == len(set(codes))


def test_a_worker_failure_crosses_the_pipe_as_the_error_itself():
    store = ox.Store()
    reply = run_job(
        EngineStores(store), Job("SELECT * WHERE { ?s ?p }", RESULTS_JSON.media_type, 10)
    )
    assert type(reply) is MalformedQuery
    parent, child = multiprocessing.Pipe()
    try:
        child.send(reply)
        back = parent.recv()
    finally:
        parent.close()
        child.close()
    assert type(back) is MalformedQuery and back.status == 400
    assert back.message.startswith("error at 1:")


def test_the_errors_module_documents_every_class():
    for cls in all_errors():
        assert cls.__module__ == errors.__name__
        assert cls.__doc__ and cls.__doc__.strip(), cls
