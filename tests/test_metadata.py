"""Article metadata at the door (khabar.metadata, issue 19): what is a publication date, what is a plausible
one, how titles, URLs and outlet names are cleaned; and the Python API's ``Article.new`` applying it."""

from __future__ import annotations

from datetime import date, datetime, timedelta, timezone

import pytest

from khabar.ingest.common import ReadOptions
from khabar.metadata import (
    MAX_TITLE_CHARS,
    MAX_URL_CHARS,
    BadField,
    check_metadata,
    clean_outlet,
    clean_published,
    clean_title,
    clean_url,
)
from khabar.model import Article

TODAY = date(2026, 3, 14)


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2019-11-03", date(2019, 11, 3)),
        ("2019-11-03T08:15:00", date(2019, 11, 3)),
        ("2019-11-03T23:15:00-05:00", date(2019, 11, 3)),  # the outlet's own day, not UTC's
        ("2019-11-03T08:15:00.250Z", date(2019, 11, 3)),
        ("2019-11-03 08:15:00 UTC", date(2019, 11, 3)),
        ("20191103", date(2019, 11, 3)),
        ("Sun, 03 Nov 2019 23:15:00 -0500", date(2019, 11, 3)),  # RFC 822 as RSS writes it
        ("3 Nov 19 08:15 GMT", date(2019, 11, 3)),  # RFC 822's two-digit year
        ("3 November 2019", date(2019, 11, 3)),
        ("November 3rd, 2019", date(2019, 11, 3)),
        ("Sunday, November 3, 2019", date(2019, 11, 3)),
        ("2019/11/03", date(2019, 11, 3)),
        ("23/11/2019", date(2019, 11, 23)),  # only one reading: 23 is no month
        (1572768900, date(2019, 11, 3)),  # Unix seconds from JSON
        (1572768900000, date(2019, 11, 3)),  # and milliseconds
        (datetime(2019, 11, 3, 8, 15, tzinfo=timezone(timedelta(hours=3))), date(2019, 11, 3)),
        (None, None),
        ("  ", None),
    ],
)
def test_dates_in_the_forms_sources_write_them(value: object, expected: date | None) -> None:
    assert clean_published(value, today=TODAY) == expected


@pytest.mark.parametrize(
    ("value", "code", "words"),
    [
        ("2019-14-03", "bad-date", "month must be in 1..12"),
        ("2019-02-29", "bad-date", "day is out of range"),
        ("2019-11-03T24:30", "bad-date", "hour must be in 0..23"),
        ("last Tuesday", "bad-date", "is not a date"),
        ("04/05/2019", "bad-date", "ambiguous"),
        ("2019-11", "bad-date", "not a day"),
        ("Sun, 41 Nov 2019 08:15:00 GMT", "bad-date", "is not a date"),
        (True, "bad-date", "true/false"),
        ({"y": 2019}, "bad-date", "a dict is not a date"),
        ("0001-01-01", "implausible-date", "before 1900"),
        ("1899-12-31", "implausible-date", "before 1900"),
        ("9999-12-31", "implausible-date", "more than a day after the ingest"),
        ("2026-03-16", "implausible-date", "more than a day after the ingest"),
    ],
)
def test_dates_refused_with_the_field_the_value_and_why(value: object, code: str, words: str) -> None:
    with pytest.raises(BadField) as refused:
        clean_published(value, field="pubDate", today=TODAY)
    assert refused.value.code == code
    message = str(refused.value)
    assert message.startswith("pubDate ") and repr(value)[:20] in message and words in message


def test_the_window_is_1900_to_a_day_after_the_ingest() -> None:
    assert clean_published("1900-01-01", today=TODAY) == date(1900, 1, 1)
    assert clean_published("2026-03-15", today=TODAY) == date(2026, 3, 15)  # UTC+14 is a day ahead


def test_titles_outlets_and_urls_are_cleaned() -> None:
    assert clean_title("  Floods\n\tclose \u202eroads\x00 in\u00a0the   north ") == "Floods close roads in the north"
    assert clean_title("\ud800Lone") == "\ufffdLone"  # a JSON escape of half a character
    assert clean_title(" \x07 ") is None
    assert clean_outlet(" The\nDaily  Courier ") == "The Daily Courier"
    assert clean_url(" https://news.example/a/\nb?x=1\t ") == "https://news.example/a/b?x=1"
    assert clean_url("test:local-1") == "test:local-1"  # not every id is http; only scripts are refused


def test_overlong_fields_and_script_links_are_refused() -> None:
    with pytest.raises(BadField, match="over the limit") as long_title:
        clean_title("word " * MAX_TITLE_CHARS)
    assert long_title.value.code == "bad-title"
    with pytest.raises(BadField, match="over the limit"):
        clean_url("https://news.example/" + "a" * MAX_URL_CHARS)
    for script in ("javascript:alert(1)", " JavaScript:void(0)", "data:text/html,<b>x</b>"):
        with pytest.raises(BadField, match="script") as bad:
            clean_url(script)
        assert bad.value.code == "bad-url"


def test_check_metadata_keeps_the_good_fields_and_reports_the_bad() -> None:
    meta, warnings = check_metadata(
        "in.jsonl:7", published="2019-13-01", url="https://news.example/x", title="Storm", today=TODAY
    )
    assert (meta.published, meta.url, meta.title) == (None, "https://news.example/x", "Storm")
    [warning] = warnings
    assert (warning.source, warning.field, warning.code) == ("in.jsonl:7", "published", "bad-date")
    assert "'2019-13-01'" in warning.message


def test_article_new_converts_a_date_string_or_raises_with_the_value() -> None:
    text = "Flood water closed the coastal road on Sunday, the regional council said."
    assert Article.new(text, published="2016-10-12").published == date(2016, 10, 12)
    assert Article.new(text, published="Wed, 12 Oct 2016 09:00:00 GMT").published == date(2016, 10, 12)
    stamped = Article.new(text, published=datetime(2016, 10, 12, 9, 0))
    assert type(stamped.published) is date  # a datetime would leak a time into the Report's JSON
    for bad in ("2016-13-12", "0001-01-01", "9999-12-31", "Tuesday"):
        with pytest.raises(ValueError, match=bad):
            Article.new(text, published=bad)
    with pytest.raises(ValueError, match="over the limit"):
        Article.new(text, title="x" * (MAX_TITLE_CHARS + 1))
    assert Article.new(text, title=" Coast\nroad ").title == "Coast road"


def test_the_url_is_cleaned_before_it_makes_the_id() -> None:
    text = "Flood water closed the coastal road on Sunday, the regional council said."
    assert Article.new(text, url=" https://news.example/a\n").id == Article.new(text, url="https://news.example/a").id


def test_a_fallback_date_is_checked_once() -> None:
    with pytest.raises(ValueError, match="before 1900"):
        ReadOptions(published=date(1850, 1, 1))
