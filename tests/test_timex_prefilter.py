"""The time rules' prefilter: anchors read off each regex, and windowed scans that find what full scans find."""

import re
from datetime import date

import pytest

import khabar.extractors.timex.prefilter as prefilter
from khabar.extractors.timex import find_times
from khabar.extractors.timex.prefilter import anchors, lowered, matches, windows
from khabar.extractors.timex.rules import RULES


def test_anchors_are_the_mandatory_words_of_a_rule() -> None:
    # of two mandatory words the longer one anchors the rule (an optional word never does)
    assert anchors(re.compile(r"(?i)\b(?:(?:early|late)\s+)?(?P<n>\d+)\s+years?\s+ago\b")) == (("year", False),)
    assert anchors(re.compile(r"(?i)\b(?:decades|years)\s+ago\b")) == (("decades", False), ("years", False))
    assert anchors(re.compile(r"(?i)\b(?:every|each)\s+(?:day|week)\b")) == (("each", False), ("every", False))
    # a case-sensitive piece is searched as written ("March", not the "mar" of "market")
    assert anchors(re.compile(r"\b(?:March|May)\s+\d")) == (("March", True), ("May", True))
    assert anchors(re.compile(r"(?i)\bin\s+(?-i:March)\b")) == (("March", True),)
    # fixed pieces are joined: a year is anchored on its first digits, not on every digit
    assert anchors(re.compile(r"\b(?:1[89]|20)\d\d\b")) == (("18", True), ("19", True), ("20", True))
    # sixty clock minutes are searched by their six shared prefixes
    assert anchors(re.compile(r"(?P<h>\d\d):(?P<m>[0-5]\d)")) == tuple((f":{d}", True) for d in range(6))


def test_a_rule_without_a_selective_anchor_runs_over_the_whole_text() -> None:
    assert anchors(re.compile(r"(?i)\bthe\s+\w+\b")) is None  # "the" is everywhere: no window would be small
    assert anchors(re.compile(r"(?i)\b(?:a|p)\.?\s*m\b")) is None  # single letters neither
    text = "x " * 400 + "the end"
    found = [m.group() for m in matches(re.compile(r"(?i)\bthe\s+\w+\b"), text, lowered(text))]
    assert found == ["the end"]


def test_windows_merge_and_cover_each_anchor() -> None:
    text = "a" * 1000 + "ago" + "b" * 50 + "ago" + "c" * 1000
    spans = windows(text, text, (("ago", False),))
    assert len(spans) == 1
    start, end = spans[0]
    assert start <= 1000 and end >= 1053 + 3 and end - start < 2 * prefilter.RADIUS + 60


def test_windowed_rules_find_what_full_scans_find() -> None:
    filler = "The committee met again and the talks went on without a break. " * 12
    text = (
        filler
        + "Two weeks ago the minister said that on Friday, March 5, 2021 the border would open at 09:30 GMT. "
        + filler
        + "Troops stayed for three months; every week since the 1990s they had patrolled the past decade. "
        + filler
    )
    lower = lowered(text)
    assert lower is not None and len(text) >= prefilter.MIN_TEXT
    for pattern, _handler in RULES:
        assert [m.span() for m in matches(pattern, text, lower)] == [m.span() for m in pattern.finditer(text)]


def test_find_times_is_unchanged_by_the_prefilter(monkeypatch: pytest.MonkeyPatch) -> None:
    text = "Officials spoke at length about the budget. " * 20
    text += "Last Tuesday, 200 people fled; two days later they came back."
    windowed = find_times(text, date(2021, 7, 9))
    monkeypatch.setattr(prefilter, "MIN_TEXT", 10**9)
    assert find_times(text, date(2021, 7, 9)) == windowed
    assert {w.value for w in windowed} >= {"2021-07-06", "2021-07-08"}


def test_text_whose_lower_case_changes_length_is_scanned_whole() -> None:
    assert lowered("İstanbul") is None  # "İ" lower-cases to two characters: offsets would shift
    assert lowered("Kabul") == "kabul"
