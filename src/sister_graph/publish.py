"""Write dist/ atomically: every file into a temporary folder, swapped in only when complete."""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import tempfile
from collections.abc import Callable
from pathlib import Path

from rdflib import Graph

from .catalog import FileInfo, describe_catalog
from .errors import DatasetMissing
from .formats import RDF_FORMATS, dump_name, rdf_format
from .serialize import jsonld_context, to_jsonld, to_ntriples, to_rdfxml, to_turtle

CHECKSUMS = "SHA256SUMS"
WRITERS: dict[str, Callable[[Graph, str], bytes]] = {
    "turtle": lambda g, base: to_turtle(g, base=base),
    "jsonld": lambda g, base: to_jsonld(g, base=base),
    "ntriples": lambda g, _: to_ntriples(g),
    "rdfxml": lambda g, base: to_rdfxml(g, base=base),
}


def render_dist(
    graph: Graph,
    report: Graph,
    *,
    base: str,
    license_iri: str,
    issued: str = "",
    progress: Callable[[str], None] = lambda _: None,
) -> dict[str, bytes]:
    """Return every file of dist/ by name (dumps, context, catalog, report, SHA256SUMS)."""
    files: dict[str, bytes] = {}
    for fmt in RDF_FORMATS:
        progress(f"serialising {dump_name(fmt)}")
        files[dump_name(fmt)] = WRITERS[fmt.name](graph, base)
    files["context.jsonld"] = (
        json.dumps(jsonld_context(base), indent=1, sort_keys=True) + "\n"
    ).encode()
    files["validation-report.ttl"] = to_turtle(report, base=base)
    infos = {name: FileInfo(name, len(data), _sha256(data)) for name, data in files.items()}
    catalog = describe_catalog(
        graph, base=base, files=infos, license_iri=license_iri, issued=issued
    )
    files["catalog.ttl"] = to_turtle(catalog, base=base)
    files[CHECKSUMS] = "".join(
        f"{_sha256(data)}  {name}\n" for name, data in sorted(files.items())
    ).encode()
    return files


def _sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def write_dist(files: dict[str, bytes], dist: Path) -> None:
    """Replace dist/ with these files; on any failure the previous dist/ stays as it was."""
    dist = dist.absolute()
    dist.parent.mkdir(parents=True, exist_ok=True)
    recover_dist(dist)
    for stale in dist.parent.glob(f".{dist.name}.tmp-*"):
        shutil.rmtree(stale, ignore_errors=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{dist.name}.tmp-", dir=dist.parent))
    try:
        for name, data in files.items():
            with open(staging / name, "wb") as handle:
                handle.write(data)
                handle.flush()
                os.fsync(handle.fileno())
        staging.chmod(0o755)
        old = dist.parent / f".{dist.name}.old"
        if dist.exists():
            shutil.rmtree(old, ignore_errors=True)
            os.replace(dist, old)
        os.replace(staging, dist)
        shutil.rmtree(old, ignore_errors=True)
    finally:
        shutil.rmtree(staging, ignore_errors=True)


def recover_dist(dist: Path) -> None:
    """Put back the previous dist/ if a build stopped between its two renames."""
    old = dist.parent / f".{dist.name}.old"
    if not dist.exists() and old.exists():
        os.replace(old, dist)


def read_checksums(text: str) -> dict[str, str]:
    """Parse sha256sum output ('<hex>  <name>' lines) into {name: hex}.

    >>> read_checksums("ab12  sister-graph.nt\\n")
    {'sister-graph.nt': 'ab12'}
    """
    sums = {}
    for line in text.splitlines():
        if line.strip():
            digest, _, name = line.strip().partition(" ")
            sums[name.strip().lstrip("*")] = digest.lower()
    return sums


def _sha256_file(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def check_dist(dist: Path) -> dict[str, str]:
    """Verify every file SHA256SUMS lists; return name -> digest or raise DatasetMissing.

    A server over a partial dist/ would half work (pages fine, downloads 404), so all files count.
    """
    dist = Path(dist)
    recover_dist(dist.absolute())
    hint = "run 'sister-graph build' first"
    nt_dump = dump_name(rdf_format("nt"))
    for path in (dist / CHECKSUMS, dist / nt_dump):
        if not path.is_file():
            raise DatasetMissing(
                f"the published dataset is incomplete: {path.name} missing; {hint}"
            )
    listed = read_checksums((dist / CHECKSUMS).read_text(encoding="utf-8", errors="replace"))
    if nt_dump not in listed:
        raise DatasetMissing(f"{CHECKSUMS} does not list {nt_dump}; {hint}")
    for name, digest in sorted(listed.items()):
        path = dist / name
        if "/" in name or not path.is_file():
            raise DatasetMissing(f"the published dataset is incomplete: {name} missing; {hint}")
        if _sha256_file(path) != digest:
            raise DatasetMissing(f"{name} does not match its checksum in {CHECKSUMS}; {hint}")
    return listed
