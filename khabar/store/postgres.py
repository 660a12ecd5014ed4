"""PostgreSQL through psycopg 3: the server store, same schema and behaviour as SQLite."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import sqlalchemy as sa
from sqlalchemy.dialects.postgresql import insert

from khabar.store.rows import dumps
from khabar.store.sql import SqlStore


def upsert(table: sa.Table, keys: Sequence[str], update: Sequence[str]) -> Any:
    stmt = insert(table)
    if not update:
        return stmt.on_conflict_do_nothing(index_elements=list(keys))
    return stmt.on_conflict_do_update(index_elements=list(keys), set_={c: stmt.excluded[c] for c in update})


def psycopg_url(url: str) -> str:
    """``postgresql://`` and ``postgres://`` URLs use the psycopg 3 driver."""
    for prefix in ("postgresql+psycopg://", "postgresql://", "postgres://"):
        if url.startswith(prefix):
            return "postgresql+psycopg://" + url[len(prefix) :]
    raise ValueError(f"not a PostgreSQL URL: {url!r}")


def open_postgres(url: str) -> SqlStore:
    engine = sa.create_engine(psycopg_url(url), pool_pre_ping=True, json_serializer=dumps)
    return SqlStore(engine, upsert, url)
