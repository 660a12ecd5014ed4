"""Time expressions: recognition, normalisation against the publication date, and how events get dates."""

from __future__ import annotations

from datetime import date

import pytest

from khabar.extractors.time import find_times, normalise, when_for_event
from khabar.model import Span

PUBLISHED = date(2021, 7, 9)  # a Friday, the founding article's date


def test_founding_article_expressions(founding_text: str) -> None:
    found = {w.text: w for w in find_times(founding_text, PUBLISHED)}
    week = found["Earlier this week"]
    assert (week.earliest, week.latest, week.precision, week.value) == (
        date(2021, 7, 5),
        date(2021, 7, 8),
        "week",
        "2021-W27",
    )
    assert (found["Friday"].earliest, found["Friday"].precision) == (date(2021, 7, 9), "day")
    assert (found["Thursday"].earliest, found["Thursday"].latest) == (date(2021, 7, 8), date(2021, 7, 8))
    for word in ("Recently", "Earlier"):
        assert (found[word].earliest, found[word].latest, found[word].precision) == (None, PUBLISHED, "before")
    assert found["09 July, 2021"].value == "2021-07-09"
    assert not any("min" in text or "20 million" in text for text in found), "'2 min read' and '$20 million'"


@pytest.mark.parametrize(
    ("phrase", "value", "earliest", "latest", "precision"),
    [
        ("on Friday", "2021-07-09", date(2021, 7, 9), date(2021, 7, 9), "day"),
        ("last month", "2021-06", date(2021, 6, 1), date(2021, 6, 30), "month"),
        ("in mid-July", "2021-07", date(2021, 7, 1), date(2021, 7, 31), "month"),
        ("two days ago", "2021-07-07", date(2021, 7, 7), date(2021, 7, 7), "day"),
        ("on the night of 3 July", "2021-07-03", date(2021, 7, 3), date(2021, 7, 3), "day"),
        ("the first quarter of 2009", "2009-Q1", date(2009, 1, 1), date(2009, 3, 31), "quarter"),
        ("last September", "2020-09", date(2020, 9, 1), date(2020, 9, 30), "month"),
        ("in 2014", "2014", date(2014, 1, 1), date(2014, 12, 31), "year"),
        ("in the summer of 2008", "2008-SU", date(2008, 6, 1), date(2008, 8, 31), "season"),
        ("in the 1990s", "199", date(1990, 1, 1), date(1999, 12, 31), "decade"),
        ("yesterday", "2021-07-08", date(2021, 7, 8), date(2021, 7, 8), "day"),
        ("for nearly five months", "P5M", None, None, "duration"),
        ("a week ago", "2021-07-02", date(2021, 7, 2), date(2021, 7, 2), "day"),
        ("June 13, 2005", "2005-06-13", date(2005, 6, 13), date(2005, 6, 13), "day"),
        ("7/8/07", "2007-07-08", date(2007, 7, 8), date(2007, 7, 8), "day"),
    ],
)
def test_normalise(phrase: str, value: str, earliest: date | None, latest: date | None, precision: str) -> None:
    when = normalise(phrase, PUBLISHED)
    assert when is not None and when.span is not None
    assert (when.value, when.earliest, when.latest, when.precision) == (value, earliest, latest, precision)
    assert phrase[when.span.start : when.span.end] == when.text


def test_tense_picks_the_reading() -> None:
    """A weekday in a past clause is the one before; in a future clause the one after."""
    past = find_times("The ministry said on Tuesday that talks had failed.", PUBLISHED)
    future = find_times("The delegations will meet again on Tuesday.", PUBLISHED)
    assert past[0].earliest == date(2021, 7, 6)
    assert future[0].earliest == date(2021, 7, 13)
    reported = find_times("Apple announced Friday that it will give owners a free case.", PUBLISHED)
    assert reported[0].earliest == date(2021, 7, 9)


def test_undated_text_is_read_against_its_dateline() -> None:
    text = "Markets fall\nOctober 10, 2008\nShares fell sharply on Thursday and again today."
    found = {w.text: w for w in find_times(text, None)}
    assert found["Thursday"].earliest == date(2008, 10, 9)
    assert found["today"].earliest == date(2008, 10, 10) and found["today"].anchor == "dateline"


def test_the_day_takes_the_last_day_named() -> None:
    text = "On Monday the index fell 3%, and it ended the day at 7,114."
    found = {w.text: w for w in find_times(text, date(2009, 2, 24))}
    assert found["the day"].earliest == found["Monday"].earliest == date(2009, 2, 23)


def test_numbers_that_are_not_times() -> None:
    texts = ["The gateway generates $2010 a day.", "He bought 2,000 shares.", "Turnout was 2012 percent."]
    for text in texts:
        assert all(w.value != "2010" and w.value != "2012" for w in find_times(text, PUBLISHED)), text


def test_event_dating_rule() -> None:
    text = "Earlier this week, fighters seized the town. The army said it would retake it. Officials confirmed."
    times = find_times(text, PUBLISHED)
    first = Span.of(text, 0, text.index(".") + 1)
    seized = text.index("seized")
    when = when_for_event(times, first, Span.of(text, seized, seized + 6), PUBLISHED)
    assert (when.text, when.anchor) == ("Earlier this week", "sentence")
    third_start = text.index("Officials")
    third = Span.of(text, third_start, len(text))
    when = when_for_event(times, third, Span.of(text, third_start + 10, third_start + 19), PUBLISHED)
    assert (when.text, when.anchor, when.precision) == ("Earlier this week", "preceding", "week")
    when = when_for_event((), third, Span.of(text, third_start + 10, third_start + 19), PUBLISHED)
    assert (when.span, when.precision, when.earliest, when.latest) == (None, "reported", PUBLISHED, PUBLISHED)


def test_past_events_are_never_dated_after_publication() -> None:
    text = "Rebels attacked the base this week, and later this month the army struck back next year."
    times = find_times(text, PUBLISHED)
    sentence = Span.of(text, 0, len(text))
    for when in times:
        assert when.span is not None
        dated = when_for_event([when], sentence, when.span, PUBLISHED, past=True)
        assert dated.latest is None or dated.latest <= PUBLISHED, when.text
        assert dated.earliest is None or dated.earliest <= PUBLISHED, when.text


def test_every_span_is_its_text(founding_text: str) -> None:
    for when in find_times(founding_text, PUBLISHED):
        assert when.span is not None and founding_text[when.span.start : when.span.end] == when.text


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Neanderthals lived there 10,000 years ago.", [("10,000 years ago", "BC7980")]),
        ("Rocky Linux plans a release in Q2.", [("Q2", "2021-Q2")]),
        ("It took 1,500 days, or 2.5 years.", [("1,500 days", "P1500D"), ("2.5 years", "P2.5Y")]),
    ],
)
def test_real_news_that_once_broke_the_rules(text: str, expected: list[tuple[str, str]]) -> None:
    """Each of these raised inside the extractor on a Wikinews article (year out of range, missing group)."""
    assert [(w.text, w.value) for w in find_times(text, PUBLISHED)] == expected
