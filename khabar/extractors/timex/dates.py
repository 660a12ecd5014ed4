"""Handlers for calendar dates, times of day and dates relative to the creation time (DATE and TIME)."""

from __future__ import annotations

import re
from datetime import date, timedelta

from khabar.extractors.timex.lexicon import DAY_PARTS, ORDINALS, SEASON_MONTHS, SEASONS, WEEKDAYS
from khabar.extractors.timex.reading import (
    Reading,
    _day,
    _g,
    _month_interval,
    _month_number,
    _month_reading,
    _number,
    _safe_date,
    _shifted_year,
    _week_of,
    _year_for,
    _year_reading,
)

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
