"""The rules: each pattern with the handler that reads its match, longest match winning at recognition."""

from __future__ import annotations

import re

from khabar.extractors.timex.dates import (
    _ago,
    _clock,
    _decade,
    _deictic_day,
    _full_date,
    _half,
    _iso,
    _month_alone,
    _month_day,
    _month_year,
    _numeric_date,
    _quarter,
    _relative_unit,
    _season,
    _short_year,
    _the_day,
    _this_part,
    _weekday,
    _year,
)
from khabar.extractors.timex.durations import _duration, _ref, _set, _vague_duration
from khabar.extractors.timex.lexicon import (
    _DAY,
    _EDGE,
    _MONTH,
    _NOT_NUMBER_AFTER,
    _NOT_NUMBER_BEFORE,
    _NUM,
    _UNIT,
    _WEEKDAY,
    _YEAR,
)
from khabar.extractors.timex.reading import Handler

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
