"""Handlers for calendar dates, times of day and dates relative to the creation time (DATE and TIME)."""

from __future__ import annotations

import re
from datetime import date, timedelta

from khabar.extractors.timex.lexicon import DAY_PARTS, MONTHS, ORDINALS, SEASON_MONTHS, SEASONS, WEEKDAYS
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
    return _day(d, _part_suffix(m)) if d else None


def _part_suffix(m: re.Match[str]) -> str:
    """ "the night of 3 July": the part of the day a date is named with, as a TIME suffix ("TNI")."""
    part = _g(m, "part").lower()
    return f"T{DAY_PARTS[part]}" if part else ""


def _month_day(m: re.Match[str], text: str, dct: date | None, past: bool) -> Reading | None:
    month, day = _month_number(_g(m, "month")), int(_g(m, "day"))
    if not 1 <= day <= 31:
        return None
    if dct is None:
        return Reading(f"XXXX-{month:02d}-{day:02d}{_part_suffix(m)}", None, None, "day")
    year_rel = _g(m, "yrel").lower()  # "12 January this year", "Nov. 2 last year"
    if year_rel:
        year = dct.year + {"last": -1, "next": 1}.get(year_rel, 0)
    else:
        year = _year_for(month, day, dct, past, _stated_past(text, m.start(), m.end()))
    d = _safe_date(year, month, day)
    return _day(d, _part_suffix(m)) if d else None


def _month_year(m: re.Match[str], text: str, dct: date | None, past: bool) -> Reading | None:
    return _month_reading(int(_g(m, "year")), _month_number(_g(m, "month")))


_BEFORE_A_MONTH = frozenset(  # words that open a phrase naming a month ("In May", "Until March")
    {
        "in", "on", "by", "since", "until", "till", "from", "through", "during", "before", "after", "of", "and",
        "or", "to", "last", "this", "next", "early", "late", "mid", "the", "between", "at",
    }
)  # fmt: skip
_NAME_BEFORE = re.compile(r"([A-Z][\w'’.-]*)\s+$")
_MODAL_MAY = re.compile(r"\s+(?:the|a|an|I|we|you|he|she|it|they|God|his|her|their|our|all)\b")


def _stated_past(text: str, start: int, end: int) -> bool:
    """Whether the clause's own verb states the past (see ``anchoring.stated_past``)."""
    from khabar.extractors.timex.anchoring import stated_past  # anchoring builds on this module's readings

    return stated_past(text, start, end)


def _month_alone(m: re.Match[str], text: str, dct: date | None, past: bool) -> Reading | None:
    """A month named without its year: the nearest one in the clause's direction, or the one "last year"
    and "next year" name. A capitalised word before it that no month follows makes it a surname ("Theresa
    May"), and a sentence-opening "May" before a subject is the modal ("May the injured recover")."""
    name = _g(m, "month")
    before = text[max(0, m.start() - 30) : m.start()]
    named = _NAME_BEFORE.search(before)
    if not _g(m, "rel") and not _g(m, "edge") and named:
        word = named.group(1).lower().rstrip(".,")
        if word not in _BEFORE_A_MONTH and word not in WEEKDAYS:
            return None
    if name == "May" and re.search(r"(?:^|[.!?\n\"“]\s*)$", before) and _MODAL_MAY.match(text, m.end()):
        return None
    month = _month_number(name)
    if dct is None:
        return Reading(f"XXXX-{month:02d}", None, None, "month")
    rel = _g(m, "rel").lower()
    year_rel = _g(m, "yrel").lower()
    if year_rel:
        return _month_reading(dct.year + {"last": -1, "next": 1}.get(year_rel, 0), month)
    if rel in ("last", "past", "previous"):
        year = dct.year if month < dct.month else dct.year - 1
    elif rel in ("next", "coming"):
        year = dct.year if month > dct.month else dct.year + 1
    elif rel == "this":
        year = dct.year
    else:
        year = _year_for(month, None, dct, past, _stated_past(text, m.start(), m.end()))
    return _month_reading(year, month)


_INDEX_AFTER = re.compile(r"\s+(?i:index)\b")


def _after_a_name(text: str, start: int) -> bool:
    """Whether a capitalised word that opens no date phrase and no sentence stands right before ``start``: a
    number after it belongs to a name ("iLife '11", "Russell 2000"), as a month after it is a surname."""
    named = re.search(r"([A-Za-z][\w'’.-]*)\s+$", text[max(0, start - 40) : start])
    if not named or named.group(1).islower():
        return False
    opening = text[max(0, start - 40) : start][: named.start()].rstrip()
    if not opening or opening[-1] in '.!?"“:\n':
        return False  # "In '82 ...", "Photoshop" opening a sentence: no name before it
    word = named.group(1).lower().rstrip(".,")
    return word not in _BEFORE_A_MONTH and word not in WEEKDAYS and word not in MONTHS


def _year(m: re.Match[str], text: str, dct: date | None, past: bool) -> Reading | None:
    """A year on its own; not the number of a name that a capitalised word opens ("the Russell 2000
    index")."""
    if _INDEX_AFTER.match(text, m.end()) and _after_a_name(text, m.start()):
        return None
    return _year_reading(int(_g(m, "year")))


def _short_year(m: re.Match[str], text: str, dct: date | None, past: bool) -> Reading | None:
    """'82: that year in the century that puts it at or before the DCT; after a name it is a version or an
    edition ("Photoshop '21"), not a time."""
    if _after_a_name(text, m.start()):
        return None
    n, latest = int(_g(m, "short_year")), dct.year if dct else 2099
    century = latest // 100 * 100
    return _year_reading(century + n if century + n <= latest else century - 100 + n)


DECADE_WORDS = {"twenties": 20, "thirties": 30, "forties": 40, "fifties": 50, "sixties": 60, "seventies": 70,
                "eighties": 80, "nineties": 90}  # fmt: skip


def _decade(m: re.Match[str], text: str, dct: date | None, past: bool) -> Reading | None:
    """ "the 1990s", "the '70s", "the nineties" (a decade word is of the 1900s, as "the '70s" is)."""
    if m.groupdict().get("word"):
        start = 1900 + DECADE_WORDS[_g(m, "word").lower()]
        return Reading(str(start // 10), date(start, 1, 1), date(start + 9, 12, 31), "decade")
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


_REPORTING = re.compile(
    r"(?i)\b(?:profits?|sales|earnings|revenues?|income|loss(?:es)?|growth|economy|economic|GDP|output|results|"
    r"shares|prices|inflation|exports|imports|deficit|surplus|fiscal|forecasts?|quarter)\b"
)


def _half(m: re.Match[str], text: str, dct: date | None, past: bool) -> Reading | None:
    """ "the second half of 2010", "the first half": a half of the year. Bare, it is a half of the year only
    where its sentence reports an economy or a business (a game has halves too)."""
    if m.groupdict().get("bare") is not None:
        lo = max(text.rfind(".", 0, m.start()), text.rfind("\n", 0, m.start())) + 1
        hi = min((i for i in (text.find(".", m.end()), text.find("\n", m.end())) if i >= 0), default=len(text))
        if not _REPORTING.search(text, lo, hi):
            return None
    n = ORDINALS[_g(m, "h").lower()]
    if _g(m, "year"):
        year = int(_g(m, "year"))
    elif dct is None:
        return Reading(f"XXXX-H{n}", None, None, "quarter")
    else:
        year = _shifted_year(m, dct)
        if not _g(m, "rel") and past and date(year, 6 * n - 5, 1) > dct:
            year -= 1  # "profit in the second half" told in March: last year's
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


_GENERIC_TODAY = re.compile(
    r"['’]s\s+(?:(?i:world|society|economy|generation|youth|market|standards|technology)\b|[A-Z])"
)


def _deictic_day(m: re.Match[str], text: str, dct: date | None, past: bool) -> Reading | None:
    word = _g(m, "deictic").lower()
    if word == "today" and _GENERIC_TODAY.match(text, m.end()):
        return Reading("PRESENT_REF", dct, dct, "day")  # "today's world": the present, not the DCT's day
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
    rel = (_g(m, "rel").lower().split() or [""])[-1]  # "this coming Monday" is the coming one
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
    """ "two days ago", "a week ago", "three years ago": the date that far back from the DCT, at the grain
    of the unit (TimeML gives "ago" expressions a DATE value, not the duration inside them)."""
    n, unit = _number(_g(m, "num")), _g(m, "unit").lower()
    if n is None or dct is None:
        return Reading("PAST_REF", None, dct, "before")
    return _shift(dct, unit, -n)


def _shift(anchor: date, unit: str, n: int) -> Reading:
    """The date ``n`` units from ``anchor`` at the grain of the unit ("three years" back from 2009: 2006)."""
    if unit in ("day", "week"):
        return _day(anchor + timedelta(days=n * (7 if unit == "week" else 1)))
    if unit in ("month", "quarter"):
        y, mo = divmod(anchor.year * 12 + anchor.month - 1 + n * (3 if unit == "quarter" else 1), 12)
        if unit == "quarter":
            q = mo // 3 + 1
            return Reading(f"{y}-Q{q}", date(y, 3 * q - 2, 1), _month_interval(y, 3 * q)[1], "quarter")
        return _month_reading(y, mo + 1)
    years = n * {"decade": 10, "century": 100, "centurie": 100}.get(unit, 1)
    if unit in ("year", "decade", "century", "centurie"):
        if anchor.year + years < 1:  # "10,000 years ago": a year BC (year 0 is 1 BC), before Python's calendar
            return Reading(f"BC{1 - (anchor.year + years):04d}", None, anchor, "before")
        if unit == "year":
            return _year_reading(anchor.year + years)
        start = (anchor.year + years) // 10 * 10
        return Reading(str(start // 10), date(start, 1, 1), date(start + 9, 12, 31), "decade")
    return _day(anchor)  # hours or minutes: the same day


REF = "REF"  # an anaphoric reading, "REF:<unit>:<offset>", resolved after recognition against the focus


def _ref_offset(m: re.Match[str], text: str, dct: date | None, past: bool) -> Reading | None:
    """ "the day before", "the next day", "two days later", "a year earlier": counted from the time in focus
    (the last date named before it), not from the DCT; resolved in the second pass."""
    word = _g(m, "dir").lower()
    sign = -1 if word in ("before", "earlier", "previous", "prior", "preceding") else 1
    if word in ("same", "that", ""):
        sign = 0  # "that day", "the same day", "early evening", "in the morning": the day in focus
    num = _g(m, "num")
    n = _number(num) if num else 1
    if n is None:
        return None
    unit = (_g(m, "unit") or "day").lower().rstrip("s")
    if num and unit == "week":  # "a week later" is a day, as "a week ago" is; "the following week" a week
        unit, n = "day", 7 * n
    return Reading(f"{REF}:{unit}:{sign * n}", dct, dct, "day")


def _same_period(m: re.Match[str], text: str, dct: date | None, past: bool) -> Reading | None:
    """ "the same period last year", "the same quarter a year earlier": the period in focus, a year back."""
    return Reading(f"{REF}:year:-1:compare", dct, dct, "day")  # a comparison: the focus stays where it was


ZONES = {  # standard offsets from UTC of the zone abbreviations news uses (ISO 8601 suffixes)
    "UTC": "Z", "GMT": "Z", "Z": "Z", "EST": "-05:00", "EDT": "-04:00", "CST": "-06:00", "CDT": "-05:00",
    "MST": "-07:00", "MDT": "-06:00", "PST": "-08:00", "PDT": "-07:00", "CET": "+01:00", "CEST": "+02:00",
    "BST": "+01:00", "EET": "+02:00", "EEST": "+03:00", "MSK": "+03:00", "IST": "+05:30", "JST": "+09:00",
    "KST": "+09:00", "HKT": "+08:00", "SGT": "+08:00", "AEST": "+10:00", "AEDT": "+11:00", "WAT": "+01:00",
    "CAT": "+02:00", "EAT": "+03:00", "SAST": "+02:00", "PKT": "+05:00", "AST": "-04:00", "ADT": "-03:00",
    "HST": "-10:00", "AKST": "-09:00", "AKDT": "-08:00", "WIB": "+07:00", "PHT": "+08:00", "NZST": "+12:00",
    "NZDT": "+13:00", "ACST": "+09:30", "AWST": "+08:00",
    "ET": "", "PT": "",  # US Eastern/Pacific without saying standard or daylight time: no offset to give
}  # fmt: skip
ZONE_NAMES = "|".join(sorted(ZONES, key=len, reverse=True))


def _century(m: re.Match[str], text: str, dct: date | None, past: bool) -> Reading | None:
    """ "the 20th century" is 1901-2000, TimeML value "19" (its first two digits); "this/last century"
    from the DCT."""
    ordinal = _g(m, "nth").lower()
    if ordinal:
        n = _number(re.sub(r"(?:st|nd|rd|th)$", "", ordinal)) if ordinal[:1].isdigit() else ORDINAL_WORDS.get(ordinal)
    elif dct is not None:
        n = (dct.year - 1) // 100 + 1 + {"last": -1, "next": 1, "previous": -1}.get(_g(m, "rel").lower(), 0)
    else:
        return None
    if n is None or not 1 <= n <= 30:
        return None
    first = (n - 1) * 100 + 1
    return Reading(f"{n - 1:02d}", date(first, 1, 1), date(first + 99, 12, 31), "decade")


ORDINAL_WORDS = {
    "first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7, "eighth": 8,
    "ninth": 9, "tenth": 10, "eleventh": 11, "twelfth": 12, "thirteenth": 13, "fourteenth": 14, "fifteenth": 15,
    "sixteenth": 16, "seventeenth": 17, "eighteenth": 18, "nineteenth": 19, "twentieth": 20,
    "twenty-first": 21, "twenty first": 21,
}  # fmt: skip


def _fiscal(m: re.Match[str], text: str, dct: date | None, past: bool) -> Reading | None:
    """ "fiscal 2009", "FY2009", "this fiscal year": TimeML's "FY2009". A fiscal year's months differ by
    organisation and country, so the interval stays open."""
    if _g(m, "year"):
        year = int(_g(m, "year"))
    elif _g(m, "fy"):
        short = int(_g(m, "fy"))
        year = short if short > 999 else 2000 + short
    elif dct is not None:
        year = _shifted_year(m, dct)
    else:
        return Reading("FYXXXX", None, None, "year")
    return Reading(f"FY{year}", None, None, "year")


HOLIDAYS = {"christmas": (12, 25), "christmas eve": (12, 24), "new year's": (1, 1), "new year's day": (1, 1),
            "new year's eve": (12, 31), "halloween": (10, 31)}  # fmt: skip


def _holiday(m: re.Match[str], text: str, dct: date | None, past: bool) -> Reading | None:
    """Holidays on a fixed day of the calendar, as TimeML dates ("Christmas": the 25 December nearest the
    DCT in the clause's direction)."""
    name = " ".join((_g(m, "ext") or m.group(0)).lower().replace("’", "'").split())
    if name not in HOLIDAYS:
        name = " ".join(_g(m, "holiday").lower().replace("’", "'").split())
    if name not in HOLIDAYS or name == "new year's":
        return None  # "New Year's" alone names the season as often as the day
    month, day = HOLIDAYS[name]
    if dct is None:
        return Reading(f"XXXX-{month:02d}-{day:02d}", None, None, "day")
    return _day(date(_year_for(month, day, dct, past), month, day))


def _year_range(m: re.Match[str], text: str, dct: date | None, past: bool) -> Reading | None:
    """ "2009-2010", "1957-58": one stretch of whole years. TIMEX3 has no interval value, so it is typed a
    DURATION of its length in years, while its When keeps the real interval."""
    first, second = int(_g(m, "y1")), _g(m, "y2")
    last = int(second) if len(second) == 4 else first // 100 * 100 + int(second)
    if not first < last <= first + 30:
        return None
    return Reading(f"P{last - first + 1}Y", date(first, 1, 1), date(last, 12, 31), "year", kind="DURATION")


def _numeric_date(m: re.Match[str], text: str, dct: date | None, past: bool) -> Reading | None:
    """7/8/07 in the American order (month first) unless the first number cannot be a month."""
    a, b, year = int(_g(m, "a")), int(_g(m, "b")), int(_g(m, "y"))
    if year < 100:
        year += 2000 if year < 70 else 1900
    month, day = (a, b) if a <= 12 else (b, a)
    d = _safe_date(year, month, day)
    return _day(d) if d else None


def _that_time(m: re.Match[str], text: str, dct: date | None, past: bool) -> Reading | None:
    """ "by that time", "at that point": the time in focus at its own grain, resolved in the second pass (a
    past reference when nothing is in focus)."""
    return Reading(f"{REF}:focus:0", dct, dct, "day")


REF_DAY = "REF_DAY"  # "the day": resolved after recognition to the last day named before it


def _the_day(m: re.Match[str], text: str, dct: date | None, past: bool) -> Reading | None:
    return Reading(REF_DAY, dct, dct, "day")


def _clock(m: re.Match[str], text: str, dct: date | None, past: bool) -> Reading | None:
    hour, minute = _number(_g(m, "h")) or 0, int(_g(m, "min") or 0)  # "10:30", "ten o'clock"
    ampm = _g(m, "ampm").lower().replace(".", "")
    if ampm == "pm" and hour < 12:
        hour += 12
    elif ampm == "am" and hour == 12:
        hour = 0
    part = _g(m, "dp").lower()
    if not ampm and hour < 12 and (part in ("afternoon", "evening") or (part == "night" and hour >= 6)):
        hour += 12  # "3:30 in the afternoon"
    if hour > 23:
        return None
    zone = ZONES.get(_g(m, "tz").upper(), "")
    suffix = f"T{hour:02d}:{minute:02d}{zone}"
    if _g(m, "weekday") or _g(m, "deictic"):  # "15:00 GMT Saturday", "16:00 UTC today": one TIME
        day = (_weekday if _g(m, "weekday") else _deictic_day)(m, text, dct, past)
        if day is not None and day.earliest is not None:
            return _day(day.earliest, suffix)
    if dct is None:
        return Reading(f"XXXX-XX-XX{suffix}", None, None, "day")
    return _day(dct, suffix)


def _weekend(m: re.Match[str], text: str, dct: date | None, past: bool) -> Reading | None:
    """ "over the weekend": the last weekend in a past clause (this one when the DCT falls on it), the next
    in a future one."""
    if dct is None:
        return Reading("XXXX-WXX-WE", None, None, "week")
    if past:
        day = dct if dct.weekday() >= 5 else dct - timedelta(days=dct.weekday() + 1)
    else:
        day = dct if dct.weekday() >= 5 else dct + timedelta(days=5 - dct.weekday())
    monday, sunday, week = _week_of(day)
    return Reading(week + "-WE", monday + timedelta(days=5), sunday, "week")


def _noon(m: re.Match[str], text: str, dct: date | None, past: bool) -> Reading | None:
    """ "noon" is 12:00 and "midnight" 24:00 (the end of the day, as ISO 8601 and TIDES write it) of the
    DCT's day until the second pass finds the day in focus."""
    clock = "T24:00" if _g(m, "word").lower() == "midnight" else "T12:00"
    if _g(m, "weekday") or _g(m, "deictic"):  # "noon Tuesday", "midnight tonight": one TIME
        day = (_weekday if _g(m, "weekday") else _deictic_day)(m, text, dct, past)
        if day is not None and day.earliest is not None:
            return _day(day.earliest, clock)
    return Reading(f"XXXX-XX-XX{clock}", None, None, "day") if dct is None else _day(dct, clock)


def _race_time(m: re.Match[str], text: str, dct: date | None, past: bool) -> Reading | None:
    """ "3:07:35" with no zone or am/pm and not after "at": a race or elapsed time, a DURATION."""
    h, mi, se = int(_g(m, "h")), int(_g(m, "min")), int(_g(m, "sec"))
    parts = (f"{h}H" if h else "") + (f"{mi}M" if mi else "") + (f"{se}S" if se else "")
    return Reading(f"PT{parts or '0S'}", None, None, "duration")
