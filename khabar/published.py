"""A publication date for an article that came without one, and how it was found.

Feeds, archives and plain-text dumps often drop the date, yet relative dates ("on Thursday") and
time-bounded actor roles (the Taliban: insurgents until 15 August 2021, the government after) need one.
This runs in the pipeline, before time resolution and actor coding, so every entry point (``khabar
extract``, ``ingest``, the API) infers the same way. It never guesses from "today": the evidence, in
order of trust, is

- ``url``: a date in the article's address (``/2021/07/09/``, ``/20210709/``, ``/2021/jul/09/``,
  ``2021-07-09``), which news sites put there when they publish;
- ``dateline``: a full calendar date at the top of the text ("KABUL, July 9, 2021 (AFP) -");
- ``text``: the latest full calendar date the text states about the past (an article is written on or
  after every past date it reports), so it is a lower bound and flagged as such.

Otherwise the date stays unknown. ``Article.published_inferred`` records which one was used.
"""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import date

from khabar.extractors.timex import _is_past_context, dateline, find_times
from khabar.model import Article

EARLIEST = date(1900, 1, 1)  # a date in a URL before this is a number, not a publication date

_MONTH_NAMES = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")
_MONTHS = {name: i for i, name in enumerate(_MONTH_NAMES, start=1)}
# year, month and day as separate path or query segments, digits or a month's name: /2021/07/09/, /2021/jul/09
_URL_PARTS = re.compile(
    r"(?<![0-9])(?P<y>(?:19|20)\d\d)[/_.-](?P<m>[01]?\d|[a-z]{3,9})[/_.-](?P<d>[0-3]?\d)(?![0-9])", re.IGNORECASE
)
# eight digits in one segment: /20210709/ or story-20210709-...
_URL_COMPACT = re.compile(r"(?<![0-9])(?P<y>(?:19|20)\d\d)(?P<m>[01]\d)(?P<d>[0-3]\d)(?![0-9])")


def from_url(url: str | None, latest: date | None = None) -> date | None:
    """The publication date a news URL carries, or None (never a date after ``latest`` when given)."""
    if not url:
        return None
    path = url.split("://", 1)[-1]
    path = path.split("/", 1)[1] if "/" in path else ""  # a date in the host name is no publication date
    for pattern in (_URL_PARTS, _URL_COMPACT):
        for m in pattern.finditer(path):
            month_text = m.group("m").lower()
            month = int(month_text) if month_text.isdigit() else _MONTHS.get(month_text[:3])
            if month is None:
                continue
            found = _safe(int(m.group("y")), month, int(m.group("d")))
            if found is not None and found >= EARLIEST and (latest is None or found <= latest):
                return found
    return None


def from_text(text: str) -> date | None:
    """The latest full calendar date the text states in a past-tense context, or None."""
    latest: date | None = None
    for when in find_times(text, None):
        if when.precision != "day" or when.earliest is None or when.span is None:
            continue
        if not (when.value or "")[:4].isdigit():  # "July 9" without a year is no absolute date
            continue
        if not _is_past_context(text, when.span.start, when.span.end):
            continue  # "the vote will be held on 5 September 2021" says nothing about when this was written
        if latest is None or when.earliest > latest:
            latest = when.earliest
    return latest


def infer_published(article: Article) -> tuple[date | None, str | None]:
    """(date, how) for an article without a publication date; (None, None) when nothing says."""
    found = from_url(article.url)
    if found is not None:
        return found, "url"
    head = article.text if not article.title else f"{article.title}\n{article.text}"
    found = dateline(head)
    if found is not None:
        return found, "dateline"
    found = from_text(article.text)
    if found is not None:
        return found, "text"
    return None, None


def with_published(article: Article) -> Article:
    """The article with its inferred publication date and how, or unchanged when it has one or none is found."""
    if article.published is not None:
        return article
    found, how = infer_published(article)
    if found is None:
        return article
    return replace(article, published=found, published_inferred=how)


def _safe(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None
