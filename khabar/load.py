"""``khabar load``: Parquet files of Report records (from the Ray runner) into the store.

The cluster does the NLP and writes Parquet; this puts the results into SQLite or PostgreSQL on one
machine. ``Store.put`` is idempotent (the same Report again changes nothing), so loading a folder twice,
or again after a crash half-way, leaves the same contents.
"""

from __future__ import annotations

import json
import sys
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from khabar.ingest.run import put_counted
from khabar.model import Report, Skipped

if TYPE_CHECKING:
    from khabar.store import Store

EXIT_SKIPPED = 3
EXIT_NOTHING = 4

DB_HELP = "Store URL: sqlite:///path, a file path, or postgresql://... [default: $KHABAR_DB or khabar.db]"


@dataclass
class LoadSummary:
    """What one load did; ``bad_files`` are Parquet files that could not be read, with why."""

    files: int = 0
    records: int = 0
    inserted: int = 0
    replaced: int = 0
    unchanged: int = 0
    events: int = 0  # events in the Reports this load inserted or replaced
    skips: int = 0  # Skipped records (inputs the run could not read), stored as ingest stores them
    skip_codes: Counter[str] = field(default_factory=Counter)
    bad_files: list[tuple[str, str]] = field(default_factory=list)
    seconds: float = 0.0

    def to_dict(self) -> dict[str, Any]:
        return {
            "files": self.files,
            "records": self.records,
            "inserted": self.inserted,
            "replaced": self.replaced,
            "unchanged": self.unchanged,
            "events": self.events,
            "skips": self.skips,
            "skip_codes": dict(self.skip_codes.most_common()),
            "bad_files": [{"file": f, "reason": r} for f, r in self.bad_files],
            "seconds": round(self.seconds, 2),
            "records_per_second": round(self.records / self.seconds, 1) if self.seconds > 0 else 0.0,
        }

    def lines(self) -> list[str]:
        out = [
            f"loaded {self.records} records from {self.files} files in {self.seconds:.1f}s: "
            f"{self.inserted} new and {self.replaced} changed Reports ({self.events} events), "
            f"{self.unchanged} unchanged, {self.skips} skipped inputs"
        ]
        out.extend(f"  {name}: {reason}" for name, reason in self.bad_files)
        return out


def load_parquet(files: list[Path], store: Store, *, progress: bool = True) -> LoadSummary:
    """Put every record of ``files`` into ``store``: Reports with ``put``, Skips with ``put_skip``."""
    import pyarrow.parquet as pq
    from tqdm import tqdm

    from khabar.runner import from_record
    from khabar.runner.parquet import iter_records

    summary = LoadSummary()
    started = time.perf_counter()
    sizes: dict[Path, int] = {}
    for path in files:  # the footers give the bar its total before any row is read
        try:
            sizes[path] = pq.read_metadata(path).num_rows
        except Exception as exc:  # not Parquet, cut short, unreadable: listed, the rest still load
            summary.bad_files.append((str(path), f"{type(exc).__name__}: {exc}"))
    bar = tqdm(total=sum(sizes.values()), disable=not progress, unit=" records", desc="load", dynamic_ncols=True)
    try:
        for path in sizes:
            summary.files += 1
            try:
                for record in iter_records(path):
                    _put(store, summary, from_record(record))
                    bar.update(1)
            except (OSError, ValueError, KeyError) as exc:  # a damaged row group or a foreign file
                summary.bad_files.append((str(path), f"{type(exc).__name__}: {exc}"))
    finally:
        bar.close()
        summary.seconds = time.perf_counter() - started
    return summary


def _put(store: Store, summary: LoadSummary, result: Report | Skipped) -> None:
    summary.records += 1
    if isinstance(result, Skipped):
        store.put_skip(result)
        summary.skips += 1
        summary.skip_codes[result.code] += 1
        return
    put_counted(store, summary, result)


@click.command(name="load")
@click.argument("parquet_dir", type=click.Path(exists=True, path_type=Path))
@click.option("--db", default=None, help=DB_HELP)
@click.option("--quiet", is_flag=True, help="No progress bar.")
@click.option("--json", "as_json", is_flag=True, help="Print the summary as one JSON line last.")
def load_command(parquet_dir: Path, db: str | None, quiet: bool, as_json: bool) -> None:
    """Put the Reports in PARQUET_DIR (the *.parquet files a Ray run wrote, or one such file) into the
    store. Loading the same files again changes nothing. Exit code 3 when a file could not be read,
    4 when there was no Parquet file at all."""
    from khabar.runner.parquet import parquet_files
    from khabar.store import open_store

    files = parquet_files(parquet_dir)
    if not files:
        click.echo(f"no *.parquet files in {parquet_dir}", err=True)
        sys.exit(EXIT_NOTHING)
    with open_store(db) as store:
        summary = load_parquet(files, store, progress=not quiet)
    for line in summary.lines():
        click.echo(line, err=True)
    if as_json:
        click.echo(json.dumps(summary.to_dict()))
    if summary.bad_files:
        sys.exit(EXIT_SKIPPED if summary.files else EXIT_NOTHING)
