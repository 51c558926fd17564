"""Write dist/ atomically: every file into a temporary folder, swapped in only when complete."""

from __future__ import annotations

import errno
import hashlib
import os
import shutil
import socket
import tempfile
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path

from sister_graph.errors import DatasetMissing, NotADist
from sister_graph.rdf.formats import dump_name, rdf_format

CHECKSUMS = "SHA256SUMS"


def sha256_hex(data: bytes) -> str:
    """Return the SHA-256 digest of these bytes as lower-case hex."""
    return hashlib.sha256(data).hexdigest()


class Staging:
    """A staging folder being filled: each file written once, with its size and SHA-256 kept."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.sums: dict[str, tuple[int, str]] = {}  # name -> (size in bytes, SHA-256 hex)

    def path(self, name: str) -> Path:
        """Return where the file `name` is (or will be) written."""
        return self.folder / name

    def write(self, name: str, data: bytes | Iterable[bytes]) -> None:
        """Write the file `name` from bytes or from an iterable of byte chunks (streamed)."""
        digest, size = hashlib.sha256(), 0
        with open(self.folder / name, "wb") as handle:
            for chunk in (data,) if isinstance(data, bytes) else data:
                digest.update(chunk)
                size += len(chunk)
                handle.write(chunk)
        self.sums[name] = (size, digest.hexdigest())

    def read(self, name: str) -> bytes:
        """Return the bytes of a file written here."""
        return (self.folder / name).read_bytes()


def write_dist(files: dict[str, bytes], dist: Path) -> None:
    """Replace dist/ with these files; on any failure the previous dist/ stays as it was.

    Only a folder a build wrote is replaced (see `check_replaceable`); raises NotADist,
    before writing anything, for any other.
    """
    with staged_dist(dist) as staging:
        for name, data in files.items():
            staging.write(name, data)


@contextmanager
def staged_dist(dist: Path) -> Iterator[Staging]:
    """Yield an empty staging folder next to dist/; swap it in for dist/ when the block ends.

    Every file is flushed to disk (fsync) before the swap; if the block or the swap raises,
    the staging folder is deleted and the previous dist/ stays as it was. Only a folder a
    build wrote is replaced (see `check_replaceable`): NotADist is raised before the block,
    and while another build writes the same folder (it holds a lock named after the folder:
    an abstract Unix socket, https://man7.org/linux/man-pages/man7/unix.7.html, which the
    kernel frees when the build ends however it ends, and which leaves no file behind),
    whose staging folder would otherwise be deleted as stale. Builds into other folders,
    siblings too, do not wait: the lock, the staging folders and the stale ones a build
    deletes are all named after its own folder.
    """
    dist = dist.absolute()
    dist.parent.mkdir(parents=True, exist_ok=True)
    with _build_lock(dist.parent.resolve() / dist.name), _staged(dist) as staging:
        yield staging


@contextmanager
def _build_lock(dist: Path) -> Iterator[None]:
    """Hold the lock of one dist folder (raise NotADist if another build holds it)."""
    key = hashlib.sha256(os.fsencode(dist)).hexdigest()
    lock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    try:
        lock.bind(f"\0sister-graph-build-{key}")
    except OSError as err:
        lock.close()
        if err.errno == errno.EADDRINUSE:
            raise NotADist(f"{dist}: another build is writing it; wait for it to end") from None
        raise
    try:
        yield
    finally:
        lock.close()


@contextmanager
def _staged(dist: Path) -> Iterator[Staging]:
    recover_dist(dist)
    check_replaceable(dist)
    for stale in dist.parent.glob(f".{dist.name}.tmp-*"):
        shutil.rmtree(stale, ignore_errors=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{dist.name}.tmp-", dir=dist.parent))
    try:
        yield Staging(staging)
        for path in sorted(staging.iterdir()):
            with open(path, "rb") as handle:
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


def check_replaceable(dist: Path) -> None:
    """Raise NotADist unless `dist` is absent, empty, or a folder a build wrote.

    A build replaces the whole folder, so `--dist-dir` naming a folder of other files
    (`--dist-dir .`, `--dist-dir /etc`) would delete them. A folder a build wrote holds
    SHA256SUMS and only the files it lists, besides hidden entries (the query stores, .store).
    """
    if not dist.exists():
        return
    if not dist.is_dir():
        raise NotADist(f"{dist} is not a folder; choose a new or empty folder for dist/")
    entries = sorted(p.name for p in dist.iterdir() if not p.name.startswith("."))
    if not entries:
        return
    listed: dict[str, str] = {}
    if (dist / CHECKSUMS).is_file():
        text = (dist / CHECKSUMS).read_text(encoding="utf-8", errors="replace")
        listed = read_checksums(text)
    foreign = [name for name in entries if name != CHECKSUMS and name not in listed]
    if not listed or foreign:
        shown = ", ".join((foreign or entries)[:3]) + (
            ", ..." if len(foreign or entries) > 3 else ""
        )
        raise NotADist(
            f"{dist} holds files no build wrote ({shown}): a build replaces the whole folder, "
            "so it is left untouched; choose a new or empty folder for dist/"
        )


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
    hint = "run `sister-graph build`"
    recover_dist(dist.absolute())
    if not dist.is_dir():
        raise DatasetMissing(f"no dist/ here: {hint} (looked for {dist})")
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
