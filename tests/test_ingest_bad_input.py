"""Bad input never raises: each kind of broken file ends as a Skipped with a stable code and a reason,
and whatever came before a truncation is kept."""

from __future__ import annotations

import gzip
import json
import os
import tracemalloc
from pathlib import Path

import zstandard

from khabar.ingest import ReadOptions, read_sources
from khabar.model import Article, Skipped

TEXT = "Protesters gathered outside parliament in Kabul on Monday, police said. " * 5


def one(path: Path, **kwargs: object) -> Article | Skipped:
    items = list(read_sources([path], **kwargs))  # type: ignore[arg-type]
    assert len(items) == 1, items
    return items[0]


def skipped(item: Article | Skipped, code: str) -> Skipped:
    assert isinstance(item, Skipped), item
    assert item.code == code, item
    assert item.reason
    return item


def test_empty_and_whitespace_only(tmp_path: Path) -> None:
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "blank.txt").write_bytes(b" \n\t\r\n  \n")
    skipped(one(tmp_path / "empty.txt"), "empty")
    skipped(one(tmp_path / "blank.txt"), "empty")


def test_binary_data(tmp_path: Path) -> None:
    path = tmp_path / "image.txt"
    path.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + os.urandom(2000))
    assert "binary" in skipped(one(path), "binary").reason


def test_too_large_is_refused_without_reading_it(tmp_path: Path) -> None:
    path = tmp_path / "huge.txt"
    with path.open("wb") as out:
        out.truncate(50 * 1024 * 1024)  # sparse 50 MB: reading it would show in tracemalloc
    tracemalloc.start()
    item = one(path)
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    assert "52,428,800 bytes" in skipped(item, "too-large").reason
    assert peak < 5 * 1024 * 1024


def test_too_large_compressed_stops_at_the_limit(tmp_path: Path) -> None:
    path = tmp_path / "huge.txt.gz"
    path.write_bytes(gzip.compress(b"word " * 600_000))  # 3 MB decompressed
    skipped(one(path, options=ReadOptions(max_bytes=1_000_000)), "too-large")


def test_invalid_utf8_uses_declared_charset(tmp_path: Path) -> None:
    path = tmp_path / "latin.html"
    body = f"<p>{TEXT} Café de la Paix in Montréal.</p>" * 3
    head = '<head><meta charset="iso-8859-1"><title>T</title></head>'
    html = f"<html>{head}<body><article>{body}</article></body></html>"
    path.write_bytes(html.encode("latin-1"))
    article = one(path)
    assert isinstance(article, Article) and "Café de la Paix in Montréal" in article.text


def test_invalid_utf8_without_a_usable_charset(tmp_path: Path) -> None:
    path = tmp_path / "broken.txt"
    path.write_bytes(bytes(range(0x80, 0x100)) * 40)
    item = one(path)
    assert isinstance(item, Skipped) and item.code in ("bad-encoding", "binary")
    assert "UTF-8" in item.reason or "binary" in item.reason


def test_legacy_encoding_is_detected(tmp_path: Path) -> None:
    path = tmp_path / "cp1252.txt"
    path.write_bytes(("“Quoted” statement — said the minister. " + TEXT).encode("cp1252"))
    article = one(path)
    assert isinstance(article, Article) and article.text.startswith("“Quoted” statement — said")


def test_malformed_html_gives_no_text(tmp_path: Path) -> None:
    path = tmp_path / "bad.html"
    path.write_bytes(b"<html><<<>>><body><div></span></td></body>")
    skipped(one(path), "no-text")


def test_bad_jsonl_lines_name_their_line_number(tmp_path: Path) -> None:
    path = tmp_path / "a.jsonl"
    lines = [
        json.dumps({"text": TEXT, "url": "https://e.org/1"}),
        "{not json",
        json.dumps({"title": "no text"}),
        json.dumps(["a", "list"]),
        json.dumps({"text": "   "}),
        json.dumps({"text": TEXT, "url": "https://e.org/2"}),
    ]
    path.write_text("\n".join(lines), encoding="utf-8")
    items = list(read_sources([path]))
    assert [type(i).__name__ for i in items] == ["Article"] + ["Skipped"] * 4 + ["Article"]
    codes = [(i.source, i.code) for i in items if isinstance(i, Skipped)]
    assert codes == [
        (f"{path}:2", "bad-json"),
        (f"{path}:3", "bad-json"),
        (f"{path}:4", "bad-json"),
        (f"{path}:5", "empty"),
    ]


def test_an_oversized_jsonl_line_does_not_stop_the_file(tmp_path: Path) -> None:
    path = tmp_path / "a.jsonl"
    big = json.dumps({"text": "x " * 200_000})
    path.write_text(big + "\n" + json.dumps({"text": TEXT}) + "\n", encoding="utf-8")
    items = list(read_sources([path], options=ReadOptions(max_bytes=100_000)))
    assert isinstance(items[0], Skipped) and items[0].code == "too-large" and items[0].source.endswith(":1")
    assert isinstance(items[1], Article)


def test_truncated_gzip_jsonl_keeps_the_lines_before_the_cut(tmp_path: Path) -> None:
    path = tmp_path / "a.jsonl.gz"
    lines = "".join(json.dumps({"text": f"{TEXT} Number {n}.", "url": f"https://e.org/{n}"}) + "\n" for n in range(200))
    data = gzip.compress(lines.encode())
    path.write_bytes(data[: len(data) * 2 // 3])
    items = list(read_sources([path]))
    kept = [i for i in items if isinstance(i, Article)]
    assert 50 < len(kept) < 200
    assert all(a.text.endswith(".") for a in kept)
    last = items[-1]
    assert isinstance(last, Skipped) and last.code == "truncated" and "kept" in last.reason


def test_truncated_zstd_single_article_is_skipped(tmp_path: Path) -> None:
    path = tmp_path / "a.txt.zst"
    data = zstandard.ZstdCompressor().compress((TEXT * 2000).encode())
    path.write_bytes(data[: len(data) // 2])
    skipped(one(path), "truncated")


def test_corrupt_gzip(tmp_path: Path) -> None:
    path = tmp_path / "a.txt.gz"
    data = bytearray(gzip.compress((TEXT * 50).encode()))
    data[20:40] = b"\xff" * 20
    path.write_bytes(bytes(data))
    item = one(path)
    assert isinstance(item, Skipped) and item.code in ("corrupt", "truncated")


def test_truncated_feed_keeps_complete_entries(tmp_path: Path) -> None:
    items_xml = "".join(
        f"<item><title>Story {n}</title><link>https://e.org/{n}</link><description>{TEXT} {n}</description></item>"
        for n in range(5)
    )
    feed = f'<?xml version="1.0"?><rss version="2.0"><channel><title>N</title>{items_xml}</channel></rss>'
    cut = feed.index("<item><title>Story 3") + 80
    path = tmp_path / "feed.rss"
    path.write_text(feed[:cut], encoding="utf-8")
    items = list(read_sources([path]))
    got = [i for i in items if isinstance(i, Article)]
    assert [a.url for a in got] == [f"https://e.org/{n}" for n in range(3)]
    assert [i.code for i in items if isinstance(i, Skipped)] == ["truncated"]


def test_truncated_gzip_feed_reports_the_cut(tmp_path: Path) -> None:
    items_xml = "".join(
        f"<item><title>S{n}</title><link>https://e.org/{n}</link><description>{TEXT} {n}</description></item>"
        for n in range(50)
    )
    feed = f'<?xml version="1.0"?><rss version="2.0"><channel><title>N</title>{items_xml}</channel></rss>'
    data = gzip.compress(feed.encode())
    path = tmp_path / "feed.xml.gz"
    path.write_bytes(data[: len(data) // 2])
    items = list(read_sources([path]))
    assert sum(isinstance(i, Article) for i in items) >= 5
    assert any(isinstance(i, Skipped) and i.code == "truncated" for i in items)


def test_not_a_feed(tmp_path: Path) -> None:
    path = tmp_path / "feed.xml"
    path.write_text("<?xml version='1.0'?><notafeed><x>1</x></notafeed>")
    item = one(path)
    assert isinstance(item, Skipped) and item.code in ("bad-feed", "empty")


def test_bad_warc(tmp_path: Path) -> None:
    path = tmp_path / "a.warc"
    path.write_text("WARC/1.0\r\nthis is not a warc record at all\r\n\r\n")
    items = list(read_sources([path]))
    assert items and all(isinstance(i, Skipped) for i in items)


def test_one_bad_file_does_not_stop_the_batch(tmp_path: Path) -> None:
    (tmp_path / "1.txt").write_text(TEXT)
    (tmp_path / "2.txt").write_bytes(b"\x00\x01\x02")
    (tmp_path / "3.jsonl").write_text("[[[")
    (tmp_path / "4.txt").write_text(TEXT + " Again.")
    items = list(read_sources([tmp_path]))
    assert [type(i).__name__ for i in items] == ["Article", "Skipped", "Skipped", "Article"]


def test_feed_with_undecodable_encoding_name(tmp_path: Path) -> None:
    """Found by fuzz/fuzz_readers.py: feedparser raised on an encoding name that is not UTF-8."""
    path = tmp_path / "f.xml"
    path.write_bytes(b'<?xml version="1.0" encoding="utf-\xd8"?><feed/>')
    [item] = list(read_sources([path]))
    assert isinstance(item, Skipped) and item.code == "bad-feed"
