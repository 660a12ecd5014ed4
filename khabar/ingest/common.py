"""What every reader shares: the options, text clean-up, and making the Article with its metadata checked."""

from __future__ import annotations

import logging
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import date
from typing import Any
from urllib.parse import urlsplit

from khabar.metadata import FieldWarning, check_metadata, clean_published
from khabar.model import Article, Skipped

log = logging.getLogger(__name__)
log.addHandler(logging.NullHandler())

MAX_ARTICLE_BYTES = 20 * 1024 * 1024
MAX_CONTAINER_BYTES = 512 * 1024 * 1024
_BLANK_RUNS = re.compile(r"\n{3,}")
_TRAILING_SPACE = re.compile(r"[ \t]+\n")
_UNSTORABLE = re.compile("[\x00\ud800-\udfff]")
# The names a record gives its publication date under, in the order they are looked for.
DATE_KEYS = ("published", "date")


@dataclass(frozen=True)
class ReadOptions:
    """Options shared by all readers.

    ``published`` and ``title`` are fallbacks: a source that carries its own date or title keeps it,
    a plain-text file (which carries neither) takes them. ``max_bytes`` bounds one article;
    ``max_container_bytes`` bounds a feed, which has to be parsed whole. A metadata field the checks
    refuse (khabar.metadata) is left empty and reported to ``on_warning`` (logged when None); with
    ``strict`` the article is skipped instead.
    """

    published: date | None = None
    title: str | None = None
    max_bytes: int = MAX_ARTICLE_BYTES
    max_container_bytes: int = MAX_CONTAINER_BYTES
    strict: bool = False
    on_warning: Callable[[FieldWarning], None] | None = field(default=None, compare=False, repr=False)

    def __post_init__(self) -> None:
        if self.published is not None:  # the fallback date is checked once, here, not per article
            clean_published(self.published, field="the fallback publication date")


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


def record_date(record: Mapping[str, Any]) -> tuple[str, Any]:
    """The name and the raw value of a record's publication date (JSON object, CSV row); ("published",
    None) when it has none."""
    for key in DATE_KEYS:
        value = record.get(key)
        if value is not None and not (isinstance(value, str) and not value.strip()):
            return key, value
    return DATE_KEYS[0], None


def make_article(
    text: str,
    source: str,
    options: ReadOptions,
    *,
    url: object = None,
    title: object = None,
    published: object = None,
    published_field: str = "published",
    warnings: list[FieldWarning] | None = None,
) -> Article | Skipped:
    """The Article for cleaned ``text`` (id: content hash + URL), or a Skipped when no text is left.

    ``published`` is the source's raw value (a string, a number, a date); it and the URL and title are
    checked (khabar.metadata). A refused field is left empty and reported with ``source`` (the reader's
    ``file:line``); ``warnings`` are the reader's own found earlier. With ``options.strict`` any warning
    skips the article.
    """
    cleaned = clean_text(text)
    if not cleaned:
        return Skipped(source, "the article has no text (empty or whitespace only)", "empty")
    if not any(ch.isalnum() for ch in cleaned[:100_000]):
        return Skipped(source, "the text has no letters or digits, only markup or punctuation", "no-text")
    size = len(cleaned.encode("utf-8", "surrogatepass"))
    if size > options.max_bytes:
        return too_large(source, size, options.max_bytes)
    meta, found = check_metadata(source, published=published, published_field=published_field, url=url,
                                 title=title)  # fmt: skip
    outlet, from_url = check_metadata(source, outlet=outlet_of(meta.url))  # a 300-character host name
    found = [*(warnings or ()), *found, *from_url]
    if found and options.strict:
        reasons = "; ".join(w.message for w in found)
        return Skipped(source, f"{reasons} (--strict: bad metadata skips the article)", found[0].code)
    for warning in found:
        if options.on_warning is not None:
            options.on_warning(warning)
        else:
            log.warning("%s: %s [%s]", warning.source, warning.message, warning.code)
    return Article.new(
        cleaned,
        title=meta.title,
        published=meta.published or options.published,
        url=meta.url,
        outlet=outlet.outlet,
    )


def too_large(source: str, size: int | None, limit: int) -> Skipped:
    amount = f"{size:,} bytes" if size is not None else "more bytes"
    return Skipped(source, f"the article has {amount}, over the limit of {limit:,} bytes", "too-large")
