"""What every reader shares: the options, text clean-up, dates from strings, and making the Article."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime
from urllib.parse import urlsplit

from khabar.model import Article, Skipped

MAX_ARTICLE_BYTES = 20 * 1024 * 1024
MAX_CONTAINER_BYTES = 512 * 1024 * 1024
_BLANK_RUNS = re.compile(r"\n{3,}")
_TRAILING_SPACE = re.compile(r"[ \t]+\n")
_UNSTORABLE = re.compile("[\x00\ud800-\udfff]")


@dataclass(frozen=True)
class ReadOptions:
    """Options shared by all readers.

    ``published`` and ``title`` are fallbacks: a source that carries its own date or title keeps it,
    a plain-text file (which carries neither) takes them. ``max_bytes`` bounds one article;
    ``max_container_bytes`` bounds a feed, which has to be parsed whole.
    """

    published: date | None = None
    title: str | None = None
    max_bytes: int = MAX_ARTICLE_BYTES
    max_container_bytes: int = MAX_CONTAINER_BYTES


def storable(text: str) -> str:
    """Lone surrogates and NULs (from JSON ``\\ud800``, ``\\u0000`` escapes) as U+FFFD: spaCy and UTF-8
    encoders raise on surrogates, PostgreSQL refuses NUL. One character for one, so offsets do not move."""
    return _UNSTORABLE.sub("\ufffd", text)


def clean_text(text: str) -> str:
    """Unix newlines, no trailing spaces, at most one blank line in a row, no outer whitespace."""
    text = storable(text).replace("\r\n", "\n").replace("\r", "\n").replace("\u2028", "\n")
    text = _TRAILING_SPACE.sub("\n", text)
    return _BLANK_RUNS.sub("\n\n", text).strip()


def outlet_of(url: str | None) -> str | None:
    """The host name of the URL without ``www.``: what a reader would call the outlet."""
    if not url:
        return None
    try:
        host = urlsplit(url).hostname
    except ValueError:  # "http://[bad" from a feed: an article with no outlet, not a failed file
        return None
    if not host:
        return None
    return host.removeprefix("www.")


def parse_date(value: object) -> date | None:
    """A date from an ISO string (``2021-07-09`` or a full timestamp); None when it is not one."""
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if not isinstance(value, str) or not value.strip():
        return None
    text = value.strip()
    try:
        return date.fromisoformat(text[:10])
    except ValueError:
        pass
    try:
        return datetime.fromisoformat(text.replace("Z", "+00:00")).date()
    except ValueError:
        return None


def make_article(
    text: str,
    source: str,
    options: ReadOptions,
    *,
    url: str | None = None,
    title: str | None = None,
    published: date | None = None,
) -> Article | Skipped:
    """The Article for cleaned ``text`` (id: content hash + URL), or a Skipped when no text is left."""
    cleaned = clean_text(text)
    if not cleaned:
        return Skipped(source, "the article has no text (empty or whitespace only)", "empty")
    if not any(ch.isalnum() for ch in cleaned[:100_000]):
        return Skipped(source, "the text has no letters or digits, only markup or punctuation", "no-text")
    size = len(cleaned.encode("utf-8", "surrogatepass"))
    if size > options.max_bytes:
        return too_large(source, size, options.max_bytes)
    url = storable(url) if url else None
    return Article.new(
        cleaned,
        title=storable(title or "").strip() or None,
        published=published or options.published,
        url=url,
        outlet=outlet_of(url),
    )


def too_large(source: str, size: int | None, limit: int) -> Skipped:
    amount = f"{size:,} bytes" if size is not None else "more bytes"
    return Skipped(source, f"the article has {amount}, over the limit of {limit:,} bytes", "too-large")
