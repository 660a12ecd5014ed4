"""The store on SQLite and on a real PostgreSQL server (``KHABAR_TEST_PG_URL``, see .ci/postgres.sh)."""

from __future__ import annotations

import os
import sqlite3
from collections.abc import Iterator
from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest
from reports_factory import attack_report, protest_report

from khabar.model import Skipped
from khabar.store import SqlStore, Store, open_store

PG_URL = os.environ.get("KHABAR_TEST_PG_URL")


def fresh_postgres() -> SqlStore:
    if not PG_URL:
        pytest.skip('KHABAR_TEST_PG_URL is not set: run `eval "$(.ci/postgres.sh)"` to test PostgreSQL')
    import sqlalchemy as sa

    from khabar.store import schema
    from khabar.store.postgres import psycopg_url

    engine = sa.create_engine(psycopg_url(PG_URL))
    schema.metadata.drop_all(engine)
    engine.dispose()
    return open_store(PG_URL)


@pytest.fixture(params=["sqlite", "postgres"])
def store(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[SqlStore]:
    opened = open_store(str(tmp_path / "k.db")) if request.param == "sqlite" else fresh_postgres()
    yield opened
    opened.close()


def test_store_satisfies_the_protocol(store: SqlStore) -> None:
    assert isinstance(store, Store)


def test_put_is_idempotent(store: SqlStore) -> None:
    report = attack_report()
    assert store.put(report) == "inserted"
    assert store.put(report) == "unchanged"
    assert store.counts() == {"articles": 1, "events": 1, "skips": 0, "clusters": 0}
    assert store.has(report.article.id) and not store.has("nope")
    assert store.known_ids([report.article.id, "nope"]) == {report.article.id}


def test_changed_report_replaces_events_atomically(store: SqlStore) -> None:
    report = attack_report()
    store.put(report)
    changed = replace(report, events=(), warnings=("re-extracted",))
    assert store.put(changed) == "replaced"
    assert store.counts()["events"] == 0 and store.counts()["articles"] == 1
    assert store.get_report(report.article.id) == changed
    assert store.put(report) == "replaced"
    assert store.counts()["events"] == 1


def test_a_failing_put_leaves_the_old_version(store: SqlStore) -> None:
    report = attack_report()
    store.put(report)
    bad = replace(report, events=(replace(report.events[0], type=None),))  # type: ignore[arg-type]
    with pytest.raises(Exception):  # noqa: B017 - the database refuses a NULL type
        store.put(bad)
    assert store.get_report(report.article.id) == report
    assert store.counts()["events"] == 1


def test_flattened_event_columns(store: SqlStore) -> None:
    report = attack_report()
    store.put(report)
    [row] = store.events()
    assert row["id"] == f"{report.article.id}:e1"
    assert row["type"] == "ASSAULT" and row["cameo"] == "190"
    assert (row["date_earliest"], row["date_latest"], row["date_precision"]) == (
        date(2021, 7, 5),
        date(2021, 7, 5),
        "day",
    )
    assert (row["country"], row["admin1"], row["lat"], row["lon"]) == ("AFG", "Kandahar", 31.61, 65.71)
    assert (row["actor1"], row["actor1_country"], row["actor1_sectors"]) == ("Taliban fighters", "AFG", "INS")
    assert row["actor2"] == "police checkpoint" and row["fatalities"] == 12
    assert row["evidence"].startswith("Taliban fighters attacked") and row["stance"] == "attributed"
    full = store.get_event(row["id"])
    assert full is not None and full["event"]["trigger"]["text"] == "attacked"
    article = store.get_article(report.article.id)
    assert article is not None and article["report"]["article"]["title"] == "Checkpoint attacked"


def test_event_filters(store: SqlStore) -> None:
    store.put(attack_report())
    store.put(protest_report())
    assert len(store.events()) == 2
    assert [e["type"] for e in store.events(type="assault")] == ["ASSAULT"]
    assert len(store.events(country="afg")) == 2 and store.events(country="IRN") == []
    assert len(store.events(since=date(2021, 7, 5), until=date(2021, 7, 5))) == 2
    assert store.events(since=date(2021, 7, 6)) == []
    assert [e["type"] for e in store.events(actor="TALIBAN")] == ["ASSAULT"]
    assert [e["type"] for e in store.events(actor="police")] == ["ASSAULT"]  # a recipient's name
    assert [e["type"] for e in store.events(actor="afg")] == ["ASSAULT"]  # a party's country code
    assert len(store.events(bbox=(60, 25, 70, 35))) == 2
    assert store.events(bbox=(0, 0, 10, 10)) == []
    assert len(store.events(bbox=(170, 25, 66, 35))) == 2  # crosses the antimeridian
    assert len(store.events(limit=1)) == 1 and len(store.events(limit=1, offset=1)) == 1
    assert store.events(actor="100%_") == []


def test_skips_counts_and_stats(store: SqlStore) -> None:
    store.put_skip(Skipped("a.txt", "the file is empty", "empty"))
    store.put_skip(Skipped("a.txt", "the file is empty (again)", "empty"))
    store.put(attack_report())
    store.put(protest_report())
    assert [(s["source"], s["reason"]) for s in store.skips()] == [("a.txt", "the file is empty (again)")]
    stats = store.stats()
    assert stats["by_type"] == {"ASSAULT": 1, "PROTEST": 1}
    assert stats["by_day"] == [{"day": "2021-07-05", "events": 2}]
    assert stats["counts"]["skips"] == 1


def test_sqlite_file_is_wal_and_plain_sql_readable(tmp_path: Path) -> None:
    path = tmp_path / "khabar.db"
    with open_store(f"sqlite:///{path}") as store:
        store.put(attack_report())
    con = sqlite3.connect(path)
    assert con.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert con.execute("SELECT type, country FROM events").fetchall() == [("ASSAULT", "AFG")]
    con.close()


def test_open_store_rejects_unknown_urls() -> None:
    with pytest.raises(ValueError, match="unsupported store URL"):
        open_store("mysql://x")


def test_concurrent_writers_of_one_article_leave_one_whole_version(store: SqlStore) -> None:
    from concurrent.futures import ThreadPoolExecutor

    report = attack_report()
    versions = [report, replace(report, warnings=("v2",)), report, replace(report, warnings=("v3",))] * 3
    with ThreadPoolExecutor(max_workers=4) as pool:
        outcomes = list(pool.map(store.put, versions))
    assert outcomes[0] in ("inserted", "replaced", "unchanged")
    assert store.counts()["articles"] == 1 and store.counts()["events"] == 1
    assert store.get_report(report.article.id) in versions
