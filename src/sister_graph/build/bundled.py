"""Where the build reads ontology, shapes and vendored files: the configured path, else the
package's copy.

A clone reads the top-level ontology/, shapes/ and vendor/ (the source of truth). An installed
wheel carries a copy of them under sister_graph/bundled/ (setup.py copies them at build time), so
`sister-graph build` works in a folder that holds only data/. The copy is used only when the
setting still has its default value and that path does not exist: a path the user gave is
never replaced.
"""

from __future__ import annotations

from pathlib import Path

from sister_graph.settings import BY_NAME, Config

PACKAGE = Path(__file__).resolve().parent.parent
CANDIDATES = (PACKAGE / "bundled", PACKAGE.parent.parent)  # installed copy; editable clone


def _resolve(configured: Path, name: str) -> Path:
    default = Path(BY_NAME[name].default)
    if configured.exists() or configured != default:
        return configured
    for root in CANDIDATES:
        if (root / default).exists():
            return root / default
    return configured


def ontology_file(config: Config) -> Path:
    """Return the ontology to read: config.ontology_file, or the package's copy of the default."""
    return _resolve(Path(config.ontology_file), "ontology_file")


def vendor_dir(config: Config) -> Path:
    """Return the vendored DCAT-AP shapes and EU code lists: config.vendor_dir, or the copy."""
    return _resolve(Path(config.vendor_dir), "vendor_dir")


def shapes_dir(config: Config) -> Path:
    """Return the shapes folder to read: config.shapes_dir, or the package's copy of the default."""
    return _resolve(Path(config.shapes_dir), "shapes_dir")
