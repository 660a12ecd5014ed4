"""The local runner: the batch function over coarse chunks in a process pool, one model load per worker.

The pool itself is ``khabar.ingest.run._extract`` (spawned workers, a bounded queue of chunks, results in
input order), which ``khabar ingest --workers N`` already uses; this module only gives it an
Articles-in, Reports-out face so the benchmark and the Ray comparison run exactly the code users run.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING

from khabar.ingest.run import CHUNK, _extract
from khabar.model import Article, Report, Skipped
from khabar.runner import batched

if TYPE_CHECKING:
    from khabar.pipeline import PipelineConfig


def run_local(
    articles: Iterable[Article],
    *,
    workers: int = 1,
    config: PipelineConfig | None = None,
    chunk: int = CHUNK,
) -> Iterator[Report | Skipped]:
    """Reports (or Skips) in input order; ``workers`` > 1 spreads chunks over that many processes."""
    for results in _extract(batched(articles, chunk), workers, config):
        yield from results
