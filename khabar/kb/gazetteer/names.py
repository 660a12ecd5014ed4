"""Place-name keys: folding, the exact key, the transliteration skeleton and area words."""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

_ARTICLES = frozenset(
    [
        "al",
        "el",
        "ad",
        "an",
        "ar",
        "as",
        "ash",
        "at",
        "az",
        "adh",
        "ath",
        "ud",
        "ul",
        "ed",
        "es",
        "et",
        "er",
        "en",
        "the",
    ]
)
# Words naming what kind of area a name is; stripped to find the name itself ("Herat province").
AREA_WORDS = frozenset(
    [
        "governorate",
        "province",
        "region",
        "state",
        "oblast",
        "department",
        "district",
        "prefecture",
        "municipality",
        "division",
        "territory",
        "county",
        "krai",
        "kray",
        "wilayah",
        "wilayat",
        "muhafazat",
        "raion",
        "rayon",
        # lower units by their national names: "East Aceh Regency" is East Aceh, "Dibat Woreda" Dibat
        "regency",
        "woreda",
        "tehsil",
        "upazila",
        "subdistrict",
        "commune",
        "lga",
    ]
)
_APOSTROPHES = str.maketrans("", "", "'’‘ʻʼʾʿ`´")
_NON_WORD = re.compile(r"[^0-9a-z]+")
# ASCII text in one pass (a lookup's hot path): apostrophes dropped, upper to lower, other non-alnum to space.
_ASCII_KEY = str.maketrans(
    {c: (None if c in "'`" else c.lower() if c.isalnum() else " ") for c in map(chr, range(128))}
)
_DIGRAPHS = (("kh", "k"), ("gh", "g"), ("ph", "f"), ("dh", "d"), ("th", "t"), ("sh", "s"), ("ch", "c"))
# qzcwxj -> kskvkj and vowels dropped, in one translate (none of the targets is a vowel, so order is moot)
_LOOSE_LETTERS = str.maketrans("qzcwxj", "kskvkj", "aeiouy")
_VOWEL_H = re.compile(r"(?<=[aeiouy])h(?= |$)")
_VOWEL_W = re.compile(r"(?<=[aeiouy])w")
_DOUBLES = re.compile(r"(.)\1+")


class _Marks(dict[int, int | None]):
    """A str.translate table that drops combining marks, filled in as characters are first met (a table of
    all of Unicode would take long to build); the apostrophe-like marks are dropped too."""

    def __missing__(self, code: int) -> int | None:
        self[code] = keep = None if unicodedata.combining(chr(code)) else code
        return keep


_DROP_MARKS = _Marks(_APOSTROPHES)


def fold(text: str) -> str:
    """Lower case ASCII-ish text: diacritics, apostrophes and ayn/hamza marks removed."""
    if text.isascii():
        return text.translate(_APOSTROPHES).lower()
    return (
        unicodedata.normalize("NFKD", text.translate(_APOSTROPHES))
        .translate(_DROP_MARKS)
        .lower()
        .translate(_APOSTROPHES)
    )


_DOTTED = re.compile(r"(?<![A-Za-z])((?:[A-Za-z]\.){2,})")


def _undot(match: re.Match[str]) -> str:
    return match.group(1).replace(".", "")


def _name_key(text: str) -> str:
    if "." in text:  # "U.S." and "D.C." are one word, as "US" and "DC" are
        text = _DOTTED.sub(_undot, text)
    # ASCII, the common case, skips the regex split (the words are the same [0-9a-z]+ runs)
    words = text.translate(_ASCII_KEY).split() if text.isascii() else [w for w in _NON_WORD.split(fold(text)) if w]
    if _ARTICLES.isdisjoint(words):
        return " ".join(words)
    kept = [w for w in words if w not in _ARTICLES]
    return " ".join(kept or words)


def _skeleton(key: str) -> str:
    """The loose key of an exact key. Per word: digraphs to one letter, a final h after a vowel and any w
    after a vowel dropped, qzcwxj -> kskvkj, vowels dropped, doubled letters made single; then the words
    joined. Done on the whole key at once: no rule reaches across the spaces between its [0-9a-z]+ words."""
    for a, b in _DIGRAPHS:
        if a in key:
            key = key.replace(a, b)
    if "h" in key:
        key = _VOWEL_H.sub("", key)
    if "w" in key:
        key = _VOWEL_W.sub("", key)
    key = key.translate(_LOOSE_LETTERS)
    if _DOUBLES.search(key):
        key = _DOUBLES.sub(r"\1", key)
    return key.replace(" ", "")


@lru_cache(maxsize=100_000)
def name_key(text: str) -> str:
    """The exact lookup key: folded, punctuation to spaces, Arabic/English articles dropped."""
    return _name_key(text)


@lru_cache(maxsize=100_000)
def loose_key(text: str) -> str:
    """A consonant skeleton for transliteration variants: "Eslam Qaleh" and "Islam Qala" both -> "slmkl"."""
    return _skeleton(name_key(text))


_NOT_LATIN = re.compile(r"[^\u0000-\u024f\u1e00-\u1eff\u2018\u2019\u02bb-\u02bf]")


def is_latin(text: str) -> bool:
    """True for Latin-script names: names in other scripts cannot match English news text."""
    return bool(text) and (text.isascii() or _NOT_LATIN.search(text) is None)


def strip_area_word(name: str) -> tuple[str, str | None]:
    """("Herat province" -> "Herat", "province"); names without an area word come back unchanged."""
    words = name.split()
    if len(words) > 1 and words[-1].lower() in AREA_WORDS:
        return " ".join(words[:-1]), words[-1].lower()
    if len(words) > 2 and words[0].lower() in AREA_WORDS and words[1].lower() == "of":
        return " ".join(words[2:]), words[0].lower()
    return name, None


_ADMIN_PREFIXES = re.compile(r"^(muhafazat|wilayat-e|wilayat|mayorality of|province of|provincia de)\s+", re.I)


def clean_admin_name(name: str) -> str:
    """GeoNames admin1 names as people say them: "Muhafazat Hadramawt" -> "Hadramawt"."""
    name = _ADMIN_PREFIXES.sub("", name.strip())
    return strip_area_word(name)[0] or name
