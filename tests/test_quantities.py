"""Quantities: the number, its qualifier, what it counts and per what."""

from __future__ import annotations

import pytest

from khabar.extractors.quantities import parse_number
from khabar.model import Report


@pytest.mark.parametrize(
    ("words", "value"),
    [(["1,000"], 1000), (["$", "20", "million"], 20e6), (["two"], 2), (["85"], 85), (["2.5", "billion"], 2.5e9),
     (["a", "hundred"], 100), (["12"], 12)],
)  # fmt: skip
def test_parse_number(words: list[str], value: float) -> None:
    assert parse_number(words) == value


def test_founding_article_quantities(seed_report: Report) -> None:
    by_value = {q.value: q for q in seed_report.quantities}
    soldiers = by_value[1000]
    assert (soldiers.qualifier, soldiers.unit, soldiers.kind) == ("more than", "soldiers", "count")
    assert soldiers.span.text == "over 1,000 soldiers"
    money = by_value[20_000_000]
    assert (money.unit, money.per, money.kind, money.qualifier) == ("USD", "month", "money", "about")
    assert by_value[85].unit == "percent"


def test_casualties_get_their_kind(pipeline) -> None:  # type: ignore[no-untyped-def]
    from khabar.model import Article

    text = "At least 12 people were killed and 30 wounded when rebels attacked the market in Goma on Monday."
    report = next(iter(pipeline.run([Article.new(text)])))
    kinds = {q.value: (q.kind, q.qualifier) for q in report.quantities}
    assert kinds[12] == ("killed", "at least")
