"""Plain-text articles: the file is the text; title and date come from the caller."""

from __future__ import annotations

from collections.abc import Iterator

from khabar.ingest.common import ReadOptions, make_article
from khabar.ingest.decode import DecodeError, decode_bytes
from khabar.model import Article, Skipped


def read_text(data: bytes, source: str, options: ReadOptions) -> Iterator[Article | Skipped]:
    decoded = decode_bytes(data)
    if isinstance(decoded, DecodeError):
        yield Skipped(source, decoded.reason, decoded.code)
        return
    yield make_article(decoded.text, source, options, title=options.title)
