"""Handlers for durations, recurrences (SETs) and the vague references PAST_REF, PRESENT_REF, FUTURE_REF."""

from __future__ import annotations

import re
from datetime import date

from khabar.extractors.timex.lexicon import DURATION_UNITS
from khabar.extractors.timex.reading import Handler, Reading, _g, _number


def _duration(m: re.Match[str], text: str, dct: date | None, past: bool) -> Reading | None:
    unit = _g(m, "unit").lower()
    if unit == "second" and _g(m, "num").lower() in ("a", "an"):
        return None  # "a second A380": an ordinal
    n = _number(_g(m, "num"))
    code = DURATION_UNITS[unit]
    raw = _g(m, "num").replace(",", "")
    amount = raw if re.fullmatch(r"\d+\.\d+", raw) else ("X" if n is None else str(n))
    value = f"PT{amount}{code[1]}" if code.startswith("T") else f"P{amount}{code}"
    return Reading(value, None, None, "duration")


def _vague_duration(m: re.Match[str], text: str, dct: date | None, past: bool) -> Reading | None:
    """ "for years", "within minutes", "over the years", "the past decade"."""
    unit = _g(m, "unit").lower().rstrip("s")
    unit = "century" if unit == "centurie" else unit
    if "single" in m.groupdict():
        amount = {"decade": "10", "century": "100"}.get(unit, "1")
        unit = "year" if unit in ("decade", "century") else unit
    else:
        amount = "X"
    code = DURATION_UNITS[unit]
    return Reading(f"PT{amount}{code[1]}" if code.startswith("T") else f"P{amount}{code}", None, None, "duration")


SET_VALUES = {"annual": "P1Y", "yearly": "P1Y", "monthly": "P1M", "weekly": "P1W", "daily": "P1D", "quarterly": "P3M"}


def _set(m: re.Match[str], text: str, dct: date | None, past: bool) -> Reading | None:
    """Recurrences ("annual", "weekly"): TimeML SETs, kept as durations since they date nothing."""
    return Reading(SET_VALUES[_g(m, "set").lower()], None, None, "duration")


def _ref(value: str) -> Handler:
    def read(m: re.Match[str], text: str, dct: date | None, past: bool) -> Reading | None:
        if value == "PAST_REF":
            return Reading(value, None, dct, "before")
        if value == "FUTURE_REF":
            return Reading(value, dct, None, "after")
        return Reading(value, dct, dct, "day")

    return read
