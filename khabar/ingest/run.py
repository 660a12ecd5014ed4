"""``ingest``: sources in, Reports stored. Resumable by construction: each Report is committed as soon
as it is extracted and articles already stored are not extracted again, so after a crash (even SIGKILL)
a rerun does only the remaining work and ends with the same contents.
"""

from __future__ import annotations

import logging
import time
from collections import Counter, deque
from collections.abc import Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass, field, replace
from datetime import date
from itertools import islice
from multiprocessing import get_context
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol

from khabar.ingest import ReadOptions, read_sources
from khabar.metadata import FieldWarning
from khabar.model import Article, Report, Skipped

if TYPE_CHECKING:
    from khabar.pipeline import PipelineConfig
    from khabar.store import Store

log = logging.getLogger(__name__)
log.addHandler(logging.NullHandler())

CHUNK = 16  # articles per unit of work: one store look-up and one pipeline batch


@dataclass
class IngestSummary:
    """What one ingest run did; ``skipped`` lists every input that produced no Report, with why, and
    ``warnings`` every metadata field refused (the article kept without it) or date conflict settled."""

    read: int = 0  # articles the readers produced
    already_stored: int = 0  # not extracted again: the store has their id
    duplicates: int = 0  # the same article id twice in this run
    extracted: int = 0  # Reports the pipeline produced
    inserted: int = 0
    replaced: int = 0
    unchanged: int = 0
    events: int = 0  # events in the Reports stored by this run
    skipped: list[Skipped] = field(default_factory=list)
    warnings: list[FieldWarning] = field(default_factory=list)
    seconds: float = 0.0

    @property
    def ok(self) -> bool:
        """Nothing skipped; warnings do not count against a run (``--strict`` makes them skips)."""
        return not self.skipped

    @property
    def rate(self) -> float:
        """Articles extracted per second of wall time."""
        return self.extracted / self.seconds if self.seconds > 0 else 0.0

    def skip_codes(self) -> dict[str, int]:
        return dict(Counter(s.code for s in self.skipped).most_common())

    def warning_codes(self) -> dict[str, int]:
        return dict(Counter(w.code for w in self.warnings).most_common())

    def to_dict(self) -> dict[str, Any]:
        return {
            "read": self.read,
            "already_stored": self.already_stored,
            "duplicates": self.duplicates,
            "extracted": self.extracted,
            "inserted": self.inserted,
            "replaced": self.replaced,
            "unchanged": self.unchanged,
            "events": self.events,
            "skipped": len(self.skipped),
            "skip_codes": self.skip_codes(),
            "warnings": self.warning_codes(),
            "seconds": round(self.seconds, 2),
            "articles_per_second": round(self.rate, 2),
            "skips": [{"source": s.source, "code": s.code, "reason": s.reason} for s in self.skipped],
            "warning_list": [
                {"source": w.source, "code": w.code, "field": w.field, "value": w.value, "reason": w.reason}
                for w in self.warnings
            ],
        }

    def lines(self) -> list[str]:
        """A readable account for a terminal."""
        out = [
            f"read {self.read} articles in {self.seconds:.1f}s; {self.extracted} extracted "
            f"({self.rate:.1f} articles/s), {self.already_stored} already stored, {self.duplicates} duplicates",
            f"stored {self.inserted} new and {self.replaced} changed Reports ({self.events} events); "
            f"{self.unchanged} unchanged",
        ]
        if self.warnings:
            codes = ", ".join(f"{code}: {n}" for code, n in self.warning_codes().items())
            out.append(f"warnings {len(self.warnings)} ({codes}); the articles were kept:")
            out.extend(f"  {w.source}: {w.message} [{w.code}]" for w in self.warnings)
        if self.skipped:
            codes = ", ".join(f"{code}: {n}" for code, n in self.skip_codes().items())
            out.append(f"skipped {len(self.skipped)} ({codes}):")
            out.extend(f"  {s.source}: {s.reason} [{s.code}]" for s in self.skipped)
        return out


def ingest(
    sources: Iterable[str | Path],
    store: Store,
    *,
    workers: int = 1,
    progress: bool = True,
    published: date | None = None,
    options: ReadOptions | None = None,
    config: PipelineConfig | None = None,
    force: bool = False,
    strict: bool = False,
) -> IngestSummary:
    """Read ``sources``, extract what the store does not have yet, and store each Report as it comes.

    ``workers`` > 1 runs the pipeline in that many processes (one model load each) over chunks of
    articles; the store is only ever written from this process. ``force`` re-extracts stored articles
    (a changed Report replaces the old one). Skips are stored and returned, never raised; a metadata field
    the checks refuse is a warning (the article kept without it), or with ``strict`` a skip.
    """
    from tqdm import tqdm

    summary = IngestSummary()
    opts = replace(options or ReadOptions(), on_warning=summary.warnings.append)
    opts = replace(opts, strict=True) if strict else opts
    started = time.perf_counter()
    bar = tqdm(disable=not progress, unit=" articles", desc="ingest", dynamic_ncols=True, leave=True)
    try:
        items = read_sources(sources, published=published, options=opts)
        for results in _extract(_new_article_chunks(items, store, summary, force), workers, config):
            for result in results:
                if isinstance(result, Skipped):
                    _skip(store, summary, result)
                else:
                    _store(store, summary, result)
                bar.update(1)
                bar.set_postfix(events=summary.events, skipped=len(summary.skipped), refresh=False)
    finally:
        bar.close()
        summary.seconds = time.perf_counter() - started
    return summary


def _new_article_chunks(
    items: Iterator[Article | Skipped], store: Store, summary: IngestSummary, force: bool
) -> Iterator[list[Article]]:
    """Chunks of articles that need extracting; reader skips are recorded on the way.

    One text at one URL is one article (its id), however many records carry it. When they disagree on
    the publication date, the earliest is kept (a later copy is a re-publication) and the summary says
    so: a record with an earlier date than the one already extracted or stored is extracted again, and
    its Report replaces the other (same id: nothing is duplicated, and a rerun finds the earliest stored).
    """
    kept: dict[str, date | None] = {}  # article id -> the date this run keeps for it
    while True:
        batch: dict[str, Article] = {}
        again: set[str] = set()  # ids extracted or found stored earlier in this run, to extract again
        taken = 0
        for item in islice(items, CHUNK):
            taken += 1
            if isinstance(item, Skipped):
                _skip(store, summary, item)
                continue
            summary.read += 1
            if item.id not in kept:
                kept[item.id] = item.published
                batch[item.id] = item
                continue
            old = kept[item.id]
            if not _earlier(item.published, old):
                if item.published is not None and item.published != old:
                    _note_other_date(summary, item, kept=old, other=item.published)
                summary.duplicates += 1
                continue
            if old is not None:
                _note_other_date(summary, item, kept=item.published, other=old)
            kept[item.id] = item.published
            if item.id in batch:
                summary.duplicates += 1  # the copy in this chunk is replaced before it is extracted
            else:
                again.add(item.id)
            batch[item.id] = item
        if not taken:
            return
        if not batch:
            continue
        stored = store.published_dates(i for i in batch if i not in again)
        for article_id, stored_date in stored.items():
            article = batch[article_id]
            if _earlier(article.published, stored_date):
                if stored_date is not None:
                    _note_other_date(summary, article, kept=article.published, other=stored_date)
                continue  # extracted again with the earlier date
            if article.published is not None and article.published != stored_date:
                _note_other_date(summary, article, kept=stored_date, other=article.published)
            kept[article_id] = stored_date
            if force:  # extracted again, with the date the store keeps (the same id: same text and URL)
                batch[article_id] = replace(article, published=stored_date)
                continue
            summary.already_stored += 1
            del batch[article_id]
        if batch:
            yield list(batch.values())


def _earlier(candidate: date | None, than: date | None) -> bool:
    """Whether ``candidate`` should replace ``than`` as an article's date: no date is the latest of all."""
    return candidate is not None and (than is None or candidate < than)


def _note_other_date(summary: IngestSummary, article: Article, *, kept: date | None, other: date | None) -> None:
    """Say which date of one text's records was dropped for which (the records share an id, not a line)."""
    opening = article.text[:40] + ("..." if len(article.text) > 40 else "")
    where = article.url or f"article {article.id} ({opening!r})"
    reason = f"dropped: the same text also came dated {kept}, and the earliest date is kept"
    summary.warnings.append(FieldWarning(where, "published", repr(str(other)), reason, "date-conflict"))


def _extract(
    chunks: Iterator[list[Article]], workers: int, config: PipelineConfig | None
) -> Iterator[list[Report | Skipped]]:
    if workers <= 1:
        from khabar.pipeline import extract_batch

        for chunk in chunks:
            yield list(extract_batch(chunk, config))
        return
    # spawn: workers start clean (no copied database connections or locks) and load the model once
    with ProcessPoolExecutor(max_workers=workers, mp_context=get_context("spawn")) as pool:
        pending: deque[Future[list[Report | Skipped]]] = deque()
        for chunk in chunks:
            pending.append(pool.submit(_extract_chunk, chunk, config))
            if len(pending) >= 2 * workers:  # bounded: the readers never run far ahead
                yield pending.popleft().result()
        while pending:
            yield pending.popleft().result()


def _extract_chunk(articles: list[Article], config: PipelineConfig | None) -> list[Report | Skipped]:
    """Runs in a worker process; the pipeline is built on first use and reused for every chunk."""
    from khabar.pipeline import extract_batch

    return list(extract_batch(articles, config))


class PutTally(Protocol):
    """The counters a run keeps of what the store did with its Reports."""

    inserted: int
    replaced: int
    unchanged: int
    events: int


def put_counted(store: Store, tally: PutTally, report: Report) -> None:
    """Put one Report and count what the store did with it (ingest and ``khabar load`` count alike)."""
    outcome = store.put(report)
    if outcome == "inserted":
        tally.inserted += 1
    elif outcome == "replaced":
        tally.replaced += 1
    else:
        tally.unchanged += 1
    if outcome != "unchanged":
        tally.events += len(report.events)


def _store(store: Store, summary: IngestSummary, report: Report) -> None:
    summary.extracted += 1
    put_counted(store, summary, report)


def _skip(store: Store, summary: IngestSummary, skip: Skipped) -> None:
    summary.skipped.append(skip)
    store.put_skip(skip)
