"""The rules: each pattern with the handler that reads its match, longest match winning at recognition."""

from __future__ import annotations

import re

from khabar.extractors.timex.dates import (
    ZONE_NAMES,
    _ago,
    _century,
    _clock,
    _decade,
    _deictic_day,
    _fiscal,
    _full_date,
    _half,
    _holiday,
    _iso,
    _month_alone,
    _month_day,
    _month_year,
    _noon,
    _numeric_date,
    _quarter,
    _race_time,
    _ref_offset,
    _relative_unit,
    _same_period,
    _season,
    _short_year,
    _that_time,
    _the_day,
    _this_part,
    _weekday,
    _weekend,
    _year,
    _year_range,
)
from khabar.extractors.timex.durations import (
    _duration,
    _every,
    _half_of_unit,
    _range_duration,
    _ref,
    _set,
    _vague_duration,
)
from khabar.extractors.timex.lexicon import (
    _DAY,
    _EDGE,
    _MONTH,
    _NOT_NUMBER_AFTER,
    _NOT_NUMBER_BEFORE,
    _NOT_NUMBER_BUT_DAYS_AFTER,
    _NUM,
    _NUM_WORD,
    _UNIT,
    _WEEKDAY,
    _YEAR,
)
from khabar.extractors.timex.reading import Handler

_I = "(?i:{})".format  # a case-insensitive piece inside a case-sensitive pattern
_CLAUSE_END = r"""(?=\s*(?:[,.;:!?)"'”]|$|yesterday\b|tomorrow\b))"""  # nothing of the clause follows
_DAY_PART = (
    r"(?-i:(?P<unit>morning|afternoon|evening|night))\b(?!\s+(?:of|before|after)\b)"  # "in the Morning": a title
)
_PLURAL_UNIT = r"(?-i:(?P<unit>seconds|minutes|hours|days|weeks|months|years|decades|centuries))"
_APPROX = r"(?:(?:about|around|approximately|roughly|nearly|almost)\s+)?"  # in the extent, as TimeML's mod
_PART_OF = r"(?:(?i:(?:the\s+)?(?P<part>morning|afternoon|evening|night)\s+of)\s+)?"  # "the night of 3 July"
_YEAR_REL = r"(?:\s+(?i:(?P<yrel>last|this|next))\s+(?i:year)\b)?"  # "12 January this year"
_CLOCK = (
    _APPROX + r"(?P<h>[01]?\d|2[0-3])(?::(?P<min>[0-5]\d))(?!:\d)(?:\s*(?P<ampm>[ap]\.m\.|[ap]m\b))?"
    rf"(?:\s*\(?(?-i:(?P<tz>{ZONE_NAMES}))\b\)?)?(?:\s+in\s+the\s+(?P<dp>morning|afternoon|evening|night))?"
)
_CLOCK_12 = _APPROX + (
    rf"(?P<h>1[0-2]|0?[1-9])(?P<min>)\s*(?P<ampm>[ap]\.m\.|[ap]m\b)(?:\s*\(?(?-i:(?P<tz>{ZONE_NAMES}))\b\)?)?"
)
_WEEKDAY_REL = r"(?i:(?P<rel>last|this(?:\s+coming)?|next|coming))"  # "this coming Monday"
_DAY_AFTER_CLOCK = (
    r"(?:,?\s+(?:(?P<rel>last|this|next|coming)\s+)?(?-i:(?P<weekday>Monday|Tuesday|Wednesday|Thursday"
    r"|Friday|Saturday|Sunday))(?:\s+(?:morning|afternoon|evening|night))?|\s+(?P<deictic>today|tonight|yesterday|tomorrow))"
)

RULES: list[tuple[re.Pattern[str], Handler]] = [
    # calendar dates
    (re.compile(r"\b(?P<y>(?:1[89]|20)\d\d)-(?P<m>[01]\d)-(?P<d>[0-3]\d)\b"), _iso),
    (re.compile(rf"\b{_PART_OF}(?:{_WEEKDAY},?[ \t]+)?{_MONTH}\s+{_DAY},?\s+{_YEAR}\b"), _full_date),
    (re.compile(rf"\b{_PART_OF}(?:{_WEEKDAY},?[ \t]+)?{_DAY}\s+{_I('of')}?\s*{_MONTH},?\s+{_YEAR}\b"), _full_date),
    (
        re.compile(rf"\b{_PART_OF}(?:{_WEEKDAY},?[ \t]+)?{_MONTH}\s+{_DAY}\b{_NOT_NUMBER_BUT_DAYS_AFTER}{_YEAR_REL}"),
        _month_day,
    ),
    (re.compile(rf"\b{_PART_OF}(?:{_WEEKDAY},?[ \t]+)?{_DAY}\s+(?:{_I('of')}\s+)?{_MONTH}\b{_YEAR_REL}"), _month_day),
    (re.compile(r"(?<![\d/])\b(?P<a>[01]?\d|[0-3]\d)/(?P<b>[0-3]?\d)/(?P<y>(?:19|20)?\d\d)\b(?![\d/])"), _numeric_date),
    # months, years, decades, quarters, halves, seasons
    (re.compile(rf"\b(?:{_I(_EDGE)}[\s-]+)?{_MONTH},?\s+(?:{_I('of')}\s+)?{_YEAR}\b"), _month_year),
    (
        re.compile(
            rf"\b(?:{_I(_EDGE)}[\s-]+)?(?:{_I('(?P<rel>last|this|next|past|previous|coming)')}\s+)?{_MONTH}\b"
            rf"(?:\s+{_I('(?P<yrel>last|this|next)')}\s+{_I('year')}\b)?"
        ),
        _month_alone,
    ),
    (re.compile(rf"{_NOT_NUMBER_BEFORE}\b(?:{_I(_EDGE)}[\s-]+)?{_YEAR}\b{_NOT_NUMBER_AFTER}(?![-–][A-Za-z])"), _year),
    (re.compile(rf"(?i)\bthe\s+year\s+{_YEAR}\b"), _year),  # "by the year 2010"
    (re.compile(r"(?<=\s)'(?P<short_year>\d\d)\b(?!')"), _short_year),
    (re.compile(r"(?i)\b(?:the\s+)?(?:(?:early|late|mid)[\s-]+)?(?P<decade>(?:1[89]|20)\d0)'?s\b"), _decade),
    (re.compile(r"(?<![\w'$£€])'?(?P<short>[2-9]0)'?s\b"), _decade),
    (
        re.compile(
            r"(?i)\bthe\s+(?:(?:early|late|mid)[\s-]+)?(?P<word>twenties|thirties|forties|fifties|sixties|seventies"
            r"|eighties|nineties)\b"
        ),
        _decade,
    ),
    (
        re.compile(
            rf"(?i)\b(?:the\s+)?(?P<q>first|second|third|fourth|1st|2nd|3rd|4th|last|final|latest)[\s-]+(?:fiscal\s+)?"
            rf"quarter(?:\s+(?:of\s+)?(?:{_YEAR}|(?:the\s+)?(?P<rel>this|last|next|current)\s+year))?\b"
        ),
        _quarter,
    ),
    (re.compile(rf"\b(?P<q>Q[1-4])(?:\s+|-|/)?(?:{_YEAR})?\b"), _quarter),
    (
        re.compile(
            rf"(?i)\b(?:the\s+)?(?P<h>first|second)[\s-]+half(?:\s+of\s+(?:{_YEAR}|(?:the\s+)?"
            rf"(?P<rel>this|last|next|current)\s+year)|(?P<bare>)(?!\s+of\b))\b"
        ),
        _half,
    ),
    (
        re.compile(
            rf"(?i)(?<!\ba\s)\b(?:(?:early|late|mid)[\s-]+)?(?:(?P<rel>this|last|next|the\s+coming|the\s+past)\s+)?"
            rf"(?P<season>spring|summer|autumn|winter)(?:\s+(?:of\s+)?{_YEAR})?\b"
        ),
        _season,
    ),
    (re.compile(rf"(?i)\b(?:(?P<rel>this|last|next)\s+)?(?P<season>fall)\s+(?:of\s+)?{_YEAR}\b"), _season),
    (re.compile(r"(?i)\b(?P<rel>this|last|next)\s+(?P<season>fall)\b"), _season),
    # days relative to the DCT
    (
        re.compile(
            r"(?i)\b(?:(?:very\s+)?(?:earlier|later|early|late)\s+)?(?P<deictic>today|tonight|yesterday|tomorrow|last\s+night)"
            r"(?:\s+(?P<part>morning|afternoon|evening))?\b"
        ),
        _deictic_day,
    ),
    (re.compile(r"(?i)\b(?:early\s+|late\s+)?this\s+(?P<part>morning|afternoon|evening)\b"), _this_part),
    (
        re.compile(
            rf"\b(?<!Black\s)(?<!Cyber\s)(?<!Good\s)(?<!Holy\s)(?<!Easter\s)(?<!Palm\s)(?<!Ash\s)"
            rf"(?<!Maundy\s)(?<!Bloody\s)(?:{_I('early|late|earlier|later')}\s+)?(?:{_WEEKDAY_REL}\s+)?{_WEEKDAY}"
            rf"(?:\s+{_I('(?P<part>morning|afternoon|evening|night)')})?\b"
        ),
        _weekday,
    ),
    (
        re.compile(
            r"(?i)\b(?:(?P<when>earlier|later|early|late|mid)[\s-]+)?(?:(?:the\s+)?(?:very\s+)?(?:end|beginning|start|middle)\s+of\s+)?"
            r"(?P<rel>this\s+past|this|last|next|the\s+last|the\s+coming|the\s+current"
            r"|(?<=of\s)the)\s+(?P<unit>week|weekend|month|quarter|year)\b(?!s)"
        ),
        _relative_unit,
    ),
    (
        re.compile(
            r"(?i)\b(?:(?:early|late|earlier|later)\s+in\s+|(?:the\s+)?(?:start|end)\s+of\s+)?the\s+(?:same\s+)?day\b"
            r"(?!\s+(?:before|after|of|when|that|and|or))"
        ),
        _the_day,
    ),
    (
        re.compile(
            rf"(?i)\b(?:(?:about|around|nearly|almost|roughly|some|just|only|more\s+than|over|less\s+than)\s+)?"
            rf"{_NUM}\s+{_UNIT}\s+(?:ago|back(?!\s+(?:to|from|in|into|on|home|up|down|then)\b))\b"
        ),
        _ago,
    ),
    # days and other units counted from the time in focus
    (re.compile(rf"(?i)\b{_NUM}\s+{_UNIT}\s+(?P<dir>before|after)\b{_CLAUSE_END}"), _ref_offset),
    (re.compile(rf"(?i)\b{_NUM}\s+{_UNIT}\s+(?P<dir>earlier|later)\b(?!\s+than\b)"), _ref_offset),
    (
        re.compile(
            rf"(?i)\b(?:the|that)\s+(?P<unit>day|night|morning|afternoon|evening)\s+(?P<dir>before|after)\b{_CLAUSE_END}"
        ),
        _ref_offset,
    ),
    (
        re.compile(
            r"(?i)\bthe\s+(?P<dir>next|following|previous|preceding|same|prior)\s+(?P<unit>day|night|morning)\b"
        ),
        _ref_offset,
    ),
    (
        re.compile(
            r"(?i)\b(?:(?:earlier|later|early|late)\s+(?:in\s+)?)?(?P<dir>that)\s+(?P<unit>day|night|morning|afternoon"
            r"|evening|week|month|year)\b(?!\s+(?:when|that)\b|['’]s\s+(?!(?:meeting|session|vote|game|match)\b))"
        ),
        _ref_offset,
    ),
    (re.compile(rf"(?i)(?<!\ba\s)\b(?:early|late)\s+(?:in\s+the\s+)?{_DAY_PART}"), _ref_offset),
    (re.compile(r"(?i)\b(?:early|late)\s+in\s+the\s+(?P<unit>day)\b"), _ref_offset),
    (re.compile(r"(?i)\bthe\s+(?:entire|whole|full)\s+(?P<unit>year|month|week|day)\b"), _ref_offset),
    (
        re.compile(
            r"(?i)\bthe\s+(?:same|corresponding|comparable|equivalent)\s+(?:period|quarter|month|time|week)\s+"
            r"(?:of\s+|in\s+)?(?:the\s+)?(?:(?:last|previous|prior)\s+year|a\s+year\s+(?:earlier|ago|before))\b"
            r"|\bthe\s+(?:year-earlier|year-ago|prior-year|previous-year)\s+(?:period|quarter|month)\b"
        ),
        _same_period,
    ),
    (
        re.compile(
            r"(?i)\b(?:in|for|during|over|through|throughout)\s+(?P<ext>the\s+(?P<unit>year|quarter|month))\b"
            r"(?!s|\s+(?:of|before|after|to|ended|ending)\b)"
        ),
        _ref_offset,
    ),
    (re.compile(rf"(?i)\bin\s+(?P<ext>the\s+(?:(?:early|late)\s+)?{_DAY_PART})"), _ref_offset),
    (re.compile(rf"(?i)\bthe\s+middle\s+of\s+the\s+{_DAY_PART}"), _ref_offset),
    (
        re.compile(
            r"(?i)\bthe\s+(?P<dir>following|previous|preceding|prior)\s+(?P<unit>week|month|quarter|year)\b(?!s)"
        ),
        _ref_offset,
    ),
    # centuries, fiscal years, year ranges
    (
        re.compile(
            r"(?i)\b(?:the\s+)?(?:(?:early|late|mid)[\s-]+)?(?:(?P<nth>\d{1,2}(?:st|nd|rd|th)|first|second|third|fourth"
            r"|fifth|sixth|seventh|eighth|ninth|tenth|eleventh|twelfth|thirteenth|fourteenth|fifteenth|sixteenth"
            r"|seventeenth|eighteenth|nineteenth|twentieth|twenty[\s-]first)|(?P<rel>this|last|next|previous))"
            r"[\s-]+century\b"
        ),
        _century,
    ),
    (
        re.compile(
            rf"(?i)\b(?:(?:the\s+)?(?P<rel>this|last|next|current|previous)\s+|the\s+)?(?:fiscal|financial)\s+"
            rf"(?:year\s+)?(?:{_YEAR}\b|year\b)|\bFY\s?(?P<fy>\d{{4}}|\d\d)\b"
        ),
        _fiscal,
    ),
    (re.compile(rf"\b{_YEAR}\s+{_I('(?:fiscal|financial)')}\s+{_I('year')}\b"), _fiscal),  # "its 1989 fiscal year"
    (
        re.compile(r"(?<![\d$£€.,/-])\b(?P<y1>(?:1[89]|20)\d\d)[-–/](?P<y2>(?:1[89]|20)\d\d|\d\d)\b(?![\d%-])"),
        _year_range,
    ),
    # durations and recurrences
    (
        re.compile(
            rf"(?i)\b(?:(?:about|around|nearly|almost|over|roughly|approximately|some)\s+"
            rf"|the\s+(?:(?:past|last|next|previous|first|coming|following|final|full|entire|whole)\s+)?)?{_NUM}(?:\s+and\s+a\s+half)?"
            rf"(?:[\s-]+(?:straight|consecutive|full|trading|business|working|calendar))?[\s-]+{_UNIT}\b"
            rf"(?:\s+and\s+a\s+half\b)?(?!-old|\s+old)"
        ),
        _duration,
    ),
    (
        re.compile(
            r"(?i)\b(?:(?:about|around|nearly|almost|over|roughly|some)\s+)?(?:half\s+an?\s+|an?\s+half[\s-]+)"
            r"(?P<unit>second|minute|hour|day|week|month|year|decade|century)\b(?!-old|\s+old\b)"
        ),
        _half_of_unit,
    ),
    (re.compile(rf"\b(?P<num>\d+)\s*(?:1/2|½)[\s-]+{_UNIT}\b(?!-old|\s+old\b)"), _duration),  # "2 1/2 years"
    (
        re.compile(
            r"(?i)\b(?:for|within|in|over)\s+(?P<ext>(?:the\s+)?(?:past\s+|last\s+)?(?P<unit>minutes|hours|days|weeks"
            r"|months|years|decades|centuries))\b"
        ),
        _vague_duration,
    ),
    (
        re.compile(r"(?i)\bthe\s+(?:past|last|next|previous|coming)\s+(?P<single>)(?P<unit>decade|century)\b"),
        _vague_duration,
    ),
    (re.compile(r"(?i)\bthe\s+past\s+(?P<single>)(?P<unit>year|month|week)\b"), _vague_duration),
    (re.compile(rf"(?i)\b(?:the\s+)?(?:most\s+)?recent\s+{_PLURAL_UNIT}\b"), _vague_duration),
    (re.compile(rf"(?i)\b(?:coming|past)\s+{_PLURAL_UNIT}\b"), _vague_duration),  # "in coming days"
    (
        re.compile(rf"(?i)\bthe\s+(?:coming|next|past|last|previous|following|first|final)\s+{_PLURAL_UNIT}\b"),
        _vague_duration,
    ),
    (
        re.compile(
            r"(?i)\b(?:on|at|before|after|until|till|since|over|during|by|for|this|last|next)\s+(?:the\s+)?"
            r"(?P<ext>(?P<holiday>Christmas|New\s+Year['’]s|Halloween)(?:\s+(?P<eve>Eve|Day))?)\b(?!\s+(?-i:[A-Z]))"
        ),
        _holiday,
    ),
    (
        re.compile(
            rf"(?i)\b(?<!\bthe\s)(?<!\bthese\s)(?<!\bthose\s)(?<!\bits\s)(?<!\btheir\s)(?<!\bhis\s)(?<!\bher\s)"
            rf"(?<!\bour\s)(?<!\bmy\s)(?<!\byour\s)(?<!\bmany\s)(?<!\bfew\s)(?<!\bearly\s)(?<!\blater\s)(?<!\bof\s)"
            rf"(?<!\blight\s)(?<!\bopening\s)(?<!\bevening\s)(?<!\bmorning\s)(?<!\bworking\s)(?<!\boffice\s)"
            rf"(?<!\bbusiness\s)(?<!\bvisiting\s)(?<!\bpeak\s)(?<!\bschool\s)(?<!\bfinal\s)(?<!\blast\s)"
            rf"(?<![\d-])(?<!\d\s){_PLURAL_UNIT}\b(?!-old|\s+old\b|\s+ago\b|\s+of\s+age\b|['’])"
        ),
        _vague_duration,
    ),
    (
        re.compile(
            rf"(?i)\b(?:between\s+{_NUM}\s+and|(?P<lo>\d+|{_NUM_WORD})\s*(?:-|–|to|or)\s*)\s*"
            rf"(?:\d+|{_NUM_WORD})[\s-]+{_UNIT}\b(?!-old|\s+old\b)"
        ),
        _range_duration,
    ),
    (
        re.compile(
            r"(?i)\b(?P<set>semi-?annual|semi-?annually|biweekly|fortnightly|annual|annually|yearly|monthly|weekly"
            r"|daily|quarterly|hourly|nightly|biannual|biannually|biennial)\b"
        ),
        _set,
    ),
    (
        re.compile(
            r"(?i)\b(?:every|each)\s+(?:(?P<other>other)\s+|(?P<num>\d+|two|three|four|five|six|ten|few)\s+)?"
            r"(?P<what>second|minute|hour|day|week|month|quarter|year|decade|century|morning|afternoon|evening"
            r"|night|weekend|season|spring|summer|autumn|fall|winter|seconds|minutes|hours|days|weeks|months|years|decades"
            r"|monday|tuesday|wednesday|thursday|friday|saturday|sunday)\b"
        ),
        _every,
    ),
    (
        re.compile(
            r"(?i)\b(?:(?:once|twice|thrice|(?:two|three|four|five|six|\d+)\s+times)\s+(?:a|an|per|each|every)"
            r"|(?<!miles\s)(?<!kilometres\s)(?<!kilometers\s)(?<!km\s)(?<!metres\s)(?<!meters\s)(?<!feet\s)"
            r"(?<!knots\s)per)\s+(?P<what>second|minute|hour|day|week|month|quarter|year|decade)\b"
        ),
        _every,
    ),
    (re.compile(r"\bon\s+(?P<what>Mondays|Tuesdays|Wednesdays|Thursdays|Fridays|Saturdays|Sundays)\b"), _every),
    (re.compile(r"(?i)\b(?:(?:over|during|at)\s+)?(?P<ext>the\s+weekend)\b"), _weekend),
    (re.compile(rf"(?i)\b(?P<word>midnight|noon|midday)\b(?!\s+sun\b){_DAY_AFTER_CLOCK}?"), _noon),
    # clock times, with the day they fall on when it follows ("15:00 GMT Saturday")
    (re.compile(rf"(?i)\b{_CLOCK}{_DAY_AFTER_CLOCK}?"), _clock),
    (re.compile(rf"(?i)\b{_CLOCK_12}{_DAY_AFTER_CLOCK}?"), _clock),
    (
        re.compile(
            rf"(?i)\b{_APPROX}(?P<h>1[0-2]|0?[1-9])\.(?P<min>[0-5]\d)\s*(?P<ampm>[ap]\.m\.|[ap]m\b){_DAY_AFTER_CLOCK}?"
        ),
        _clock,
    ),
    (
        re.compile(
            rf"(?i)\b{_APPROX}(?P<h>1[0-2]|0?[1-9]|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve)"
            rf"(?P<min>)(?P<ampm>)\s+o['’]clock\b(?:\s+in\s+the\s+(?P<dp>morning|afternoon|evening|night))?"
            rf"{_DAY_AFTER_CLOCK}?"
        ),
        _clock,
    ),
    (
        re.compile(
            rf"(?i)\b(?P<h>[01]\d|2[0-3])(?P<min>[0-5]\d)(?P<ampm>)\s*(?-i:(?P<tz>{ZONE_NAMES}))\b{_DAY_AFTER_CLOCK}?"
        ),
        _clock,
    ),
    (
        re.compile(
            r"(?<![\d:.])(?<!\bat\s)\b(?P<h>\d{1,2}):(?P<min>[0-5]\d):(?P<sec>[0-5]\d)\b(?![:\d]|\s*(?:[ap]\.?m|UTC|GMT))"
        ),
        _race_time,
    ),
    # references without a date
    (re.compile(r"(?i)\b(?:(?:more\s+)?recently|lately)\b"), _ref("PAST_REF")),
    (
        re.compile(r"(?i)\bthe\s+past\b(?!\s+(?:decade|century|year|month|week|day|few|several|two|three|\d))"),
        _ref("PAST_REF"),
    ),
    (re.compile(r"(?i)\brecent(?:\s+(?:times|history))?\b"), _ref("PAST_REF")),
    (re.compile(r"(?i)\bat\s+(?P<ext>the\s+time)\b(?!\s+(?:of|when|that)\b)"), _ref("PAST_REF")),
    (
        re.compile(
            r"(?i)\b(?:at|by|until|till|since|from|before|after|around)\s+(?P<ext>that\s+(?P<unit>time|point|moment))\b"
            r"(?!\s+(?:of|when|that|next|last|this)\b)"
        ),
        _that_time,
    ),
    (re.compile(r"(?:(?<=^)|(?<=[.!?\n]\s)|(?<=\n))Earlier\b"), _ref("PAST_REF")),
    (
        re.compile(r"(?i)\b(?:now|at\s+present|nowadays|currently|these\s+days)\b(?!\s+that|-)"),
        _ref("PRESENT_REF"),
    ),
    (  # a capitalised "Current" inside a sentence is a name ("the journal Current Biology")
        re.compile(
            r"(?i)\b(?:(?-i:c)|(?<![A-Za-z,;]\s)(?-i:C))urrent\b"
            r"(?!\s+(?:accounts?|affairs|events|flows?|surplus|deficit)\b|-)"
        ),
        _ref("PRESENT_REF"),
    ),
    (re.compile(r"(?i)\bthe\s+time\s+being\b"), _ref("PRESENT_REF")),
    (re.compile(r"(?i)\bat\s+(?P<ext>the\s+moment)\b"), _ref("PRESENT_REF")),
    (
        re.compile(
            r"(?i)\b(?:the\s+(?:near\s+|distant\s+)?future|the\s+(?:near|short|long)\s+term"
            r"|(?<!as\s)(?<!-)(?:very\s+|quite\s+)?soon(?!\s+as\b|-))\b"
        ),
        _ref("FUTURE_REF"),
    ),
]

# Handlers whose reading counts from the moment of speaking: inside a quotation they count from the day
# the quoted words were said (the day in focus), not from the DCT.
DEICTIC: frozenset[Handler] = frozenset({_deictic_day, _this_part, _relative_unit})
