"""Property tests (Hypothesis) of the byte-level readers: for any bytes, ``decode_bytes`` answers with text
or a reason and never raises; UTF-8 text comes back exactly; and a JSON line, whatever it holds, ends as
an Article whose text every store and spaCy can take, or as a Skipped with a code."""

from __future__ import annotations

import json

import pytest

hypothesis = pytest.importorskip("hypothesis")
from hypothesis import given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

from khabar.ingest import ReadOptions  # noqa: E402
from khabar.ingest.decode import MAX_CONTROL_SHARE, Decoded, DecodeError, decode_bytes  # noqa: E402
from khabar.ingest.jsonl import record_article  # noqa: E402
from khabar.model import Article, Skipped  # noqa: E402

FAST = settings(max_examples=150, deadline=None, database=None)  # no .hypothesis/ folder in the repo


def unstorable(text: str) -> bool:
    return any(ch == "\x00" or 0xD800 <= ord(ch) <= 0xDFFF for ch in text)


@FAST
@given(st.binary(max_size=2048), st.sampled_from([None, "utf-8", "latin-1", "utf-16", "bogus", "cp1252"]))
def test_decode_never_raises(data: bytes, charset: str | None) -> None:
    result = decode_bytes(data, charset=charset)
    if isinstance(result, DecodeError):
        assert result.code in ("binary", "bad-encoding") and result.reason
    else:
        assert isinstance(result, Decoded) and result.encoding
        assert not any(0xD800 <= ord(ch) <= 0xDFFF for ch in result.text), "a decoder let a lone surrogate in"


@FAST
@given(st.text(alphabet=st.characters(exclude_categories=["Cs"], exclude_characters="\x00"), max_size=2000))
def test_utf8_text_comes_back_exactly(text: str) -> None:
    result = decode_bytes(text.encode("utf-8"))
    sample = text[:65536]
    controls = sum(ch in "\x01\x02\x03\x04\x05\x06\x07\x08\x0b\x0e\x0f\x7f" or "\x10" <= ch <= "\x1f" for ch in sample)
    if text.startswith("\ufeff") or (sample and controls / len(sample) > MAX_CONTROL_SHARE):
        return  # a leading BOM is read as a mark; mostly-control text is refused as binary
    assert isinstance(result, Decoded) and result.text == text


@FAST
@given(
    st.recursive(
        st.none() | st.booleans() | st.integers() | st.floats() | st.text(),
        lambda inner: (
            st.lists(inner, max_size=4)
            | st.dictionaries(st.sampled_from(["text", "url", "title", "published", "x"]), inner, max_size=5)
        ),
        max_leaves=12,
    )
)
def test_any_json_line_is_an_article_or_a_reason(record: object) -> None:
    line = json.dumps(record, ensure_ascii=True).encode()
    item = record_article(line, "t.jsonl:1", ReadOptions())
    if isinstance(item, Skipped):
        assert item.code and item.reason
    else:
        assert isinstance(item, Article) and item.text.strip()
        assert not unstorable(item.text + (item.title or "") + (item.url or ""))
