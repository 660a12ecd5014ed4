"""Transparent gzip / zstd decompression, recognised by magic bytes rather than by file name.

Every reader gets a binary stream that yields the decompressed bytes, so ``article.html.gz`` and
``feed.xml.zst`` go through the same code as their plain versions. A compressed stream that ends early
raises :class:`Truncated` *when the end is reached*, so streaming readers keep what came before it.
"""

from __future__ import annotations

import gzip
import io
import zlib
from pathlib import Path
from typing import IO, BinaryIO, Literal

Compression = Literal["gzip", "zstd"] | None

GZIP_MAGIC = b"\x1f\x8b"
ZSTD_MAGIC = b"\x28\xb5\x2f\xfd"
COMPRESSED_SUFFIXES = (".gz", ".gzip", ".zst", ".zstd")
_CHUNK = 1 << 16


class Truncated(Exception):
    """The compressed data ended before its end-of-stream marker (a cut-off download or copy)."""


class CorruptCompressed(Exception):
    """The compressed data is damaged (bad checksum, invalid block)."""


def sniff_compression(head: bytes) -> Compression:
    if head.startswith(GZIP_MAGIC):
        return "gzip"
    if head.startswith(ZSTD_MAGIC):
        return "zstd"
    return None


def strip_compression_suffix(name: str) -> str:
    """``a.jsonl.gz`` -> ``a.jsonl``: the kind of a compressed file is the suffix underneath."""
    lower = name.lower()
    for suffix in COMPRESSED_SUFFIXES:
        if lower.endswith(suffix):
            return name[: -len(suffix)]
    return name


class _ZstdReader(io.RawIOBase):
    """A zstd stream reader that notices truncation (``zstandard``'s own reader silently stops)."""

    def __init__(self, raw: BinaryIO) -> None:
        import zstandard

        self._raw = raw
        self._zstd = zstandard
        self._dec = zstandard.ZstdDecompressor().decompressobj()
        self._buffer = b""
        self._done = False

    def readable(self) -> bool:
        return True

    def readinto(self, b: bytearray | memoryview) -> int:  # type: ignore[override]
        while not self._buffer and not self._done:
            chunk = self._raw.read(_CHUNK)
            if not chunk:
                self._done = True
                if not self._dec.eof:
                    raise Truncated("the zstd stream ends before its end-of-frame marker")
                break
            try:
                self._buffer = self._dec.decompress(chunk)
                while self._dec.eof and self._dec.unused_data:  # concatenated frames
                    rest = self._dec.unused_data
                    self._dec = self._zstd.ZstdDecompressor().decompressobj()
                    self._buffer += self._dec.decompress(rest)
            except self._zstd.ZstdError as exc:
                raise CorruptCompressed(f"the zstd data is damaged: {exc}") from exc
        n = min(len(b), len(self._buffer))
        b[:n] = self._buffer[:n]
        self._buffer = self._buffer[n:]
        return n


class _GzipReader(io.RawIOBase):
    """gzip that reports truncation and damage with our exception types."""

    def __init__(self, raw: BinaryIO) -> None:
        self._gz = gzip.GzipFile(fileobj=raw, mode="rb")

    def readable(self) -> bool:
        return True

    def readinto(self, b: bytearray | memoryview) -> int:  # type: ignore[override]
        try:
            # read1: one step at a time, so data before a truncation is handed out before the error
            data = self._gz.read1(len(b))
        except EOFError as exc:
            raise Truncated("the gzip stream ends before its end-of-stream marker") from exc
        except (gzip.BadGzipFile, zlib.error, OSError) as exc:
            raise CorruptCompressed(f"the gzip data is damaged: {exc}") from exc
        b[: len(data)] = data
        return len(data)


def open_decompressed(path: Path) -> tuple[IO[bytes], Compression]:
    """Open ``path`` for reading its (decompressed) bytes; the caller closes the stream."""
    raw = path.open("rb")
    head = raw.peek(4)[:4] if isinstance(raw, io.BufferedReader) else b""
    kind = sniff_compression(head)
    if kind == "gzip":
        return io.BufferedReader(_ClosingWrapper(_GzipReader(raw), raw), _CHUNK), kind
    if kind == "zstd":
        return io.BufferedReader(_ClosingWrapper(_ZstdReader(raw), raw), _CHUNK), kind
    return raw, None


class _ClosingWrapper(io.RawIOBase):
    """Closes the underlying file together with the decompressor wrapped around it."""

    def __init__(self, inner: io.RawIOBase, raw: IO[bytes]) -> None:
        self._inner = inner
        self._raw = raw

    def readable(self) -> bool:
        return True

    def readinto(self, b: bytearray | memoryview) -> int:  # type: ignore[override]
        return self._inner.readinto(b) or 0

    def close(self) -> None:
        try:
            self._inner.close()
        finally:
            self._raw.close()
            super().close()


def read_limited(stream: IO[bytes], limit: int) -> tuple[bytes, bool]:
    """Up to ``limit`` bytes and whether there was more; never holds more than ``limit + 1`` bytes."""
    data = stream.read(limit + 1)
    if len(data) > limit:
        return data[:limit], True
    return data, False
