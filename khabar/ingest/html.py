"""HTML pages: trafilatura finds the article text and title, htmldate the publication date."""

from __future__ import annotations

import logging
from collections.abc import Iterator
from datetime import date

from khabar.ingest.common import ReadOptions, make_article, parse_date
from khabar.ingest.decode import DecodeError, decode_bytes
from khabar.model import Article, Skipped

log = logging.getLogger(__name__)
log.addHandler(logging.NullHandler())


def read_html(
    data: bytes,
    source: str,
    options: ReadOptions,
    *,
    url: str | None = None,
    charset: str | None = None,
    published: date | None = None,
) -> Iterator[Article | Skipped]:
    """One article from one page; ``published`` (from a feed or archive) wins over the page's own date."""
    decoded = decode_bytes(data, charset=charset)
    if isinstance(decoded, DecodeError):
        yield Skipped(source, decoded.reason, decoded.code)
        return
    yield html_article(decoded.text, source, options, url=url, published=published)


def html_article(
    html: str, source: str, options: ReadOptions, *, url: str | None = None, published: date | None = None
) -> Article | Skipped:
    import trafilatura

    try:
        doc = trafilatura.bare_extraction(
            html, url=url, with_metadata=True, include_comments=False, include_tables=False
        )
    except Exception as exc:  # trafilatura raises assorted lxml errors on hostile markup
        log.debug("trafilatura failed on %s", source, exc_info=True)
        return Skipped(source, f"the HTML could not be parsed: {type(exc).__name__}: {exc}", "no-text")
    text = getattr(doc, "text", None) if doc is not None else None
    if not text or not text.strip():
        return Skipped(source, "no article text found in the HTML (trafilatura extracted nothing)", "no-text")
    title = getattr(doc, "title", None) or options.title
    page_url = url or getattr(doc, "url", None)
    return make_article(
        text,
        source,
        options,
        url=page_url,
        title=title,
        published=published or _page_date(html, page_url),
    )


def _page_date(html: str, url: str | None) -> date | None:
    from htmldate import find_date

    try:
        found = find_date(html, url=url, extensive_search=False, original_date=True)
    except Exception:  # htmldate is best effort; a page without a date is not an error
        log.debug("htmldate failed", exc_info=True)
        return None
    return parse_date(found)
