"""Time expressions in raw text, normalised against the document creation time (TimeML TIMEX3 values).

Rules over the raw text rather than the parser: news time expressions are a small closed language
("on Friday", "earlier this week", "the first quarter of 2009", "two days ago"), regular expressions read it
in a fraction of a millisecond per sentence, and the same code serves the pipeline and ``khabar eval time``.
Each match becomes a :class:`~khabar.model.When` with a TimeML ``value`` and an interval [earliest, latest];
an expression that needs an anchor the document lacks keeps its span with an open interval.
"""

from __future__ import annotations

import calendar
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, replace
from datetime import date, timedelta

from khabar.model import Precision, Span, When

MONTHS = {
    name: number
    for number, names in enumerate(
        (
            ("january", "jan"),
            ("february", "feb"),
            ("march", "mar"),
            ("april", "apr"),
            ("may",),
            ("june", "jun"),
            ("july", "jul"),
            ("august", "aug"),
            ("september", "sep", "sept"),
            ("october", "oct"),
            ("november", "nov"),
            ("december", "dec"),
        ),
        start=1,
    )
    for name in names
}
WEEKDAYS = {
    name: i for i, name in enumerate(("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"))
}
NUMBERS = {
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15,
    "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40,
    "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90, "hundred": 100,
}  # fmt: skip
VAGUE_NUMBERS = ("several", "a few", "few", "many", "some", "a couple of", "couple of")
SEASONS = {"spring": "SP", "summer": "SU", "autumn": "FA", "fall": "FA", "winter": "WI"}
SEASON_MONTHS = {"SP": (3, 5), "SU": (6, 8), "FA": (9, 11), "WI": (12, 14)}
ORDINALS = {"first": 1, "1st": 1, "second": 2, "2nd": 2, "third": 3, "3rd": 3, "fourth": 4, "4th": 4}
DAY_PARTS = {"morning": "MO", "afternoon": "AF", "evening": "EV", "night": "NI"}
DURATION_UNITS = {
    "second": "TS", "minute": "TM", "hour": "TH", "day": "D", "week": "W", "month": "M", "year": "Y",
    "quarter": "Q", "decade": "DE", "century": "CE", "centurie": "CE",
}  # fmt: skip

# Regular-expression pieces. Month and weekday names are matched case-sensitively (capitalised), so the
# modal "may" and the verb "march" stay out; everything else is case-insensitive via inline flags.
_MONTH = (
    r"(?P<month>January|February|March|April|May|June|July|August|September|October|November|December"
    r"|(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)\.?)"
)
_DAY = r"(?P<day>[0-3]?\d)(?:st|nd|rd|th)?"
_YEAR = r"(?P<year>(?:1[89]|20)\d\d)"
_WEEKDAY = r"(?P<weekday>Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
_NUM_WORD = "|".join(sorted((re.escape(w) for w in NUMBERS if w not in ("a", "an")), key=len, reverse=True))
_VAGUE = "|".join(re.escape(w) for w in VAGUE_NUMBERS)
_NUM = (
    rf"(?<![\d,.])(?P<num>\d{{1,3}}(?:,\d{{3}})+|\d+(?:\.\d+)?"
    rf"|(?:{_NUM_WORD})(?:[\s-](?:{_NUM_WORD}))?|{_VAGUE}|an?)"
)
_UNIT = r"(?P<unit>second|minute|hour|day|week|month|quarter|year|decade|century|centurie)s?"
_EDGE = r"(?P<edge>early|late|mid|the\s+end\s+of|the\s+beginning\s+of|the\s+start\s+of|the\s+middle\s+of)"
_NOT_NUMBER_BEFORE = r"(?<![$£€\d.,/-])"
_NOT_NUMBER_AFTER = r"(?![\d%]|,\d|\.\d|-\d|\s*(?:%|percent|per\s+cent))"


@dataclass(frozen=True)
class Reading:
    """A normalised time expression before it becomes a When: value, interval and precision."""

    value: str | None
    earliest: date | None
    latest: date | None
    precision: Precision


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


def _year_for(month: int, day: int | None, dct: date, past: bool) -> int:
    """The year of a date written without one: the occurrence nearest the DCT (news rarely reaches more
    than half a year away without naming the year); the tense decides only between two near-equal ones."""

    def gap(year: int) -> float:
        candidate = _safe_date(year, month, day or 15) or date(year, month, 1)
        distance = abs((candidate - dct).days)
        wrong_side = candidate > dct if past else candidate < dct
        return distance + (150 if wrong_side else 0)

    return min((dct.year - 1, dct.year, dct.year + 1), key=gap)


# Handlers: each turns a match (with the DCT and the tense of its clause) into a Reading.


def _iso(m: re.Match[str], text: str, dct: date | None, past: bool) -> Reading | None:
    d = _safe_date(int(_g(m, "y")), int(_g(m, "m")), int(_g(m, "d")))
    return _day(d) if d else None


def _full_date(m: re.Match[str], text: str, dct: date | None, past: bool) -> Reading | None:
    d = _safe_date(int(_g(m, "year")), _month_number(_g(m, "month")), int(_g(m, "day")))
    return _day(d) if d else None


def _month_day(m: re.Match[str], text: str, dct: date | None, past: bool) -> Reading | None:
    month, day = _month_number(_g(m, "month")), int(_g(m, "day"))
    if not 1 <= day <= 31:
        return None
    if dct is None:
        return Reading(f"XXXX-{month:02d}-{day:02d}", None, None, "day")
    d = _safe_date(_year_for(month, day, dct, past), month, day)
    return _day(d) if d else None


def _month_year(m: re.Match[str], text: str, dct: date | None, past: bool) -> Reading | None:
    return _month_reading(int(_g(m, "year")), _month_number(_g(m, "month")))


def _month_alone(m: re.Match[str], text: str, dct: date | None, past: bool) -> Reading | None:
    month = _month_number(_g(m, "month"))
    if dct is None:
        return Reading(f"XXXX-{month:02d}", None, None, "month")
    rel = _g(m, "rel").lower()
    if rel in ("last", "past", "previous"):
        year = dct.year if month < dct.month else dct.year - 1
    elif rel in ("next", "coming"):
        year = dct.year if month > dct.month else dct.year + 1
    elif rel == "this":
        year = dct.year
    else:
        year = _year_for(month, None, dct, past)
    return _month_reading(year, month)


def _year(m: re.Match[str], text: str, dct: date | None, past: bool) -> Reading | None:
    return _year_reading(int(_g(m, "year")))


def _short_year(m: re.Match[str], text: str, dct: date | None, past: bool) -> Reading | None:
    """'82: that year in the century that puts it at or before the DCT."""
    n, latest = int(_g(m, "short_year")), dct.year if dct else 2099
    century = latest // 100 * 100
    return _year_reading(century + n if century + n <= latest else century - 100 + n)


def _decade(m: re.Match[str], text: str, dct: date | None, past: bool) -> Reading | None:
    if m.groupdict().get("short"):  # "the 70s"
        start = 1900 + int(_g(m, "short"))
        return Reading(str(start // 10), date(start, 1, 1), date(start + 9, 12, 31), "decade")
    start = int(_g(m, "decade"))
    return Reading(str(start // 10), date(start, 1, 1), date(start + 9, 12, 31), "decade")


def _quarter(m: re.Match[str], text: str, dct: date | None, past: bool) -> Reading | None:
    q = _g(m, "q").lower()
    n = int(q[1]) if q.startswith("q") else ORDINALS.get(q)
    if n is None:  # "the last quarter": the one before the DCT's
        if dct is None:
            return None
        cur = (dct.month - 1) // 3 + 1
        year, n = (dct.year, cur - 1) if cur > 1 else (dct.year - 1, 4)
    elif _g(m, "year"):
        year = int(_g(m, "year"))
    elif dct is None:
        return Reading(f"XXXX-Q{n}", None, None, "quarter")
    else:
        year = _shifted_year(m, dct)
        if not _g(m, "rel") and past and date(year, 3 * n - 2, 1) > dct:
            year -= 1
    lo = date(year, 3 * n - 2, 1)
    hi = _month_interval(year, 3 * n)[1]
    return Reading(f"{year}-Q{n}", lo, hi, "quarter")


def _half(m: re.Match[str], text: str, dct: date | None, past: bool) -> Reading | None:
    n = ORDINALS[_g(m, "h").lower()]
    if _g(m, "year"):
        year = int(_g(m, "year"))
    elif dct is None:
        return Reading(f"XXXX-H{n}", None, None, "quarter")
    else:
        year = _shifted_year(m, dct)
    return Reading(f"{year}-H{n}", date(year, 6 * n - 5, 1), _month_interval(year, 6 * n)[1], "quarter")


def _season(m: re.Match[str], text: str, dct: date | None, past: bool) -> Reading | None:
    code = SEASONS[_g(m, "season").lower()]
    if _g(m, "year"):
        year = int(_g(m, "year"))
    elif dct is None:
        return Reading(f"XXXX-{code}", None, None, "season")
    else:
        year = _shifted_year(m, dct)
    first, last = SEASON_MONTHS[code]
    lo = date(year, first, 1)
    hi = _month_interval(year + (last - 1) // 12, (last - 1) % 12 + 1)[1]
    return Reading(f"{year}-{code}", lo, hi, "season")


def _deictic_day(m: re.Match[str], text: str, dct: date | None, past: bool) -> Reading | None:
    word = _g(m, "deictic").lower()
    offset = {"today": 0, "tonight": 0, "yesterday": -1, "tomorrow": 1, "last night": -1}[word]
    part = _g(m, "part").lower()
    suffix = "TNI" if word in ("tonight", "last night") else (f"T{DAY_PARTS[part]}" if part else "")
    if dct is None:
        return Reading(None, None, None, "day")
    return _day(dct + timedelta(days=offset), suffix)


def _this_part(m: re.Match[str], text: str, dct: date | None, past: bool) -> Reading | None:
    if dct is None:
        return Reading(None, None, None, "day")
    return _day(dct, "T" + DAY_PARTS[_g(m, "part").lower()])


def _weekday(m: re.Match[str], text: str, dct: date | None, past: bool) -> Reading | None:
    wd = WEEKDAYS[_g(m, "weekday").lower()]
    part = _g(m, "part").lower()
    suffix = f"T{DAY_PARTS[part]}" if part else ""
    if dct is None:
        return Reading(f"XXXX-WXX-{wd + 1}{suffix}", None, None, "day")
    rel = _g(m, "rel").lower()
    back = (dct.weekday() - wd) % 7
    ahead = (wd - dct.weekday()) % 7
    if rel == "last":
        d = dct - timedelta(days=back or 7)
    elif rel in ("next", "coming"):
        d = dct + timedelta(days=ahead or 7)
    elif rel == "this":
        d = dct + timedelta(days=ahead) if not past else dct - timedelta(days=back)
    else:
        d = dct - timedelta(days=back) if past else dct + timedelta(days=ahead)
    return _day(d, suffix)


def _relative_unit(m: re.Match[str], text: str, dct: date | None, past: bool) -> Reading | None:
    """ "this week", "last month", "earlier this year", "next weekend"."""
    rel, unit = _g(m, "rel").lower().split()[-1], _g(m, "unit").lower()
    if m.group(0).lower().startswith("by "):
        return None  # "by the end of this year" is read without "by"
    when = _g(m, "when").lower()
    shift = {"last": -1, "previous": -1, "past": -1, "next": 1, "coming": 1, "following": 1}.get(rel, 0)
    if dct is None:
        return Reading(None, None, None, "week" if unit in ("week", "weekend") else unit)  # type: ignore[arg-type]
    out: Reading
    if unit in ("week", "weekend"):
        lo, hi, value = _week_of(dct + timedelta(weeks=shift))
        if unit == "weekend":
            lo, value = lo + timedelta(days=5), value + "-WE"
        out = Reading(value, lo, hi, "week")
    elif unit == "month":
        y, mo = divmod(dct.year * 12 + dct.month - 1 + shift, 12)
        out = _month_reading(y, mo + 1)
    elif unit == "quarter":
        q0 = (dct.month - 1) // 3 + shift
        y, q = dct.year + q0 // 4, q0 % 4 + 1
        out = Reading(f"{y}-Q{q}", date(y, 3 * q - 2, 1), _month_interval(y, 3 * q)[1], "quarter")
    else:
        out = _year_reading(dct.year + shift)
    if when == "earlier" and shift == 0 and out.earliest is not None:
        out = Reading(out.value, out.earliest, max(out.earliest, dct - timedelta(days=1)), out.precision)
    elif when == "later" and shift == 0 and out.latest is not None:
        out = Reading(out.value, min(out.latest, dct + timedelta(days=1)), out.latest, out.precision)
    return out


def _ago(m: re.Match[str], text: str, dct: date | None, past: bool) -> Reading | None:
    """ "two days ago", "a week ago", "three years ago": counted back from the DCT."""
    n, unit = _number(_g(m, "num")), _g(m, "unit").lower()
    if n is None or dct is None:
        return Reading("PAST_REF", None, dct, "before")
    if unit in ("day", "week"):
        return _day(dct - timedelta(days=n * (7 if unit == "week" else 1)))
    if unit == "month":
        y, mo = divmod(dct.year * 12 + dct.month - 1 - n, 12)
        return _month_reading(y, mo + 1)
    if dct.year - n * (10 if unit == "decade" else 1) < 1:  # "10,000 years ago"
        return Reading(f"P{n}Y" if unit == "year" else "PAST_REF", None, dct, "before")
    if unit == "year":  # MEANTIME gives "two years ago" the duration as its value
        year = _year_reading(dct.year - n)
        return Reading(f"P{n}Y", year.earliest, year.latest, "year")
    if unit == "decade":
        return _year_reading(dct.year - 10 * n)
    return _day(dct)  # hours or minutes ago: today


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


def _numeric_date(m: re.Match[str], text: str, dct: date | None, past: bool) -> Reading | None:
    """7/8/07 in the American order (month first) unless the first number cannot be a month."""
    a, b, year = int(_g(m, "a")), int(_g(m, "b")), int(_g(m, "y"))
    if year < 100:
        year += 2000 if year < 70 else 1900
    month, day = (a, b) if a <= 12 else (b, a)
    d = _safe_date(year, month, day)
    return _day(d) if d else None


REF_DAY = "REF_DAY"  # "the day": resolved after recognition to the last day named before it


def _the_day(m: re.Match[str], text: str, dct: date | None, past: bool) -> Reading | None:
    return Reading(REF_DAY, dct, dct, "day")


def _ref(value: str) -> Handler:
    def read(m: re.Match[str], text: str, dct: date | None, past: bool) -> Reading | None:
        if value == "PAST_REF":
            return Reading(value, None, dct, "before")
        if value == "FUTURE_REF":
            return Reading(value, dct, None, "after")
        return Reading(value, dct, dct, "day")

    return read


def _clock(m: re.Match[str], text: str, dct: date | None, past: bool) -> Reading | None:
    hour, minute = int(_g(m, "h")), int(_g(m, "min") or 0)
    ampm = _g(m, "ampm").lower().replace(".", "")
    if ampm == "pm" and hour < 12:
        hour += 12
    elif ampm == "am" and hour == 12:
        hour = 0
    if hour > 23:
        return None
    zone = "Z" if _g(m, "tz").upper() in ("UTC", "GMT") else ""
    if dct is None:
        return Reading(f"XXXX-XX-XXT{hour:02d}:{minute:02d}{zone}", None, None, "day")
    return _day(dct, f"T{hour:02d}:{minute:02d}{zone}")


_I = "(?i:{})".format  # a case-insensitive piece inside a case-sensitive pattern

RULES: list[tuple[re.Pattern[str], Handler]] = [
    # calendar dates
    (re.compile(r"\b(?P<y>(?:1[89]|20)\d\d)-(?P<m>[01]\d)-(?P<d>[0-3]\d)\b"), _iso),
    (re.compile(rf"\b(?:{_WEEKDAY},?\s+)?{_MONTH}\s+{_DAY},?\s+{_YEAR}\b"), _full_date),
    (re.compile(rf"\b(?:{_WEEKDAY},?\s+)?{_DAY}\s+{_I('of')}?\s*{_MONTH},?\s+{_YEAR}\b"), _full_date),
    (re.compile(rf"\b(?:{_WEEKDAY},?\s+)?{_MONTH}\s+{_DAY}\b{_NOT_NUMBER_AFTER}"), _month_day),
    (re.compile(rf"\b(?:{_WEEKDAY},?\s+)?{_DAY}\s+(?:{_I('of')}\s+)?{_MONTH}\b"), _month_day),
    (re.compile(r"(?<![\d/])\b(?P<a>[01]?\d|[0-3]\d)/(?P<b>[0-3]?\d)/(?P<y>(?:19|20)?\d\d)\b(?![\d/])"), _numeric_date),
    # months, years, decades, quarters, halves, seasons
    (re.compile(rf"\b(?:{_I(_EDGE)}[\s-]+)?{_MONTH},?\s+(?:{_I('of')}\s+)?{_YEAR}\b"), _month_year),
    (
        re.compile(rf"\b(?:{_I(_EDGE)}[\s-]+)?(?:{_I('(?P<rel>last|this|next|past|previous|coming)')}\s+)?{_MONTH}\b"),
        _month_alone,
    ),
    (re.compile(rf"{_NOT_NUMBER_BEFORE}\b(?:{_I(_EDGE)}[\s-]+)?{_YEAR}\b{_NOT_NUMBER_AFTER}"), _year),
    (re.compile(r"(?<=\s)'(?P<short_year>\d\d)\b(?!')"), _short_year),
    (re.compile(r"(?i)\b(?:the\s+)?(?:(?:early|late|mid)[\s-]+)?(?P<decade>(?:1[89]|20)\d0)'?s\b"), _decade),
    (re.compile(r"(?<![\w'$£€])'?(?P<short>[2-9]0)'?s\b"), _decade),
    (
        re.compile(
            rf"(?i)\b(?:the\s+)?(?P<q>first|second|third|fourth|1st|2nd|3rd|4th|last|final)[\s-]+(?:fiscal\s+)?"
            rf"quarter(?:\s+(?:of\s+)?(?:{_YEAR}|(?:the\s+)?(?P<rel>this|last|next|current)\s+year))?\b"
        ),
        _quarter,
    ),
    (re.compile(rf"\b(?P<q>Q[1-4])(?:\s+|-|/)?(?:{_YEAR})?\b"), _quarter),
    (
        re.compile(
            rf"(?i)\b(?:the\s+)?(?P<h>first|second)\s+half(?:\s+of\s+(?:{_YEAR}|(?:the\s+)?"
            rf"(?P<rel>this|last|next|current)\s+year))\b"
        ),
        _half,
    ),
    (
        re.compile(
            rf"(?i)\b(?:(?:early|late|mid)[\s-]+)?(?:(?P<rel>this|last|next|the\s+coming|the\s+past)\s+)?"
            rf"(?P<season>spring|summer|autumn|winter)(?:\s+(?:of\s+)?{_YEAR})?\b"
        ),
        _season,
    ),
    (re.compile(rf"(?i)\b(?:(?P<rel>this|last|next)\s+)?(?P<season>fall)\s+(?:of\s+)?{_YEAR}\b"), _season),
    (re.compile(r"(?i)\b(?P<rel>this|last|next)\s+(?P<season>fall)\b"), _season),
    # days relative to the DCT
    (
        re.compile(
            r"(?i)\b(?:(?:earlier|later)\s+)?(?P<deictic>today|tonight|yesterday|tomorrow|last\s+night)"
            r"(?:\s+(?P<part>morning|afternoon|evening))?\b"
        ),
        _deictic_day,
    ),
    (re.compile(r"(?i)\b(?:early\s+|late\s+)?this\s+(?P<part>morning|afternoon|evening)\b"), _this_part),
    (
        re.compile(
            rf"(?<!Black\s)(?<!Cyber\s)\b(?:{_I('(?P<rel>last|this|next|coming)')}\s+)?{_WEEKDAY}"
            rf"(?:\s+{_I('(?P<part>morning|afternoon|evening|night)')})?\b"
        ),
        _weekday,
    ),
    (
        re.compile(
            r"(?i)\b(?:(?P<when>earlier|later)\s+)?(?:(?:by\s+)?(?:the\s+)?(?:end|beginning|start|middle)\s+of\s+)?"
            r"(?P<rel>this|last|next|the\s+last|the\s+previous|the\s+coming|the\s+following|the\s+current"
            r"|(?<=of\s)the)\s+(?P<unit>week|weekend|month|quarter|year)\b(?!s)"
        ),
        _relative_unit,
    ),
    (
        re.compile(
            r"(?i)\b(?:(?:early|late)\s+in\s+|(?:the\s+)?(?:start|end)\s+of\s+)?the\s+(?:same\s+)?day\b"
            r"(?!\s+(?:before|after|of|when|that|and|or))"
        ),
        _the_day,
    ),
    (re.compile(rf"(?i)\b{_NUM}\s+{_UNIT}\s+(?:ago|earlier)\b"), _ago),
    # durations and recurrences
    (
        re.compile(
            rf"(?i)\b(?:(?:about|around|nearly|almost|over|roughly|approximately|some)\s+"
            rf"|the\s+(?:(?:past|last|next|previous|first|coming|following|final|full|entire|whole)\s+)?)?{_NUM}"
            rf"(?:[\s-]+(?:straight|consecutive|full|trading|business|working|calendar))?[\s-]+{_UNIT}\b"
            rf"(?!-old|\s+old)"
        ),
        _duration,
    ),
    (
        re.compile(
            r"(?i)\b(?:(?:for|within|in|over)\s+(?:the\s+)?(?:past\s+|last\s+)?)(?P<unit>minutes|hours|days|weeks"
            r"|months|years|decades|centuries)\b"
        ),
        _vague_duration,
    ),
    (
        re.compile(r"(?i)\bthe\s+(?:past|last|next|previous|coming)\s+(?P<single>)(?P<unit>decade|century)\b"),
        _vague_duration,
    ),
    (re.compile(r"(?i)\bthe\s+past\s+(?P<single>)(?P<unit>year|month|week)\b"), _vague_duration),
    (re.compile(r"(?i)\b(?P<set>annual|yearly|monthly|weekly|daily|quarterly)\b"), _set),
    # clock times
    (
        re.compile(
            r"(?i)\b(?P<h>[01]?\d|2[0-3])(?::(?P<min>[0-5]\d))(?:\s*(?P<ampm>[ap]\.m\.|[ap]m\b))?"
            r"(?:\s*\(?(?P<tz>UTC|GMT|EST|EDT|PST|PDT|CET|BST)\b\)?)?"
        ),
        _clock,
    ),
    (
        re.compile(
            r"(?i)\b(?P<h>1[0-2]|0?[1-9])(?P<min>)\s*(?P<ampm>[ap]\.m\.|[ap]m\b)(?:\s*\(?(?P<tz>UTC|GMT)\b\)?)?"
        ),
        _clock,
    ),
    (re.compile(r"\b(?P<h>[01]\d|2[0-3])(?P<min>[0-5]\d)(?P<ampm>)\s*(?P<tz>UTC|GMT)\b"), _clock),
    # references without a date
    (re.compile(r"(?i)\b(?:(?:more\s+)?recently|lately)\b"), _ref("PAST_REF")),
    (
        re.compile(r"(?i)\bthe\s+past\b(?!\s+(?:decade|century|year|month|week|day|few|several|two|three|\d))"),
        _ref("PAST_REF"),
    ),
    (re.compile(r"(?i)\brecent(?:\s+(?:years|months|weeks|days|times|history))?\b"), _ref("PAST_REF")),
    (re.compile(r"(?:(?<=^)|(?<=[.!?\n]\s)|(?<=\n))Earlier\b"), _ref("PAST_REF")),
    (re.compile(r"(?i)\b(?:now|at\s+present|nowadays|at\s+the\s+moment)\b(?!\s+that|-)"), _ref("PRESENT_REF")),
    (re.compile(r"(?i)\bthe\s+time\s+being\b"), _ref("PRESENT_REF")),
    (
        re.compile(
            r"(?i)\b(?:the\s+(?:near\s+|distant\s+)?future|the\s+(?:near|short|long)\s+term"
            r"|(?<!as\s)soon(?!\s+as\b|-))\b"
        ),
        _ref("FUTURE_REF"),
    ),
]

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


def _candidates(text: str, dct: date | None) -> Iterator[tuple[int, int, Reading]]:
    for pattern, handler in RULES:
        for m in pattern.finditer(text):
            start, end = m.span()
            if start == end or (_NOT_TIME_AFTER.match(text, end) and handler is _duration):
                continue
            try:
                reading = handler(m, text, dct, _is_past_context(text, start, end))
            except (OverflowError, ValueError):
                continue  # "next week" at 9999-12-31: a date outside the calendar is no reading
            if reading is not None:
                yield start, end, reading


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
    readings = _resolve_references(text, chosen, published)
    return [
        When(
            text=text[start:end],
            span=Span.of(text, start, end),
            earliest=reading.earliest,
            latest=reading.latest,
            precision=reading.precision,
            value=reading.value,
            anchor=anchor,
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
