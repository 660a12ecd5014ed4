"""Where Reports live: the ``Store`` protocol and ``open_store`` for SQLite (default) or PostgreSQL.

One schema (``schema.py``) and one implementation (``SqlStore``); the dialect modules only differ in
how they connect and upsert. Rows leave the store as plain dicts.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator
from datetime import date
from pathlib import Path
from typing import Any, Protocol, runtime_checkable

from khabar.model import Report, Skipped
from khabar.store.sql import PutResult, SqlStore

__all__ = ["DEFAULT_URL", "PutResult", "SqlStore", "Store", "open_store"]

DEFAULT_URL = "sqlite:///khabar.db"


@runtime_checkable
class Store(Protocol):
    """What ingest, merge, export and the API need from storage."""

    def put(self, report: Report) -> PutResult: ...

    def put_skip(self, skip: Skipped) -> None: ...

    def has(self, article_id: str) -> bool: ...

    def known_ids(self, ids: Iterable[str]) -> set[str]: ...

    def published_dates(self, ids: Iterable[str]) -> dict[str, date | None]: ...

    def events(
        self,
        *,
        since: date | None = None,
        until: date | None = None,
        country: str | None = None,
        type: str | None = None,
        actor: str | None = None,
        bbox: tuple[float, float, float, float] | None = None,
        article_id: str | None = None,
        limit: int | None = 100,
        offset: int = 0,
        with_json: bool = False,
        background: bool = True,
        newest_first: bool = False,
    ) -> list[dict[str, Any]]: ...

    def count_events(
        self,
        *,
        since: date | None = None,
        until: date | None = None,
        country: str | None = None,
        type: str | None = None,
        actor: str | None = None,
        bbox: tuple[float, float, float, float] | None = None,
        article_id: str | None = None,
        background: bool = True,
    ) -> int: ...

    def iter_events(self, batch: int = 1000, **filters: Any) -> Iterator[dict[str, Any]]: ...

    def get_event(self, event_id: str) -> dict[str, Any] | None: ...

    def get_article(self, article_id: str) -> dict[str, Any] | None: ...

    def reports(self) -> Iterator[Report]: ...

    def skips(self) -> list[dict[str, Any]]: ...

    def clusters(
        self, *, min_sources: int = 1, limit: int | None = None, cluster_id: str | None = None
    ) -> list[dict[str, Any]]: ...

    def replace_clusters(self, clusters: Iterable[dict[str, Any]], members: Iterable[dict[str, Any]]) -> None: ...

    def counts(self) -> dict[str, int]: ...

    def stats(self, background: bool = True) -> dict[str, Any]: ...

    def close(self) -> None: ...


def open_store(url: str | Path | None = None) -> SqlStore:
    """``sqlite:///path``, a plain file path, or ``postgresql://...``; default ``$KHABAR_DB`` or
    ``khabar.db`` in the current folder."""
    if isinstance(url, Path):
        from khabar.store.sqlite import open_sqlite

        return open_sqlite(url)
    url = url or os.environ.get("KHABAR_DB") or DEFAULT_URL
    if url.startswith(("postgresql", "postgres://")):
        from khabar.store.postgres import open_postgres

        return open_postgres(url)
    from khabar.store.sqlite import open_sqlite

    if url.startswith("sqlite:///"):
        return open_sqlite(url.removeprefix("sqlite:///"))
    if "://" in url:
        raise ValueError(f"unsupported store URL {url!r}: use sqlite:///path, a file path or postgresql://...")
    return open_sqlite(url)
