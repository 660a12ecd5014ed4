"""Parquet files of Report records: what a cluster run writes and ``khabar load`` reads back.

Columns are ``index`` (position in the shard), ``article_id``, ``kind`` and ``payload`` (the record of
:func:`khabar.runner.to_record`): the Report as its JSON text, so nothing is lost or re-typed by Arrow.
A file is written under a hidden temporary name and renamed into place, so a file that exists under its
final name is complete; that is what lets a rerun skip finished shards without checking their contents.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq

__all__ = ["SCHEMA", "is_complete", "iter_records", "parquet_files", "write_records"]

SCHEMA = pa.schema(
    [("index", pa.int64()), ("article_id", pa.string()), ("kind", pa.string()), ("payload", pa.string())]
)


def write_records(path: Path, records: Sequence[dict[str, Any]]) -> Path:
    """Write ``records`` (dicts with the SCHEMA's keys) to ``path`` atomically: temp file, then rename."""
    path.parent.mkdir(parents=True, exist_ok=True)
    table = pa.Table.from_pylist(list(records), schema=SCHEMA)
    temp = path.with_name(f".{path.name}.{uuid.uuid4().hex[:8]}.tmp")
    try:
        pq.write_table(table, temp, compression="zstd")
        os.replace(temp, path)  # atomic on one file system: readers see no file or the whole file
    finally:
        temp.unlink(missing_ok=True)
    return path


def is_complete(path: Path) -> bool:
    """A finished shard file: present under its final name with a readable footer (a copy cut short by
    hand, not by us, is redone rather than trusted)."""
    if not path.is_file():
        return False
    try:
        pq.read_metadata(path)
    except (OSError, pa.ArrowException):
        return False
    return True


def parquet_files(root: Path) -> list[Path]:
    """``root`` itself, or every ``*.parquet`` under it in name order; hidden (temporary) files left out."""
    if root.is_file():
        return [root]
    return sorted(
        p
        for p in root.rglob("*.parquet")
        if p.is_file() and not any(x.startswith(".") for x in p.relative_to(root).parts)
    )


def iter_records(path: Path, batch_size: int = 256) -> Iterator[dict[str, Any]]:
    """Records in file order, a batch at a time, so a large file never sits in memory as Reports."""
    handle = pq.ParquetFile(path)
    columns = [c for c in ("index", "kind", "payload") if c in handle.schema_arrow.names]
    for batch in handle.iter_batches(batch_size=batch_size, columns=columns):
        yield from batch.to_pylist()
