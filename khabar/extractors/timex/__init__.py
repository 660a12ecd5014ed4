"""Time expressions in raw text, normalised against the document creation time (TimeML TIMEX3 values).

Rules over the raw text rather than the parser: news time expressions are a small closed language
("on Friday", "earlier this week", "the first quarter of 2009", "two days ago"), regular expressions read it
in a fraction of a millisecond per sentence, and the same code serves the pipeline and ``khabar eval time``.
Each match becomes a :class:`~khabar.model.When` with a TimeML ``value`` and an interval [earliest, latest];
an expression that needs an anchor the document lacks keeps its span with an open interval.

The rules follow the TimeML TIMEX3 guidelines; where those leave a choice, the choice is written down in
docs/time.md, and no rule refers to a corpus. The package's modules: ``lexicon`` (words and regex pieces),
``reading`` (the Reading and calendar arithmetic), ``dates`` and ``durations`` (handlers), ``rules`` (the
patterns), ``anchoring`` (the clause's tense and the second pass over references to the time in focus).
"""

import re
from collections.abc import Iterator
from dataclasses import replace
from datetime import date

from khabar.extractors.timex.anchoring import _NOT_TIME_AFTER, _is_past_context, _resolve_references
from khabar.extractors.timex.dates import _full_date, _iso
from khabar.extractors.timex.durations import _duration
from khabar.extractors.timex.prefilter import lowered, matches
from khabar.extractors.timex.reading import Reading
from khabar.extractors.timex.rules import DEICTIC, RULES
from khabar.model import Span, When


def _candidates(text: str, dct: date | None) -> Iterator[tuple[int, int, Reading]]:
    lower = lowered(text)
    memo: dict[object, list[tuple[int, int]]] = {}
    for pattern, handler in RULES:
        for m in matches(pattern, text, lower, memo):  # the windows around the rule's anchor words only
            start, end = m.span("ext") if m.groupdict().get("ext") else m.span()
            if _THE_ADJECTIVE.match(text, start, end):  # "the 24-hour strike": the time is "24-hour"
                start += len(_THE_ADJECTIVE.match(text, start, end).group(1))  # type: ignore[union-attr]
            if start == end or (_NOT_TIME_AFTER.match(text, end) and handler is _duration):
                continue
            try:
                reading = handler(m, text, dct, _is_past_context(text, start, end))
            except (OverflowError, ValueError):
                continue  # "next week" at 9999-12-31: a date outside the calendar is no reading
            if reading is not None:
                yield start, end, replace(reading, deictic=True) if handler in DEICTIC else reading


_THE_ADJECTIVE = re.compile(r"(?i)(the\s+)\S+-(?:second|minute|hour|day|week|month|quarter|half|year|decade)$")
_BOUNDARY_BEFORE = re.compile(
    r"(?i)\b(?:the\s+)?(?:very\s+)?(?:beginning|start|end|middle|close|turn)\s+of\s+(?:the\s+)?$"
)


def _with_boundaries(text: str, chosen: list[tuple[int, int, Reading]]) -> list[tuple[int, int, Reading]]:
    """A boundary phrase before a time ("the very beginning of the financial year", "the close of 2008") is
    part of its extent, as TimeML puts it (with a START/END/MID modifier the value does not change)."""
    out: list[tuple[int, int, Reading]] = []
    for start, end, reading in chosen:
        floor = out[-1][1] if out else 0
        head = _BOUNDARY_BEFORE.search(text, max(floor, start - 40), start)
        if head and head.end() == start and reading.precision != "duration":
            start = head.start()
        out.append((start, end, reading))
    return out


def _reread(span: str, anchor: date) -> Reading | None:
    """The reading of one expression's words on their own against another anchor."""
    whole = [r for s, e, r in _candidates(span, anchor) if (s, e) == (0, len(span))]
    return whole[0] if whole else None


DATELINE_CHARS = 600  # a dateline sits in the first lines of an article


def dateline(text: str) -> date | None:
    """The first full calendar date near the top of the text: the creation time when none is given."""
    head = text[:DATELINE_CHARS]
    found = [
        (m.start(), reading)
        for pattern, handler in RULES
        if handler in (_full_date, _iso)
        for m in pattern.finditer(head)
        if (reading := handler(m, head, None, True)) is not None
    ]
    return min(found, key=lambda f: f[0])[1].earliest if found else None


def find_times(text: str, published: date | None) -> list[When]:
    """Every time expression in ``text``, longest first where two overlap, normalised against ``published``
    (or, for an undated text, against its dateline)."""
    anchor = "publication"
    if published is None:
        published = dateline(text)
        anchor = "dateline" if published else "none"
    found = sorted(_candidates(text, published), key=lambda c: (-(c[1] - c[0]), c[0]))
    chosen: list[tuple[int, int, Reading]] = []
    for start, end, reading in found:
        if not any(start < e and s < end for s, e, _ in chosen):
            chosen.append((start, end, reading))
    chosen.sort(key=lambda c: c[0])
    chosen = _with_boundaries(text, chosen)
    readings = _resolve_references(text, chosen, published, lambda span, anchor: _reread(span, anchor))
    return [
        When(
            text=text[start:end],
            span=Span.of(text, start, end),
            earliest=reading.earliest,
            latest=reading.latest,
            precision=reading.precision,
            value=reading.value,
            anchor=anchor,
            timex_type=reading.timex_type,
        )
        for (start, end, _), reading in zip(chosen, readings, strict=True)
    ]


def normalise(text: str, dct: date | None, past: bool = True) -> When | None:
    """The reading of one expression on its own (``normalise("on Friday", date(2021, 7, 9))``)."""
    prefix = "" if past else "It will happen "
    for when in find_times(prefix + text, dct):
        if when.span is not None:
            shifted = Span(when.span.start - len(prefix), when.span.end - len(prefix), when.text)
            return replace(when, span=shifted)
    return None
