"""Store insert rate: ``open_store(url).put(report)`` for real Reports, into SQLite and PostgreSQL.

The Reports are extracted once, by khabar's pipeline, from the Wikinews sample (or, without the shared
data, from the founding article), then copied under distinct article ids up to ``--reports``: the store
sees as many different articles as a real ingest of that size, without the bench paying for the NLP
again. Each backend starts empty and is timed for:

- ``insert``: every Report put once (one transaction per Report, as ``khabar ingest`` does);
- ``reput``: the same Reports again, which an idempotent store answers with "unchanged" and no writes.

PostgreSQL is the server at ``$KHABAR_BENCH_PG_URL`` (else ``$KHABAR_TEST_PG_URL``), written in a schema
of its own that is dropped afterwards, so the bench never touches tables a test or a user relies on.
"""

from __future__ import annotations

import argparse
import json
import os
import tempfile
import time
from dataclasses import replace
from datetime import date
from pathlib import Path
from typing import Any

from bench.common import REPO, RESULTS

BENCH_SCHEMA = "khabar_bench_store"


def source_reports(distinct: int) -> tuple[list[Any], str]:
    """``distinct`` Reports read by the pipeline, and where their text came from."""
    from khabar.model import Article, Report
    from khabar.pipeline import extract_batch

    shared = Path(os.environ.get("KHABAR_SHARED") or REPO.parent / "shared")
    if (shared / "corpora" / "wikinews" / "wikinews_2019.csv").exists():
        from bench.throughput import load_articles

        articles = load_articles(distinct)
        origin = f"{len(articles)} Wikinews articles (shared/corpora/wikinews)"
    else:
        text = (REPO / "khabar" / "samples" / "founding-article.txt").read_text(encoding="utf-8")
        articles = [Article.new(text, published=date(2021, 7, 9), url="sample:founding")]
        origin = "the founding article (shared data not found)"
    reports = [r for r in extract_batch(articles) if isinstance(r, Report)]
    return reports, origin


def copies(reports: list[Any], n: int) -> list[Any]:
    """``n`` Reports cycling through ``reports``; copies get distinct article ids (hence distinct rows)."""
    out = []
    for i in range(n):
        report = reports[i % len(reports)]
        copy = i // len(reports)
        if copy:
            report = replace(report, article=replace(report.article, id=f"{report.article.id}-{copy}"))
        out.append(report)
    return out


def serialise_seconds(reports: list[Any]) -> float:
    """Seconds ``put`` spends before the database: Report -> JSON -> rows (the same calls it makes)."""
    from khabar.store.rows import article_row, event_rows

    started = time.perf_counter()
    for report in reports:
        data = report.to_dict()
        article_row(report, data)
        event_rows(report, data)
    return time.perf_counter() - started


def measure(url: str, reports: list[Any]) -> dict[str, Any]:
    """Insert and re-put rates into the (empty) store at ``url``."""
    from khabar.store import open_store

    events = sum(len(r.events) for r in reports)
    with open_store(url) as store:
        assert store.counts()["articles"] == 0, f"{url} is not empty"
        started = time.perf_counter()
        outcomes = [store.put(r) for r in reports]
        insert_s = time.perf_counter() - started
        started = time.perf_counter()
        again = [store.put(r) for r in reports]
        reput_s = time.perf_counter() - started
        counts = store.counts()
    assert outcomes.count("inserted") == len(reports), "every copy has its own id: all must be inserted"
    assert again.count("unchanged") == len(reports), "putting the same Report again must change nothing"
    assert counts["articles"] == len(reports) and counts["events"] == events, counts
    return {
        "reports": len(reports),
        "events": events,
        "insert_seconds": round(insert_s, 3),
        "insert_reports_per_s": round(len(reports) / insert_s, 1),
        "insert_events_per_s": round(events / insert_s, 1),
        "reput_seconds": round(reput_s, 3),
        "reput_reports_per_s": round(len(reports) / reput_s, 1),
    }


def pg_url() -> str | None:
    return os.environ.get("KHABAR_BENCH_PG_URL") or os.environ.get("KHABAR_TEST_PG_URL")


def in_schema(url: str, schema: str) -> str:
    """The same server and database, with ``schema`` first on the search path (libpq ``options``)."""
    return f"{url}{'&' if '?' in url else '?'}options=-csearch_path%3D{schema}"


def postgres(url: str, reports: list[Any]) -> dict[str, Any]:
    """``measure`` in a schema of the bench's own, created empty and dropped afterwards."""
    import sqlalchemy as sa

    from khabar.store.postgres import psycopg_url

    admin = sa.create_engine(psycopg_url(url))
    try:
        with admin.begin() as conn:
            conn.execute(sa.text(f"DROP SCHEMA IF EXISTS {BENCH_SCHEMA} CASCADE"))
            conn.execute(sa.text(f"CREATE SCHEMA {BENCH_SCHEMA}"))
        with admin.connect() as conn:
            version = str(conn.execute(sa.text("SHOW server_version")).scalar_one())
        result = measure(in_schema(url, BENCH_SCHEMA), reports)
    finally:
        with admin.begin() as conn:
            conn.execute(sa.text(f"DROP SCHEMA IF EXISTS {BENCH_SCHEMA} CASCADE"))
        admin.dispose()
    host = sa.engine.make_url(psycopg_url(url)).host
    return result | {"server_version": version, "host": host}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--reports", type=int, default=1000, help="Reports put into each store")
    parser.add_argument("--distinct", type=int, default=100, help="of which extracted by the pipeline")
    args = parser.parse_args()
    started = time.perf_counter()
    extracted, origin = source_reports(args.distinct)
    extract_s = time.perf_counter() - started
    reports = copies(extracted, args.reports)
    result: dict[str, Any] = {
        "source": origin,
        "distinct_reports": len(extracted),
        "extract_seconds": round(extract_s, 1),
        "reports": len(reports),
        "events": sum(len(r.events) for r in reports),
        "how": "one put() (one transaction) per Report into an empty store; reput: the same Reports again",
    }
    serialise = serialise_seconds(reports)
    result["serialise_reports_per_s"] = round(len(reports) / serialise, 1)  # the ceiling any database leaves
    with tempfile.TemporaryDirectory(prefix="khabar-bench-store-") as folder:
        path = Path(folder) / "bench.db"
        result["sqlite"] = measure(f"sqlite:///{path}", reports)
        result["sqlite"]["file_mb"] = round(path.stat().st_size / 2**20, 1)
        result["sqlite"]["where"] = f"a fresh file in {tempfile.gettempdir()} (WAL, synchronous=NORMAL)"
    url = pg_url()
    if url:
        result["postgresql"] = postgres(url, reports)
    else:
        result["postgresql"] = {"skipped": "set KHABAR_BENCH_PG_URL (or KHABAR_TEST_PG_URL) to measure PostgreSQL"}
    RESULTS.mkdir(parents=True, exist_ok=True)
    (RESULTS / "store.json").write_text(json.dumps({"store": result}, indent=2) + "\n", encoding="utf-8")
    for name in ("sqlite", "postgresql"):
        figures = result[name]
        if "skipped" in figures:
            print(f"store {name}: skipped: {figures['skipped']}")
        else:
            print(f"store {name}: {figures['insert_reports_per_s']} Reports/s, {figures['insert_events_per_s']} "
                  f"events/s inserted; re-put {figures['reput_reports_per_s']} Reports/s")  # fmt: skip


if __name__ == "__main__":
    main()
