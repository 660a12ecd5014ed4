"""A normalised time expression before it becomes a When, and the calendar arithmetic the rules share."""

from __future__ import annotations

import calendar
import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta

from khabar.extractors.timex.lexicon import MONTHS, NUMBERS
from khabar.model import Precision


@dataclass(frozen=True)
class Reading:
    """A normalised time expression before it becomes a When: value, interval, precision and, when the
    value alone does not tell it (a SET), its TIMEX3 type."""

    value: str | None
    earliest: date | None
    latest: date | None
    precision: Precision
    kind: str | None = None
    deictic: bool = False  # counted from the moment of speaking ("yesterday", "this week")

    @property
    def timex_type(self) -> str:
        """DATE, TIME, DURATION or SET, as TimeML types the expression: a set says so, a duration has no
        interval, a value with a time of day ("2009-06-01T12:00Z", "2010-07-16TMO") is a TIME."""
        if self.kind:
            return self.kind
        if self.precision == "duration":
            return "DURATION"
        if self.value and re.search(r"T(?:\d\d|MO|AF|EV|NI|DT)", self.value):
            return "TIME"
        return "DATE"


Handler = Callable[[re.Match[str], str, "date | None", bool], "Reading | None"]


def _g(m: re.Match[str], name: str) -> str:
    """A named group's text, "" when the pattern has no such group or it did not take part."""
    return m.groupdict().get(name) or ""


def _shifted_year(m: re.Match[str], dct: date) -> int:
    """The DCT's year, or the one before or after it for "last ..." / "next ..."."""
    return dct.year + {"last": -1, "next": 1}.get(_g(m, "rel").lower(), 0)


def _month_number(name: str) -> int:
    return MONTHS[name.lower().rstrip(".")]


def _number(text: str) -> int | None:
    """ "two" -> 2, "twenty-five" -> 25, "12" -> 12; vague amounts ("several") -> None."""
    t = text.lower().replace("-", " ").replace(",", "")
    if t.replace(".", "", 1).isdigit():
        return int(float(t))
    words = t.split()
    if all(w in NUMBERS for w in words):
        return sum(NUMBERS[w] for w in words) if words[-1] != "hundred" else NUMBERS[words[0]] * 100
    return None


def _month_interval(year: int, month: int) -> tuple[date, date]:
    return date(year, month, 1), date(year, month, calendar.monthrange(year, month)[1])


def _week_of(day: date) -> tuple[date, date, str]:
    monday = day - timedelta(days=day.weekday())
    iso = monday.isocalendar()
    return monday, monday + timedelta(days=6), f"{iso[0]}-W{iso[1]:02d}"


def _day(value: date, suffix: str = "") -> Reading:
    return Reading(value.isoformat() + suffix, value, value, "day")


def _month_reading(year: int, month: int) -> Reading:
    lo, hi = _month_interval(year, month)
    return Reading(f"{year}-{month:02d}", lo, hi, "month")


def _year_reading(year: int) -> Reading:
    return Reading(str(year), date(year, 1, 1), date(year, 12, 31), "year")


def _safe_date(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None


def _year_for(month: int, day: int | None, dct: date, past: bool, stated: bool = False) -> int:
    """The year of a date written without one: the occurrence nearest the DCT (news rarely reaches more
    than half a year away without naming the year); the tense decides only between two near-equal ones.
    A clause that states the past with its own verb ("were declared on February 6") never names a time
    that begins after the DCT."""

    def gap(year: int) -> float:
        candidate = _safe_date(year, month, day or 15) or date(year, month, 1)
        distance = abs((candidate - dct).days)
        wrong_side = candidate > dct if past else candidate < dct
        if stated and past and (_safe_date(year, month, day or 1) or date(year, month, 1)) > dct:
            return distance + 1000
        return distance + (150 if wrong_side else 0)

    return min((dct.year - 1, dct.year, dct.year + 1), key=gap)
