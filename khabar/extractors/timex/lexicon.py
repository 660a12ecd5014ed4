"""The words of time expressions (month, weekday, number, unit and season names) and the regular-expression
pieces built from them, shared by every rule."""

from __future__ import annotations

import re

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
    rf"(?<![\d,./])(?P<num>\d{{1,3}}(?:,\d{{3}})+|\d+(?:\.\d+)?"
    rf"|(?:{_NUM_WORD})(?:[\s-](?:{_NUM_WORD}))?|{_VAGUE}|an?)"
)
_UNIT = r"(?P<unit>second|minute|hour|day|week|month|quarter|year|decade|century|centurie)s?"
_EDGE = r"(?P<edge>early|late|mid|the\s+end\s+of|the\s+beginning\s+of|the\s+start\s+of|the\s+middle\s+of)"
_NOT_NUMBER_BEFORE = r"(?<![$£€\d.,/-])"
_NOT_NUMBER_AFTER = r"(?![\d%]|,\d|\.\d|-\d|\s*(?:%|percent|per\s+cent))"
_NOT_NUMBER_BUT_DAYS_AFTER = r"(?![\d%]|,\d|\.\d|-(?![0-3]?\d\b)\d|\s*(?:%|percent|per\s+cent))"  # "Nov. 3-5"
