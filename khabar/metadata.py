"""Article metadata checked at the door: publication dates, URLs, titles and outlet names.

Every reader and the Python API (``Article.new``) pass an article's metadata through here, so a date a
source got wrong ("2020-13-45", "0001-01-01", "9999-12-31") is refused the same way wherever it comes
from. Each ``clean_*`` function returns the cleaned value or raises :class:`BadField` (a ValueError naming
the field and the value); ``check_metadata`` is the lenient form readers use: a refused field becomes
None and a :class:`FieldWarning`, and the article is kept.

A wrong publication date is worse than none: every relative date in the text ("on Friday", "last
month") is resolved against it.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from email.utils import parsedate_to_datetime
from typing import TypeVar

T = TypeVar("T")

# The plausible window for a news article's publication date: on or after EARLIEST, and at most
# FUTURE_SLACK after the day of the ingest (a feed in UTC+14 is already on tomorrow's date).
EARLIEST = date(1900, 1, 1)
FUTURE_SLACK = timedelta(days=1)
# Length limits, in characters. URLs: the sitemaps.org protocol's limit for a page URL (<loc>, "less than
# 2,048 characters"), the longest a crawler is asked to keep. Titles: a headline is a line, not a page
# (news headlines run under 200 characters; 1,000 leaves room for a headline with its deck). Outlets:
# a host name is at most 253 characters (RFC 1035), and a name of an outlet is shorter than that.
MAX_URL_CHARS = 2048
MAX_TITLE_CHARS = 1000
MAX_OUTLET_CHARS = 253
# URL schemes a browser runs or renders inline when the link is followed: never an article's address,
# and a stored one would be a live script link on the page (khabar serve links each article's URL).
SCRIPT_SCHEMES = ("javascript:", "vbscript:", "data:")

_SHOWN_CHARS = 80
# Controls that reorder text (bidi embeddings, overrides, isolates): in a one-line field they only spoof.
_BIDI_CONTROLS = "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"
_SURROGATES = re.compile("[\ud800-\udfff]")
_WHITESPACE = re.compile(r"\s+")
_WEEKDAY = re.compile(r"^(?:mon|tue|wed|thu|fri|sat|sun)[a-z]*\.?,?\s+", re.IGNORECASE)
_ORDINAL = re.compile(r"(?<=\d)(?:st|nd|rd|th)\b", re.IGNORECASE)
_UTC_NAME = re.compile(r"\s*(?:UTC|GMT)$", re.IGNORECASE)
_PARTIAL_ISO = re.compile(r"^\d{4}(?:-\d{2})?$")
_ISO_LIKE = re.compile(r"^\d{4}-\d{2}-\d{2}(?:$|[T ])")
_NUMERIC_DMY = re.compile(r"^(\d{1,2})[/.](\d{1,2})[/.](\d{4})$")
_SLASHED_YMD = re.compile(r"^(\d{4})[/.](\d{1,2})[/.](\d{1,2})$")
# Dates written with the month's name, as scrapers and some feeds give them ("9 July 2021", "Jul 9, 2021").
_NAMED_MONTH_FORMATS = ("%d %B %Y", "%d %b %Y", "%B %d %Y", "%b %d %Y")


class BadField(ValueError):
    """A metadata value refused: which field, the value as given, why, and a stable code."""

    def __init__(self, field: str, value: object, reason: str, code: str) -> None:
        self.field = field
        self.value = shown(value)
        self.reason = reason
        self.code = code
        super().__init__(f"{field} {self.value}: {reason}")


@dataclass(frozen=True)
class FieldWarning:
    """A field a reader refused while keeping its article; listed and counted like skips.

    ``source`` is where the value was read (``file:line``, ``file:row N``, ``file#entry N``);
    ``message`` is the line an ingest summary shows.
    """

    source: str
    field: str
    value: str
    reason: str
    code: str

    @property
    def message(self) -> str:
        return f"{self.field} {self.value}: {self.reason}"


@dataclass(frozen=True)
class Metadata:
    """An article's metadata after the checks: every value clean, or None where it was refused."""

    published: date | None = None
    url: str | None = None
    title: str | None = None
    outlet: str | None = None


def shown(value: object) -> str:
    """The value as a message quotes it: repr, cut to a readable length."""
    text = repr(value)
    return text if len(text) <= _SHOWN_CHARS else text[: _SHOWN_CHARS - 4] + "...'"


def today_utc() -> date:
    return datetime.now(UTC).date()


# dates ------------------------------------------------------------------------------------------------


def clean_published(value: object, *, field: str = "published", today: date | None = None) -> date | None:
    """A publication date from a date, an ISO 8601 string (with or without time and zone), an RFC 822/2822
    date (RSS), a date with the month's name, or a number of Unix seconds (or milliseconds) from JSON.

    None or blank is None. Raises BadField (code ``bad-date``) for what is not a date, and
    (``implausible-date``) for a date before 1900 or more than a day after ``today`` (default: today, UTC).
    """
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    found = to_date(value, field)
    limit = (today or today_utc()) + FUTURE_SLACK
    if found < EARLIEST:
        reason = f"{found.isoformat()} is before {EARLIEST.year}: not a plausible publication date"
        raise BadField(field, value, reason, "implausible-date")
    if found > limit:
        ingest = limit - FUTURE_SLACK
        reason = f"{found.isoformat()} is more than a day after the ingest ({ingest}): not a plausible publication date"
        raise BadField(field, value, reason, "implausible-date")
    return found


def to_date(value: object, field: str = "published") -> date:
    """The date ``value`` names, plausible or not; BadField (``bad-date``) when it names none."""
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if isinstance(value, bool):  # a bool is an int to Python, never a date to anyone
        raise BadField(field, value, "a true/false value is not a date", "bad-date")
    if isinstance(value, int | float):
        return _from_unix(value, field)
    if not isinstance(value, str):
        reason = f"a {type(value).__name__} is not a date; give a string like 2021-07-09"
        raise BadField(field, value, reason, "bad-date")
    return _from_text(value.strip(), field)


def _from_unix(value: float, field: str) -> date:
    """JSON numbers are Unix time: seconds, or milliseconds when seconds would be past the year 5000."""
    seconds = value / 1000 if abs(value) >= 1e11 else value
    try:
        return datetime.fromtimestamp(seconds, UTC).date()
    except (OverflowError, OSError, ValueError):
        reason = "a number that is not a Unix time in seconds or milliseconds"
        raise BadField(field, value, reason, "bad-date") from None


def _from_text(text: str, field: str) -> date:
    """The calendar date as written (the outlet's own day: a zone shifts the instant, not the dateline)."""
    iso = _UTC_NAME.sub("+00:00", text) if text[:1].isdigit() else text
    try:
        return datetime.fromisoformat(iso).date()
    except ValueError as exc:
        iso_error = str(exc)
    try:
        return parsedate_to_datetime(text).date()  # RSS pubDate: "Fri, 09 Jul 2021 14:00:00 GMT"
    except (ValueError, TypeError, IndexError, OverflowError):
        pass
    named = _ORDINAL.sub("", _WEEKDAY.sub("", text)).replace(",", " ")
    named = " ".join(named.split())
    for form in _NAMED_MONTH_FORMATS:
        try:
            return datetime.strptime(named, form).date()
        except ValueError:
            continue
    slashed = _SLASHED_YMD.match(text)
    if slashed:
        try:
            return date(*(int(part) for part in slashed.groups()))
        except ValueError as exc:
            raise BadField(field, text, f"is not a date: {exc}", "bad-date") from None
    if _PARTIAL_ISO.match(text):
        raise BadField(field, text, "names a year or a month, not a day", "bad-date")
    numeric = _NUMERIC_DMY.match(text)
    if numeric and int(numeric.group(1)) <= 12 and int(numeric.group(2)) <= 12:
        raise BadField(field, text, "is ambiguous (day/month or month/day); write it as YYYY-MM-DD", "bad-date")
    if numeric:
        first, second, year = (int(part) for part in numeric.groups())
        day, month = (first, second) if first > 12 else (second, first)
        try:
            return date(year, month, day)
        except ValueError as exc:
            raise BadField(field, text, f"is not a date: {exc}", "bad-date") from None
    if _ISO_LIKE.match(text):  # shaped like ISO 8601 but no such day or time: say what is wrong
        raise BadField(field, text, f"is not a date: {iso_error}", "bad-date")
    reason = "is not a date; give ISO 8601 (2021-07-09, 2021-07-09T14:00:00Z) or RFC 822 (Fri, 09 Jul 2021 14:00 GMT)"
    raise BadField(field, text, reason, "bad-date")


# text fields ------------------------------------------------------------------------------------------


def one_line(value: str) -> str:
    """A one-line field cleaned: no control or bidi-override characters, whitespace runs as one space,
    lone surrogates (from JSON ``\\ud800`` escapes) as U+FFFD, nothing at either end."""
    value = _SURROGATES.sub("\ufffd", value)
    value = _WHITESPACE.sub(" ", value)  # before controls go: a tab or newline still separates words
    kept = (ch for ch in value if ch not in _BIDI_CONTROLS and unicodedata.category(ch) != "Cc")
    return "".join(kept).strip()


def clean_title(value: object) -> str | None:
    """The title on one line, or None when nothing is left; BadField (``bad-title``) when over the limit."""
    if value is None:
        return None
    if not isinstance(value, str):
        raise BadField("title", value, f"a {type(value).__name__} is not a title", "bad-title")
    title = one_line(value)
    if len(title) > MAX_TITLE_CHARS:
        reason = f"has {len(title):,} characters, over the limit of {MAX_TITLE_CHARS:,} for a title"
        raise BadField("title", value, reason, "bad-title")
    return title or None


def clean_outlet(value: object) -> str | None:
    """The outlet name on one line, or None; BadField (``bad-outlet``) when over the limit."""
    if value is None:
        return None
    if not isinstance(value, str):
        raise BadField("outlet", value, f"a {type(value).__name__} is not an outlet name", "bad-outlet")
    outlet = one_line(value)
    if len(outlet) > MAX_OUTLET_CHARS:
        reason = f"has {len(outlet):,} characters, over the limit of {MAX_OUTLET_CHARS} for an outlet name"
        raise BadField("outlet", value, reason, "bad-outlet")
    return outlet or None


def clean_url(value: object) -> str | None:
    """The URL without surrounding whitespace or any control character (a URL has neither: a newline in
    one is a line wrap in the source), or None; BadField (``bad-url``) when over the limit or a script."""
    if value is None:
        return None
    if not isinstance(value, str):
        raise BadField("url", value, f"a {type(value).__name__} is not a URL", "bad-url")
    url = _SURROGATES.sub("\ufffd", value)
    url = "".join(ch for ch in url if ch not in _BIDI_CONTROLS and unicodedata.category(ch) != "Cc").strip()
    if len(url) > MAX_URL_CHARS:
        reason = f"has {len(url):,} characters, over the limit of {MAX_URL_CHARS:,} for a URL"
        raise BadField("url", value, reason, "bad-url")
    if url.lower().replace(" ", "").startswith(SCRIPT_SCHEMES):
        raise BadField("url", value, "is a script or inline-data link, not the address of an article", "bad-url")
    return url or None


# all of them --------------------------------------------------------------------------------------------


def check_metadata(
    source: str,
    *,
    published: object = None,
    published_field: str = "published",
    url: object = None,
    title: object = None,
    outlet: object = None,
    today: date | None = None,
) -> tuple[Metadata, list[FieldWarning]]:
    """Every field checked; a refused one is None in the result and a FieldWarning naming ``source``."""
    warnings: list[FieldWarning] = []

    def kept(check: Callable[[], T]) -> T | None:
        try:
            return check()
        except BadField as bad:
            warnings.append(FieldWarning(source, bad.field, bad.value, bad.reason, bad.code))
            return None

    meta = Metadata(
        published=kept(lambda: clean_published(published, field=published_field, today=today)),
        url=kept(lambda: clean_url(url)),
        title=kept(lambda: clean_title(title)),
        outlet=kept(lambda: clean_outlet(outlet)),
    )
    return meta, warnings
