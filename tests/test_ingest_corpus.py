"""The whole Wikinews sample ingested twice into SQLite and into a real PostgreSQL: the second run adds
nothing, and both stores hold the same articles and events. Also a batch with 5% malformed inputs."""

from __future__ import annotations

import csv
import json
import os
from pathlib import Path

import pytest
from conftest import shared_path

from khabar.ingest.run import IngestSummary, ingest
from khabar.store import open_store

CORPUS_FILES = ("wikinews_2019.csv", "wikinews_2020.csv")


@pytest.fixture(scope="module")
def corpus() -> list[Path]:
    folder = shared_path("corpora", "wikinews")
    return [folder / name for name in CORPUS_FILES]


def _twice(corpus: list[Path], url: str) -> tuple[IngestSummary, IngestSummary, dict[str, int]]:
    with open_store(url) as store:
        first = ingest(corpus, store, workers=2, progress=False)
        second = ingest(corpus, store, progress=False)
        counts = store.counts()
    return first, second, counts


def _check(first: IngestSummary, second: IngestSummary, counts: dict[str, int]) -> None:
    assert first.read >= 290 and first.inserted >= 290, first.to_dict()
    assert first.inserted + first.duplicates <= first.read, first.to_dict()
    assert not [s for s in first.skipped if s.code == "error"], [s.reason for s in first.skipped]
    assert (second.inserted, second.replaced, second.extracted) == (0, 0, 0), second.to_dict()
    assert second.already_stored == first.inserted
    assert counts["articles"] == first.inserted and counts["events"] == first.events


@pytest.fixture(scope="module")
def sqlite_run(corpus: list[Path], tmp_path_factory: pytest.TempPathFactory) -> tuple[IngestSummary, ...]:
    url = f"sqlite:///{tmp_path_factory.mktemp('sqlite') / 'wikinews.db'}"
    first, second, counts = _twice(corpus, url)
    return first, second, counts  # type: ignore[return-value]


def test_sqlite_twice_adds_nothing(sqlite_run: tuple) -> None:  # type: ignore[type-arg]
    _check(*sqlite_run)


def test_postgres_twice_adds_nothing_and_matches_sqlite(corpus: list[Path], sqlite_run: tuple) -> None:  # type: ignore[type-arg]
    url = os.environ.get("KHABAR_TEST_PG_URL")
    if not url:
        pytest.skip('KHABAR_TEST_PG_URL is not set: run `eval "$(.ci/postgres.sh)"` to test PostgreSQL')
    with open_store(url) as store, store.connect() as con:  # start from an empty schema
        from sqlalchemy import text

        for table in ("cluster_events", "clusters", "events", "skips", "articles"):
            con.execute(text(f"DELETE FROM {table}"))
        con.commit()
    first, second, counts = _twice(corpus, url)
    _check(first, second, counts)
    assert counts["articles"] == sqlite_run[2]["articles"] and counts["events"] == sqlite_run[2]["events"]


def test_five_percent_malformed_inputs(corpus: list[Path], tmp_path: Path) -> None:
    """38 good articles and 2 bad files: every good one stored, every bad one listed with its reason."""
    folder = tmp_path / "batch"
    folder.mkdir()
    with corpus[0].open(encoding="utf-8", newline="") as src:
        for n, row in enumerate(csv.DictReader(src)):
            if n == 38:
                break
            record = {"url": row["url"], "title": row["title"], "published": row["date"], "text": row["text"]}
            (folder / f"good-{n:02d}.jsonl").write_text(json.dumps(record) + "\n", encoding="utf-8")
    (folder / "bad-binary.txt").write_bytes(bytes(range(256)) * 8)
    (folder / "bad-html.html").write_bytes(b"<html><body><table><tr><td><script>x=1</script")
    with open_store(tmp_path / "k.db") as store:
        summary = ingest([folder], store, progress=False)
        counts = store.counts()
    bad = {Path(s.source).name: s for s in summary.skipped}
    assert set(bad) >= {"bad-binary.txt", "bad-html.html"}, bad
    assert all(s.reason and s.code for s in summary.skipped)
    good_skipped = [s for name, s in bad.items() if name.startswith("good-")]
    assert all(s.code in ("not-english", "empty") for s in good_skipped), good_skipped
    assert counts["articles"] == 38 - len(good_skipped) == summary.inserted
