"""Plain-text articles: the file is the text; the date comes from the caller, the title from the caller or
from a headline line (a short first line followed by a blank line, as news text files are written)."""

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
    yield make_article(decoded.text, source, options, title=options.title or headline(decoded.text))


HEADLINE_MAX_CHARS = 200


def headline(text: str) -> str | None:
    """The first line when it stands alone above a blank line and is short enough to be a title."""
    first, sep, rest = text.lstrip("\ufeff").partition("\n")
    first = first.strip()
    if not sep or not first or len(first) > HEADLINE_MAX_CHARS or first.endswith((".", ":", ";", ",")):
        return None
    return first if rest.startswith(("\n", "\r\n")) else None
