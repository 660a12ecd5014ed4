"""Property tests (Hypothesis) of the whole pipeline, issue 9: texts cut and shuffled from the founding
article, with right-to-left marks, joiners, emoji, combining marks and CJK thrown in, and publication dates
from 1900 to 2100. For every one: no unhandled exception, every span is a real cut of the text, a past-tense
event is never dated after publication, and the Report survives its JSON form exactly.

The texts are built from real sentences rather than random characters because random characters are
refused as not English before any extractor runs; real sentences reach every extractor with odd offsets.
"""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import date
from typing import Any

import pytest

hypothesis = pytest.importorskip("hypothesis")
from conftest import SAMPLE  # noqa: E402
from hypothesis import HealthCheck, event, example, given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

from khabar.model import Article, Report, Skipped, iter_spans  # noqa: E402

FOUNDING = SAMPLE.read_text(encoding="utf-8")
SENTENCES = [s for s in re.split(r"(?<=[.!?”\"])\s+|\n+", FOUNDING) if s.strip()]
SEPARATORS = [" ", "  ", "\n", "\n\n", "\n\n\n\n", "\t", " \n ", "\r\n", "\u2028", "\u00a0", "\u3000", ""]
NOISE = [
    "\u200f",  # RIGHT-TO-LEFT MARK
    "\u200e",  # LEFT-TO-RIGHT MARK
    "\u202b\u0645\u0631\u062d\u0628\u0627\u202c",  # an embedded Arabic word
    "\u05e9\u05dc\u05d5\u05dd",  # Hebrew
    "\u200d",  # ZERO WIDTH JOINER
    "\u200c",  # ZERO WIDTH NON-JOINER
    "\u200b",  # ZERO WIDTH SPACE
    "\ufeff",  # a BOM inside the text
    "\U0001f600",  # emoji
    "\U0001f468\u200d\U0001f469\u200d\U0001f467",  # a family: emoji joined by ZWJ
    "\U0001f1e6\U0001f1eb",  # the flag of Afghanistan (regional indicators)
    "\u0301",  # COMBINING ACUTE ACCENT
    "\u0308\u0323",  # stacked combining marks
    "\u5854\u5229\u73ed",  # CJK: "Taliban"
    "\u4e2d\u56fd",
    "\u30a2\u30d5\u30ac\u30f3",  # katakana
]
# Characters the readers can hand over: no lone surrogates or NULs (khabar.ingest.common.storable removes them)
ODD_CHARS = st.characters(categories=["Mn", "Me", "Cf", "Lo", "So", "Zs"], exclude_characters="\x00")
PUBLISHED = st.none() | st.dates(min_value=date(1900, 1, 1), max_value=date(2100, 12, 31))
NOT_PAST_MODALITIES = {"future", "intended", "hypothetical"}


@st.composite
def news_texts(draw: st.DrawFn) -> str:
    """Founding-article sentences, shuffled, some cut at a random character, joined by random whitespace,
    with odd Unicode inserted at random positions."""
    picked = draw(st.lists(st.sampled_from(SENTENCES), min_size=1, max_size=10))
    pieces: list[str] = []
    for sentence in picked:
        if draw(st.booleans()):
            cut = draw(st.integers(0, len(sentence)))
            sentence = sentence[:cut] if draw(st.booleans()) else sentence[cut:]
        pieces.append(sentence)
        pieces.append(draw(st.sampled_from(SEPARATORS)))
    text = "".join(pieces)
    inserts = draw(
        st.lists(
            st.tuples(st.integers(0, 1 << 16), st.sampled_from(NOISE) | st.text(ODD_CHARS, min_size=1, max_size=3)),
            max_size=8,
        )
    )
    for position, piece in inserts:
        at = position % (len(text) + 1)
        text = text[:at] + piece + text[at:]
    return text


ARTICLES = st.lists(st.tuples(news_texts(), PUBLISHED), min_size=1, max_size=3)


def is_past_verb(doc: Any, start: int, end: int) -> bool:
    """Whether the trigger at [start, end) is a verb in the past tense or a participle ("captured",
    "have seized"): the events the Dates issue says are never after publication."""
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None or not len(span):
        return False
    token = span[0]
    return token.pos_ in ("VERB", "AUX") and "Past" in token.morph.get("Tense", [])


def check_report(report: Report, article: Article, pipeline: Any) -> None:
    text = report.article.text
    got = report.article
    if article.published is None and got.published is not None:  # an undated article: its date was inferred
        assert got.published_inferred in ("url", "dateline", "text"), got.published_inferred
        got = replace(got, published=None, published_inferred=None)
    assert got == article, "the Report's article is not the article given (but for an inferred date)"
    for path, span in iter_spans(report):
        assert 0 <= span.start <= span.end <= len(text), f"{path} {span} lies outside a text of {len(text)}"
        assert text[span.start : span.end] == span.text, f"{path}: {span.text!r} is not the text at its offsets"
    if article.published is not None and report.events:
        doc = pipeline.nlp(text)
        for coded in report.events:
            if coded.modality in NOT_PAST_MODALITIES or coded.when is None or coded.when.latest is None:
                continue
            if is_past_verb(doc, coded.trigger.start, coded.trigger.end):
                event("a past-tense event checked against publication")
                assert coded.when.latest <= article.published, (
                    f"past-tense {coded.type} {coded.trigger.text!r} dated {coded.when} after {article.published}"
                )
    assert Report.from_json(report.to_json()) == report, "the Report changed through its JSON form"


@settings(
    max_examples=25,
    deadline=None,
    derandomize=True,
    database=None,  # no .hypothesis/ folder in the repository
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(ARTICLES)
@example([(FOUNDING, date(1900, 1, 1))])  # every date in the article is after publication
@example([(FOUNDING, date(2100, 12, 31))])
@example([(FOUNDING, None), ("", date(2021, 7, 9)), ("\u200f\u200d \n", None)])
def test_pipeline_properties(pipeline: Any, articles: list[tuple[str, date | None]]) -> None:
    """``extract_batch`` (through the session's one pipeline: ``khabar.extract_batch`` is exactly
    ``get_pipeline(None).run``) gives one Report or reasoned Skipped per article, and each Report is sound."""
    # built past Article.new's date window on purpose: Reports stored before it, or read back from a Ray
    # run, can carry any date, and the pipeline must stay sound on them
    given_articles = [Article(Article.make_id(text), text, published=published) for text, published in articles]
    results = list(pipeline.run(given_articles))
    assert len(results) == len(given_articles), "an article was lost or doubled"
    for article, result in zip(given_articles, results, strict=True):
        outcome = f"skipped: {result.code}" if isinstance(result, Skipped) else "report"
        event(f"{outcome} with events" if isinstance(result, Report) and result.events else outcome)
        if isinstance(result, Skipped):
            assert result.reason and result.code, result
            # "error" is the code of the pipeline's catch-all: an extractor raised, which is a bug
            assert result.code != "error", f"an extractor raised on {article.text!r}: {result.reason}"
            continue
        check_report(result, article, pipeline)
