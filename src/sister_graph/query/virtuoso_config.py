"""The virtuoso.ini that runs Debian's Virtuoso 7 on loopback as a remote store to test against.

The Virtuoso test (tests/query/test_virtuoso.py) and the peer benchmark (bench/peer_servers.py)
both start Virtuoso from this one file shape; they differ only in sizes (buffers, threads).
Keys: https://docs.openlinksw.com/virtuoso/dbadm/ (the [Database], [Parameters],
[HTTPServer] and [SPARQL] sections). Paths are the Debian package's (virtuoso-opensource).
"""

from __future__ import annotations

from pathlib import Path

VSP_ROOT = Path("/var/lib/virtuoso-opensource-7/vsp")


def virtuoso_ini(
    folder: Path,
    *,
    sql_port: int,
    http_port: int,
    buffers: int = 20000,
    dirty_buffers: int = 15000,
    threads: int = 8,
    keep_alives: int | None = None,
) -> str:
    """Return a virtuoso.ini keeping its database in `folder`, listening on 127.0.0.1 only.

    buffers / dirty_buffers: 8 KiB pages (NumberOfBuffers, MaxDirtyBuffers); threads: HTTP
    server threads; keep_alives: MaxKeepAlives (None: Virtuoso's default).
    """
    db = folder / "virtuoso"
    keep = f"MaxKeepAlives = {keep_alives}\n" if keep_alives is not None else ""
    return f"""[Database]
DatabaseFile = {db}.db
ErrorLogFile = {db}.log
LockFile = {db}.lck
TransactionFile = {db}.trx
xa_persistent_file = {db}.pxa
Striping = 0
TempStorage = TempDatabase
[TempDatabase]
DatabaseFile = {db}-temp.db
TransactionFile = {db}-temp.trx
Striping = 0
[Parameters]
ServerPort = 127.0.0.1:{sql_port}
DisableUnixSocket = 1
CheckpointInterval = 0
DirsAllowed = ., {folder}
NumberOfBuffers = {buffers}
MaxDirtyBuffers = {dirty_buffers}
[HTTPServer]
ServerPort = 127.0.0.1:{http_port}
ServerRoot = {VSP_ROOT}
ServerThreads = {threads}
{keep}Charset = UTF-8
[SPARQL]
ResultSetMaxRows = 100000
MaxQueryExecutionTime = 60
"""
