"""The time extractor of the pipeline, and how an event gets its date.

Recognition and normalisation live in :mod:`khabar.extractors.timex` (rules over raw text, shared with
``khabar eval time``). This module plugs them into the pipeline and implements the dating rule of the
Dates issue: an event takes the time expression that governs it in its sentence, else the nearest preceding
day- or week-precise reference time in the article, else the publication date marked ``reported``; an event
told in the past tense is never dated after publication.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from typing import Any

from spacy.tokens import Doc

from khabar.extractors.timex import find_times, normalise
from khabar.model import Article, Span, When
from khabar.registry import register

__all__ = ["TimeExtractor", "find_times", "normalise", "when_for_event"]

REFERENCE_PRECISIONS = ("day", "week")


class TimeExtractor:
    """Finds and normalises the time expressions of an article against its publication date."""

    def patterns(self) -> list[dict[str, Any]]:
        """No entity-ruler patterns: time expressions are read from the raw text, not from spaCy's NER."""
        return []

    def __call__(self, doc: Doc, article: Article) -> list[When]:
        return find_times(article.text, article.published)


@register("khabar.time.rules.v1")
def make_time_extractor() -> TimeExtractor:
    return TimeExtractor()


def _datable(when: When) -> bool:
    """Whether a time expression can date an event: a duration or a set has no interval and is no date."""
    return (
        when.span is not None
        and when.precision != "duration"
        and when.timex_type != "SET"
        and (when.earliest or when.latest) is not None
    )


def _distance(a: Span, b: Span) -> int:
    if a.end <= b.start:
        return b.start - a.end
    if b.end <= a.start:
        return a.start - b.end
    return 0


def when_for_event(
    times: tuple[When, ...] | list[When],
    sentence: Span,
    trigger: Span,
    published: date | None,
    past: bool = True,
) -> When:
    """The date of an event triggered at ``trigger`` inside ``sentence``, by the rule in the module docstring."""
    inside = [t for t in times if _datable(t) and t.span and sentence.start <= t.span.start < sentence.end]
    chosen: When | None = None
    if inside:
        chosen = replace(min(inside, key=lambda t: _distance(t.span, trigger) if t.span else 0), anchor="sentence")
    else:
        before = [
            t
            for t in times
            if _datable(t) and t.span and t.span.end <= sentence.start and t.precision in REFERENCE_PRECISIONS
        ]
        if before:
            chosen = replace(max(before, key=lambda t: t.span.end if t.span else 0), anchor="preceding")
    if chosen is None:
        return When(
            text="", span=None, earliest=published, latest=published, precision="reported", anchor="publication"
        )
    if past and published is not None:
        earliest = min(chosen.earliest, published) if chosen.earliest else None
        latest = min(chosen.latest, published) if chosen.latest else published
        chosen = replace(chosen, earliest=earliest, latest=latest)
    return chosen
