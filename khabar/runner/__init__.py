"""Runners: the one batch function (Articles -> Reports) run locally in a process pool or on Ray.

Both runners call :func:`process_batch`, so a Report never depends on where it was made; the Ray runner
and the local runner are tested to give identical Reports, record for record.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from dataclasses import asdict
from datetime import date
from itertools import islice
from typing import TYPE_CHECKING, Any

from khabar.model import Article, Report, Skipped

if TYPE_CHECKING:
    from khabar.pipeline import PipelineConfig

__all__ = ["article_from_json", "article_to_json", "batched", "from_record", "process_batch", "to_record"]


def process_batch(articles: list[Article], config: PipelineConfig | None = None) -> list[Report | Skipped]:
    """The batch function: Reports (or Skips) in input order, with one pipeline load per process."""
    from khabar.pipeline import extract_batch

    return list(extract_batch(articles, config))


def batched(items: Iterable[Article], size: int) -> Iterator[list[Article]]:
    """Lists of ``size`` items (the last may be shorter): the coarse units a worker is handed."""
    it = iter(items)
    while chunk := list(islice(it, size)):
        yield chunk


def article_to_json(article: Article) -> str:
    """An Article as one JSON string: a single column survives Arrow/Parquet without type surprises."""
    data = asdict(article)
    data["published"] = article.published.isoformat() if article.published else None
    return json.dumps(data, ensure_ascii=False)


def article_from_json(text: str) -> Article:
    """The inverse of :func:`article_to_json`."""
    data = json.loads(text)
    data["published"] = date.fromisoformat(data["published"]) if data.get("published") else None
    return Article(**data)


def to_record(result: Report | Skipped) -> dict[str, Any]:
    """A Report or Skip as a plain record (kind + JSON payload), the form that crosses process borders."""
    if isinstance(result, Skipped):
        payload = json.dumps({"source": result.source, "reason": result.reason, "code": result.code})
        return {"kind": "skipped", "payload": payload}
    return {"kind": "report", "payload": result.to_json()}


def from_record(record: dict[str, Any]) -> Report | Skipped:
    """The inverse of :func:`to_record`."""
    if record["kind"] == "skipped":
        data = json.loads(str(record["payload"]))
        return Skipped(str(data["source"]), str(data["reason"]), str(data["code"]))
    return Report.from_json(str(record["payload"]))
