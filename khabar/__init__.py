"""khabar: news in, structured event data out, every fact with the span of its evidence.

    >>> import khabar
    >>> report = khabar.extract(text, published="2021-07-09", title="...")

The NLP model and knowledge bases load once per process, on first use.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from datetime import date
from typing import TYPE_CHECKING

from khabar.model import SCHEMA_VERSION, Article, Report, Skipped

if TYPE_CHECKING:
    from khabar.pipeline import PipelineConfig

__version__ = "0.1.0"
__all__ = ["SCHEMA_VERSION", "Article", "Report", "Skipped", "__version__", "extract", "extract_batch"]


def extract(
    text: str,
    *,
    published: date | str | None = None,
    title: str | None = None,
    url: str | None = None,
    config: PipelineConfig | None = None,
) -> Report:
    """One article's Report. Raises ValueError with the reason when the text cannot be processed or a field
    is refused (``published`` not a date or not plausible: see ``Article.new``)."""
    from khabar.pipeline import get_pipeline

    article = Article.new(text, title=title, published=published, url=url)
    results = list(get_pipeline(config).run([article]))
    result = results[0]
    if isinstance(result, Skipped):
        raise ValueError(f"[K030] {result.reason}")
    return result


def extract_batch(articles: Iterable[Article], config: PipelineConfig | None = None) -> Iterator[Report | Skipped]:
    """Reports (or Skips with a reason) for many articles, in order, batched through one NLP pass."""
    from khabar.pipeline import get_pipeline

    return get_pipeline(config).run(articles)
