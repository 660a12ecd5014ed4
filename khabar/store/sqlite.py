"""SQLite: the default store, one ``khabar.db`` file in WAL mode (readers, Datasette included, never
block the writer)."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

import sqlalchemy as sa
from sqlalchemy.dialects.sqlite import insert

from khabar.store.rows import dumps
from khabar.store.sql import SqlStore

DEFAULT_PATH = "khabar.db"


def upsert(table: sa.Table, keys: Sequence[str], update: Sequence[str]) -> Any:
    stmt = insert(table)
    if not update:
        return stmt.on_conflict_do_nothing(index_elements=list(keys))
    return stmt.on_conflict_do_update(index_elements=list(keys), set_={c: stmt.excluded[c] for c in update})


def open_sqlite(path: str | Path = DEFAULT_PATH) -> SqlStore:
    path = Path(path)
    if path.parent and not path.parent.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
    url = f"sqlite:///{path}"
    engine = sa.create_engine(url, connect_args={"timeout": 30}, json_serializer=dumps)

    @sa.event.listens_for(engine, "connect")
    def _pragmas(dbapi_connection: Any, _record: Any) -> None:
        # we issue BEGIN ourselves (below), so the sqlite3 module must not
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA synchronous=NORMAL")
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.close()

    @sa.event.listens_for(engine, "begin")
    def _begin(conn: sa.Connection) -> None:
        # writers take the write lock up front (IMMEDIATE) and wait for it under the busy timeout,
        # instead of failing with "database is locked" when two processes write at once
        mode = "IMMEDIATE" if conn.get_execution_options().get("khabar_write") else "DEFERRED"
        conn.exec_driver_sql(f"BEGIN {mode}")

    return SqlStore(engine, upsert, url)
