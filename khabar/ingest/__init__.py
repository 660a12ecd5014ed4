"""Readers: files, folders and globs in; Articles (or Skipped, with a reason) out.

``read_sources`` never raises for bad input: an empty, binary, oversized, undecodable, truncated or
malformed file becomes a :class:`~khabar.model.Skipped` and the next source is read; a refused metadata
field (khabar.metadata) leaves the field empty and goes to ``ReadOptions.on_warning``. One module per kind
of source (text, html, jsonl, csvfile, feed, warc); ``detect`` picks the reader, ``compression``
makes gzip and zstd transparent.
"""

from __future__ import annotations

import glob
import logging
from collections.abc import Iterable, Iterator
from dataclasses import replace
from datetime import date
from pathlib import Path
from typing import IO

from khabar.ingest.common import ReadOptions, too_large
from khabar.ingest.compression import CorruptCompressed, Truncated, open_decompressed
from khabar.ingest.csvfile import read_csv
from khabar.ingest.detect import Kind, kind_of
from khabar.ingest.feed import read_feed
from khabar.ingest.html import read_html
from khabar.ingest.jsonl import read_jsonl
from khabar.ingest.text import read_text
from khabar.ingest.warc import read_warc
from khabar.model import Article, Skipped

log = logging.getLogger(__name__)
log.addHandler(logging.NullHandler())

__all__ = ["ReadOptions", "expand_sources", "read_path", "read_sources"]

_GLOB_CHARS = set("*?[")
_READ_CHUNK = 1 << 20


def read_sources(
    sources: Iterable[str | Path],
    *,
    published: date | None = None,
    title: str | None = None,
    options: ReadOptions | None = None,
) -> Iterator[Article | Skipped]:
    """Every Article in ``sources`` (files, folders, globs), in order; bad input as Skipped."""
    opts = options or ReadOptions()
    if published is not None or title is not None:
        opts = replace(
            opts,
            published=published if published is not None else opts.published,
            title=title if title is not None else opts.title,
        )
    for item in expand_sources(sources):
        if isinstance(item, Skipped):
            yield item
        else:
            yield from read_path(item, opts)


def expand_sources(sources: Iterable[str | Path]) -> Iterator[Path | Skipped]:
    """Files named, files under folders (recursively, hidden ones left out), and glob matches, once each."""
    seen: set[Path] = set()

    def once(path: Path) -> Iterator[Path]:
        key = path.resolve()
        if key not in seen:
            seen.add(key)
            yield path

    for source in sources:
        path = Path(source)
        if path.is_dir():
            for child in sorted(path.rglob("*")):
                hidden = any(part.startswith(".") for part in child.relative_to(path).parts)
                if child.is_file() and not hidden:
                    yield from once(child)
        elif path.exists():
            yield from once(path)
        elif _GLOB_CHARS & set(str(source)):
            matches = sorted(glob.glob(str(source), recursive=True))
            files = [Path(m) for m in matches if Path(m).is_file()]
            if not files:
                yield Skipped(str(source), "no files match this pattern", "missing")
            for match in files:
                yield from once(match)
        else:
            yield Skipped(str(source), "no such file or folder", "missing")


def read_path(path: Path, options: ReadOptions | None = None) -> Iterator[Article | Skipped]:
    """The Articles in one file; whatever goes wrong ends as a Skipped naming the file."""
    opts = options or ReadOptions()
    source = str(path)
    read = produced = 0
    try:
        if not path.is_file():
            yield Skipped(source, "not a regular file", "missing")
            return
        if path.stat().st_size == 0:
            yield Skipped(source, "the file is empty", "empty")
            return
        stream, compression = open_decompressed(path)
        with stream:
            kind = kind_of(path.name, _peek(stream))
            for item in _dispatch(kind, stream, path, compression is not None, opts):
                read += isinstance(item, Article)
                produced += 1
                yield item
        if not produced:  # every input must end as Articles or a reason, never as nothing
            yield Skipped(source, f"the file holds no articles (nothing but blank {kind} content)", "empty")
    except Truncated as exc:
        kept = f"; the {read} article(s) before the cut were kept" if read else ""
        yield Skipped(source, f"the file is truncated: {exc}{kept}", "truncated")
    except CorruptCompressed as exc:
        yield Skipped(source, str(exc), "corrupt")
    except OSError as exc:
        yield Skipped(source, f"the file cannot be read: {exc}", "unreadable")
    except Exception as exc:  # a reader bug must not end the whole batch
        log.exception("reading %s failed", source)
        yield Skipped(source, f"reading failed: {type(exc).__name__}: {exc}", "error")


def _dispatch(
    kind: Kind, stream: IO[bytes], path: Path, compressed: bool, opts: ReadOptions
) -> Iterator[Article | Skipped]:
    source = str(path)
    if kind == "jsonl":
        yield from read_jsonl(stream, source, opts)
    elif kind == "csv":
        yield from read_csv(stream, source, opts)
    elif kind == "warc":
        yield from read_warc(stream, source, opts)
    elif kind == "feed":
        data, cut = _read_whole(stream, opts.max_container_bytes, path, compressed)
        if data is None:
            yield too_large(source, None, opts.max_container_bytes)
            return
        yield from read_feed(data, source, opts)
        if cut is not None:
            raise cut  # reported after the entries that were complete
    else:
        data, cut = _read_whole(stream, opts.max_bytes, path, compressed)
        if cut is not None:
            raise cut  # a cut-off single article would be a misleading article
        if data is None:
            size = None if compressed else path.stat().st_size
            yield too_large(source, size, opts.max_bytes)
            return
        if kind == "html":
            yield from read_html(data, source, opts)
        else:
            yield from read_text(data, source, opts)


def _read_whole(stream: IO[bytes], limit: int, path: Path, compressed: bool) -> tuple[bytes | None, Truncated | None]:
    """All bytes up to ``limit`` (None when there are more), and the truncation that ended them, if any.

    An uncompressed file over the limit is refused by its size alone, without reading it.
    """
    if not compressed and path.stat().st_size > limit:
        return None, None
    parts: list[bytes] = []
    size = 0
    read = getattr(stream, "read1", stream.read)  # one raw read per call: nothing lost to a truncation
    try:
        while size <= limit:
            chunk = read(min(_READ_CHUNK, limit + 1 - size))
            if not chunk:
                break
            parts.append(chunk)
            size += len(chunk)
    except Truncated as exc:
        return b"".join(parts), exc
    if size > limit:
        return None, None
    return b"".join(parts), None


def _peek(stream: IO[bytes]) -> bytes:
    peek = getattr(stream, "peek", None)
    return peek(1024)[:1024] if peek is not None else b""
