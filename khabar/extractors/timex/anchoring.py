"""Anchoring: the tense of an expression's clause, and the second pass that resolves references to a day
named earlier in the text."""

from __future__ import annotations

import re
from datetime import date

from khabar.extractors.timex.dates import REF_DAY
from khabar.extractors.timex.reading import Reading, _day

_FUTURE = re.compile(
    r"(?i)\b(?:will|shall|won't|'ll|going\s+to|is\s+to|are\s+to|due\s+to|scheduled|planned|plans?\s+to|expects?"
    r"|expected|intends?\s+to|would|next|upcoming|forthcoming)\b"
)
_SENTENCE_END = re.compile(r"[.!?]\s|\n")
_NOT_TIME_AFTER = re.compile(r"\s*(?:min(?:ute)?s?\s+read|read\b)", re.I)


_FUTURE_AFTER = re.compile(r"(?i)^\W*(?:will|shall|is\s+(?:set|due|scheduled)|are\s+(?:set|due|scheduled))\b")
_UNTIL_BEFORE = re.compile(r"(?i)\b(?:until|till|from|starting|beginning|by)\s+(?:on\s+)?$")
_CLAUSE_BREAK = re.compile(r"(?i)[,;:]|\b(?:that|which|who|but|and|because|after|before|when|while)\b")


def _is_past_context(text: str, start: int, end: int) -> bool:
    """Whether the clause of an expression reads as past (the news default) rather than future.

    Future when a future cue ("will", "is set to", "due") stands earlier in the same clause, when the
    expression is the start of a span ("until Friday", "from Monday"), or when the clause's verb right
    after it is future ("Friday will see ..."). A cue beyond "that", "which", or a comma belongs to another
    clause: "announced Friday that it will give" is past.
    """
    lo = max(text.rfind("\n", 0, start) + 1, start - 80, 0)
    window = text[lo:start]
    cut = [m.end() for m in _SENTENCE_END.finditer(window)]
    window = window[cut[-1] :] if cut else window
    if _UNTIL_BEFORE.search(window):
        return False
    breaks = [m.end() for m in _CLAUSE_BREAK.finditer(window)]
    clause = window[breaks[-1] :] if breaks else window
    if _FUTURE.search(clause):
        return False
    return not _FUTURE_AFTER.match(text[end : end + 40])


def _sentence_bounds(text: str, position: int) -> tuple[int, int]:
    starts = [m.end() for m in _SENTENCE_END.finditer(text, max(0, position - 400), position)]
    stop = _SENTENCE_END.search(text, position)
    return (starts[-1] if starts else max(0, position - 400)), (stop.start() if stop else len(text))


def _resolve_references(text: str, chosen: list[tuple[int, int, Reading]], dct: date | None) -> list[Reading]:
    """Second pass: "the day" takes the last day named before it; a clock time takes the day named in its
    own sentence ("Tuesday at 18:00 UTC") rather than the creation date."""
    out: list[Reading] = []
    last_day: date | None = None
    days = [(s, r) for s, _, r in chosen if r.precision == "day" and r.value and r.value[:1].isdigit()]
    for start, _end, reading in chosen:
        if reading.value == REF_DAY:
            anchor = last_day or dct
            reading = _day(anchor) if anchor else Reading(None, None, None, "day")
        elif reading.value and "T" in reading.value and ":" in reading.value:
            lo, hi = _sentence_bounds(text, start)
            near = [
                (abs(s - start), r)
                for s, r in days
                if lo <= s < hi and s != start and r.earliest and not (r.value and ":" in r.value)
            ]
            if near:
                day = min(near, key=lambda n: n[0])[1].earliest
                assert day is not None
                reading = _day(day, reading.value[reading.value.index("T") :])
        if reading.precision == "day" and reading.earliest and reading.value and reading.value[:1].isdigit():
            last_day = reading.earliest
        out.append(reading)
    return out
