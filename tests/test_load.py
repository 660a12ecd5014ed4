"""``khabar load``: Parquet record files into SQLite and a real PostgreSQL (``KHABAR_TEST_PG_URL``).

The files are written with the runner's own writer from Reports the pipeline made, so these tests do not
need Ray; the Ray-made files are loaded in tests/test_runner.py.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from conftest import SEED_PUBLISHED, SEED_TITLE

from khabar.load import load_command
from khabar.model import Article, Report, Skipped
from khabar.runner import to_record
from khabar.runner.parquet import parquet_files, write_records

PG_URL = os.environ.get("KHABAR_TEST_PG_URL")
PG_SCHEMA = "khabar_test_load"  # a schema of this test's own: other tests' tables are left alone


@pytest.fixture(scope="module")
def results(pipeline, founding_text: str) -> list[Report | Skipped]:  # type: ignore[no-untyped-def]
    articles = [
        Article.new(founding_text, title=SEED_TITLE, published=SEED_PUBLISHED, url="https://example.org/a"),
        Article.new("Police arrested five protesters in Lagos on Tuesday, a spokesman said.", url="test:lagos"),
        Article.new("", url="test:empty"),
    ]
    return list(pipeline.run(articles))


@pytest.fixture
def folder(results: list[Report | Skipped], tmp_path: Path) -> Path:
    """Two record files as a shard run writes them (the first Report in one, the rest in the other)."""
    records = [
        to_record(r) | {"index": i, "article_id": r.article.id if isinstance(r, Report) else ""}
        for i, r in enumerate(results)
    ]
    write_records(tmp_path / "out" / "one.parquet", records[:1])
    write_records(tmp_path / "out" / "two.parquet", records[1:])
    return tmp_path / "out"


def load(folder: Path, url: str, *extra: str) -> tuple[int, dict[str, Any]]:
    result = CliRunner().invoke(load_command, [str(folder), "--db", url, "--quiet", "--json", *extra])
    return result.exit_code, json.loads(result.output.strip().splitlines()[-1])


def check(url: str, folder: Path, results: list[Report | Skipped]) -> None:
    """Loaded once: every Report and skip stored as it was made; loaded again: nothing changes."""
    from khabar.store import open_store

    reports = [r for r in results if isinstance(r, Report)]
    code, summary = load(folder, url)
    assert code == 0, summary
    assert summary["files"] == 2 and summary["inserted"] == len(reports) == 2 and summary["skips"] == 1
    assert summary["events"] == sum(len(r.events) for r in reports)
    with open_store(url) as store:
        assert {r.article.id: r.to_dict() for r in store.reports()} == {r.article.id: r.to_dict() for r in reports}
        assert store.counts()["events"] == summary["events"]
        assert [s["code"] for s in store.skips()] == ["empty"]
    code, summary = load(folder, url)
    assert code == 0 and summary["inserted"] == 0 and summary["unchanged"] == 2


def test_load_into_sqlite(folder: Path, results: list[Report | Skipped], tmp_path: Path) -> None:
    assert [p.name for p in parquet_files(folder)] == ["one.parquet", "two.parquet"]
    check(f"sqlite:///{tmp_path / 'k.db'}", folder, results)


def test_bad_and_missing_files_are_reported(folder: Path, tmp_path: Path) -> None:
    (folder / "broken.parquet").write_bytes(b"PAR1 this is not parquet")
    code, summary = load(folder, f"sqlite:///{tmp_path / 'k.db'}")
    assert code == 3 and [b["file"] for b in summary["bad_files"]] == [str(folder / "broken.parquet")]
    assert summary["inserted"] == 2  # the good files still load
    empty = tmp_path / "empty"
    empty.mkdir()
    result = CliRunner().invoke(load_command, [str(empty), "--db", f"sqlite:///{tmp_path / 'k.db'}"])
    assert result.exit_code == 4 and "no *.parquet files" in result.output


@pytest.fixture
def pg_url() -> Iterator[str]:
    """KHABAR_TEST_PG_URL with an empty schema of its own first on the search path; dropped afterwards."""
    if not PG_URL:
        pytest.skip('KHABAR_TEST_PG_URL is not set: run `eval "$(.ci/postgres.sh)"` to test loading into PostgreSQL')
    import sqlalchemy as sa

    from khabar.store.postgres import psycopg_url

    engine = sa.create_engine(psycopg_url(PG_URL))
    with engine.begin() as conn:
        conn.execute(sa.text(f"DROP SCHEMA IF EXISTS {PG_SCHEMA} CASCADE"))
        conn.execute(sa.text(f"CREATE SCHEMA {PG_SCHEMA}"))
    try:
        yield f"{PG_URL}{'&' if '?' in PG_URL else '?'}options=-csearch_path%3D{PG_SCHEMA}"
    finally:
        with engine.begin() as conn:
            conn.execute(sa.text(f"DROP SCHEMA IF EXISTS {PG_SCHEMA} CASCADE"))
        engine.dispose()


def test_load_into_postgres(folder: Path, results: list[Report | Skipped], pg_url: str) -> None:
    check(pg_url, folder, results)
