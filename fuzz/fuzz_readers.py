"""Atheris fuzzing target for khabar's readers (issue 9): any bytes, in any kind of file, must end as
Articles or as Skipped with a reason, never as an exception.

Run it like any libFuzzer binary (see fuzz/README.md)::

    .venv/bin/python fuzz/fuzz_readers.py -max_total_time=60 fuzz/corpus

One input is a 4-byte header and a payload. Byte 0 picks the file kind (its suffix), byte 1 the charset
handed to ``decode_bytes``, byte 2 the inner kind of a ``.gz``/``.zst`` file, byte 3 how it is compressed
(``% 3``: 0 the payload written as it is, 1 compressed whole, 2 compressed and cut at byte3/256 of its
length). A fixed header keeps the seed corpus readable and lets the fuzzer mutate kind and payload apart.

A finding is (a) any exception escaping ``decode_bytes`` or ``read_sources``, (b) a ``Skipped`` with code
``"error"``: that is ``read_path``'s safety net catching a reader bug, which should have been a Skipped
with a precise reason, and (c) an Article whose text the store or spaCy could not take.
"""

from __future__ import annotations

import contextlib
import gzip
import io
import logging
import os
import sys
import tempfile
from pathlib import Path

import atheris

with atheris.instrument_imports(include=["khabar"]):
    from khabar.ingest import read_sources
    from khabar.ingest.decode import Decoded, DecodeError, decode_bytes
    from khabar.model import Article, Skipped

HEADER = 4
PLAIN = (".txt", ".html", ".jsonl", ".json", ".csv", ".xml", ".warc")
KINDS = (*PLAIN, ".gz", ".zst")
CHARSETS = (None, "utf-8", "latin-1", "utf-16", "cp1252", "shift_jis", "koi8-r", "no-such-charset")
# tmpfs when there is one: a file written per input should not wear a disk or wait on it. A folder per input,
# gone after it: libFuzzer ends the process without running atexit handlers.
_SCRATCH = "/dev/shm" if os.path.isdir("/dev/shm") else None


class ReaderFinding(AssertionError):
    """A reader broke its contract; the message holds the reason and the original traceback."""


class _LastError(logging.Handler):
    """Keeps the traceback that ``read_path`` logs when its catch-all turns a reader bug into a Skipped."""

    def __init__(self) -> None:
        super().__init__(logging.ERROR)
        self.text = ""

    def emit(self, record: logging.LogRecord) -> None:
        if record.exc_info:
            self.text = logging.Formatter().formatException(record.exc_info)


_ERRORS = _LastError()
logging.getLogger("khabar.ingest").addHandler(_ERRORS)
logging.getLogger("khabar.ingest").setLevel(logging.ERROR)


def file_bytes(data: bytes) -> tuple[str, bytes]:
    """The file suffix and the bytes to write for one fuzz input (see the module docstring)."""
    kind = KINDS[data[0] % len(KINDS)]
    payload = data[HEADER:]
    if kind not in (".gz", ".zst"):
        return kind, payload
    inner = PLAIN[data[2] % len(PLAIN)]
    mode = data[3] % 3
    if mode == 0:
        return inner + kind, payload
    if kind == ".gz":
        packed = gzip.compress(payload, mtime=0)
    else:
        import zstandard

        packed = zstandard.ZstdCompressor(level=1).compress(payload)
    if mode == 2:
        packed = packed[: len(packed) * data[3] // 256]
    return inner + kind, packed


def check_decode(payload: bytes, charset: str | None) -> None:
    result = decode_bytes(payload, charset=charset)
    if isinstance(result, DecodeError):
        if not result.reason or result.code not in ("binary", "bad-encoding"):
            raise ReaderFinding(f"decode_bytes gave an error without a known code or a reason: {result!r}")
    elif not isinstance(result, Decoded):
        raise ReaderFinding(f"decode_bytes returned {type(result).__name__}")


def check_item(item: object) -> None:
    if isinstance(item, Skipped):
        if not item.reason or not item.code:
            raise ReaderFinding(f"a Skipped without a reason or code: {item!r}")
        if item.code == "error":
            raise ReaderFinding(f"read_path's catch-all fired: {item.reason}\n{_ERRORS.text}")
    elif isinstance(item, Article):
        if not item.text.strip():
            raise ReaderFinding("an Article with no text")
        bad = [ch for ch in item.text if ch == "\x00" or 0xD800 <= ord(ch) <= 0xDFFF]
        if bad:
            raise ReaderFinding(f"an Article whose text holds unstorable characters {bad[:3]!r}")
    else:
        raise ReaderFinding(f"read_sources yielded {type(item).__name__}, not an Article or a Skipped")


def TestOneInput(data: bytes) -> None:
    """One fuzz input (the name atheris and libFuzzer expect): decode it, then read it as a file."""
    if len(data) < HEADER:
        return
    check_decode(data[HEADER:], CHARSETS[data[1] % len(CHARSETS)])
    suffix, content = file_bytes(data)
    with tempfile.TemporaryDirectory(prefix="khabar-fuzz-", dir=_SCRATCH) as scratch:
        path = Path(scratch) / f"input{suffix}"
        path.write_bytes(content)
        with contextlib.redirect_stderr(io.StringIO()):  # warcio prints a warning per damaged record
            items = list(read_sources([path]))
    if not items:
        raise ReaderFinding("read_sources gave nothing for a file: every input must end as Articles or a reason")
    for item in items:
        check_item(item)


def main() -> None:
    atheris.Setup(sys.argv, TestOneInput)
    atheris.Fuzz()


if __name__ == "__main__":
    main()
