"""RSS and Atom feeds saved to disk: one Article per entry, from its full content or its summary.

A truncated feed still gives the entries that were complete; the one cut off becomes a Skipped.
"""

from __future__ import annotations

import re
import time
from collections.abc import Iterator
from datetime import date
from typing import Any

from khabar.ingest.common import ReadOptions, make_article
from khabar.metadata import BadField, to_date
from khabar.model import Article, Skipped

_CLOSING = re.compile(rb"</(?:[A-Za-z0-9_]+:)?(?:item|entry)\s*>")
_SUBSET_END = re.compile(rb"\]\s*>")
_DTD_WINDOW = 1 << 16
_BLOCK_TAGS = {"p", "div", "br", "li", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "tr", "section"}


def read_feed(data: bytes, source: str, options: ReadOptions) -> Iterator[Article | Skipped]:
    import feedparser

    try:
        parsed = feedparser.parse(without_internal_dtd(data), sanitize_html=False, resolve_relative_uris=False)
    except ValueError as exc:  # feedparser decodes a declared encoding name as UTF-8 itself: encoding="utf-\xd8"
        yield Skipped(source, f"not a readable RSS/Atom feed: {type(exc).__name__}: {exc}", "bad-feed")
        return
    entries = list(parsed.entries)
    problem = parsed.get("bozo_exception") if parsed.get("bozo") else None
    if not entries:
        if problem is not None:
            reason = f"not a readable RSS/Atom feed: {type(problem).__name__}: {problem}"
            yield Skipped(source, reason, "bad-feed")
        else:
            yield Skipped(source, "the feed has no entries", "empty")
        return
    complete = len(_CLOSING.findall(data))
    for number, entry in enumerate(entries, start=1):
        where = f"{source}#entry {number}"
        if problem is not None and number > complete:
            yield Skipped(where, f"the feed is cut off inside this entry ({problem})", "truncated")
            continue
        yield entry_article(entry, where, options)


def without_internal_dtd(data: bytes) -> bytes:
    """The feed without its internal DTD subset (``<!DOCTYPE rss [ <!ENTITY ...> ]>``).

    Real feeds declare no entities of their own; a billion-laughs subset costs expat one to two seconds
    of CPU per kilobyte before its amplification guard stops it. Undefined references then stay as text.
    """
    head = data[:_DTD_WINDOW].lower()
    start = head.find(b"<!doctype")
    if start < 0:
        return data
    bracket, close = head.find(b"[", start), head.find(b">", start)
    if bracket < 0 or close < bracket:
        return data  # a DOCTYPE without an internal subset
    end = _SUBSET_END.search(data, bracket)
    return data if end is None else data[:start] + data[end.end() :]


def entry_article(entry: Any, where: str, options: ReadOptions) -> Article | Skipped:
    body = ""
    for content in entry.get("content") or ():
        value = content.get("value") or ""
        if len(value) > len(body):
            body = value
    summary = entry.get("summary") or ""
    if len(summary) > len(body):
        body = summary
    text = html_to_text(body) if "<" in body else body
    key, published = _entry_date(entry)
    return make_article(
        text,
        where,
        options,
        url=entry.get("link") or None,
        title=html_to_text(entry.get("title") or "") or None,
        published=published,
        published_field=key,
    )


def html_to_text(fragment: str) -> str:
    """Text of an HTML fragment with block elements on their own lines (feed bodies are short HTML)."""
    if "<" not in fragment:
        return fragment.strip()
    import lxml.html

    try:
        root = lxml.html.fragment_fromstring(fragment, create_parent="div")
    except Exception:  # lxml's parser errors vary; a fragment we cannot parse gives no text
        return ""
    for element in root.iter():
        if isinstance(element.tag, str) and element.tag.lower() in _BLOCK_TAGS:
            element.tail = "\n" + (element.tail or "")
    return str(root.text_content()).strip()


# feedparser's names for an entry's dates (pubDate, dc:date and Atom's published/issued are all "published").
_DATE_KEYS = ("published", "updated", "created")


def _entry_date(entry: Any) -> tuple[str, object]:
    """The entry's first date as written, or as feedparser parsed it when khabar's parser cannot read it.

    The written form keeps the outlet's own calendar day (feedparser's parsed dates are moved to UTC);
    feedparser knows more exotic forms (other languages' month names, odd RFC 822 variants). A date
    neither can read is passed on as written, to be refused with its value.
    """
    for key in _DATE_KEYS:
        raw = entry.get(key)
        if not isinstance(raw, str) or not raw.strip():
            continue
        try:
            to_date(raw, key)
        except BadField:
            parsed = entry.get(f"{key}_parsed")
            if isinstance(parsed, time.struct_time):
                try:
                    return key, date(parsed.tm_year, parsed.tm_mon, parsed.tm_mday)
                except ValueError:  # year 0 from a feed: refused below as written
                    pass
        return key, raw
    return "published", None
