"""Anchoring: the tense of an expression's clause, and the second pass that resolves references to a day
named earlier in the text."""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date, timedelta

from khabar.extractors.timex.dates import REF, REF_DAY, _shift
from khabar.extractors.timex.reading import Reading, _day, _week_of

_FUTURE = re.compile(
    r"(?i)\b(?:will|shall|won't|'ll|going\s+to|is\s+to|are\s+to|(?<!was\s)(?<!were\s)due\s+to(?!\s+(?:a|an|the|its|their|his|her)\b)|scheduled|(?:is|are)\s+set\s+(?:to|for)|slated|poised|planned|plans?\s+to|expects?"
    r"|expected|intends?\s+to|would|next|upcoming|forthcoming)\b"
)
# A sentence ends at . ! ? before a capital, a digit or a quote, or at a line break; not after an initial
# ("R. Bolton", "U.S. officials"), nor after "a.m."/"p.m." unless a capitalised word follows ("3 a.m. local
# time", "3 a.m. UTC" go on; "6 a.m. Thailand ..." ends).
_SENTENCE_END = re.compile(
    r"(?<!\b[ap]\.m)(?<!\b[A-Z])[.!?]\s+(?=[\"“(]?[A-Z0-9])|(?<=\b[ap]\.m\.)\s+(?=[A-Z][a-z])|\n"
)
_NOT_TIME_AFTER = re.compile(r"\s*(?:min(?:ute)?s?\s+read|read\b|of\s+age\b)", re.I)  # "5 years of age": an age


_UNTIL_BEFORE = re.compile(r"(?i)\b(?:until|till|by|starting|beginning)\s+(?:on\s+)?$")
_CLAUSE_BREAK = re.compile(r"(?i)[,;:]|\b(?:that|which|who|but|and|because|after|before|when|while)\b")


_PAST_VERB = re.compile(
    r"(?i)\b(?:was|were|had|did|said|told|went|came|began|took|gave|made|met|left|saw|fell|rose|won|lost|held"
    r"|(?!(?:need|speed|feed|seed|bed|red|shed|hundred|indeed|exceed|proceed|succeed)\b)[a-z]{2,}ed)\b"
)
_PAST_STATE = re.compile(  # a past state reaching to the time named; a present perfect ("has continued") still runs
    r"(?i)\b(?:was|were|had|(?<!has\s)(?<!have\s)(?:remained|stayed|lasted|continued))\b"
)
_SCHEDULE_IN_CLAUSE = re.compile(  # a present-tense timetable: "the fair opens Saturday", "the vote is Tuesday"
    r"(?i)\b(?:opens?|begins?|starts?|resumes?|ends|closes?|expires|runs|kicks\s+off|takes\s+(?:place|effect|office)"
    r"|(?:goes|go|come|comes)\s+into\s+(?:effect|force)|enters?\s+into\s+force|is|are)\s+(?:on\s+|in\s+|at\s+)?$"
)
# Events that a schedule names, in the present tense: "the central bank meets Wednesday", "the team plays
# Sunday", "the company, which reports earnings Tuesday". With no past verb in the clause they look ahead.
_SCHEDULED_PRESENT = re.compile(
    r"(?i)\b(?:meets|votes|plays|reports|holds|hosts|faces|visits|arrives|leaves|travels|returns|launches"
    r"|releases|publishes|heads|flies|testifies|speaks|addresses|debates|decides|hears|considers|unveils"
    r"|convenes|celebrates|marks|wraps\s+up|kicks\s+off|goes\s+on\s+trial|goes\s+to\s+the\s+polls"
    r"|go\s+to\s+the\s+polls)\b"
)
# A deferral names the day it defers to: "the hearing was postponed until Tuesday" looks ahead.
_DEFERRED_TO = re.compile(
    r"(?i)\b(?:postponed|delayed|adjourned|deferred|put\s+off|pushed\s+back|rescheduled|moved|extended)"
    r"\s+(?:until|till|to)\s+(?:on\s+)?$"
)
_NOT_A_SUBJECT = frozenset(
    {"by", "the", "a", "an", "of", "in", "on", "for", "with", "from", "to", "at", "and", "or", "his", "her",
     "their", "its", "our", "my", "your", "recent", "latest", "early", "new", "media", "news", "press", "more"}
)  # fmt: skip


def _has_subject(before: str) -> bool:
    """Whether the words before a present-tense verb end in something that can be its subject (a noun or
    a name), not a determiner or preposition that makes the verb a noun ("By reports on Saturday")."""
    words = re.findall(r"[\w'’]+", before)
    return not words or words[-1].lower() not in _NOT_A_SUBJECT  # none: the clause opened at "which", "who"


_SCHEDULE_AFTER = re.compile(
    r"(?i)^\W*(?:will|shall|(?:is|are)\s+(?:set|due|scheduled|expected|slated|to)|(?:begins?|starts?|opens?"
    r"|resumes?|takes?\s+place|kicks?\s+off))\b"
)


# A past verb of the clause itself, lowercase (a capitalised "United" names a country), and not one of the
# participles news uses as adjectives before a noun ("armed forces", "the alleged plot").
_STATED_PAST_VERB = re.compile(
    r"\b(?:was|were|had|did|said|told|went|came|began|took|gave|made|met|left|saw|fell|rose|won|lost|held"
    r"|(?!(?:need|speed|feed|seed|bed|red|shed|hundred|indeed|exceed|proceed|succeed|alleged|armed|detailed"
    r"|limited|advanced|based|related|proposed|planned|expected|scheduled|so-called|called|named|unnamed"
    r"|unidentified|wanted|wounded|injured|qualified|skilled|united|reported|supposed|concerned|interested"
    r"|involved|continued|renewed|increased|reduced|mixed|fixed|closed|used|required)\b)[a-z]{2,}ed)\b"
)


_SPAN_END_BEFORE = re.compile(r"(?i)\b(?:until|till|by|through|to)\b")
_MODAL_OR_INFINITIVE = re.compile(r"(?i)\b(?:may|might|could|should|can|must|to|be|been|being)\b")


def _sentence_and_clause_before(text: str, start: int) -> tuple[str, str]:
    """The words before an expression in its sentence (at most 80 characters), and in its clause: back to
    a comma or a subordinator."""
    lo = max(text.rfind("\n", 0, start) + 1, start - 80, 0)
    window = text[lo:start]
    cut = [m.end() for m in _SENTENCE_END.finditer(window)]
    window = window[cut[-1] :] if cut else window
    breaks = [m.end() for m in _CLAUSE_BREAK.finditer(window)]
    return window, (window[breaks[-1] :] if breaks else window)


def stated_past(text: str, start: int, end: int) -> bool:
    """Whether the expression's clause states the past with its own verb ("the outbreaks were declared on
    February 6"), rather than reading as past only by the news default."""
    clause = _sentence_and_clause_before(text, start)[1]
    if _MODAL_OR_INFINITIVE.search(clause) or _SPAN_END_BEFORE.search(clause):
        return False  # "to be held on October 12", "may be signed", "had extended the order until May 1"
    verb = _STATED_PAST_VERB.search(clause)
    if verb is None or not clause[: verb.start()].strip():
        return False  # ", followed by the primary on February 29": a participle opening its phrase
    return _is_past_context(text, start, end)


def _is_past_context(text: str, start: int, end: int) -> bool:
    """Whether the clause of an expression reads as past (the news default) rather than future.

    The clause's own verb decides: future when a future cue ("will", "is due to", "plans to", "expected")
    stands earlier in the same clause, or the clause's verb right after the expression is future or
    scheduled ("Friday will see ...", "the summit opens Monday"); past when a past verb stands earlier
    ("fell from Monday's close", "stayed closed until Friday"); otherwise an expression that starts or
    ends a span ("until Friday", "by March", "from Monday") looks ahead. A cue beyond "that", "which", or
    a comma belongs to another clause: "announced Friday that it will give" is past.
    """
    window, clause = _sentence_and_clause_before(text, start)
    if _FUTURE.search(clause):
        return False
    if _DEFERRED_TO.search(window):
        return False
    if _UNTIL_BEFORE.search(window) and not _PAST_STATE.search(clause):
        return False  # "ordered markets closed until Friday": the end of the span lies ahead
    if _PAST_VERB.search(clause):
        return True
    if _SCHEDULE_IN_CLAUSE.search(clause) or _SCHEDULE_AFTER.match(text[end : end + 40]):
        return False
    scheduled = _SCHEDULED_PRESENT.search(clause)
    if scheduled and _has_subject(clause[: scheduled.start()]) and not _PAST_VERB.match(text, end + 1):
        return False  # "the central bank meets Wednesday"; not "By reports on Saturday", "reports Tuesday said"
    stop = _SENTENCE_END.search(text, end)
    after = text[end : stop.start() if stop else len(text)][:120]
    future, past = _FUTURE.search(after), _PAST_VERB.search(after)
    return not (future and (past is None or future.start() < past.start()))  # "From Friday, airports will ..."


def _sentence_bounds(text: str, position: int) -> tuple[int, int]:
    starts = [m.end() for m in _SENTENCE_END.finditer(text, max(0, position - 400), position)]
    stop = _SENTENCE_END.search(text, position)
    return (starts[-1] if starts else max(0, position - 400)), (stop.start() if stop else len(text))


_NAMES_ITS_DAY = re.compile(r"(?i)[a-z]day\b|tonight|tomorrow")
_PART_SUFFIX = {"night": "TNI", "morning": "TMO", "afternoon": "TAF", "evening": "TEV"}


def _anaphoric(reading: Reading, last_day: date | None, focus: Reading | None, dct: date | None) -> Reading:
    """A "REF:<unit>:<offset>" reading counted from the time in focus: the last day named for day units,
    the last date of any grain for longer ones, else the DCT."""
    _, unit, offset = (reading.value or "").split(":")[:3]
    n = int(offset)
    if unit == "focus":  # "by that time": the time in focus itself, whatever its grain
        return focus if focus is not None else Reading("PAST_REF", None, dct, "before")
    if unit in ("hour", "minute", "second"):  # "thirteen hours later": the day in focus (or the DCT's)
        anchor = last_day or dct
        return _day(anchor) if anchor else Reading(None, None, None, "day")
    if unit in ("day", *_PART_SUFFIX):
        anchor = last_day or dct
        if anchor is None:
            return Reading(None, None, None, "day")
        return _day(anchor + timedelta(days=n), _PART_SUFFIX.get(unit, ""))
    if unit == "year" and focus is not None and _FISCAL.fullmatch(focus.value or ""):
        return Reading(f"FY{int((focus.value or '')[2:]) + n}", None, None, "year")  # a fiscal year back
    if unit == "year" and n and focus is not None and focus.precision in ("quarter", "month") and focus.earliest:
        shifted = _shift(focus.earliest, "month", 12 * n)  # "a year earlier" than a quarter: that quarter then
        if focus.precision == "month":
            return shifted
        return _shift(focus.earliest, "quarter", 4 * n)
    coarser = focus is not None and _GRAIN.get(focus.precision, 0) > _GRAIN.get(unit, 9)
    if coarser and n == 0 and focus is not None and re.match(r"\d{4}", focus.value or "") and unit in ("week", "month"):
        marker = "-WXX" if unit == "week" else "-XX"  # "that month" of a year: a month of it, unknown which
        return Reading((focus.value or "")[:4] + marker, focus.earliest, focus.latest, focus.precision)
    anchor = focus.earliest if focus is not None and focus.earliest and not coarser else dct
    if anchor is None:
        return Reading(None, None, None, "day")
    if unit == "week":
        lo, hi, value = _week_of(anchor + timedelta(weeks=n))
        return Reading(value, lo, hi, "week")
    return _shift(anchor, unit, n)


def _far_period(
    text: str,
    chosen: list[tuple[int, int, Reading]],
    lo: int,
    hi: int,
    start: int,
    focus: Reading | None,
    dct: date | None,
) -> Reading | None:
    """The year or month a clock time with no day of its own falls in when that period lies away from the
    week of publication: one named in its sentence ("at 1:30 in 2015"), else the one in focus ("In 2014 ...
    She left at 2:00"). None when the time is as likely the DCT's day."""
    if dct is None:
        return None
    coarse = [
        (abs(s - start), r)
        for s, _, r in chosen
        if lo <= s < hi and r.precision in ("month", "year") and r.value and r.value[:1].isdigit()
    ]
    period = min(coarse, key=lambda c: c[0])[1] if coarse else focus
    if period is None or period.precision not in ("month", "year") or not period.earliest or not period.latest:
        return None
    near = timedelta(days=NEAR_DAYS)
    return period if period.latest < dct - near else None  # a past period; a future one names no clock


def _in_period(period: Reading, clock: str) -> Reading:
    """A clock time on an unknown day of a year or month: "2014-XX-XXT00:40", "2014-03-XXT00:40"."""
    head = (period.value or "")[:7] if period.precision == "month" else (period.value or "")[:4] + "-XX"
    return Reading(f"{head}-XX{clock}", period.earliest, period.latest, period.precision)


_FISCAL = re.compile(r"FY\d{4}")
# The grains of a focus and of a unit: "the previous month" after a year names no month of its own, so it
# counts from the DCT.
_GRAIN = {"day": 1, "week": 2, "month": 3, "quarter": 4, "season": 4, "year": 5, "decade": 6, "century": 7}


_THAT = f"{REF}:focus:"  # "by that time", "at that point"
# "That time" and a clock time's far period take a focus named within this many characters before them; in a
# long interview a date named paragraphs earlier is no longer the one meant ("at that time": PAST_REF).
FOCUS_REACH = 300

NEAR_DAYS = 7  # a clock time or a quotation told in the news belongs to the week around publication


def _recent(day: date | None, dct: date | None, ahead: int) -> date | None:
    """The day in focus when it lies within a week before the DCT (or ``ahead`` days after): a clock time or
    a quoted "today" further off is more likely the DCT's than that of a day named in passing."""
    if day is None or dct is None:
        return day
    return day if -NEAR_DAYS <= (day - dct).days <= ahead else None


def _in_quotation(text: str, position: int) -> bool:
    """Whether a position lies inside quoted words: an odd number of straight double quotes before it in its
    paragraph, or a curly opening quote not yet closed."""
    para = text[text.rfind("\n", 0, position) + 1 : position]
    if para.count('"') % 2 == 1 or para.count("``") > para.count("''"):
        return True
    return para.rfind("“") > para.rfind("”")


def _resolve_references(
    text: str,
    chosen: list[tuple[int, int, Reading]],
    dct: date | None,
    reread: Callable[[str, date], Reading | None] | None = None,
) -> list[Reading]:
    """Second pass: "the day", "the day before", "two years later" count from the time in focus (the last
    date named before them); a clock time with no day of its own takes the day named in its sentence
    ("Tuesday at 18:00 UTC"), else the day in focus ("Yesterday ... just after 7:30 a.m."), before the DCT's.
    Quoted words count from when they were said: "last night" in a statement given on a day named before
    counts from that day (TimeML anchors a quotation's times to its speech time)."""
    out: list[Reading] = []
    last_day: date | None = None
    focus: Reading | None = None  # the last date named, of any grain
    focus_end = -(10**9)  # where it was named
    speech_day: date | None = None  # the last day named outside quotations: when quoted words were said
    days = [(s, r) for s, _, r in chosen if r.precision == "day" and r.value and r.value[:1].isdigit()]
    for start, end, reading in chosen:
        quoted = _in_quotation(text, start)
        said = _recent(speech_day, dct, ahead=0)
        if reading.deictic and reread and said and said != dct and quoted:
            reading = reread(text[start:end], said) or reading
        if reading.value == REF_DAY:
            anchor = last_day or dct
            reading = _day(anchor) if anchor else Reading(None, None, None, "day")
        elif reading.value and reading.value.startswith(REF + ":"):
            if reading.value.endswith(":compare"):
                out.append(_anaphoric(reading, last_day, focus, dct))
                continue
            near_focus = focus if start - focus_end <= FOCUS_REACH else None
            reading = _anaphoric(reading, last_day, near_focus if reading.value.startswith(_THAT) else focus, dct)
        elif reading.value and "T" in reading.value and ":" in reading.value:
            lo, hi = _sentence_bounds(text, start)
            near = [
                (abs(s - start), r)
                for s, r in days
                if lo <= s < hi and s != start and r.earliest and not (r.value and ":" in r.value)
            ]
            if not _NAMES_ITS_DAY.search(text[start:end]):
                clock = reading.value[reading.value.index("T") :]
                day = min(near, key=lambda n: n[0])[1].earliest if near else _recent(last_day, dct, ahead=7)
                if day is not None:  # else the DCT's day it already has
                    reading = _day(day, clock)
                elif (
                    period := _far_period(
                        text, chosen, lo, hi, start, focus if start - focus_end <= FOCUS_REACH else None, dct
                    )
                ) is not None:
                    reading = _in_period(period, clock)
        if reading.value and _FISCAL.fullmatch(reading.value):
            focus, focus_end = reading, end  # "the same period of the last year" after a fiscal year: the one before
        if reading.earliest and reading.value and reading.value[:1].isdigit():
            focus, focus_end = reading, end
            if reading.precision == "day":
                last_day = reading.earliest
                if not quoted:
                    speech_day = reading.earliest
        out.append(reading)
    return out
