"""Bad metadata says so (issue 19), through ``khabar ingest`` with the real pipeline and through the Python
API: a refused date, title or URL leaves its field empty and is counted and listed as a warning (a skip
with ``--strict``); records of one text with different dates keep the earliest, and re-running adds nothing.
"""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

import khabar
from khabar.ingest.cli import ingest_command
from khabar.model import Article, Report, Skipped
from khabar.store import open_store

# Sentences written for these tests; each is its own article.
FLOOD = "Flood water closed the coastal road near the harbour on Sunday, the regional council said."
STRIKE = "Dock workers walked off the job at the northern port on Monday over unpaid wages, their union said."
TALKS = "The two foreign ministers met in Vienna on Friday to discuss a prisoner exchange, diplomats said."
FIRE = "A fire destroyed part of the central market overnight and three traders were hurt, police said."
BLOCKADE = "Farmers blocked the main highway with tractors on Wednesday to protest fuel prices, officials said."
FILLER = [
    f"Officials in district {n} reopened {n} schools after the storm on Tuesday, the ministry said." for n in range(20)
]


@pytest.fixture(autouse=True)
def _pipeline(pipeline: Any) -> None:
    """The session's pipeline is loaded once; the command below then finds it built."""


def ingest(db: Path, *args: str) -> tuple[int, str, dict[str, Any]]:
    """Run ``khabar ingest`` as a user would; its exit code, its stderr lines and its JSON summary."""
    done = CliRunner().invoke(ingest_command, [*args, "--db", str(db), "--quiet", "--json"])
    assert done.exception is None or isinstance(done.exception, SystemExit), done.exception
    figures = json.loads(done.stdout.strip().splitlines()[-1])
    return done.exit_code, done.stderr, figures


def stored(db: Path) -> dict[str, Report]:
    """The stored Reports by their article's text."""
    with open_store(db) as store:
        return {r.article.text: r for r in store.reports()}


def jsonl(path: Path, *records: dict[str, Any]) -> Path:
    path.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    return path


def test_jsonl_refused_dates_and_title_are_warnings_and_the_articles_are_kept(tmp_path: Path) -> None:
    source = jsonl(
        tmp_path / "news.jsonl",
        {"text": FLOOD, "published": "2020-13-45"},
        {"text": STRIKE, "published": "0001-01-01"},
        {"text": TALKS, "date": "9999-12-31"},
        {"text": FIRE, "published": "Sun, 12 Jan 2020 18:00:00 GMT", "title": "Market " * 300},
        {"text": BLOCKADE, "published": "2020-01-15T09:00:00+03:00", "url": "javascript:alert(1)"},
    )
    code, stderr, figures = ingest(tmp_path / "k.db", str(source))
    assert code == 0, stderr  # warnings are not failures
    assert figures["inserted"] == 5 and figures["skipped"] == 0
    assert figures["warnings"] == {"implausible-date": 2, "bad-date": 1, "bad-title": 1, "bad-url": 1}
    assert f"{source}:1: published '2020-13-45': is not a date: month must be in 1..12 [bad-date]" in stderr
    assert f"{source}:2: published '0001-01-01': 0001-01-01 is before 1900" in stderr
    assert f"{source}:3: date '9999-12-31': 9999-12-31 is more than a day after the ingest" in stderr
    reports = stored(tmp_path / "k.db")
    assert [reports[t].article.published for t in (FLOOD, STRIKE, TALKS)] == [None, None, None]
    assert reports[FIRE].article.published == date(2020, 1, 12) and reports[FIRE].article.title is None
    assert reports[BLOCKADE].article.published == date(2020, 1, 15) and reports[BLOCKADE].article.url is None
    # relative dates are read against no date rather than against year 1 or 9999
    years = {t.earliest.year for r in reports.values() for t in r.times if t.earliest is not None}
    assert years <= {2020}, years


def test_strict_turns_the_warnings_into_skips(tmp_path: Path) -> None:
    source = jsonl(
        tmp_path / "news.jsonl",
        {"text": FLOOD, "published": "2020-13-45"},
        {"text": STRIKE, "published": "1850-06-01"},
        {"text": TALKS, "published": "2020-01-17"},
    )
    code, stderr, figures = ingest(tmp_path / "k.db", str(source), "--strict")
    assert code == 3
    assert figures["skip_codes"] == {"bad-date": 1, "implausible-date": 1} and figures["warnings"] == {}
    assert f"{source}:2: published '1850-06-01': 1850-06-01 is before 1900" in stderr and "--strict" in stderr
    assert list(stored(tmp_path / "k.db")) == [TALKS]


def test_csv_rows_name_their_row(tmp_path: Path) -> None:
    source = tmp_path / "news.csv"
    source.write_text(
        f'text,published,title\n"{FLOOD}",2019-02-29,Flood\n"{STRIKE}",03 Feb 2019,"Dock\nstrike"\n', encoding="utf-8"
    )
    code, stderr, figures = ingest(tmp_path / "k.db", str(source))
    assert code == 0 and figures["warnings"] == {"bad-date": 1}
    assert f"{source}:row 2: published '2019-02-29': is not a date: day is out of range for month" in stderr
    reports = stored(tmp_path / "k.db")
    assert reports[FLOOD].article.published is None and reports[FLOOD].article.title == "Flood"
    assert reports[STRIKE].article.published == date(2019, 2, 3) and reports[STRIKE].article.title == "Dock strike"


def test_feed_dates_as_written_checked_like_any_other(tmp_path: Path) -> None:
    items = [
        ("https://news.example/1", "Sun, 45 Jan 2020 10:00:00 GMT", FLOOD),
        ("https://news.example/2", "Sat, 01 Jan 1870 10:00:00 GMT", STRIKE),
        ("https://news.example/3", "Sun, 12 Jan 2020 22:30:00 -0500", TALKS),  # 03:30 on the 13th in UTC
    ]
    body = "".join(
        f"<item><title>T{n}</title><link>{link}</link><pubDate>{when}</pubDate><description>{text}</description></item>"
        for n, (link, when, text) in enumerate(items)
    )
    source = tmp_path / "feed.xml"
    source.write_text(f'<?xml version="1.0"?><rss version="2.0"><channel><title>N</title>{body}</channel></rss>')
    code, stderr, figures = ingest(tmp_path / "k.db", str(source))
    assert code == 0 and figures["warnings"] == {"bad-date": 1, "implausible-date": 1}, stderr
    assert f"{source}#entry 1: published 'Sun, 45 Jan 2020 10:00:00 GMT': is not a date" in stderr
    assert f"{source}#entry 2: published 'Sat, 01 Jan 1870 10:00:00 GMT': 1870-01-01 is before 1900" in stderr
    reports = stored(tmp_path / "k.db")
    assert reports[FLOOD].article.published is None and reports[STRIKE].article.published is None
    assert reports[TALKS].article.published == date(2020, 1, 12)  # the outlet's own day


def test_html_meta_dates_name_their_line(tmp_path: Path) -> None:
    paragraphs = "".join(f"<p>{t}</p>" for t in (FLOOD, STRIKE, TALKS))
    page = (
        '<!DOCTYPE html>\n<html><head><meta charset="utf-8">\n<title>Coast road closed</title>\n'
        '<meta property="article:published_time" content="9999-12-31T00:00:00Z">\n'
        f"</head><body><article><h1>Coast road closed</h1>{paragraphs}</article></body></html>"
    )
    bad = tmp_path / "bad.html"
    bad.write_text(page, encoding="utf-8")
    good = tmp_path / "good.html"
    good.write_text(page.replace("9999-12-31T00:00:00Z", "2020-01-12T20:00:00+05:30").replace(FLOOD, FIRE))
    code, stderr, figures = ingest(tmp_path / "k.db", str(bad), str(good))
    assert code == 0 and figures["warnings"] == {"implausible-date": 1}, stderr
    assert f"{bad}:4: article:published_time '9999-12-31T00:00:00Z': 9999-12-31 is more than a day" in stderr
    by_date = sorted(str(r.article.published) for r in stored(tmp_path / "k.db").values())
    assert by_date == ["2020-01-12", "None"]


def test_one_text_with_different_dates_keeps_the_earliest(tmp_path: Path) -> None:
    """In one chunk, across chunks (the first copy already stored), and across runs; reruns add nothing."""
    db = tmp_path / "k.db"
    filler = [{"text": t, "published": "2020-02-01"} for t in FILLER]
    source = jsonl(
        tmp_path / "a.jsonl",
        {"text": FLOOD, "published": "2020-01-14"},
        {"text": FLOOD, "published": "2020-01-13"},  # same chunk: replaces the copy before extraction
        *filler,
        {"text": FLOOD, "published": "2020-01-12"},  # a later chunk: extracted again, replaces the Report
        {"text": FLOOD, "published": "2020-01-20"},  # later than the one kept: only said
        {"text": FLOOD},  # no date: a plain duplicate
    )
    code, stderr, first = ingest(db, str(source))
    assert code == 0, stderr
    assert first["warnings"] == {"date-conflict": 3}
    assert "published '2020-01-14': dropped: the same text also came dated 2020-01-13" in stderr
    assert "published '2020-01-20': dropped: the same text also came dated 2020-01-12" in stderr
    assert f"article {Article.new(FLOOD).id} ('Flood water" in stderr  # no URL: its id and opening words
    assert first["read"] == 25 and first["inserted"] == 21 and first["replaced"] == 1
    assert first["extracted"] + first["duplicates"] + first["already_stored"] == first["read"]
    assert stored(db)[FLOOD].article.published == date(2020, 1, 12)
    with open_store(db) as store:
        counts = store.counts()

    code, _, again = ingest(db, str(source))
    assert (again["inserted"], again["replaced"], again["extracted"]) == (0, 0, 0)
    with open_store(db) as store:
        assert store.counts() == counts

    earlier = jsonl(tmp_path / "b.jsonl", {"text": FLOOD, "published": "2020-01-05"})
    code, stderr, third = ingest(db, str(earlier))
    assert third["replaced"] == 1 and third["warnings"] == {"date-conflict": 1}
    assert "published '2020-01-12': dropped: the same text also came dated 2020-01-05" in stderr
    later = jsonl(tmp_path / "c.jsonl", {"text": FLOOD, "published": "2020-03-01"})
    code, _, fourth = ingest(db, str(later))
    assert fourth["already_stored"] == 1 and fourth["extracted"] == 0 and fourth["warnings"] == {"date-conflict": 1}
    assert stored(db)[FLOOD].article.published == date(2020, 1, 5)
    with open_store(db) as store:
        assert store.counts() == counts  # one article, its events replaced, never doubled


def test_force_extracts_again_but_keeps_the_earliest_stored_date(tmp_path: Path) -> None:
    db = tmp_path / "k.db"
    ingest(db, str(jsonl(tmp_path / "a.jsonl", {"text": TALKS, "published": "2020-01-10"})))
    code, stderr, figures = ingest(db, str(jsonl(tmp_path / "b.jsonl", {"text": TALKS, "published": "2020-01-17"})),
                                   "--force")  # fmt: skip
    assert code == 0 and figures["extracted"] == 1 and figures["warnings"] == {"date-conflict": 1}, stderr
    assert stored(db)[TALKS].article.published == date(2020, 1, 10)


def test_a_stored_undated_article_takes_a_date_given_later(tmp_path: Path) -> None:
    db = tmp_path / "k.db"
    ingest(db, str(jsonl(tmp_path / "a.jsonl", {"text": STRIKE})))
    code, _, figures = ingest(db, str(jsonl(tmp_path / "b.jsonl", {"text": STRIKE, "published": "2020-01-13"})))
    assert code == 0 and figures["replaced"] == 1 and figures["warnings"] == {}
    assert stored(db)[STRIKE].article.published == date(2020, 1, 13)


def test_an_implausible_fallback_date_is_refused_by_the_command(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(FLOOD)
    done = CliRunner().invoke(ingest_command, [str(tmp_path / "a.txt"), "--db", str(tmp_path / "k.db"),
                                               "--published", "1066-10-14"])  # fmt: skip
    assert done.exit_code == 2 and "1066-10-14 is before 1900" in done.output


def test_python_api_converts_date_strings(pipeline: Any) -> None:
    """``Article.new`` takes a date string, so ``extract_batch`` no longer fails comparing date and str."""
    articles = [
        Article.new(FLOOD, published="2016-10-12"),
        Article.new(STRIKE, published="Wed, 12 Oct 2016 08:00:00 GMT"),
    ]
    results = list(khabar.extract_batch(articles))
    assert all(isinstance(r, Report) for r in results), [r for r in results if isinstance(r, Skipped)]
    assert [r.article.published for r in results if isinstance(r, Report)] == [date(2016, 10, 12)] * 2
    report = khabar.extract(TALKS, published="2016-10-14")
    assert report.article.published == date(2016, 10, 14)
    with pytest.raises(ValueError, match="'2020-13-45'"):
        khabar.extract(TALKS, published="2020-13-45")
    with pytest.raises(ValueError, match="before 1900"):
        khabar.extract(TALKS, published="0001-01-01")
