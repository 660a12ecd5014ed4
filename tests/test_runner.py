"""The runners give the Reports the pipeline gives: the local process pool, and Ray (when installed)."""

from __future__ import annotations

import csv
import importlib.util
import os
from pathlib import Path

import pytest
from conftest import SEED_PUBLISHED, SEED_TITLE

from khabar.model import Article, Report, Skipped
from khabar.runner import article_from_json, article_to_json, from_record, to_record

WIKINEWS = Path(os.environ.get("KHABAR_SHARED", Path(__file__).resolve().parents[2] / "shared")) / (
    "corpora/wikinews/wikinews_2019.csv"
)
EXTRA_TEXTS = [
    "Protesters gathered in Kabul on Monday, police said. At least 12 people were hurt.",
    "",  # a Skip must travel through a runner like a Report does
]


@pytest.fixture(scope="module")
def articles(founding_text: str) -> list[Article]:
    """The founding article, a few Wikinews articles when the corpus is there, and texts of our own."""
    out = [Article.new(founding_text, title=SEED_TITLE, published=SEED_PUBLISHED)]
    if WIKINEWS.exists():
        with WIKINEWS.open(encoding="utf-8", newline="") as handle:
            for n, row in enumerate(csv.DictReader(handle)):
                if n == 3:
                    break
                out.append(Article.new(row["text"], title=row["title"], url=row["url"]))
    out.extend(Article.new(text, url=f"test:{i}") for i, text in enumerate(EXTRA_TEXTS))
    return out


@pytest.fixture(scope="module")
def direct(pipeline, articles: list[Article]) -> list[Report | Skipped]:  # type: ignore[no-untyped-def]
    return list(pipeline.run(articles))


def as_plain(results: list[Report | Skipped]) -> list[dict[str, object]]:
    """Records compared by their JSON form, so a difference shows as a readable diff."""
    return [to_record(r) for r in results]


def test_records_round_trip(direct: list[Report | Skipped], articles: list[Article]) -> None:
    assert [from_record(to_record(r)) for r in direct] == direct
    assert [article_from_json(article_to_json(a)) for a in articles] == articles
    assert any(isinstance(r, Skipped) for r in direct) and any(isinstance(r, Report) for r in direct)


def test_local_runner_equals_pipeline(direct: list[Report | Skipped], articles: list[Article]) -> None:
    from khabar.runner.local import run_local

    assert as_plain(list(run_local(articles, workers=1))) == as_plain(direct)
    # two spawned workers and small chunks: order and content must survive the pool
    assert as_plain(list(run_local(articles, workers=2, chunk=2))) == as_plain(direct)


@pytest.mark.skipif(
    importlib.util.find_spec("ray") is None, reason="ray is not installed: pip install 'khabar[ray]' to run this"
)
def test_ray_runner_equals_local_runner(direct: list[Report | Skipped], articles: list[Article]) -> None:
    import ray

    from khabar.runner.ray_runner import run_ray

    try:
        results = run_ray(articles, workers=2, chunk=2)
    finally:
        ray.shutdown()
    assert as_plain(results) == as_plain(direct)
