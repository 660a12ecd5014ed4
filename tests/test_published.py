"""Undated articles (issue 15): a publication date inferred from the URL, the dateline or the text, flagged
as inferred; and actor roles never taken from "now"."""

from __future__ import annotations

from datetime import date

import pytest

from khabar.kb.actors import actor_dictionary
from khabar.model import Article, Report
from khabar.published import from_text, from_url, infer_published, with_published


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("https://news.example/world/2021/07/09/story.html", date(2021, 7, 9)),
        ("https://news.example/world/2019/jun/30/summit", date(2019, 6, 30)),
        ("https://news.example/asia/20220709-protest", date(2022, 7, 9)),
        ("https://news.example/2022-11-11/kherson", date(2022, 11, 11)),
        ("https://news.example/story/123456789", None),  # a number is no date
        ("https://news.example/2021/13/40/x", None),  # no such day
        ("https://20210709.news.example/story", None),  # a date in the host name is not the publication
        (None, None),
    ],
)
def test_dates_in_urls(url: str | None, expected: date | None) -> None:
    assert from_url(url) == expected


def test_the_latest_past_date_of_the_text() -> None:
    text = ("Talks began on 3 March 2020. The second round ended on March 9, 2020 without a deal. "
            "A vote will be held on 5 September 2020.")  # fmt: skip
    assert from_text(text) == date(2020, 3, 9)  # the future vote says nothing about when this was written
    assert from_text("The talks ended on Friday.") is None  # no absolute date


def test_inference_order_and_flag() -> None:
    text = "GENEVA, March 12, 2020. Delegates met on 11 March 2020 to discuss the ceasefire."
    assert infer_published(Article.new(text, url="https://x.example/2020/03/13/talks")) == (date(2020, 3, 13), "url")
    assert infer_published(Article.new(text)) == (date(2020, 3, 12), "dateline")
    body = "Delegates met to discuss the ceasefire. " * 30 + "The first round had ended on 11 March 2020."
    assert infer_published(Article.new(body)) == (date(2020, 3, 11), "text")
    assert infer_published(Article.new("Delegates met to discuss the ceasefire.")) == (None, None)
    given = Article.new(text, published=date(2020, 3, 14))
    assert with_published(given) is given  # a given date is never replaced


def test_an_undated_article_gets_its_date_and_relative_dates_follow(pipeline) -> None:  # type: ignore[no-untyped-def]
    article = Article.new(
        "Rebel fighters attacked an army base near Idlib on Tuesday, killing four soldiers, a monitor said.",
        url="https://x.example/world/2024/03/07/idlib-attack",
    )
    [report] = list(pipeline.run([article]))
    assert isinstance(report, Report)
    assert report.article.published == date(2024, 3, 7) and report.article.published_inferred == "url"
    [event] = [e for e in report.events if e.type == "ASSAULT"]
    assert event.when is not None and event.when.earliest == date(2024, 3, 5)  # the Tuesday before


TALIBAN_DATED = (
    "On 2 July 2021 the Taliban attacked government positions in the north, officials said. "
    "The Taliban now control several districts."
)
TALIBAN_UNDATED = "The Taliban attacked government positions in the north, officials said."


def _taliban_sectors(report: Report) -> set[str]:
    return {s for a in report.actors if "Taliban" in a.name for s in a.sectors}


def test_an_undated_text_about_the_taliban_never_codes_them_as_the_government(pipeline) -> None:  # type: ignore[no-untyped-def]
    dated, undated = pipeline.run([Article.new(TALIBAN_DATED), Article.new(TALIBAN_UNDATED)])
    assert dated.article.published_inferred in ("dateline", "text")
    assert dated.article.published == date(2021, 7, 2)
    assert "GOV" not in _taliban_sectors(dated) and "INS" in _taliban_sectors(dated)  # their role on that date
    assert undated.article.published is None
    assert "GOV" not in _taliban_sectors(undated)  # no date: the roles' common part, no sector
    assert any(a.how == "ambiguous" for a in undated.actors if "Taliban" in a.name)


def test_roles_without_a_date_are_what_all_terms_share() -> None:
    dictionary = actor_dictionary()
    entry = dictionary.lookup("Taliban", None)
    assert entry is not None and entry.country == "AFG" and entry.sectors == ()
    assert entry.source.startswith("ambiguous")
    assert dictionary.lookup("Taliban", date(2021, 7, 1)).sectors == ("INS", "REB")  # type: ignore[union-attr]
    assert dictionary.lookup("Taliban", date(2021, 9, 1)).sectors == ("GOV",)  # type: ignore[union-attr]
