"""JSON lines (``{"id", "url", "title", "published", "text"}`` per line), read one line at a time.

A bad line becomes a Skipped naming its line number and the rest of the file is still read. A ``.json``
file holding one array of such objects is read whole (bounded by ``max_container_bytes``).
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import IO, Any

from khabar.ingest.common import ReadOptions, make_article, record_date, too_large
from khabar.ingest.decode import DecodeError, decode_bytes
from khabar.model import Article, Skipped

_CHUNK = 1 << 20


def read_jsonl(stream: IO[bytes], source: str, options: ReadOptions) -> Iterator[Article | Skipped]:
    first = _peek_first_byte(stream)
    if first == b"[":
        yield from _read_array(stream, source, options)
        return
    number = 0
    while True:
        number += 1
        line = stream.readline(options.max_bytes + 1)
        if not line:
            return
        where = f"{source}:{number}"
        if len(line) > options.max_bytes and not line.endswith(b"\n"):
            _discard_rest_of_line(stream)
            yield too_large(where, None, options.max_bytes)
            continue
        if not line.strip():
            continue
        yield record_article(line, where, options)


def record_article(line: bytes, where: str, options: ReadOptions) -> Article | Skipped:
    decoded = decode_bytes(line.strip())
    if isinstance(decoded, DecodeError):
        return Skipped(where, decoded.reason, decoded.code)
    try:
        record = json.loads(decoded.text)
    except json.JSONDecodeError as exc:
        return Skipped(where, f"the line is not valid JSON: {exc.msg} at column {exc.colno}", "bad-json")
    except (ValueError, RecursionError) as exc:  # a 5,000-digit number, arrays nested 100,000 deep
        return Skipped(where, f"the line cannot be read as JSON: {_short(exc)}", "bad-json")
    return object_article(record, where, options)


def object_article(record: Any, where: str, options: ReadOptions) -> Article | Skipped:
    if not isinstance(record, dict):
        return Skipped(where, f"expected a JSON object, found {type(record).__name__}", "bad-json")
    text = record.get("text")
    if not isinstance(text, str):
        return Skipped(where, 'the record has no "text" string', "bad-json")
    key, published = record_date(record)
    return make_article(
        text,
        where,
        options,
        url=record.get("url"),
        title=record.get("title"),
        published=published,
        published_field=key,
    )


def _read_array(stream: IO[bytes], source: str, options: ReadOptions) -> Iterator[Article | Skipped]:
    data = stream.read(options.max_container_bytes + 1)
    if len(data) > options.max_container_bytes:
        yield Skipped(
            source,
            f"a JSON array file over {options.max_container_bytes:,} bytes; write it as JSON lines instead",
            "too-large",
        )
        return
    decoded = decode_bytes(data)
    if isinstance(decoded, DecodeError):
        yield Skipped(source, decoded.reason, decoded.code)
        return
    try:
        records = json.loads(decoded.text)
    except json.JSONDecodeError as exc:
        yield Skipped(source, f"not valid JSON: {exc.msg} at line {exc.lineno}", "bad-json")
        return
    except (ValueError, RecursionError) as exc:
        yield Skipped(source, f"the file cannot be read as JSON: {_short(exc)}", "bad-json")
        return
    for i, record in enumerate(records, start=1):
        yield object_article(record, f"{source}[{i}]", options)


def _peek_first_byte(stream: IO[bytes]) -> bytes:
    peek = getattr(stream, "peek", None)
    if peek is None:
        return b""
    head: bytes = peek(256)
    stripped = head.lstrip(b" \t\r\n\xef\xbb\xbf")
    return stripped[:1]


def _discard_rest_of_line(stream: IO[bytes]) -> None:
    while True:
        chunk = stream.readline(_CHUNK)
        if not chunk or chunk.endswith(b"\n"):
            return


def _short(exc: BaseException) -> str:
    """The first sentence of a parser's message: Python's own ones go on to advise set_int_max_str_digits."""
    return f"{type(exc).__name__}: {str(exc).split(';')[0]}"
