"""Build hook: the wheel carries a copy of the top-level ontology/, shapes/ and vendor/ folders.

Those folders stay the source of truth (edited there, read there in a clone); the copy under
sister_graph/bundled/ lets an installed package build a folder that holds only data/.
All other metadata is in pyproject.toml.
"""

import shutil
from pathlib import Path

from setuptools import setup
from setuptools.command.build_py import build_py

HERE = Path(__file__).resolve().parent
BUNDLED = ("ontology", "shapes", "vendor")
COPIED = ("*.ttl", "*.csv", "README.md", "LICENSE")  # the data, and the licences it comes with


class BuildWithBundledData(build_py):
    """build_py, then copy the bundled folders' data files (and licences) into the package."""

    def run(self):
        super().run()
        for folder in BUNDLED:
            target = Path(self.build_lib) / "sister_graph" / "bundled" / folder
            shutil.rmtree(target, ignore_errors=True)
            for pattern in COPIED:
                for source in sorted((HERE / folder).rglob(pattern)):
                    copy = target / source.relative_to(HERE / folder)
                    copy.parent.mkdir(parents=True, exist_ok=True)
                    shutil.copy2(source, copy)


setup(cmdclass={"build_py": BuildWithBundledData})
