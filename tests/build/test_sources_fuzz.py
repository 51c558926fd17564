"""Property tests: randomly corrupted sources give clear, located errors, never a traceback."""

from __future__ import annotations

import re
import shutil
import tempfile
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from sister_graph.build.pipeline import build_dist
from sister_graph.errors import SourceError, ValidationFailed
from sister_graph.settings import Config

REPO = Path(__file__).resolve().parents[2]
CSV_FILES = (
    "agreements.csv",
    "cities.csv",
    "concepts.csv",
    "memberships.csv",
    "networks.csv",
    "publisher.csv",
)
LOCATED = re.compile(r"^(data/)?[a-z0-9-]+/[a-z]+\.csv(:\d+)?: ")

corruptions = st.one_of(
    st.tuples(st.just("insert"), st.binary(min_size=1, max_size=12)),
    st.tuples(
        st.just("insert"),
        st.text(alphabet=',"\n\r;\x00ž', min_size=1, max_size=6).map(lambda t: t.encode()),
    ),
    st.tuples(st.just("delete"), st.integers(1, 40)),
    st.tuples(st.just("truncate"), st.just(0)),
)


def _corrupt(data: bytes, kind: str, arg, position: float) -> bytes:
    at = int(position * len(data))
    if kind == "insert":
        return data[:at] + arg + data[at:]
    if kind == "delete":
        return data[:at] + data[at + arg :]
    return data[:at]


@settings(max_examples=40, deadline=None)
@given(
    name=st.sampled_from(CSV_FILES),
    corruption=corruptions,
    position=st.floats(0, 1),
)
def test_corrupted_csv_never_crashes_and_never_touches_dist(name, corruption, position):
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        shutil.copytree(REPO / "data", root / "data")
        config = Config(
            data_dir=root / "data",
            dist_dir=root / "dist",
            ontology_file=REPO / "ontology" / "sister-graph.ttl",
            shapes_dir=REPO / "shapes",
            vendor_dir=REPO / "vendor",
        )
        (root / "dist").mkdir()
        (root / "dist" / "SHA256SUMS").write_text("previous good dist\n")
        path = root / "data" / "banja-luka" / name
        path.write_bytes(_corrupt(path.read_bytes(), *corruption, position))
        try:
            build_dist(config)
        except (SourceError, ValidationFailed) as err:
            assert err.problems, err.message
            for problem in err.problems:
                assert "Traceback" not in problem
                if isinstance(err, SourceError):
                    # located at a file:line, naming the corrupted folder (a city two folders
                    # share may be reported at the other folder's row first, naming both)
                    assert LOCATED.match(problem) and "banja-luka/" in problem, problem
            assert [p.name for p in (root / "dist").iterdir()] == ["SHA256SUMS"]
            assert (root / "dist" / "SHA256SUMS").read_text() == "previous good dist\n"
        else:
            assert (root / "dist" / "sister-graph.nt").is_file()
