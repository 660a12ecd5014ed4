"""The cluster runner: the same batch function on Ray Data (``map_batches`` with a class that holds the
pipeline, so each Ray worker loads the model once), for users with more machines than a laptop.

``ray`` is an optional dependency (``pip install khabar[ray]``). Locally ``ray.init`` starts a
throw-away instance with ``workers`` CPUs; on a cluster, call ``ray.init(address=...)`` first and this
module uses it. Results come back in input order, as the same Reports the local runner gives; with
``output`` they are written instead as Parquet partitions of plain records (index, article_id, kind,
payload), which is what a loader into PostgreSQL reads.

:func:`run_ray_shards` is the batch form: JSONL/WARC (any format khabar reads) shards in, one Parquet
file per shard out, written atomically, so a rerun after a crash skips the shards that are finished.
``khabar load`` puts those files into SQLite or PostgreSQL.
"""

from __future__ import annotations

import hashlib
import json
import time
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from khabar.model import Article, Report, Skipped
from khabar.runner import article_from_json, article_to_json, from_record, process_batch, to_record

if TYPE_CHECKING:
    from khabar.ingest import ReadOptions
    from khabar.pipeline import PipelineConfig

CHUNK = 16


class BatchExtractor:
    """A Ray Data callable class: built once per Ray worker (one model load), then called per batch."""

    def __init__(self, config: PipelineConfig | None = None) -> None:
        from khabar.pipeline import get_pipeline

        self.config = config
        get_pipeline(config)  # load now, in the actor's constructor, not inside the first batch

    def __call__(self, batch: dict[str, Any]) -> dict[str, list[Any]]:
        articles = [article_from_json(str(text)) for text in batch["article"]]
        records = [to_record(r) for r in process_batch(articles, self.config)]
        return {
            "index": [int(i) for i in batch["index"]],
            "article_id": [a.id for a in articles],
            "kind": [r["kind"] for r in records],
            "payload": [r["payload"] for r in records],
        }


def _ensure_ray(workers: int) -> Any:
    try:
        import ray
    except ImportError as exc:  # the extra is optional; say how to get it
        raise RuntimeError("[K040] the Ray runner needs ray: pip install 'khabar[ray]'") from exc
    if not ray.is_initialized():
        ray.init(num_cpus=workers, include_dashboard=False, log_to_driver=False)
    ray.data.DataContext.get_current().enable_progress_bars = False
    return ray


def _extracted(
    rows: list[dict[str, Any]], extractor: type, workers: int, config: PipelineConfig | None, chunk: int
) -> Any:
    """The rows as a Ray dataset mapped by ``extractor`` actors, one pipeline per actor."""
    ray = _ensure_ray(workers)
    # at least one block per worker, else a small run leaves a worker idle; about one block per chunk after
    blocks = max(1, min(len(rows), max(workers, -(-len(rows) // chunk))))
    return ray.data.from_items(rows, override_num_blocks=blocks).map_batches(
        extractor,
        fn_constructor_kwargs={"config": config},
        batch_size=chunk,
        batch_format="numpy",
        compute=ray.data.ActorPoolStrategy(size=workers),
        num_cpus=1,
    )


def _dataset(articles: Iterable[Article], workers: int, config: PipelineConfig | None, chunk: int) -> Any:
    rows = [{"index": i, "article": article_to_json(a)} for i, a in enumerate(articles)]
    return _extracted(rows, BatchExtractor, workers, config, chunk)


def run_ray(
    articles: Iterable[Article],
    *,
    workers: int = 2,
    config: PipelineConfig | None = None,
    chunk: int = CHUNK,
    output: Path | None = None,
) -> list[Report | Skipped]:
    """Reports (or Skips) in input order, computed by ``workers`` Ray actors.

    With ``output``, the records are written as Parquet partitions there and an empty list is returned
    (the point of a cluster run is not to pull every Report through the driver).
    """
    ds = _dataset(articles, workers, config, chunk)
    if output is not None:
        ds.write_parquet(str(output))
        return []
    rows = sorted(ds.iter_rows(), key=lambda row: int(row["index"]))
    return [from_record({"kind": row["kind"], "payload": row["payload"]}) for row in rows]


# shards -------------------------------------------------------------------------------------------------


@dataclass
class ShardRun:
    """What one :func:`run_ray_shards` call did; ``done`` shards were finished by an earlier run."""

    written: list[Path] = field(default_factory=list)
    done: list[Path] = field(default_factory=list)
    reports: int = 0
    skipped: int = 0
    seconds: float = 0.0

    def to_dict(self) -> dict[str, Any]:
        return {
            "written": [str(p) for p in self.written],
            "already_done": [str(p) for p in self.done],
            "reports": self.reports,
            "skipped": self.skipped,
            "seconds": round(self.seconds, 2),
        }


def shard_output(shard: Path, output: Path) -> Path:
    """The Parquet file of one shard: its name plus a hash of its full path, so two ``day1.jsonl`` in
    different folders do not overwrite each other, and the same shard maps to the same file on a rerun."""
    digest = hashlib.sha256(str(shard.resolve()).encode("utf-8", "surrogateescape")).hexdigest()[:8]
    return output / f"{shard.name}-{digest}.parquet"


class ShardExtractor(BatchExtractor):
    """:class:`BatchExtractor` for shard rows: reader skips pass through untouched, so each shard file
    accounts for every input line, as ``khabar ingest`` does."""

    def __call__(self, batch: dict[str, Any]) -> dict[str, list[Any]]:
        todo = [i for i, text in enumerate(batch["article"]) if text]
        articles = [article_from_json(str(batch["article"][i])) for i in todo]
        records: list[dict[str, Any]] = [{"kind": "skipped", "payload": str(s)} for s in batch["skip"]]
        ids = [""] * len(records)  # a reader skip has no article
        for i, article, result in zip(todo, articles, process_batch(articles, self.config), strict=True):
            records[i] = to_record(result)
            ids[i] = article.id
        return {
            "shard": [int(k) for k in batch["shard"]],
            "index": [int(i) for i in batch["index"]],
            "article_id": ids,
            "kind": [r["kind"] for r in records],
            "payload": [r["payload"] for r in records],
        }


def _write_shard(group: dict[str, Any], targets: dict[int, str]) -> dict[str, list[Any]]:
    """Ray Data ``map_groups`` function: all records of one shard, in input order, into its file."""
    from khabar.runner.parquet import write_records

    order = sorted(range(len(group["index"])), key=lambda j: int(group["index"][j]))
    records = [
        {"index": int(group["index"][j]), "article_id": str(group["article_id"][j]),
         "kind": str(group["kind"][j]), "payload": str(group["payload"][j])}
        for j in order
    ]  # fmt: skip
    shard = int(group["shard"][0])
    write_records(Path(targets[shard]), records)
    reports = sum(r["kind"] == "report" for r in records)
    return {"shard": [shard], "reports": [reports], "skipped": [len(records) - reports]}


def _shard_rows(shards: list[Path], options: ReadOptions | None) -> list[dict[str, Any]]:
    """One row per Article or reader Skip, tagged with its shard and position; read in the driver
    (reading is cheap next to the NLP, and khabar's readers give the same Articles ingest sees)."""
    from khabar.ingest import read_sources

    rows: list[dict[str, Any]] = []
    for k, shard in enumerate(shards):
        for i, item in enumerate(read_sources([shard], options=options)):
            if isinstance(item, Skipped):
                skip = json.dumps({"source": item.source, "reason": item.reason, "code": item.code})
                rows.append({"shard": k, "index": i, "article": "", "skip": skip})
            else:
                rows.append({"shard": k, "index": i, "article": article_to_json(item), "skip": ""})
    return rows


def run_ray_shards(
    shards: list[Path],
    output: Path,
    *,
    workers: int = 2,
    config: PipelineConfig | None = None,
    chunk: int = CHUNK,
    options: ReadOptions | None = None,
) -> ShardRun:
    """Extract every shard not yet finished and write ``output/<shard>-<hash>.parquet`` for each.

    Shards are files khabar reads (JSONL, WARC, also gzip/zstd). A shard whose file already exists was
    finished (files appear whole, by rename) and is not read again, so an interrupted run is completed by
    running it again. On a cluster, ``output`` must be storage every node can write (the files are
    written by the Ray workers, not pulled through the driver). The driver reads the pending shards'
    Articles into the dataset, so hand it a day's shards at a time rather than a year's.
    """
    started = time.perf_counter()
    run = ShardRun()
    unique = list(dict.fromkeys(Path(s) for s in shards))
    missing = [str(s) for s in unique if not s.is_file()]
    if missing:
        raise FileNotFoundError(f"[K041] shards not found (or not files): {', '.join(missing)}")
    from khabar.runner.parquet import is_complete

    pending: list[Path] = []
    for shard in unique:
        (run.done if is_complete(shard_output(shard, output)) else pending).append(shard)
    if not pending:  # nothing to do: not even Ray is started
        run.seconds = time.perf_counter() - started
        return run
    output.mkdir(parents=True, exist_ok=True)
    targets = {k: str(shard_output(shard, output)) for k, shard in enumerate(pending)}
    rows = _shard_rows(pending, options)
    ds = _extracted(rows, ShardExtractor, workers, config, chunk)
    written = ds.groupby("shard", num_partitions=min(len(pending), 200)).map_groups(
        _write_shard, fn_kwargs={"targets": targets}, batch_format="numpy"
    )
    for row in written.take_all():
        run.written.append(pending[int(row["shard"])])
        run.reports += int(row["reports"])
        run.skipped += int(row["skipped"])
    run.seconds = time.perf_counter() - started
    return run
