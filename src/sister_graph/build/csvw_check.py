"""Check each publisher folder's CSV files against their CSV on the Web metadata.

The metadata (https://www.w3.org/TR/tabular-metadata/) is `data/csv-metadata.json`, shipped
with the data (the package carries the same file for folders without one): one table per file
name, with each column's name, datatype, whether it is required, and what it means. Checking
uses the csvw library (https://pypi.org/project/csvw/, the CLDF project's implementation of
https://www.w3.org/TR/tabular-data-model/): every cell it refuses (a missing required value, a
value not of the column's datatype or format) becomes one problem `file:line: column 'c': why`.
"""

from __future__ import annotations

import decimal
import json
import logging
import warnings
from functools import cache
from pathlib import Path

from sister_graph.build.csv_rows import Problems
from sister_graph.build.csv_text import decode
from sister_graph.errors import SourceError

PACKAGED = Path(__file__).with_name("csv-metadata.json")
FILE_NAME = "csv-metadata.json"


@cache
def _packaged() -> dict:
    return json.loads(PACKAGED.read_text(encoding="utf-8"))


def read_metadata(data_dir: Path | None = None) -> dict:
    """Return the CSVW metadata of data_dir (its csv-metadata.json), else the packaged one.

    Raises SourceError (a ValueError) in one line naming the file (and the line, for JSON that
    does not parse) when it is a folder, not UTF-8 JSON, not CSVW metadata (an object with a
    'tables' list, each with a 'url' and its columns' names), or when its tables and columns
    are not those the build reads (the packaged file's): its checks would not be the build's.
    """
    path = Path(data_dir) / FILE_NAME if data_dir is not None else PACKAGED
    if not path.exists():
        return _packaged()
    if path.is_dir():
        raise SourceError(f"{path}: is a folder, not the CSVW metadata (JSON)")
    text, fault = decode(path.read_bytes())
    if text is None:
        raise SourceError(f"{path}:{fault[0]}: {fault[1]}")
    try:
        metadata = json.loads(text)
    except json.JSONDecodeError as err:
        raise SourceError(
            f"{path}:{err.lineno}: not JSON: {err.msg} (column {err.colno})"
        ) from None
    why = _not_metadata(metadata)
    if why:
        raise SourceError(f"{path}: not CSVW metadata: {why}")
    if path != PACKAGED:
        differ = _differences(table_columns(metadata), table_columns(_packaged()))
        if differ:
            raise SourceError(
                f"{path}: its tables are not the ones sister-graph reads: {differ} (copy "
                "src/sister_graph/build/csv-metadata.json, or change both)"
            )
    return metadata


def _not_metadata(metadata) -> str | None:
    if not isinstance(metadata, dict) or not isinstance(metadata.get("tables"), list):
        return "no 'tables' list"
    for i, table in enumerate(metadata["tables"], start=1):
        columns = table.get("tableSchema", {}).get("columns") if isinstance(table, dict) else None
        if not isinstance(table, dict) or not isinstance(table.get("url"), str):
            return f"table {i} has no 'url'"
        if not isinstance(columns, list) or not all(
            isinstance(c, dict) and isinstance(c.get("name"), str) for c in columns
        ):
            return f"table {table['url']} has no 'tableSchema' with named 'columns'"
    return None


def _differences(found: dict, wanted: dict) -> str:
    said = [f"no table {url}" for url in wanted if url not in found]
    said += [f"table {url} is unknown" for url in found if url not in wanted]
    for url, columns in wanted.items():
        if url in found and found[url] != columns:
            said.append(
                f"table {url} has columns {', '.join(found[url])}, not {', '.join(columns)}"
            )
    return "; ".join(said)


def table_columns(metadata: dict) -> dict[str, tuple[str, ...]]:
    """Return the column names of each table, by file name.

    >>> table_columns(read_metadata())["memberships.csv"]
    ('id', 'member', 'network', 'source_line')
    """
    return {
        t["url"]: tuple(c["name"] for c in t["tableSchema"]["columns"]) for t in metadata["tables"]
    }


class _Collect(logging.Handler):
    def __init__(self) -> None:
        super().__init__()
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.messages.append(record.getMessage())


def check_folder(
    folder: Path, names: list[str], metadata: dict, problems: Problems, *, label
) -> None:
    """Check the named CSV files of one folder (read without fault already) against metadata.

    label(name) gives the file's name in problems (e.g. 'data/graz/cities.csv').
    """
    from csvw import TableGroup

    tables = [t for t in metadata["tables"] if t["url"] in names]
    if not tables:
        return
    # blank rows (an editor's empty last line, a spreadsheet's ',,,,') are no rows, as for
    # csv_rows: CSVW's default reads them as rows with every required value missing
    dialect = {**metadata.get("dialect", {}), "skipBlankRows": True}
    group = TableGroup.fromvalue({**metadata, "dialect": dialect, "tables": tables})
    group._fname = folder / FILE_NAME  # resolve each table's url against the folder
    handler = _Collect()
    log = logging.getLogger(f"sister_graph.csvw.{id(handler)}")
    log.propagate, log.level = False, logging.WARNING
    log.addHandler(handler)
    try:
        with warnings.catch_warnings():
            # csvw warns on a special decimal value (NaN) and then fails comparing it with a
            # bound; csv_rows.number names that cell ("'NaN' is not a decimal number")
            warnings.filterwarnings("ignore", "Invalid special value for decimal", UserWarning)
            # a header name csvw does not know (a tab around it): reported as a header problem
            warnings.filterwarnings("ignore", "Unspecified column", UserWarning)
            for table in group.tables:
                try:
                    for _ in table.iterdicts(log=log):
                        pass
                except decimal.InvalidOperation:
                    continue
                except ValueError as err:  # a header csvw reads otherwise (a tab in a name)
                    name = str(table.url)
                    reason = str(err).rpartition(f"{name} is ")[2] or str(err)
                    problems.add_new(f"{label(name)}:1", f"header: {reason} (CSVW)")
    finally:
        log.removeHandler(handler)
    for message in handler.messages:
        where, _, why = message.partition(" ")
        path, line, _column = where.rsplit(":", 2)
        column, _, reason = why.partition(": ")
        problems.add_new(f"{label(Path(path).name)}:{line}: column '{column}'", f"{reason} (CSVW)")


def _datatype(column: dict) -> str:
    datatype = column.get("datatype", "string")
    if isinstance(datatype, str):
        return datatype
    bounds = [f"{k[:3]} {datatype[k]}" for k in ("minimum", "maximum") if k in datatype]
    form = f" `{datatype['format']}`" if "format" in datatype else ""
    return f"{datatype['base']}{form}" + (f" ({', '.join(bounds)})" if bounds else "")


def column_reference(metadata: dict) -> str:
    """Return the README's column reference (Markdown), generated from the CSVW metadata."""
    parts = []
    for table in metadata["tables"]:
        parts.append(f"**`{table['url']}`**: {table['dc:description']}\n")
        parts.append("| column | datatype | required | meaning |\n|---|---|---|---|")
        for column in table["tableSchema"]["columns"]:
            meaning = column["dc:description"].replace("|", "\\|")
            datatype = _datatype(column).replace("|", "\\|")
            required = "yes" if column.get("required") else ""
            parts.append(f"| `{column['name']}` | {datatype} | {required} | {meaning} |")
        parts.append("")
    return "\n".join(parts)
