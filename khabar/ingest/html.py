"""HTML pages: trafilatura finds the article text and title; the publication date is the one the page
declares (Open Graph, schema.org, Dublin Core meta tags), checked like any other, or else htmldate's."""

from __future__ import annotations

import json
import logging
from collections.abc import Iterator
from dataclasses import replace
from datetime import date

from khabar.ingest.common import ReadOptions, make_article
from khabar.ingest.decode import DecodeError, decode_bytes
from khabar.metadata import BadField, FieldWarning, clean_published
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
    when: date | str | None = published
    warnings: list[FieldWarning] = []
    if when is None:
        when, warnings = _declared_date(html, source)
        if when is None:
            when = _page_date(html, page_url)
            if warnings and when is not None:
                first = warnings[0]
                reason = f"{first.reason}; the date htmldate found elsewhere in the page ({when}) is used"
                warnings = [replace(first, reason=reason)]
    return make_article(text, source, options, url=page_url, title=title, published=when, warnings=warnings)


# Where pages declare their publication date, most specific first: the Open Graph article vocabulary
# (ogp.me), schema.org's datePublished (microdata, and JSON-LD below), Dublin Core's date of issue, then
# the meta names publishing systems and analytics tags use.
DATE_META = (
    "article:published_time",
    "og:published_time",
    "datepublished",
    "dcterms.issued",
    "dc.date.issued",
    "dc.date",
    "citation_publication_date",
    "parsely-pub-date",
    "sailthru.date",
    "pubdate",
    "publishdate",
    "publish-date",
    "publish_date",
    "date",
)
_RANK = {name: rank for rank, name in enumerate(DATE_META)}
_SCAN_CHARS = 1 << 19  # meta tags sit in the head and the article's opening: 512 KB is plenty
_JSON_LD_CHARS = 100_000
_JSON_LD_NODES = 2_000


def declared_dates(html: str) -> list[tuple[str, str, int | None]]:
    """The publication dates the page declares, as (name, value as written, line), most specific first."""
    import lxml.etree
    import lxml.html

    try:
        root = lxml.html.document_fromstring(html[:_SCAN_CHARS])
    except (lxml.etree.LxmlError, ValueError):  # nothing to parse, or markup lxml gives up on
        return []
    found: list[tuple[int, str, str, int | None]] = []
    for element in root.iter("meta", "time", "script"):
        if element.tag == "script":
            if (element.get("type") or "").strip().lower() == "application/ld+json" and element.text:
                for value in _json_ld_dates(element.text):
                    found.append((_RANK["datepublished"], "datePublished", value, element.sourceline))
            continue
        name = element.get("property") or element.get("name") or element.get("itemprop") or ""
        if element.tag == "time" and element.get("pubdate") is not None:
            name = "pubdate"
        key = name.strip().lower()
        value = element.get("content") if element.tag == "meta" else element.get("datetime")
        if key in _RANK and value is not None and value.strip():
            found.append((_RANK[key], name.strip(), value.strip(), element.sourceline))
    found.sort(key=lambda item: item[0])  # stable: the same name keeps page order
    return [(name, value, line) for _, name, value, line in found]


def _json_ld_dates(text: str) -> list[str]:
    """``datePublished`` values in a JSON-LD block (bounded: a page's script is not trusted to be small)."""
    try:
        data = json.loads(text[:_JSON_LD_CHARS])
    except (ValueError, RecursionError):
        return []
    out: list[str] = []
    queue: list[object] = [data]
    for _ in range(_JSON_LD_NODES):
        if not queue:
            break
        node = queue.pop(0)
        if isinstance(node, dict):
            value = node.get("datePublished")
            if isinstance(value, str) and value.strip():
                out.append(value.strip())
            queue.extend(node.values())
        elif isinstance(node, list):
            queue.extend(node)
    return out


def _declared_date(html: str, source: str) -> tuple[date | None, list[FieldWarning]]:
    """The first plausible declared date; when the page declares only bad ones, the first one refused."""
    refused: list[FieldWarning] = []
    for name, value, line in declared_dates(html):
        try:
            found = clean_published(value, field=name)
        except BadField as bad:
            if not refused:
                where = f"{source}:{line}" if line else source
                refused.append(FieldWarning(where, bad.field, bad.value, bad.reason, bad.code))
            continue
        if found is not None:
            return found, []
    return None, refused


def _page_date(html: str, url: str | None) -> str | None:
    """htmldate's date for a page that declares none (in its URL, its text): within 1995..today by design."""
    from htmldate import find_date

    try:
        found = find_date(html, url=url, extensive_search=False, original_date=True)
    except Exception:  # htmldate is best effort; a page without a date is not an error
        log.debug("htmldate failed", exc_info=True)
        return None
    return found if isinstance(found, str) else None
