"""Each reader kind, plain and compressed, turns a well-formed source into the expected Articles."""

from __future__ import annotations

import gzip
import json
from datetime import date
from pathlib import Path

import pytest
import zstandard

from khabar.ingest import read_sources
from khabar.model import Article, Skipped

BODY = (
    "Taliban fighters captured the Islam Qala border crossing on Thursday, officials said. "
    "The Afghan government asked Iran to return soldiers who fled across the border. "
) * 4

HTML = f"""<!DOCTYPE html><html><head><meta charset="utf-8"><title>Crossing seized</title>
<meta property="article:published_time" content="2021-07-09T10:00:00Z"></head>
<body><nav>Home | World</nav><article><h1>Crossing seized</h1><p>{BODY}</p>
<p>{BODY}</p></article><footer>Copyright</footer></body></html>"""

RSS = f"""<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>News</title>
<item><title>First story</title><link>https://example.org/a</link>
<pubDate>Fri, 09 Jul 2021 10:00:00 GMT</pubDate><description>&lt;p&gt;{BODY}&lt;/p&gt;</description></item>
<item><title>Second story</title><link>https://example.org/b</link>
<pubDate>Sat, 10 Jul 2021 10:00:00 GMT</pubDate><description>Second body text here.</description></item>
</channel></rss>"""

ATOM = f"""<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom"><title>N</title>
<entry><title>Atom story</title><link href="https://example.org/atom1"/><id>1</id>
<published>2021-07-11T00:00:00Z</published><content type="html">&lt;p&gt;{BODY}&lt;/p&gt;</content></entry>
</feed>"""


def articles(items: list[Article | Skipped]) -> list[Article]:
    return [i for i in items if isinstance(i, Article)]


def test_plain_text_takes_title_and_date_from_the_caller(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_text("  \r\n" + BODY + "\r\n\r\n\r\n\r\nEnd.\n", encoding="utf-8")
    [article] = list(read_sources([path], published=date(2021, 7, 9), title="Crossing"))
    assert isinstance(article, Article)
    assert article.title == "Crossing" and article.published == date(2021, 7, 9)
    assert article.text.startswith("Taliban") and "\r" not in article.text and "\n\n\n" not in article.text
    assert article.id == Article.make_id(article.text)
    assert article.url is None


def test_html_uses_trafilatura_text_and_page_date(tmp_path: Path) -> None:
    path = tmp_path / "page.html"
    path.write_text(HTML, encoding="utf-8")
    [article] = list(read_sources([path]))
    assert isinstance(article, Article), article
    assert "Islam Qala" in article.text
    assert "Copyright" not in article.text and "Home | World" not in article.text
    assert article.title == "Crossing seized"
    assert article.published == date(2021, 7, 9)


def test_jsonl_fields_map_to_the_article(tmp_path: Path) -> None:
    path = tmp_path / "a.jsonl"
    rows = [
        {"id": "x1", "url": "https://www.example.org/1", "title": "One", "published": "2021-07-09", "text": BODY},
        {
            "id": "x2",
            "url": "https://example.org/2",
            "title": "Two",
            "published": "2021-07-10T08:00:00Z",
            "text": BODY + " More.",
        },
    ]
    path.write_text("\n".join(json.dumps(r) for r in rows) + "\n\n", encoding="utf-8")
    got = articles(list(read_sources([path])))
    assert [a.title for a in got] == ["One", "Two"]
    assert [a.published for a in got] == [date(2021, 7, 9), date(2021, 7, 10)]
    assert got[0].outlet == "example.org"
    assert got[0].id == Article.make_id(BODY.strip(), "https://www.example.org/1")


def test_json_array_file(tmp_path: Path) -> None:
    path = tmp_path / "a.json"
    path.write_text(json.dumps([{"text": BODY, "url": "https://e.org/1"}, {"text": "Another text."}]))
    assert len(articles(list(read_sources([path])))) == 2


def test_csv_with_wikinews_columns(tmp_path: Path) -> None:
    path = tmp_path / "w.csv"
    path.write_text(
        'url,date,title,text\nhttps://en.wikinews.org/wiki/A,2019-01-04,A title,"Line one.\nLine two."\n',
        encoding="utf-8",
    )
    [article] = list(read_sources([path]))
    assert isinstance(article, Article)
    assert article.text == "Line one.\nLine two." and article.published == date(2019, 1, 4)
    assert article.outlet == "en.wikinews.org"


@pytest.mark.parametrize("feed,count", [(RSS, 2), (ATOM, 1)])
def test_feeds_give_one_article_per_entry(tmp_path: Path, feed: str, count: int) -> None:
    path = tmp_path / "feed.xml"
    path.write_text(feed, encoding="utf-8")
    got = articles(list(read_sources([path])))
    assert len(got) == count
    assert got[0].url is not None and got[0].url.startswith("https://example.org/")
    assert got[0].published is not None and got[0].published.year == 2021
    assert "Islam Qala" in got[0].text and "<p>" not in got[0].text


def test_warc_html_responses_become_articles(tmp_path: Path) -> None:
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    path = tmp_path / "crawl.warc.gz"
    with path.open("wb") as out:
        writer = WARCWriter(out, gzip=True)
        for url, ctype, status, payload in [
            ("https://example.org/story", "text/html; charset=utf-8", "200 OK", HTML.encode()),
            ("https://example.org/logo.png", "image/png", "200 OK", b"\x89PNG\r\n"),
            ("https://example.org/gone", "text/html", "404 Not Found", b"<html>gone</html>"),
        ]:
            headers = StatusAndHeaders(status, [("Content-Type", ctype)], protocol="HTTP/1.1")
            writer.write_record(
                writer.create_warc_record(url, "response", payload=_bytes_io(payload), http_headers=headers)
            )
    items = list(read_sources([path]))
    got = articles(items)
    assert [a.url for a in got] == ["https://example.org/story"]
    assert got[0].outlet == "example.org" and "Islam Qala" in got[0].text
    assert [s.code for s in items if isinstance(s, Skipped)] == ["http-error"]


@pytest.mark.parametrize("compress", [gzip.compress, zstandard.ZstdCompressor().compress])
@pytest.mark.parametrize("name", ["a.txt", "a.jsonl", "a.html", "feed.rss"])
def test_compressed_versions_read_like_plain_ones(tmp_path: Path, compress: object, name: str) -> None:
    content = {
        "a.txt": BODY,
        "a.jsonl": json.dumps({"text": BODY, "url": "https://e.org/x"}),
        "a.html": HTML,
        "feed.rss": RSS,
    }[name].encode()
    plain = tmp_path / name
    plain.write_bytes(content)
    suffix = ".gz" if compress is gzip.compress else ".zst"
    packed = tmp_path / "packed" / (name + suffix)
    packed.parent.mkdir()
    packed.write_bytes(compress(content))  # type: ignore[operator]
    expected = [a.id for a in articles(list(read_sources([plain])))]
    assert expected
    assert [a.id for a in articles(list(read_sources([packed])))] == expected


def test_folders_and_globs_expand_once_each(tmp_path: Path) -> None:
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "b.txt").write_text("Second article text.")
    (tmp_path / "a.txt").write_text("First article text.")
    (tmp_path / ".hidden.txt").write_text("Hidden text.")
    items = list(read_sources([tmp_path, str(tmp_path / "*.txt"), str(tmp_path / "nothing*.txt")]))
    texts = [i.text for i in items if isinstance(i, Article)]
    assert texts == ["First article text.", "Second article text."]
    assert [i.code for i in items if isinstance(i, Skipped)] == ["missing"]


def test_unknown_extension_is_sniffed(tmp_path: Path) -> None:
    path = tmp_path / "download.bin"
    path.write_text(HTML)
    [article] = list(read_sources([path]))
    assert isinstance(article, Article) and article.title == "Crossing seized"


def _bytes_io(data: bytes) -> object:
    import io

    return io.BytesIO(data)


def test_text_file_headline_becomes_the_title(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_text("Rebels seize border town\n\nRebels seized the town on Friday, officials said.\n")
    [article] = list(read_sources([path]))
    assert isinstance(article, Article) and article.title == "Rebels seize border town"
    path.write_text("Rebels seized the town on Friday, officials said.\nMore text.\n")
    [article] = list(read_sources([path]))
    assert isinstance(article, Article) and article.title is None
