"""Shared test fixtures: where the team's gold data is, and the one pipeline a test session loads."""

from __future__ import annotations

import os
from datetime import date
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
SHARED = Path(os.environ.get("KHABAR_SHARED", REPO.parent / "shared"))
SAMPLE = REPO / "khabar" / "samples" / "founding-article.txt"
SEED_PUBLISHED = date(2021, 7, 9)
SEED_TITLE = "Afghanistan requests return of soldiers who fled to Iran"


def shared_path(*parts: str) -> Path:
    """A path under the gold data folder, or skip the test with the reason when it is absent."""
    path = SHARED.joinpath(*parts)
    if not path.exists():
        pytest.skip(f"gold data not found at {path}: set KHABAR_SHARED to the shared/ folder to run this test")
    return path


@pytest.fixture(scope="session")
def pipeline():  # type: ignore[no-untyped-def]
    from khabar.pipeline import get_pipeline

    return get_pipeline()


@pytest.fixture(scope="session")
def seed_report(pipeline):  # type: ignore[no-untyped-def]
    """The Report of the founding article, read once per test session."""
    from khabar.model import Article, Report

    article = Article.new(SAMPLE.read_text(encoding="utf-8"), title=SEED_TITLE, published=SEED_PUBLISHED)
    report = next(iter(pipeline.run([article])))
    assert isinstance(report, Report), report
    return report


@pytest.fixture(scope="session")
def founding_text() -> str:
    """The founding article as the package ships it (khabar/samples), so no gold data is needed."""
    return SAMPLE.read_text(encoding="utf-8")
