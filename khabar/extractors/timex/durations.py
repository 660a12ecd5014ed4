"""Handlers for durations, recurrences (SETs) and the vague references PAST_REF, PRESENT_REF, FUTURE_REF."""

from __future__ import annotations

import re
from datetime import date

from khabar.extractors.timex.lexicon import DURATION_UNITS, SEASONS
from khabar.extractors.timex.reading import Handler, Reading, _g, _number


def _amount_unit(n: str, unit: str) -> str:
    """An ISO 8601 duration for ``n`` units, with decades and centuries in years (TimeML writes "a decade"
    P10Y; only an uncounted "decades" keeps the DE unit, PXDE, since X tens of years has no year count)."""
    unit = "century" if unit == "centurie" else unit
    if unit in ("decade", "century") and n != "X":
        factor = 10 if unit == "decade" else 100
        amount = float(n) * factor
        return f"P{int(amount) if amount.is_integer() else amount}Y"
    code = DURATION_UNITS[unit]
    return f"PT{n}{code[1]}" if code.startswith("T") else f"P{n}{code}"


def _duration(m: re.Match[str], text: str, dct: date | None, past: bool) -> Reading | None:
    unit = _g(m, "unit").lower()
    if unit in ("second", "quarter") and _g(m, "num").lower() in ("a", "an"):
        return None  # "a second A380" is an ordinal, "a quarter of the population" a fraction
    n = _number(_g(m, "num"))
    raw = _g(m, "num").replace(",", "")
    amount = raw if re.fullmatch(r"\d+\.\d+", raw) else ("X" if n is None else str(n))
    if re.search(r"(?i)\band\s+a\s+half\b|1/2|½", m.group(0)) and n is not None:
        amount = f"{n}.5"
    return Reading(_amount_unit(amount, unit), None, None, "duration")


HALVES = {  # half of a unit in the next smaller whole unit where there is one
    "second": "PT0.5S", "minute": "PT30S", "hour": "PT30M", "day": "PT12H", "week": "P3.5D", "month": "P0.5M",
    "year": "P6M", "decade": "P5Y", "century": "P50Y",
}  # fmt: skip


def _half_of_unit(m: re.Match[str], text: str, dct: date | None, past: bool) -> Reading | None:
    """ "half an hour", "a half-hour", "half a century": half of one unit."""
    return Reading(HALVES[_g(m, "unit").lower()], None, None, "duration")


def _vague_duration(m: re.Match[str], text: str, dct: date | None, past: bool) -> Reading | None:
    """ "for years", "within minutes", "over the years", "the past decade", "recent weeks", bare "days"."""
    unit = _g(m, "unit").lower().rstrip("s")
    return Reading(_amount_unit("1" if "single" in m.groupdict() else "X", unit), None, None, "duration")


def _range_duration(m: re.Match[str], text: str, dct: date | None, past: bool) -> Reading | None:
    """ "between 12 and 18 months", "two to three weeks": one DURATION whose count is not one number, so
    its value leaves the count unknown (PXM), as TimeML does for a vague count."""
    unit = _g(m, "unit").lower().rstrip("s")
    return Reading(_amount_unit("X", unit), None, None, "duration")


SET_VALUES = {
    "annual": "P1Y", "yearly": "P1Y", "annually": "P1Y", "monthly": "P1M", "weekly": "P1W", "daily": "P1D",
    "quarterly": "P3M", "hourly": "PT1H", "nightly": "XXXX-XX-XXTNI", "biannual": "P6M", "biennial": "P2Y",
    "semiannual": "P6M", "semi-annual": "P6M", "semiannually": "P6M", "semi-annually": "P6M", "biweekly": "P2W",
    "fortnightly": "P2W", "biannually": "P6M",
}  # fmt: skip
PART_CODES = {"morning": "MO", "afternoon": "AF", "evening": "EV", "night": "NI"}
WEEKDAY_NUMBERS = {d: i for i, d in enumerate(("monday", "tuesday", "wednesday", "thursday", "friday",
                                               "saturday", "sunday"), start=1)}  # fmt: skip


def _set(m: re.Match[str], text: str, dct: date | None, past: bool) -> Reading | None:
    """Recurrences ("annual", "daily"): TimeML SETs, with no interval since they date nothing. A capitalised
    "Daily" inside a sentence, or one before a name, names a newspaper ("The Daily Telegraph", "Greek daily
    Kathimerini")."""
    word = _g(m, "set")
    opens_sentence = re.search(r"(?:^|[.!?\n\"“]\s*)$", text[max(0, m.start() - 3) : m.start()])
    newspaper = word.lower() in ("daily", "weekly", "monthly") and re.match(r"\s+[A-Z]", text[m.end() :])
    if (word[:1].isupper() and not opens_sentence) or newspaper:
        return None
    return Reading(SET_VALUES[_g(m, "set").lower()], None, None, "duration", kind="SET")


def _every(m: re.Match[str], text: str, dct: date | None, past: bool) -> Reading | None:
    """ "every two years", "each morning", "every Monday", "twice a week", "per day": a SET whose value is
    the period ("P2Y") or the recurring time ("XXXX-XX-XXTMO", "XXXX-WXX-1"). "Each season" recurs once
    a year (a sports or growing season), so P1Y."""
    word = (_g(m, "what") or "").lower()
    if word in PART_CODES:
        value = f"XXXX-XX-XXT{PART_CODES[word]}"
    elif word.rstrip("s") in WEEKDAY_NUMBERS:
        value = f"XXXX-WXX-{WEEKDAY_NUMBERS[word.rstrip('s')]}"
    elif word in SEASONS:
        value = f"XXXX-{SEASONS[word]}"  # "every summer"
    elif word in ("season", "weekend"):
        value = "P1Y" if word == "season" else "XXXX-WXX-WE"
    else:
        unit = word.rstrip("s")
        unit = "century" if unit == "centurie" else unit
        num = _g(m, "num")
        n = 2 if _g(m, "other") else (_number(num) if num else 1)
        if n is None or unit not in DURATION_UNITS:
            return None
        value = _amount_unit(str(n), unit)
    return Reading(value, None, None, "duration", kind="SET")


def _ref(value: str) -> Handler:
    def read(m: re.Match[str], text: str, dct: date | None, past: bool) -> Reading | None:
        if value == "PAST_REF":
            return Reading(value, None, dct, "before")
        if value == "FUTURE_REF":
            return Reading(value, dct, None, "after")
        return Reading(value, dct, dct, "day")

    return read
