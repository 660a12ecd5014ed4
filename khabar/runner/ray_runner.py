"""The cluster runner: the same batch function on Ray Data (``map_batches`` with a class that holds the
pipeline, so each Ray worker loads the model once), for users with more machines than a laptop.

``ray`` is an optional dependency (``pip install khabar[ray]``). Locally ``ray.init`` starts a
throw-away instance with ``workers`` CPUs; on a cluster, call ``ray.init(address=...)`` first and this
module uses it. Results come back in input order, as the same Reports the local runner gives; with
``output`` they are written instead as Parquet partitions of plain records (index, article_id, kind,
payload), which is what a loader into PostgreSQL reads.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from khabar.model import Article, Report, Skipped
from khabar.runner import article_from_json, article_to_json, from_record, process_batch, to_record

if TYPE_CHECKING:
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


def _dataset(articles: Iterable[Article], workers: int, config: PipelineConfig | None, chunk: int) -> Any:
    ray = _ensure_ray(workers)
    rows = [{"index": i, "article": article_to_json(a)} for i, a in enumerate(articles)]
    # at least one block per worker, else a small run leaves a worker idle; about one block per chunk after
    blocks = max(1, min(len(rows), max(workers, -(-len(rows) // chunk))))
    ds = ray.data.from_items(rows, override_num_blocks=blocks)
    return ds.map_batches(
        BatchExtractor,
        fn_constructor_kwargs={"config": config},
        batch_size=chunk,
        batch_format="numpy",
        compute=ray.data.ActorPoolStrategy(size=workers),
        num_cpus=1,
    )


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
