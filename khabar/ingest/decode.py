"""Bytes to text: UTF-8 first, then the charset the document declares, then a detector; never a guess
that silently garbles the text the extractors will read and every offset will point into.
"""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
_DECLARED = re.compile(
    rb"""(?:<meta[^>]+charset\s*=\s*["']?|<\?xml[^>]+encoding\s*=\s*["'])([A-Za-z0-9_.:-]{2,40})""",
    re.IGNORECASE,
)
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f]")
MAX_CONTROL_SHARE = 0.01


@dataclass(frozen=True)
class Decoded:
    text: str
    encoding: str


@dataclass(frozen=True)
class DecodeError:
    code: str  # "binary" or "bad-encoding"
    reason: str


def declared_charset(data: bytes) -> str | None:
    """The charset an HTML ``<meta>`` or XML declaration names in the first few kilobytes."""
    match = _DECLARED.search(data[:4096])
    if not match:
        return None
    name = match.group(1).decode("ascii", "replace")
    try:
        return codecs.lookup(name).name
    except LookupError:
        return None


def decode_bytes(data: bytes, *, charset: str | None = None) -> Decoded | DecodeError:
    """Decode ``data``; ``charset`` is one declared out of band (an HTTP header in a WARC record)."""
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                return _checked(data.decode(encoding), encoding)
            except UnicodeDecodeError as exc:
                reason = f"the data starts with a {encoding} mark but is not {encoding}: {exc}"
                return DecodeError("bad-encoding", reason)
    if b"\x00" in data[:65536]:
        return DecodeError("binary", "the data contains NUL bytes: it is binary, not text")
    try:
        return _checked(data.decode("utf-8"), "utf-8")
    except UnicodeDecodeError as exc:
        utf8_error = exc
    tried: list[str] = []
    for candidate in (charset, declared_charset(data)):
        if candidate and candidate not in tried:
            tried.append(candidate)
            try:
                return _checked(data.decode(candidate), candidate)
            except (UnicodeDecodeError, LookupError):
                continue
    guess = _detect(data)
    if guess is not None:
        return _checked(guess[0], guess[1])
    declared = f"; the declared charset {', '.join(tried)} did not fit either" if tried else ""
    return DecodeError(
        "bad-encoding",
        f"the data is not valid UTF-8 (byte {utf8_error.start}: {utf8_error.reason}){declared}, "
        "and no charset could be detected; re-encode it as UTF-8 or declare its charset",
    )


def _checked(text: str, encoding: str) -> Decoded | DecodeError:
    sample = text[:65536]
    if sample and len(_CONTROL.findall(sample)) / len(sample) > MAX_CONTROL_SHARE:
        return DecodeError("binary", f"the data decodes as {encoding} but is mostly control characters")
    return Decoded(text, encoding)


def _detect(data: bytes) -> tuple[str, str] | None:
    """charset-normalizer (installed with trafilatura) when available; None when it has no good answer."""
    try:
        from charset_normalizer import from_bytes
    except ImportError:  # pragma: no cover - optional
        return None
    best = from_bytes(data[:1_000_000]).best()
    if best is None or best.encoding is None or best.chaos > 0.2:
        return None
    try:
        return data.decode(best.encoding), best.encoding
    except (UnicodeDecodeError, LookupError):
        return None
